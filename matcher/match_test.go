package matcher

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/formats"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// story is one small history: statement rows, disputed orders and Amazon's
// confirmations, with the verdicts a careful person would reach.
type story struct {
	name string
	// rows are statement lines "date,description,amount" (or with a card
	// column first when cards is set).
	rows     []string
	cards    bool
	head     string   // statement header when not the default
	disputes []string // "order_id,order_date,amount[,currency[,card]]"
	confs    []string // "order_id,confirmed_on,kind"
	asOf     string   // default 2026-12-31
	grace    int      // default 30
	watch    int      // default 60
	want     map[string]Verdict
	closed   []string          // orders that must be closed; all others must not be
	reasons  map[string]string // a phrase each order's reason must contain
	unknown  []string          // dates of the expected unknown charges
	// shipments, from Amazon's order exports, of the first and second disputed orders
	shipments, shipments2 []parser.Shipment
	// shipmentsOf are the shipments of each disputed order, in order, where set
	shipmentsOf [][]parser.Shipment
}

// Order A is the gift card of most stories: ordered 2026-03-02 for 12,800 yen,
// confirmed 2026-03-10, so credit due 2026-04-09 and watched to 2026-05-09.
const (
	orderA = "250-1234567-1234567"
	orderB = "250-7654321-7654321"
)

func (s story) run(t *testing.T) *Report {
	t.Helper()
	return s.runWith(t, func(*Options) {})
}

// runWith runs the story with options changed by set.
func (s story) runWith(t *testing.T, set func(*Options)) *Report {
	t.Helper()
	head := "Date,Description,Amount\n"
	if s.cards {
		head = "Card No.,Date,Description,Amount\n"
	}
	if s.head != "" {
		head = s.head + "\n"
		for i, r := range s.rows {
			if n := strings.Count(s.head, ",") - strings.Count(r, ","); n > 0 {
				s.rows[i] += strings.Repeat(",", n)
			}
		}
	}
	head, rows := debitAndCredit(head, s.rows)
	st, err := formats.ReadStatement("st.csv", strings.NewReader(head+strings.Join(rows, "\n")+"\n"), parser.ReadOptions{})
	if err != nil {
		t.Fatalf("statement: %v", err)
	}
	dhead := "order_id,order_date,amount,currency,card\n"
	var drows []string
	for _, d := range s.disputes {
		drows = append(drows, d+strings.Repeat(",", 4-strings.Count(d, ",")))
	}
	ds, err := parser.ReadDisputes("d.csv", strings.NewReader(dhead+strings.Join(drows, "\n")+"\n"))
	if err != nil {
		t.Fatalf("disputes: %v", err)
	}
	if len(s.shipments) > 0 {
		ds[0].Shipments = s.shipments
	}
	if len(s.shipments2) > 0 {
		ds[1].Shipments = s.shipments2
	}
	for i, sh := range s.shipmentsOf {
		ds[i].Shipments = sh
	}
	var cs []parser.Confirmation
	if len(s.confs) > 0 {
		cs, err = parser.ReadConfirmations("c.csv", strings.NewReader("order_id,confirmed_on,kind\n"+strings.Join(s.confs, "\n")+"\n"))
		if err != nil {
			t.Fatalf("confirmations: %v", err)
		}
	}
	opts := Options{AsOf: civil.MustDate("2026-12-31"), Grace: 30, Watch: 60}
	if s.asOf != "" {
		opts.AsOf = civil.MustDate(s.asOf)
	}
	if s.grace != 0 {
		opts.Grace = s.grace
	}
	if s.watch != 0 {
		opts.Watch = s.watch
	}
	set(&opts)
	stmts := []*parser.Statement{st}
	parser.FoldOverlaps(stmts)
	return Match(stmts, ds, cs, opts)
}

func TestVerdicts(t *testing.T) {
	A := orderA + ",2026-03-02,12800,JPY"
	confA := orderA + ",2026-03-10,refund"
	stories := []story{
		{
			name:     "billed after Amazon confirmed: alert at once",
			rows:     []string{"2026-02-25,LAWSON,300", "2026-03-18,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,12800"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: StillCharged},
			reasons: map[string]string{orderA: "charged 12,800 JPY on 2026-03-18, after Amazon confirmed the refund on 2026-03-10; no credit since"},
		},
		{
			name:     "charged before confirmation, statements reach the end of grace exactly",
			rows:     []string{"2026-02-25,LAWSON,300", "2026-03-04,AMAZON.CO.JP,12800", "2026-04-09,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: StillCharged},
			reasons: map[string]string{orderA: "Amazon confirmed the refund on 2026-03-10; no credit came by 2026-04-09 (30 days later), and the statements reach 2026-04-09; call Amazon"},
		},
		{
			name:     "charged before confirmation, statements one day short of the end of grace",
			rows:     []string{"2026-02-25,LAWSON,300", "2026-03-04,AMAZON.CO.JP,12800", "2026-04-08,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: AwaitingRefund},
			reasons: map[string]string{orderA: "expect a credit by 2026-04-09; keep checking until 2026-05-09; the statements reach only 2026-04-08: add the newer ones"},
		},
		{
			name:     "a longer grace holds the alert back",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-04-09,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA}, grace: 31,
			want: map[string]Verdict{orderA: AwaitingRefund},
		},
		{
			name:     "charged and Amazon has not confirmed yet, statements short of D + grace",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-31,LAWSON,300"},
			disputes: []string{A},
			want:     map[string]Verdict{orderA: AwaitingRefund},
			reasons:  map[string]string{orderA: "Amazon has not confirmed a refund or cancellation yet"},
		},
		{
			name:     "charged, no word from Amazon, statements reach D + grace: unanswered",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-04-01,LAWSON,300"},
			disputes: []string{A},
			want:     map[string]Verdict{orderA: Unanswered},
			reasons:  map[string]string{orderA: "charged 12,800 JPY on 2026-03-04; no word from Amazon of a refund or cancellation by 2026-04-01 (30 days after 2026-03-02), and the statements reach 2026-04-01; ask Amazon again, or dispute the charge with the card issuer"},
		},
		{
			name:     "part of the money came back, grace over",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-20,AMAZON.CO.JP,-5000", "2026-04-09,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: PartiallyRefunded},
			reasons: map[string]string{orderA: "credited 5,000 JPY on 2026-03-20; 7,800 JPY still missing on 2026-04-09 (30 days later)"},
		},
		{
			name:     "part of the money came back, grace not over",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-20,AMAZON.CO.JP,-5000", "2026-04-01,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want: map[string]Verdict{orderA: AwaitingRefund},
		},
		{
			name:     "refunded, still watched",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-05-08,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: Refunded},
			reasons: map[string]string{orderA: "charged 12,800 JPY on 2026-03-04, credited 12,800 JPY on 2026-03-12; nothing is missing now; keep checking until 2026-05-09"},
		},
		{
			name:     "refunded and closed on the last day of the watch",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-05-09,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:   map[string]Verdict{orderA: Refunded},
			closed: []string{orderA},
		},
		{
			name:     "a credit before the charge is not its refund",
			rows:     []string{"2026-03-01,AMAZON.CO.JP,-12800", "2026-03-04,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want: map[string]Verdict{orderA: StillCharged},
		},
		{
			name:     "over-credit is said",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,8000", "2026-03-06,AMAZON.CO.JP,4800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-03-13,AMAZON.CO.JP,-4800", "2026-04-20,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: Refunded},
			reasons: map[string]string{orderA: "4,800 JPY more was credited than charged"},
		},
		{
			name:     "charged after a cancel confirmation",
			rows:     []string{"2026-03-07,AMAZON.CO.JP,12800", "2026-03-10,LAWSON,300"},
			disputes: []string{A}, confs: []string{orderA + ",2026-03-05,cancel"},
			want:    map[string]Verdict{orderA: StillCharged},
			reasons: map[string]string{orderA: "after Amazon confirmed the cancel on 2026-03-05"},
		},
		{
			name:     "re-billed after the credit",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-04-15,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: StillCharged},
			reasons: map[string]string{orderA: "charged 12,800 JPY on 2026-03-04 before Amazon confirmed the refund on 2026-03-10, and 12,800 JPY on 2026-04-15 after it"},
		},
		{
			name:     "cancelled and never charged, statements cover D-3 to D+30 exactly",
			rows:     []string{"2026-02-27,LAWSON,300", "2026-04-01,LAWSON,300"},
			disputes: []string{A}, confs: []string{orderA + ",2026-03-05,cancel"},
			want:    map[string]Verdict{orderA: NotCharged},
			reasons: map[string]string{orderA: "no charge of 12,800 JPY between 2026-02-27 and 2026-04-01; keep checking until 2026-05-04"},
		},
		{
			name:     "not charged, statements end a day too early",
			rows:     []string{"2026-02-27,LAWSON,300", "2026-03-31,LAWSON,300"},
			disputes: []string{A},
			want:     map[string]Verdict{orderA: NotCovered},
			reasons:  map[string]string{orderA: "the statements cover only 2026-02-27 to 2026-03-31; add the statements of 2026-04-01"},
		},
		{
			name:     "not charged, statements start on the order date",
			rows:     []string{"2026-03-02,LAWSON,300", "2026-04-01,LAWSON,300"},
			disputes: []string{A},
			want:     map[string]Verdict{orderA: NotCharged},
			reasons:  map[string]string{orderA: "no charge of 12,800 JPY between 2026-03-02 and 2026-04-01"},
		},
		{
			name:     "not charged, statements start a day after the order date",
			rows:     []string{"2026-03-03,LAWSON,300", "2026-04-01,LAWSON,300"},
			disputes: []string{A},
			want:     map[string]Verdict{orderA: NotCovered},
		},
		{
			name:     "not charged and closed when the statements reach the end of the watch",
			rows:     []string{"2026-02-27,LAWSON,300", "2026-05-04,LAWSON,300"},
			disputes: []string{A}, confs: []string{orderA + ",2026-03-05,cancel"},
			want:   map[string]Verdict{orderA: NotCharged},
			closed: []string{orderA},
		},
		{
			name:     "a charge three days before the order date is the order's",
			rows:     []string{"2026-02-27,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want: map[string]Verdict{orderA: StillCharged},
		},
		{
			name:     "a charge four days before the order date is not",
			rows:     []string{"2026-02-26,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: NotCharged},
			unknown: []string{"2026-02-26"},
		},
		{
			name:     "re-billing on the last day of the watch is caught",
			rows:     []string{"2026-02-27,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-05-09,AMAZON.CO.JP,12800"},
			disputes: []string{A}, confs: []string{confA},
			want: map[string]Verdict{orderA: StillCharged},
		},
		{
			name:     "a charge after the watch is no longer the order's, but unknown",
			rows:     []string{"2026-02-27,LAWSON,1", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-05-10,AMAZON.CO.JP,12800"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: Refunded},
			closed:  []string{orderA},
			unknown: []string{"2026-05-10"},
		},
		{
			name:     "two identical orders of one day and one charge: interchangeable, the first by order id takes it",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,300"},
			disputes: []string{A, orderB + ",2026-03-02,12800,JPY"},
			want:     map[string]Verdict{orderA: Unanswered, orderB: NotCovered},
			reasons:  map[string]string{orderA: "interchangeable with " + orderB, orderB: "interchangeable with " + orderA},
		},
		{
			name:     "two orders of one amount on one day and one charge, the choice changing verdicts: ambiguous",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,300"},
			disputes: []string{A, orderB + ",2026-03-02,12800,JPY"},
			confs:    []string{confA},
			want:     map[string]Verdict{orderA: Ambiguous, orderB: Ambiguous},
			reasons:  map[string]string{orderA: "could belong to this order or to " + orderB},
		},
		{
			name:     "two orders of one amount: each takes the charge nearest its date",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,12800", "2026-03-21,AMAZON.CO.JP,12800", "2026-04-20,LAWSON,300"},
			disputes: []string{A, orderB + ",2026-03-20,12800,JPY"},
			confs:    []string{confA, orderB + ",2026-03-25,refund"},
			want:     map[string]Verdict{orderA: StillCharged, orderB: AwaitingRefund},
		},
		{
			name:     "split shipments add up to the order",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,8000", "2026-03-06,AMAZON.CO.JP,4800", "2026-03-07,AMAZON.CO.JP,999", "2026-04-09,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: StillCharged},
			reasons: map[string]string{orderA: "8,000 JPY on 2026-03-04 and 4,800 JPY on 2026-03-06"},
			unknown: []string{"2026-03-07"},
		},
		{
			name:     "two different sets add up to the order: ambiguous",
			rows:     []string{"2026-03-04,AMAZON.CO.JP,8000", "2026-03-06,AMAZON.CO.JP,4800", "2026-03-07,AMAZON.CO.JP,6400", "2026-03-08,AMAZON.CO.JP,6400", "2026-04-09,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: Ambiguous},
			reasons: map[string]string{orderA: "more than one set of Amazon charges adds up to 12,800 JPY"},
		},
		{
			name:     "split charges later than two weeks are not matched",
			rows:     []string{"2026-02-20,LAWSON,300", "2026-03-04,AMAZON.CO.JP,8000", "2026-03-17,AMAZON.CO.JP,4800", "2026-04-09,LAWSON,300"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: NotCharged},
			unknown: []string{"2026-03-04", "2026-03-17"},
		},
		{
			name:     "one split pair and two orders of its amount on one day: both ambiguous",
			rows:     []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.CO.JP,8000", "2026-03-05,AMAZON.CO.JP,4800", "2026-04-20,LAWSON,1"},
			disputes: []string{A, orderB + ",2026-03-02,12800,JPY"},
			want:     map[string]Verdict{orderA: Ambiguous, orderB: Ambiguous},
			reasons:  map[string]string{orderB: "could belong to this order or to " + orderA},
		},
		{
			name:     "one split pair: the order nearer in date takes it",
			rows:     []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.CO.JP,8000", "2026-03-05,AMAZON.CO.JP,4800", "2026-04-20,LAWSON,1"},
			disputes: []string{A, orderB + ",2026-02-28,12800,JPY"},
			confs:    []string{confA, orderB + ",2026-03-10,refund"},
			want:     map[string]Verdict{orderA: StillCharged, orderB: NotCharged},
		},
		{
			name:     "a foreign purchase matches on its original amount",
			rows:     []string{"2026-02-20,LAWSON,1", "2026-03-04,AMAZON.COM,2000,12.34,USD", "2026-04-20,LAWSON,1,,"},
			head:     "Date,Description,Amount,Original amount,Original currency",
			disputes: []string{orderA + ",2026-03-02,12.34,USD"}, confs: []string{confA},
			want: map[string]Verdict{orderA: StillCharged},
		},
		{
			name:  "the card in disputes limits matching to that card",
			cards: true,
			rows: []string{"2222,2026-03-04,AMAZON.CO.JP,12800", "1111,2026-02-20,LAWSON,300",
				"1111,2026-04-30,LAWSON,300", "2222,2026-04-30,LAWSON,300"},
			disputes: []string{A + ",1111"}, confs: []string{confA},
			want:    map[string]Verdict{orderA: NotCharged},
			unknown: []string{"2026-03-04"},
		},
		{
			name:     "as of a day, later rows are out of sight",
			rows:     []string{"2026-02-20,LAWSON,300", "2026-03-14,LAWSON,300", "2026-03-18,AMAZON.CO.JP,12800"},
			disputes: []string{A}, confs: []string{confA}, asOf: "2026-03-15",
			want: map[string]Verdict{orderA: NotCovered},
		},
		{
			name:     "a non-Amazon charge of the same amount is not the order",
			rows:     []string{"2026-02-20,LAWSON,300", "2026-03-04,YODOBASHI CAMERA,12800", "2026-04-30,LAWSON,300"},
			disputes: []string{A},
			want:     map[string]Verdict{orderA: NotCharged},
		},
		{
			name:     "a charge in another currency is not the order, which cannot be matched without card_amount",
			rows:     []string{"2026-02-20,LAWSON,300", "2026-03-04,AMAZON.CO.UK,£12.99", "2026-04-30,LAWSON,300"},
			disputes: []string{orderA + ",2026-03-02,12.99,USD"},
			want:     map[string]Verdict{orderA: NotCovered},
			reasons:  map[string]string{orderA: "no charge of 12.99 USD found, but the statements of this card are in GBP: an order in another currency is billed in the card's; add card_amount to the order's row of disputes.csv"},
			unknown:  []string{"2026-03-04"},
		},
		{
			name:     "unknown charges start seven days before the first order",
			rows:     []string{"2026-02-22,AMAZON.CO.JP,100", "2026-02-23,AMAZON.CO.JP,200", "2026-03-04,AMAZON.CO.JP,12800", "2026-03-12,AMAZON.CO.JP,-12800", "2026-03-20,AMAZON DOWNLOADS,300", "2026-04-30,LAWSON,1"},
			disputes: []string{A}, confs: []string{confA},
			want:    map[string]Verdict{orderA: Refunded},
			unknown: []string{"2026-02-23", "2026-03-20"},
		},
	}
	for _, s := range stories {
		t.Run(s.name, func(t *testing.T) {
			rep := s.run(t)
			for _, o := range rep.Orders {
				id := o.Dispute.OrderID
				if want, ok := s.want[id]; !ok || o.Verdict != want {
					t.Errorf("%s: verdict %s, want %s (%s)", id, o.Verdict, want, o.ReasonText())
				}
				if want := contains(s.closed, id); o.Closed != want {
					t.Errorf("%s: closed %v, want %v (%s)", id, o.Closed, want, o.ReasonText())
				}
				if phrase := s.reasons[id]; !strings.Contains(o.ReasonText(), phrase) {
					t.Errorf("%s: reason %q does not say %q", id, o.ReasonText(), phrase)
				}
				if !o.Outstanding.Equal(o.Charged.Sub(o.Credited)) {
					t.Errorf("%s: outstanding %s != charged %s - credited %s", id, o.Outstanding, o.Charged, o.Credited)
				}
			}
			if len(rep.Orders) != len(s.want) {
				t.Errorf("%d orders in the report, want %d", len(rep.Orders), len(s.want))
			}
			var unknown []string
			for u := range rep.Unknown.All() {
				unknown = append(unknown, u.Date.String())
			}
			if strings.Join(unknown, " ") != strings.Join(s.unknown, " ") {
				t.Errorf("unknown charges on %v, want %v", unknown, s.unknown)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestSeverityAndSummary(t *testing.T) {
	for v, want := range map[Verdict]Severity{
		StillCharged: Alert, PartiallyRefunded: Alert, AwaitingRefund: Watch, Ambiguous: Review,
		NotCovered: Review, NotCharged: OK, Refunded: OK, UnknownCharge: Review,
	} {
		if got := SeverityOf(v); got != want {
			t.Errorf("SeverityOf(%s) = %s, want %s", v, got, want)
		}
	}
	rep := story{
		rows:     []string{"2026-02-25,AMAZON.CO.JP,5000", "2026-03-18,AMAZON.CO.JP,12800", "2026-04-30,LAWSON,1"},
		disputes: []string{orderA + ",2026-03-02,12800,JPY", orderB + ",2026-03-03,999,JPY"},
		confs:    []string{orderA + ",2026-03-10,refund"},
	}.run(t)
	sum := rep.Summary()
	if sum[Alert] != 1 || sum[Review] != 1 || sum[Watch] != 0 || sum[OK] != 1 {
		t.Errorf("summary %v, want 1 alert (still charged), 1 review (unknown), 1 ok (not charged)", sum)
	}
	if rep.Orders[0].Verdict != StillCharged {
		t.Errorf("alerts must come first, got %s", rep.Orders[0].Verdict)
	}
}

func TestRecognizer(t *testing.T) {
	r, err := NewRecognizer(`RAKUTEN BOOKS`)
	if err != nil {
		t.Fatal(err)
	}
	for desc, want := range map[string]bool{
		"ＡＭＡＺＯＮ．ＣＯ．ＪＰ":                        true,
		"AMZN Mktp US*1FASU238B":              true,
		"Amazon.de/AMAZON.DE//LU":             true,
		"AUDIBLE*AB12C":                       true,
		"Kindle Svcs*3X4Y":                    true,
		"Prime Video*2K8":                     true,
		"Ａｍａｚｏｎ　Ｄｏｗｎｌｏａｄｓ":                    true,
		"rakuten books":                       true,
		"STARBUCKS #1234":                     false,
		"ＹＯＤＯＢＡＳＨＩ．ＣＯＭ":                       false,
		"PAYPAL *EBAY":                        false,
		"AMAZON WEB SERVICES (AWS.AMAZON.CO)": true,
	} {
		if got := r.IsAmazon(textenc.Normalize(desc)); got != want {
			t.Errorf("IsAmazon(%q) = %v, want %v", desc, got, want)
		}
	}
	if _, err := NewRecognizer(`(`); err == nil {
		t.Error("a bad pattern must be an error")
	}
}

// debitAndCredit writes a story's Amount column (charges positive) as
// Debit and Credit columns, which say each row's direction: a statement of
// a few rows with one amount column does not (parser refuses to guess).
func debitAndCredit(head string, rows []string) (string, []string) {
	cells := strings.Split(strings.TrimSuffix(head, "\n"), ",")
	at := slices.Index(cells, "Amount")
	if at < 0 {
		return head, rows
	}
	cells[at] = "Debit,Credit"
	out := make([]string, len(rows))
	for i, r := range rows {
		f := strings.Split(r, ",")
		if at < len(f) {
			if v, credit := strings.CutPrefix(f[at], "-"); credit {
				f[at] = "," + v
			} else {
				f[at] += ","
			}
		}
		out[i] = strings.Join(f, ",")
	}
	return strings.Join(cells, ",") + "\n", out
}

// TestBeforeJudging checks that Options.BeforeJudging is called once, with
// every order given its charges and credits, ties settled among them, and
// none of them judged yet (the hook waits a little, so that judging begun
// on another goroutine would show).
func TestBeforeJudging(t *testing.T) {
	const orderC = "250-1111111-2222222"
	head, rows := debitAndCredit("Date,Description,Amount\n", []string{"2026-02-25,LAWSON,300",
		"2026-03-03,AMAZON.CO.JP,3000", "2026-03-04,AMAZON.CO.JP,3000", // A and B, tied: interchangeable
		"2026-03-04,AMAZON.CO.JP,12800", "2026-03-20,AMAZON.CO.JP,-12800", // C, charged and credited
		"2026-04-20,LAWSON,300"})
	st, err := formats.ReadStatement("st.csv", strings.NewReader(head+strings.Join(rows, "\n")+"\n"), parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := parser.ReadDisputes("d.csv", strings.NewReader("order_id,order_date,amount,currency\n"+
		orderA+",2026-03-02,3000,JPY\n"+orderB+",2026-03-02,3000,JPY\n"+orderC+",2026-03-02,12800,JPY\n"))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := parser.ReadConfirmations("c.csv", strings.NewReader("order_id,confirmed_on,kind\n"+
		orderA+",2026-03-05,refund\n"+orderB+",2026-03-05,refund\n"+orderC+",2026-03-10,refund\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{orderA: {1, 0}, orderB: {1, 0}, orderC: {1, 1}} // charges, credits
	calls := 0
	var orders []*order
	opts := Options{AsOf: civil.MustDate("2026-12-31"), Grace: 30, Watch: 60, BeforeJudging: func() {
		calls++
		time.Sleep(20 * time.Millisecond)
		for _, o := range orders {
			id := o.res.Dispute.OrderID
			if o.res.Verdict != "" || len(o.res.Reason) > 0 {
				t.Errorf("%s judged before BeforeJudging: %s %v", id, o.res.Verdict, o.res.Reason)
			}
			if got := [2]int{len(o.res.Charges), len(o.res.Credits)}; got != want[id] {
				t.Errorf("%s has %d charges and %d credits when BeforeJudging is called, want %d and %d", id, got[0], got[1], want[id][0], want[id][1])
			}
		}
	}}
	m := Prepare(ds, cs, opts)
	orders = m.orders
	stmts := []*parser.Statement{st}
	parser.FoldOverlaps(stmts)
	rep := m.Match(stmts)
	if calls != 1 {
		t.Fatalf("BeforeJudging called %d times, want once", calls)
	}
	got := map[string]Verdict{}
	for _, o := range rep.Orders {
		got[o.Dispute.OrderID] = o.Verdict
	}
	if got[orderA] != StillCharged || got[orderB] != StillCharged || got[orderC] != Refunded {
		t.Errorf("verdicts %v, want A and B still charged, C refunded", got)
	}
}
