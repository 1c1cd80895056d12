package extract_test

import (
	"testing"

	"chronicle/internal/news"

	"github.com/google/go-cmp/cmp"
)

// TestQuoteSpeakers checks how the finder reads speakers in the harder
// layouts of news writing: nicknames and honorifics inside names,
// relative clauses that run on to the cue, headings that credit a quote,
// and the cues that must not pass their speaker on.
func TestQuoteSpeakers(t *testing.T) {
	st := newQuoteStack(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"nickname inside the speaker's name",
			"The vote went on.\n\n\"We will win,\" Ana \"Annie\" Silva said.",
			[]string{`direct "We will win" by Ana Silva @"Ana \"Annie\" Silva"`, `partial "Annie" by -`}},
		{"description, honorific and nickname before the cue after an exclamation",
			"The vote went on.\n\n\"We will win this year!\" The mayor's niece, state Del. Ana \"Annie\" Silva (D-Port), shouted to the crowd.",
			[]string{`direct "We will win this year!" by Ana Silva @"Del. Ana \"Annie\" Silva"`, `partial "Annie" by -`}},
		{"title with its comma before a name is no nickname",
			"The vote went on.\n\nOn \"Harbour Morning,\" Jane Roe praised the plan.",
			[]string{`partial "Harbour Morning" by -`}},
		{"relative clause without its closing comma before a reported clause",
			"The vote went on.\n\nJane Roe, who chairs the board said the port must stay open.",
			[]string{`indirect "the port must stay open" by Jane Roe @"Jane Roe"`}},
		{"relative clause closed by the comma inside a quote",
			"The vote went on.\n\nJane Roe, who calls the plan a “disaster,” said she does not believe the vote will pass.",
			[]string{`partial "disaster" by Jane Roe @"Jane Roe"`, `indirect "she does not believe the vote will pass" by Jane Roe @"Jane Roe"`}},
		{"relative clause before a quote does not reach past it",
			"The vote went on.\n\nStudents who fail the test do better at “smaller schools,” John Doe said.",
			[]string{`partial "smaller schools" by John Doe @"John Doe"`}},
		{"cue word after a parenthetical cue opens the reported clause",
			"The vote went on.\n\nJane Roe spoke after the vote.\n\nRather, she said, continued delays will hurt the port.\n\n“We cannot wait.”",
			[]string{`direct "We cannot wait." by Jane Roe @"she"`}},
		{"pronoun of a clause between the speaker and the cue",
			"The vote went on.\n\nJane Roe drew cheers as she thanked the city and then boomed, “We will win.”",
			[]string{`direct "We will win." by Jane Roe @"she"`}},
		{"pronoun of a reported clause is not the speaker's words",
			"The vote went on.\n\nJane Roe noted that she taught law, and added: “I know a little about this.”",
			[]string{`indirect "she taught law, and added: “I know a little about this.”" by Jane Roe @"Jane Roe"`, `direct "I know a little about this." by Jane Roe @"Jane Roe"`}},
		{"name between a determiner and a cue word is a modifier",
			"The vote went on.\n\nJane Roe posted a Twitter comment of her own, saying, “The port will open.”",
			[]string{`direct "The port will open." by Jane Roe @"Jane Roe"`}},
		{"name before a cue word that reports a clause stays its source",
			"The vote went on.\n\nJane Roe cited a Harbour Gazette report that the port would close.",
			[]string{`indirect "the port would close" by Harbour Gazette @"a Harbour Gazette"`}},
		{"source credited with from before a colon",
			"The vote went on.\n\nFrom the report: “Families from the top half would gain most.”",
			[]string{`direct "Families from the top half would gain most." by report @"the report"`}},
		{"from inside a clause leaves the colon to the clause's subject",
			"The vote went on.\n\nThe fishermen came from the port: “We will win.”",
			[]string{`direct "We will win." by fishermen @"The fishermen"`}},
		{"had this to say",
			"The vote went on.\n\nLikewise, a paper from the Harbour Institute had this to say about the plan: “Families from the top half would gain most.”",
			[]string{`direct "Families from the top half would gain most." by Harbour Institute @"the Harbour Institute"`}},
		{"sentence adverb before its comma is no name",
			"The vote went on.\n\nSimilarly, the plan is said to be late: “It will not open this year.”",
			[]string{`direct "It will not open this year." by -`}},
		{"speculated that introduces the quote of the next paragraph",
			"The vote went on.\n\nJane Roe speculated that the men could be smugglers.\n\n“They are coming across the border. We do not know who they are.”",
			[]string{`indirect "the men could be smugglers" by Jane Roe @"Jane Roe"`, `direct "They are coming across the border. We do not know who they are." by Jane Roe @"Jane Roe"`}},
		{"hearer of an audience verb before a quote is no inverted speaker",
			"The vote went on.\n\nAna Silva, reading the speech, asked the crowd “Why should we wait?”",
			[]string{`direct "Why should we wait?" by Ana Silva @"Ana Silva"`}},
		{"inverted audience verb after a quote keeps its speaker",
			"The vote went on.\n\n“Why should we wait?” asked the minister.",
			[]string{`direct "Why should we wait?" by minister @"the minister"`}},
		{"cue after a quote that ends its sentence opens the next",
			"The vote went on.\n\nJane Roe emailed John Doe her thanks, telling him, “You are a star!” Doe replied that he was honoured.",
			[]string{`direct "You are a star!" by Jane Roe @"Jane Roe"`, `indirect "he was honoured" by John Doe @"Doe"`}},
		{"cue with a reported clause after a quote does not sign it",
			"“The port must stay open,” the harbour master said. “It shows a lack of care.” Jane Roe said the board and the union are “both to blame.”",
			[]string{`direct "The port must stay open" by master @"the harbour master"`, `direct "It shows a lack of care." by master @"the harbour master"`, `indirect "the board and the union are “both to blame.”" by Jane Roe @"Jane Roe"`, `partial "both to blame." by Jane Roe @"Jane Roe"`}},
		{"person's name inside a compound before a cue word is a modifier",
			"The vote went on.\n\nJane Roe offered a John Doe-style retort, tweeting at him, “You are a loser.”",
			[]string{`direct "You are a loser." by Jane Roe @"Jane Roe"`}},
		{"role mention after an article names the speaker",
			"The vote went on.\n\nA harbour spokesman said, “The port will open.”",
			[]string{`direct "The port will open." by spokesman @"A harbour spokesman"`}},
		{"source noun opening the main clause after an opening clause",
			"The vote went on.\n\nEven before Jane Roe took the stage, her campaign issued a statement saying, “We regret the delay.”",
			[]string{`direct "We regret the delay." by campaign @"her campaign"`}},
		{"heading that credits a quote with from",
			"A lesson from Jane Roe: ‘Be the voice that people hear.’\n\nThe vote went on.",
			[]string{`direct "Be the voice that people hear." by Jane Roe @"Jane Roe"`}},
		{"more from a source before a colon",
			"The vote went on. More from the harbour board: “The port stays open.”",
			[]string{`direct "The port stays open." by board @"the harbour board"`}},
	}
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
