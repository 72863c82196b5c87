package amazon

import (
	"strings"
	"time"

	// The zone database is embedded so that dates do not depend on the
	// machine the tool runs on.
	_ "time/tzdata"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/msg"
)

// marketplaceZones maps the end of an Amazon site's host name to the time
// zone its customers live in. A site spanning several zones gets the zone
// of its largest one; Amazon.com gets America/Los_Angeles, Amazon's own.
var marketplaceZones = []struct{ site, zone string }{
	{"amazon.co.jp", "Asia/Tokyo"},
	{"amazon.com.au", "Australia/Sydney"},
	{"amazon.com.br", "America/Sao_Paulo"},
	{"amazon.com.mx", "America/Mexico_City"},
	{"amazon.com.be", "Europe/Brussels"},
	{"amazon.com.tr", "Europe/Istanbul"},
	{"amazon.co.uk", "Europe/London"},
	{"amazon.com", "America/Los_Angeles"},
	{"amazon.ca", "America/Toronto"},
	{"amazon.de", "Europe/Berlin"},
	{"amazon.fr", "Europe/Paris"},
	{"amazon.it", "Europe/Rome"},
	{"amazon.es", "Europe/Madrid"},
	{"amazon.nl", "Europe/Amsterdam"},
	{"amazon.se", "Europe/Stockholm"},
	{"amazon.pl", "Europe/Warsaw"},
	{"amazon.in", "Asia/Kolkata"},
	{"amazon.sg", "Asia/Singapore"},
	{"amazon.ae", "Asia/Dubai"},
	{"amazon.sa", "Asia/Riyadh"},
}

// currencyZones is the zone used when a file names no site, only a currency.
var currencyZones = map[string]string{
	"JPY": "Asia/Tokyo", "USD": "America/Los_Angeles", "GBP": "Europe/London", "EUR": "Europe/Berlin",
	"CAD": "America/Toronto", "AUD": "Australia/Sydney", "INR": "Asia/Kolkata", "MXN": "America/Mexico_City",
	"BRL": "America/Sao_Paulo", "SEK": "Europe/Stockholm", "PLN": "Europe/Warsaw", "SGD": "Asia/Singapore",
}

// Zone returns the time zone of the marketplace a site (Amazon.co.jp,
// www.amazon.com, a mail address at amazon.de) or, failing that, a currency
// points to, and false when neither is known.
func Zone(site, currency string) (*time.Location, bool) {
	s := strings.ToLower(strings.TrimSpace(site))
	for _, m := range marketplaceZones {
		if s == m.site || strings.HasSuffix(s, "."+m.site) || strings.HasSuffix(s, "@"+m.site) {
			return mustZone(m.zone), true
		}
	}
	if z, ok := currencyZones[strings.ToUpper(strings.TrimSpace(currency))]; ok {
		return mustZone(z), true
	}
	return nil, false
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // the zone database is embedded: a missing zone is a bug
	}
	return loc
}

// timestampLayouts are the ways Amazon's exports write an instant.
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999 MST",
	"2006-01-02 15:04:05",
	"01/02/2006 15:04:05 MST",
}

// localDate reads an instant as Amazon's exports write it
// (2026-03-02T14:30:00.123Z) and returns its day in loc. A text that holds
// two instants joined by " and " (a ship date of two parcels) gives the first.
// A plain date (2026-03-02, 2026/3/2) is that day, whatever the zone.
func localDate(text string, loc *time.Location) (civil.Date, error) {
	s := strings.TrimSpace(text)
	if first, _, ok := strings.Cut(s, " and "); ok {
		s = strings.TrimSpace(first)
	}
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if d := civil.DateOf(t.In(loc)); d.Valid() {
				return d, nil
			}
			// A year Date cannot hold (1116): as parser.ParseDate says of it.
			return civil.Date{}, msg.Msgf("%q is not a day of the calendar", s)
		}
	}
	if d, err := civil.ParseDate(s); err == nil && !strings.Contains(s, ":") {
		return d, nil
	}
	return civil.Date{}, msg.Msgf("%q is not a date or time like 2026-03-02T14:30:00Z", s)
}
