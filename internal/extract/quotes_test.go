package extract_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"chronicle/internal/extract"
	"chronicle/internal/kb"
	"chronicle/internal/news"
	"chronicle/internal/resolve"

	"github.com/google/go-cmp/cmp"
)

// quoteStack is the pipeline up to quotes: split, recognise, resolve,
// find quotes.
type quoteStack struct {
	rec    *extract.Recognizer
	res    *resolve.Resolver
	finder *extract.QuoteFinder
}

var loadQuoteStack = sync.OnceValues(func() (*quoteStack, error) {
	k, err := kb.Load()
	if err != nil {
		return nil, err
	}
	sp, err := kb.LoadSpeech()
	if err != nil {
		return nil, err
	}
	return &quoteStack{rec: extract.NewRecognizer(k), res: resolve.New(k), finder: extract.NewQuoteFinder(sp)}, nil
})

func newQuoteStack(t testing.TB) *quoteStack {
	t.Helper()
	s, err := loadQuoteStack()
	if err != nil {
		t.Fatalf("load knowledge: %v", err)
	}
	return s
}

// run codes a: split, recognise, resolve, quotes.
func (s *quoteStack) run(a *news.Article) {
	extract.Split(a)
	s.rec.Mentions(a)
	s.res.Resolve(a)
	s.finder.Quotes(a)
}

// briefQuote renders a quote as `kind "text" by speaker @"speaker words"`,
// or `kind "text" by -` without a speaker.
func briefQuote(a *news.Article, q news.Quote) string {
	if q.Speaker == nil {
		return fmt.Sprintf("%s %q by -", q.Kind, q.Text)
	}
	return fmt.Sprintf("%s %q by %s @%q", q.Kind, q.Text, q.Speaker.Name, a.Text[q.SpeakerSpan.Start:q.SpeakerSpan.End])
}

// checkQuotes reports quotes whose spans break the finder's promises.
func checkQuotes(t testing.TB, a *news.Article) {
	t.Helper()
	ids := map[string]bool{}
	for _, q := range a.Quotes {
		spans := []news.Span{q.Span}
		if q.Speaker != nil {
			spans = append(spans, q.SpeakerSpan)
		}
		for _, s := range spans {
			if s.Start < 0 || s.End > len(a.Text) || s.Start > s.End {
				t.Fatalf("quote %q (%s): span %v out of [0, %d]", q.Text, q.Rule, s, len(a.Text))
			}
			for _, off := range []int{s.Start, s.End} {
				if quoteSplitsRune(a.Text, off) {
					t.Fatalf("quote %q: span %v splits a character", q.Text, s)
				}
			}
		}
		if got := a.Text[q.Span.Start:q.Span.End]; got != q.Text {
			t.Fatalf("quote Text = %q, want a.Text[Span] = %q", q.Text, got)
		}
		if q.Text == "" {
			t.Fatalf("quote %+v has no text", q)
		}
		if q.Speaker == nil && q.SpeakerSpan != (news.Span{}) {
			t.Fatalf("quote %q: SpeakerSpan %v without a speaker", q.Text, q.SpeakerSpan)
		}
		if q.Speaker != nil && q.SpeakerSpan.Len() == 0 {
			t.Fatalf("quote %q: speaker %v without SpeakerSpan", q.Text, q.Speaker)
		}
		switch q.Rule {
		case "scare", "title", "nickname":
			if q.Speaker != nil {
				t.Fatalf("%s %q has speaker %v, want none", q.Rule, q.Text, q.Speaker)
			}
		}
		if ids[q.ID] {
			t.Fatalf("quote id %s is not unique", q.ID)
		}
		ids[q.ID] = true
	}
}

// quoteSplitsRune reports whether offset off falls inside a well-formed
// UTF-8 character of s. Bytes of malformed input are characters of
// their own.
func quoteSplitsRune(s string, off int) bool {
	for back := 1; back < utf8.UTFMax && off-back >= 0; back++ {
		if _, n := utf8.DecodeRuneInString(s[off-back:]); n > back {
			return true
		}
	}
	return false
}

func TestQuotes(t *testing.T) {
	tests := []quoteCase{
		// Typography.
		{"straight quotes, cue after, inverted", `"We will not retreat," said Jane Roe.`,
			[]string{`direct "We will not retreat" by Jane Roe @"Jane Roe"`}},
		{"curly quotes, cue after", "“We will not retreat,” Jane Roe said.",
			[]string{`direct "We will not retreat" by Jane Roe @"Jane Roe"`}},
		{"single quotes nested in double", `"He told me 'never again' and left," Jane Roe said.`,
			[]string{`direct "He told me 'never again' and left" by Jane Roe @"Jane Roe"`}},
		{"single quotes on their own", "‘We will not retreat,’ Jane Roe said. The ministers’ plan failed.",
			[]string{`direct "We will not retreat" by Jane Roe @"Jane Roe"`}},
		{"guillemets", "«Nous ne céderons pas», Jane Roe said.",
			[]string{`direct "Nous ne céderons pas" by Jane Roe @"Jane Roe"`}},
		{"reversed guillemets", "»Wir geben nicht auf«, said Jane Roe.",
			[]string{`direct "Wir geben nicht auf" by Jane Roe @"Jane Roe"`}},
		{"low-high quotes", "„Wir geben nicht auf“, said Jane Roe.",
			[]string{`direct "Wir geben nicht auf" by Jane Roe @"Jane Roe"`}},
		{"doubled apostrophes", "''We will not retreat,'' said Jane Roe.",
			[]string{`direct "We will not retreat" by Jane Roe @"Jane Roe"`}},
		{"colon before the quote", `Jane Roe said: "Talks resume on Monday."`,
			[]string{`direct "Talks resume on Monday." by Jane Roe @"Jane Roe"`}},
		{"quote over several sentences", `"We are ready. We are strong. We will win," Jane Roe said.`,
			[]string{`direct "We are ready. We are strong. We will win" by Jane Roe @"Jane Roe"`}},
		{"quote split by its cue", `"We are ready," Jane Roe said. "We will win."`,
			[]string{`direct "We are ready" by Jane Roe @"Jane Roe"`, `direct "We will win." by Jane Roe @"Jane Roe"`}},
		{"question mark before the cue", `"Why now?" Jane Roe asked.`,
			[]string{`direct "Why now?" by Jane Roe @"Jane Roe"`}},
		{"quote carried over paragraphs",
			"Jane Roe said:\n\n\"The first paragraph ends without a mark.\n\n\"The second one closes it.\"",
			[]string{`direct "The first paragraph ends without a mark." by Jane Roe @"Jane Roe"`,
				`direct "The second one closes it." by Jane Roe @"Jane Roe"`}},
		{"carried quote attributed at its end",
			"\"The first paragraph has no cue.\n\n\"The second one has it,\" Jane Roe said.",
			[]string{`direct "The first paragraph has no cue." by Jane Roe @"Jane Roe"`,
				`direct "The second one has it" by Jane Roe @"Jane Roe"`}},

		// Kinds.
		{"partial quote in reported speech", `Jane Roe said the talks were "constructive".`,
			[]string{`indirect "the talks were \"constructive\"" by Jane Roe @"Jane Roe"`,
				`partial "constructive" by Jane Roe @"Jane Roe"`}},
		{"indirect without that", "Jane Roe said the government would resign.",
			[]string{`indirect "the government would resign" by Jane Roe @"Jane Roe"`}},
		{"indirect with that", "Jane Roe said on Monday that the government would resign.",
			[]string{`indirect "the government would resign" by Jane Roe @"Jane Roe"`}},
		{"indirect before its cue", "The government would resign within a week, Jane Roe said.",
			[]string{`indirect "The government would resign within a week" by Jane Roe @"Jane Roe"`}},
		{"according to before", "According to Jane Roe, the talks failed on Monday.",
			[]string{`indirect "the talks failed on Monday" by Jane Roe @"Jane Roe"`}},
		{"according to after", "The talks failed on Monday, according to Jane Roe.",
			[]string{`indirect "The talks failed on Monday" by Jane Roe @"Jane Roe"`}},
		{"scare quote", `The so-called "axis of resistance" held a meeting.`,
			[]string{`partial "axis of resistance" by -`}},
		{"scare quote outside the reported words", `The "axis of resistance" met, and Jane Roe said the talks would resume.`,
			[]string{`partial "axis of resistance" by -`, `indirect "the talks would resume" by Jane Roe @"Jane Roe"`}},
		{"title", `The film "Tomorrow Never Comes" opened in Paris.`,
			[]string{`partial "Tomorrow Never Comes" by -`}},
		{"nickname", `Viktor "The Bull" Example left the party.`,
			[]string{`partial "The Bull" by -`}},
		{"unattributed sentence", `"We will win."`,
			[]string{`direct "We will win." by -`}},

		// Cues after a question or exclamation mark, and described speakers.
		{"exclamation, then a name, its apposition and the cue", `"We will win!" Jane Roe, the head of the group, said on Friday.`,
			[]string{`direct "We will win!" by Jane Roe @"Jane Roe"`}},
		{"exclamation, then a name and an apposition without a cue", `"We will win!" Jane Roe, the head of the group, left early.`,
			[]string{`direct "We will win!" by -`}},
		{"one and another after the cue", `Protesters held signs. "Stop the war," read one. "Peace now," read another.`,
			[]string{`direct "Stop the war" by one @"one"`, `direct "Peace now" by another @"another"`}},
		{"one before a noun is a determiner", `"Peace," said one protester.`,
			[]string{`direct "Peace" by protester @"one protester"`}},
		{"described speaker placed by a phrase", `"Will he run?" a staffer in the room wondered.`,
			[]string{`direct "Will he run?" by staffer @"a staffer in the room"`}},
		{"described writing placed by a phrase", `"Publish the book," the pitch on Kickstarter says.`,
			[]string{`direct "Publish the book" by pitch @"the pitch on Kickstarter"`}},
		{"verb form modifying a source noun", `"Hi, neighbours," a welcome message on the website reads.`,
			[]string{`direct "Hi, neighbours" by welcome message on the website @"a welcome message on the website"`}},
		{"source noun and the body it speaks for", `"We will stay," a spokesman for the Example Ministry said.`,
			[]string{`direct "We will stay" by Example Ministry @"a spokesman for the Example Ministry"`}},
		{"colon after a clause of its own", `Jane Roe said the men are "idle," but she gave Doe a compliment: "He is smart."`,
			[]string{`indirect "the men are \"idle,\" but she gave Doe a compliment: \"He is smart.\"" by Jane Roe @"Jane Roe"`,
				`partial "idle" by Jane Roe @"Jane Roe"`, `direct "He is smart." by Jane Roe @"she"`}},
		{"colon after the cue's own clause", `Jane Roe said this: "He is smart."`,
			[]string{`direct "He is smart." by Jane Roe @"Jane Roe"`}},
		{"role of two nouns before the name", `"Welcome," said master of ceremonies Jane Roe.`,
			[]string{`direct "Welcome" by Jane Roe @"master of ceremonies Jane Roe"`}},
		{"spokesman for a person is not that person", `"Welcome," said a spokesman for Jane Roe.`,
			[]string{`direct "Welcome" by spokesman @"a spokesman"`}},
		{"participle after the nearest clause", `Although Jane Roe thanked the crowd, she sounded a rare note, saying, "I may not deserve it."`,
			[]string{`direct "I may not deserve it." by Jane Roe @"she"`}},
		{"participle after the only clause", `Jane Roe thanked the crowd, saying, "I may not deserve it."`,
			[]string{`direct "I may not deserve it." by Jane Roe @"Jane Roe"`}},

		// Who speaks a quote that is a sentence of its own.
		{"lead-in after a title and a bracket", "The talks went on.\n\nOn \"Morning Desk,\" Sen. Jane Roe (Vt.), who lost the vote, blamed the heat. \"It will pass.\"",
			[]string{`partial "Morning Desk" by -`, `direct "It will pass." by Jane Roe @"Sen. Jane Roe"`}},
		{"no lead-in without a person", "The talks went on.\n\nOn \"Morning Desk,\" the heat was blamed. \"It will pass.\"",
			[]string{`partial "Morning Desk" by -`, `direct "It will pass." by -`}},
		{"carried over a sentence without a named subject", `"We will win," Jane Roe said. The Doe posters in the hall did not hurt. "It was a good day."`,
			[]string{`direct "We will win" by Jane Roe @"Jane Roe"`, `direct "It was a good day." by Jane Roe @"Jane Roe"`}},
		{"carry stops at a new named subject", `"We will win," Jane Roe said. John Doe disagreed with her. "It was a bad day."`,
			[]string{`direct "We will win" by Jane Roe @"Jane Roe"`, `direct "It was a bad day." by John Doe @"John Doe"`}},

		// Speakers.
		{"told reporters", `"We will not retreat," Jane Roe told reporters.`,
			[]string{`direct "We will not retreat" by Jane Roe @"Jane Roe"`}},
		{"agency is the hearer", "Jane Roe told Reuters that the border had closed.",
			[]string{`indirect "the border had closed" by Jane Roe @"Jane Roe"`}},
		{"agency is the hearer after a quote", `"The border is closed," Jane Roe told the Associated Press.`,
			[]string{`direct "The border is closed" by Jane Roe @"Jane Roe"`}},
		{"relative clause", "Jane Roe, who heads the Example Institute, said the vote was rigged.",
			[]string{`indirect "the vote was rigged" by Jane Roe @"Jane Roe"`}},
		{"apposition with age", `"We lost everything," Jane Roe, 45, said.`,
			[]string{`direct "We lost everything" by Jane Roe @"Jane Roe"`}},
		{"wrote on Telegram", `Jane Roe wrote on Telegram: "The city is ours."`,
			[]string{`direct "The city is ours." by Jane Roe @"Jane Roe"`}},
		{"in a statement, the ministry", `In a statement, the Example Ministry said: "We reject the claims."`,
			[]string{`direct "We reject the claims." by Example Ministry @"the Example Ministry"`}},
		{"name in apposition to a role", "The governor, Ana Silva, said the roads were closed.",
			[]string{`indirect "the roads were closed" by Ana Silva @"Ana Silva"`}},
		{"added, noted, insisted, warned, stressed",
			`"One," Jane Roe added. "Two," Jane Roe noted. "Three," Jane Roe insisted. "Four," Jane Roe warned. "Five," Jane Roe stressed.`,
			[]string{`direct "One" by Jane Roe @"Jane Roe"`, `direct "Two" by Jane Roe @"Jane Roe"`,
				`direct "Three" by Jane Roe @"Jane Roe"`, `direct "Four" by Jane Roe @"Jane Roe"`,
				`direct "Five" by Jane Roe @"Jane Roe"`}},
		{"pronoun", `Foreign Minister Jane Roe arrived in Geneva on Monday. "We are hopeful," she said.`,
			[]string{`direct "We are hopeful" by Jane Roe @"she"`}},
		{"pronoun with a name inside the quote",
			`Foreign Minister Jane Roe arrived in Geneva. "I met President John Doe," she said.`,
			[]string{`direct "I met President John Doe" by Jane Roe @"she"`}},
		{"role noun", `Foreign Minister Jane Roe arrived in Geneva. "We are hopeful," the minister noted.`,
			[]string{`direct "We are hopeful" by Jane Roe @"the minister"`}},
		{"pronoun added", "Jane Roe said the talks failed. He added that a new round would start soon.",
			[]string{`indirect "the talks failed" by Jane Roe @"Jane Roe"`,
				`indirect "a new round would start soon" by Jane Roe @"He"`}},
		{"quote paragraph after a quote paragraph",
			"\"We lost,\" Jane Roe said.\n\n\"This is a dark day.\"",
			[]string{`direct "We lost" by Jane Roe @"Jane Roe"`, `direct "This is a dark day." by Jane Roe @"Jane Roe"`}},
		{"speaker introduced in the paragraph before",
			"After the vote, Jane Roe told reporters:\n\n\"This is a dark day.\"",
			[]string{`direct "This is a dark day." by Jane Roe @"Jane Roe"`}},
		{"speaker introduced in the sentence before",
			"Jane Roe spoke after the vote. \"This is a dark day.\"",
			[]string{`direct "This is a dark day." by Jane Roe @"Jane Roe"`}},
		{"cue-less quote after an unrelated paragraph",
			"The vote was held on Sunday.\n\n\"This is a dark day.\"",
			[]string{`direct "This is a dark day." by -`}},
		{"officials", "Officials said the strike was planned.",
			[]string{`indirect "the strike was planned" by Officials @"Officials"`}},
		{"three officials told AP", "Three officials told AP that the strike was planned.",
			[]string{`indirect "the strike was planned" by officials @"Three officials"`}},
		{"anonymous official with a country",
			"A senior U.S. official said on condition of anonymity that the strike was planned.",
			[]string{`indirect "the strike was planned" by U.S. official @"A senior U.S. official"`}},
		{"source with a modifier", "A source close to the talks said they were constructive.",
			[]string{`indirect "they were constructive" by source @"A source close to the talks"`}},
		{"witnesses", "Witnesses said the police fired into the crowd.",
			[]string{`indirect "the police fired into the crowd" by witnesses @"Witnesses"`}},
		{"dash signature", "\"The most important vote of our lives.\" — Jane Roe",
			[]string{`direct "The most important vote of our lives." by Jane Roe @"Jane Roe"`}},
		// Speakers named by a description, an apposition or a layout.
		{"described speaker after the quote", "The vote went on.\n\n“We will win this,” the retired ferry captain told reporters.",
			[]string{`direct "We will win this" by captain @"the retired ferry captain"`}},
		{"inverted age", "The vote went on.\n\n“We will win this,” said the 52-year-old.",
			[]string{`direct "We will win this" by 52-year-old @"the 52-year-old"`}},
		{"inverted description with a source noun inside", "The vote went on.\n\n“We will win this,” said a former campaign volunteer.",
			[]string{`direct "We will win this" by volunteer @"a former campaign volunteer"`}},
		{"description then name after the quote", "The vote went on.\n\n“We will win this,” the party's treasurer, Jane Roe, said.",
			[]string{`direct "We will win this" by Jane Roe @"the party's treasurer, Jane Roe"`}},
		{"described subject before a comma", "The vote went on. The memo said, “Staff will work from home.”",
			[]string{`direct "Staff will work from home." by memo @"The memo"`}},
		{"bracketed party before a comma", "Sen. Jane Roe (D-Ore.), said, “We will win this.”",
			[]string{`direct "We will win this." by Jane Roe @"Sen. Jane Roe"`}},
		{"participle after a preposition", "The judge began by saying, “The court will rise.”",
			[]string{`direct "The court will rise." by judge @"The judge"`}},
		{"cue, words, colon", "Jane Roe put the case this way on Monday: “Nobody wins a trade war.”",
			[]string{`direct "Nobody wins a trade war." by Jane Roe @"Jane Roe"`}},
		{"digest credit after a dash", "Turnout is up - John Doe: “More people voted early than ever.”",
			[]string{`direct "More people voted early than ever." by John Doe @"John Doe"`}},
		{"a headline before a quote is no speaker", "HARBOUR REOPENS AFTER STORM “Boats were back at sea by noon.”",
			[]string{`partial "Boats were back at sea by noon." by -`}},
		{"signature on the next line", "Claims checked.\n\n\"The tax will fall on every family.\"\n\n- Jane Roe, in a speech.",
			[]string{`direct "The tax will fall on every family." by Jane Roe @"Jane Roe"`}},
		// Speakers after the quote.
		{"verb-like word inside the speaker's title", `"We will win," said White House Press Secretary Jane Roe.`,
			[]string{`direct "We will win" by Jane Roe @"White House Press Secretary Jane Roe"`}},
		{"name that starts with a verb-like word", `"It is an expensive model," said Will Doyle, a professor of economics.`,
			[]string{`direct "It is an expensive model" by Doyle @"Will Doyle"`}},
		{"title that starts with a verb-like word", `"Taxes will rise," said State Senator Jane Roe.`,
			[]string{`direct "Taxes will rise" by Jane Roe @"State Senator Jane Roe"`}},
		{"long title and party before the cue", `"Taxes will rise," Senate Minority Leader Harry M. Roe (D-Nev.) said in a statement.`,
			[]string{`direct "Taxes will rise" by Harry M. Roe @"Senate Minority Leader Harry M. Roe"`}},
		{"description over several commas", `"We are ready," Mr. Roe, now 81 and retired in Dayton, Ohio, said by telephone. "We always were."`,
			[]string{`direct "We are ready" by Roe @"Mr. Roe"`, `direct "We always were." by Roe @"Mr. Roe"`}},
		{"name with a suffix and a description", `"We are ready," John Q. Roe Jr., the director of the agency, said on Monday.`,
			[]string{`direct "We are ready" by Roe @"John Q. Roe"`}},
		{"common word as a name between quote and cue", `"The vote was fair," From said.`,
			[]string{`direct "The vote was fair" by From @"From"`}},
		{"sentence of a speaker and a cue after a full stop", "The talks ended.\n\n\"Talks will resume on Monday.\" Jane Roe said.",
			[]string{`direct "Talks will resume on Monday." by Jane Roe @"Jane Roe"`}},
		{"a full stop and a new sentence with a cue", `Jane Roe wrote: "Talks will resume." Her aide added that nothing was agreed.`,
			[]string{`direct "Talks will resume." by Jane Roe @"Jane Roe"`, `indirect "nothing was agreed" by aide @"Her aide"`}},
		{"one of a group after the cue", `"There will be no deal," said one of those advisers, who spoke on the condition of anonymity.`,
			[]string{`direct "There will be no deal" by advisers @"one of those advisers"`}},
		{"speaker after the cue with a modifier and a relative clause", "The talks stalled.\n\n\"It is a choice between two bad options,\" said one person with knowledge of the minister's plans, who spoke on the condition of anonymity. \"Nobody wants it.\"",
			[]string{`direct "It is a choice between two bad options" by person @"one person"`, `direct "Nobody wants it." by person @"one person"`}},
		{"speaker after the cue with a participle phrase", `"The borders must close!" wrote a man calling himself Jo Bloggs.`,
			[]string{`direct "The borders must close!" by man @"a man"`}},
		{"long description before a name and its cue", `"I have never been prouder," former State policy planning director Jane Roe wrote in an email.`,
			[]string{`direct "I have never been prouder" by Jane Roe @"former State policy planning director Jane Roe"`}},
		{"two of a group after the cue", `"We lost," said two of the officials.`,
			[]string{`direct "We lost" by officials @"two of the officials"`}},
		{"two names before the cue", `"The plan failed," Jane Roe and John Doe wrote.`,
			[]string{`direct "The plan failed" by John Doe @"Jane Roe and John Doe"`}},
		{"retaliated", `"France will always be France," an angry Jane Roe retaliated.`,
			[]string{`direct "France will always be France" by Jane Roe @"an angry Jane Roe"`}},
		{"recommended", `"Keep the tax at its current level," the council recommended.`,
			[]string{`direct "Keep the tax at its current level" by council @"the council"`}},
		// Speakers before the quote.
		{"verb inside a name is no cue", `Jane Roe, who visited the United States last week, rallied supporters, saying: "We will win."`,
			[]string{`direct "We will win." by Jane Roe @"Jane Roe"`}},
		{"description before the name of a subject", "No group has claimed the attack.\n\nIn response, Republican presidential nominee Jane Roe issued the following statement:\n\n\"Our prayers are with the victims.\"",
			[]string{`direct "Our prayers are with the victims." by Jane Roe @"Republican presidential nominee Jane Roe"`}},
		{"participle does not open a subject", "The debate ended late.\n\nMr. Doe hardly clarified the matter, treating Ms. Roe's remark as a compliment and, when asked later, asserting, \"Of course I pay taxes.\"",
			[]string{`direct "Of course I pay taxes." by Doe @"Mr. Doe"`}},
		// Speakers in the paragraph before.
		{"pronoun for the unknown subject of the sentence before", "Tomas Varga is selling his old fishing boat.\n\n\"It is my boat,\" he told a local radio station.",
			[]string{`direct "It is my boat" by Tomas Varga @"he"`}},
		{"paragraph that introduces the quote of the next", "The band played on.\n\nMoretti praised the governor for his work after the storm.\n\n\"We need someone who brings people together.\"\n\nThe rally ended at noon.",
			[]string{`direct "We need someone who brings people together." by Moretti @"Moretti"`}},
		// Statements the kinds once took for scare quotes, and the
		// scare quotes, titles and nicknames that stay without a speaker.
		{"participle after a sentence adverb and a clause", "Jane Roe spoke on Monday.\n\nWhen she sat down she opened by saying, “The bridge stays shut.”",
			[]string{`direct "The bridge stays shut." by Jane Roe @"she"`}},
		{"participle after upon", "Jane Roe left the hall upon saying, “The ferry plan is finished.”",
			[]string{`direct "The ferry plan is finished." by Jane Roe @"Jane Roe"`}},
		{"infinitive cue before a quote", "The hearing was so short that Jane Roe went on to say, “Nobody read the file.”",
			[]string{`direct "Nobody read the file." by Jane Roe @"Jane Roe"`}},
		{"participle after a statement noun", "Jane Roe spoke on Monday.\n\nAt noon, she released a statement saying, “We will appeal.”",
			[]string{`direct "We will appeal." by Jane Roe @"she"`}},
		{"indefinite source before a participle", "A spokesman faxed editors, insisting, “The port never closed.”",
			[]string{`direct "The port never closed." by spokesman @"A spokesman"`}},
		{"name after a before a noun is no speaker", "Jane Roe, herself a Doe voter, left the hall upon saying, “Doe listens to farmers.”",
			[]string{`direct "Doe listens to farmers." by Jane Roe @"Jane Roe"`}},
		{"hearer after her before a quote", "Senator Jane Carson toured Ohio on Monday.\n\nCarson ran late, but told her supporters, “We will win.”",
			[]string{`direct "We will win." by Jane Carson @"Carson"`}},
		{"words between a first and a last name that a cue reports",
			`Jane Roe spoke. Doe "has changed her mind twice this month," Jane Roe said. "Voters notice."`,
			[]string{`partial "has changed her mind twice this month" by Jane Roe @"Jane Roe"`, `direct "Voters notice." by Jane Roe @"Jane Roe"`}},
		{"nickname stays without a speaker", `Jane Roe said the vote was fair. Viktor "The Bull" Example left.`,
			[]string{`indirect "the vote was fair" by Jane Roe @"Jane Roe"`, `partial "The Bull" by -`}},
		{"title after a cue stays without a speaker", `Jane Roe praised the film "Tomorrow Never Comes" on Monday.`,
			[]string{`partial "Tomorrow Never Comes" by -`}},
		{"scare quote after a cue stays without a speaker", `Jane Roe said the so-called "axis of resistance" had met.`,
			[]string{`indirect "the so-called \"axis of resistance\" had met" by Jane Roe @"Jane Roe"`, `partial "axis of resistance" by -`}},
		{"relative pronoun before the cue", "The sharpest reply came in a letter from Jane Roe who wrote, “Nobody asked the fishermen.”",
			[]string{`direct "Nobody asked the fishermen." by Jane Roe @"Jane Roe"`}},
		{"one name after a role noun", "Ferry captain Olsen posted a photo of the pier on Sunday, writing “The pier is gone.”",
			[]string{`direct "The pier is gone." by Olsen @"Olsen"`}},
		{"adverb between the speaker and a participle", "The match ended in a brawl, with Jane Roe reportedly shouting: “Stop the game!”",
			[]string{`direct "Stop the game!" by Jane Roe @"Jane Roe"`}},
		{"description of two roles after the quote", "The vote went on.\n\n“We will win this,” the Ohio senator and presidential candidate said in a statement.",
			[]string{`direct "We will win this" by candidate @"the Ohio senator and presidential candidate"`}},
		// Carrying a speaker over.
		{"quote ending the paragraph of a sentence about a person", "The rally went on.\n\nOn Sunday, Jane Roe blamed the heat. \"It will pass.\"",
			[]string{`direct "It will pass." by Jane Roe @"Jane Roe"`}},
		{"colon, quote and its comma before the cue", `John Doe spoke first. The risk is plain: "The dam will not hold," Jane Roe warned.`,
			[]string{`direct "The dam will not hold" by Jane Roe @"Jane Roe"`}},
		{"quote naming another speaker after its comma is not carried over",
			"\"We lost,\" Jane Roe said.\n\n\"The count was slow,\" notes John Doe, 61, of Dayton.",
			[]string{`direct "We lost" by Jane Roe @"Jane Roe"`, `direct "The count was slow" by John Doe @"John Doe"`}},
		{"indirect statement after a quote keeps the quote's speaker",
			"\"The harbour is safe,\" Jane Roe told John Doe, after John Doe said that the pilots were worried. \"Ships will sail on Monday.\"",
			[]string{`direct "The harbour is safe" by Jane Roe @"Jane Roe"`, `indirect "the pilots were worried" by John Doe @"John Doe"`,
				`direct "Ships will sail on Monday." by Jane Roe @"Jane Roe"`}},
		{"lead-in from the last sentence of a paragraph after a quote",
			"\"We will rebuild the pier,\" Jane Roe added. She then turned to the mayor.\n\n\"Where is the money?\"",
			[]string{`direct "We will rebuild the pier" by Jane Roe @"Jane Roe"`, `direct "Where is the money?" by Jane Roe @"She"`}},
		// Quoted words that a cue takes as its object are said by the
		// cue's subject; quoted words without a cue have no speaker.
		{"progressive naming verb", "Former Ohio Gov. Jane Roe, for her part, is labeling the governor's plan “a reckless giveaway.”",
			[]string{`partial "a reckless giveaway." by Jane Roe @"Former Ohio Gov. Jane Roe"`}},
		{"participle after by with a described subject", "Jane Roe spoke for an hour. The Republican candidate ended the rally by saying, “We will win this state.”",
			[]string{`direct "We will win this state." by candidate @"The Republican candidate"`}},
		{"chanting after an object", "The crowd gathered at the harbour answered her by loudly chanting “no more ferries.”",
			[]string{`partial "no more ferries." by crowd @"The crowd"`}},
		{"thanked for quoted words", "Jane Roe thanked the mayor for “standing up when the council would not.”",
			[]string{`partial "standing up when the council would not." by Jane Roe @"Jane Roe"`}},
		{"possessive before the quote", "The debate turned on Jane Roe's “harbour first” pledge.",
			[]string{`partial "harbour first" by Jane Roe @"Jane Roe"`}},
		{"in someone's words", "The port, in Jane Roe's words, “has been left to rot.”",
			[]string{`partial "has been left to rot." by Jane Roe @"Jane Roe"`}},
		{"title-case words right after said", `In a two-minute answer, Jane Roe said "Port Authority" five times.`,
			[]string{`partial "Port Authority" by Jane Roe @"Jane Roe"`}},
		{"headline naming the speaker before a colon", "Roe on the Port Deal: ‘We Were Misled’\n\nJane Roe spoke on Monday.",
			[]string{`direct "We Were Misled" by Jane Roe @"Roe"`}},
		{"sentence of a name and a cue after a nested quote", "The mayor spoke first.\n\n“Ask them, ‘What can we do to help?’” Jane Roe told reporters during a call on Tuesday.",
			[]string{`direct "Ask them, ‘What can we do to help?’" by Jane Roe @"Jane Roe"`}},
		{"role and name in apposition", "The port's pollster, Jane Roe, says the vote is close.",
			[]string{`indirect "the vote is close" by Jane Roe @"Jane Roe"`}},
		{"long description before a named person", "The vote went on.\n\n\"The ferry will not run,\" Ohio Rep. Jane Roe's chief of staff, John Doe, told reporters.",
			[]string{`direct "The ferry will not run" by John Doe @"Ohio Rep. Jane Roe's chief of staff, John Doe"`}},
		{"document in a journal after an inverted cue", "The vote went on.\n\n\"The ferry will not run,\" concluded a 2013 article in the academic journal Port Studies.",
			[]string{`direct "The ferry will not run" by 2013 article @"a 2013 article"`}},
		{"the writer without a byline", `I was not off to a good start. "Okay," I said.`,
			[]string{`direct "Okay" by the writer @"I"`}},
		{"sign that read", "Jane Roe held up a sign that read “Save the harbour” and waved it.",
			[]string{`partial "Save the harbour" by sign @"a sign"`}},
		{"cracked before a quote", "During the debate, Jane Roe cracked, “The pier has more holes than the plan.”",
			[]string{`direct "The pier has more holes than the plan." by Jane Roe @"Jane Roe"`}},
		{"group that chants", "Supporters marched to the pier. The demonstrators were chanting “no more ferries” as they walked.",
			[]string{`partial "no more ferries" by demonstrators @"The demonstrators"`}},
		{"pronoun after a name that follows an opening phrase",
			"On the last day of the session, Jane Roe strode across the stage.\n\n\"The port must stay open,\" she said.",
			[]string{`direct "The port must stay open" by Jane Roe @"she"`}},
		{"surname of a name written in full before opens a lead-in",
			"The mayor was joined on Monday by Ivo Quandt, a local baker.\n\nQuandt praised the mayor's work after the storm.\n\n“We need someone who brings people together.”",
			[]string{`direct "We need someone who brings people together." by Ivo Quandt @"Quandt"`}},
		{"parenthetical cue carries over to the next paragraph",
			"“The rules must change,” Jane Roe wrote.\n\nIf anything, John Doe argued in his email, the vote was unfair.\n\n“Is it prudent to keep these rules?”",
			[]string{`direct "The rules must change" by Jane Roe @"Jane Roe"`, `direct "Is it prudent to keep these rules?" by John Doe @"John Doe"`}},
		{"that-clause after a long channel carries over",
			"Jane Roe wrote in an opinion piece for the Harbour Gazette on Monday that the vote should be delayed.\n\n“The ferries cannot wait another year.”",
			[]string{`direct "The ferries cannot wait another year." by Jane Roe @"Jane Roe"`}},
		{"statement issued before its words",
			"At the chairman's request, the port board issued a statement apologizing to the fishermen.\n\n“We regret the delay and will pay for the damage.”",
			[]string{`direct "We regret the delay and will pay for the damage." by board @"the port board"`}},
		{"quote after a sentence about a person inside a paragraph",
			"The session went on. The judge then turned to me. “Do you understand the charge?” I nodded.",
			[]string{`direct "Do you understand the charge?" by judge @"The judge"`}},
		{"named speaker opening a long description before the cue",
			"The vote went on.\n\n“The ferry will not run on Sunday,” Ana Silva, the harbour master who runs portwatch.example and two blogs, tweeted on Wednesday.",
			[]string{`direct "The ferry will not run on Sunday" by Ana Silva @"Ana Silva"`}},
		{"initial of a name at a sentence break",
			`The vote went on. "We have to be careful," said Sen. Jane Q. Roe (D-Ohio), a backer of the plan. "You cannot have thirty people call at once."`,
			[]string{`direct "We have to be careful" by Jane Q. Roe @"Sen. Jane Q. Roe"`, `direct "You cannot have thirty people call at once." by Jane Q. Roe @"Sen. Jane Q. Roe"`}},
		{"scare quote without a cue", "The “reform” of the port has stalled for years.",
			[]string{`partial "reform" by -`}},
		{"possessive of a place gives no speaker", "America's “forgotten towns” voted early.",
			[]string{`partial "forgotten towns" by -`}},
		{"name after called stays a title", "Jane Roe founded a group called “Harbour First.”",
			[]string{`partial "Harbour First." by -`}},
		{"object verb in an earlier sentence gives no speaker", "Jane Roe praised the plan. The so-called “harbour tax” remains.",
			[]string{`partial "harbour tax" by -`}},
		{"no lead-in from a paragraph of several sentences", "The band played on.\n\nMoretti praised the governor. The crowd cheered.\n\n\"We need someone who brings people together.\"\n\nThe rally ended at noon.",
			[]string{`direct "We need someone who brings people together." by -`}},
		{"capitalised cue verb after a described speaker",
			"The vote went on.\n\n“The ferry will run again!” Roe, the head of the harbour board, Tweeted on Friday.",
			[]string{`direct "The ferry will run again!" by Roe @"Roe"`}},
		{"relative clause without its closing comma",
			"The vote went on.\n\n\"The ferry is late again,\" Ana Silva, who is chairman of the harbour board said in a statement.",
			[]string{`direct "The ferry is late again" by Ana Silva @"Ana Silva"`}},
		{"no space after the quote's comma",
			"The vote went on.\n\n\"The ferry is late again,\"Ana Silva said in a statement.",
			[]string{`direct "The ferry is late again" by Ana Silva @"Ana Silva"`}},
		{"cue inside a relative clause does not make the statement",
			"The board met on Monday.\n\nAt the mayor's request, the port board issued a statement apologizing to the fishermen for the emails, which included staff members suggesting someone should question them.\n\n“We regret the delay and will pay for the damage.”",
			[]string{`direct "We regret the delay and will pay for the damage." by board @"the port board"`}},
		{"cue after a quote wins over a cue before it",
			"Roe spoke for an hour, and despite the tone, \"I think the port will open,\" said Ana Silva.",
			[]string{`direct "I think the port will open" by Ana Silva @"Ana Silva"`}},
		{"question after a clause signed by an inverted cue",
			"If the board is indeed stalling the vote, as the unions believe, “why wouldn’t you want to ask?” asked Silva, a former harbour pilot.",
			[]string{`partial "why wouldn’t you want to ask?" by Silva @"Silva"`}},
		{"title before an inverted cue keeps no speaker",
			"Roe praised the plan on “Harbour Morning Show,” said Ana Silva.",
			[]string{`indirect "Roe praised the plan on “Harbour Morning Show,”" by Ana Silva @"Ana Silva"`, `partial "Harbour Morning Show" by -`}},
		{"partial quote without a cue after keeps the cue before it",
			"Jane Roe said the plan was a “giveaway” and left.",
			[]string{`indirect "the plan was a “giveaway” and left" by Jane Roe @"Jane Roe"`, `partial "giveaway" by Jane Roe @"Jane Roe"`}},
		{"cue after a quote that follows a described one",
			"Local leaders say the port needs work. \"He just stopped and said, 'We must fix it.'\" Ana Silva, the chairman of the board, said of the visit.",
			[]string{`indirect "the port needs work" by leaders @"Local leaders"`, `direct "He just stopped and said, 'We must fix it.'" by Ana Silva @"Ana Silva"`}},
	}
	checkQuoteCases(t, newQuoteStack(t), tests)
}

// quoteCase is a text and the brief form of every quote found in it.
type quoteCase struct {
	name string
	text string
	want []string
}

// checkQuoteCases runs the quote stack on each case's text and compares
// the quotes found.
func checkQuoteCases(t *testing.T, st *quoteStack, tests []quoteCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{ID: "t", Text: tt.text}
			st.run(a)
			checkQuotes(t, a)
			var got []string
			for _, q := range a.Quotes {
				got = append(got, briefQuote(a, q))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Quotes(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestQuoteActors checks the whole actor of speakers whose country and
// sector the text gives.
func TestQuoteActors(t *testing.T) {
	st := newQuoteStack(t)
	tests := []struct {
		name string
		text string
		want news.Actor
	}{
		{"officials with a nationality", "Israeli officials said the talks had failed.",
			news.Actor{Name: "Israeli officials", Country: "ISR", Sector: news.SectorGovernment, Role: "Officials"}},
		{"anonymous U.S. official", "A senior U.S. official said on condition of anonymity that the talks had failed.",
			news.Actor{Name: "U.S. official", Country: "USA", Sector: news.SectorGovernment, Role: "Official"}},
		{"spokesman for a body", `A spokesman for the Example Ministry said: "Ten people died."`,
			news.Actor{Name: "Example Ministry", Entity: "org:example-ministry", Sector: news.SectorGovernment, Role: "spokesman"}},
		{"witnesses", "Witnesses said the police had fired.",
			news.Actor{Name: "witnesses", Sector: news.SectorCivilian}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{ID: "t", Text: tt.text}
			st.run(a)
			checkQuotes(t, a)
			if len(a.Quotes) == 0 || a.Quotes[0].Speaker == nil {
				t.Fatalf("Quotes(%q) = %v, want a quote by %+v", tt.text, a.Quotes, tt.want)
			}
			if diff := cmp.Diff(tt.want, *a.Quotes[0].Speaker); diff != "" {
				t.Errorf("Quotes(%q) speaker mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestQuotesWithoutLexicon(t *testing.T) {
	a := &news.Article{ID: "t", Text: `"We will win," Jane Roe said. The so-called "axis" met.`}
	extract.Split(a)
	extract.NewQuoteFinder(nil).Quotes(a)
	checkQuotes(t, a)
	var got []string
	for _, q := range a.Quotes {
		got = append(got, briefQuote(a, q))
	}
	want := []string{`direct "We will win" by -`, `partial "axis" by -`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Quotes without a lexicon mismatch (-want +got):\n%s", diff)
	}
}

func TestQuotesRemoved(t *testing.T) {
	st := newQuoteStack(t)
	text := "\"We will win,\" Jane Roe said.\nShare this story \"now\"\n\"Talks resume,\" she added."
	cut := strings.Index(text, "Share")
	a := &news.Article{ID: "t", Text: text, Removed: []news.Removal{{
		Span: news.Span{Start: cut, End: cut + len("Share this story \"now\"")}, Kind: news.RemovalFurniture, Rule: "share"}}}
	st.run(a)
	checkQuotes(t, a)
	for _, q := range a.Quotes {
		if q.Span.Overlaps(a.Removed[0].Span) {
			t.Errorf("Quotes found %q inside a removed span", q.Text)
		}
	}
	if len(a.Quotes) != 2 {
		t.Errorf("Quotes(%q) = %d quotes, want 2", text, len(a.Quotes))
	}
}

// TestQuotesConcurrent runs one finder on several articles at once: the
// results agree with a lone run (and -race finds no shared writes).
func TestQuotesConcurrent(t *testing.T) {
	st := newQuoteStack(t)
	base := quoteBenchArticle(t)
	st.run(base)
	want := base.Quotes
	var wg sync.WaitGroup
	got := make([][]news.Quote, 4)
	for i := range got {
		a := &news.Article{ID: base.ID, Text: base.Text, Sentences: base.Sentences, Mentions: base.Mentions}
		wg.Go(func() {
			st.finder.Quotes(a)
			got[i] = a.Quotes
		})
	}
	wg.Wait()
	for i := range got {
		if diff := cmp.Diff(want, got[i]); diff != "" {
			t.Errorf("concurrent Quotes #%d mismatch (-want +got):\n%s", i, diff)
		}
	}
}

// goldenQuote is the record of a quote in a golden file.
type goldenQuote struct {
	Kind        news.QuoteKind `json:"kind"`
	Text        string         `json:"text"`
	Span        news.Span      `json:"span"`
	Sentence    int            `json:"sentence"`
	Speaker     *news.Actor    `json:"speaker"`
	SpeakerText string         `json:"speaker_text,omitempty"`
	Cue         string         `json:"cue,omitempty"`
	Rule        string         `json:"rule"`
}

// quoteUpdate reports whether -update was given: the flag is declared
// once for the extract package's tests and shared by its golden files.
func quoteUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// quoteTxtar reads the files of a txtar archive.
func quoteTxtar(data []byte) (comment []byte, files map[string][]byte, order []string) {
	files = map[string][]byte{}
	name := ""
	var cur []byte
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if n, ok := quoteTxtarHeader(line); ok {
			if name != "" {
				files[name] = cur
			}
			name, cur = n, nil
			order = append(order, n)
			continue
		}
		if name == "" {
			comment = append(comment, line...)
		} else {
			cur = append(cur, line...)
		}
	}
	if name != "" {
		files[name] = cur
	}
	return comment, files, order
}

func quoteTxtarHeader(line []byte) (string, bool) {
	s := strings.TrimRight(string(line), "\r\n")
	if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < 7 {
		return "", false
	}
	return strings.TrimSpace(s[3 : len(s)-3]), true
}

// TestQuotesGolden runs the pipeline over testdata/quotes/*.txtar (an
// article.txt and the want.json it must give). go test -update rewrites
// want.json.
func TestQuotesGolden(t *testing.T) {
	st := newQuoteStack(t)
	paths, err := filepath.Glob(filepath.Join("testdata", "quotes", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden cases under testdata/quotes: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			comment, files, order := quoteTxtar(data)
			text, ok := files["article.txt"]
			if !ok {
				t.Fatalf("%s has no article.txt", path)
			}
			a := &news.Article{ID: news.ArticleID(strings.TrimSuffix(filepath.Base(path), ".txtar")), Text: string(text)}
			st.run(a)
			checkQuotes(t, a)
			got := []goldenQuote{}
			for _, q := range a.Quotes {
				g := goldenQuote{Kind: q.Kind, Text: q.Text, Span: q.Span, Sentence: q.Sentence, Speaker: q.Speaker, Cue: q.Cue, Rule: q.Rule}
				if q.Speaker != nil {
					g.SpeakerText = a.Text[q.SpeakerSpan.Start:q.SpeakerSpan.End]
				}
				got = append(got, g)
			}
			out, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, '\n')
			if quoteUpdate() {
				var buf bytes.Buffer
				buf.Write(comment)
				for _, name := range order {
					fmt.Fprintf(&buf, "-- %s --\n", name)
					if name == "want.json" {
						buf.Write(out)
					} else {
						buf.Write(files[name])
					}
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(files["want.json"]), string(out)); diff != "" {
				t.Errorf("Quotes(%s) mismatch (-want +got):\n%s", path, diff)
			}
		})
	}
}

// FuzzQuotes runs the pipeline on arbitrary text: no panic, and every
// quote keeps the finder's promises (spans in bounds and on character
// boundaries, Text equal to the text at Span, no speaker for scare
// quotes, unique ids).
func FuzzQuotes(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "quotes", "*.txtar"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		_, files, _ := quoteTxtar(data)
		f.Add(string(files["article.txt"]))
	}
	for _, s := range []string{
		`"We will win," Jane Roe said.`, "‘Unclosed, she said.", "«a» „b“ »c« 'd' ''e'' ``f''",
		"\"a\n\n\"b\n\n\"c\"", `" " "" ''`, "He said: \"", "„“”«»‹›「」", "\xff\"\xfe\"",
	} {
		f.Add(s)
	}
	st := newQuoteStack(f)
	f.Fuzz(func(t *testing.T, text string) {
		a := &news.Article{ID: "fuzz", Text: text}
		st.run(a)
		checkQuotes(t, a)
	})
}

// BenchmarkQuotes measures the quote finder alone on a 5 KB article whose
// mentions are already resolved; BenchmarkQuoteStages measures the stages
// that run before it (split, recognise, resolve, dates, events) on the
// same article.
func BenchmarkQuotes(b *testing.B) {
	st := newQuoteStack(b)
	a := quoteBenchArticle(b)
	extract.Split(a)
	st.rec.Mentions(a)
	st.res.Resolve(a)
	b.SetBytes(int64(len(a.Text)))
	b.ReportAllocs()
	for b.Loop() {
		st.finder.Quotes(a)
	}
}

func BenchmarkQuoteStages(b *testing.B) {
	st := newQuoteStack(b)
	p, err := kb.LoadPatterns()
	if err != nil {
		b.Fatalf("kb.LoadPatterns() = %v", err)
	}
	coder := extract.NewCoder(p)
	a := quoteBenchArticle(b)
	b.SetBytes(int64(len(a.Text)))
	b.ReportAllocs()
	for b.Loop() {
		extract.Split(a)
		st.rec.Mentions(a)
		st.res.Resolve(a)
		extract.Dates(a)
		coder.Events(a)
	}
}

// quoteBenchArticle returns the article of testdata/quotes/wire.txtar, about
// 5 KB of wire copy.
func quoteBenchArticle(b testing.TB) *news.Article {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "quotes", "wire.txtar"))
	if err != nil {
		b.Fatal(err)
	}
	_, files, _ := quoteTxtar(data)
	return &news.Article{ID: "wire", Text: string(files["article.txt"])}
}

// ExampleQuoteFinder finds who said what in a short report.
func ExampleQuoteFinder() {
	k, err := kb.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	speech, err := kb.LoadSpeech()
	if err != nil {
		fmt.Println(err)
		return
	}
	a := &news.Article{ID: "example", Text: `"We will rebuild," Jane Roe said. She added that the bridge would reopen.`}
	extract.Split(a)
	extract.NewRecognizer(k).Mentions(a)
	resolve.New(k).Resolve(a)
	extract.NewQuoteFinder(speech).Quotes(a)
	for _, q := range a.Quotes {
		fmt.Printf("%s %q by %s\n", q.Kind, q.Text, q.Speaker.Name)
	}
	// Output:
	// direct "We will rebuild" by Jane Roe
	// indirect "the bridge would reopen" by Jane Roe
}
