package resolve

import "testing"

// TestResolveCountries checks the country an actor or place gets from the
// article's date (dated sovereignty, names that changed their reading) and
// from the words around it when the knowledge base does not know it.
func TestResolveCountries(t *testing.T) {
	p := newPipeline(t)
	tests := []struct {
		name, text, date, span, want string
	}{
		{"a city before its state's independence", "Gunmen attacked a market in Juba on Sunday.", "2005-03-01", "Juba", "SDN"},
		{"the same city after independence", "Gunmen attacked a market in Juba on Sunday.", "2015-03-01", "Juba", "SSD"},
		{"a party before its state's independence", "Sudanese officials met the Sudan People's Liberation Movement in Nairobi.", "2004-06-01", "Sudan People's Liberation Movement", "SDN"},
		{"a province before its declaration", "Kosovo police arrested two men near the border.", "2004-05-01", "Kosovo police", "SRB"},
		{"the same province after it", "Kosovo police arrested two men near the border.", "2012-05-01", "Kosovo police", "XKX"},
		{"a constituent republic keeps its code", "Montenegro raised fuel prices on Monday.", "2000-05-01", "Montenegro", "MNE"},
		{"congo while zaire existed", "Kenya recalled its ambassador from Congo on Monday.", "1985-03-01", "Congo", "COG"},
		{"congo after zaire", "Kenya recalled its ambassador from Congo on Monday.", "2005-03-01", "Congo", "COD"},
		{"congo next to brazzaville", "Police in Brazzaville said Congo would reopen the border.", "2005-03-01", "Congo", "COG"},
		{"a leader's administration, not a town", "The Bush administration imposed tariffs on steel imports.", "2002-03-01", "Bush administration", "USA"},
		{"a leader's administration the knowledge base knows only later", "The Bush administration imposed tariffs on steel imports.", "1991-03-01", "Bush administration", "USA"},
		{"a capital's government stays the capital's", "The Khartoum government denied the report.", "2004-03-01", "Khartoum government", "SDN"},
		{"an unknown former president", "A Chilean court ordered former president Jorge Ejemplo to testify.", "2010-03-01", "former president Jorge Ejemplo", "CHL"},
		{"an unknown opposition leader", "Peruvian police detained opposition leader Rosa Muestra on Monday.", "2010-03-01", "opposition leader Rosa Muestra", "PER"},
		{"a title with its portfolio before the name", "The Minister for Information Tariq Ahmad Exemplar banned the rally, the Pakistani government said.", "2006-03-01", "Information Tariq Ahmad Exemplar", "PAK"},
		{"an alias in brackets is the organisation just named", "The Fatherland League (Conservatives) collected signatures to petition the Estonian parliament.", "2006-03-01", "Conservatives", "EST"},
		{"an unknown organisation takes the country a known person gives", "The Renewal Front welcomed the decision of President Vladimir Putin.", "2001-03-01", "Renewal Front", "RUS"},
		{"a multinational force", "A multinational force will deploy next month, Ghanaian officials said.", "2003-03-01", "force", "IGO"},
		{"a nation's peacekeepers", "Nepali peacekeeping troops reached Bunia on Tuesday.", "2000-03-01", "troops", "NPL"},
		{"an alliance's peacekeepers", "NATO stabilisation troops patrolled the border on Tuesday.", "1996-03-01", "troops", "IGO"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := p.run(t, tt.text, tt.date)
			_, m := mention(t, a, tt.span)
			if m.Actor.Country != tt.want {
				t.Errorf("Resolve(%q on %s) %q country = %q, want %q (actor %+v)", tt.text, tt.date, tt.span, m.Actor.Country, tt.want, m.Actor)
			}
		})
	}
}

// TestResolvePlaceSovereignty checks that a place's location is coded as
// the state that held it on the article's date.
func TestResolvePlaceSovereignty(t *testing.T) {
	p := newPipeline(t)
	tests := []struct {
		name, text, date, span, want string
	}{
		{"before independence", "Fighting broke out in Juba on Sunday.", "2009-01-01", "Juba", "SDN"},
		{"after independence", "Fighting broke out in Juba on Sunday.", "2013-01-01", "Juba", "SSD"},
		{"undated article", "Fighting broke out in Juba on Sunday.", "", "Juba", "SSD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := p.run(t, tt.text, tt.date)
			_, m := mention(t, a, tt.span)
			if m.Place == nil || m.Place.Country != tt.want {
				t.Errorf("Resolve(%q on %s) %q place = %+v, want country %q", tt.text, tt.date, tt.span, m.Place, tt.want)
			}
		})
	}
}
