package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chronicle/internal/news"
	"chronicle/internal/testkit"
)

func TestFindDates(t *testing.T) {
	wed := time.Date(2025, 6, 11, 9, 40, 0, 0, time.UTC) // a Wednesday
	tests := []struct {
		name     string
		text     string
		ref      time.Time
		wantText string
		wantDate string
		wantPrec news.Precision
	}{
		{"weekday same day", "Lavrov met Wang Yi on Wednesday.", wed, "Wednesday", "2025-06-11", news.PrecisionDay},
		{"weekday before", "The ministers met on Monday.", wed, "Monday", "2025-06-09", news.PrecisionDay},
		{"weekday future", "Lavrov will travel to Beijing on Friday.", wed, "Friday", "2025-06-13", news.PrecisionDay},
		{"weekday future today", "The council will meet on Wednesday.", wed, "Wednesday", "2025-06-11", news.PrecisionDay},
		{"last weekday", "He spoke last Wednesday.", wed, "last Wednesday", "2025-06-04", news.PrecisionDay},
		{"next weekday", "They meet next Monday.", wed, "next Monday", "2025-06-16", news.PrecisionDay},
		{"weekday night", "Drones hit the city on Sunday night.", wed, "Sunday night", "2025-06-08", news.PrecisionDay},
		{"yesterday", "Troops withdrew yesterday.", wed, "yesterday", "2025-06-10", news.PrecisionDay},
		{"overnight", "Russia launched 60 drones overnight.", wed, "overnight", "2025-06-11", news.PrecisionDay},
		{"last night", "Shelling resumed last night.", wed, "last night", "2025-06-10", news.PrecisionDay},
		{"day month", "The talks began on 3 May.", wed, "3 May", "2025-05-03", news.PrecisionDay},
		{"ordinal day month", "The talks began on the 3rd May.", wed, "the 3rd May", "2025-05-03", news.PrecisionDay},
		{"month day", "The vote is due on July 4.", wed, "July 4", "2025-07-04", news.PrecisionDay},
		{"month day last year", "The attack happened on December 20.", wed, "December 20", "2024-12-20", news.PrecisionDay},
		{"full date", "The war began on 24 February 2022.", wed, "24 February 2022", "2022-02-24", news.PrecisionDay},
		{"us full date", "It was signed on March 3, 2013.", wed, "March 3, 2013", "2013-03-03", news.PrecisionDay},
		{"weekday full date", "GENEVA, Monday 3 June 2024", wed, "Monday 3 June 2024", "2024-06-03", news.PrecisionDay},
		{"numeric day first", "Police fired on the crowd on 25/3/2019.", wed, "25/3/2019", "2019-03-25", news.PrecisionDay},
		{"numeric month first", "The vote was held on 3/25/2019.", wed, "3/25/2019", "2019-03-25", news.PrecisionDay},
		{"numeric ambiguous near reference", "Clashes broke out on 6/10/2025.", wed, "6/10/2025", "2025-06-10", news.PrecisionDay},
		{"dashed", "Troops entered the town on 27-October-2017.", wed, "27-October-2017", "2017-10-27", news.PrecisionDay},
		{"iso", "Published 2024-05-03 in the gazette.", wed, "2024-05-03", "2024-05-03", news.PrecisionDay},
		{"month year", "Fighting erupted in April 2023.", wed, "April 2023", "2023-04-01", news.PrecisionMonth},
		{"early month", "Talks stalled in early March.", wed, "early March", "2025-03-01", news.PrecisionMonth},
		{"last week", "Officials met last week.", wed, "last week", "2025-06-02", news.PrecisionWeek},
		{"earlier this month", "Protests began earlier this month.", wed, "earlier this month", "2025-06-01", news.PrecisionMonth},
		{"last year", "The group was banned last year.", wed, "last year", "2024-01-01", news.PrecisionYear},
		{"in year", "The treaty was signed in 1994.", wed, "1994", "1994-01-01", news.PrecisionYear},
		{"days ago", "He was arrested three days ago.", wed, "three days ago", "2025-06-08", news.PrecisionDay},
		{"this coming weekday", "Voters go to the polls this coming Sunday.", wed, "this coming Sunday", "2025-06-15", news.PrecisionDay},
		{"fronted weekday future", "On Friday, the council plans to vote on the budget.", wed, "Friday", "2025-06-13", news.PrecisionDay},
		{"fronted weekday past plan", "On Monday, the council planned to vote on the budget.", wed, "Monday", "2025-06-09", news.PrecisionDay},
		{"fronted weekday reported future", "On Monday, the minister said talks will resume.", wed, "Monday", "2025-06-09", news.PrecisionDay},
		{"or so ago", "The rebels moved in a week or so ago.", wed, "a week or so ago", "2025-06-04", news.PrecisionDay},
		{"by year-end", "The merger should close by year-end.", wed, "year-end", "2025-12-31", news.PrecisionDay},
		{"since year-end", "The index is up 4% since year-end.", wed, "year-end", "2024-12-31", news.PrecisionDay},
		{"end of the month", "Troops are to leave by the end of the month.", wed, "the end of the month", "2025-06-30", news.PrecisionDay},
		{"earlier without anchor", "Prices rose 3% from a year earlier.", wed, "a year earlier", "2024-06-11", news.PrecisionDay},
		{"absolute without reference", "The war began on 24 February 2022.", time.Time{}, "24 February 2022", "2022-02-24", news.PrecisionDay},
		{"holiday past", "The boy was found on Thanksgiving Day.", wed, "Thanksgiving Day", "2024-11-28", news.PrecisionDay},
		{"holiday future", "Talks will resume after Christmas.", wed, "Christmas", "2025-12-25", news.PrecisionDay},
		{"holiday nearest ahead", "Campaigning goes on from now to Election Day.", time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC), "Election Day", "2026-11-03", news.PrecisionDay},
		{"holiday with year", "The siege began on Christmas Day 1999.", wed, "Christmas Day 1999", "1999-12-25", news.PrecisionDay},
		{"last holiday", "He was rescued last Thanksgiving.", wed, "last Thanksgiving", "2024-11-28", news.PrecisionDay},
		{"next holiday", "The new law takes effect next New Year's Day.", wed, "next New Year's Day", "2026-01-01", news.PrecisionDay},
		{"easter holiday", "Churches were full on Easter Sunday.", wed, "Easter Sunday", "2025-04-20", news.PrecisionDay},
		{"good friday", "The agreement was signed on Good Friday.", wed, "Good Friday", "2025-04-18", news.PrecisionDay},
		{"us independence day", "Americans celebrated Independence Day.", wed, "Independence Day", "2024-07-04", news.PrecisionDay},
		{"ordinal day", "Strikers say this is the eighth day of the strike.", wed, "the eighth day", "2025-06-11", news.PrecisionDay},
		{"holiday needs its capital", "It was a good Friday for traders.", wed, "Friday", "2025-06-06", news.PrecisionDay},
		{"ordinal day it's", "It's the third straight day of protests.", wed, "the third straight day", "2025-06-11", news.PrecisionDay},
		{"past verb before day month", "In the fiscal year ended Jan. 31, sales rose.", time.Date(2025, 10, 31, 0, 0, 0, 0, time.UTC), "Jan. 31", "2025-01-31", news.PrecisionDay},
		{"passive infinitive", "They expect the sale to be completed by Dec. 15.", time.Date(2025, 10, 31, 0, 0, 0, 0, time.UTC), "Dec. 15", "2025-12-15", news.PrecisionDay},
		{"fronted until past", "Until Thursday, police had not named a suspect.", wed, "Thursday", "2025-06-05", news.PrecisionDay},
		{"plan cancelled", "A rally planned for Saturday was cancelled.", wed, "Saturday", "2025-06-07", news.PrecisionDay},
		{"plan", "A rally is planned for Saturday.", wed, "Saturday", "2025-06-14", news.PrecisionDay},
		{"day before a weekday", "The day before Monday's vote, the army deployed.", wed, "The day before Monday's", "2025-06-08", news.PrecisionDay},
		{"days after a date", "Fighting resumed two days after 3 May.", wed, "two days after 3 May", "2025-05-05", news.PrecisionDay},
		{"weeks before a date", "Troops massed three weeks before 24 February 2022.", wed, "three weeks before 24 February 2022", "2022-02-03", news.PrecisionDay},
		{"timetable verb", "Arafat and Netanyahu meet separately Monday with the envoy.", wed, "Monday", "2025-06-16", news.PrecisionDay},
		{"timetable word as a noun", "After the vote Monday, the party split.", wed, "Monday", "2025-06-09", news.PrecisionDay},
		{"this weekday ahead", "The court rules this Friday.", wed, "this Friday", "2025-06-13", news.PrecisionDay},
		{"this weekday gone", "He spoke this Monday in Geneva.", wed, "this Monday", "2025-06-09", news.PrecisionDay},
		{"this weekday ahead of a modal", "The envoys will meet this Monday.", wed, "this Monday", "2025-06-16", news.PrecisionDay},
		{"over the weekend", "Talks collapsed over the weekend.", wed, "the weekend", "2025-06-02", news.PrecisionWeek},
		{"this weekend", "Talks resume this weekend.", wed, "this weekend", "2025-06-09", news.PrecisionWeek},
		{"next weekend", "Voters go to the polls next weekend.", wed, "next weekend", "2025-06-16", news.PrecisionWeek},
		{"the weekend ahead", "Crowds will gather over the weekend.", wed, "the weekend", "2025-06-09", news.PrecisionWeek},
		{"weekend of a date", "Fans travel on the weekend of 14 June.", wed, "14 June", "2025-06-14", news.PrecisionDay},
		{"a great day", `He said it was "a great day for Poland."`, wed, "a great day", "2025-06-11", news.PrecisionDay},
		{"appositive ahead", "She is scheduled to land in Dar es Salaam, her first stop Tuesday morning.", wed, "Tuesday morning", "2025-06-17", news.PrecisionDay},
		{"appositive past", "She landed in Dar es Salaam, her first stop Tuesday morning.", wed, "Tuesday morning", "2025-06-10", news.PrecisionDay},
		{"clock time is no clause", "The match was postponed until 15:00 GMT Saturday.", wed, "Saturday", "2025-06-14", news.PrecisionDay},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findDates(tt.text, tt.ref)
			if len(got) != 1 {
				t.Fatalf("findDates(%q) = %+v, want one date", tt.text, got)
			}
			d := got[0]
			if d.Text != tt.wantText || d.Date != tt.wantDate || d.Precision != tt.wantPrec {
				t.Errorf("findDates(%q) = %q %s %s, want %q %s %s", tt.text, d.Text, d.Date, d.Precision, tt.wantText, tt.wantDate, tt.wantPrec)
			}
			if tt.text[d.Span.Start:d.Span.End] != d.Text {
				t.Errorf("span %v of %q is %q, want %q", d.Span, tt.text, tt.text[d.Span.Start:d.Span.End], d.Text)
			}
		})
	}
}

func TestFindDatesNone(t *testing.T) {
	wed := time.Date(2025, 6, 11, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		text string
		ref  time.Time
	}{
		{"may the verb", "Officials said talks may 10 times fail.", wed},
		{"relative without reference", "Troops withdrew on Monday.", time.Time{}},
		{"impossible day", "It happened on 31 February 2020.", wed},
		{"number", "At least 2024 people were displaced.", wed},
		{"that day without antecedent", "Protests began that day.", wed},
		{"the night", "Gunfire was heard through the night.", wed},
		{"another country's independence day", "Kyiv marked Ukraine's Independence Day.", wed},
		{"ordinal day in the past", "It was the second day of the offensive.", wed},
		{"until then without antecedent", "Until then, nothing moved.", wed},
		{"each weekday", "A third flight departs each Thursday.", wed},
		{"every other weekday", "The council sits every other Friday.", wed},
		{"a day a day", "The clinic sees patients twice a day.", wed},
		{"a day after", "It was a day after the vote.", wed},
		{"the day after an event without a day", "Two men came to the house the day after his death.", wed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findDates(tt.text, tt.ref); len(got) != 0 {
				t.Errorf("findDates(%q) = %+v, want none", tt.text, got)
			}
		})
	}
}

func TestDatesUsesSentenceOffsets(t *testing.T) {
	text := "Headline\n\nLavrov met Wang on Wednesday. They will meet again on Friday."
	a := &news.Article{Text: text, Published: time.Date(2025, 6, 11, 0, 0, 0, 0, time.UTC), Sentences: []news.Sentence{
		{Index: 0, Span: news.Span{Start: 0, End: 8}},
		{Index: 1, Span: news.Span{Start: 10, End: 41}},
		{Index: 2, Span: news.Span{Start: 42, End: len(text)}},
	}}
	Dates(a)
	if len(a.Dates) != 2 {
		t.Fatalf("Dates() = %+v, want 2", a.Dates)
	}
	for _, d := range a.Dates {
		if text[d.Span.Start:d.Span.End] != d.Text {
			t.Errorf("date %q has span %v pointing at %q", d.Text, d.Span, text[d.Span.Start:d.Span.End])
		}
	}
	if a.Dates[1].Date != "2025-06-13" || a.Dates[1].Sentence != 2 {
		t.Errorf("second date = %+v, want 2025-06-13 in sentence 2", a.Dates[1])
	}
}

func TestDatesAnaphora(t *testing.T) {
	ref := time.Date(2025, 6, 11, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		sentences []string
		want      map[string]string // expression text -> date
	}{
		{"that day across sentences", []string{"The vote was held on 3 May.", "Later that day, protesters gathered."},
			map[string]string{"3 May": "2025-05-03", "Later that day": "2025-05-03"}},
		{"the next morning", []string{"Fighting began on Sunday night.", "The next morning the town fell."},
			map[string]string{"Sunday night": "2025-06-08", "The next morning": "2025-06-09"}},
		{"the day after", []string{"The ceasefire was signed on 2 March.", "Shelling resumed the day after."},
			map[string]string{"2 March": "2025-03-02", "the day after": "2025-03-03"}},
		{"the day of an event", []string{"The ceasefire was signed on 2 March.", "Police were out the day of the funeral."},
			map[string]string{"2 March": "2025-03-02"}},
		{"year earlier in the sentence", []string{"For the quarter ended 31 March, profit fell from a year earlier."},
			map[string]string{"31 March": "2025-03-31", "a year earlier": "2024-03-31"}},
		{"year earlier in another sentence", []string{"Talks opened on 31 March.", "Exports fell from a year earlier."},
			map[string]string{"31 March": "2025-03-31", "a year earlier": "2024-06-11"}},
		{"the previous weekday", []string{"The deal was signed on 4 June.", "Talks had stalled the previous Friday."},
			map[string]string{"4 June": "2025-06-04", "the previous Friday": "2025-05-30"}},
		{"days later across sentences", []string{"The strike began on 5 June 2018.", "Three days later, talks opened."},
			map[string]string{"5 June 2018": "2018-06-05", "Three days later": "2018-06-08"}},
		{"coordinated weekdays next week", []string{"Dockers will stop work on Monday and Tuesday next week."},
			map[string]string{"Monday": "2025-06-16", "Tuesday": "2025-06-17", "next week": "2025-06-16"}},
		{"until then", []string{"Conversion rights end on Nov. 30.", "Until then, the stock remains convertible."},
			map[string]string{"Nov. 30": "2024-11-30", "then": "2024-11-30"}},
		{"day in apposition", []string{"Shares fell on Oct. 12, the day before the crash."},
			map[string]string{"Oct. 12": "2024-10-12", "the day before": "2024-10-12"}},
		{"a period before a holiday", []string{"Talks will resume next week before Christmas."},
			map[string]string{"next week": "2025-06-16", "Christmas": "2025-12-25"}},
		{"every day after is no day", []string{"Prices rose every day after Monday's vote."},
			map[string]string{"Monday's": "2025-06-09"}},
		{"coordinated days", []string{"The summit was held on April 24 and 25."},
			map[string]string{"April 24": "2025-04-24", "25": "2025-04-25"}},
		{"coordinated day range", []string{"Talks ran May 3-4 in Geneva."},
			map[string]string{"May 3": "2025-05-03", "4": "2025-05-04"}},
		{"number after a date", []string{"On April 24 and 25 people were hurt."},
			map[string]string{"April 24": "2025-04-24"}},
		{"overnight after a day", []string{"Shares closed lower on Friday.", "Overnight losses in New York weighed.", "The index fell 4% from the previous Friday."},
			map[string]string{"Friday": "2025-06-06", "Overnight": "2025-06-06", "the previous Friday": "2025-05-30"}},
		{"overnight far from a day", []string{"Shares closed lower on Friday.", "Investors waited.", "Drones struck overnight."},
			map[string]string{"Friday": "2025-06-06", "overnight": "2025-06-11"}},
		{"the day after an event", []string{"He was shot on 23 October.", "He worked in Buffalo.", "Two men came to his house the day after his death."},
			map[string]string{"23 October": "2024-10-23", "the day after": "2024-10-24"}},
		{"the day before a named day", []string{"He was shot on 23 October.", "Police came the day before Monday's vote."},
			map[string]string{"23 October": "2024-10-23", "the day before Monday's": "2025-06-08"}},
		{"the day in apposition to a day and month", []string{"Workers struck on 28 October, the day before the port published its plan."},
			map[string]string{"28 October": "2024-10-28", "the day before": "2024-10-28"}},
		{"later in the day before a gerund", []string{"She reached Nairobi on Tuesday.", "She met the president later in the day before flying home."},
			map[string]string{"Tuesday": "2025-06-10", "later in the day": "2025-06-10"}},
		{"the day before", []string{"The vote was held on 3 May.", "Troops deployed the day before."},
			map[string]string{"3 May": "2025-05-03", "the day before": "2025-05-02"}},
		{"a day after one ahead", []string{"New flights leave from August 30, with a third from February 6."},
			map[string]string{"August 30": "2025-08-30", "February 6": "2026-02-06"}},
		{"a day after one gone", []string{"Flights left on May 30, with a third on December 6."},
			map[string]string{"May 30": "2025-05-30", "December 6": "2024-12-06"}},
		{"quoted yesterday said on a day", []string{`"We struck them yesterday," the commander said on Monday.`},
			map[string]string{"Monday": "2025-06-09", "yesterday": "2025-06-08"}},
		{"quoted yesterday said undated", []string{`"We struck them yesterday," the commander said.`},
			map[string]string{"yesterday": "2025-06-10"}},
		{"yesterday outside a quotation", []string{"The commander said on Monday that they struck yesterday."},
			map[string]string{"Monday": "2025-06-09", "yesterday": "2025-06-10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{Published: ref}
			for i, s := range tt.sentences {
				if i > 0 {
					a.Text += " "
				}
				a.Sentences = append(a.Sentences, news.Sentence{Index: i, Span: news.Span{Start: len(a.Text), End: len(a.Text) + len(s)}})
				a.Text += s
			}
			Dates(a)
			got := map[string]string{}
			for _, d := range a.Dates {
				if a.Text[d.Span.Start:d.Span.End] != d.Text {
					t.Errorf("date %q has span %v pointing at %q", d.Text, d.Span, a.Text[d.Span.Start:d.Span.End])
				}
				got[d.Text] = d.Date
			}
			if len(got) != len(tt.want) {
				t.Errorf("Dates(%q) = %v, want %v", a.Text, got, tt.want)
			}
			for text, date := range tt.want {
				if got[text] != date {
					t.Errorf("Dates(%q)[%q] = %q, want %q", a.Text, text, got[text], date)
				}
			}
		})
	}
}

func TestDatesEventDayParagraphs(t *testing.T) {
	ref := time.Date(2025, 6, 11, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		text string
		want string // the date of "the day after", "" for none
	}{
		{"next paragraph", "He was shot on 23 October.\n\nTwo men came to his house the day after his death.", "2024-10-24"},
		{"two paragraphs on", "He was shot on 23 October.\n\nHe worked in Buffalo.\n\nTwo men came to his house the day after his death.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{Text: tt.text, Published: ref}
			Split(a)
			Dates(a)
			got := ""
			for _, d := range a.Dates {
				if d.Text == "the day after" {
					got = d.Date
				}
			}
			if got != tt.want {
				t.Errorf("Dates(%q): the day after = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestGoldenDates(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "dates", "news.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a := &news.Article{Text: string(b), Published: time.Date(2025, 11, 14, 0, 0, 0, 0, time.UTC)}
	Split(a)
	Dates(a)
	type row struct {
		Text, Date string
		Precision  news.Precision
		Rule       string
		Span       [2]int
	}
	var rows []row
	for _, d := range a.Dates {
		if a.Text[d.Span.Start:d.Span.End] != d.Text {
			t.Errorf("date %q has span %v pointing at %q", d.Text, d.Span, a.Text[d.Span.Start:d.Span.End])
		}
		rows = append(rows, row{d.Text, d.Date, d.Precision, d.Rule, [2]int{d.Span.Start, d.Span.End}})
	}
	got, err := json.MarshalIndent(rows, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	testkit.Golden(t, filepath.Join("testdata", "dates", "news.golden.json"), append(got, '\n'), *update)
}

func FuzzFindDates(f *testing.F) {
	for _, s := range []string{"on Wednesday", "3 May 2024", "last week", "May 3rd, 2024", "in 1994", "two days ago",
		"On 3 May 2024, later that day", "since year-end", "the day after", "last Thanksgiving", "Christmas Day 1999",
		"today is the eighth day", "Oct. 12, the day before", "April 24 and 25", "the day before Monday's vote",
		"Until then", "Until Thursday, they had", "meet separately Monday", "departing each Thursday", "over the weekend",
		"this Friday", `said it was "a great day`, "the day after his death", "later in the day before returning",
		`"yesterday," he said on Monday`, "from March 30, with a third from August 6", "postponed until 15:00 GMT Saturday"} {
		f.Add(s)
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "dates", "news.txt")); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			f.Add(line)
		}
	}
	ref := time.Date(2025, 6, 11, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, d := range findDates(s, ref) {
			if d.Span.Start < 0 || d.Span.End > len(s) || d.Span.Start >= d.Span.End {
				t.Fatalf("findDates(%q): bad span %v", s, d.Span)
			}
			if d.Span.Start < prev {
				t.Fatalf("findDates(%q): span %v overlaps the one before", s, d.Span)
			}
			if _, err := time.Parse(news.DateFormat, d.Date); err != nil {
				t.Fatalf("findDates(%q): bad date %q", s, d.Date)
			}
			prev = d.Span.End
		}
	})
}

// BenchmarkDates times the date stage over a news article with few dates
// and over one full of them, both about 5 KB.
func BenchmarkDates(b *testing.B) {
	for _, file := range []string{"sentences/article-5kb.txt", "dates/news.txt"} {
		b.Run(filepath.Base(filepath.Dir(file)), func(b *testing.B) {
			text, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				b.Fatal(err)
			}
			a := &news.Article{Text: string(text), Published: time.Date(2025, 6, 11, 0, 0, 0, 0, time.UTC)}
			Split(a)
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Dates(a)
			}
		})
	}
}
