package extract

import (
	"strings"

	"chronicle/internal/news"
)

// retype gives an event the type, mode and CAMEO code its context calls
// for, starting from those of its rule: announced, conditional and
// pledged acts, diplomatic protests, riots and joint military moves.
func (c *Coder) retype(s *evSentence, tr *evTrigger, modality string) (news.EventType, string, string) {
	r := tr.rule
	typ, mode, cameo := r.typ, r.mode, r.cameo
	if cameo == "" {
		ti, _ := c.p.Type(typ)
		cameo = ti.CAMEO
	}
	switch modality {
	case ModalityPlanned:
		typ, mode, cameo = plannedType(typ, mode, cameo)
	case ModalityConditional:
		if s.conditionAfter(tr.head) {
			// "will withdraw its force unless ...": a warning; "would
			// meet the envoy if ...": an offer.
			switch typ {
			case news.Consult, news.Support, news.Cooperate, news.Aid:
				typ, mode, cameo = plannedType(typ, mode, cameo)
			default:
				typ, mode, cameo = threatType(typ, mode, cameo)
			}
		}
	case "":
		g := tr.governed
		switch {
		case g != nil && !g.nominal && typ == news.Request && g.rule.typ == news.Coerce && strings.HasPrefix(s.toks[tr.head].low, "order"):
			// "ordered the newspaper to suspend publication": an order
			// to submit to a restriction is the restriction.
			typ, mode, cameo = news.Coerce, g.rule.mode, g.rule.cameo
			if cameo == "" {
				ti, _ := c.p.Type(typ)
				cameo = ti.CAMEO
			}
		case g != nil && typ == news.Agree && g.rule.typ == news.Assault && s.readying(tr.head):
			// "the army prepared to resume shelling": readying an attack
			// is a show of force, not a pledge.
			typ, mode = news.Mobilize, ""
			ti, _ := c.p.Type(typ)
			cameo = ti.CAMEO
		case g != nil && !g.nominal && !(typ == news.Agree && specificPledge(r.cameo)):
			typ, mode, cameo = governedType(typ, mode, cameo, g.rule.typ)
		}
	}
	switch {
	case typ == news.Protest && mode == "demo" && !tr.nominal && len(tr.src) > 0 &&
		(officialProtester(s.actor(tr.src[0]), &s.a.Mentions[tr.src[0].m]) && !s.counted(tr.src[0]) || s.trailingAttribution(tr.src[0], tr.first)):
		// A government, court or organisation that "protested" did so in
		// words: a diplomatic protest is ACCUSE disapprove. So is a
		// protest that attributes the words before it ("X is failing its
		// refugees, a rights group protested").
		return news.Accuse, "disapprove", "111"
	case typ == news.Assault && (s.crowd(tr.src) || s.crowd(tr.tgt) && strings.HasPrefix(r.id, "assault.clash")):
		// Protesters who fight: a riot, the PLOVER protest mode for
		// violent demonstrations ("rioters threw stones at police",
		// "protesters clashed with police").
		return news.Protest, "riot", "145"
	case typ == news.Consult && mode == "visit" && len(tr.src) > 0 && s.peacekeepers(tr.src[0]):
		// "peacekeeping troops arrived in X": a deployment, not a visit.
		return news.Aid, "", "074"
	case typ == news.Mobilize && distinctCountries(s.actors(tr.src)) > 1:
		// Joint exercises and operations are cooperation, not posturing.
		return news.Cooperate, "", "062"
	}
	return typ, mode, cameo
}

// plannedType applies the codebook's rule for acts announced but not done:
// cooperative acts become AGREE, retreats CONCEDE, and coercive acts
// THREATEN ("will impose a curfew", "would blockade Paris").
func plannedType(t news.EventType, mode, cameo string) (news.EventType, string, string) {
	switch t {
	case news.Assault, news.Coerce, news.Sanction, news.Protest, news.Mobilize:
		return threatType(t, mode, cameo)
	case news.Consult:
		return news.Agree, "", "036"
	case news.Support:
		return news.Agree, "", "032"
	case news.Cooperate:
		return news.Agree, "", "031"
	case news.Aid:
		return news.Agree, "", "033"
	case news.Retreat:
		return news.Concede, "", "035"
	}
	return t, mode, cameo
}

// specificPledge reports whether an AGREE rule's CAMEO code names what is
// promised ("offered troops", "agreed to lift"): the act after it is the
// purpose or object of the promise ("offered troops to help him oust X",
// "agreed to lift the embargo"), not a pledge of force.
func specificPledge(cameo string) bool {
	return cameo != "" && cameo != "030"
}

// governedType refines a verbal act by the act it is about: a promise or
// readiness to use force is a threat ("vowed to attack", "prepared to
// resume shelling"), and a request, rejection or threat takes the mode of
// its content ("demanded talks" meet, "refused to release" yield).
func governedType(t news.EventType, mode, cameo string, inner news.EventType) (news.EventType, string, string) {
	switch t {
	case news.Agree:
		switch inner {
		case news.Assault, news.Coerce, news.Sanction, news.Mobilize, news.Protest:
			return threatType(inner, "", cameo)
		}
	case news.Request, news.Reject:
		if mode != "" {
			return t, mode, cameo
		}
		switch inner {
		case news.Consult, news.Agree:
			return t, "meet", cameo
		case news.Retreat, news.Concede:
			return t, "yield", cameo
		case news.Aid, news.Cooperate, news.Support:
			return t, "assist", cameo
		}
	case news.Threaten:
		if mode != "" {
			return t, mode, cameo
		}
		if inner != news.Threaten {
			_, m, c := threatType(inner, "", cameo)
			if m != "" {
				return t, m, c
			}
		}
	}
	return t, mode, cameo
}

// threatType turns an announced or conditional coercive act into the
// threat of it, with the THREATEN mode for its content.
func threatType(t news.EventType, mode, cameo string) (news.EventType, string, string) {
	switch t {
	case news.Assault:
		return news.Threaten, "violence", "138"
	case news.Coerce:
		switch mode {
		case "arrest":
			return news.Threaten, "arrest", "132"
		case "deport":
			return news.Threaten, "expel", "136"
		}
		return news.Threaten, "restrict", "132"
	case news.Sanction:
		if mode == "expel" {
			return news.Threaten, "expel", "136"
		}
		return news.Threaten, "relations", "131"
	case news.Protest:
		return news.Threaten, "restrict", "133"
	case news.Mobilize:
		return news.Threaten, "violence", "138"
	case news.Retreat:
		return news.Threaten, "relations", "131"
	}
	return t, mode, cameo
}

// readying reports whether the head h is "prepared" used as a verb of
// getting ready ("the army prepared to attack"), not the adjective of
// willingness after a form of be ("is prepared to talk").
func (s *evSentence) readying(h int) bool {
	if s.toks[h].low != "prepared" {
		return false
	}
	for k := h - 1; k >= 0 && s.toks[k].is(tADV) && !s.toks[k].is(tBE); k-- {
		h = k
	}
	return h == 0 || !s.toks[h-1].is(tBE)
}
