package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// misdecode returns s encoded as UTF-8, decoded as Windows-1252 and
// encoded again: the mojibake repairMojibake undoes.
func misdecode(t testing.TB, s string) string {
	t.Helper()
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		t.Fatalf("decode %q: %v", s, err)
	}
	return out
}

func TestRepairMojibake(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"apostrophe", "the minister\u00e2\u20ac\u2122s office", "the minister\u2019s office"},
		{"double quotes, closing lost", "\u00e2\u20ac\u0153we demand a ban,\u00e2\u20ac\ufffd he said", "\u201cwe demand a ban,\u201d he said"},
		{"single quotes", "the proposed \u00e2\u20ac\u02dcbhoomi pujan\u00e2\u20ac\u2122 ceremony", "the proposed \u2018bhoomi pujan\u2019 ceremony"},
		{"dash", "talks \u00e2\u20ac\u201d which failed", "talks \u2014 which failed"},
		{"accented name", "Fran\u00c3\u00a7ois Hollande met Jos\u00c3\u00a9", "Fran\u00e7ois Hollande met Jos\u00e9"},
		{"pound sign", "a \u00c2\u00a35m deal", "a \u00a35m deal"},
		{"latin-1 controls", "it\u00e2\u0080\u0099s", "it\u2019s"},
		{"twice mis-decoded", "Hollande\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2s", "Hollande\u2019s"},
		{"no-break space turned plain", "related stories\u00c2 modi visits\u00e2\u20ac\u2122", "related stories\u00a0modi visits\u2019"},
		{"A circumflex and space alone stay", "CH\u00c2 TEAU", "CH\u00c2 TEAU"},
		{"plain ascii", "Troops crossed the border on Monday.", "Troops crossed the border on Monday."},
		{"accented text stays", "S\u00e3o Paulo, caf\u00e9, \u00c4rzte, na\u00efve, \u00e0 la carte", "S\u00e3o Paulo, caf\u00e9, \u00c4rzte, na\u00efve, \u00e0 la carte"},
		{"curly quotes stay", "\u201cNo,\u201d she said \u2014 it\u2019s over.", "\u201cNo,\u201d she said \u2014 it\u2019s over."},
		{"lead at the end", "price in \u00c3", "price in \u00c3"},
		{"incomplete sequence", "\u00e2\u20ac and more", "\u00e2\u20ac and more"},
		{"lone replacement character stays", "broken \ufffd byte", "broken \ufffd byte"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := repairMojibake(tt.in); got != tt.want {
				t.Errorf("repairMojibake(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestRepairMojibakeRoundTrip mis-decodes text with every kind of
// character news uses and checks that the repair restores it.
func TestRepairMojibakeRoundTrip(t *testing.T) {
	for _, s := range []string{
		"Erdo\u011fan told reporters in \u0130stanbul: \u201cWe will not retreat.\u201d",
		"M\u00fcller \u2013 the \u00e9lys\u00e9e \u2022 \u20ac20bn \u2026 \u00bd of the \u00a3 \u2122",
		"Kyiv \u0421\u0432\u043e\u0431\u043e\u0434\u0430 and \u0627\u0644\u0642\u0627\u0647\u0631\u0629 and \U0001F600",
	} {
		bad := misdecode(t, s)
		if bad == s {
			t.Fatalf("misdecode(%q) changed nothing", s)
		}
		if got := repairMojibake(bad); got != s {
			t.Errorf("repairMojibake(%q) = %q, want %q", bad, got, s)
		}
	}
}

// TestReadRepairsMojibake checks that reading repairs the title and the
// text before the article's hash and id are set.
func TestReadRepairsMojibake(t *testing.T) {
	line := `{"title":"Minister\u00e2\u20ac\u2122s visit","text":"\u00e2\u20ac\u0153No,\u00e2\u20ac\ufffd she said."}` + "\n"
	var got []Item
	err := Read(t.Context(), "-", strings.NewReader(line), Options{}, func(it Item) error {
		got = append(got, it)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Article == nil {
		t.Fatalf("Read() gave %d items, want one article", len(got))
	}
	a := got[0].Article
	if a.Title != "Minister\u2019s visit" || a.Text != "\u201cNo,\u201d she said." {
		t.Errorf("Read() title %q text %q, want the repaired ones", a.Title, a.Text)
	}
	if want := ContentID("Minister\u2019s visit", "\u201cNo,\u201d she said."); a.ID != want {
		t.Errorf("Read() id %s, want %s: the id of the repaired content", a.ID, want)
	}
}

func FuzzRepairMojibake(f *testing.F) {
	for _, s := range []string{"it\u00e2\u20ac\u2122s", "Jos\u00c3\u00a9", "\u00e2\u20ac\ufffd", "S\u00e3o Paulo", "plain", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := repairMojibake(s)
		if !utf8.ValidString(got) {
			t.Fatalf("repairMojibake(%q) = %q: invalid UTF-8", s, got)
		}
		if len(got) > len(s) {
			t.Fatalf("repairMojibake(%q) = %q: longer than its input", s, got)
		}
		if strings.IndexByte(s, 0xC3) < 0 && got != s {
			t.Fatalf("repairMojibake(%q) = %q: changed text without lead characters", s, got)
		}
	})
}

func BenchmarkRepairMojibake(b *testing.B) {
	clean := strings.Repeat("Troops crossed the border on Monday, the minister\u2019s office said. ", 80)
	bad := misdecode(b, clean)
	for _, bm := range []struct{ name, s string }{{"clean", clean}, {"mojibake", bad}} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.s)))
			for b.Loop() {
				repairMojibake(bm.s)
			}
		})
	}
}
