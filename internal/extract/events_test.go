package extract

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"chronicle/internal/news"
)

// markupRe finds hand-written mentions and dates in test sentences:
// {text|TYPE|COUNTRY|SECTOR|Role} for a mention ({Russia|COUNTRY|RUS},
// {Syrian troops|ORG|SYR|MIL}, {inmates|PERSON||CRM|Prisoners},
// {Aleppo|PLACE|SYR}) and <text|YYYY-MM-DD> for a resolved date.
var markupRe = regexp.MustCompile(`\{([^|{}]+)\|([A-Z]+)\|([A-Z]*)(?:\|([A-Z]*))?(?:\|([A-Za-z ]*))?\}|<([^|<>]+)\|(\d{4}-\d{2}-\d{2})>`)

// article builds an article from marked-up text: mentions and dates as in
// markupRe, sentences split after ". " before a capital letter.
func article(t testing.TB, marked string) *news.Article {
	t.Helper()
	a := &news.Article{ID: "test-1", Source: "example-news", Published: time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC)}
	var b strings.Builder
	last := 0
	for _, m := range markupRe.FindAllStringSubmatchIndex(marked, -1) {
		b.WriteString(marked[last:m[0]])
		start := b.Len()
		if m[2] >= 0 {
			text := marked[m[2]:m[3]]
			b.WriteString(text)
			typ := news.EntityType(marked[m[4]:m[5]])
			if typ == "GROUP" {
				typ = news.Org
			}
			mn := news.Mention{Span: news.Span{Start: start, End: b.Len()}, Text: text, Type: typ, Ref: -1}
			mn.Actor.Country = marked[m[6]:m[7]]
			if m[8] >= 0 {
				mn.Actor.Sector = news.Sector(marked[m[8]:m[9]])
			}
			if m[10] >= 0 {
				// a group named by its role alone, as the recogniser
				// marks "troops" or "inmates"
				mn.Actor.Role = marked[m[10]:m[11]]
				mn.Rule = "kb:institution"
			}
			if typ == news.Place {
				mn.Place = &news.Location{Name: text, Country: mn.Actor.Country}
				mn.Actor = news.Actor{}
			} else {
				mn.Actor.Name = text
			}
			a.Mentions = append(a.Mentions, mn)
		} else {
			text := marked[m[12]:m[13]]
			b.WriteString(text)
			a.Dates = append(a.Dates, news.Date{Span: news.Span{Start: start, End: b.Len()}, Text: text,
				Date: marked[m[14]:m[15]], Precision: news.PrecisionDay})
		}
		last = m[1]
	}
	b.WriteString(marked[last:])
	a.Text = b.String()
	start := 0
	for i := 0; i < len(a.Text); i++ {
		if i+2 < len(a.Text) && a.Text[i] == '.' && a.Text[i+1] == ' ' && a.Text[i+2] >= 'A' && a.Text[i+2] <= 'Z' || i == len(a.Text)-1 {
			a.Sentences = append(a.Sentences, news.Sentence{Index: len(a.Sentences), Span: news.Span{Start: start, End: i + 1}})
			start = i + 2
		}
	}
	for i := range a.Mentions {
		for _, s := range a.Sentences {
			if s.Span.Contains(a.Mentions[i].Span) {
				a.Mentions[i].Sentence = s.Index
			}
		}
	}
	for i := range a.Dates {
		for _, s := range a.Sentences {
			if s.Span.Contains(a.Dates[i].Span) {
				a.Dates[i].Sentence = s.Index
			}
		}
	}
	return a
}

// summary renders an event for comparison: TYPE src>tgt, then flags.
func summary(e news.Event) string {
	var src, tgt []string
	for _, a := range e.Sources {
		src = append(src, a.Country+"/"+string(a.Sector))
	}
	for _, a := range e.Targets {
		tgt = append(tgt, a.Country+"/"+string(a.Sector))
	}
	s := fmt.Sprintf("%s %s>%s", e.Type, strings.Join(src, "+"), strings.Join(tgt, "+"))
	if e.Negated {
		s += " negated"
	}
	if e.Modality != "" {
		s += " " + e.Modality
	}
	return s
}

func TestEvents(t *testing.T) {
	tests := []eventCase{
		{"active verb", "{Rebels|ORG|SDN|REB} shelled {Juba|PLACE|SDN} on Sunday.", []string{"ASSAULT SDN/REB>SDN/"}},
		{"meeting coordination", "{France|COUNTRY|FRA} and {Germany|COUNTRY|DEU} held talks in {Paris|PLACE|FRA}.", []string{"CONSULT FRA/>DEU/"}},
		{"meet with", "{The Egyptian foreign minister|PERSON|EGY|GOV} met with {Hamas|ORG|PSE|REB} leaders in {Cairo|PLACE|EGY}.", []string{"CONSULT EGY/GOV>PSE/REB"}},
		{"talks between three", "Talks between {Iran|COUNTRY|IRN}, {Russia|COUNTRY|RUS} and {Turkey|COUNTRY|TUR} ended without a deal.", []string{"CONSULT IRN/+RUS/+TUR/>"}},
		{"phone call between", "A phone call between {Biden|PERSON|USA|GOV} and {Xi|PERSON|CHN|GOV} lasted two hours.", []string{"CONSULT USA/GOV+CHN/GOV>"}},
		{"passive with agent", "Two soldiers were wounded in shelling by {Russian forces|ORG|RUS|MIL} near {Kharkiv|PLACE|UKR}.", []string{"ASSAULT RUS/MIL>"}},
		{"passive subject target", "{The mayor|PERSON|UKR|GOV} was abducted by {gunmen|ORG||UAF}.", []string{"ASSAULT /UAF>UKR/GOV"}},
		{"nominal with nationality", "An {Israeli|COUNTRY|ISR} air strike on {Gaza|PLACE|PSE} killed five people.", []string{"ASSAULT ISR/>PSE/"}},
		{"nominal by on", "The attack by {Houthi rebels|ORG|YEM|REB} on {a Saudi convoy|ORG|SAU|MIL} was repelled.", []string{"ASSAULT YEM/REB>SAU/MIL"}},
		{"negation", "{Russia|COUNTRY|RUS} did not meet {Ukraine|COUNTRY|UKR} in {Istanbul|PLACE|TUR}.", []string{"CONSULT RUS/>UKR/ negated"}},
		{"refused to sign is reject", "{Serbia|COUNTRY|SRB} refused to sign the accord with {Kosovo|COUNTRY|XKX}.", []string{"REJECT SRB/>XKX/"}},
		{"failed to agree", "{The EU|ORG|IGO|GOV} and {China|COUNTRY|CHN} failed to agree on tariffs.", []string{"AGREE IGO/GOV>CHN/ negated"}},
		{"planned meeting becomes agree", "{The two presidents|PERSON|USA|GOV} will meet in {Geneva|PLACE|CHE} next month.", []string{"AGREE USA/GOV> planned"}},
		{"planned sanctions are a threat", "{Japan|COUNTRY|JPN} plans to impose sanctions on {North Korea|COUNTRY|PRK}.", []string{"THREATEN JPN/>PRK/ planned"}},
		{"will withdraw unless", "{Nigeria|COUNTRY|NGA} said it will withdraw its observers from {Chad|COUNTRY|TCD} unless the fighting stops.", []string{"THREATEN NGA/>TCD/ conditional"}},
		{"hypothetical", "{Analysts|ORG||} said {Russia|COUNTRY|RUS} could attack {Moldova|COUNTRY|MDA}.", []string{"ASSAULT RUS/>MDA/ hypothetical"}},
		{"conditional", "If {Iran|COUNTRY|IRN} attacks {Israel|COUNTRY|ISR}, the region will burn.", []string{"ASSAULT IRN/>ISR/ conditional"}},
		{"agreed to withdraw", "{The army|ORG|ARM|MIL} agreed to pull its units back from {the border|PLACE|AZE}.", []string{"AGREE ARM/MIL>AZE/"}},
		{"accused of", "{The government|ORG|SDN|GOV} accused {the rebels|ORG|SDN|REB} of attacking a convoy.", []string{"ACCUSE SDN/GOV>SDN/REB"}},
		{"condemned attack", "{France|COUNTRY|FRA} condemned the attack on {the embassy|ORG|FRA|GOV}.", []string{"ACCUSE FRA/>FRA/GOV"}},
		{"demanded that", "{The United States|COUNTRY|USA} demanded that {North Korea|COUNTRY|PRK} abandon its nuclear program.", []string{"REQUEST USA/>PRK/"}},
		{"reported must", "{Chile|COUNTRY|CHL} said {Peru|COUNTRY|PER} must hand back the fishing boats.", []string{"REQUEST CHL/>PER/"}},
		{"said it will release", "{The rebels|ORG|FJI|REB} said they will release {the prime minister|PERSON|FJI|GOV}.", []string{"CONCEDE FJI/REB>FJI/GOV planned"}},
		{"relative clause", "{The militia|ORG|LBY|REB}, which controls the port, attacked {a coast guard ship|ORG|LBY|MIL}.", []string{"ASSAULT LBY/REB>LBY/MIL"}},
		{"killing participle", "{Troops|ORG|MLI|MIL} opened fire on {protesters|ORG|MLI|CVL}, killing 12 and injuring 30.", []string{"ASSAULT MLI/MIL>MLI/CVL"}},
		{"two events", "{Police|ORG|EGY|COP} opened fire on {demonstrators|ORG|EGY|CVL}, killing a teenager and detaining 30.", []string{"ASSAULT EGY/COP>EGY/CVL", "COERCE EGY/COP>EGY/CVL"}},
		{"protest", "Thousands of {teachers|ORG|KEN|EDU} protested in {Nairobi|PLACE|KEN} on Monday.", []string{"PROTEST KEN/EDU>KEN/"}},
		{"diplomatic protest is accuse", "{China|COUNTRY|CHN} protested to {Japan|COUNTRY|JPN} over the visit.", []string{"ACCUSE CHN/>JPN/"}},
		{"question not coded", "Will {Russia|COUNTRY|RUS} attack {Ukraine|COUNTRY|UKR}?", nil},
		{"heart attack blocked", "{The senator|PERSON|USA|LEG} died of a heart attack.", nil},
		{"imposed sanctions", "{The EU|ORG|IGO|GOV} imposed new sanctions on {Belarus|COUNTRY|BLR}.", []string{"SANCTION IGO/GOV>BLR/"}},
		{"expelled diplomats", "{Poland|COUNTRY|POL} expelled two {Russian|COUNTRY|RUS} diplomats.", []string{"SANCTION POL/>RUS/"}},
		{"took control of", "{Rebels|ORG|COD|REB} took control of {Goma|PLACE|COD}.", []string{"ASSAULT COD/REB>COD/"}},
		{"stated refusal is reject", "{Jordan|COUNTRY|JOR} said it will not accept more {refugees|PERSON||REF|Refugees} from {Syria|COUNTRY|SYR}.", []string{"REJECT JOR/>SYR/"}},
		{"refusal to meet demands", "{The junta|ORG|MMR|GOV} said it would not meet the demands of {the students|PERSON||EDU|Students}.", []string{"REJECT MMR/GOV>MMR/EDU"}},
		{"no refusal without a modal", "{The minister|PERSON|FRA|GOV} did not accept the offer.", []string{"AGREE FRA/GOV> negated"}},
		{"conditional meeting is an offer", "{The rebels|ORG|COL|REB} said they would meet {the envoy|PERSON|NOR|GOV} if he came alone.", []string{"AGREE COL/REB>NOR/GOV conditional"}},
		{"pledge naming its content keeps it", "{Kenya|COUNTRY|KEN} offered troops to {Somalia|COUNTRY|SOM} to help it drive out {the militants|ORG|SOM|REB}.", []string{"AGREE KEN/>SOM/"}},
		{"agreed to lift is no threat", "{The bloc|ORG|IGO|GOV} agreed to lift the embargo on {Cuba|COUNTRY|CUB}.", []string{"AGREE IGO/GOV>CUB/"}},
		{"announced suspension has the announcer as source", "{Greece|COUNTRY|GRC} announced a suspension of flights to {Albania|COUNTRY|ALB}, a day after {border guards|ORG|ALB|MIL} fired on a boat.", []string{"SANCTION GRC/>ALB/"}},
		{"measure phrase before a noun trigger", "{Chilean|COUNTRY|CHL} and {Peruvian|COUNTRY|PER} ships began ten days of war games off the coast.", []string{"COOPERATE CHL/+PER/>"}},
		{"gerund after of", "{The army|ORG|MLI|MIL} is guilty of violating the ceasefire, {the monitors|ORG|IGO|GOV} said.", []string{"ASSAULT MLI/MIL>"}},
		{"order to submit to a restriction", "{The ministry|ORG|TUR|GOV} ordered {the daily|ORG|TUR|JRN} to suspend publication.", []string{"COERCE TUR/GOV>TUR/JRN"}},
		{"counted crowd protest", "Up to 300 ethnic {Uzbeks|COUNTRY|KGZ} demonstrated in {Osh|PLACE|KGZ} on Friday.", []string{"PROTEST KGZ/>KGZ/"}},
		{"protest attributing words is accuse", "{The authorities|ORG|HUN|GOV} are failing the flood victims, {a charity|ORG|HUN|NGO} protested on Monday.", []string{"ACCUSE HUN/NGO>HUN/GOV"}},
		{"but clause shares the subject", "{Chad|COUNTRY|TCD} opened its border to {Sudanese|COUNTRY|SDN} families, but was still refusing entry to {Libyans|COUNTRY|LBY}.", []string{"AID TCD/>SDN/", "REJECT TCD/>LBY/"}},
		{"peacekeepers arriving is aid", "{UN|ORG|IGO|GOV} peacekeepers arrived in {Bangui|PLACE|CAF} on Monday.", []string{"AID IGO/GOV>CAF/"}},
		{"unnamed crowd takes the country of the place", "Thousands of people blocked roads in {Dhaka|PLACE|BGD} to demand new elections.", []string{"PROTEST BGD/CVL>BGD/"}},
		{"clause after after is background", "{Iran|COUNTRY|IRN} expelled the {inspectors|PERSON|IGO|GOV|Inspectors} after {Western officials|PERSON||GOV} alleged that it hid a site.", []string{"SANCTION IRN/>IGO/GOV"}},
		{"after a time phrase is no clause", "{Georgia|COUNTRY|GEO} opened the old bridge after two years to allow the delivery of grain to {Armenia|COUNTRY|ARM}.", []string{"RETREAT GEO/>ARM/"}},
		{"generic word inside the pattern is no object", "{The donors|ORG|IGO|GOV} suspended part of a {military|ORG||MIL|Military} aid program for {Mali|COUNTRY|MLI} on Monday.", []string{"SANCTION IGO/GOV>MLI/"}},
		{"unknown opposition takes the sole country", "{The president|PERSON|DZA|GOV} said he will lift the ban on {the Renewal Front|ORG||OPP}.", []string{"CONCEDE DZA/GOV>DZA/OPP planned"}},
		{"unknown opposition with two countries keeps none", "{The president|PERSON|DZA|GOV} said he will lift the ban on {the Renewal Front|ORG||OPP} in {France|COUNTRY|FRA}.", []string{"CONCEDE DZA/GOV>/OPP planned"}},
		{"participle takes the main subject", "{Government forces|ORG|ETH|MIL} launched artillery fire against rebel camps near {Gondar|PLACE|ETH}, killing or wounding 30.", []string{"ASSAULT ETH/MIL>ETH/"}},
		{"called for", "{The UN|ORG|IGO|GOV} called for a ceasefire in {Gaza|PLACE|PSE}.", []string{"REQUEST IGO/GOV>PSE/"}},
		{"trailing attribution is no target", "{The minister|PERSON|KGZ|GOV} agreed to meet {Kazakhstan|COUNTRY|KAZ}, {the speaker|PERSON|KGZ|LEG} said.", []string{"AGREE KGZ/GOV>KAZ/"}},
		{"own forces are no target", "{Chad|COUNTRY|TCD} offered its {troops|ORG||MIL} to {Niger|COUNTRY|NER}.", []string{"AGREE TCD/>NER/"}},
		{"blockade of a country", "{The navy|ORG|GRC|MIL} imposed a blockade of {Albania|COUNTRY|ALB} with {Italian|COUNTRY|ITA} help.", []string{"COERCE GRC/MIL>ALB/"}},
		{"resignation has no recipient", "{The premier|PERSON|HTI|GOV} resigned to allow new elections in {Haiti|COUNTRY|HTI}.", []string{"RETREAT HTI/GOV>"}},
		{"unnamed attacker", "A roadside bomb near {Kandahar|PLACE|AFG} killed two {soldiers|ORG|USA|MIL}.", []string{"ASSAULT AFG/UAF>USA/MIL"}},
		{"armed as an adjective after a number", "On Sunday, six armed {men|ORG||UAF} stabbed {a trader|PERSON||CVL}.", []string{"ASSAULT /UAF>/CVL"}},
		{"armed as an adjective after a comma", "In {Gao|PLACE|MLI}, armed {herders|ORG|MLI|CVL} attacked {a farm|ORG|MLI|AGR}.", []string{"ASSAULT MLI/CVL>MLI/AGR"}},
		{"armed as a verb", "{Iran|COUNTRY|IRN} armed {the rebels|ORG|YEM|REB}.", []string{"AID IRN/>YEM/REB"}},
		{"train as a noun", "{Strikers|ORG|IND|LAB} blocked the goods trains at {Patna|PLACE|IND}.", []string{"COERCE IND/LAB>IND/"}},
		{"trained an army", "{Foreign advisers|ORG|USA|MIL} trained {the new army|ORG|AFG|MIL}.", []string{"AID USA/MIL>AFG/MIL"}},
		{"residents stoning is a riot too", "{Residents|ORG|IND|CVL} pelted {the police|ORG|IND|COP} with stones in {Ranchi|PLACE|IND}.", []string{"ASSAULT IND/CVL>IND/COP", "PROTEST IND/CVL>IND/COP"}},
		{"unnamed stoning is a riot", "Stones were thrown at {the police|ORG|IND|COP} in {Ranchi|PLACE|IND}.", []string{"ASSAULT IND/UAF>IND/COP", "PROTEST >IND/COP"}},
		{"gunmen torching is no riot", "{Gunmen|ORG||UAF} torched {a bus|ORG|IND|CVL}.", []string{"ASSAULT /UAF>IND/CVL"}},
		{"joint exercise of two is cooperate", "{French|COUNTRY|FRA} and {Egyptian|COUNTRY|EGY} warships held naval drills.", []string{"COOPERATE FRA/+EGY/>"}},
		{"group facing an authority is domestic", "{The government|ORG|MOZ|GOV} accepted demands from {rebels|PERSON||REB|Rebels}.", []string{"CONCEDE MOZ/GOV>MOZ/REB"}},
		{"police act on a local crowd", "{Police|ORG|EGY|COP} arrested 12 {demonstrators|PERSON||CVL|Protesters}.", []string{"COERCE EGY/COP>EGY/CVL"}},
		{"unknown person keeps no country", "{The government|ORG|DEU|GOV} welcomed {Mr Examplesen|PERSON||GOV}'s statement.", []string{"SUPPORT DEU/GOV>/GOV"}},
		{"foreign party is not domestic", "{Mr Examplesen|PERSON||GOV} called for sanctions against {Nigeria|COUNTRY|NGA}.", []string{"ACCUSE /GOV>NGA/"}},
		{"group takes the country of the place", "{Inmates|PERSON||CRM|Prisoners} attacked {a guard|PERSON||COP|Guard} at a jail in {Kota|PLACE|IND}.", []string{"ASSAULT IND/CRM>IND/COP"}},
		{"adjunct names no recipient", "{Israel|COUNTRY|ISR} strengthened its forces in {Lebanon|COUNTRY|LBN} following the discovery of {Russian|COUNTRY|RUS} rockets.", []string{"MOBILIZE ISR/>LBN/"}},
		{"party in an adjunct is the recipient", "{Teachers|PERSON|NGA|EDU} called off their strike after talks with {the government|ORG|NGA|GOV}.", []string{"CONCEDE NGA/EDU>NGA/GOV"}},
		{"condition names whom a threat aims at", "{Russia|COUNTRY|RUS} threatened to quit the talks if {the United States|COUNTRY|USA} deploys missiles.", []string{"THREATEN RUS/>USA/ conditional"}},
		{"complaint to an addressee over a party", "{Lebanon|COUNTRY|LBN} complained to {the United Nations|ORG|IGO|GOV} over {Israeli|COUNTRY|ISR} air raids.", []string{"ACCUSE LBN/>ISR/"}},
		{"troops sent are the means", "{France|COUNTRY|FRA} offered to contribute 4,000 {troops|PERSON||MIL|Troops} to a force in {Liberia|COUNTRY|LBR}.", []string{"AGREE FRA/>LBR/"}},
		{"troops attacked are the target", "{Rebels|PERSON|AFG|REB} attacked {troops|PERSON||MIL|Troops} in {Kandahar|PLACE|AFG}.", []string{"ASSAULT AFG/REB>/MIL"}},
		{"pledge in the own country has no recipient", "{The president|PERSON|SRB|GOV} promised to democratize {Serbia|COUNTRY|SRB}.", []string{"AGREE SRB/GOV>"}},
		{"curfew in the own country aims at it", "{The president|PERSON|SDN|GOV} imposed a curfew in {Sudan|COUNTRY|SDN}.", []string{"COERCE SDN/GOV>SDN/"}},
		{"pledge to another country keeps it", "{The president|PERSON|SRB|GOV} promised to help {Kosovo|COUNTRY|XKX}.", []string{"AGREE SRB/GOV>XKX/"}},
		{"agent after a parenthetical", "{The former president|PERSON|HTI|ELI} has been accused of misusing public funds, much of it believed lost, by {government officials|PERSON|HTI|GOV}.", []string{"ACCUSE HTI/GOV>HTI/ELI"}},
		{"agent of another verb is none", "{The minister|PERSON|SRB|GOV} was accused of backing a bill signed by {the president|PERSON|SRB|GOV}.", []string{"ACCUSE >SRB/GOV"}},
		{"passive arrest is the police's of the place", "{A journalist|PERSON|USA|JRN} was arrested in {Cairo|PLACE|EGY}.", []string{"COERCE EGY/COP>USA/JRN"}},
		{"nationality shared by coordinated nouns", "{Israeli|COUNTRY|ISR} helicopters and {tanks|ORG||MIL|Forces} shelled {Rafah|PLACE|PSE}.", []string{"ASSAULT ISR/MIL>PSE/"}},
		{"subject after according to", "According to reports {the UK|COUNTRY|GBR} is pushing hard for {the US|COUNTRY|USA} to support the plan.", []string{"REQUEST GBR/>USA/"}},
		{"person's country from an apposition", "{Jane Roe|PERSON||}, the {United Nations|ORG|IGO|GOV} relief coordinator, demanded that {Iraq|COUNTRY|IRQ} open its borders.", []string{"REQUEST IGO/>IRQ/"}},
		{"continued a strike", "{Refugees|PERSON|RUS|REF} are continuing a hunger strike against {the government|ORG|RUS|GOV}.", []string{"PROTEST RUS/REF>RUS/GOV"}},
		{"weapons are the means", "{Belarusian forces|ORG|BLR|MIL} launched 30 {drones|ORG||MIL|Forces} and two {missiles|ORG||MIL|Forces} at {Lithuania|COUNTRY|LTU}.", []string{"ASSAULT BLR/MIL>LTU/"}},
		{"fired rockets at", "{The militia|ORG|LBN|REB} fired 20 {rockets|ORG||MIL|Forces} at {Haifa|PLACE|ISR}.", []string{"ASSAULT LBN/REB>ISR/"}},
		{"coordinated parties of talks act on each other", "{Peru|COUNTRY|PER} and {Chile|COUNTRY|CHL} resumed border talks.", []string{"CONSULT PER/>CHL/"}},
		{"unknown conjunct is no target", "{Peru|COUNTRY|PER} and Xland resumed border talks.", []string{"CONSULT PER/>"}},
		{"no actor acts on itself", "{Peru|COUNTRY|PER} attacked {Peru|COUNTRY|PER} positions.", []string{"ASSAULT PER/>"}},
		{"addressee of told is no source", "{The spokesman|PERSON|CHN|GOV} told {reporters|PERSON||JRN|Journalists} that the tariffs were unfair and warned that {Beijing|COUNTRY|CHN} would respond.", []string{"THREATEN CHN/GOV>CHN/"}},
		{"descriptive premodifier belongs to the name", "Shelling by the {paramilitary|ORG||PRM|Paramilitary} {Desert Lions|ORG|LBY|REB} killed 4 {villagers|PERSON||CVL|Civilians}.", []string{"ASSAULT LBY/REB>/CVL"}},
		{"compound adjective belongs to the name", "Raids by the {Chad|COUNTRY|TCD}-backed {Sahel Front|ORG|NER|REB} wounded 6 {soldiers|PERSON|NER|MIL|Soldiers}.", []string{"ASSAULT NER/REB>NER/MIL"}},
		{"address to the reader is no event", "Welcome to our coverage of the summit in {Lima|PLACE|PER}.", nil},
		{"nationality of the attack noun is the attacker", "At least 12 {villagers|PERSON||CVL|Civilians} were killed in {Ethiopian|COUNTRY|ETH} air strikes across {the Tigray region|PLACE|ETH} on <Monday|2024-05-06>.", []string{"ASSAULT ETH/MIL>ETH/CVL"}},
		{"armed force before the attack noun is the attacker", "Three {protesters|PERSON||CVL|Protesters} were killed in {police|ORG|BGD|COP} firing in {Dhaka|PLACE|BGD} on <Monday|2024-05-06>.", []string{"ASSAULT BGD/COP>BGD/CVL"}},
		{"rebel attacks", "Two {civilians|PERSON||CVL|Civilians} were killed in {rebel|ORG|COD|REB} attacks near {Goma|PLACE|COD}.", []string{"ASSAULT COD/REB>COD/CVL"}},
		{"custody is no attack", "Five {inmates|PERSON||CVL|Prisoners} were killed in {police|ORG|NGA|COP} custody in {Lagos|PLACE|NGA}.", []string{"ASSAULT NGA/UAF>NGA/CVL"}},
		{"national government is no domestic group", "Western {governments|ORG||GOV|Government} have accused {Beijing|COUNTRY|CHN} of hacking.", []string{"ACCUSE /GOV>CHN/"}},
		{"a thing meets no demands", "The offer does not meet the demands of {the union|ORG|FRA|LAB}.", nil},
		{"an actor meets demands", "{The government|ORG|FRA|GOV} met the demands of {the union|ORG|FRA|LAB}.", []string{"CONCEDE FRA/GOV>FRA/LAB"}},
		{"negated agreement", "{The ministers|PERSON|DEU|GOV|Minister} did not agree on a joint text.", []string{"AGREE DEU/GOV> negated"}},
		{"plural role noun means the previous parties", "{Peru|COUNTRY|PER} held talks with {Chile|COUNTRY|CHL} on <Monday|2024-05-06>. The two leaders agreed to reopen the border.", []string{"CONSULT PER/>CHL/", "AGREE PER/>CHL/"}},
		{"the two leaders after a report verb", "{Peru|COUNTRY|PER} and {Chile|COUNTRY|CHL} held talks on <Monday|2024-05-06>. {A spokesman|PERSON|PER|GOV} said the two leaders discussed trade.", []string{"CONSULT PER/>CHL/", "CONSULT PER/>CHL/"}},
		{"the two leaders keep to a meeting", "{Peru|COUNTRY|PER} shelled {Chile|COUNTRY|CHL} on <Monday|2024-05-06>. The two leaders agreed to talk.", []string{"ASSAULT PER/>CHL/", "AGREE >"}},
		{"coordinated verb shares the subject", "{Croatia|COUNTRY|HRV} is investigating crimes against {civilians|PERSON|SRB|CVL} and {prisoners|PERSON|SRB|CRM} and will bring suspects to trial.", []string{"ACCUSE HRV/>SRB/CVL+SRB/CRM"}},
		{"alleged is an adjective, not a report", "{The military police|ORG|SRB|MIL} launched an investigation into alleged crimes committed by {Croat forces|ORG|HRV|MIL}.", []string{"ACCUSE SRB/MIL>HRV/MIL"}},
		{"reported is an adjective after a preposition", "{The ombudsman|PERSON|KEN|GOV} opened an inquiry into reported abuses by {the prison guards|ORG|KEN|COP}.", []string{"ACCUSE KEN/GOV>KEN/COP"}},
		{"victim in a reduced relative is no target", "{The high court|ORG|ISR|JUD} opened a hearing into interrogation techniques used against {Palestinian|COUNTRY|PSE} detainees.", []string{"ACCUSE ISR/JUD>"}},
		{"agent in a reduced relative is the target", "{The high court|ORG|ISR|JUD} opened a hearing into abuses committed by {the border police|ORG|ISR|COP}.", []string{"ACCUSE ISR/JUD>ISR/COP"}},
		{"nationality after of names the actors", "{The Jihad movement|ORG|PSE|REB} rejected an invitation to a meeting next week of {Palestinian|COUNTRY|PSE} factions to debate independence from {Israel|COUNTRY|ISR}.", []string{"REJECT PSE/REB>PSE/"}},
		{"the town of a place is still a place", "{The army|ORG|SDN|MIL} shelled the town of {Kadugli|PLACE|SDN} near the border with {Chad|COUNTRY|TCD}.", []string{"ASSAULT SDN/MIL>SDN/"}},
		{"neighbour of a border is no recipient", "{The rebels|ORG|MKD|REB} vowed to fight until they hold the villages near {Macedonia|COUNTRY|MKD}'s border with {Bulgaria|COUNTRY|BGR}.", []string{"THREATEN MKD/REB>MKD/"}},
		{"place stands when the actor drops out of the object", "Supporters of {Ben Bella|PERSON|DZA|ELI} blocked roads in {Algiers|PLACE|DZA} demanding that {Ben Bella|PERSON|DZA|ELI} be reinstated.", []string{"PROTEST DZA/ELI>DZA/"}},
		{"content of a protest outranks its place", "{Prisoners|PERSON|TLS|CRM|Prisoners} rioted in {Dili|PLACE|TLS} demanding independence from {Indonesian|COUNTRY|IDN} rule.", []string{"PROTEST TLS/CRM>IDN/"}},
		{"whom an actor joins is no recipient", "{Inmates|PERSON|TLS|CRM|Prisoners} rioted at a jail on Monday joining thousands of {demonstrators|PERSON|TLS|CVL|Protesters} in demanding independence from {Indonesian|COUNTRY|IDN} rule.", []string{"PROTEST TLS/CRM>IDN/"}},
		{"place after a possessive country is a place", "{Inmates|PERSON|TLS|CRM|Prisoners} rioted in {East Timor|COUNTRY|TLS}'s capital {Dili|PLACE|TLS} demanding independence from {Indonesian|COUNTRY|IDN} rule.", []string{"PROTEST TLS/CRM>IDN/"}},
		{"exploded bombs", "{Insurgents|ORG|SOM|REB} exploded a string of bombs in {Mogadishu|PLACE|SOM}.", []string{"ASSAULT SOM/REB>SOM/"}},
		{"second verb of a coordination codes its own event", "{Rebels|ORG|AFG|REB} kidnapped two {advisers|PERSON|RUS|CVL} and exploded a series of bombs in {Kabul|PLACE|AFG}.", []string{"ASSAULT AFG/REB>RUS/CVL", "ASSAULT AFG/REB>AFG/"}},
		{"purpose of a sending has the sender as source", "{The African Union|ORG|IGO|GOV} sent 30 {military|ORG||MIL|Military} observers to {Sudan|COUNTRY|SDN} on Friday to investigate the {peacekeeping force|ORG|IGO|MIL}'s conduct.", []string{"ACCUSE IGO/GOV>SDN/"}},
		{"purpose of a sending keeps a foreign object", "{Norway|COUNTRY|NOR} sent envoys to {Colombia|COUNTRY|COL} to meet {the rebels|ORG|COL|REB}.", []string{"CONSULT NOR/>COL/REB"}},
		{"passive demobilization has the force as source", "Half of the {rebels|ORG|COL|REB} in the north have been demobilized since the accord.", []string{"RETREAT COL/REB>"}},
		{"readying an attack is a show of force", "{The army|ORG|MLI|MIL} prepared to resume shelling {rebel|ORG|MLI|REB} positions near {Kidal|PLACE|MLI}.", []string{"MOBILIZE MLI/MIL>MLI/REB"}},
		{"prepared to attack after be is a threat", "{The army|ORG|MLI|MIL} is prepared to resume shelling {rebel|ORG|MLI|REB} positions near {Kidal|PLACE|MLI}.", []string{"THREATEN MLI/MIL>MLI/REB"}},
		{"aid agencies are no act of aid", "{The UN|ORG|IGO|GOV} and aid agencies counted 3,000 new arrivals in {Darfur|PLACE|SDN}.", nil},
		{"armed forces are no act of arming", "{Norway|COUNTRY|NOR} halted a program for {Mali|COUNTRY|MLI}'s armed forces.", nil},
		{"participle after a comma describes the noun", "{Peru|COUNTRY|PER} apologised to {Chile|COUNTRY|CHL} for an incident in the strait, disputed by {Peru|COUNTRY|PER} and {Chile|COUNTRY|CHL}.", []string{"SUPPORT PER/>CHL/"}},
		{"participle with out of describes the noun", "{Togo|COUNTRY|TGO} opened its border to {migrants|PERSON||REF|Refugees} ordered out of {Ghana|COUNTRY|GHA}.", []string{"AID TGO/>GHA/"}},
		{"a language is no target", "{The court|ORG|EST|JUD} lifted the restrictions on the {Russian|COUNTRY|RUS} language in schools.", []string{"CONCEDE EST/JUD>"}},
		{"forces mobilised are the means", "{The provincial government|ORG|PAK|GOV} ordered patrols by {police|ORG||COP|Police} after the riots.", []string{"MOBILIZE PAK/GOV>"}},
	}
	checkEvents(t, testCoder(t), tests)
}

// TestPoliceEvents covers police and security-force acts as news copy
// writes them: as nouns ("police firing", "a lathi charge"), in the
// passive with the police as speaker, and in reduced relatives.
func TestPoliceEvents(t *testing.T) {
	tests := []eventCase{
		{"death in police firing", "Two youths died in {police|ORG|IND|COP} firing on Monday.", []string{"ASSAULT IND/COP>"}},
		{"injured due to police firing", "Six people were injured due to {police|ORG|IND|COP} firing near the market.", []string{"ASSAULT IND/COP>"}},
		{"lathi charged", "{Police|ORG|IND|COP} lathi charged {the students|PERSON|IND|EDU} outside the college.", []string{"ASSAULT IND/COP>IND/EDU"}},
		{"resorted to a baton charge", "{The police|ORG|IND|COP} resorted to a baton charge near the bus stand.", []string{"ASSAULT IND/COP>"}},
		{"tear-gas shells", "{The police|ORG|IND|COP} burst tear-gas shells at the crowd.", []string{"ASSAULT IND/COP>"}},
		{"fired rounds", "{Police|ORG|IND|COP} fired ten rounds at {the mob|PERSON|IND|CVL}.", []string{"ASSAULT IND/COP>IND/CVL"}},
		{"fired in the air", "{Troops|ORG|NGA|MIL} fired in the air outside the stadium.", []string{"ASSAULT NGA/MIL>"}},
		{"passive arrest reported by the police", "Twelve men were arrested after the clash, {police|ORG|IND|COP} said.", []string{"COERCE IND/COP>"}},
		{"picked up by police", "{The editor|PERSON|IND|JRN} was picked up by {police|ORG|IND|COP} from his home.", []string{"COERCE IND/COP>IND/JRN"}},
		{"reduced relative of arrest", "Over 40 {activists|PERSON|IND|CVL} arrested at the station were released on bail.", []string{"COERCE >IND/CVL", "RETREAT >IND/CVL"}},
		{"object after an approximation", "{Police|ORG|IND|COP} arrested over 50 {workers|PERSON|IND|LAB} on the bridge.", []string{"COERCE IND/COP>IND/LAB"}},
		{"arrested then freed keeps the subject", "{Police|ORG|IND|COP} arrested, then freed {the men|PERSON|IND|CVL}.", []string{"COERCE IND/COP>IND/CVL", "RETREAT IND/COP>IND/CVL"}},
		{"a killing the police report is not theirs", "Three people were killed in a bomb blast, {police|ORG|IND|COP} said.", []string{"ASSAULT >"}},
		{"an intransitive attack keeps its subject", "{Rebels|ORG|IND|REB} attacked at dawn.", []string{"ASSAULT IND/REB>"}},
		{"a dismissal is no firing", "The firing of the coach surprised fans.", nil},
		{"forces deployed with nobody sending them move themselves", "Extra {policemen|PERSON|IND|COP} were deployed in the old city.", []string{"MOBILIZE IND/COP>"}},
		{"a deployment of forces is theirs", "The deployment of {troops|ORG|IND|MIL} along the highway continued.", []string{"MOBILIZE IND/MIL>"}},
		{"a railway station is no stationing", "{Protesters|PERSON|IND|CVL} gathered at the railway station.", nil},
		{"stopped from entering, police said", "Forty {volunteers|PERSON|IND|CVL} were stopped from entering the town, {police|ORG|IND|COP} said.", []string{"COERCE IND/COP>IND/CVL"}},
		{"police officials are police", "{Senior police officials|PERSON|IND|GOV} detained {the organisers|PERSON|IND|CVL}.", []string{"COERCE IND/COP>IND/CVL"}},
		{"a charge the police report is theirs", "The two brothers were booked for murder, {police|ORG|IND|COP} said.", []string{"ACCUSE IND/COP>"}},
		{"a police title as speaker", "Ten men were prevented from leaving the station, the superintendent of {police|ORG|IND|COP} said.", []string{"COERCE IND/COP>"}},
		{"a killing the army reports is not theirs", "Two {traders|PERSON|IND|BUS} were shot dead, {the army|ORG|IND|MIL} said.", []string{"ASSAULT >IND/BUS"}},
		{"registered a case against", "{Police|ORG|IND|COP} registered a case against {the landlord|PERSON|IND|CVL}.", []string{"ACCUSE IND/COP>IND/CVL"}},
	}
	checkEvents(t, testCoder(t), tests)
}

// eventCase is a sentence with marked mentions and dates and the
// summaries of the events it codes, in order.
type eventCase struct {
	name string
	text string
	want []string
}

// checkEvents codes each case's sentence and compares the summaries.
func checkEvents(t *testing.T, c *Coder, tests []eventCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := article(t, tt.text)
			c.Events(a)
			var got []string
			for _, e := range a.Events {
				got = append(got, summary(e))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Events(%q) = %q, want %q", a.Text, got, tt.want)
				for _, e := range a.Events {
					t.Logf("  %s rule=%s trigger=%q", summary(e), e.Rule, a.Text[e.Trigger.Start:e.Trigger.End])
				}
			}
		})
	}
}

func TestEventFields(t *testing.T) {
	c := testCoder(t)
	a := article(t, "On <Tuesday|2024-05-07>, {Russian forces|ORG|RUS|MIL} fired 40 drones and 12 missiles at {Kyiv|PLACE|UKR}, killing at least 9 people and wounding 31.")
	c.Events(a)
	if len(a.Events) != 1 {
		t.Fatalf("Events = %d events, want 1: %v", len(a.Events), a.Events)
	}
	e := a.Events[0]
	wantQ := map[string]int{QtyKilled: 9, QtyInjured: 31, QtyDrones: 40, QtyMissiles: 12}
	if !maps.Equal(e.Quantities, wantQ) {
		t.Errorf("Quantities = %v, want %v", e.Quantities, wantQ)
	}
	if e.Date != "2024-05-07" || e.DateText != "Tuesday" || e.DatePrecision != news.PrecisionDay {
		t.Errorf("date = %q %q %q, want 2024-05-07 Tuesday day", e.Date, e.DateText, e.DatePrecision)
	}
	if e.Location == nil || e.Location.Name != "Kyiv" || e.Location.Country != "UKR" {
		t.Errorf("Location = %+v, want Kyiv UKR", e.Location)
	}
	if e.Type != news.Assault || e.Quad != 4 || e.Intensity >= -8 || e.CAMEO == "" {
		t.Errorf("type %s quad %d intensity %v cameo %q", e.Type, e.Quad, e.Intensity, e.CAMEO)
	}
	if e.Confidence <= 0.5 || e.Confidence > 1 {
		t.Errorf("Confidence = %v, want in (0.5, 1]", e.Confidence)
	}
	if len(e.Evidence) != 1 || e.Evidence[0].Sentence != a.Text || e.Evidence[0].Source != "example-news" || e.SourceCount != 1 {
		t.Errorf("Evidence = %+v, SourceCount %d", e.Evidence, e.SourceCount)
	}
	if got := a.Text[e.Trigger.Start:e.Trigger.End]; got != "fired" && !strings.HasPrefix(got, "fired") {
		t.Errorf("Trigger = %q, want it to start with fired", got)
	}
	if e.ID == "" || e.ID != eventID(a.ID, 0, e.Trigger.Start) {
		t.Errorf("ID = %q, want the stable id", e.ID)
	}

	// Without a date expression the published date stands, with no text.
	b := article(t, "{Rebels|ORG|SDN|REB} shelled {Juba|PLACE|SDN}.")
	c.Events(b)
	if len(b.Events) != 1 || b.Events[0].Date != "2024-05-08" || b.Events[0].DateText != "" {
		t.Errorf("published date fallback: %+v", b.Events)
	}
}

func TestQuantities(t *testing.T) {
	tests := []struct {
		text string
		want map[string]int
	}{
		{"At least 12 miners were killed and 30 others wounded.", map[string]int{QtyKilled: 12, QtyInjured: 30}},
		{"The blast killed three soldiers and two civilians.", map[string]int{QtyKilled: 3}},
		{"Three soldiers and two civilians were killed.", map[string]int{QtyKilled: 5}},
		{"Police arrested 45 people, including 3 journalists.", map[string]int{QtyArrested: 45}},
		{"Thousands of protesters marched.", map[string]int{QtyProtesters: 2000}},
		{"Some 5,000 protesters marched on parliament.", map[string]int{QtyProtesters: 5000}},
		{"Dozens of demonstrators were detained.", map[string]int{QtyArrested: 24}},
		{"By evening the toll had climbed to 57.", map[string]int{QtyKilled: 57}},
		{"Twenty-five villagers died in the raid.", map[string]int{QtyKilled: 25}},
		{"Russia launched 1.5 thousand shells.", map[string]int{QtyShells: 1500}},
		{"The fund pledged $40 million.", nil},
		{"A shopkeeper was shot dead outside his home.", map[string]int{QtyKilled: 1}},
		{"Gunmen opened fire on the bus, killing a driver.", map[string]int{QtyKilled: 1}},
		{"Troops killed four demonstrators near the bridge.", map[string]int{QtyKilled: 4}},
		{"One guard died in hospital.", map[string]int{QtyKilled: 1}},
		{"A villager later died of his wounds.", map[string]int{QtyKilled: 1}},
		{"A retired judge died of an illness.", nil},
		{"The ambush left five dead.", map[string]int{QtyKilled: 5}},
		{"A teacher was killed in the raid.", map[string]int{QtyKilled: 1}},
		{"An elderly trader was beaten to death by a crowd.", map[string]int{QtyKilled: 1}},
		{"The clash resulted in one fatality.", map[string]int{QtyKilled: 1}},
		{"A suspected thief was lynched.", map[string]int{QtyKilled: 1}},
		{"A bomb killed three workers.", map[string]int{QtyKilled: 3}},
		{"A number of guards were killed.", nil},
		{"A crowd was dispersed.", nil},
		{"The committee was killed off by the vote.", nil},
		// wire copy
		{"Three people were shot dead when police fired on the crowd.", map[string]int{QtyKilled: 3}},
		{"A woman was shot and killed outside a mosque on Friday.", map[string]int{QtyKilled: 1}},
		{"Gunmen shot and killed a village elder on Tuesday.", map[string]int{QtyKilled: 1}},
		{"Soldiers shot dead two men at a checkpoint.", map[string]int{QtyKilled: 2}},
		{"Militants gunned down four police officers.", map[string]int{QtyKilled: 4}},
		{"Villagers lynched two suspected kidnappers.", map[string]int{QtyKilled: 2}},
		{"Residents lynched a man accused of theft.", map[string]int{QtyKilled: 1}},
		{"A crowd beat a suspected burglar to death.", map[string]int{QtyKilled: 1}},
		{"The fighting left 14 people dead and dozens wounded.", map[string]int{QtyKilled: 14, QtyInjured: 24}},
		{"The death toll rose to 31 on Sunday, officials said.", map[string]int{QtyKilled: 31}},
		{"Officials reported one fatality.", map[string]int{QtyKilled: 1}},
		{"Rescuers recovered six bodies from the river.", map[string]int{QtyKilled: 6}},
		{"Two soldiers and a civilian were killed in the blast.", map[string]int{QtyKilled: 3}},
		{"The attack killed two soldiers and injured three civilians.", map[string]int{QtyKilled: 2, QtyInjured: 3}},
		{"One of the wounded later died in hospital.", map[string]int{QtyKilled: 1}},
		// notes in the style of event-data coders
		{"Police opened fire on rioters, killing two and injuring five.", map[string]int{QtyKilled: 2, QtyInjured: 5}},
		{"A mob burned a suspected thief to death in the market.", map[string]int{QtyKilled: 1}},
		{"No injuries and one civilian fatality reported.", map[string]int{QtyKilled: 1}},
		{"Two civilian deaths were recorded in the town.", map[string]int{QtyKilled: 2}},
		{"2 fatalities.", map[string]int{QtyKilled: 2}},
		{"A land dispute between two villages left 3 people dead.", map[string]int{QtyKilled: 3}},
		{"Two women were raped during the attack.", nil},
		{"Two people were injured, one of whom died later.", map[string]int{QtyInjured: 2, QtyKilled: 1}},
		{"Two protesters were shot and killed by police.", map[string]int{QtyKilled: 2}},
		{"3 protesters shot dead by police.", map[string]int{QtyKilled: 3}},
		{"One youth died and another was critically injured.", map[string]int{QtyKilled: 1}},
		{"A student was on Monday shot dead near the campus.", map[string]int{QtyKilled: 1}},
		{"Two weeks after the raid, police arrested a suspect.", nil},
		{"Two houses were burned.", nil},
		{"A local party leader (a former councillor) was shot dead by gunmen.", map[string]int{QtyKilled: 1}},
		{"Congress leader Ashok Rao was hacked to death near his home.", map[string]int{QtyKilled: 1}},
		{"The mayor was not killed in the attack.", nil},
		{"The driver was nearly killed when the bomb went off.", nil},
		{"A candidate was fatally shot by rival activists.", map[string]int{QtyKilled: 1}},
		{"A mob tortured to death an alleged cattle thief.", map[string]int{QtyKilled: 1}},
		{"A vigilante mob lynches a woman accused of witchcraft.", map[string]int{QtyKilled: 1}},
		{"Relatives of a driver who was shot dead blocked the highway.", nil},
		{"Students rioted after a classmate was killed by a bus.", nil},
		{"It is unclear whether he was killed.", nil},
		{"A mob tried to lynch two suspects.", nil},
		{"Locals caught two thieves and beat one to death.", map[string]int{QtyKilled: 1}},
		{"The court sentenced two to death.", nil},
	}
	for _, tt := range tests {
		toks := evTokenize(tt.text, 0, len(tt.text), nil)
		c := testCoder(t)
		c.dict.tagTokens(toks)
		got := make(map[string]int)
		for _, q := range findQuantities(toks) {
			got[q.key] = q.n
		}
		if len(got) == 0 {
			got = nil
		}
		if !maps.Equal(got, tt.want) {
			t.Errorf("findQuantities(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// benchText is a news-like article of varied sentences, most with one
// or two events.
const benchText = "{Russian forces|ORG|RUS|MIL} fired 40 drones and 12 missiles at {Kharkiv|PLACE|UKR} overnight, killing at least 9 people and wounding 31, {the governor|PERSON|UKR|GOV} said. " +
	"{The foreign ministers of France|PERSON|FRA|GOV} and {Germany|COUNTRY|DEU} held talks in {Paris|PLACE|FRA} on <Friday|2024-03-01>. " +
	"Some 5,000 {teachers|ORG|KEN|EDU} marched through {Nairobi|PLACE|KEN} to demand higher pay. " +
	"{Riot police|ORG|KEN|COP} fired tear gas at {the marchers|ORG|KEN|CVL} and arrested 45 people. " +
	"{The EU|ORG|IGO|GOV} imposed new sanctions on {Belarus|COUNTRY|BLR} after the crackdown. " +
	"{Hungary|COUNTRY|HUN} refused to sign the joint declaration on migration. " +
	"The weather in the capital was mild and markets were calm for most of the week. " +
	"{The president|PERSON|USA|GOV} said {Iran|COUNTRY|IRN} must stop enriching uranium. " +
	"Two soldiers were wounded in shelling by {rebels|ORG|SDN|REB} near {Juba|PLACE|SSD}. " +
	"{Serbia|COUNTRY|SRB} and {Kosovo|COUNTRY|XKX} agreed to reopen the border crossing. " +
	"Analysts expect growth to slow next year as exports weaken. " +
	"{The army|ORG|ARM|MIL} agreed to pull its units back from {the border|PLACE|AZE}."

func BenchmarkEvents(b *testing.B) {
	c := testCoder(b)
	a := article(b, benchText)
	sentences := len(a.Sentences)
	for b.Loop() {
		c.Events(a)
	}
	b.ReportMetric(float64(sentences*b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// FuzzEvents codes arbitrary text, as one sentence and with every
// capitalised word taken for a country mention, and checks that events
// point inside the text.
func FuzzEvents(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "events", "*.txtar"))
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		_, archive := evParseTxtar(raw)
		for _, fl := range archive {
			if fl.name == "article" {
				if _, body, ok := strings.Cut(string(fl.data), "\n\n"); ok {
					f.Add(markupRe.ReplaceAllString(body, "$1$5"))
				}
			}
		}
	}
	f.Add("Rebels didn't attack U.S. troops in 1,200 places; 3.5 million fled?")
	f.Add("\u201cWe will not meet,\u201d he said \u2014 killing twenty-five, wounding dozens of\u00a0people.")
	f.Add("by by by of of the the ,,, ... 's n't")
	c := testCoder(f)
	f.Fuzz(func(t *testing.T, text string) {
		a := &news.Article{ID: "fuzz", Text: text, Sentences: []news.Sentence{{Index: 0, Span: news.Span{Start: 0, End: len(text)}}}}
		for _, tok := range evTokenize(text, 0, len(text), nil) {
			if tok.is(tCAP) {
				a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: tok.start, End: tok.end}, Text: tok.text,
					Type: news.Country, Ref: -1, Actor: news.Actor{Name: tok.text, Country: "XXX"}})
			}
		}
		c.Events(a)
		for _, e := range a.Events {
			if e.Trigger.Start < 0 || e.Trigger.End > len(text) || e.Trigger.Start >= e.Trigger.End {
				t.Fatalf("Events(%q): trigger %v out of range", text, e.Trigger)
			}
			if e.Type == "" || e.ID == "" || e.Confidence < 0 || e.Confidence > 1 {
				t.Fatalf("Events(%q): incomplete event %+v", text, e)
			}
		}
	})
}

// TestCoderConcurrent codes copies of one article from several goroutines
// (run with -race) and checks they all get the same events.
func TestCoderConcurrent(t *testing.T) {
	c := testCoder(t)
	want := article(t, benchText)
	c.Events(want)
	done := make(chan []news.Event)
	for range 8 {
		go func() {
			a := article(t, benchText)
			c.Events(a)
			done <- a.Events
		}()
	}
	for range 8 {
		got := <-done
		if len(got) != len(want.Events) {
			t.Fatalf("concurrent Events = %d events, want %d", len(got), len(want.Events))
		}
		for i := range got {
			if got[i].ID != want.Events[i].ID || got[i].Type != want.Events[i].Type {
				t.Errorf("concurrent event %d = %s %s, want %s %s", i, got[i].ID, got[i].Type, want.Events[i].ID, want.Events[i].Type)
			}
		}
	}
}

func TestEventPlaces(t *testing.T) {
	c := testCoder(t)
	tests := []struct {
		name string
		text string
		geo  []string // place mentions the gazetteer locates
		want []string // event locations in order, "-" for none
	}{
		{"village unknown, district beside it", "{Gunmen|ORG|NER|UAF} attacked a market in {Kalo|PLACE|NER} village, {Tillaberi|PLACE|NER} region.",
			[]string{"Tillaberi"}, []string{"Tillaberi"}},
		{"village known stays", "{Gunmen|ORG|NER|UAF} attacked a market in {Kalo|PLACE|NER} village, {Tillaberi|PLACE|NER} region.",
			[]string{"Kalo", "Tillaberi"}, []string{"Kalo"}},
		{"town unknown, district in brackets", "{Police|ORG|IND|COP} arrested {protesters|PERSON|IND} in {Rampur|PLACE|IND} ({Bareilly|PLACE|IND}, {Uttar Pradesh|PLACE|IND}).",
			[]string{"Bareilly", "Uttar Pradesh"}, []string{"Bareilly"}},
		{"unknown units between the town and its district", "{Gunmen|ORG|THA|UAF} shot a teacher in {Ban Nong|PLACE|THA} in tambon Kadu, {Sai Buri|PLACE|THA} district.",
			[]string{"Sai Buri"}, []string{"Sai Buri"}},
		{"no wider area after a clause", "{Gunmen|ORG|THA|UAF} shot a teacher in {Ban Nong|PLACE|THA} and fled to {Sai Buri|PLACE|THA}.",
			[]string{"Sai Buri"}, []string{"Ban Nong"}},
		{"fronted place in apposition", "In {Jaipuria College|ORG|IND}, {Kolkata|PLACE|IND}, {students|PERSON|IND} attacked {police|ORG|IND|COP}.",
			[]string{"Kolkata"}, []string{"Kolkata"}},
		{"next sentence goes on in the same place", "{Police|ORG|KEN|COP} dispersed {protesters|PERSON|KEN} in {Kisumu|PLACE|KEN}. Five of them were arrested by {police|ORG|KEN|COP}.",
			[]string{"Kisumu"}, []string{"Kisumu", "Kisumu"}},
		{"nothing located carries nothing", "{Police|ORG|KEN|COP} dispersed {protesters|PERSON|KEN}. Five of them were arrested by {police|ORG|KEN|COP}.",
			nil, []string{"-", "-"}},
		{"unlocated place does not carry", "{Police|ORG|KEN|COP} dispersed {protesters|PERSON|KEN} in {Kisumu|PLACE|KEN}. Five of them were arrested by {police|ORG|KEN|COP}.",
			nil, []string{"Kisumu", "-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := article(t, tt.text)
			for i := range a.Mentions {
				if m := &a.Mentions[i]; m.Place != nil && slices.Contains(tt.geo, m.Text) {
					m.Place.HasGeo = true
				}
			}
			c.Events(a)
			var got []string
			for _, e := range a.Events {
				if e.Location == nil {
					got = append(got, "-")
				} else {
					got = append(got, e.Location.Name)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Events(%q) locations = %q, want %q", a.Text, got, tt.want)
				for _, e := range a.Events {
					t.Logf("  %s rule=%s trigger=%q", summary(e), e.Rule, a.Text[e.Trigger.Start:e.Trigger.End])
				}
			}
		})
	}
}

func TestCarries(t *testing.T) {
	stamp := "Police dispersed the march in Oujda.\n\n10.42 BST\n\nFour were detained."
	tests := []struct {
		name    string
		text    string
		removed []news.Removal
		want    bool
	}{
		{"next sentence", "Police dispersed the march in Oujda. Four were detained.", nil, true},
		{"next paragraph", "Police dispersed the march in Oujda.\n\nFour were detained.", nil, true},
		{"two paragraphs on", "Police dispersed the march in Oujda.\n\nThe city is quiet.\n\nFour were detained.", nil, false},
		{"next post of a live page", stamp, []news.Removal{{Kind: news.RemovalTimestamp, Span: news.Span{Start: strings.Index(stamp, "10.42"), End: strings.Index(stamp, "BST") + 3}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{Text: tt.text, Removed: tt.removed}
			from := strings.Index(tt.text, "Oujda.") + len("Oujda.")
			to := strings.Index(tt.text, "Four")
			if got := carries(a, from, to); got != tt.want {
				t.Errorf("carries(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
