package amazon

import (
	"bytes"
	"net/mail"
	"regexp"
	"slices"
	"strings"

	"github.com/jhillyerd/enmime/v2"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

// mailOrderID finds Amazon order ids anywhere in a mail's text, links
// included (orderId=114-1176474-8869065, #249-2311057-4823860).
var mailOrderID = regexp.MustCompile(`(?:^|[^0-9A-Za-z])((?:[0-9]{3}|D01)-[0-9]{7}-[0-9]{7})(?:$|[^0-9])`)

// refundWords are the words that make a mail a refund rather than a
// cancellation, in the languages of Amazon's marketplaces.
var refundWords = regexp.MustCompile(`(?i)refund|返金|返品・返金|erstattung|erstattet|rückerstattung|rembours|rimbors|reembols|terugbetal|återbetal|zwrot`)

// mailAmount finds an amount with its currency: $16.99, ￥1,280 (after
// NFKC, ¥1,280), 1,280円, EUR 12,34, 12,34 €.
var mailAmount = regexp.MustCompile(`(?:[$€£¥]|(?:USD|EUR|GBP|JPY)\s?)\s?[0-9][0-9.,]*[0-9]|[0-9][0-9.,]*[0-9]?\s?(?:円|€|EUR|JPY)`)

// refundLabels introduce the refunded amount in Amazon's mails.
var refundLabels = regexp.MustCompile(`(?i)(?:total refund|refund total|refund amount|amount refunded|erstattungsbetrag|gesamterstattung|montant du remboursement|返金額|返金金額|返金合計|ご返金額)[^0-9$€£¥]{0,20}`)

// readMail reads an Amazon mail: every order id it names becomes a
// confirmation on the day of its Date header.
func readMail(f *File, data []byte) error {
	env, err := enmime.ReadEnvelope(bytes.NewReader(data))
	if err != nil {
		return parser.Errorf(f.Name, 0, "cannot read the mail: %v", err)
	}
	f.Rows = 1
	p := &problems{file: f.Name}
	subject := strings.TrimSpace(env.GetHeader("Subject"))
	from := env.GetHeader("From")
	if addrs, err := env.AddressList("From"); err == nil && len(addrs) > 0 {
		from = addrs[0].Address
	}
	sent, err := mail.ParseDate(env.GetHeader("Date"))
	loc, ok := Zone(from, "")
	if !ok {
		loc = sent.Location()
	}
	day := parser.DateOf(sent.In(loc))
	if err != nil || !day.Valid() {
		p.add(0, "Date header %q is not a mail date", env.GetHeader("Date"))
	}
	text := norm.NFKC.String(subject + "\n" + env.Text + "\n" + env.HTML)
	ids := orderIDs(text)
	if len(ids) == 0 {
		p.add(0, "the mail %q names no Amazon order id", subject)
	}
	if err := p.err(); err != nil {
		return err
	}
	kind := parser.KindCancel
	if refundWords.MatchString(text) {
		kind = parser.KindRefund
	}
	var stated decimal.Decimal
	if len(ids) == 1 {
		stated = statedAmount(norm.NFKC.String(subject + "\n" + env.Text))
	}
	source := f.Name
	if subject != "" {
		source += " (" + subject + ")"
	}
	for _, id := range ids {
		f.Confirmations = append(f.Confirmations, parser.Confirmation{
			OrderID: id, ConfirmedOn: day, Kind: kind, Amount: stated,
			Note: subject, Source: source, File: f.Name,
		})
	}
	return nil
}

// orderIDs returns the distinct order ids in text, in the order they appear.
func orderIDs(text string) []string {
	var ids []string
	for _, m := range mailOrderID.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(ids, m[1]) {
			ids = append(ids, m[1])
		}
	}
	return ids
}

// statedAmount returns the refunded amount a mail's text states: the one
// after a refund label, else the one amount the mail names (however often),
// else zero (not said).
func statedAmount(text string) decimal.Decimal {
	if loc := refundLabels.FindStringIndex(text); loc != nil {
		if m := mailAmount.FindString(text[loc[1]:]); m != "" && strings.Index(text[loc[1]:], m) < 20 {
			if d, _, err := parser.ParseAmount(m); err == nil {
				return d.Abs()
			}
		}
	}
	var found decimal.Decimal
	for _, m := range mailAmount.FindAllString(text, -1) {
		d, _, err := parser.ParseAmount(m)
		if err != nil {
			continue
		}
		d = d.Abs()
		if !found.IsZero() && !found.Equal(d) {
			return decimal.Decimal{}
		}
		found = d
	}
	return found
}
