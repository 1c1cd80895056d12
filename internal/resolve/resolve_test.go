package resolve

import (
	"strings"
	"testing"
	"time"

	"chronicle/internal/extract"
	"chronicle/internal/kb"
	"chronicle/internal/news"
)

// pipeline recognises and resolves articles for the tests.
type pipeline struct {
	rec *extract.Recognizer
	res *Resolver
}

func newPipeline(t testing.TB) *pipeline {
	t.Helper()
	k, err := kb.Load()
	if err != nil {
		t.Fatalf("kb.Load() = %v", err)
	}
	res := New(k)
	res.now = func() time.Time { return time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC) }
	return &pipeline{rec: extract.NewRecognizer(k), res: res}
}

// run splits, recognises and resolves text published on date
// (YYYY-MM-DD, or "" for none).
func (p *pipeline) run(t testing.TB, text, date string) *news.Article {
	t.Helper()
	a := &news.Article{Text: text}
	if date != "" {
		d, err := time.Parse(news.DateFormat, date)
		if err != nil {
			t.Fatal(err)
		}
		a.Published = d
	}
	extract.Split(a)
	p.rec.Mentions(a)
	p.res.Resolve(a)
	return a
}

// mention returns the first mention whose text is s.
func mention(t testing.TB, a *news.Article, s string) (int, news.Mention) {
	t.Helper()
	for i, m := range a.Mentions {
		if m.Text == s {
			return i, m
		}
	}
	t.Fatalf("no mention %q in %q; got %v", s, a.Text, a.Mentions)
	return -1, news.Mention{}
}

func TestResolveActors(t *testing.T) {
	p := newPipeline(t)
	tests := []struct {
		name, text, date, span string
		want                   news.Actor
	}{
		{"president in 2022", "Vladimir Putin spoke.", "2022-03-01", "Vladimir Putin",
			news.Actor{Name: "Vladimir Putin", Entity: "person:vladimir-putin", Country: "RUS", Sector: "GOV", Role: "President"}},
		{"prime minister in 2009", "Vladimir Putin spoke.", "2009-01-01", "Vladimir Putin",
			news.Actor{Name: "Vladimir Putin", Entity: "person:vladimir-putin", Country: "RUS", Sector: "GOV", Role: "Prime Minister"}},
		{"transliteration", "Moammar Qadhafi spoke.", "2005-01-01", "Moammar Qadhafi",
			news.Actor{Name: "Muammar Gaddafi", Entity: "person:muammar-gaddafi", Country: "LBY", Sector: "GOV", Role: "Leader"}},
		{"office holder by date", "The US president spoke.", "2018-05-01", "US president",
			news.Actor{Name: "Donald Trump", Entity: "person:donald-trump", Country: "USA", Sector: "GOV", Role: "President"}},
		{"office holder later", "The US president spoke.", "2022-05-01", "US president",
			news.Actor{Name: "Joe Biden", Entity: "person:joe-biden", Country: "USA", Sector: "GOV", Role: "President"}},
		{"foreign minister of a country", "He met the foreign minister of Iran.", "2022-05-01", "the foreign minister of Iran",
			news.Actor{Name: "Hossein Amir-Abdollahian", Entity: "person:hossein-amir-abdollahian", Country: "IRN", Sector: "GOV", Role: "Foreign Minister"}},
		{"former official", "Joe Biden spoke.", "2018-05-01", "Joe Biden",
			news.Actor{Name: "Joe Biden", Entity: "person:joe-biden", Country: "USA", Sector: "ELI", Role: "former Vice President"}},
		{"unknown person with cues", "Chile's interior minister, Juan Pérez, resigned.", "2022-05-01", "Juan Pérez",
			news.Actor{Name: "Juan Pérez", Entity: "person:juan-paraz", Country: "CHL", Sector: "GOV", Role: "Interior Minister"}},
		{"national institution", "Syrian government forces shelled the town.", "2022-05-01", "Syrian government forces",
			news.Actor{Name: "Syrian government forces", Entity: "org:SYR-forces", Country: "SYR", Sector: "MIL", Role: "Forces"}},
		{"group of people", "Ukrainian officials said so.", "2022-05-01", "Ukrainian officials",
			news.Actor{Name: "Ukrainian officials", Country: "UKR", Sector: "GOV", Role: "Officials"}},
		{"leader's institution", "The Trump administration imposed sanctions.", "2019-05-01", "Trump administration",
			news.Actor{Name: "Trump administration", Entity: "org:USA-government", Country: "USA", Sector: "GOV", Role: "Government"}},
		{"owner of an institution", "Emmanuel Macron spoke. His government resigned.", "2019-05-01", "government",
			news.Actor{Name: "government", Entity: "org:FRA-government", Country: "FRA", Sector: "GOV", Role: "Government"}},
		{"country", "Turkey said so.", "2022-05-01", "Turkey",
			news.Actor{Name: "Türkiye", Entity: "country:TUR", Country: "TUR"}},
		{"capital as actor", "Tehran rejected the offer.", "2022-05-01", "Tehran",
			news.Actor{Name: "Tehran", Entity: "place:112931", Country: "IRN", Sector: "GOV"}},
		{"nationality before a hyphenated participle", "Kenyan-led forces patrolled the border with Somalia.", "2022-05-01", "forces",
			news.Actor{Name: "forces", Entity: "org:KEN-forces", Country: "KEN", Sector: "MIL", Role: "Forces"}},
		{"ethnic group where it lives", "Ethnic Hungarians in Romania marched on Sunday.", "2022-05-01", "Hungarians",
			news.Actor{Name: "Hungarians", Country: "ROU", Sector: "CVL"}},
		{"people of a place", "The Hungarians of southern Slovakia voted on Monday.", "2022-05-01", "Hungarians",
			news.Actor{Name: "Hungarians", Country: "SVK", Sector: "CVL"}},
		{"people of a country named first", "Iraqi Turkmens staged a sit-in.", "2022-05-01", "Turkmens",
			news.Actor{Name: "Iraqi Turkmens", Country: "IRQ", Sector: "CVL"}},
		{"nationality alone stays a state", "Hungarians and Romanians voted.", "2022-05-01", "Hungarians",
			news.Actor{Name: "Hungary", Entity: "country:HUN", Country: "HUN"}},
		{"rebels in a country", "Rebels in the Central African Republic seized a town.", "2022-05-01", "Rebels",
			news.Actor{Name: "Rebels", Country: "CAF", Sector: "REB", Role: "Rebels"}},
		{"bare surname of an office holder whose country is named", "Ukraine's army held the line. Zelenskyy said the front was stable.", "2024-05-01", "Zelenskyy",
			news.Actor{Name: "Volodymyr Zelenskyy", Entity: "person:volodymyr-zelenskyy", Country: "UKR", Sector: "GOV", Role: "President"}},
		{"bare common surname, even a former leader's", "The storm flooded the county overnight. Fox said the roads were closed.", "2024-05-01", "Fox",
			news.Actor{Name: "Fox", Entity: "person:fuks"}},
		{"bare surname of a former leader", "The rally drew thousands. Trump wrote that the trial was unfair.", "2023-05-01", "Trump",
			news.Actor{Name: "Donald Trump", Entity: "person:donald-trump", Country: "USA", Sector: "ELI", Role: "former President"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := p.run(t, tt.text, tt.date)
			_, m := mention(t, a, tt.span)
			if m.Actor != tt.want {
				t.Errorf("Resolve(%q on %s) %q = %+v, want %+v", tt.text, tt.date, tt.span, m.Actor, tt.want)
			}
		})
	}
}

func TestResolveVariantsShareEntity(t *testing.T) {
	p := newPipeline(t)
	tests := []struct {
		name  string
		names []string
	}{
		{"kb person", []string{"Muammar Gaddafi", "Moammar Qaddafi", "Muammar al-Kadhafi", "Muammar Gadhafi"}},
		{"unknown person", []string{"Mohammed Example", "Muhammad Example", "Mohamed Example"}},
		{"diacritics", []string{"Juan Pérez", "Juan Perez"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var first string
			for _, n := range tt.names {
				text := "Senator " + n + " spoke."
				a := p.run(t, text, "2005-01-01")
				_, m := mention(t, a, "Senator "+n)
				if m.Actor.Entity == "" {
					t.Fatalf("Resolve(%q) entity empty", text)
				}
				if first == "" {
					first = m.Actor.Entity
				} else if m.Actor.Entity != first {
					t.Errorf("Resolve(%q) entity = %q, want %q like %q", text, m.Actor.Entity, first, tt.names[0])
				}
			}
		})
	}
}

func TestCoreference(t *testing.T) {
	p := newPipeline(t)
	tests := []struct {
		name   string
		text   string
		from   string // the later mention
		to     string // the mention it refers to
		entity string
	}{
		{"surname", "Chile's interior minister, Juan Pérez, resigned. Pérez denied wrongdoing.",
			"Pérez", "Juan Pérez", "person:juan-paraz"},
		{"role noun", "Chile's interior minister, Juan Pérez, resigned. The minister denied wrongdoing.",
			"The minister", "Juan Pérez", "person:juan-paraz"},
		{"pronoun", "Chile's interior minister, Juan Pérez, resigned. He denied wrongdoing.",
			"He", "Juan Pérez", "person:juan-paraz"},
		{"leader", "Gabriel Boric met the press. The Chilean leader said he was calm.",
			"Chilean leader", "Gabriel Boric", "person:gabriel-boric"},
		{"repeated kb name", "Emmanuel Macron arrived. Macron then left.",
			"Macron", "Emmanuel Macron", "person:emmanuel-macron"},
		{"group", "The Example Liberation Front claimed the attack. The group said it would fight on.",
			"The group", "Example Liberation Front", "org:example-liberation-front"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := p.run(t, tt.text, "2023-05-01")
			to, _ := mention(t, a, tt.to)
			from := news.Mention{Ref: -2}
			for _, m := range a.Mentions {
				if m.Text == tt.from && m.Span.Start > a.Mentions[to].Span.Start {
					from = m
					break
				}
			}
			if from.Ref == -2 {
				t.Fatalf("Resolve(%q): no mention %q after %q; got %v", tt.text, tt.from, tt.to, a.Mentions)
			}
			if from.Ref != to {
				t.Errorf("Resolve(%q): %q Ref = %d, want %d (%q)", tt.text, tt.from, from.Ref, to, tt.to)
			}
			if from.Actor.Entity != tt.entity {
				t.Errorf("Resolve(%q): %q entity = %q, want %q", tt.text, tt.from, from.Actor.Entity, tt.entity)
			}
		})
	}
}

func TestResolvePlaces(t *testing.T) {
	p := newPipeline(t)
	tests := []struct {
		name, text, span, country string
		place                     bool
	}{
		{"country as location", "Fighting continued in Syria.", "Syria", "SYR", true},
		{"country as actor", "Syria rejected the plan.", "Syria", "SYR", false},
		{"subdivision", "Shelling hit Idlib province.", "Idlib province", "SYR", true},
		{"city", "Protests spread to Aleppo.", "Aleppo", "SYR", true},
		{"homonym without hints", "Clashes erupted in Tripoli.", "Tripoli", "LBY", true},
		{"homonym near the dateline", "Clashes erupted in Tripoli.", "Tripoli", "LBN", true},
		{"homonym with the article's country", "Lebanese troops deployed. Clashes erupted in Tripoli.", "Tripoli", "LBN", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{Text: tt.text, Published: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)}
			if strings.Contains(tt.name, "dateline") {
				a.Dateline = "BEIRUT"
			}
			extract.Split(a)
			p.rec.Mentions(a)
			p.res.Resolve(a)
			_, m := mention(t, a, tt.span)
			if m.Actor.Country != tt.country {
				t.Errorf("Resolve(%q) %q country = %q, want %q", tt.text, tt.span, m.Actor.Country, tt.country)
			}
			if (m.Place != nil) != tt.place {
				t.Errorf("Resolve(%q) %q place = %v, want place %v", tt.text, tt.span, m.Place, tt.place)
			}
			if m.Place != nil && m.Place.Country != tt.country {
				t.Errorf("Resolve(%q) %q place country = %q, want %q", tt.text, tt.span, m.Place.Country, tt.country)
			}
		})
	}
}

func TestVariantKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Juan Pérez", "juan-paraz"},
		{"Muammar al-Qaddafi", "muamar-kadafi"},
		{"Moammar Gadhafi", "muamar-kadafi"},
		{"Mohammed bin Salman", "muhamad-bin-salman"},
		{"Volodymyr Zelenskyy", "vuludimir-zalanski"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := VariantKey(tt.in); got != tt.want {
			t.Errorf("VariantKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// BenchmarkResolve measures resolution of a recognised 5 KB article.
func BenchmarkResolve(b *testing.B) {
	p := newPipeline(b)
	a := &news.Article{Text: benchText, Published: time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC), Dateline: "BEIRUT"}
	extract.Split(a)
	p.rec.Mentions(a)
	found := a.Mentions
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		a.Mentions = append(a.Mentions[:0:0], found...)
		p.res.Resolve(a)
	}
}

// benchText is a made-up wire story.
const benchText = `Syrian government forces shelled several villages near the northern city of Idlib on Tuesday, a monitoring group said, as Russian warplanes struck rebel positions in the countryside for a third day.

Russian Foreign Minister Sergei Lavrov told reporters in Moscow that the strikes targeted "terrorist groups". Turkish President Recep Tayyip Erdogan said Ankara would not allow a new wave of refugees to reach its border, and his defence minister, Hulusi Akar, said Turkish troops in the area would respond to any attack.

"We will not stand by," Erdogan said. The Turkish leader said he had spoken to Russian President Vladimir Putin by telephone.

In Washington, the US State Department called for a halt to the fighting. A spokesperson, Jane Roe, said the United States was "deeply concerned". The US president has not commented.

UN Secretary-General Antonio Guterres urged all parties to respect international law. Local officials in Idlib said the road to the Turkish border was jammed.

"The situation is catastrophic," said Mark Example, the regional director of the Example Relief Agency, speaking from Gaziantep. Example said aid was running out.

The Syrian Democratic Forces, a Kurdish-led alliance, said its fighters had repelled an attack near Manbij. The group accused Ankara of using the chaos.

Iran, which backs President Bashar al-Assad, said it supported the offensive. Iranian Foreign Ministry spokesman Nasser Kanaani said Tehran was in contact with Moscow.

Israel's military said separately that its aircraft had struck targets near Damascus. The Israeli army said the strikes hit depots used by Hezbollah.

Analysts said the fighting could derail talks in Geneva, said Joan Sample, a senior fellow at the Example Institute in London. Sample added that the process had stalled.

The European Union's foreign policy chief, Josep Borrell, said the bloc would increase aid. The German chancellor said Berlin was ready to host a conference.
`

func TestPluralRole(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"the ministers", true},
		{"Leaders of the Group of Twenty", true},
		{"the foreign ministers of Peru and Chile", true},
		{"the minister", false},
		{"the High Commissioner for Human Rights", false},
		{"Secretary of Homeland Security", false},
		{"the boss", false},
		{"the president's", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := pluralRole(tt.text); got != tt.want {
				t.Errorf("pluralRole(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
