package parser

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/internal/brief"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// farLine is a line past 2³¹ where an int holds one (64 bits), the
// largest int otherwise (32 bits).
const farLine = min(math.MaxInt32+5, math.MaxInt)

// keptSamples are transactions of every shape KeptRows must keep: amounts
// of every size and exponent, foreign amounts (one of 0.00), days of use,
// accounts, currencies, texts normalised or not, empty, a line past 2³¹
// (where an int holds one: farLine).
func keptSamples() []Transaction {
	d := civil.MustDate("2026-03-02")
	return []Transaction{
		{Date: d, Description: "AMAZON.CO.JP", Normalized: "AMAZON.CO.JP", Amount: decimal.New(12800, 0), Currency: "JPY", File: "a.csv", Line: 7},
		{Date: d.AddDays(1), UsedOn: d, Description: "Amazon Mktp", Normalized: "AMAZON MKTP", Amount: decimal.New(-1050, -2), Currency: "EUR",
			OrigAmount: decimal.New(1200, -2), OrigCurrency: "USD", Account: "VISA ****1234", File: "a.csv", Line: 8},
		{Date: d.AddDays(2), Description: "ＡＭＡＺＯＮ", Normalized: "AMAZON", Amount: decimal.RequireFromString("12345678901234567890.5"), File: "b.csv", Line: farLine},
		{Date: d.AddDays(3), Description: "", Normalized: "", Amount: decimal.New(300, 2), OrigAmount: decimal.New(0, -2), Account: "VISA ****1234", File: "a.csv", Line: 9},
		{Date: d.AddDays(3), Description: "AMZN", Normalized: "AMZN", Amount: decimal.New(5, -30), File: "a.csv", Line: 10},
	}
}

// sameTxn reports whether a and b agree in every field, amounts by value
// and exponent: a decimal made again holds a big.Int of its own.
func sameTxn(a, b Transaction) bool {
	if !a.Amount.Equal(b.Amount) || a.Amount.Exponent() != b.Amount.Exponent() ||
		!a.OrigAmount.Equal(b.OrigAmount) || a.OrigAmount.Exponent() != b.OrigAmount.Exponent() {
		return false
	}
	a.Amount, b.Amount, a.OrigAmount, b.OrigAmount = decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}
	return reflect.DeepEqual(a, b)
}

// TestKeptRowsKeepEveryField checks that KeptRows gives back each
// transaction as it was added, field for field, through At and through
// each accessor, whether added with its decimal or with a money.Value.
func TestKeptRowsKeepEveryField(t *testing.T) {
	want := keptSamples()
	k := KeptOf(want...)
	var byValue KeptRows
	for i := range want {
		x := want[i]
		x.Amount = decimal.Decimal{} // AddValue does not read it
		byValue.AddValue(&x, money.FromDecimal(want[i].Amount))
	}
	for _, k := range []*KeptRows{&k, &byValue} {
		if k.Len() != len(want) {
			t.Fatalf("%d rows, want %d", k.Len(), len(want))
		}
		for i, w := range want {
			if got := k.At(i); !sameTxn(got, w) {
				t.Errorf("row %d: %+v, want %+v", i, got, w)
			}
			if k.Date(i) != w.Date || k.UsedOn(i) != w.UsedOn || k.Line(i) != w.Line || k.Account(i) != w.Account || k.Currency(i) != w.Currency ||
				k.OrigCurrency(i) != w.OrigCurrency || k.Normalized(i) != w.Normalized || k.Sign(i) != w.Amount.Sign() ||
				!k.Amount(i).Decimal().Equal(w.Amount) || k.HasOriginal(i) != (w.OrigCurrency != "" && !w.OrigAmount.IsZero()) {
				t.Errorf("row %d: the accessors disagree with %+v", i, w)
			}
		}
		if s := k.Slice(); len(s) != len(want) || !sameTxn(s[1], want[1]) {
			t.Errorf("Slice: %d rows", len(s))
		}
	}
}

// TestKeptRowsSettle checks the changes a reader makes at the end of a
// file: a day settled, a sign turned (of small and large amounts), a
// foreign amount given to a row with none and to one with one, rows
// filtered out, the others kept in order.
func TestKeptRowsSettle(t *testing.T) {
	want := keptSamples()
	k := KeptOf(want...)
	later := civil.MustDate("2026-04-01")
	k.SetDate(0, later)
	want[0].Date = later
	k.Negate(1)
	want[1].Amount = want[1].Amount.Neg()
	k.Negate(2)
	want[2].Amount = want[2].Amount.Neg()
	k.SetOriginal(0, decimal.New(85, 0), "USD")
	want[0].OrigAmount, want[0].OrigCurrency = decimal.New(85, 0), "USD"
	k.SetOriginal(1, decimal.New(13, 0), "GBP")
	want[1].OrigAmount, want[1].OrigCurrency = decimal.New(13, 0), "GBP"
	k.Filter(func(i int) bool { return i != 3 })
	want = append(want[:3], want[4:]...)
	if k.Len() != len(want) {
		t.Fatalf("%d rows, want %d", k.Len(), len(want))
	}
	for i, w := range want {
		if got := k.At(i); !sameTxn(got, w) {
			t.Errorf("row %d: %+v, want %+v", i, got, w)
		}
	}
	if k.Sign(1) != 1 || k.Sign(2) != -1 || !k.HasOriginal(0) {
		t.Errorf("signs %d %d, original %t", k.Sign(1), k.Sign(2), k.HasOriginal(0))
	}
}

// TestStatementCountsKeptRows checks that a statement counts, dates and
// finds late the rows it keeps in full.
func TestStatementCountsKeptRows(t *testing.T) {
	s := &Statement{File: "a.csv", Txns: KeptOf(keptSamples()...)}
	s.Brief.Count(1, 2)
	if s.Transactions() != 7 {
		t.Errorf("%d transactions, want 7", s.Transactions())
	}
	if c, cr := s.ChargesAndCredits(); c != 6 || cr != 1 {
		t.Errorf("%d charges %d credits, want 6 and 1", c, cr)
	}
	if n, line, exact := s.RowsAfter(civil.MustDate("2026-03-03")); n != 3 || line != 9 || !exact {
		t.Errorf("rows after: %d from line %d (%t), want 3 from line 9", n, line, exact)
	}
	var days []string
	for day, acct := range s.Days() {
		days = append(days, day.String()+" "+acct)
	}
	want := []string{"2026-03-02 ", "2026-03-03 VISA ****1234", "2026-03-04 ", "2026-03-05 VISA ****1234", "2026-03-05 "}
	if !reflect.DeepEqual(days, want) {
		t.Errorf("days %q, want %q", days, want)
	}
}

// TestKeptRowsManyNames checks the rows of a file that names more accounts
// than the 65,535 numbers of its string table: each keeps its own, and a
// foreign currency given afterwards, past the table too.
func TestKeptRowsManyNames(t *testing.T) {
	if size := unsafe.Sizeof(keptRow{}); size != 40 {
		t.Errorf("a kept row takes %d bytes, want 40", size)
	}
	const n = 70_000
	var k KeptRows
	d := civil.MustDate("2026-03-02")
	for i := range n {
		k.Add(&Transaction{Date: d, Description: "AMAZON", Normalized: "AMAZON", Amount: decimal.New(int64(i), -2),
			Account: fmt.Sprintf("VISA ****%05d", i), Currency: "JPY", File: "big.csv", Line: i + 2})
	}
	k.SetOriginal(n-1, decimal.New(7, 0), "USD")
	k.SetOriginal(n-2, decimal.New(8, 0), fmt.Sprintf("X%05d", n))
	for i := range n {
		x := k.At(i)
		if want := fmt.Sprintf("VISA ****%05d", i); x.Account != want || k.Account(i) != want || x.Currency != "JPY" || x.File != "big.csv" || x.Line != i+2 {
			t.Fatalf("row %d: %q %q %q line %d; want %q", i, x.Account, x.Currency, x.File, x.Line, want)
		}
	}
	if x := k.At(n - 1); x.OrigCurrency != "USD" || !x.OrigAmount.Equal(decimal.New(7, 0)) || !k.HasOriginal(n-1) {
		t.Errorf("last row: original %s %s", x.OrigAmount, x.OrigCurrency)
	}
	if x := k.At(n - 2); x.OrigCurrency != fmt.Sprintf("X%05d", n) || k.OrigCurrency(n-2) != x.OrigCurrency || x.Account != fmt.Sprintf("VISA ****%05d", n-2) {
		t.Errorf("row before: original currency %q, account %q", x.OrigCurrency, x.Account)
	}
}

// TestKeptRowsTextPastBuffer checks the rows whose texts no longer fit the
// buffer's offsets: they keep them in their extra, and read back the same.
func TestKeptRowsTextPastBuffer(t *testing.T) {
	defer func(n int) { maxKeptText = n }(maxKeptText)
	maxKeptText = 40
	want := keptSamples()
	k := KeptOf(want...)
	past := 0
	for i, w := range want {
		if k.rows[i].descN == textInExtra {
			past++
		}
		if got := k.At(i); !sameTxn(got, w) || k.Normalized(i) != w.Normalized {
			t.Errorf("row %d: %+v, want %+v", i, got, w)
		}
	}
	if past == 0 || past == len(want) {
		t.Errorf("%d of %d rows past the buffer; the test wants some, not all", past, len(want))
	}
}

// TestKeptRowsLongTexts checks the rows whose description or normalised
// description is longer than a row's lengths reach (maxRowText): their
// extra keeps both, the buffer neither, and they read back the same; and a
// row naming an original currency without an amount, which keeps its
// currency in its extra.
func TestKeptRowsLongTexts(t *testing.T) {
	d := civil.MustDate("2026-03-02")
	long := strings.Repeat("Amazon.co.jp ", maxRowText/13+1)
	want := []Transaction{
		{Date: d, Description: "AMAZON", Normalized: "AMAZON", Amount: decimal.New(1, 0), File: "a.csv", Line: 2},
		{Date: d, Description: long, Normalized: strings.ToUpper(strings.TrimSpace(long)), Amount: decimal.New(2, 0), File: "a.csv", Line: 3},
		{Date: d, Description: "AMAZON", Normalized: long[:maxRowText+1], Amount: decimal.New(3, 0), File: "a.csv", Line: 4},
		{Date: d, Description: long[:maxRowText], Normalized: long[:maxRowText], Amount: decimal.New(4, 0), File: "a.csv", Line: 5},
		{Date: d, Description: "AMAZON", Normalized: "AMAZON", Amount: decimal.New(5, 0), OrigCurrency: "USD", File: "a.csv", Line: 6},
	}
	k := KeptOf(want...)
	for i, w := range want {
		if got := k.At(i); !sameTxn(got, w) || k.Normalized(i) != w.Normalized || string(k.AppendNormalized(nil, i)) != w.Normalized || k.OrigCurrency(i) != w.OrigCurrency {
			t.Errorf("row %d does not read back as it was added", i)
		}
	}
	if inExtra := []bool{false, true, true, false, false}; k.TextLen() != len("AMAZON")*2+maxRowText {
		t.Errorf("TextLen = %d, want %d: texts past maxRowText are not in the buffer", k.TextLen(), len("AMAZON")*2+maxRowText)
	} else {
		for i, want := range inExtra {
			if got := k.rows[i].descN == textInExtra; got != want {
				t.Errorf("row %d: texts in extra %t, want %t", i, got, want)
			}
		}
	}
	if k.HasOriginal(4) {
		t.Errorf("row 4 names a currency but no amount: it has no original amount")
	}
}

// TestKeptRowsAddAllocatesNothing checks that adding a row with room made
// allocates nothing: no row's own object, whatever it names.
func TestKeptRowsAddAllocatesNothing(t *testing.T) {
	var k KeptRows
	x := keptSamples()[0]
	k.Add(&x)
	k.Grow(1000, 100_000)
	if n := testing.AllocsPerRun(500, func() { k.AddValue(&x, money.New(12800, 0)) }); n != 0 {
		t.Errorf("AddValue allocates %.1f times a row, want none", n)
	}
}

// TestBriefBefore checks that the rows kept in full before a day are then
// kept in brief, as a reader told that day from the start keeps them:
// counted by sign, their days set per account (an account the brief rows
// named already, and a new one); the others stay, in order, and the
// statement's totals and days do not change.
func TestBriefBefore(t *testing.T) {
	s := &Statement{File: "a.csv", Txns: KeptOf(keptSamples()...)}
	var accounts brief.AccountIndex
	a, _ := accounts.Of(&s.Brief, "VISA ****1234")
	s.Brief.Count(1, 1)
	s.Brief.Days[a].Add(civil.MustDate("2026-01-05"))
	total := s.Transactions()
	charges, credits := s.ChargesAndCredits()
	days := map[string]bool{}
	for day, acct := range s.Days() {
		days[day.String()+" "+acct] = true
	}
	s.BriefBefore(civil.MustDate("2026-03-04"))
	if s.Txns.Len() != 3 || s.Txns.At(0).Line != farLine || s.Txns.At(2).Line != 10 {
		t.Fatalf("%d rows kept in full, want the last 3 in order", s.Txns.Len())
	}
	if c, cr := s.ChargesAndCredits(); s.Transactions() != total || c != charges || cr != credits || s.Brief.N != 3 {
		t.Errorf("%d transactions (%d charges, %d credits), %d in brief; want %d (%d, %d), 3", s.Transactions(), c, cr, s.Brief.N, total, charges, credits)
	}
	if len(s.Brief.Accounts) != 2 || s.Brief.Accounts[0] != "VISA ****1234" || s.Brief.Accounts[1] != "" {
		t.Errorf("brief accounts %q, want the card's and the unnamed one", s.Brief.Accounts)
	}
	got := map[string]bool{}
	for day, acct := range s.Days() {
		got[day.String()+" "+acct] = true
	}
	if !reflect.DeepEqual(got, days) {
		t.Errorf("days %v, want %v", got, days)
	}
}

// TestKeptRowsAgreeWithSlice keeps random transactions both in KeptRows and
// in a slice, settles both alike (days, signs, foreign amounts, rows left
// out), and reads every row back: amounts of every size and exponent, zero
// foreign amounts with exponents, days of use, lines of 0 and past 2³¹,
// shared and own normalised texts, names past a lowered string limit and
// texts past a lowered buffer.
func TestKeptRowsAgreeWithSlice(t *testing.T) {
	defer func(n int) { maxKeptText = n }(maxKeptText)
	maxKeptText = 200_000
	r := rand.New(rand.NewPCG(21, 22))
	day := civil.MustDate("2026-01-01")
	amount := func() decimal.Decimal {
		switch r.IntN(6) {
		case 0:
			return decimal.RequireFromString(fmt.Sprintf("%d%018d.%d", 1+r.IntN(9), r.Int64N(1e17), r.IntN(100)))
		case 1:
			return decimal.New(r.Int64N(1_000_000)-500_000, int32(r.IntN(41)-20))
		}
		return decimal.New(r.Int64N(2_000_000)-1_000_000, -int32(r.IntN(3)))
	}
	var want []Transaction
	var k KeptRows
	for i := range 20_000 {
		x := Transaction{Date: day.AddDays(r.IntN(400)), Amount: amount(), File: fmt.Sprintf("f%d.csv", r.IntN(3)), Line: r.IntN(1000)}
		switch r.IntN(10) {
		case 0:
			x.Line = math.MaxInt32 + r.IntN(10)
		case 1:
			x.UsedOn = x.Date.AddDays(-r.IntN(3))
		case 2:
			x.OrigAmount, x.OrigCurrency = amount().Abs(), "USD"
		case 3:
			x.OrigAmount = decimal.New(0, -2)
		}
		x.Description = fmt.Sprintf("Amazon %d", r.IntN(5000))
		x.Normalized = strings.ToUpper(x.Description)
		if r.IntN(3) == 0 {
			x.Description = x.Normalized
		}
		if r.IntN(4) > 0 {
			x.Account, x.Currency = fmt.Sprintf("card %d", r.IntN(50)), []string{"", "JPY", "EUR"}[r.IntN(3)]
		}
		want = append(want, x)
		if i%2 == 0 {
			k.Add(&x)
		} else {
			y := x
			y.Amount = decimal.Decimal{}
			k.AddValue(&y, money.FromDecimal(x.Amount))
		}
	}
	for range 3000 {
		i := r.IntN(len(want))
		switch r.IntN(3) {
		case 0:
			d := day.AddDays(r.IntN(400))
			k.SetDate(i, d)
			want[i].Date = d
		case 1:
			k.Negate(i)
			want[i].Amount = want[i].Amount.Neg()
		case 2:
			a := amount().Abs()
			k.SetOriginal(i, a, "GBP")
			want[i].OrigAmount, want[i].OrigCurrency = a, "GBP"
		}
	}
	drop := func(i int) bool { return want[i].Line%7 == 3 }
	k.Filter(func(i int) bool { return !drop(i) })
	var kept []Transaction
	for i := range want {
		if !drop(i) {
			kept = append(kept, want[i])
		}
	}
	if k.Len() != len(kept) {
		t.Fatalf("%d rows, want %d", k.Len(), len(kept))
	}
	for i, w := range kept {
		if got := k.At(i); !sameTxn(got, w) || k.Sign(i) != w.Amount.Sign() || k.Normalized(i) != w.Normalized ||
			k.HasOriginal(i) != (w.OrigCurrency != "" && !w.OrigAmount.IsZero()) {
			t.Fatalf("row %d: %+v, want %+v", i, got, w)
		}
	}
}

// TestKeptRowsMakeASCIINormalAgain checks the normalised descriptions
// KeptRows does not keep but makes again, those of ASCII descriptions in
// the form every reader gives them: each reads back as given, through
// Normalized, AppendNormalized and At, while AtValue leaves it empty; the
// text holds only the description. A normalised description of any other
// kind (not what AppendNormalASCII makes, or of a description beyond
// ASCII) is kept as given.
func TestKeptRowsMakeASCIINormalAgain(t *testing.T) {
	d := civil.MustDate("2026-03-02")
	rows := []struct {
		desc, norm string
		made       bool
	}{
		{"Amazon.com*AB12CD34E", "AMAZON.COM*AB12CD34E", true},
		{" amzn  Mktp\tUS*X1 ", "AMZN MKTP US*X1", true},
		{"Amazon refund", "SOMETHING ELSE", false},
		{"Amazon refund", "AMAZON  REFUND", false},
		{"Ａｍａｚｏｎ", "AMAZON", false},
		{"AMAZON.CO.JP", "AMAZON.CO.JP", false},
	}
	var k KeptRows
	text := 0
	for _, r := range rows {
		x := Transaction{Date: d, Description: r.desc, Normalized: r.norm, Amount: decimal.New(100, 0), File: "a.csv", Line: 2}
		k.Add(&x)
		text += len(r.desc)
		if !r.made && r.norm != r.desc {
			text += len(r.norm)
		}
	}
	if k.TextLen() != text {
		t.Errorf("TextLen = %d, want %d: only the normalised texts not made again are kept", k.TextLen(), text)
	}
	for i, r := range rows {
		if got := k.Normalized(i); got != r.norm {
			t.Errorf("row %d: Normalized = %q, want %q", i, got, r.norm)
		}
		if got := string(k.AppendNormalized([]byte("x:"), i)); got != "x:"+r.norm {
			t.Errorf("row %d: AppendNormalized = %q, want %q", i, got, "x:"+r.norm)
		}
		if got := k.At(i).Normalized; got != r.norm {
			t.Errorf("row %d: At: Normalized = %q, want %q", i, got, r.norm)
		}
		want := r.norm
		if r.made {
			want = ""
		}
		if got, _ := k.AtValue(i); got.Normalized != want || got.Description != r.desc {
			t.Errorf("row %d: AtValue: %q, %q; want %q, %q", i, got.Description, got.Normalized, r.desc, want)
		}
	}
	x := Transaction{Date: d, Description: rows[1].desc, Normalized: rows[1].norm, File: "a.csv"}
	k.Grow(1000, 100_000)
	if n := testing.AllocsPerRun(500, func() { k.AddValue(&x, money.New(100, 0)) }); n != 0 {
		t.Errorf("AddValue allocates %.1f times a row whose normalised text it makes again, want none", n)
	}
}

// AddValueMadeASCII, for a row whose reader made its Normalized with
// AppendNormalASCII, must keep what AddValue keeps of it, which tells the
// same by making the form again: descriptions in every case, with runs of
// spaces and tabs, and spaces about them.
func TestAddValueMadeASCIIKeepsWhatAddValueKeeps(t *testing.T) {
	rnd := rand.New(rand.NewPCG(41, 42))
	pieces := []string{"Amazon", ".com", "*", "mktp", "US", " ", "  ", "\t", "AB12", "refund", "7"}
	var a, b KeptRows
	for range 2000 {
		var s strings.Builder
		for range 1 + rnd.IntN(6) {
			s.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		desc := s.String()
		x := Transaction{Date: civil.MustDate("2026-03-02"), Description: desc, Normalized: string(textenc.AppendNormalASCII(nil, desc)), File: "a.csv", Line: 2}
		a.AddValue(&x, money.New(1234, -2))
		b.AddValueMadeASCII(&x, money.New(1234, -2))
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("AddValueMadeASCII keeps otherwise than AddValue")
	}
	if a.TextLen() == 0 {
		t.Fatal("nothing kept")
	}
}
