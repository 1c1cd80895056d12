package extract

import (
	"strconv"
	"strings"

	"chronicle/internal/news"
)

// Quantity keys of news.Event.Quantities.
const (
	QtyKilled     = "killed"
	QtyInjured    = "injured"
	QtyArrested   = "arrested"
	QtyProtesters = "protesters"
	QtyDrones     = "drones"
	QtyMissiles   = "missiles"
	QtyShells     = "shells"
	QtyRockets    = "rockets"
)

// evQty is a number the sentence gives for one key, at token at.
type evQty struct {
	key string
	n   int
	at  int
}

// qtyKey returns the quantity key a word names when it follows a number
// ("12 killed", "300 protesters", "40 drones").
func qtyKey(w string) string {
	switch w {
	case "killed", "dead", "died", "slain", "perished", "deaths", "bodies", "fatalities", "murdered", "massacred", "executed",
		"lynched", "fatality", "death":
		return QtyKilled
	case "injured", "wounded", "hurt", "injuries", "maimed":
		return QtyInjured
	case "arrested", "detained", "arrests", "detentions", "jailed", "imprisoned", "apprehended":
		return QtyArrested
	case "protesters", "protestors", "demonstrators", "marchers", "strikers", "rioters":
		return QtyProtesters
	case "drones", "drone", "uavs":
		return QtyDrones
	case "missiles", "missile":
		return QtyMissiles
	case "shells", "shell":
		return QtyShells
	case "rockets", "rocket":
		return QtyRockets
	}
	return ""
}

// qtyVerb returns the key of a verb that takes the number as its object
// ("killing 12", "arrested at least 30", "fired 40 rockets" is found by
// qtyKey on the noun instead).
func qtyVerb(w string) string {
	switch w {
	case "killed", "killing", "kills", "kill", "slaying", "murdering", "murdered", "lynched", "lynching", "massacred",
		"massacring", "lynches", "executed", "executing", "beheaded", "beheading", "slaughtered", "slaughtering":
		return QtyKilled
	case "injured", "injuring", "wounded", "wounding", "injures", "wounds":
		return QtyInjured
	case "arrested", "arresting", "detained", "detaining", "arrests", "detains":
		return QtyArrested
	}
	return ""
}

// qtyVerbAt returns the key of the verb that ends at token k, taking
// two-word verbs of killing into account: "shot dead two men", "gunned
// down four officers".
func qtyVerbAt(toks []evToken, k int) string {
	if k > 0 {
		switch p := toks[k-1].low; toks[k].low {
		case "dead":
			if p == "shot" || p == "gunned" || p == "stabbed" || p == "beaten" || p == "beat" {
				return QtyKilled
			}
		case "down":
			if p == "gunned" || p == "mowed" || p == "shot" {
				return QtyKilled
			}
		case "death":
			if p == "to" {
				return QtyKilled // "burned to death a suspected thief"
			}
		}
	}
	return qtyVerb(toks[k].low)
}

// qtyNumberAt parses a number starting at token i: digits ("12", "1,200",
// "3.5 million"), words ("three", "twenty-five", "two hundred") and vague
// amounts, which count as their lower bound ("dozens" 24, "scores" 40,
// "hundreds" 200, "thousands" 2000, "tens of thousands" 20000). It returns
// the value and the index after the number.
func qtyNumberAt(toks []evToken, i int) (int, int, bool) {
	t := &toks[i]
	j := i
	var v float64
	switch {
	case t.is(tNUM):
		f, err := strconv.ParseFloat(strings.ReplaceAll(t.low, ",", ""), 64)
		if err != nil || strings.ContainsAny(t.low, "-") {
			return 0, i, false
		}
		if i > 0 && (toks[i-1].low == "$" || toks[i-1].low == "€" || toks[i-1].low == "£") {
			return 0, i, false
		}
		v = f
		j = i + 1
	case t.low == "a" || t.low == "an":
		if i+1 < len(toks) && (toks[i+1].low == "dozen" || toks[i+1].low == "hundred" || toks[i+1].low == "thousand") {
			v = 1
			j = i + 1
			return qtyScale(toks, j, v)
		}
		return 0, i, false
	case t.is(tNUMW) || strings.Contains(t.low, "-") && !t.is(tNUM): // "twenty-five"
		n, ok := qtyWordNumber(t.low)
		if !ok {
			return 0, i, false
		}
		switch t.low {
		case "tens", "hundreds", "thousands", "millions", "dozens", "scores":
			// "tens of thousands", "hundreds of thousands"
			if i+2 < len(toks) && toks[i+1].low == "of" {
				switch toks[i+2].low {
				case "hundreds":
					return n * 100, i + 3, true
				case "thousands":
					return n * 1000, i + 3, true
				case "millions":
					return n * 1000000, i + 3, true
				}
			}
			return n, i + 1, true
		}
		v = float64(n)
		j = i + 1
	default:
		return 0, i, false
	}
	return qtyScale(toks, j, v)
}

// qtyScale applies "dozen", "hundred", "thousand" and "million" after a
// number.
func qtyScale(toks []evToken, j int, v float64) (int, int, bool) {
	for j < len(toks) {
		switch toks[j].low {
		case "dozen":
			v *= 12
		case "hundred":
			v *= 100
		case "thousand":
			v *= 1000
		case "million":
			v *= 1e6
		case "billion":
			v *= 1e9
		default:
			return int(v), j, v >= 1
		}
		j++
	}
	return int(v), j, v >= 1
}

// qtyWordNumber returns the value of a number word; vague plurals give their
// lower bound.
func qtyWordNumber(w string) (int, bool) {
	units := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	for n, u := range units {
		if w == u {
			return n, true
		}
	}
	tens := []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for n, u := range tens {
		if u == "" {
			continue
		}
		if w == u {
			return n * 10, true
		}
		if rest, ok := strings.CutPrefix(w, u+"-"); ok {
			if m, ok := qtyWordNumber(rest); ok && m < 10 {
				return n*10 + m, true
			}
		}
	}
	switch w {
	case "dozen":
		return 12, true
	case "dozens":
		return 24, true
	case "scores":
		return 40, true
	case "tens":
		return 20, true
	case "hundred":
		return 100, true
	case "hundreds":
		return 200, true
	case "thousand":
		return 1000, true
	case "thousands":
		return 2000, true
	case "million":
		return 1000000, true
	case "millions":
		return 2000000, true
	}
	return 0, false
}

// findQuantities finds casualty, arrest, crowd and weapon counts in a sentence.
// When numbers joined by "and" count the same thing ("three soldiers and
// two civilians were killed") they are added; numbers in an "including"
// phrase are parts of a total already counted and are skipped.
func findQuantities(toks []evToken) []evQty {
	var out []evQty
	var pending []int // values of conjoined numbers waiting for their key
	including := false
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.low == "including" || t.low == "among" {
			including = true
			continue
		}
		if t.is(tPUNCT) && t.low != "-" && (t.low != "," || including) {
			if t.low != "," {
				pending = pending[:0]
			}
			including = false
			continue
		}
		if including || t.is(tDATE) {
			continue // a part of a total, or a day of the month
		}
		if t.low == "was" || t.low == "has" {
			// "a local party leader (...) was shot dead", "he has been
			// killed": a singular passive of killing counts one.
			if at := qtyWasKilled(toks, i); at >= 0 {
				out = addQty(out, evQty{QtyKilled, 1, at})
			}
			continue
		}
		n, j, ok := qtyNumberAt(toks, i)
		if !ok && len(pending) > 0 && (t.low == "a" || t.low == "an" || t.low == "another") {
			// "two soldiers and a civilian were killed"
			n, j, ok = 1, i+1, true
		}
		if !ok {
			if at := qtySingleKilled(toks, i); at >= 0 {
				out = addQty(out, evQty{QtyKilled, 1, at})
				pending = pending[:0]
			}
			continue
		}
		// "killing 12", "arrested at least 30"
		if k := qtyVerbBefore(toks, i); k != "" {
			if key, _ := qtyKeyAfter(toks, j); key == k || key == "" || key == QtyProtesters {
				out = addQty(out, evQty{k, n, i})
				i = j - 1
				pending = pending[:0]
				continue
			}
		}
		key, at := qtyKeyAfter(toks, j)
		switch {
		case key != "":
			for _, p := range pending {
				n += p
			}
			pending = pending[:0]
			out = addQty(out, evQty{key, n, at})
		case at >= 0:
			// "three soldiers and two civilians were killed": wait for the key.
			pending = append(pending, n)
		}
		i = j - 1
	}
	return out
}

// addQty records q, keeping the larger value when the key is already there at
// the same token.
func addQty(out []evQty, q evQty) []evQty {
	for k := range out {
		if out[k].key == q.key && out[k].at == q.at {
			out[k].n = max(out[k].n, q.n)
			return out
		}
	}
	return append(out, q)
}

// qtyVerbBefore returns the key of a casualty verb right before the number at
// i, across approximations ("killing at least 12").
func qtyVerbBefore(toks []evToken, i int) string {
	k := i - 1
	for k >= 0 && (toks[k].is(tAPPROX) || toks[k].low == "at") {
		k--
	}
	if k < 0 {
		return ""
	}
	if v := qtyVerbAt(toks, k); v != "" {
		return v
	}
	for j := k; j >= 0 && j >= k-3; j-- {
		if toks[j].low == "toll" {
			return QtyKilled // "death toll rose to 12", "toll of 12"
		}
	}
	return ""
}

// qtyKeyAfter scans the words after a number for the key word: "12 people
// were killed", "300 protesters", "40 Shahed drones". It returns the key
// and its token, or "" and the index of an "and" that joins a further
// number, or "" and -1.
func qtyKeyAfter(toks []evToken, j int) (string, int) {
	if j+1 < len(toks) && toks[j].low == "to" && toks[j+1].low == "death" && !qtySentenced(toks, j) {
		return QtyKilled, j + 1 // "beat one to death"
	}
	noun := false // the counted noun, once: "one youth died"
	for k := j; k < len(toks) && k < j+7; k++ {
		t := &toks[k]
		if key := qtyKey(t.low); key != "" {
			// A noun key ("protesters") counts, unless a participle follows
			// that says what happened to them ("demonstrators were detained").
			if key == QtyProtesters || key == QtyDrones || key == QtyMissiles || key == QtyShells || key == QtyRockets {
				for n := k + 1; n < len(toks) && n <= k+4; n++ {
					if toks[n].is(tBE|tHAVE|tADV) || toks[n].low == "been" || toks[n].low == "and" {
						continue
					}
					if p := qtyKey(toks[n].low); p == QtyKilled || p == QtyInjured || p == QtyArrested {
						return p, n
					}
					if qtyDeathAt(toks, n) {
						return QtyKilled, n // "three protesters shot dead"
					}
					if toks[n].is(tVERB) && !toks[n].is(tNOUN) {
						continue // "shot and killed"
					}
					break
				}
			}
			if key == QtyInjured && k > j && toks[j].low == "of" {
				// "one of the wounded later died"
				for n := k + 1; n < len(toks) && n <= k+3; n++ {
					if toks[n].low == "died" || toks[n].low == "succumbed" {
						return QtyKilled, n
					}
				}
			}
			return key, k
		}
		if qtyDeathAt(toks, k) {
			return QtyKilled, k // "two were shot dead", "one was beaten to death"
		}
		switch {
		case t.low == "and" && k+1 < len(toks) && (qtyNumberStart(toks, k+1) || toks[k+1].low == "a" || toks[k+1].low == "an" || toks[k+1].low == "another"):
			return "", k
		case t.low == "left" || t.low == "leaving":
			continue
		case t.is(tBE | tHAVE | tADV | tDET | tPERSONN | tMENTION | tCAP):
			continue
		case t.low == "of" || t.low == "them" || t.low == "more" || t.low == "other" || t.low == "others" || t.low == "people" ||
			t.low == "whom" || t.low == "those":
			continue
		case t.is(tNOUN) && !t.is(tVERB|tREPORT|evClosedClass) && !noun && k == j:
			noun = true
		case t.is(evClosedClass | tREPORT | tVERB | tNOUN | tNUM | tNUMW):
			return "", -1
		}
		// an unknown modifier: "armed", "Shahed", "Palestinian"
	}
	return "", -1
}

// qtySingleKilled returns the token that says one person was killed when
// the article at i opens a singular victim: "a farmer was shot dead", "a
// man died", "killing a student". It returns -1 otherwise; collective
// nouns ("a number of", "a crowd") and plural verbs count nobody.
func qtySingleKilled(toks []evToken, i int) int {
	if t := toks[i].low; t != "a" && t != "an" {
		return -1
	}
	if i > 0 && qtyVerbAt(toks, i-1) == QtyKilled {
		for k := i + 1; k < len(toks) && k <= i+4; k++ {
			if qtyNumberStart(toks, k) || qtyCollective(toks[k].low) {
				return -1
			}
			if toks[k].is(tVERB|tREPORT|tBE) || toks[k].is(evClosedClass) && toks[k].low != "of" {
				break
			}
		}
		return i - 1
	}
	for k := i + 1; k < len(toks) && k <= i+6; k++ {
		t := &toks[k]
		switch {
		case t.is(tPUNCT) || t.low == "and" || t.low == "or" || qtyCollective(t.low):
			return -1
		case t.low == "died" || t.low == "perished":
			if k+1 < len(toks) && (toks[k+1].low == "of" || toks[k+1].low == "from") && !qtyWoundsAfter(toks, k+2) {
				return -1 // "died of a heart attack"
			}
			return k
		case t.low == "was":
			// "was shot dead", "was found dead", "was shot and killed"
			if qtyBackground(toks, k) {
				return -1
			}
			for n := k + 1; n < len(toks) && n <= k+4; n++ {
				if qtyDeathAt(toks, n) {
					return n
				}
				if !toks[n].is(tADV|tVERB|tDATE|tTIME) && toks[n].low != "found" && toks[n].low != "and" && toks[n].low != "on" {
					return -1
				}
			}
			return -1
		case t.low == "to" && k+1 < len(toks) && toks[k+1].low == "death" && k > i+1:
			return k + 1 // "beat a suspected thief to death"
		case t.is(tBE | tHAVE | tREPORT):
			return -1
		case t.is(tVERB) && !t.is(tNOUN) && k > i+1:
			return -1
		}
	}
	return -1
}

// qtyWasKilled returns the token of killing in a singular passive that
// starts at the auxiliary i: "was killed", "was shot dead", "has been
// beaten to death", "was on Monday fatally shot", "was found dead". It
// returns -1 when none follows, the clause is negated ("was not
// killed", "was nearly killed"), or it tells the background of the event
// in a relative or temporal clause ("relatives of a man who was killed
// protested", "rioted after a vendor was beaten to death"): such a death
// is another event, reported elsewhere with its own count.
func qtyWasKilled(toks []evToken, i int) int {
	if qtyBackground(toks, i) {
		return -1
	}
	k := i + 1
	if toks[i].low == "has" {
		if k >= len(toks) || toks[k].low != "been" {
			return -1
		}
		k++
	}
	for n := k; n < len(toks) && n <= k+4; n++ {
		switch toks[n].low {
		case "not", "never", "nearly", "almost":
			return -1
		case "fatally":
			return n // "was fatally shot"
		}
		if qtyDeathAt(toks, n) {
			if n+1 < len(toks) && toks[n+1].low == "off" {
				return -1 // "was killed off"
			}
			return n
		}
		if !toks[n].is(tADV|tVERB|tDATE|tTIME) && toks[n].low != "found" && toks[n].low != "and" && toks[n].low != "on" {
			return -1
		}
	}
	return -1
}

// qtyBackground reports whether the auxiliary at i stands in a relative
// or temporal clause, looking back to the last comma: "a man who was
// killed", "after a vendor was beaten to death", "whether he was killed".
func qtyBackground(toks []evToken, i int) bool {
	for b := i - 1; b >= 0 && b >= i-8; b-- {
		switch toks[b].low {
		case ",", ";", ":":
			return false
		case "who", "whom", "whose", "where", "after", "following", "whether", "if", "since", "before", "until":
			return true
		}
	}
	return false
}

// qtySentenced reports whether a verb of sentencing comes shortly before
// token j: "sentenced two to death" counts a verdict, not the dead.
func qtySentenced(toks []evToken, j int) bool {
	for b := j - 1; b >= 0 && b >= j-4; b-- {
		if toks[b].low == "sentenced" || toks[b].low == "condemned" {
			return true
		}
	}
	return false
}

// qtyWoundsAfter reports whether a word for wounds follows soon after k:
// "died of his wounds", "died from injuries sustained".
func qtyWoundsAfter(toks []evToken, k int) bool {
	for n := k; n < len(toks) && n <= k+2; n++ {
		switch toks[n].low {
		case "wounds", "injuries", "injury", "burns", "gunshot", "bullet":
			return true
		}
	}
	return false
}

// qtyCollective reports whether a noun after "a" names a group or an
// amount, not one person.
func qtyCollective(w string) bool {
	switch w {
	case "number", "total", "group", "crowd", "mob", "family", "couple", "series", "lot", "handful", "dozen", "hundred", "thousand", "score", "batch", "gang", "team", "convoy":
		return true
	}
	return false
}

// qtyDeathAt reports whether a word of killing starts at k: "killed",
// "lynched", "shot dead", "beaten to death".
func qtyDeathAt(toks []evToken, k int) bool {
	switch toks[k].low {
	case "killed", "slain", "murdered", "lynched", "massacred", "executed", "dead":
		return true
	}
	if k+1 < len(toks) && toks[k+1].low == "dead" {
		return true // "shot dead", "found dead"
	}
	return k+2 < len(toks) && toks[k+1].low == "to" && toks[k+2].low == "death" && toks[k].low != "sentenced" && toks[k].low != "condemned"
}

func qtyNumberStart(toks []evToken, i int) bool {
	_, _, ok := qtyNumberAt(toks, i)
	return ok
}

// crowdSize finds the size of a protest from a number before its trigger:
// "some 5,000 teachers marched", "thousands of students protested".
func crowdSize(toks []evToken, trig int) (int, bool) {
	for k := trig - 1; k >= 0 && k >= trig-6; k-- {
		t := &toks[k]
		if t.is(tPUNCT) && t.low != "-" || t.is(tVERB|tREPORT) && !t.is(tNOUN) {
			return 0, false
		}
		if n, j, ok := qtyNumberAt(toks, k); ok && j <= trig {
			if k > 0 && toks[k-1].is(tNUM|tNUMW) {
				continue
			}
			return n, true
		}
	}
	return 0, false
}

// qtyTypes lists the event types a quantity belongs to, nearest first.
func qtyTypes(key string) []news.EventType {
	switch key {
	case QtyKilled, QtyInjured:
		return []news.EventType{news.Assault, news.Coerce, news.Protest}
	case QtyArrested:
		return []news.EventType{news.Coerce}
	case QtyProtesters:
		return []news.EventType{news.Protest}
	}
	return []news.EventType{news.Assault, news.Mobilize, news.Threaten}
}
