package amazon

import (
	"bytes"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/jhillyerd/enmime/v2"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
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

// cancelWords are the words that make a mail a cancellation notice.
// "Cancelling" is not one of them: it names noise-cancelling headphones
// more often than a cancellation.
var cancelWords = regexp.MustCompile(`(?i)\bcancel(?:l?ed|lations?)\b|キャンセル|storniert|stornierung|annulé|annulée|annulation|cancelad|annullat|geannuleerd|anulowan|avbeställ`)

// otherSubjects are the subjects of Amazon's mails that name an order but
// are no refund or cancellation notice: order and shipping confirmations,
// delivery notices, sign-in alerts.
var otherSubjects = regexp.MustCompile(`(?i)your amazon[a-z.]* order|order confirmation|ordered:|shipped|dispatched|delivered|out for delivery|arriving|sign-in|sign in|password|注文の確認|ご注文確認|発送|配達|お届け|サインイン|ログイン|bestellbestätigung|versandbestätigung|versandt|zugestellt|confirmation de commande|expédié|livré`)

// returnSubjects are the subjects of Amazon's mails about a return asked
// for or started: they speak of the refund to come, which is not yet made.
var returnSubjects = regexp.MustCompile(`(?i)return request|return started|return (?:authori[sz]ation|label)|返品リクエスト|返品受付|返品の受付|返品を受け付け|返品手続き|rücksendeetikett|rücksendung angemeldet|demande de retour`)

// returnPromises are the words of a mail's body that put a refund after
// the item's return: "we'll issue a refund once we receive your return".
var returnPromises = regexp.MustCompile(`(?i)once we receive|when we receive|after we receive|upon receipt of|once the item is received|返品商品の到着後|返品商品を受領|受領後に返金|到着次第|受け取り次第|sobald wir .{0,40}erhalten|dès réception`)

// Mail limits: a mail is read whole, its structure walked part by part.
const (
	// MailMaxBytes is the most a mail may hold, alone or in an mbox.
	MailMaxBytes = 64 << 20
	// MailMaxDepth is how deeply multipart parts may nest.
	MailMaxDepth = 100
	// MailMaxParts is how many parts a mail may have.
	MailMaxParts = 10000
)

// Reasons a mail is left out rather than read as a confirmation.
const (
	leftOutNotNotice = "not a refund or cancellation notice"
	leftOutNoOrder   = "names no Amazon order"
	leftOutBadDate   = "no date that can be read"
	leftOutNotAmazon = "not sent by Amazon"
	leftOutReturn    = "a return request, not a refund"
)

// fromAmazon tells whether a mail's sender address is at one of Amazon's
// marketplace domains or a subdomain of one (marketplace.amazon.de,
// payments.amazon.co.jp). The person's own mail, sent or forwarded, names
// orders and asks for refunds, but is no word from Amazon.
func fromAmazon(addr string) bool {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return false
	}
	domain := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(addr[at+1:])), ".")
	for _, m := range marketplaceZones {
		if domain == m.site || strings.HasSuffix(domain, "."+m.site) {
			return true
		}
	}
	return false
}

// mailPlace says where a mail is: a file of its own (line 0), or the mail
// starting at a line of an mbox. In a mailbox (an mbox, a maildir), mails
// that name no order or have no date are left out and counted: a mailbox
// holds all kinds of mail.
type mailPlace struct {
	line    int
	mailbox bool
}

// readMail reads an Amazon mail given as a file of its own: every order id
// it names becomes a confirmation on the day of its Date header.
func readMail(f *File, data []byte) error {
	f.Rows = 1
	return readMessage(f, data, mailPlace{})
}

// ReadMaildirMail reads one mail of a maildir folder (cur/ or new/): as a
// mail file, but one that names no order or has no date is left out and
// counted, not refused.
func ReadMaildirMail(name string, data []byte) (*File, error) {
	f := &File{Name: name, Format: Mail, Rows: 1}
	if !isMail(data) {
		f.leaveOut(leftOutBadDate)
		return f, nil
	}
	return f, readMessage(f, data, mailPlace{mailbox: true})
}

func (f *File) leaveOut(reason string) {
	if f.LeftOut == nil {
		f.LeftOut = map[string]int{}
	}
	f.LeftOut[reason]++
}

// readMessage reads one mail at place: a refund or cancellation notice
// becomes a confirmation per order id it names; other mails are left out
// and counted.
func readMessage(f *File, data []byte, place mailPlace) error {
	env, err := readEnvelope(f.Name, data, place.line)
	if err != nil {
		return err
	}
	from := mailSender(env)
	if !fromAmazon(from) {
		f.leaveOut(leftOutNotAmazon)
		return nil
	}
	h := readMailHead(env, from)
	where := f.Name
	if place.line > 0 {
		where = f.Name + ":" + strconv.Itoa(place.line)
	}
	if ok, err := f.usableMail(h, place, where); !ok {
		return err
	}
	kind, reason := mailKind(h.subject, norm.NFKC.String(env.Text+"\n"+env.HTML))
	if reason != "" {
		f.leaveOut(reason)
		return nil
	}
	f.confirmMail(env, h, kind, where, place.line)
	return nil
}

// readEnvelope parses the mail data, starting at line of the file named
// name (0 for a file of its own), after a byte-order mark; a mail whose
// structure cannot be read is an error at that line, not left out.
func readEnvelope(name string, data []byte, line int) (*enmime.Envelope, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if err := checkMailStructure(data); err != nil {
		return nil, parser.Errorf(name, line, "%v", err)
	}
	env, err := enmime.ReadEnvelope(bytes.NewReader(data))
	if err != nil {
		return nil, parser.Errorf(name, line, "cannot read the mail: %v", err)
	}
	return env, nil
}

// mailSender is the address of the mail's first From, or the From header
// as written when it holds no address that parses.
func mailSender(env *enmime.Envelope) string {
	from := env.GetHeader("From")
	if addrs, err := env.AddressList("From"); err == nil && len(addrs) > 0 {
		from = addrs[0].Address
	}
	return from
}

// mailHead is what a mail says of itself before its kind is told: its
// Subject and Date headers, the day and year it was sent, why its date
// did not parse, and the order ids its text names.
type mailHead struct {
	subject, date string
	day           civil.Date
	year          int
	dateErr       error
	ids           []string
}

// readMailHead reads the head of a mail sent by from. The day is taken in
// the time zone of the Amazon store that sent it (Zone), else in the Date
// header's own, so that a refund is dated as the store's own pages date
// it; the order ids are looked for in the subject, the text and the HTML.
func readMailHead(env *enmime.Envelope, from string) mailHead {
	h := mailHead{subject: strings.TrimSpace(env.GetHeader("Subject")), date: env.GetHeader("Date")}
	sent, err := mail.ParseDate(h.date)
	loc, ok := Zone(from, "")
	if !ok {
		loc = sent.Location()
	}
	h.day, h.year, h.dateErr = civil.DateOf(sent.In(loc)), sent.In(loc).Year(), err
	h.ids = orderIDs(norm.NFKC.String(h.subject + "\n" + env.Text + "\n" + env.HTML))
	return h
}

// usableMail tells whether the mail of head h, at where, can confirm
// anything. A mail dated outside the years 1990 to 2100 is left out with
// a note. In a mailbox, a mail with no date or no order id is left out
// and counted (a mailbox holds all kinds of mail); a mail file given on
// its own that lacks either is an error naming both.
func (f *File) usableMail(h mailHead, place mailPlace, where string) (bool, error) {
	if h.dateErr == nil && (h.year < 1990 || h.year > 2100) {
		f.Notes = append(f.Notes, msg.Msgf("%s: the mail %q is dated %s, outside the years 1990 to 2100: left out", where, h.subject, h.date))
		return false, nil
	}
	badDate := h.dateErr != nil || !h.day.Valid()
	switch {
	case place.mailbox && badDate:
		f.leaveOut(leftOutBadDate)
		return false, nil
	case place.mailbox && len(h.ids) == 0:
		f.leaveOut(leftOutNoOrder)
		return false, nil
	}
	p := parser.NewProblems(f.Name)
	if badDate {
		p.Add(place.line, "Date header %q is not a mail date", h.date)
	}
	if len(h.ids) == 0 {
		p.Add(place.line, "the mail %q names no Amazon order id", h.subject)
	}
	if err := p.Err(); err != nil {
		return false, err
	}
	return true, nil
}

// confirmMail adds a confirmation of kind for each order id of the mail,
// on the day it was sent, its source the mail's place and subject. The
// amount the mail states is kept only when it names one order: with
// several, no amount says which order it is for.
func (f *File) confirmMail(env *enmime.Envelope, h mailHead, kind parser.Kind, where string, line int) {
	var stated decimal.Decimal
	if len(h.ids) == 1 {
		stated = statedAmount(norm.NFKC.String(h.subject + "\n" + env.Text))
	}
	source := where
	if h.subject != "" {
		source += " (" + h.subject + ")"
	}
	for _, id := range h.ids {
		f.Confirmations = append(f.Confirmations, parser.Confirmation{
			OrderID: id, ConfirmedOn: h.day, Kind: kind, Amount: stated,
			Note: h.subject, Source: source, File: f.Name, Line: line,
		})
	}
}

// mailKind tells a refund notice from a cancellation notice, by its
// subject first: the body of an order confirmation speaks of cancelling
// too, and that of a return request of the refund to come. For a mail that
// is neither, reason says why it is left out.
func mailKind(subject, body string) (kind parser.Kind, reason string) {
	subject = norm.NFKC.String(subject)
	switch {
	case returnSubjects.MatchString(subject):
		return "", leftOutReturn
	case refundWords.MatchString(subject):
		return parser.KindRefund, ""
	case cancelWords.MatchString(subject):
		return parser.KindCancel, ""
	case otherSubjects.MatchString(subject):
		return "", leftOutNotNotice
	case returnPromises.MatchString(body):
		return "", leftOutReturn
	case refundWords.MatchString(body):
		return parser.KindRefund, ""
	case cancelWords.MatchString(body):
		return parser.KindCancel, ""
	}
	return "", leftOutNotNotice
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
			if d, _, err := money.ParseAmount(m); err == nil {
				return d.Abs()
			}
		}
	}
	var found decimal.Decimal
	for _, m := range mailAmount.FindAllString(text, -1) {
		d, _, err := money.ParseAmount(m)
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
