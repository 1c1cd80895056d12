package extract

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"chronicle/internal/kb"
)

// testNames is a small hand-written name list for matcher tests.
func testNames() []kb.Name {
	return []kb.Name{
		{Text: "Muammar Gaddafi", Kind: kb.NamePerson, Key: "muammar-gaddafi"},
		{Text: "Gaddafi", Kind: kb.NamePerson, Key: "muammar-gaddafi"},
		{Text: "Mohammed bin Salman", Kind: kb.NamePerson, Key: "mohammed-bin-salman"},
		{Text: "Alexander Lukashenko", Kind: kb.NamePerson, Key: "alexander-lukashenko"},
		{Text: "Bashar al-Assad", Kind: kb.NamePerson, Key: "bashar-al-assad"},
		{Text: "Volodymyr Zelensky", Kind: kb.NamePerson, Key: "volodymyr-zelenskyy"},
		{Text: "Zelensky", Kind: kb.NamePerson, Key: "volodymyr-zelenskyy"},
		{Text: "Recep Tayyip Erdoğan", Kind: kb.NamePerson, Key: "recep-tayyip-erdogan"},
		{Text: "Vladimir Putin", Kind: kb.NamePerson, Key: "vladimir-putin"},
		{Text: "Putin", Kind: kb.NamePerson, Key: "vladimir-putin"},
		{Text: "Theresa May", Kind: kb.NamePerson, Key: "theresa-may"},
		{Text: "China", Kind: kb.NameCountry, Key: "CHN"},
		{Text: "Chad", Kind: kb.NameCountry, Key: "TCD"},
		{Text: "Turkey", Kind: kb.NameCountry, Key: "TUR"},
		{Text: "United States", Kind: kb.NameCountry, Key: "USA"},
		{Text: "US", Kind: kb.NameCountry, Key: "USA"},
		{Text: "U.S.", Kind: kb.NameCountry, Key: "USA"},
		{Text: "South Africa", Kind: kb.NameCountry, Key: "ZAF"},
		{Text: "South African", Kind: kb.NameDemonym, Key: "ZAF"},
		{Text: "Syrian", Kind: kb.NameDemonym, Key: "SYR"},
		{Text: "Syrian Democratic Forces", Kind: kb.NameOrg, Key: "sdf"},
		{Text: "NATO", Kind: kb.NameOrg, Key: "nato"},
		{Text: "Côte d'Ivoire", Kind: kb.NameCountry, Key: "CIV"},
		{Text: "Foreign Minister", Kind: kb.NameTitle, Key: "Foreign Minister"},
		{Text: "President", Kind: kb.NameTitle, Key: "President"},
		{Text: "officials", Kind: kindInstitution, Key: "officials"},
		{Text: "president's office", Kind: kindInstitution, Key: "president's office"},
		{Text: "Democratic People's Republic of Korea", Kind: kb.NameCountry, Key: "PRK"},
	}
}

// matchAll returns "text=key" for every hit in text, in order.
func matchAll(m *nameMatcher, text string) []string {
	sc := &nameScan{m: m}
	sc.reset(text)
	toks := sc.tokens(text, 0, len(text))
	var out []string
	for _, h := range m.find(sc, toks) {
		span := text[toks[h.first].start:toks[h.last].end]
		keys := make([]string, 0, len(h.entries))
		for _, e := range h.entries {
			k := m.entries[e].name.Key
			if !strings.Contains(strings.Join(keys, ","), k) {
				keys = append(keys, k)
			}
		}
		out = append(out, span+"="+strings.Join(keys, ","))
	}
	return out
}

func TestMatcherFind(t *testing.T) {
	m := newNameMatcher(testNames())
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"exact", "Vladimir Putin met Recep Tayyip Erdoğan.", []string{"Vladimir Putin=vladimir-putin", "Recep Tayyip Erdoğan=recep-tayyip-erdogan"}},
		{"folded diacritics", "Recep Tayyip Erdogan spoke.", []string{"Recep Tayyip Erdogan=recep-tayyip-erdogan"}},
		{"q for g", "Muammar Qaddafi ruled.", []string{"Muammar Qaddafi=muammar-gaddafi"}},
		{"k and dh", "Kadhafi fled.", []string{"Kadhafi=muammar-gaddafi"}},
		{"gh and dh", "Muammar Gadhafi ruled.", []string{"Muammar Gadhafi=muammar-gaddafi"}},
		{"vowels and double letters", "Muhammad bin Salman visited.", []string{"Muhammad bin Salman=mohammed-bin-salman"}},
		{"x and ks", "Aleksandr Lukashenko said.", []string{"Aleksandr Lukashenko=alexander-lukashenko"}},
		{"el for al", "Bashar el-Assad said.", []string{"Bashar el-Assad=bashar-al-assad"}},
		{"article dropped", "Bashar Assad said.", []string{"Bashar Assad=bashar-al-assad"}},
		{"yy ending", "Zelenskyy said.", []string{"Zelenskyy=volodymyr-zelenskyy"}},
		{"iy ending", "Volodymyr Zelenskiy said.", []string{"Volodymyr Zelenskiy=volodymyr-zelenskyy"}},
		{"curly apostrophe", "in Côte d’Ivoire", []string{"Côte d’Ivoire=CIV"}},
		{"longest wins", "South African troops and the Syrian Democratic Forces", []string{"South African=ZAF", "Syrian Democratic Forces=sdf"}},
		{"country not demonym", "South Africa said", []string{"South Africa=ZAF"}},
		{"acronym with dots", "the U.S. said", []string{"U.S.=USA"}},
		{"acronym case", "tell us what the US wants", []string{"US=USA"}},
		{"acronym title case", "Nato allies", []string{"Nato=nato"}},
		{"acronym lower case", "nato allies", nil},
		{"capital needed", "in may the china shop in chad", nil},
		{"capitalised", "Theresa May went to China and Chad", []string{"Theresa May=theresa-may", "China=CHN", "Chad=TCD"}},
		{"title any case", "the foreign minister and the President", []string{"foreign minister=Foreign Minister", "President=President"}},
		{"plural institution", "an official and two officials", []string{"official=officials", "officials=officials"}},
		{"inner possessive", "the Democratic People’s Republic of Korea and the president's office",
			[]string{"Democratic People’s Republic of Korea=PRK", "president's office=president's office"}},
		{"consonants differ", "General Patton and Potin", nil},
		{"short names are exact", "Putan", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := matchAll(m, tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("find(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Israel's military", []string{"Israel", "s", "military"}},
		{"the U.S. and U.N. said.", []string{"the", "U.S.", "and", "U.N.", "said"}},
		{"Guinea-Bissau", []string{"Guinea", "Bissau"}},
		{"Kadıköy, İstanbul", []string{"Kadıköy", "İstanbul"}},
		{"A. Smith", []string{"A", "Smith"}},
		{"", nil},
	}
	for _, tt := range tests {
		var sc nameScan
		sc.reset(tt.in)
		var got []string
		for _, tok := range sc.tokens(tt.in, 0, len(tt.in)) {
			got = append(got, sc.word(tok))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// benchArticle is a made-up wire story of about 5 KB.
const benchArticle = `Syrian government forces shelled several villages near the northern city of Idlib on Tuesday, a monitoring group said, as Russian warplanes struck rebel positions in the countryside for a third day.

The Syrian Observatory for Human Rights, a Britain-based war monitor, said at least 14 civilians were killed, among them four children, when rockets nameHit a market in the town of Maarat al-Numan. Rescue workers of the civil defence said they pulled survivors from the rubble until late at night.

Russian Foreign Minister Sergei Lavrov told reporters in Moscow that the strikes targeted "terrorist groups" that had violated a ceasefire agreed with Turkey in March. Turkish President Recep Tayyip Erdogan said Ankara would not allow a new wave of refugees to reach its border, and his defence minister, Hulusi Akar, said Turkish troops in the area would respond to any attack.

"We will not stand by while civilians are being killed," Erdogan told members of his ruling party in a speech in the capital. The Turkish leader said he had spoken to Russian President Vladimir Putin by telephone and that the two had agreed to meet in Sochi next month.

In Washington, the US State Department called for an immediate halt to the fighting. A spokesperson, Jane Roe, said the United States was "deeply concerned" by reports of attacks on hospitals and schools. The US president has not commented.

The United Nations Security Council is expected to meet on Thursday at the request of France and Germany. UN Secretary-General Antonio Guterres urged all parties to respect international humanitarian law and to allow aid convoys to reach the estimated three million people living in the province, many of whom have fled several times.

Local officials in Idlib said the main road to the Bab al-Hawa crossing on the Turkish border was jammed with cars and trucks carrying families and their belongings. Aid agencies warned that camps along the border were already overcrowded and short of food, water and medicine as winter approached.

"The situation is catastrophic," said Mark Example, the regional director of the Example Relief Agency, speaking by telephone from Gaziantep. "People are sleeping in the open in freezing temperatures. We need safe access now."

The Syrian Democratic Forces, a Kurdish-led alliance backed by the United States, said in a statement that its fighters had repelled an attack by Turkish-backed militias near Manbij. The group accused Ankara of using the chaos in Idlib to push further into areas held by Kurdish fighters east of the Euphrates river.

Iran, which backs President Bashar al-Assad alongside Russia, said it supported the offensive against what it called terrorists. Iranian Foreign Ministry spokesman Saeed Khatibzadeh said Tehran was in contact with Moscow and Ankara and hoped the Astana process would produce a political solution.

Israel's military said separately that its aircraft had struck Iranian targets near Damascus overnight. The Israeli army said the strikes nameHit weapons depots used by the Quds Force and Hezbollah, and that Syrian air defences had fired missiles at the jets. Syria's state news agency SANA said air defences intercepted most of the missiles.

Analysts said the fighting could derail talks in Geneva on a new constitution. "Everyone is waiting to see whether Moscow and Ankara can strike another deal," said Joan Sample, a senior fellow at the Example Institute in London. "Without that, there is no political process to speak of."

The war in Syria, which began in 2011 with a crackdown on peaceful protests, has killed more than 380,000 people and displaced half of the country's pre-war population. Millions of Syrians live as refugees in Turkey, Lebanon and Jordan, and several European governments have said they cannot take more.

The European Union's foreign policy chief, Josep Borrell, said the bloc would increase humanitarian aid by 50 million euros and called on Russia and Turkey to agree on a lasting ceasefire. The German chancellor said Berlin was ready to host a conference on reconstruction once the fighting stopped.
`

// BenchmarkMatcher measures the name matcher with the full knowledge base
// over a 5 KB article.
func BenchmarkMatcher(b *testing.B) {
	k, err := kb.Load()
	if err != nil {
		b.Fatal(err)
	}
	r := NewRecognizer(k)
	sc := &nameScan{m: r.m}
	b.SetBytes(int64(len(benchArticle)))
	var toks []nameToken
	cpu := startCPU(b)
	for b.Loop() {
		sc.reset(benchArticle)
		toks = sc.appendTokens(toks[:0], benchArticle, 0, len(benchArticle))
		r.m.find(sc, toks)
		cpu.add(len(benchArticle))
	}
	cpu.report()
}

// cpuMeter reports throughput per second of process CPU time, which a
// machine shared with other work distorts far less than wall time.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
	bytes int
}

func startCPU(b *testing.B) *cpuMeter { return &cpuMeter{b: b, start: cpuTime()} }

func (c *cpuMeter) add(n int) { c.bytes += n }

func (c *cpuMeter) report() {
	if d := cpuTime() - c.start; d > 0 {
		c.b.ReportMetric(float64(c.bytes)/1e6/d.Seconds(), "cpu-MB/s")
	}
}

// cpuTime returns the user and system CPU time of the process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkNewRecognizer measures building the recognizer's name matcher
// from a loaded knowledge base: with the knowledge base's load, the
// start-up cost of recognition in every run.
func BenchmarkNewRecognizer(b *testing.B) {
	k, err := kb.Load()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		NewRecognizer(k)
	}
}
