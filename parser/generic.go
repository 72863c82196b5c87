package parser

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// FormatGeneric is the name of the reader for CSV files with a recognisable header.
const FormatGeneric = "generic"

// column is what a header cell says its column holds.
type column int

const (
	colNone column = iota
	colPostDate
	colDate
	colUseDate
	colDescription
	colAmount
	colDebit
	colCredit
	colCurrency
	colOrigAmount
	colOrigCurrency
	colAccount
	numColumns
)

// headerNames lists, per column kind, the header cells that name it, after
// folding (NFKC, lower case, a trailing "(…)" such as "(¥)" or "(USD)"
// removed). Earlier names win when a file has several columns of one kind.
var headerNames = map[column][]string{
	colPostDate:     {"posting date", "post date", "posted date", "booking date", "clearing date", "buchungstag", "計上日"},
	colDate:         {"date", "日付", "取引日", "年月日", "datum"},
	colUseDate:      {"transaction date", "trans. date", "trans date", "利用日", "ご利用日", "ご利用年月日", "利用年月日", "利用日/キャンセル日", "belegdatum"},
	colDescription:  {"description", "payee", "merchant", "name", "transaction description", "narrative", "利用店名・商品名", "利用店名", "ご利用店名", "ご利用先", "ご利用先など", "ご利用店名及び商品名", "ご利用箇所", "ご利用場所", "利用内容", "摘要", "お取り扱い内容", "取引内容", "入出金内容", "内容", "beschreibung", "buchungstext"},
	colAmount:       {"amount", "transaction amount", "利用金額", "ご利用金額", "ご利用額", "金額", "入出金", "betrag"},
	colDebit:        {"debit", "debit amount", "withdrawal", "withdrawals", "money out", "paid out", "支払い金額", "出金金額", "お引出し", "払出金額", "お支払金額"},
	colCredit:       {"credit", "credit amount", "deposit", "deposits", "money in", "paid in", "預かり金額", "入金金額", "お預入れ", "受入金額", "払戻額"},
	colCurrency:     {"currency", "通貨", "währung"},
	colOrigAmount:   {"original amount", "local amount", "foreign amount", "amount (foreign currency)", "現地通貨額"},
	colOrigCurrency: {"original currency", "local currency", "foreign currency", "通貨略称"},
	colAccount:      {"card no.", "card number", "card", "account", "account number", "account #", "カード番号"},
}

// headerIndex maps a folded header cell to its column kind and rank.
var headerIndex = func() map[string]struct {
	kind column
	rank int
} {
	m := map[string]struct {
		kind column
		rank int
	}{}
	for kind, names := range headerNames {
		for rank, n := range names {
			m[n] = struct {
				kind column
				rank int
			}{kind, rank}
		}
	}
	return m
}()

// foldHeader turns a header cell into the form headerNames uses.
func foldHeader(cell string) string {
	h := strings.ToLower(Fold(cell))
	if h != "amount (foreign currency)" {
		if i := strings.LastIndexByte(h, '('); i > 0 && strings.HasSuffix(h, ")") {
			h = strings.TrimSpace(h[:i])
		}
	}
	return strings.Join(strings.Fields(h), " ")
}

// genericLayout is where a generic file keeps each kind of column.
type genericLayout struct {
	line   int
	width  int             // columns the reader needs
	fields int             // cells in the header row
	col    [numColumns]int // column index + 1; 0 when absent
}

func (l *genericLayout) has(c column) bool { return l.col[c] > 0 }

func (l *genericLayout) cell(rec []string, c column) string {
	if l.col[c] == 0 || l.col[c] > len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[l.col[c]-1])
}

// dateColumn is the column that gives Transaction.Date: the posting date
// where there is one.
func (l *genericLayout) dateColumn() column {
	for _, c := range []column{colPostDate, colDate, colUseDate} {
		if l.has(c) {
			return c
		}
	}
	return colNone
}

// matchHeader reports whether rec is a header naming a date, a description and
// an amount (or debit/credit) column, and where they are.
func matchHeader(rec []string) (genericLayout, bool) {
	var l genericLayout
	var rank [numColumns]int
	for i, cell := range rec {
		e, ok := headerIndex[foldHeader(cell)]
		if !ok {
			continue
		}
		if l.col[e.kind] == 0 || e.rank < rank[e.kind] {
			l.col[e.kind], rank[e.kind] = i+1, e.rank
		}
	}
	ok := l.dateColumn() != colNone && l.has(colDescription) &&
		(l.has(colAmount) || l.has(colDebit) || l.has(colCredit))
	for _, c := range l.col {
		l.width = max(l.width, c)
	}
	l.fields = len(rec)
	return l, ok
}

// headerSearchRows is how many records may come before the header.
const headerSearchRows = 30

// sniffDelimiter finds the separator (comma, semicolon or tab) under which the
// first records of head contain a generic header.
func sniffDelimiter(head []byte) (rune, bool) {
	for _, d := range []rune{',', ';', '\t'} {
		r := csv.NewReader(bytes.NewReader(head))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = d, -1, true
		for i := 0; i < headerSearchRows; i++ {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if _, ok := matchHeader(rec); ok {
				return d, true
			}
		}
	}
	return 0, false
}

// totalWords mark rows that sum up others rather than move money.
var totalWords = []string{"total", "subtotal", "balance", "合計", "小計", "残高", "請求額", "summe", "saldo"}

func isTotalRow(rec []string) bool {
	for _, cell := range rec {
		c := strings.ToLower(Fold(cell))
		for _, w := range totalWords {
			if strings.Contains(c, w) {
				return true
			}
		}
	}
	return false
}

func isBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// pendingDate is a transaction whose year-last date waits for the file to
// tell day-first from month-first.
type pendingDate struct {
	txn   int
	parts dateParts
	text  string
	line  int
}

// genericReader reads one generic CSV statement.
type genericReader struct {
	st      *Statement
	opts    ReadOptions
	errs    collector
	layout  genericLayout
	order   dayOrder
	orderAt int // line that fixed order
	pending []pendingDate
	signs   [2]int // rows written positive, negative (amount column only)
}

func readGeneric(name string, text io.Reader, enc string, opts ReadOptions) (*Statement, error) {
	br := bufio.NewReaderSize(text, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, &Error{File: name, Err: err}
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, Errorf(name, 0, "file is empty")
	}
	delim, ok := sniffDelimiter(head)
	if !ok {
		return nil, Errorf(name, 0, "not a statement refundwatch can read: no header naming a date, a description and an amount (or debit and credit) in its first %d rows", headerSearchRows)
	}
	g := &genericReader{
		st:   &Statement{File: name, Format: FormatGeneric, Encoding: enc},
		opts: opts,
		errs: collector{file: name},
	}
	r := csv.NewReader(br)
	r.Comma, r.FieldsPerRecord, r.ReuseRecord = delim, -1, true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			g.errs.addErr(csvError(name, err))
			break
		}
		line, _ := r.FieldPos(0)
		g.st.Rows++
		g.row(rec, line)
	}
	g.finish()
	if err := g.errs.err(); err != nil {
		return nil, err
	}
	return g.st, nil
}

// csvError turns an encoding/csv error into an *Error at its line and column.
func csvError(name string, err error) *Error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: name, Line: pe.Line, Column: pe.Column, Err: Msgf("%v (check the quoting of this row)", pe.Err)}
	}
	return &Error{File: name, Err: err}
}

func (g *genericReader) row(rec []string, line int) {
	if g.layout.line == 0 {
		if l, ok := matchHeader(rec); ok {
			l.line = line
			g.layout = l
			g.st.skip(SkipHeader)
			return
		}
		g.st.skip(SkipPreamble)
		return
	}
	if isBlank(rec) {
		g.st.skip(SkipBlank)
		return
	}
	l := &g.layout
	if len(rec) < l.width {
		g.invalid(line, "row has %d fields, but the header on line %d needs %d", len(rec), l.line, l.width)
		return
	}
	if len(rec) > l.fields && !isBlank(rec[l.fields:]) {
		// Most often an unquoted comma inside a merchant name, which shifts
		// every later column: reading on would take the wrong cell as the amount.
		g.invalid(line, "row has %d fields, but the header on line %d has %d (an unquoted comma in a field?)", len(rec), l.line, l.fields)
		return
	}
	dateText := l.cell(rec, l.dateColumn())
	amountText := l.cell(rec, colAmount) + l.cell(rec, colDebit) + l.cell(rec, colCredit)
	if dateText == "" {
		switch {
		case isTotalRow(rec):
			g.st.skip(SkipTotal)
		case amountText == "":
			g.st.skip(SkipNote)
		default:
			g.invalid(line, "row has an amount but no date")
		}
		return
	}
	t := Transaction{File: g.st.File, Line: line}
	desc := l.cell(rec, colDescription)
	if !utf8.ValidString(desc) {
		g.invalid(line, "description is not valid %s text; the file changes encoding after its first 64 KiB", g.st.Encoding)
		return
	}
	t.Description, t.Normalized = desc, Normalize(desc)
	if !g.readDates(&t, rec, line) || !g.readAmount(&t, rec, line) {
		return
	}
	t.Account = l.cell(rec, colAccount)
	if c := strings.ToUpper(l.cell(rec, colCurrency)); c != "" {
		t.Currency = c
	}
	if o := l.cell(rec, colOrigAmount); o != "" {
		amt, cur, err := ParseAmount(o)
		if err != nil {
			g.invalid(line, "original amount: %v", err)
			return
		}
		t.OrigAmount, t.OrigCurrency = amt.Abs(), cur
		if c := strings.ToUpper(l.cell(rec, colOrigCurrency)); c != "" {
			t.OrigCurrency = c
		}
	}
	g.st.Txns = append(g.st.Txns, t)
}

func (g *genericReader) readDates(t *Transaction, rec []string, line int) bool {
	l := &g.layout
	dc := l.dateColumn()
	d, ok := g.date(l.cell(rec, dc), line, len(g.st.Txns))
	if !ok {
		return false
	}
	t.Date = d
	if dc != colUseDate && l.has(colUseDate) {
		if u := l.cell(rec, colUseDate); u != "" {
			// The usage date only adds detail; it follows the same day order.
			if p, ok := scanDate(u); ok {
				if p.needsOrder() && g.order == orderUnknown {
					if e := p.evidence(); e != orderUnknown {
						g.order, g.orderAt = e, line
					}
				}
				t.UsedOn, _ = p.date(g.order)
			}
		}
	}
	return true
}

// date reads a date cell; a year-last date with slashes is resolved at the end.
func (g *genericReader) date(text string, line, txn int) (Date, bool) {
	p, ok := scanDate(text)
	if !ok {
		g.invalid(line, "%q is not a date (expected 2026-03-02, 2026/03/02 or 03/02/2026)", text)
		return Date{}, false
	}
	if p.needsOrder() {
		if e := p.evidence(); e != orderUnknown {
			if g.order != orderUnknown && g.order != e {
				g.invalid(line, "%q contradicts the day order of line %d (%s)", text, g.orderAt, g.order)
				return Date{}, false
			}
			g.order, g.orderAt = e, line
		}
		g.pending = append(g.pending, pendingDate{txn: txn, parts: p, text: text, line: line})
		return Date{}, true
	}
	d, ok := p.date(orderUnknown)
	if !ok {
		g.invalid(line, "%q is not a day of the calendar", text)
		return Date{}, false
	}
	return d, true
}

func (o dayOrder) String() string {
	if o == orderDMY {
		return "day/month/year"
	}
	return "month/day/year"
}

func (g *genericReader) readAmount(t *Transaction, rec []string, line int) bool {
	l := &g.layout
	if l.has(colAmount) && l.cell(rec, colAmount) != "" {
		amt, cur, err := ParseAmount(l.cell(rec, colAmount))
		if err != nil {
			g.invalid(line, "amount: %v", err)
			return false
		}
		t.Amount, t.Currency = amt, cur
		switch amt.Sign() {
		case 1:
			g.signs[0]++
		case -1:
			g.signs[1]++
		}
		return true
	}
	var debit, credit decimal.Decimal
	for _, side := range []struct {
		c   column
		dst *decimal.Decimal
	}{{colDebit, &debit}, {colCredit, &credit}} {
		text := l.cell(rec, side.c)
		if text == "" {
			continue
		}
		amt, cur, err := ParseAmount(text)
		if err != nil {
			g.invalid(line, "%s: %v", map[column]string{colDebit: "debit", colCredit: "credit"}[side.c], err)
			return false
		}
		*side.dst, t.Currency = amt.Abs(), cur
	}
	if debit.IsZero() && credit.IsZero() && l.cell(rec, colDebit) == "" && l.cell(rec, colCredit) == "" {
		g.invalid(line, "row has no amount")
		return false
	}
	t.Amount = debit.Sub(credit)
	return true
}

func (g *genericReader) invalid(line int, format string, args ...any) {
	e := Errorf(g.st.File, line, format, args...)
	if g.opts.SkipInvalid {
		g.st.Invalid = append(g.st.Invalid, e)
		g.st.skip(SkipInvalid)
		return
	}
	g.errs.addErr(e)
}

// finish settles year-last dates, the sign convention and the file's account.
func (g *genericReader) finish() {
	if g.layout.line == 0 {
		return
	}
	g.resolveDates()
	if g.layout.has(colAmount) && g.signs[1] > g.signs[0] {
		for i := range g.st.Txns {
			g.st.Txns[i].Amount = g.st.Txns[i].Amount.Neg()
		}
		g.st.Notes = append(g.st.Notes, fmt.Sprintf("charges are written as negative amounts here (%d of %d rows); signs turned so that charges count as positive", g.signs[1], g.signs[0]+g.signs[1]))
	}
	txns := g.st.Txns
	g.st.Txns = make([]Transaction, 0, len(txns))
	accounts := map[string]bool{}
	for _, t := range txns {
		if !t.Date.Valid() {
			continue // its date could not be settled; reported by resolveDates
		}
		accounts[t.Account] = true
		g.st.add(t)
	}
	if len(accounts) == 1 {
		for a := range accounts {
			g.st.Account = a
		}
	}
	if len(g.st.Txns) == 0 && len(g.errs.errs) == 0 && len(g.st.Invalid) == 0 {
		g.errs.add(g.layout.line, "the header is followed by no transaction")
	}
}

func (g *genericReader) resolveDates() {
	if len(g.pending) == 0 {
		return
	}
	order := g.order
	if order == orderUnknown {
		// Dates like 03/03/2026 read the same both ways; any other date needs evidence.
		for _, p := range g.pending {
			if p.parts.a != p.parts.b {
				g.errs.add(p.line, "%q could be day/month/year or month/day/year, and no date in the file has a day above 12 to tell which", p.text)
				return
			}
		}
		order = orderDMY
	}
	for _, p := range g.pending {
		d, ok := p.parts.date(order)
		if !ok {
			g.invalid(p.line, "%q is not a day of the calendar (read as %s)", p.text, order)
			continue
		}
		g.st.Txns[p.txn].Date = d
	}
}
