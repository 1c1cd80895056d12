package extract_test

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"chronicle/internal/ingest"
	"chronicle/internal/news"
)

var (
	indiaVerbose = flag.Bool("india.v", false, "log the IndiaPoliceEvents documents the coder gets wrong, by question")
	indiaSents   = flag.String("india.sents", "", "for one question (KILL, ARREST, FORCE, ANY_ACTION), log the gold sentences and coded events of the even-numbered documents the coder gets wrong")
)

// indiaDoc is one IndiaPoliceEvents document: a Times of India article
// of March 2002, mostly lower-cased and full of mojibake, and the questions
// about the police its annotators answered "yes" to.
type indiaDoc struct {
	ID     int      `json:"doc_id"`
	Text   string   `json:"doc_text"`
	Labels []string `json:"doc_labels"`
	Date   string   `json:"-"`
}

// indiaQuestions are the corpus's questions about the police, each with
// the events that answer it: coded events whose source is the police or,
// for arrests, unnamed ("20 people were arrested"). "Did police use force
// or violence?" is answered by assaults alone: curfews, raids, bans and
// seizures are coercion without force.
var indiaQuestions = []struct {
	label  string
	answer func(e news.Event) bool
}{
	{"KILL", func(e news.Event) bool {
		return e.Type == news.Assault && police(e) && e.Quantities["killed"] > 0
	}},
	{"ARREST", func(e news.Event) bool {
		return e.Type == news.Coerce && e.Mode == "arrest" && (police(e) || e.Source.IsZero())
	}},
	{"FORCE", func(e news.Event) bool {
		return police(e) && e.Type == news.Assault
	}},
	{"ANY_ACTION", func(e news.Event) bool { return police(e) }},
}

// police reports whether the police are on the event's source side.
func police(e news.Event) bool {
	for _, a := range append([]news.Actor{e.Source}, e.Sources...) {
		if a.Sector == news.SectorPolice {
			return true
		}
	}
	return false
}

// readIndiaDocs reads the documents with their publication dates.
func readIndiaDocs(t *testing.T) []indiaDoc {
	t.Helper()
	docsPath := eventData(t, "indiapoliceevents", "data/final/docs.jsonl")
	metaPath := eventData(t, "indiapoliceevents", "data/final/metadata.jsonl")
	dates := map[int]string{}
	eachJSONLine(t, metaPath, func(line []byte) error {
		var m struct {
			ID   int    `json:"doc_id"`
			Date string `json:"date"`
		}
		err := json.Unmarshal(line, &m)
		dates[m.ID] = m.Date
		return err
	})
	var docs []indiaDoc
	eachJSONLine(t, docsPath, func(line []byte) error {
		var d indiaDoc
		err := json.Unmarshal(line, &d)
		d.Date = dates[d.ID]
		docs = append(docs, d)
		return err
	})
	return docs
}

// eachJSONLine calls fn with every line of a JSONL file.
func eachJSONLine(t *testing.T, path string, fn func([]byte) error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if err := fn(sc.Bytes()); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
}

// readIndiaArticle reads a document the way `chronicle ingest` reads a
// JSONL record, mojibake repair included.
func readIndiaArticle(d indiaDoc) (*news.Article, error) {
	rec, err := json.Marshal(map[string]string{"id": fmt.Sprint(d.ID), "published": d.Date, "text": d.Text})
	if err != nil {
		return nil, err
	}
	var a *news.Article
	err = ingest.Read(context.Background(), "-", strings.NewReader(string(rec)+"\n"), ingest.Options{}, func(it ingest.Item) error {
		if it.Err != nil {
			return it.Err
		}
		a = it.Article
		return nil
	})
	if err == nil && a == nil {
		err = fmt.Errorf("document %d: no article read", d.ID)
	}
	return a, err
}

// TestIndiaPoliceEvents scores document-level answers to the corpus's
// questions about the police ("did police arrest someone?") from the
// coded events, on lower-cased wire copy with mojibake: a test of the
// coder on text without the capitals recognition leans on.
func TestIndiaPoliceEvents(t *testing.T) {
	docs := readIndiaDocs(t)
	if len(docs) == 0 {
		t.Fatal("no IndiaPoliceEvents documents read")
	}
	st := newEventStack(t)
	answers := make([]map[string]bool, len(docs))
	events := make([][]indiaEvent, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	errs := make([]error, len(docs))
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				a, err := readIndiaArticle(docs[i])
				if err != nil {
					errs[i] = err
					continue
				}
				st.code(a)
				answers[i] = map[string]bool{}
				for _, e := range a.Events {
					if *indiaSents != "" {
						events[i] = append(events[i], indiaEvent{a.Text[e.Evidence[0].Span.Start:e.Evidence[0].Span.End], describeIndiaEvent(a, e)})
					}
					if e.Negated || e.Modality != "" {
						continue
					}
					for _, q := range indiaQuestions {
						if q.answer(e) {
							answers[i][q.label] = true
						}
					}
				}
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	// Floors just under the measured figures: document-level F1 per question.
	floors := map[string]float64{"KILL": 0.74, "ARREST": 0.78, "FORCE": 0.78, "ANY_ACTION": 0.63}
	for _, q := range indiaQuestions {
		var all, even, odd [3]int // tp, fp, fn
		var wrong []string
		for i, d := range docs {
			gold, got := slices.Contains(d.Labels, q.label), answers[i][q.label]
			k := -1
			switch {
			case gold && got:
				k = 0
			case got:
				k = 1
				wrong = append(wrong, fmt.Sprintf("false %d", d.ID))
			case gold:
				k = 2
				wrong = append(wrong, fmt.Sprintf("missed %d", d.ID))
			}
			if k < 0 {
				continue
			}
			all[k]++
			if d.ID%2 == 0 {
				even[k]++
			} else {
				odd[k]++
			}
		}
		p, r, f := countsPRF(all)
		t.Logf("IndiaPoliceEvents %-10s documents: P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d of %d)", q.label, p, r, f, all[0], all[1], all[2], len(docs))
		for _, half := range []struct {
			name string
			n    [3]int
		}{{"even", even}, {"odd (held out)", odd}} {
			hp, hr, hf := countsPRF(half.n)
			t.Logf("  %s doc_ids: P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)", half.name, hp, hr, hf, half.n[0], half.n[1], half.n[2])
		}
		if *indiaVerbose {
			t.Logf("%s: %s", q.label, strings.Join(wrong, ", "))
		}
		if q.label == *indiaSents {
			logIndiaSentences(t, docs, answers, events, q.label)
		}
		if f < floors[q.label] {
			t.Errorf("%s F1 %.3f, want >= %.2f", q.label, f, floors[q.label])
		}
	}
}

// describeIndiaEvent renders a coded event for error analysis: type,
// mode, source, target, trigger and quantities.
func describeIndiaEvent(a *news.Article, e news.Event) string {
	var src []string
	for _, x := range append([]news.Actor{e.Source}, e.Sources...) {
		if !x.IsZero() {
			src = append(src, x.Name+"/"+string(x.Sector))
		}
	}
	flags := ""
	if e.Negated {
		flags += " negated"
	}
	if e.Modality != "" {
		flags += " " + e.Modality
	}
	return fmt.Sprintf("%s %s [%s] -> %s %q%s %v", e.Type, e.Mode, strings.Join(src, ","), e.Target.Name, a.Text[e.Trigger.Start:e.Trigger.End], flags, e.Quantities)
}

// indiaEvent is a coded event as the error analysis shows it: the text of
// its sentence and a description.
type indiaEvent struct {
	sentence, desc string
}

// logIndiaSentences logs, for the even-numbered documents the coder gets
// wrong on one question, the sentences the annotators labelled with it
// and every event coded in the document.
func logIndiaSentences(t *testing.T, docs []indiaDoc, answers []map[string]bool, events [][]indiaEvent, label string) {
	t.Helper()
	gold := map[int][]string{}
	path := eventData(t, "indiapoliceevents", "data/final/sents.jsonl")
	eachJSONLine(t, path, func(line []byte) error {
		var s struct {
			Doc    int      `json:"doc_id"`
			Text   string   `json:"sent_text"`
			Labels []string `json:"sent_labels"`
		}
		err := json.Unmarshal(line, &s)
		if slices.Contains(s.Labels, label) {
			gold[s.Doc] = append(gold[s.Doc], s.Text)
		}
		return err
	})
	for i, d := range docs {
		want, got := slices.Contains(d.Labels, label), answers[i][label]
		if d.ID%2 != 0 || want == got {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "doc %d want %v got %v\n", d.ID, want, got)
		shown := map[int]bool{}
		for _, s := range gold[d.ID] {
			fmt.Fprintf(&b, "  gold: %s\n", strings.TrimSpace(s))
			for k, e := range events[i] {
				if strings.Contains(e.sentence, strings.TrimSpace(s)) || strings.Contains(strings.TrimSpace(s), strings.TrimSpace(e.sentence)) {
					fmt.Fprintf(&b, "    event: %s\n", e.desc)
					shown[k] = true
				}
			}
		}
		for k, e := range events[i] {
			if !shown[k] {
				fmt.Fprintf(&b, "  event: %s\n", e.desc)
			}
		}
		t.Log(b.String())
	}
}

// countsPRF returns precision, recall and F1 from true positives, false
// positives and false negatives.
func countsPRF(n [3]int) (p, r, f float64) {
	return ploverScore{tp: n[0], pred: n[0] + n[1], gold: n[0] + n[2]}.prf()
}
