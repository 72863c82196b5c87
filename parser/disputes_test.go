package parser

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/japanese"
)

func TestReadDisputes(t *testing.T) {
	in := "\ufefforder_id,order_date,amount,currency,card,reported_on,note\n" +
		"250-1234567-1234567,2026-03-02,12800,JPY,,2026-03-03,gift card the intruder bought\n" +
		"＃２４９－２３１１０５７－４８２３８６０,2026/3/5,\"￥1,584\",,1234,,\n" +
		"D01-8365087-0917459,2026-03-06,\"1.299,00\",EUR,Visa,,\"note, with comma\"\n"
	ds, err := ReadDisputes("disputes.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"250-1234567-1234567 2026-03-02 12800 JPY card: reported:2026-03-03 line:2 gift card the intruder bought",
		"249-2311057-4823860 2026-03-05 1584 JPY card:1234 reported: line:3 ",
		"D01-8365087-0917459 2026-03-06 1299 EUR card:Visa reported: line:4 note, with comma",
	}
	for i, d := range ds {
		got := d.OrderID + " " + d.OrderDate.String() + " " + d.Amount.String() + " " + d.Currency + " card:" + d.Card +
			" reported:" + d.ReportedOn.String() + " line:" + itoa(d.Line) + " " + d.Note
		if i >= len(want) || got != want[i] {
			t.Errorf("dispute %d = %q", i, got)
		}
	}
	if len(ds) != len(want) {
		t.Errorf("got %d disputes, want %d", len(ds), len(want))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestReadDisputesCardAmount(t *testing.T) {
	in := "order_id,order_date,amount,currency,card_amount\n" +
		"250-1234567-1234567,2026-03-02,5000,JPY,3000\n" +
		"113-1234567-1234567,2026-03-02,12.99,USD,\"¥2,000\"\n" +
		"250-7654321-7654321,2026-03-02,800,JPY,\n"
	ds, err := ReadDisputes("d.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.CardAmount.String()+" "+d.CardCurrency)
	}
	if want := "3000 |2000 JPY|0 "; strings.Join(got, "|") != want {
		t.Errorf("card amounts %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestReadDisputesCP932(t *testing.T) {
	in, _ := japanese.ShiftJIS.NewEncoder().String("order_id,order_date,amount,note\n250-1234567-1234567,2026-03-02,12800,不正注文（ギフト券）\n")
	ds, err := ReadDisputes("d.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if ds[0].Note != "不正注文（ギフト券）" {
		t.Errorf("note = %q", ds[0].Note)
	}
}

// disputeErrorCases are disputes files refused, with the exact error; the
// fuzz targets start from them too.
var disputeErrorCases = []struct{ name, in, want string }{
	{"empty", "", "d.csv: file is empty; it needs a header line: order_id,order_date,amount"},
	{"missing columns", "order_id,amount\n250-1234567-1234567,5\n", "d.csv:1: missing column order_date; the header needs order_id,order_date,amount"},
	{"bad id", "order_id,order_date,amount\n250-12345-1,2026-03-02,5\n", `d.csv:2: "250-12345-1" is not an Amazon order id like 250-1234567-1234567 or D01-1234567-1234567`},
	{"empty id", "order_id,order_date,amount\n,2026-03-02,5\n", `d.csv:2: order_id is empty`},
	{"duplicate", "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,5\n250-1234567-1234567,2026-03-03,6\n", "d.csv:3: order 250-1234567-1234567 is listed twice (first on line 2)"},
	{"bad date", "order_id,order_date,amount\n250-1234567-1234567,03/02/2026,5\n", `d.csv:2: order_date: "03/02/2026" could be day/month/year or month/day/year: write the year first, as 2026-02-03 or 2026-03-02 (--date-order is for statements only)`},
	{"far order date", "order_id,order_date,amount\n250-1234567-1234567,2200-11-01,5\n", `d.csv:2: order_date: "2200-11-01" is outside the years 1990 to 2100`},
	{"early reported_on", "order_id,order_date,amount,reported_on\n250-1234567-1234567,2026-03-02,5,1989-12-31\n", `d.csv:2: reported_on: "1989-12-31" is outside the years 1990 to 2100`},
	{"card_amount not an amount", "order_id,order_date,amount,card_amount\n250-1234567-1234567,2026-03-02,5,abc\n", `d.csv:2: card_amount: "abc" is not an amount`},
	{"card_amount zero", "order_id,order_date,amount,card_amount\n250-1234567-1234567,2026-03-02,5,0\n", "d.csv:2: card_amount 0 is not above zero; give what the card was billed"},
	{"impossible date", "order_id,order_date,amount\n250-1234567-1234567,2026-02-30,5\n", `d.csv:2: order_date: "2026-02-30" is not a day of the calendar`},
	{"empty date", "order_id,order_date,amount\n250-1234567-1234567,,5\n", `d.csv:2: order_date is empty`},
	{"bad amount", "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,twelve\n", `d.csv:2: amount: "twelve" is not an amount`},
	{"zero amount", "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,0\n", `d.csv:2: amount 0 is not above zero; give the order total as on Amazon`},
	{"empty amount", "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,\n", `d.csv:2: amount is empty; give the order total as on Amazon`},
	{"currency clash", "order_id,order_date,amount,currency\n250-1234567-1234567,2026-03-02,$5,JPY\n", `d.csv:2: currency JPY does not agree with the amount "$5"`},
	{"a formula for a currency", "order_id,order_date,amount,currency\n250-1234567-1234567,2026-03-02,5,=1+1\n", `d.csv:2: currency "=1+1": expected a 3-letter code such as JPY, USD or EUR`},
	{"a currency of four letters", "order_id,order_date,amount,currency\n250-1234567-1234567,2026-03-02,5,YENS\n", `d.csv:2: currency "YENS": expected a 3-letter code such as JPY, USD or EUR`},
	{"a control character in the currency", "order_id,order_date,amount,currency\n250-1234567-1234567,2026-03-02,5,\"JP\x1bY\"\n", `d.csv:2: currency "JP\x1bY": expected a 3-letter code such as JPY, USD or EUR`},
	{"bad quoting", "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,\"5\n", `d.csv:2:35: a quoted field is not closed as expected; expected a closing " followed by the delimiter or the end of the line, and "" for a quote inside the field`},
	{"all problems at once", "order_id,order_date,amount\nx,2026-03-02,5\n250-1234567-1234567,bad,5\n",
		"d.csv:2: \"x\" is not an Amazon order id like 250-1234567-1234567 or D01-1234567-1234567\nd.csv:3: order_date: \"bad\" is not a date like 2026-03-02, 2026/03/02, 2026年3月2日 or March 2, 2026"},
	{"unquoted thousands separator", "order_id,order_date,amount,currency\n250-1234567-1234567,2026-03-02,12,800,JPY\n250-7654321-7654321,2026-03-03,500,JPY\n",
		"d.csv:2: row has 5 fields, but the header on line 1 has 4 (an unquoted comma in a field?)"},
	{"trailing empty cells are fine, other rows still read", "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,5,,\n250-1234567-1234567,2026-03-02,5\n",
		"d.csv:3: order 250-1234567-1234567 is listed twice (first on line 2)"},
	{"missing column under comments", "# disputed orders\n# one a line\norder_id,amount\n250-1234567-1234567,5\n",
		"d.csv:3: missing column order_date; the header needs order_id,order_date,amount"},
	{"a column twice", "order_id,order_date,amount,Order_ID\n250-1234567-1234567,2026-03-02,5,250-7654321-7654321\n",
		"d.csv:1: column order_id is in the header twice (cells 1 and 4); keep one"},
	{"rows after bad quoting are read", "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,5\"0\n250-7654321-7654321,2026-03-02,x\n",
		"d.csv:2:33: a \" stands inside a field that does not start with one; expected the whole field in quotes, with the \" written twice (\"\")\n" +
			"d.csv:3: amount: \"x\" is not an amount"},
	{"an overfull row after a comment with commas", "order_id,order_date,amount\n# a, b, c, d\n250-1234567-1234567,2026-03-02,12,800\n250-7654321-7654321,2026-03-02,x\n",
		"d.csv:3: row has 4 fields, but the header on line 1 has 3 (an unquoted comma in a field?)\nd.csv:4: amount: \"x\" is not an amount"},
	{"commas in quotes make no cells", "order_id,order_date,amount,note\n250-1234567-1234567,2026-03-02,\"12,800\",\"a, b, c\"\n250-1234567-1234567,2026-03-03,5,\n",
		"d.csv:3: order 250-1234567-1234567 is listed twice (first on line 2)"},
	{"an overfull row over two lines", "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,\"12\n800\",x\n250-7654321-7654321,2026-03-02,x\n",
		"d.csv:2: row has 4 fields, but the header on line 1 has 3 (an unquoted comma in a field?)\nd.csv:4: amount: \"x\" is not an amount"},
	{"an overfull row after bad quoting", "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,5\"0,1,2\n250-7654321-7654321,2026-03-02,1,2,3\n",
		"d.csv:2:33: a \" stands inside a field that does not start with one; expected the whole field in quotes, with the \" written twice (\"\")\n" +
			"d.csv:3: row has 5 fields, but the header on line 1 has 3 (an unquoted comma in a field?)"},
	{"commented order and a missing column", "order_id,amount\n#250-1234567-1234567,5\n",
		"d.csv:2: line starts with # and would be skipped as a comment, but it holds order 250-1234567-1234567: remove the #\n" +
			"d.csv:1: missing column order_date; the header needs order_id,order_date,amount"},
}

func TestReadDisputesErrors(t *testing.T) {
	for _, tt := range disputeErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadDisputes("d.csv", strings.NewReader(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v\nwant    %s", err, tt.want)
			}
		})
	}
}

func TestReadConfirmations(t *testing.T) {
	in := "order_id,confirmed_on,kind,amount,note\n" +
		"250-1234567-1234567,2026-03-10,refund,,\n" +
		"250-7654321-7654321,2026/03/11,Cancel,\"1,000\",seller cancelled\n" +
		"250-1234567-1234567,2026-03-08,REFUND,12800,first mail\n"
	cs, err := ReadConfirmations("c.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"250-1234567-1234567 2026-03-10 refund 0 2 ",
		"250-7654321-7654321 2026-03-11 cancel 1000 3 seller cancelled",
		"250-1234567-1234567 2026-03-08 refund 12800 4 first mail",
	}
	for i, c := range cs {
		got := c.OrderID + " " + c.ConfirmedOn.String() + " " + string(c.Kind) + " " + c.Amount.String() + " " + itoa(c.Line) + " " + c.Note
		if got != want[i] {
			t.Errorf("confirmation %d = %q, want %q", i, got, want[i])
		}
	}
}

// confirmationErrorCases are confirmations files refused, with the exact
// error; the fuzz targets start from them too.
var confirmationErrorCases = []struct{ name, in, want string }{
	{"missing kind column", "order_id,confirmed_on\n250-1234567-1234567,2026-03-10\n", "c.csv:1: missing column kind; the header needs order_id,confirmed_on,kind"},
	{"unknown kind", "order_id,confirmed_on,kind\n250-1234567-1234567,2026-03-10,returned\n", `c.csv:2: kind "returned" is not refund (返金) or cancel (キャンセル)`},
	{"bad date", "order_id,confirmed_on,kind\n250-1234567-1234567,10 March,refund\n", `c.csv:2: confirmed_on: "10 March" is not a date like 2026-03-02, 2026/03/02, 2026年3月2日 or March 2, 2026`},
	{"bad amount", "order_id,confirmed_on,kind,amount\n250-1234567-1234567,2026-03-10,refund,all\n", `c.csv:2: amount: "all" is not an amount`},
	{"every problem of a row", "order_id,confirmed_on,kind\n250-123,March,returned\n",
		`c.csv:2: "250-123" is not an Amazon order id like 250-1234567-1234567 or D01-1234567-1234567` + "\n" +
			`c.csv:2: confirmed_on: "March" is not a date like 2026-03-02, 2026/03/02, 2026年3月2日 or March 2, 2026` + "\n" +
			`c.csv:2: kind "returned" is not refund (返金) or cancel (キャンセル)`},
	{"empty", "", "c.csv: file is empty; it needs a header line: order_id,confirmed_on,kind"},
}

func TestReadConfirmationsErrors(t *testing.T) {
	for _, tt := range confirmationErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadConfirmations("c.csv", strings.NewReader(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v\nwant    %s", err, tt.want)
			}
			// The bytes Amazon's reader holds are read the same way.
			if _, err := ParseConfirmations("c.csv", []byte(tt.in)); err == nil || err.Error() != tt.want {
				t.Errorf("ParseConfirmations: error = %v\nwant    %s", err, tt.want)
			}
		})
	}
}

// TestCommentLines checks that lines starting with # are skipped, as in the
// templates refundwatch init writes, and that a commented line holding an
// order id is reported rather than dropped.
func TestCommentLines(t *testing.T) {
	in := "# the orders I reported\n#\n" +
		"order_id,order_date,amount\n" +
		"# a comment between rows\n" +
		"250-1234567-1234567,2026-03-02,12800\n"
	ds, err := ReadDisputes("disputes.csv", strings.NewReader(in))
	if err != nil || len(ds) != 1 || ds[0].Line != 5 {
		t.Fatalf("got %+v, %v; want the one order on line 5", ds, err)
	}
	cs, err := ReadConfirmations("confirmations.csv", strings.NewReader("# kind: refund or cancel\norder_id,confirmed_on,kind\n250-1234567-1234567,2026-03-10,refund\n"))
	if err != nil || len(cs) != 1 || cs[0].Line != 3 {
		t.Fatalf("got %+v, %v; want the one confirmation on line 3", cs, err)
	}
	_, err = ReadDisputes("disputes.csv", strings.NewReader("order_id,order_date,amount\n#250-1234567-1234567,2026-03-02,12800\n"))
	want := "disputes.csv:2: line starts with # and would be skipped as a comment, but it holds order 250-1234567-1234567: remove the #"
	if err == nil || err.Error() != want {
		t.Errorf("error %v\nwant  %s", err, want)
	}
}

func TestParseOrderID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"250-1234567-1234567", "250-1234567-1234567"},
		{"D01-8365087-0917459", "D01-8365087-0917459"},
		{"d01-8365087-0917459", "D01-8365087-0917459"}, // capitalised
		{"ABZ-0000000-9999999", "ABZ-0000000-9999999"},
		{" #250-1234567-1234567 ", "250-1234567-1234567"},
		{"＃２４９－２３１１０５７－４８２３８６０", "249-2311057-4823860"}, // full-width
		{"", ""},
		{"#", ""},
		{"250-1234567-123456", ""},   // a digit short
		{"250-1234567-12345678", ""}, // a digit over
		{"2501-234567-1234567", ""},  // hyphen out of place
		{"250_1234567_1234567", ""},
		{"250-123456A-1234567", ""}, // letters only in the first group
		{"250-1234567-123456D", ""},
		{"2@0-1234567-1234567", ""}, // the bytes around the ranges of the first group
		{"2[0-1234567-1234567", ""},
		{"2/0-1234567-1234567", ""},
		{"2:0-1234567-1234567", ""},
		{"250-1234567-1234567\n", "250-1234567-1234567"}, // spaces are trimmed
		{"250-1234567-1234567x", ""},
		{"x250-1234567-1234567", ""},
		{"250--1234567-123456", ""},
		{"25é-1234567-123456", ""}, // 19 bytes, not 19 characters
		{"250-1234567 1234567", ""},
	}
	for _, tt := range tests {
		got, err := ParseOrderID(tt.in)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("ParseOrderID(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	// An id typed as Amazon writes it is taken as it is, with no
	// allocation: a disputes.csv of 80,000 rows made two for each.
	id := "250-1234567-1234567"
	if n := testing.AllocsPerRun(100, func() { _, _ = ParseOrderID(id) }); n != 0 {
		t.Errorf("ParseOrderID(%q) made %v allocations, want 0", id, n)
	}
}

// orderIDPattern is the shape of Amazon order ids as a regular
// expression, for tests to hold isOrderID and what the readers return to.
var orderIDPattern = regexp.MustCompile(`^[0-9A-Z]{3}-[0-9]{7}-[0-9]{7}$`)

// isOrderID must accept exactly what the regular expression of the order
// id's shape accepts.
func TestIsOrderIDAgreesWithPattern(t *testing.T) {
	pattern := orderIDPattern
	rnd := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"0", "5", "9", "A", "Z", "a", "-", "/", ":", "@", "[", " ", "é", "\n", "\x00"}
	accepted := 0
	for range 200000 {
		b := []byte("250-1234567-1234567")
		for range rnd.IntN(3) { // change none, one or two characters, or the length
			c := []byte(alphabet[rnd.IntN(len(alphabet))])
			switch i := rnd.IntN(len(b) + 1); {
			case i == len(b):
				b = append(b, c...)
			case rnd.IntN(8) == 0:
				b = append(b[:i:i], b[i+1:]...)
			default:
				b = append(b[:i:i], append(c, b[i+1:]...)...)
			}
		}
		id := string(b)
		if got, want := isOrderID(id), pattern.MatchString(id); got != want {
			t.Fatalf("isOrderID(%q) = %v, the pattern says %v", id, got, want)
		}
		if pattern.MatchString(id) {
			accepted++
		}
	}
	if accepted < 1000 {
		t.Errorf("only %d ids accepted; the test says little", accepted)
	}
}

// The currency cell takes a code in any case or width, or a sign that
// names one.
func TestDisputeCurrency(t *testing.T) {
	for cell, want := range map[string]string{
		"JPY": "JPY", "usd": "USD", " eur ": "EUR", "ＧＢＰ": "GBP", "¥": "JPY", "￥": "JPY", "円": "JPY", "$": "USD", "€": "EUR", "": "",
	} {
		in := "order_id,order_date,amount,currency\n250-1234567-1234567,2026-03-02,5," + cell + "\n"
		ds, err := ReadDisputes("d.csv", strings.NewReader(in))
		if err != nil || len(ds) != 1 || ds[0].Currency != want {
			t.Errorf("currency %q: %v, %+v; want %s", cell, err, ds, want)
		}
	}
}

// TestReadRowsHoldNoRecord checks that the disputes and confirmations read
// hold none of the rows' records: each cell is cut from a string of its
// whole record, and a cell kept as it was read (an order id as typed, an
// empty note) would keep that string, with every cell not kept, alive for
// as long as the order. The rows here carry a long comment column that is
// read and dropped: held, the records of 4,000 rows are 4 MB.
func TestReadRowsHoldNoRecord(t *testing.T) {
	const rows = 4000
	comment := strings.Repeat("x", 1000)
	var dis, conf strings.Builder
	dis.WriteString("order_id,order_date,amount,currency,card,note,comment\n")
	conf.WriteString("order_id,confirmed_on,kind,note,comment\n")
	for i := range rows {
		// Half the rows name a card and carry notes: each text kept is
		// copied, empty or not.
		card, note := "", ""
		if i%2 == 1 {
			card, note = "1111", "the intruder's"
		}
		fmt.Fprintf(&dis, "250-%07d-%07d,2026-03-01,12.50,USD,%s,%s,%s\n", i, i, card, note, comment)
		fmt.Fprintf(&conf, "250-%07d-%07d,2026-03-05,refund,%s,%s\n", i, i, note, comment)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	disText, confText := dis.String(), conf.String()
	before := heap()
	disputes, err := ReadDisputes("disputes.csv", strings.NewReader(disText))
	if err != nil || len(disputes) != rows {
		t.Fatalf("%d disputes, %v", len(disputes), err)
	}
	confs, err := ReadConfirmations("confirmations.csv", strings.NewReader(confText))
	if err != nil || len(confs) != rows {
		t.Fatalf("%d confirmations, %v", len(confs), err)
	}
	held := int64(heap()) - int64(before)
	runtime.KeepAlive(disputes)
	runtime.KeepAlive(confs)
	runtime.KeepAlive(disText)
	runtime.KeepAlive(confText)
	// Each dispute and confirmation takes a few hundred bytes of its own.
	if limit := int64(rows * 600); held > limit {
		t.Errorf("%d disputes and confirmations hold %d bytes, more than %d: their records are held", 2*rows, held, limit)
	}
	if d, c := disputes[7], confs[9]; d.OrderID != "250-0000007-0000007" || d.Currency != "USD" || d.Card != "1111" || d.Note != "the intruder's" ||
		c.OrderID != "250-0000009-0000009" || c.Note != "the intruder's" {
		t.Errorf("read %+v and %+v", d, c)
	}
}

// TestDetachKeepsCurrencies checks that a dispute's currencies are kept as
// they were read: a code money knows, a code it does not, and a sign an
// order-history export wrote in its currency column, which stays the sign.
func TestDetachKeepsCurrencies(t *testing.T) {
	for _, code := range []string{"USD", "JPY", "XYZ", "$", "¥", "€", "US$", ""} {
		d := detachDispute(Dispute{Currency: code, CardCurrency: code}, &textBlocks{})
		if d.Currency != code || d.CardCurrency != code {
			t.Errorf("detachDispute of currency %q keeps %q and %q", code, d.Currency, d.CardCurrency)
		}
	}
	// An order-history export that writes a sign: the dispute read with it
	// keeps the sign, as the export wrote it.
	known := func(id string) (KnownOrder, bool) {
		return KnownOrder{Date: civil.MustDate("2026-03-02"), Total: decimal.RequireFromString("21.58"), Currency: "$"}, true
	}
	ds, err := ReadDisputesWith("disputes.csv", strings.NewReader("order_id,order_date,amount\n111-1234567-1234567,,\n"), known)
	if err != nil || len(ds) != 1 || ds[0].Currency != "$" {
		t.Errorf("read %+v, %v; want the export's currency $", ds, err)
	}
}
