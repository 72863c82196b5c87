package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/report"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// encodingJSON is how the report would read through encoding/json.
func encodingJSON(t *testing.T, r *JSONReport) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return escapedAsReports(b.String())
}

// escapedAsReports escapes in JSON text what encoding/json leaves as it is
// and the report's writer escapes: DEL, the C1 and bidirectional controls,
// and the marks of the report's own values. encoding/json writes them only
// inside strings, where the escape means the same character.
func escapedAsReports(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == 0x7f || mask.MustShow(r) || r == mask.KeepOpen || r == mask.KeepClose {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// written is the report as the JSON writer writes it, without the marks
// of the values the masking keeps whole (as the masking writes it).
func written(t *testing.T, r *JSONReport) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.write(&b); err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer(string(mask.KeepOpen), "", string(mask.KeepClose), "").Replace(b.String())
}

// TestJSONWriterAgreesWithEncodingJSON holds the report's own writer to
// what encoding/json makes of the report's types, field for field: on
// reports with every kind of value (cmd's TestJSONWriterAgreesOnScenarios
// holds it to the reports of the example and every scenario).
func TestJSONWriterAgreesWithEncodingJSON(t *testing.T) {
	confirmed := civil.MustDate("2026-03-10")
	tricky := "quote \" backslash \\ <html> & tab\t nl\n cr\r \b\f \x01\x1f \x7f é 日本 \u2028\u2029 bad \xff\xfe end"
	amount := func(s, currency string) jsonAmount {
		return jsonAmount{money.FromDecimal(decimal.RequireFromString(s)), currency}
	}
	txn := jsonTxn{Date: civil.MustDate("2026-03-02"), Amount: amount("12.3", "USD"), Currency: "USD", Description: tricky, Account: "****1234", File: "a.csv", Line: 7}
	foreign := txn
	foreign.OriginalAmount, foreign.OriginalCurrency = "1,234", "JPY"
	reports := []*JSONReport{
		{},
		{AsOf: "2026-05-01", Statements: []jsonStatement{}, Orders: []jsonOrder{}, UnknownCharges: []jsonTxn{}, InvalidRows: []jsonInvalid{}},
		{
			AsOf: "2026-05-01", Grace: 30, Watch: 60,
			Statements: []jsonStatement{{File: tricky, SkippedBy: map[string]int{"header": 1, "blank": 2}, Notes: []string{"n"}}},
			Orders: []jsonOrder{
				{OrderID: "250-1", Verdict: "refunded", OrderDate: civil.MustDate("2026-03-01"), Amount: amount("-1234567.8", "JPY"),
					ConfirmedOn: &confirmed, Charged: amount("1234567.891", "EUR"), Credited: amount("0.5", ""), Outstanding: amount("12345678901234567890123.45", "USD"),
					Charges: []jsonTxn{txn, foreign}, Credits: []jsonTxn{}, Reason: jsonReason{text: tricky}},
				{OrderID: "250-2", WatchUntil: &confirmed, CoverageTo: &confirmed, Closed: true, // an unknown order date, amounts of nothing
					InterchangeableWith: []string{"250-1", tricky}, TiedWith: []string{"250-3"}}, // the orders of a tie
				// Reasons made of sentences, in English (appended as made) and Japanese.
				{OrderID: "250-3", Reason: jsonReason{sentences: []*msg.Message{msg.Msgf("charged %s on %v", "1,234 JPY", confirmed), msg.Msgf("%s", tricky)}, loc: i18n.New("en")}},
				{OrderID: "250-4", Reason: jsonReason{sentences: []*msg.Message{msg.Msgf("charged %s on %v", "1,234 JPY", confirmed)}, loc: i18n.New("en")}},
				{OrderID: "250-5", Reason: jsonReason{sentences: []*msg.Message{msg.Msgf("no charge of %s between %v and %v", "1,234 JPY", confirmed, confirmed)}, loc: i18n.New(i18n.Japanese)}},
			},
			UnknownCharges: []jsonTxn{foreign}, InvalidRows: []jsonInvalid{{File: "a.csv", Line: 3, Error: tricky}},
			Summary:     jsonSummary{Alert: 1, OK: 2},
			AmazonFiles: []jsonAmazonFile{{File: "mail.eml", Format: "mail", SkippedBy: map[string]int{}}},
			OwnCharges:  3,
		},
	}
	for i, r := range reports {
		if got, want := written(t, r), encodingJSON(t, r); got != want {
			t.Errorf("report %d written as\n%s\nencoding/json writes\n%s", i, got, want)
		}
	}

}

// appendJSONString must quote every string as encoding/json does.
func TestAppendJSONStringAgrees(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"a", "\"", "\\", "\n", "\x00", "\x1f", "\x7f", "<", "&", "é", "日", "\u2028", "\u2029", "\xff", "\xe6\x97", " ", "\t", "\b", "\f",
		"\u0085", "\u009b", "\u202e", "\u2066", "\u200f", "\ufdd0", "\ufdd1"}
	for range 5000 {
		var s strings.Builder
		for range rnd.IntN(10) {
			s.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s.String())
		if got := string(appendJSONString(nil, s.String())) + "\n"; got != escapedAsReports(want.String()) {
			t.Fatalf("appendJSONString(%q) = %s, encoding/json gives %s", s.String(), got, want.String())
		}
	}
}

// A report being made writes each order's confirmation source from the
// confirmation itself: it must be what report.ConfirmationSource says,
// quoted as any string, for a file's line and for a mail, with a file name
// that needs escaping too.
func TestConfirmationSourceWrittenFromTheConfirmation(t *testing.T) {
	for _, c := range []parser.Confirmation{
		{File: "confirmations.csv", Line: 1166},
		{File: "refunds \"march\"\t\x01 é \u202e\xff.csv", Line: 3},
		{File: "mail.eml", Source: "mail.eml: Your refund \"250-1234567-1234567\"", Note: "Your refund"},
	} {
		o := &matcher.OrderResult{Dispute: &parser.Dispute{OrderID: "250-1234567-1234567"}, Verdict: matcher.Refunded, Confirmation: &c}
		made := orderJSON(o, i18n.New(i18n.English), &txnBuffer{buf: make([]jsonTxn, 0, 16)})
		if made.confirmation == nil {
			t.Fatalf("%+v: the order is made without its confirmation", c)
		}
		told := made
		told.confirmation, told.ConfirmationSource = nil, report.ConfirmationSource(&c)
		got := written(t, &JSONReport{Orders: []jsonOrder{made}})
		if want := written(t, &JSONReport{Orders: []jsonOrder{told}}); got != want {
			t.Errorf("%+v: written\n%s\nwant\n%s", c, got, want)
		}
		if want := encodingJSON(t, &JSONReport{Orders: []jsonOrder{told}}); got != want {
			t.Errorf("%+v: written\n%s\nencoding/json writes\n%s", c, got, want)
		}
	}
}

// The orders of a report being made make their statement rows in one
// buffer, one order after the other: each order must be written as with
// lists of its own, an empty list [] and not null, the buffer growing in
// the middle of an order too.
func TestOrdersMakeTheirRowsInOneBuffer(t *testing.T) {
	row := func(line int) *parser.Transaction {
		return &parser.Transaction{Date: civil.MustDate("2026-03-02"), Amount: decimal.NewFromInt(int64(line)), Currency: "USD",
			Description: "AMAZON MKTPL", File: "statement.csv", Line: line}
	}
	d := &parser.Dispute{OrderID: "250-1234567-1234567"}
	orders := []*matcher.OrderResult{
		{Dispute: d, Verdict: matcher.StillCharged, Charges: []*parser.Transaction{row(1), row(2)}, Credits: []*parser.Transaction{row(3)}},
		{Dispute: d, Verdict: matcher.NotCharged},
		{Dispute: d, Verdict: matcher.Ambiguous, Charges: []*parser.Transaction{row(4)}, Tied: &matcher.Tied{Candidates: []*parser.Transaction{row(5), row(6), row(7)}}},
	}
	rows := &txnBuffer{buf: make([]jsonTxn, 0, 1)}
	for _, o := range orders {
		made := orderJSON(o, i18n.New(i18n.English), rows.reset())
		own := made
		own.Charges, own.Credits, own.Candidates = txnsJSON(o.Charges), txnsJSON(o.Credits), txnsJSON(o.Ties().Candidates)
		own.CandidateCharges = own.Candidates
		got, want := written(t, &JSONReport{Orders: []jsonOrder{made}}), written(t, &JSONReport{Orders: []jsonOrder{own}})
		if got != want {
			t.Errorf("%s: written\n%s\nwith lists of its own\n%s", o.Verdict, got, want)
		}
	}
}

// TestJSONMarksWhatMaskingWouldChange checks that an amount or a path is
// marked to be kept whole where masking's quick test would look closer at
// its line, and only there, and that through the masking each reads whole.
func TestJSONMarksWhatMaskingWouldChange(t *testing.T) {
	for _, tc := range []struct {
		amount, path string
		marked       bool
	}{
		{"12800", "statement.csv", false},
		{"123456789.55", "statements/2026-03.csv", false}, // 11 and 6 digits
		{"1234567890.55", "", true},                       // 12 digits: as many as a card number
		{"", "statements/2026-03-01-2026-03-31.csv", true},
		{"", "DE8937.csv", false},   // four digits: too few to hide
		{"", "DE89370.csv", true},   // an IBAN's start, and five digits
		{"", "de89370.csv", false},  // no capitals: no IBAN
		{"", "明細2026-03.csv", true}, // not ASCII: masking looks closer
	} {
		var out bytes.Buffer
		j := &jsonWriter{w: &out}
		j.open('{')
		var want []string
		if tc.amount != "" {
			j.key("amount")
			j.amount(jsonAmount{amount: money.FromDecimal(decimal.RequireFromString(tc.amount))})
			want = append(want, tc.amount)
		}
		if tc.path != "" {
			j.key("file")
			j.kept(tc.path)
			want = append(want, tc.path)
		}
		j.close('}')
		j.flush()
		if marked := bytes.ContainsRune(out.Bytes(), mask.KeepOpen); marked != tc.marked {
			t.Errorf("%q: marked %v, want %v:\n%s", want, marked, tc.marked, out.String())
		}
		var masked bytes.Buffer
		m := mask.NewWriter(&masked)
		if _, err := m.Write(out.Bytes()); err != nil {
			t.Fatal(err)
		}
		if err := m.Flush(); err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(masked.String(), `"`+w+`"`) {
				t.Errorf("%q is not whole through the masking:\n%s", w, masked.String())
			}
		}
	}
}

// TestJSONMarksChangeNoOutput writes amounts and paths of every kind
// (digits enough for a card number, IBANs, escapes, text that is not
// ASCII, marks in the input, paths longer than keep's room, lines longer
// than the masking's 64 KiB) through the background writer and the
// masking, with the marks keep leaves out and with every value marked:
// the two outputs must be the same bytes, with no mark left in them.
func TestJSONMarksChangeNoOutput(t *testing.T) {
	pieces := []string{"a", "B", "DE", "de", "0", "1", "12", "2026", "-", "/", ".", " ", "_", ":", "\\", "\"", "\n", "\x1b",
		"\xe9", "é", "明細", "\u2028", "\u00a0", "\ufdd0", "\ufdd1", "0123456789", "DE89", "370400440532013000",
		"4111 1111 1111 1111", "4111-1111-1111-1111", "\u202e"}
	write := func(every bool, amounts, paths []string, pad int) []byte {
		markEveryValue = every
		defer func() { markEveryValue = false }()
		var out bytes.Buffer
		m := mask.NewWriter(&out)
		bw := newBackgroundWriter(m, 64<<10, 4)
		j := &jsonWriter{w: bw, b: make([]byte, 0, jsonFlushAt+4096)}
		j.open('{')
		j.key("pad") // moves where j.b is flushed
		j.str(strings.Repeat("x", pad))
		j.key("confirmations")
		j.list(len(paths), false, func(i int) { j.kept(paths[i]) })
		j.key("orders")
		j.list(len(amounts), false, func(i int) {
			j.open('{')
			j.key("amount")
			j.amount(jsonAmount{amount: money.FromDecimal(decimal.RequireFromString(amounts[i]))})
			j.key("file")
			j.kept(paths[i%len(paths)])
			j.close('}')
		})
		j.close('}')
		j.flush()
		if j.err != nil {
			t.Fatal(j.err)
		}
		if err := bw.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := m.Flush(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	rnd := rand.New(rand.NewPCG(31, 32))
	for round := range 40 {
		var amounts, paths []string
		for range 1 + rnd.IntN(400) {
			a := fmt.Sprint(1 + rnd.IntN(9))
			for range rnd.IntN(21) {
				a += fmt.Sprint(rnd.IntN(10))
			}
			if rnd.IntN(2) == 0 {
				a += fmt.Sprintf(".%02d", rnd.IntN(100))
			}
			amounts = append(amounts, a)
		}
		for range 1 + rnd.IntN(12) {
			n := rnd.IntN(12)
			if rnd.IntN(10) == 0 {
				n = 100 + rnd.IntN(20000) // past keep's room, and past 64 KiB of line
			}
			var p strings.Builder
			for range n {
				p.WriteString(pieces[rnd.IntN(len(pieces))])
			}
			paths = append(paths, p.String())
		}
		pad := rnd.IntN(70000)
		got, want := write(false, amounts, paths, pad), write(true, amounts, paths, pad)
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Fatalf("round %d: the outputs differ from byte %d:\n%q\nwith every value marked:\n%q",
				round, i, got[max(0, i-100):min(len(got), i+100)], want[max(0, i-100):min(len(want), i+100)])
		}
		if bytes.ContainsRune(got, mask.KeepOpen) || bytes.ContainsRune(got, mask.KeepClose) {
			t.Fatalf("round %d: a mark is left in the output", round)
		}
	}
}

// writeRowGeneric writes a statement row through the generic writer
// (open, key, close), as jsonTxn.write did before it wrote its keys whole:
// what the row writer is held to.
func writeRowGeneric(row *jsonTxn, j *jsonWriter) {
	j.open('{')
	j.key("date")
	j.b = append(j.b, '"') // not j.date, which writes a date again from the row before
	j.b, _ = row.Date.AppendText(j.b)
	j.b = append(j.b, '"')
	j.key("amount")
	j.amount(row.Amount)
	for _, f := range []struct{ name, value string }{
		{"currency", row.Currency}, {"description", row.Description}, {"account", mask.AccountShown(row.Account)},
	} {
		j.key(f.name)
		j.str(f.value)
	}
	j.key("file")
	j.kept(row.File)
	j.key("line")
	j.num(row.Line)
	if row.OriginalAmount != "" {
		j.key("original_amount")
		j.str(row.OriginalAmount)
	}
	if row.OriginalCurrency != "" {
		j.key("original_currency")
		j.str(row.OriginalCurrency)
	}
	j.close('}')
}

// TestRowsWrittenAsTheGenericWriterWould holds jsonTxn.write, which writes
// a row's keys whole and the text of its date, file and account again from the
// row before, to the generic writer (open, key, close), marks and all: rows
// at two depths, as an order's charges and the unknown charges stand, whose
// files and accounts change from row to row or stay, among them accounts
// the report masks, paths the masking is told to keep and paths that are
// not valid text, with flushes falling anywhere.
func TestRowsWrittenAsTheGenericWriterWould(t *testing.T) {
	files := []string{"statement.csv", "statements/2026-03-01-2026-03-31.csv", "DE89370.csv", "明細\xff.csv", ""}
	accounts := []string{"", "VISA ****-1234", "DE89 3704 0044 0532 0130 00", "４９８０ ０３７９ ３９８８ ４５６７"}
	amounts := []string{"12.30", "-5", "1234567890.55"}
	rnd := rand.New(rand.NewPCG(7, 8))
	var rows []jsonTxn
	for i := range 3000 {
		r := jsonTxn{
			Date:        civil.MustDate("2026-03-02").AddDays(rnd.IntN(40)),
			Amount:      jsonAmount{money.FromDecimal(decimal.RequireFromString(amounts[rnd.IntN(len(amounts))])), "EUR"},
			Currency:    "EUR",
			Description: strings.Repeat("AMAZON MKTP 4111 1111 1111 1111 ", rnd.IntN(3)),
			Account:     accounts[rnd.IntN(len(accounts))],
			File:        files[rnd.IntN(len(files))],
			Line:        i + 2,
		}
		if i > 0 && rnd.IntN(3) > 0 { // runs of rows of one file and one account
			r.File, r.Account = rows[i-1].File, rows[i-1].Account
		}
		if i > 0 && rnd.IntN(2) > 0 { // and of one day
			r.Date = rows[i-1].Date
		}
		if rnd.IntN(5) == 0 {
			r.OriginalAmount, r.OriginalCurrency = "1,234", "JPY"
		}
		rows = append(rows, r)
	}
	write := func(row func(*jsonTxn, *jsonWriter)) string {
		var out bytes.Buffer
		j := &jsonWriter{w: &out, b: make([]byte, 0, jsonFlushAt+4096)}
		j.open('{')
		for k, n := range []int{7, len(rows) - 7} {
			part := rows[k*7 : k*7+n]
			j.key("orders")
			j.list(1, false, func(int) {
				j.open('{')
				j.key("charges")
				j.list(len(part), false, func(i int) { row(&part[i], j) })
				j.close('}')
			})
			j.key("unknown_charges")
			j.list(len(part), false, func(i int) { row(&part[i], j) })
		}
		j.close('}')
		j.flush()
		if j.err != nil {
			t.Fatal(j.err)
		}
		return out.String()
	}
	got, want := write((*jsonTxn).write), write(writeRowGeneric)
	if got != want {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("rows differ from the generic writer's at byte %d:\n%q\nwant\n%q", i, got[max(0, i-200):min(len(got), i+200)], want[max(0, i-200):min(len(want), i+200)])
	}
	shown := mask.AccountShown(accounts[2])
	if !strings.ContainsRune(got, mask.KeepOpen) || shown == accounts[2] || !strings.Contains(got, `"account": "`+shown+`"`) {
		t.Errorf("the rows hold no kept path or no masked account: the test does not test them")
	}
}

// TestJSONWriterIndentsAnyDepth holds the writer's indentation, which it
// appends from lineIndents as deep as that reaches and space pair by space
// pair beyond, to encoding/json's at every depth up to past that.
func TestJSONWriterIndentsAnyDepth(t *testing.T) {
	for depth := 1; depth <= len(lineIndents)/2+3; depth++ {
		var v any = "x"
		for range depth {
			v = []any{v, "y"}
		}
		want, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		j := &jsonWriter{w: &out}
		var write func(v any)
		write = func(v any) {
			l, ok := v.([]any)
			if !ok {
				j.str(v.(string))
				return
			}
			j.list(len(l), false, func(i int) { write(l[i]) })
		}
		write(v)
		j.flush()
		if out.String() != string(want) {
			t.Errorf("depth %d written as\n%s\nencoding/json writes\n%s", depth, out.String(), want)
		}
	}
}

// TestRowsAtAnyDepthAsTheGenericWriter holds the row writer to the generic
// one on random rows at random depths, past lineIndents' too: texts of
// digits, IBAN shapes, escapes, marks and bytes that are not valid text,
// descriptions and paths longer than 64 KiB, files and accounts that stay
// from row to row. The text is compared as written and as masked.
func TestRowsAtAnyDepthAsTheGenericWriter(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "Z", "DE", "89", "4111", " ", "-", "/", "\xff", "é", "明細", "\n", "\"", "\\", "\u2028", "\ufdd0", "AB12", "1234567890123", ".csv"}
	text := func(n int) string {
		var b strings.Builder
		for range rnd.IntN(n) {
			b.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		return b.String()
	}
	for round := range 60 {
		rows := make([]jsonTxn, 40)
		depths := make([]int, len(rows))
		for i := range rows {
			r := jsonTxn{
				Date:     civil.MustDate("2026-03-02").AddDays(rnd.IntN(40)),
				Amount:   jsonAmount{money.FromDecimal(decimal.New(rnd.Int64N(1e15), -int32(rnd.IntN(3)))), "EUR"},
				Currency: text(3), Description: text(8), Account: text(6), File: text(6), Line: rnd.IntN(1 << 30),
			}
			if rnd.IntN(10) == 0 {
				r.Description = strings.Repeat("x1", 40000) // a line over 64 KiB
			}
			if rnd.IntN(10) == 0 {
				r.File = strings.Repeat("dir/", 20000) + text(4)
			}
			if i > 0 && rnd.IntN(2) == 0 {
				r.File, r.Account = rows[i-1].File, rows[i-1].Account
			}
			if rnd.IntN(3) == 0 {
				r.OriginalAmount = text(3)
			}
			if rnd.IntN(3) == 0 {
				r.OriginalCurrency = text(2)
			}
			rows[i], depths[i] = r, rnd.IntN(len(lineIndents)/2+6)
		}
		write := func(row func(*jsonTxn, *jsonWriter)) (raw, masked string) {
			var rawOut, maskedOut bytes.Buffer
			m := mask.NewWriter(&maskedOut)
			j := &jsonWriter{w: io.MultiWriter(&rawOut, m), b: make([]byte, 0, jsonFlushAt+4096)}
			j.open('[')
			for i := range rows {
				j.next()
				for range depths[i] {
					j.open('[')
					j.next()
				}
				row(&rows[i], j)
				for range depths[i] {
					j.close(']')
				}
			}
			j.close(']')
			j.flush()
			if j.err != nil {
				t.Fatal(j.err)
			}
			if err := m.Flush(); err != nil {
				t.Fatal(err)
			}
			return rawOut.String(), maskedOut.String()
		}
		got, gotMasked := write((*jsonTxn).write)
		want, wantMasked := write(writeRowGeneric)
		if got != want || gotMasked != wantMasked {
			t.Fatalf("round %d: the rows differ from the generic writer's (as written: %v, as masked: %v)", round, got != want, gotMasked != wantMasked)
		}
	}
}

// TestPlainPrefix holds plainPrefix, eight bytes at a time, to jsonPlain
// a byte at a time: every byte at every place of strings of up to 20 bytes.
func TestPlainPrefix(t *testing.T) {
	for n := range 21 {
		for at := range n {
			for c := range 256 {
				b := []byte(strings.Repeat("a~ 9", 6)[:n])
				b[at] = byte(c)
				want := n
				if !jsonPlain[c] {
					want = at
				}
				if got := plainPrefix(b); got != want {
					t.Fatalf("plainPrefix(%q) = %d, want %d", b, got, want)
				}
				if got := plainPrefix(string(b)); got != want {
					t.Fatalf("plainPrefix(%q) = %d, want %d", b, got, want)
				}
			}
		}
	}
}

// checkedSpy passes writes on to a mask.Writer, counting the runs of lines
// it is told need no masking, and those of them that are not whole lines
// (which the mask.Writer masks as any other text).
type checkedSpy struct {
	m            *mask.Writer
	runs, broken int
}

func (s *checkedSpy) Write(p []byte) (int, error) { return s.m.Write(p) }

func (s *checkedSpy) WriteChecked(p []byte, whole []mask.Lines) (int, error) {
	s.runs += len(whole)
	for _, r := range whole {
		if r.From > 0 && p[r.From-1] != '\n' || p[r.To-1] != '\n' {
			s.broken++
		}
	}
	return s.m.WriteChecked(p, whole)
}

// throughTheMasking writes a report of one list, key, of n items, each
// written by item, through the background writer and the masking: with
// the runs of lines the writer tells the masking it need not look
// through, and with every line looked through (checkEveryRow). The two
// outputs must be the same bytes, every run whole lines, and the runs
// must be many enough for the test to say something: one for a tenth of
// the items at least. It returns the output.
func throughTheMasking(t *testing.T, key string, n int, item func(j *jsonWriter, i int)) []byte {
	t.Helper()
	write := func(every bool) ([]byte, int) {
		checkEveryRow = every
		defer func() { checkEveryRow = false }()
		var out bytes.Buffer
		spy := &checkedSpy{m: mask.NewWriter(&out)}
		bw := newBackgroundWriter(spy, 64<<10, 4)
		j := &jsonWriter{w: bw, b: make([]byte, 0, jsonFlushAt+4096)}
		j.open('{')
		j.key(key)
		j.list(n, false, func(i int) { item(j, i) })
		j.close('}')
		j.flush()
		if err := bw.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := spy.m.Flush(); err != nil {
			t.Fatal(err)
		}
		if spy.broken > 0 {
			t.Fatalf("%d of %d runs are not whole lines", spy.broken, spy.runs)
		}
		return out.Bytes(), spy.runs
	}
	got, runs := write(false)
	want, none := write(true)
	if none != 0 || runs < n/10 {
		t.Fatalf("%d runs of lines left whole for %d items, and %d with every line looked through: the test does not test them", runs, n, none)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("the outputs differ from byte %d:\n%q\nwith every line looked through:\n%q", i, got[max(0, i-300):min(len(got), i+200)], want[max(0, i-300):min(len(want), i+200)])
	}
	return got
}

// TestRowsLeftWholeMaskedAsEveryRow writes statement rows whose every
// value may hold what masking hides (card numbers in descriptions,
// currencies, accounts, paths and foreign amounts, escaped and full-width
// ones, IBANs, amounts and line numbers of twelve digits, years past 9999,
// the marks of keep) through the background writer and the masking, with
// the rows the writer finds left whole passed on as such and with every
// row looked through: the two outputs must be the same bytes, and no card
// number may show.
func TestRowsLeftWholeMaskedAsEveryRow(t *testing.T) {
	descriptions := []string{"AMAZON MKTP", "AMZN Mktp US*2K4RT5Q31", "Amazon.co.jp 4111 1111 1111 1111", "ref 4111\t1111\t1111\t1111",
		"４１１１ １１１１ １１１１ １１１１", "IBAN DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "order 250-1234567-7654321",
		"\ufdd04111111111111111\ufdd1", "12345", "MT84MALT01100ABCDEFGHIJKLMN", ""}
	currencies := []string{"", "USD", "EUR", "DE89", "411111111111", "4111 1111 1111 1111"}
	accounts := []string{"", "VISA ****-1234", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00"}
	files := []string{"statement.csv", "4111-1111-1111-1111.csv", "DE89370400440532013000.csv", "明細.csv"}
	amounts := []string{"12.30", "-5", "1234567890.55", "411111111111.11"}
	lines := []int64{2, 7, 203554, 99999999999, 100000000000, 4111111111111111, -3} // int64s, for a 32-bit build to compile; as ints, cut to 32 bits there
	rnd := rand.New(rand.NewPCG(51, 52))
	// Each value is most often the first, left whole, so that a good part
	// of the rows are.
	pick := func(n int) int {
		if rnd.IntN(10) < 7 {
			return 0
		}
		return rnd.IntN(n)
	}
	var rows []jsonTxn
	for range 4000 {
		r := jsonTxn{
			Date:        civil.MustDate("2026-03-02").AddDays(rnd.IntN(40)),
			Amount:      jsonAmount{money.FromDecimal(decimal.RequireFromString(amounts[pick(len(amounts))])), "USD"},
			Currency:    currencies[pick(len(currencies))],
			Description: descriptions[pick(len(descriptions))],
			Account:     accounts[pick(len(accounts))],
			File:        files[pick(len(files))],
			Line:        int(lines[pick(len(lines))]),
		}
		if rnd.IntN(50) == 0 {
			r.Date = civil.MustDate("2026-03-02").AddDays(3_000_000 + rnd.IntN(400_000_000)) // years of five to seven digits
		}
		if rnd.IntN(5) == 0 {
			r.OriginalAmount, r.OriginalCurrency = []string{"1,234", "4111111111111111"}[rnd.IntN(2)], currencies[rnd.IntN(len(currencies))]
		}
		rows = append(rows, r)
	}
	got := throughTheMasking(t, "unknown_charges", len(rows), func(j *jsonWriter, i int) { rows[i].write(j) })
	// Paths and amounts are kept whole whatever digits they hold; the
	// other texts are masked.
	for _, card := range []string{"4111 1111 1111 1111", `4111\t1111`, "４１１１ １１１１", "3704 0044 0532", `"4111111111111111"`} {
		if bytes.Contains(got, []byte(card)) {
			t.Errorf("%q shows in the output", card)
		}
	}
}

// TestOrdersLeftWholeMaskedAsEveryOrder is TestRowsLeftWholeMaskedAsEveryRow
// for the orders: their ids, confirmations, dates, amounts and the rest,
// each of which may hold what masking hides. The orders must also be
// written whole, as encoding/json writes them, whichever of their values
// the masking would not leave whole.
func TestOrdersLeftWholeMaskedAsEveryOrder(t *testing.T) {
	ids := []string{"250-1234567-7654321", "D01-1234567-1234567", "4111 1111 1111 1111", "250-1234567-7654321 4111", "12-1234567-1234567"}
	texts := []string{"still-charged", "", "refund", "alert", "USD", "VISA 1234", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "明細 ４１１１ １１１１ １１１１ １１１１", "\ufdd04111111111111111\ufdd1"}
	sources := []string{"confirmations.csv:12", "/home/user/Amazon/confirmations.csv:7337", "4111-1111-1111-1111.csv:3", "mail: Your refund 4111 1111 1111 1111"}
	amounts := []string{"10513.48", "0.00", "411111111111.11", "-5"}
	lines := []int64{12, 99999999999, 100000000000, 4111111111111111} // int64s, for a 32-bit build to compile; as ints, cut to 32 bits there
	rnd := rand.New(rand.NewPCG(71, 72))
	pick := func(n int) int {
		if rnd.IntN(10) < 8 {
			return 0
		}
		return rnd.IntN(n)
	}
	amt := func() jsonAmount {
		return jsonAmount{money.FromDecimal(decimal.RequireFromString(amounts[pick(len(amounts))])), "USD"}
	}
	date := func() *civil.Date {
		d := civil.MustDate("2026-03-02").AddDays(rnd.IntN(40))
		switch rnd.IntN(20) {
		case 0:
			return nil
		case 1:
			d = d.AddDays(3_000_000 + rnd.IntN(400_000_000)) // years of five to seven digits
		}
		return &d
	}
	var orders []jsonOrder
	for range 2000 {
		ordered := civil.MustDate("2026-03-02")
		if d := date(); d != nil {
			ordered = *d
		}
		o := jsonOrder{
			OrderID: ids[pick(len(ids))], Verdict: texts[pick(len(texts))], Severity: texts[pick(len(texts))], OrderDate: ordered,
			Amount: amt(), Currency: texts[pick(len(texts))], Card: texts[pick(len(texts))],
			ConfirmedOn: date(), ConfirmationKind: texts[pick(len(texts))], ConfirmationSource: sources[pick(len(sources))],
			ConfirmationFile: sources[pick(len(sources))], ConfirmationSubject: texts[pick(len(texts))],
			WatchUntil: date(), Closed: rnd.IntN(2) == 0, CoverageTo: date(),
			Charged: amt(), Credited: amt(), Outstanding: amt(),
			Charges: []jsonTxn{}, Credits: []jsonTxn{}, Candidates: []jsonTxn{},
			Reason: jsonReason{text: "charged 10,513.48 USD on 2015-01-04; " + texts[pick(len(texts))]}, Note: texts[pick(len(texts))],
			InterchangeableWith: []string{}, TiedWith: []string{}, CandidateCharges: []jsonTxn{},
		}
		if rnd.IntN(4) > 0 {
			line := int(lines[pick(len(lines))])
			o.ConfirmationLine = &line
		}
		row := func() jsonTxn {
			return jsonTxn{Date: civil.MustDate("2026-03-04"), Amount: amt(), Description: texts[pick(len(texts))], File: "statement.csv", Line: 7}
		}
		if rnd.IntN(3) == 0 {
			o.Charges = []jsonTxn{row()}
		}
		// The lists and members after the charges, which the masking
		// may leave whole around the reason, or not.
		if rnd.IntN(6) == 0 {
			o.Credits = []jsonTxn{row()}
		}
		if rnd.IntN(6) == 0 {
			o.Candidates = []jsonTxn{row(), row()}
		}
		if rnd.IntN(5) == 0 {
			o.Reason = jsonReason{text: texts[pick(len(texts))]}
		}
		if rnd.IntN(6) == 0 {
			a := amt()
			o.CardAmount = &a
		}
		if rnd.IntN(6) == 0 {
			o.InterchangeableWith = []string{ids[pick(len(ids))], ids[pick(len(ids))]}
		}
		if rnd.IntN(6) == 0 {
			o.TiedWith = []string{ids[pick(len(ids))]}
		}
		if rnd.IntN(6) == 0 {
			o.CandidateCharges = []jsonTxn{row()}
		}
		if rnd.IntN(8) == 0 {
			a := amt()
			o.TieOutstanding = &a
		}
		orders = append(orders, o)
	}
	// Every member of every order is written, whatever its values: as
	// encoding/json writes them.
	r := &JSONReport{Orders: orders}
	if got, want := written(t, r), encodingJSON(t, r); got != want {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Fatalf("the orders differ from what encoding/json writes from byte %d:\n%q\nencoding/json:\n%q", i, got[max(0, i-300):min(len(got), i+200)], want[max(0, i-300):min(len(want), i+200)])
	}
	got := throughTheMasking(t, "orders", len(orders), func(j *jsonWriter, i int) { orders[i].write(j) })
	for _, card := range []string{"4111 1111 1111 1111", "3704 0044 0532", "４１１１ １１１１", `"4111111111111111"`} {
		if bytes.Contains(got, []byte(card)) {
			t.Errorf("%q shows in the output", card)
		}
	}
}

// TestWholeOrdersMakeOneRun writes orders whose every value the masking
// leaves whole, their reasons' lines too (LeftAsIs): they are one run of
// lines, which the masking writes as they are, but for the lines it must
// look through. An order whose note holds a card number leaves it its
// lines from the note on, and one whose reason holds one its reason's
// line; neither may be in a run.
func TestWholeOrdersMakeOneRun(t *testing.T) {
	orders := make([]jsonOrder, 30)
	for i := range orders {
		d := civil.MustDate("2026-03-02")
		orders[i] = jsonOrder{
			OrderID: "250-1234567-7654321", Verdict: "still-charged", Severity: "alert", OrderDate: d,
			Amount: jsonAmount{money.New(1051348, -2), "USD"}, Currency: "USD", ConfirmedOn: &d,
			ConfirmationKind: "refund", ConfirmationSource: "confirmations.csv:12", ConfirmationFile: "confirmations.csv",
			WatchUntil: &d, CoverageTo: &d, Charged: jsonAmount{money.New(1051348, -2), "USD"},
			Credited: jsonAmount{money.New(0, -2), "USD"}, Outstanding: jsonAmount{money.New(1051348, -2), "USD"},
			Charges: []jsonTxn{{Date: d, Amount: jsonAmount{money.New(1051348, -2), "USD"}, Description: "AMZN Mktp US*2K4RT5Q31", File: "statement.csv", Line: 7}},
			Credits: []jsonTxn{}, Candidates: []jsonTxn{},
			Reason:              jsonReason{text: "charged 10,513.48 USD on 2026-03-04; Amazon confirmed the refund on 2026-03-02"},
			InterchangeableWith: []string{}, TiedWith: []string{}, CandidateCharges: []jsonTxn{},
		}
	}
	orders[11].Note = "card 4111 1111 1111 1111"
	orders[20].Reason = jsonReason{text: "charged 10,513.48 USD on 2026-03-04 to card 4111 1111 1111 1111"}
	j := &jsonWriter{w: io.Discard, b: make([]byte, 0, jsonFlushAt)}
	j.open('{')
	j.key("orders")
	j.list(len(orders), false, func(i int) { orders[i].write(j) })
	j.close('}')
	var left []string
	done, reasons := 0, 0
	for _, r := range j.whole {
		if r.From < done || r.From > 0 && j.b[r.From-1] != '\n' || j.b[r.To-1] != '\n' {
			t.Fatalf("run %d-%d is not whole lines after %d", r.From, r.To, done)
		}
		if bytes.Contains(j.b[r.From:r.To], []byte("4111")) {
			t.Fatalf("the run holds the card number:\n%s", j.b[r.From:r.To])
		}
		reasons += bytes.Count(j.b[r.From:r.To], []byte(`"reason": "charged`))
		left = append(left, strings.Split(strings.TrimSuffix(string(j.b[done:r.From]), "\n"), "\n")...)
		done = r.To
	}
	left = append(left, strings.Split(string(j.b[done:]), "\n")...)
	cardReasons, other := 0, 0
	for _, line := range left {
		switch {
		case strings.Contains(line, `"reason": "charged`) && strings.Contains(line, "4111"):
			cardReasons++
		case line != "":
			other++
		}
	}
	// The runs: to the note's line, from the brace after it to the reason
	// with the card number, and after that reason. Left: the note's line
	// and those after it to the order's brace, the reason with the card
	// number, and the report's opening brace and key and its last lines.
	if len(j.whole) != 3 || reasons != len(orders)-1 || cardReasons != 1 || other != 7+3+3 {
		t.Fatalf("%d runs holding %d reasons of %d orders; the masking is left %d reasons with a card number and %d other lines:\n%s",
			len(j.whole), reasons, len(orders), cardReasons, other, strings.Join(left, "\n"))
	}
}

// TestEmptyOrderTailLeftWhole holds jsonOrder.emptyTail to its promise:
// the lines of an order from its note to its brace, where emptyTail says
// they are empty, are left whole by the masking at any depth, with lists
// written empty or null.
func TestEmptyOrderTailLeftWhole(t *testing.T) {
	d := civil.MustDate("2026-03-02")
	a := jsonAmount{money.New(1299, -2), "USD"}
	for _, o := range []jsonOrder{
		{OrderID: "250-1234567-7654321", OrderDate: d, Amount: a, Charged: a, Credited: a, Outstanding: a},
		{OrderID: "250-1234567-7654321", OrderDate: d, Amount: a, Charged: a, Credited: a, Outstanding: a,
			InterchangeableWith: []string{}, TiedWith: []string{}, CandidateCharges: []jsonTxn{}},
	} {
		if !o.emptyTail() {
			t.Fatalf("%+v: the tail is not empty", o)
		}
		for depth := range 4 {
			j := &jsonWriter{w: io.Discard}
			for range depth {
				j.open('[')
			}
			o.write(j)
			text := j.b[bytes.Index(j.b, []byte(`"reason"`)):]
			tail := text[bytes.IndexByte(text, '\n')+1:]
			if !bytes.Contains(tail, []byte(`"note"`)) || !bytes.HasSuffix(tail, []byte("}")) {
				t.Fatalf("depth %d: no tail in\n%s", depth, j.b)
			}
			if !mask.LeftWhole(tail) {
				t.Fatalf("depth %d: the masking does not leave the empty tail whole:\n%s", depth, tail)
			}
		}
	}
	for _, o := range []jsonOrder{{Note: "x"}, {CardAmount: &a}, {InterchangeableWith: []string{"x"}}, {TiedWith: []string{"x"}},
		{CandidateCharges: []jsonTxn{{}}}, {TieOutstanding: &a}} {
		if o.emptyTail() {
			t.Fatalf("%+v: the tail is empty", o)
		}
	}
}

// TestExtendWholeAsksEachNewGap holds extendWhole's memory of the last
// gap it passed to its promise: a gap the masking would look through is
// never joined to a run, however often it comes, nor one that differs
// from the gap passed before by a byte.
func TestExtendWholeAsksEachNewGap(t *testing.T) {
	j := &jsonWriter{w: io.Discard}
	for i, tc := range []struct {
		gap  string
		join bool
	}{
		{"4111 1111 1111 1111\n", false}, {"4111 1111 1111 1111\n", false},
		{"    },\n    {\n", true}, {"    },\n    {\n", true},
		{"    }4111111111111\n", false}, {"    },\n    {\n", true},
		{"DE89 3704 0044 05\n", false}, {"DE89 3704 0044 05\n", false},
	} {
		j.b = append(j.b, "  \"line\": 7\n"...)
		j.whole = append(j.whole[:0], mask.Lines{From: len(j.b) - 13, To: len(j.b)})
		j.b = append(j.b, tc.gap...)
		if got := j.extendWhole(len(j.b)); got != tc.join {
			t.Fatalf("gap %d %q: joined %t, want %t", i, tc.gap, got, tc.join)
		}
	}
}

// TestWholeRowsMakeOneRun writes a list of statement rows that the
// masking leaves whole: their runs of lines are one run, the brackets,
// commas and braces between the rows joined in, but for the row the
// masking must look through, which parts the list's run in two.
func TestWholeRowsMakeOneRun(t *testing.T) {
	row := func(desc string) jsonTxn {
		return jsonTxn{Date: civil.MustDate("2026-03-02"), Amount: jsonAmount{money.New(1299, -2), "USD"}, Description: desc, File: "statement.csv", Line: 7}
	}
	for _, tc := range []struct {
		card int // the row with a card number, -1 for none
		runs int
	}{{-1, 1}, {0, 1}, {20, 2}, {39, 1}} {
		rows := make([]jsonTxn, 40)
		for i := range rows {
			rows[i] = row("AMZN Mktp US*2K4RT5Q31")
			if i == tc.card {
				rows[i].Description = "AMAZON 4111 1111 1111 1111"
			}
		}
		j := &jsonWriter{w: io.Discard, b: make([]byte, 0, jsonFlushAt)}
		j.open('{')
		j.key("unknown_charges")
		j.list(len(rows), false, func(i int) { rows[i].write(j) })
		if len(j.whole) != tc.runs {
			t.Fatalf("card number in row %d: %d runs, want %d: %v", tc.card, len(j.whole), tc.runs, j.whole)
		}
		for _, r := range j.whole {
			run := j.b[r.From:r.To]
			if r.From > 0 && j.b[r.From-1] != '\n' || run[len(run)-1] != '\n' {
				t.Fatalf("run %q is not whole lines", run)
			}
			if bytes.Contains(run, []byte("4111")) {
				t.Fatalf("the run holds the card number:\n%s", run)
			}
			if n := bytes.Count(run, []byte(`"date"`)); n < 19 {
				t.Fatalf("a run of %d rows:\n%s", n, run)
			}
		}
	}
}

// TestOrderTailAcrossAFlush writes orders whose lists of candidate
// charges, each a run of whole rows, are long enough that the writer
// writes its text out within them, wherever the orders start in its
// buffer: the run from the note to the order's brace must then not be
// taken (j.b no longer holds the note's line), and the output must be what
// it is with every line looked through.
func TestOrderTailAcrossAFlush(t *testing.T) {
	d := civil.MustDate("2026-03-02")
	a := jsonAmount{money.New(1299, -2), "USD"}
	order := func(candidates int) jsonOrder {
		o := jsonOrder{OrderID: "250-1234567-7654321", Verdict: "ambiguous", Severity: "alert", OrderDate: d, Amount: a, Currency: "USD",
			ConfirmedOn: &d, ConfirmationKind: "refund", ConfirmationSource: "confirmations.csv:12", ConfirmationFile: "confirmations.csv",
			WatchUntil: &d, CoverageTo: &d, Charged: a, Credited: a, Outstanding: a,
			Charges: []jsonTxn{}, Credits: []jsonTxn{}, Candidates: []jsonTxn{},
			Reason:              jsonReason{text: "charged 12.99 USD on 2026-03-02, or another order's charge"},
			InterchangeableWith: []string{}, TiedWith: []string{}, CandidateCharges: []jsonTxn{}}
		for range candidates {
			o.CandidateCharges = append(o.CandidateCharges, jsonTxn{Date: d, Amount: a, Description: "AMZN Mktp US", File: "statement.csv", Line: 7})
		}
		return o
	}
	write := func(every bool, pad int, orders []jsonOrder) []byte {
		checkEveryRow = every
		defer func() { checkEveryRow = false }()
		var out bytes.Buffer
		m := mask.NewWriter(&out)
		j := &jsonWriter{w: m, b: make([]byte, 0, jsonFlushAt+4096)}
		j.open('{')
		j.key("padding")
		j.str(strings.Repeat("x", pad))
		j.key("orders")
		j.list(len(orders), false, func(i int) { orders[i].write(j) })
		j.close('}')
		j.flush()
		if j.err != nil {
			t.Fatal(j.err)
		}
		if err := m.Flush(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	for _, n := range []int{300, 600} {
		orders := []jsonOrder{order(n), order(0)}
		for pad := 0; pad < jsonFlushAt; pad += 1500 {
			if got, want := write(false, pad, orders), write(true, pad, orders); !bytes.Equal(got, want) {
				t.Fatalf("%d candidate charges after %d bytes: the output differs from the one with every line looked through", n, pad)
			}
		}
	}
}
