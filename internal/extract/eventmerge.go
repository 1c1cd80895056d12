package extract

import (
	"chronicle/internal/news"
)

// mergeEvents joins events of one type in a sentence whose actors agree into
// the first of them, keeping a verbal trigger over a noun.
func (s *evSentence) mergeEvents(evs []*evTrigger) []*evTrigger {
	var out []*evTrigger
	for _, e := range evs {
		joined := false
		for _, o := range out {
			if o.ev.Type != e.ev.Type || o.ev.Negated != e.ev.Negated {
				continue
			}
			if !unitsCompatible(o.src, e.src) || !unitsCompatible(o.tgt, e.tgt) && (!o.weakTarget && !e.weakTarget || !o.nominal && !e.nominal) {
				continue
			}
			if o.nominal && !e.nominal {
				o.ev.Trigger, o.ev.Rule, o.ev.ID, o.ev.Mode, o.ev.CAMEO = e.ev.Trigger, e.ev.Rule, e.ev.ID, e.ev.Mode, e.ev.CAMEO
				o.nominal = false
			}
			if o.ev.Mode == "" {
				o.ev.Mode = e.ev.Mode
			}
			if o.src == nil {
				o.src, o.ev.Sources, o.ev.Source = e.src, e.ev.Sources, e.ev.Source
			}
			if o.tgt == nil || o.weakTarget && e.tgt != nil && !e.weakTarget {
				o.tgt, o.ev.Targets, o.ev.Target, o.weakTarget = e.tgt, e.ev.Targets, e.ev.Target, e.weakTarget
			}
			if o.ev.Location == nil {
				o.ev.Location = e.ev.Location
			}
			o.ev.Targets, o.tgt = s.dropSelf(o.ev.Sources, o.ev.Targets, o.src, o.tgt)
			o.ev.Target = news.Actor{}
			if len(o.ev.Targets) > 0 {
				o.ev.Target = o.ev.Targets[0]
			}
			joined = true
			break
		}
		if !joined {
			out = append(out, e)
		}
	}
	return out
}

func unitsCompatible(a, b []evUnit) bool {
	return a == nil || b == nil || sameEvUnits(a, b)
}

// attachQty gives a quantity to the nearest event of a type it belongs to.
func attachQty(evs []*evTrigger, q evQty) {
	for _, t := range qtyTypes(q.key) {
		var best *evTrigger
		bestDist := 0
		for _, e := range evs {
			if e.ev.Type != t || e.ev.Negated {
				continue
			}
			d := e.head - q.at
			if d < 0 {
				d = -d
			}
			if best == nil || d < bestDist {
				best, bestDist = e, d
			}
		}
		if best != nil {
			if best.ev.Quantities == nil {
				best.ev.Quantities = make(map[string]int)
			}
			best.ev.Quantities[q.key] = max(best.ev.Quantities[q.key], q.n)
			return
		}
	}
}

// eventConfidence scores an event from its rule kind and how complete its
// roles are: a verb pattern with source and target scores highest; noun
// patterns, missing roles and unreal modality lower it.
func eventConfidence(tr *evTrigger) float64 {
	c := 0.55
	if tr.nominal {
		c = 0.45
	}
	if tr.rule.words > 1 {
		c += 0.05
	}
	if len(tr.ev.Sources) > 0 {
		c += 0.25
	}
	if len(tr.ev.Targets) > 0 {
		c += 0.15
	}
	switch tr.ev.Modality {
	case ModalityHypothetical, ModalityConditional:
		c *= 0.7
	}
	return min(1, max(0, float64(int(c*100+0.5))/100))
}
