package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/internal/brief"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// Column is a kind of Column a statement can have.
type Column int

const (
	ColNone Column = iota
	ColPostDate
	ColDate
	ColUseDate
	ColDescription
	ColAmount
	ColDebit
	ColCredit
	ColCurrency
	ColOrigAmount
	ColOrigCurrency
	ColAccount
	ColDirection // says whether an unsigned amount is a debit or a credit
	ColStatus    // says whether a row is booked (completed) or not
	ColPayer     // the other party of a credit, where a bank names payer and payee apart
	ColMemo      // more text on the row (a bank's purpose), joined to the description
	ColDetail    // more of the description (摘要内容 after 摘要), joined to it with a space
	NumColumns
)

// Signs is how a table's amount column writes charges and credits.
type Signs int

const (
	// SignsInfer decides per file: charges are whatever sign most rows have.
	SignsInfer Signs = iota
	// ChargesPositive: charges positive, credits negative (most card issuers).
	ChargesPositive
	// ChargesNegative: charges negative, credits positive (bank accounts, Chase and
	// Bank of America cards).
	ChargesNegative
)

// TableSpec describes a CSV statement layout: where its header is, which
// column holds what, and how dates, amounts and signs are written. Built-in
// formats and the formats a user describes are TableSpecs.
type TableSpec struct {
	// Delimiter separates fields; ',' when zero.
	Delimiter rune
	// Encoding is the encoding the issuer writes (EncCP932, EncCP1252 …); a
	// byte-order mark still wins. Empty means detect.
	Encoding string
	// Header lists header cells, folded (see foldHeader), that all stand in
	// the header row. The header row may follow a preamble.
	Header []string
	// Headerless formats have no header row: Positions and DataRow describe them.
	Headerless bool
	// Columns names, per kind of column, the header cells that hold it
	// (folded); the first name found wins.
	Columns map[Column][]string
	// Positions gives, for a format without header, each column's 1-based
	// position; with a header, a position given here wins over Columns.
	Positions map[Column]int
	// Skip is how many records at the start of a file are preamble, never
	// read: the lines before the header, or before the data of a format
	// without header.
	Skip int
	// DataRow, for a format without header, reports whether a record is a
	// row of this format; it is how such files are detected.
	DataRow func(rec []string) bool
	// DateOrder reads dates written with the year last; orderUnknown lets
	// each file's dates tell.
	DateOrder civil.DayOrder
	// ParseDate reads dates the common forms do not cover (era years, YYMMDD,
	// "10 Feb 18"); nil uses the common forms.
	ParseDate func(string) (civil.Date, bool)
	// DecimalComma says amounts use a comma as the decimal mark ("-62,3").
	DecimalComma bool
	// Signs is the sign convention of the amount column.
	Signs Signs
	// Credit lists Direction column values that mark a credit (for
	// unsigned amounts); other values are debits.
	Credit []string
	// Booked lists Status column values of rows that count; other rows are
	// skipped, counted under their status.
	Booked []string
	// Currency is the currency the issuer bills in, when rows do not say.
	Currency string
	// AccountLine finds the account in a record before the header or in a
	// block line: the first capture group is the account.
	AccountLine *regexp.Regexp
	// Hook, when set, sees each record after the header before it is read.
	// It may set the row state (block lines, section markers), skip the
	// record by returning a reason, or return the record repaired (an
	// unquoted comma in a merchant name joined back); nil out keeps rec.
	// rec's fields are good only until the next record is read: the texts
	// Hook sets in s are copied after it returns (RowState.own), and it
	// must keep no other.
	Hook func(s *RowState, rec []string) (out []string, skip string)
	// Enrich, when set, completes a transaction from its record (a foreign
	// amount written in a memo column, say). Amount is not set: the reader
	// keeps it as it read it. x's strings are the record's and the
	// reader's buffers (Normalized may be one used again for the next
	// row): Enrich must not hold on to them; KeptRows copies what it keeps.
	Enrich func(x *parser.Transaction, rec []string)
	// ForeignNote, when set, tells a record that is a note on the row above
	// giving that purchase's foreign amount and currency (楽天カード's
	// "現地利用額 20.99 USD" line): the note is counted as a note row and
	// its amount becomes the row above's original amount.
	ForeignNote func(rec []string) (amount, currency string, ok bool)
	// LazyQuotes reads a stray quote inside a field as text instead of
	// failing the file (some German banks write `"Name, Vorname";Firma";`).
	LazyQuotes bool
	// generic is the plan of a file of no known format, decided from its
	// first 64 KiB: its layout, text columns, and continuation lines.
	generic *genericPlan
}

// RowState is what earlier rows of a file tell about later ones.
type RowState struct {
	// Account is the account of the rows that follow (from a block line).
	Account string
	// Credits makes the rows that follow credits, whatever their sign (a
	// section of cancellations and refunds).
	Credits bool
	// Section is free for a format's Hook to remember where in the file it
	// is (a second table that is not transactions, say).
	Section string
	// LastDate is free for a format's Hook to keep the date of the last
	// dated row, for the rows without a date that belong to it (a member's
	// discount written under its purchase).
	LastDate string
}

// own makes s's texts its own where a Hook set them from a record, whose
// fields are good only until the next record is read: a text the same as
// before keeps before's, any other is copied.
func (s *RowState) own(before *RowState) {
	for _, f := range [...]struct{ now, was *string }{{&s.Account, &before.Account}, {&s.Section, &before.Section}, {&s.LastDate, &before.LastDate}} {
		if *f.now == *f.was {
			*f.now = *f.was
		} else {
			*f.now = strings.Clone(*f.now)
		}
	}
}

// layout is where one file keeps each kind of column.
type layout struct {
	header string // the header's cells, folded, joined by "|"
	line   int
	width  int             // columns the reader needs
	fields int             // cells in the header row
	col    [NumColumns]int // column index + 1; 0 when absent
}

func (l *layout) has(c Column) bool { return l.col[c] > 0 }

// setLayout makes l the layout the file's rows are read by.
func (t *tableReader) setLayout(l layout) {
	t.layout, t.cells, t.present = l, [NumColumns]string{}, t.present[:0]
	for c, i := range l.col {
		if i > 0 {
			t.present = append(t.present, Column(c))
		}
	}
	t.dateCol = l.dateColumn()
	// The steps transaction may take itself: a date cell that reads as the
	// row before's (no format's own ParseDate, no day of use besides), a
	// description that is the description column alone, a detail that
	// nothing adds to (no account, currency or foreign amount column, no
	// Enrich).
	t.plainDates = t.spec.ParseDate == nil && (t.dateCol == ColUseDate || !l.has(ColUseDate))
	t.plainDescription = !l.has(ColDetail) && !l.has(ColPayer) && !l.has(ColMemo) && (t.spec.generic == nil || len(t.spec.generic.texts) == 0)
	t.plainDetail = !l.has(ColAccount) && !l.has(ColCurrency) && !l.has(ColOrigAmount) && t.spec.Enrich == nil
	t.briefCols = briefCols{}
	if len(t.present) == 3 && l.has(ColDescription) && l.has(ColAmount) && t.plainDates && t.plainDescription && t.plainDetail {
		t.briefCols = briefCols{ok: true, date: l.col[t.dateCol] - 1, desc: l.col[ColDescription] - 1, amount: l.col[ColAmount] - 1}
	}
}

// load sets t.cells from rec, the record being read: the cells of the
// columns the layout has (t.present), the others staying empty.
func (t *tableReader) load(rec []string) {
	l := &t.layout
	for _, c := range t.present {
		cell := ""
		if i := l.col[c]; i <= len(rec) {
			if cell = rec[i-1]; textenc.Untrimmed(cell) {
				cell = textenc.TrimSpace(cell)
			}
		}
		t.cells[c] = cell
	}
}

func (l *layout) cell(rec []string, c Column) string {
	if l.col[c] == 0 || l.col[c] > len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[l.col[c]-1])
}

// dateColumn is the column that gives Transaction.Date: the posting date
// where there is one.
func (l *layout) dateColumn() Column {
	for _, c := range []Column{ColPostDate, ColDate, ColUseDate} {
		if l.has(c) {
			return c
		}
	}
	return ColNone
}

func (l *layout) readable() bool {
	return l.dateColumn() != ColNone && l.has(ColDescription) &&
		(l.has(ColAmount) || l.has(ColDebit) || l.has(ColCredit))
}

// keepParens are header cells whose "(…)" tells them apart from another
// column ("Betrag (EUR)" and "Betrag (Fremdwährung)").
var keepParens = map[string]bool{"amount (foreign currency)": true, "betrag (fremdwährung)": true}

// FoldHeader turns a header cell into the form TableSpecs name it: NFKC,
// lower case, single spaces, and a trailing "(…)" such as "(¥)" or "(USD)"
// removed.
func FoldHeader(cell string) string {
	h := strings.ToLower(textenc.Fold(cell))
	if !keepParens[h] {
		if i := strings.LastIndexByte(h, '('); i > 0 && strings.HasSuffix(h, ")") {
			h = strings.TrimSpace(h[:i])
		}
	}
	words := strings.Fields(h)
	if n := len(words); n > 1 && headerCurrencies[words[n-1]] {
		words = words[:n-1] // "Debit CHF", "Betrag in EUR"
		if n > 2 && words[n-2] == "in" {
			words = words[:n-2]
		}
	}
	return strings.Join(words, " ")
}

// headerCurrencies are the currency codes a header cell may end in.
var headerCurrencies = map[string]bool{"chf": true, "eur": true, "usd": true, "gbp": true, "jpy": true, "sgd": true, "czk": true,
	"pln": true, "cad": true, "aud": true, "sek": true, "nok": true, "dkk": true, "huf": true, "nzd": true, "hkd": true}

// matchHeader reports whether rec is the header of spec, and where its columns are.
func (spec *TableSpec) matchHeader(rec []string) (layout, bool) {
	var l layout
	folded := make([]string, len(rec))
	for i, cell := range rec {
		folded[i] = FoldHeader(cell)
	}
	for _, want := range spec.Header {
		if !slices.Contains(folded, want) {
			return l, false
		}
	}
	for kind, names := range spec.Columns {
		for _, name := range names {
			if i := indexOf(folded, name); i >= 0 {
				l.col[kind] = i + 1
				break
			}
		}
	}
	for kind, pos := range spec.Positions {
		l.col[kind] = pos
	}
	for _, c := range l.col {
		l.width = max(l.width, c)
	}
	l.fields = len(rec)
	if !l.readable() {
		return l, false
	}
	l.header = strings.Join(folded, "|")
	return l, true
}

// fixedLayout is the layout of a format without header.
func (spec *TableSpec) fixedLayout() layout {
	var l layout
	for kind, pos := range spec.Positions {
		l.col[kind] = pos
		l.width = max(l.width, pos)
	}
	l.fields = -1
	return l
}

func (spec *TableSpec) Separator() rune {
	if spec.Delimiter == 0 {
		return ','
	}
	return spec.Delimiter
}

// headerSearchRows is how many records may come before the header, and how
// many a format without header is recognised from.
const headerSearchRows = parser.HeaderSearchRows

// detect reports whether head, the decoded start of a file, is in this layout.
func (spec *TableSpec) Detect(head []byte) bool {
	r := csv.NewReader(bytes.NewReader(head))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = spec.Separator(), -1, true
	rows := 0
	for i := 0; i < spec.Skip+headerSearchRows; i++ {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if i < spec.Skip {
			continue
		}
		if !spec.Headerless {
			if _, ok := spec.matchHeader(rec); ok {
				return true
			}
			continue
		}
		if spec.DataRow != nil && spec.DataRow(rec) {
			rows++
		}
	}
	return rows > 0
}

// totalWords mark rows that sum up others rather than move money.
var totalWords = []string{"total", "subtotal", "balance", "合計", "小計", "残高", "請求額", "summe", "saldo"}

func isTotalRow(rec []string) bool {
	for _, cell := range rec {
		c := strings.ToLower(textenc.Fold(cell))
		for _, w := range totalWords {
			if strings.Contains(c, w) {
				return true
			}
		}
	}
	return false
}

// pendingDate is a transaction whose year-last date waits for the file to
// tell day-first from month-first.
type pendingDate struct {
	txn   int  // index in Statement.Txns, or in the postings of Statement.brief when brief
	brief bool // the transaction is kept in brief
	parts civil.DateParts
	text  string
	line  int
}

// tableReader reads one statement file laid out by a TableSpec.
type tableReader struct {
	spec      *TableSpec
	st        *parser.Statement
	opts      parser.ReadOptions
	errs      parser.Problems
	layout    layout
	state     RowState
	order     civil.DayOrder
	orderAt   int    // line that fixed order
	orderText string // the date that fixed it
	pending   []pendingDate
	signs     [2]int // amount-column rows written positive, negative, their direction not said
	// explicit counts rows whose direction a column or mark said, by the
	// sign their amount was written with: [credit][written negative]; it
	// tells how the file writes the rows that do not say.
	explicit [2][2]int
	// explicitTxns and explicitBrief are the rows whose direction a CR or
	// DR mark said, in a file whose other rows do not say it: turning the
	// signs of those leaves these alone. explicitBriefSigns counts them
	// among brief rows, charges and credits.
	explicitTxns       []int
	explicitBrief      []int
	explicitBriefSigns [2]int
	// sideSigns counts, for the debit (0) and credit (1) columns, the cells
	// written positive ([0]) and negative ([1]). reversals are the rows
	// with a cell written negative, and reversedSide the side of the row
	// being read (-1: none): where the other cells of that column are
	// positive, such a row is money going the other way (a reversal).
	sideSigns    [2][2]int
	reversals    []reversal
	reversedSide int
	explicitRow  bool // the row being read was marked CR or DR
	awaitHeader  bool // the next record is the generic plan's header
	// held is a generic row waiting for the lines that may continue it,
	// with its line (0: none) and the text they add.
	held      []string
	heldLine  int
	heldExtra string
	// accounts finds an account's index in st.Brief.Accounts.
	accounts brief.AccountIndex
	txn      parser.Transaction // the row being read, as Enrich is given it
	lastFull int                // index in st.Txns of the last row read, when kept in full; else -1
	// cells are the row's cells of each kind of column, trimmed: read once
	// per row (load), rather than each time a step of reading asks.
	cells [NumColumns]string
	// present are the columns the layout has, and dateCol its
	// dateColumn (see setLayout).
	present []Column
	dateCol Column
	// plainDates, plainDescription and plainDetail tell that the layout
	// leaves a step of reading a row nothing but its usual case (see
	// setLayout): transaction takes that case itself, without the call.
	plainDates, plainDescription, plainDetail bool
	// briefCols are the cells briefRow reads, where the layout lets it.
	briefCols briefCols
	// briefDay is the day and account of the last row keepBrief counted
	// with its day, and whether Fold left the day out.
	briefDay briefDay
	// norm holds the normalised description of the row being read, where
	// it differs from the description (see transaction), and normMadeOf
	// the description it was made of by textenc.AppendNormalASCII (""
	// for none).
	norm       []byte
	normMadeOf string
	// rows is the reader of the records, whose fields are good until its
	// next Read: what the reader keeps longer it copies, or keeps the
	// rows' text (rowReader.keep).
	rows *rowReader
	// offset tells how far into the text the reader is; firstKept is
	// where the first transaction kept in full was read (-1: none yet).
	offset    func() int64
	firstKept int64
	// lastDate is the last date cell read to a day that needs no other
	// row to settle it, and that day.
	lastDate struct {
		text string
		date civil.Date
	}
}

// readTable reads a statement in the layout spec describes. text is already decoded.
// ReadTable reads a whole file laid out as spec, in the format named format.
func (spec *TableSpec) ReadTable(format, name string, text io.Reader, enc string, opts parser.ReadOptions) (*parser.Statement, error) {
	return readTable(spec, format, name, text, enc, opts)
}

// OwnEncoding is the encoding the issuer always writes, or "".
func (spec *TableSpec) OwnEncoding() string { return spec.Encoding }

// Specificity orders detection: a header of more words, or more fixed
// positions, demands more of a file.
func (spec *TableSpec) Specificity() int {
	if spec.Headerless {
		return 500 + len(spec.Positions)
	}
	return len(spec.Header)
}

// SignsBasis says how the issuer writes charges and credits; nil when the
// rows must tell (SignsInfer).
func (spec *TableSpec) SignsBasis() *msg.Message {
	switch {
	case spec.Signs == SignsInfer:
		return nil
	case len(spec.Credit) > 0:
		return msg.Msgf("signs from the direction column, as the format says")
	case spec.Signs == ChargesNegative:
		return msg.Msgf("signs by the issuer's convention: charges are written negative")
	}
	return msg.Msgf("signs by the issuer's convention: charges are written positive")
}

func readTable(spec *TableSpec, format, name string, text io.Reader, enc string, opts parser.ReadOptions) (*parser.Statement, error) {
	t := &tableReader{
		spec:     spec,
		st:       &parser.Statement{File: name, Format: format, Encoding: enc, Shape: format, KeptBy: opts.KeepBy},
		opts:     opts,
		errs:     *parser.NewProblems(name),
		order:    spec.DateOrder,
		lastFull: -1,
	}
	if spec.Headerless {
		t.setLayout(spec.fixedLayout())
	}
	if g := spec.generic; g != nil {
		t.setLayout(g.layout)
		t.awaitHeader = g.header
		t.st.Shape = parser.FormatGeneric + ":" + g.layout.header
		t.st.Reading = append(t.st.Reading, g.reading...)
	}
	r := newRowReader(text, spec.Separator(), spec.LazyQuotes)
	t.rows, t.offset, t.firstKept = r, r.InputOffset, -1
	plain := plainRows && spec.generic != nil && t.plainGeneric()
	brief := plain && briefRows && opts.Keep != nil && opts.SurelyNotKept != nil
	line := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil { // asked only then: isParseError allocates
			if t.readError(err, rec, r, line) {
				break
			}
			continue
		}
		line = r.Line()
		t.st.Rows++
		if t.st.Rows <= spec.Skip {
			t.st.Skip(parser.SkipPreamble)
			continue
		}
		if spec.generic != nil {
			if plain && t.plainRow(rec) {
				if brief && t.briefCols.ok && t.briefRow(rec) {
					continue
				}
				t.load(rec)
				t.transaction(rec, line)
				continue
			}
			t.genericRow(rec, line)
			continue
		}
		t.row(rec, line)
	}
	t.flushHeld()
	t.finish()
	if err := t.errs.Err(); err != nil {
		return nil, err
	}
	return t.st, nil
}

// readError reports an error reading the records, and whether reading
// stops: a quoting error is reported and reading goes on at the next line,
// so that the file's other problems are reported too; a row too long (line
// is that of the last record read) or any other error stops it.
func (t *tableReader) readError(err error, rec []string, r *rowReader, line int) (stop bool) {
	if parser.IsParseError(err) {
		t.errs.AddErr(parser.CSVError(t.st.File, err))
		return false
	}
	if errors.Is(err, errRowTooLong) {
		if len(rec) > 0 {
			line = r.Line()
		} else {
			line++ // a quoted first field ran over: the row after the last one read
		}
		t.errs.Add(line, "row is longer than %s; statement rows are a few hundred characters: the file is damaged, or a quote opened on this row is never closed", maxRowText)
		return true
	}
	t.errs.AddErr(parser.CSVError(t.st.File, err))
	return true
}

// keptToCome is how many more transactions the rest of the file is
// expected to keep in full, at the rate they came since the first one; -1
// when that cannot be told yet. It is asked when Txns is full, first at the
// first kept row. The rate is taken from the first kept row on, since rows
// before a KeepFrom day are all kept in brief, and from a thousand rows,
// fewer being too few to tell it. The size is of the file as written and
// the offset of its text decoded, so that for a Shift_JIS file (two bytes
// written, three read) the guess falls short, and more room is made later;
// for UTF-16 (two bytes written, one read for ASCII) it runs long, and the
// room left over is left unused.
func (t *tableReader) keptToCome() int {
	at := t.offset()
	if t.firstKept < 0 {
		t.firstKept = at
	}
	n, read, rest := t.st.Txns.Len(), at-t.firstKept, int64(t.opts.Size)-at
	if n < 1000 || read <= 0 || t.opts.Size <= 0 {
		return -1
	}
	return int(float64(n) * float64(max(rest, 0)) / float64(read))
}

// row reads a record of a file of a known layout: before its header,
// preamble; then, before the row itself, blank records, foreign-amount
// notes, what the format's Hook skips, records of the wrong width, and rows
// not booked yet or without a date.
func (t *tableReader) row(rec []string, line int) {
	if t.layout.line == 0 && t.layout.fields >= 0 && t.spec.generic == nil {
		t.beforeHeader(rec, line)
		return
	}
	// A generic file's rows come here past genericRow, which has told
	// the blank ones (held rows too: it holds none that is).
	if t.spec.generic == nil && parser.IsBlank(rec) {
		t.st.Skip(parser.SkipBlank)
		return
	}
	if t.spec.ForeignNote != nil {
		if amount, currency, ok := t.spec.ForeignNote(rec); ok {
			t.foreignNote(amount, currency, line)
			return
		}
		t.lastFull = -1 // a note belongs to the record just above it only
	}
	if t.spec.Hook != nil {
		before := t.state
		out, reason := t.spec.Hook(&t.state, rec)
		t.state.own(&before)
		if reason != "" {
			t.st.Skip(reason)
			return
		}
		if out != nil {
			rec = out
		}
	}
	t.load(rec)
	l := &t.layout
	if (len(rec) < l.width || l.fields >= 0 && len(rec) > l.fields) && t.misshapen(rec, line) {
		return
	}
	// A row not booked yet may lack its booking date: its status decides first.
	if l.has(ColStatus) && len(t.spec.Booked) > 0 {
		if status := t.cells[ColStatus]; status != "" && !containsFold(t.spec.Booked, status) {
			t.st.Skip(strings.ToLower(textenc.Fold(status)))
			return
		}
	}
	if t.cells[t.dateCol] == "" && t.dateless(rec) {
		return
	}
	t.transaction(rec, line)
}

// beforeHeader reads a record before the header: the header itself, which
// sets the layout, or preamble, where the format may find the account.
func (t *tableReader) beforeHeader(rec []string, line int) {
	if l, ok := t.spec.matchHeader(rec); ok {
		l.line = line
		t.setLayout(l)
		if t.st.Format == parser.FormatGeneric {
			t.st.Shape = parser.FormatGeneric + ":" + l.header
		}
		t.st.Skip(parser.SkipHeader)
		return
	}
	t.findAccount(rec)
	t.st.Skip(parser.SkipPreamble)
}

// misshapen deals with a record of fewer fields than the layout reads, or
// more than it has: a short dateless record of a headerless layout of no
// fixed width is a note or total; any other is invalid. It reports whether
// the record was dealt with (trailing empty fields are not).
func (t *tableReader) misshapen(rec []string, line int) bool {
	l := &t.layout
	if len(rec) < l.width {
		if l.fields < 0 && t.dateless(rec) {
			return true
		}
		if l.line == 0 {
			t.invalid(line, "row has %d fields, but the file's rows need %d", len(rec), l.width)
			return true
		}
		t.invalid(line, "row has %d fields, but the header on line %d needs %d", len(rec), l.line, l.width)
		return true
	}
	if l.fields >= 0 && len(rec) > l.fields && !parser.IsBlank(rec[l.fields:]) {
		// Most often an unquoted comma inside a merchant name, which shifts
		// every later column: reading on would take the wrong cell as the amount.
		if l.line == 0 {
			t.invalid(line, "row has %d fields, but the file's rows have %d (an unquoted comma in a field?)", len(rec), l.fields)
			return true
		}
		t.invalid(line, "row has %d fields, but the header on line %d has %d (an unquoted comma in a field?)", len(rec), l.line, l.fields)
		return true
	}
	return false
}

// plainRows lets readTable hand a plainGeneric file's plainRow records
// straight to briefRow and transaction: a variable, for a test to read
// files both ways.
var plainRows = true

// plainGeneric reports whether the generic file's rows that plainRow
// passes are rows that genericRow and row would only load and hand to
// transaction: the file has no continuation lines and no status column.
// It also asks that no Hook or ForeignNote reads rows and that the rows
// are dated by the column genericRow looks at, as is so of every generic
// file now, should a generic spec ever change that. Most files are plain;
// reading each row through the two cost about one instruction in twenty
// of reading a statement.
func (t *tableReader) plainGeneric() bool {
	g := t.spec.generic
	return !g.continuation && !t.layout.has(ColStatus) && t.spec.Hook == nil && t.spec.ForeignNote == nil && g.dateKind == t.dateCol
}

// plainRow reports whether rec, a record of a plainGeneric file, is a row
// that genericRow and row would only load and hand to transaction: the
// header is read, rec is in no section of pending rows,
// it is as wide as the layout reads (no misshapen record), and its date
// cell starts with a digit (it is no blank record, section marker,
// repeated header or dateless one).
func (t *tableReader) plainRow(rec []string) bool {
	l := &t.layout
	if t.awaitHeader || t.state.Section == "pending" || len(rec) < l.width || l.fields >= 0 && len(rec) > l.fields {
		return false
	}
	if i := l.col[t.dateCol] - 1; i < 0 || i >= len(rec) || rec[i] == "" || rec[i][0]-'0' > 9 {
		return false
	}
	return true
}

// briefDay is a day keepBrief added to an account's days (ok), and
// whether Fold left it out (no posting is kept for its rows).
type briefDay struct {
	ok, unfolded bool
	date         civil.Date
	account      uint16
}

// briefRows lets readTable read the plainRow records that briefRow can
// itself: a variable, for a test to compare the two ways.
var briefRows = true

// briefCols are the cells of a layout of a date, a description and an
// amount column and no other, whose steps transaction takes itself (see
// setLayout): the rows briefRow may read. ok is false for any other
// layout.
type briefCols struct {
	ok                 bool
	date, desc, amount int // each cell's index in a record
}

// briefRow reads rec, a plainRow record of a briefCols layout, when it is
// a row transaction would keep in brief and whose steps it would take
// itself: its date cell is the row before's, its amount is plain
// (money.ParsePlain) and Keep's quick test passes its description
// (ReadOptions.SurelyNotKept). Such are most rows of a long statement.
// It reports false, having changed nothing, for any other, which
// readTable then loads and hands to transaction; it loads no cells
// itself. The cells are taken as they are, not trimmed: a plain amount
// has no space, and a description the quick test passes is ASCII, whose
// normal form, all that is kept of it, is the same with spaces around it
// or without. A plainGeneric file holds no lines that continue a row
// (t.heldExtra).
func (t *tableReader) briefRow(rec []string) bool {
	b := &t.briefCols
	date, desc, amount := rec[b.date], rec[b.desc], rec[b.amount]
	// The date cell is compared with the last one as its first and its
	// last eight bytes, which cover a cell of 8 to 16 bytes (a date, or a
	// date and its hour and minute): a call less. A shorter or longer one
	// (a date and its time to the second: the day stands between its
	// first and last eight bytes) is compared whole.
	last := t.lastDate.text
	if n := len(date); n != len(last) {
		return false
	} else if n < 8 || n > 16 {
		if date != last {
			return false
		}
	} else if textenc.Word(date) != textenc.Word(last) || textenc.Word(date[n-8:]) != textenc.Word(last[n-8:]) {
		return false
	}
	amt, ok := money.ParsePlain(amount, t.spec.DecimalComma)
	if !ok || !t.opts.SurelyNotKept(desc) {
		return false
	}
	account, ok := t.accounts.Of(&t.st.Brief, t.state.Account)
	if !ok {
		return false // kept in full: transaction keeps it so
	}
	t.explicitRow, t.reversedSide = false, -1 // as readAmount sets them
	if t.spec.Signs == SignsInfer && !t.state.Credits {
		t.signs[max(0, -amt.Sign())]++ // signed's most common case
	} else {
		t.signed(&amt, 0)
	}
	var x parser.Transaction
	x.Date, x.Description, x.Account = t.lastDate.date, desc, t.state.Account
	t.keepBrief(&x, nil, &amt, account, false)
	return true
}

// genericRow reads a record of a file of no known format: its header,
// then, before the row itself, what may stand among the rows: lines that
// continue the row above, section markers ("Pending Transactions"),
// repeated headers, and rows that did not move money by their status.
func (t *tableReader) genericRow(rec []string, line int) {
	g, l := t.spec.generic, &t.layout
	if t.awaitHeader {
		t.awaitHeader = false
		t.layout.line = line
		t.st.Skip(parser.SkipHeader)
		return
	}
	if parser.IsBlank(rec) {
		t.flushHeld()
		t.st.Skip(parser.SkipBlank)
		return
	}
	// Rows start with a digit of their date: anything else is looked at
	// more closely, never the rows that do.
	if i := l.col[g.dateKind] - 1; i >= len(rec) || rec[i] == "" || rec[i][0] < '0' || rec[i][0] > '9' {
		date := l.cell(rec, g.dateKind)
		switch {
		case t.heldLine > 0 && (date == "" || len(rec) < l.width && !isDateText(date)) && isContinuation(rec, l):
			t.heldExtra = strings.Clone(parser.WithMemo(t.heldExtra, strings.Join(strings.Fields(strings.Join(rec, " ")), " ")))
			t.st.Skip(parser.SkipContinuation)
			return
		case sectionOf(rec) != "":
			t.flushHeld()
			t.state.Section = sectionOf(rec)
			t.st.Skip(parser.SkipSection)
			return
		case g.header && t.isRepeatedHeader(rec):
			t.flushHeld()
			t.st.Skip(parser.SkipSection)
			return
		}
	}
	if t.state.Section != "" && t.state.Section == "pending" {
		t.flushHeld()
		t.st.Skip("pending")
		return
	}
	if l.has(ColStatus) {
		if status := strings.ToLower(textenc.Fold(l.cell(rec, ColStatus))); slices.Contains(genericSkipStatus, status) {
			t.flushHeld()
			t.st.Skip(status)
			return
		}
	}
	if !g.continuation {
		t.row(rec, line)
		return
	}
	t.flushHeld()
	if l.cell(rec, l.dateColumn()) == "" {
		t.row(rec, line) // nothing continues a row without date
		return
	}
	t.hold(rec, line)
}

// hold holds rec, read on line, for the lines that may continue it: its
// fields copied into one text, since the records that follow are read
// before it.
func (t *tableReader) hold(rec []string, line int) {
	var text strings.Builder
	for _, c := range rec {
		text.WriteString(c)
	}
	all := text.String()
	t.held, t.heldLine = t.held[:0], line
	for _, c := range rec {
		t.held = append(t.held, all[:len(c)])
		all = all[len(c):]
	}
}

// flushHeld reads the row held for its continuation lines, with their text.
func (t *tableReader) flushHeld() {
	if t.heldLine == 0 {
		return
	}
	line := t.heldLine
	t.heldLine = 0
	t.row(t.held, line)
	t.heldExtra = ""
}

// isRepeatedHeader reports whether rec is the header again (files joined
// from several downloads repeat it).
func (t *tableReader) isRepeatedHeader(rec []string) bool {
	h := t.spec.generic.headerCells
	if len(rec) != len(h) {
		return false
	}
	for i := range rec {
		if !strings.EqualFold(strings.TrimSpace(rec[i]), strings.TrimSpace(h[i])) {
			return false
		}
	}
	return true
}

// dateless classifies a record without a date: a total, a note, or (when it
// carries an amount) invalid. It reports whether the record was dealt with.
func (t *tableReader) dateless(rec []string) bool {
	l := &t.layout
	if t.cells[t.dateCol] != "" {
		return false
	}
	switch {
	case isTotalRow(rec):
		t.st.Skip(parser.SkipTotal)
	case t.cells[ColAmount] == "" && t.cells[ColDebit] == "" && t.cells[ColCredit] == "" || l.fields < 0:
		t.st.Skip(parser.SkipNote)
	default:
		return false
	}
	return true
}

func (t *tableReader) findAccount(rec []string) {
	if t.spec.AccountLine == nil {
		return
	}
	if m := t.spec.AccountLine.FindStringSubmatch(strings.Join(rec, string(t.spec.Separator()))); m != nil {
		t.state.Account = strings.Clone(strings.TrimSpace(m[1])) // of one field, the record's
	}
}

// transaction reads a row that has a date into a transaction: its dates,
// its amount, its description and its normal form, the columns that add
// detail, and then keeps it in full or counts it in brief.
func (t *tableReader) transaction(rec []string, line int) {
	if t.cells[t.dateCol] == "" {
		t.invalid(line, "row has an amount but no date")
		return
	}
	// The row is read into a Transaction on the stack: one in the reader,
	// set afresh for every row, cost write barriers for its strings while
	// the collector runs. Only Enrich sees t.txn (see readDetail). Its
	// fields are set in place: a composite literal was built aside and
	// copied, sixteen bytes at a time over the fields just written eight
	// at a time, which stalled each row on the copy.
	var row parser.Transaction
	x := &row
	x.File, x.Line, x.Account, x.Currency = t.st.File, line, t.state.Account, t.spec.Currency
	var pending *pendingDate
	if text := t.cells[t.dateCol]; t.plainDates && text == t.lastDate.text {
		x.Date = t.lastDate.date // as date reads a date cell the same as the row before's
	} else if p, ok := t.readDates(x, rec, line); ok {
		pending = p
	} else {
		return
	}
	amt, ok := t.readAmount(x, rec, line)
	if !ok {
		return
	}
	desc := t.cells[ColDescription]
	if !t.plainDescription || t.heldExtra != "" {
		desc = t.description(amt.Sign(), rec)
	}
	x.Description = desc
	// Most rows are no row Keep chooses, which its quick test tells of the
	// description as written (SurelyNotKept): such a row is normalised
	// only if it is kept in full or folded after all.
	chosen, normal := false, false
	if t.opts.Keep == nil || t.opts.SurelyNotKept == nil || !t.opts.SurelyNotKept(desc) {
		if !t.normalize(x) {
			t.invalid(line, "description is not valid %s text; the file changes encoding after its first 64 KiB", t.st.Encoding)
			return
		}
		// A row kept in full has its texts copied (KeptRows.Add): a lent
		// Normalized is read no later than that.
		chosen, normal = t.opts.Keep != nil && t.opts.Keep(x.Normalized), true
	}
	full := (t.opts.Keep == nil || chosen) && (pending != nil || !t.opts.KeepFrom.After(x.Date))
	if !t.plainDetail && !t.readDetail(x, rec, line) {
		return
	}
	var account uint16
	if !full {
		var ok bool
		account, ok = t.accounts.Of(&t.st.Brief, x.Account)
		full = !ok // a file naming more accounts than a posting can keeps the rest in full
	}
	if full {
		if !normal {
			t.normalize(x) // ASCII (SurelyNotKept): it cannot fail
		}
		t.keepFull(x, pending, &amt, chosen)
		return
	}
	t.keepBrief(x, pending, &amt, account, normal)
}

// normalize sets x.Normalized, the normal form of x.Description, or
// reports false for a description that is not valid text. One pass tells
// whether the description is ASCII (so valid text) and already in normal
// form, as most are. Lower-case ASCII is normalised into a buffer of the
// reader's: Keep, the fingerprint and KeptRows.Add, which copies it, are
// all that read it; t.normMadeOf tells keepFull that this very
// description's form was made so.
func (t *tableReader) normalize(x *parser.Transaction) bool {
	desc := x.Description
	t.normMadeOf = "" // the row before's text: the reader may have written over it
	switch textenc.NormalASCII(desc) {
	case textenc.NormalForm:
		x.Normalized = desc
	case textenc.PlainASCII:
		t.norm = textenc.AppendNormalASCII(t.norm[:0], desc)
		x.Normalized = unsafe.String(unsafe.SliceData(t.norm), len(t.norm))
		t.normMadeOf = desc
		return true
	default:
		if !utf8.ValidString(desc) {
			return false
		}
		x.Normalized = textenc.Normalize(desc)
	}
	return true
}

// readDetail reads the columns that add to a transaction: its account and
// currency where the row names them, what the format's Enrich adds, and a
// foreign amount, which is none where its currency is the billing currency.
// A foreign amount that does not read makes the row invalid (false).
func (t *tableReader) readDetail(x *parser.Transaction, rec []string, line int) bool {
	if a := t.cells[ColAccount]; a != "" {
		x.Account = a
	}
	if c := t.cells[ColCurrency]; c != "" {
		x.Currency = strings.ToUpper(c)
	}
	if t.spec.Enrich != nil {
		// A Transaction handed to Enrich escapes: the reader's own is.
		t.txn = *x
		t.spec.Enrich(&t.txn, rec)
		*x = t.txn
	}
	if o := t.cells[ColOrigAmount]; o != "" {
		orig, cur, err := t.amount(o)
		if err != nil {
			t.invalid(line, "original amount: %v", err)
			return false
		}
		x.OrigAmount, x.OrigCurrency = orig.Abs().Decimal(), cur
		if c := strings.ToUpper(t.cells[ColOrigCurrency]); c != "" {
			x.OrigCurrency = c
		}
	}
	if x.OrigCurrency != "" && x.OrigCurrency == x.Currency {
		// The amount in the billing currency itself is no foreign amount.
		x.OrigAmount, x.OrigCurrency = decimal.Decimal{}, ""
	}
	return true
}

// keepFull keeps the row in full in st.Txns, noting where its day, its
// CR/DR mark or its reversed side must be settled at the end of the file.
func (t *tableReader) keepFull(x *parser.Transaction, pending *pendingDate, amt *money.Value, chosen bool) {
	k := &t.st.Txns
	if pending != nil {
		pending.txn = k.Len()
		t.pending = append(t.pending, *pending)
	}
	if t.explicitRow {
		t.explicitTxns = append(t.explicitTxns, k.Len())
	}
	if t.reversedSide >= 0 {
		t.reversals = append(t.reversals, reversal{side: t.reversedSide, index: k.Len(), kept: true, sign: amt.Sign()})
	}
	if k.Full() {
		// Room for the rest of the file at the rate rows were kept so
		// far, rather than doubling (see keptToCome).
		rows := max(k.Len(), 64)
		if n := t.keptToCome(); n >= 0 {
			rows = max(n+n/10, k.Len()/4, 64)
		}
		perRow := len(x.Description) + 8
		if k.Len() > 0 {
			perRow = k.TextLen()/k.Len() + 1
		}
		k.Grow(rows, rows*perRow)
	}
	if d := x.Description; d != "" && len(d) == len(t.normMadeOf) && unsafe.StringData(d) == unsafe.StringData(t.normMadeOf) {
		k.AddValueMadeASCII(x, *amt) // normalize made its Normalized so
	} else {
		k.AddValue(x, *amt)
	}
	t.lastFull = k.Len() - 1
	if chosen {
		k.SetChosen(t.lastFull)
	}
}

// keepBrief counts the row in brief: its sign, its day for account, and a
// posting for folding unless Fold says its day needs none (a row whose day
// is pending is settled at the end of the file, posting and all). Marked
// and reversed rows are noted as in keepFull.
//
// normal tells whether x.Normalized is set: the fingerprint needs it, and
// sets it where the row's description is ASCII not yet normalised
// (SurelyNotKept).
func (t *tableReader) keepBrief(x *parser.Transaction, pending *pendingDate, amt *money.Value, account uint16, normal bool) {
	b := &t.st.Brief
	b.Count(amt.Sign(), 1)
	if t.explicitRow {
		if sign := amt.Sign(); sign != 0 {
			t.explicitBriefSigns[(1-sign)/2]++
		}
		t.explicitBrief = append(t.explicitBrief, b.Postings.Len())
	}
	if pending != nil {
		// Its day is settled at the end of the file; so is whether folding
		// needs the posting.
		pending.txn, pending.brief = b.Postings.Len(), true
		t.pending = append(t.pending, *pending)
	} else {
		// Rows come mostly day by day: the day of the row before, in the
		// same account, is in its set already, and Fold says of it what
		// it said then.
		if d := &t.briefDay; !d.ok || d.date != x.Date || d.account != account {
			b.Days[account].Add(x.Date)
			*d = briefDay{ok: true, date: x.Date, account: account, unfolded: t.opts.Fold != nil && !t.opts.Fold(x.Date)}
		}
		if t.briefDay.unfolded {
			if t.reversedSide >= 0 {
				t.reversals = append(t.reversals, reversal{side: t.reversedSide, index: -1, sign: amt.Sign()})
			}
			return
		}
	}
	if t.reversedSide >= 0 {
		t.reversals = append(t.reversals, reversal{side: t.reversedSide, index: b.Postings.Len(), sign: amt.Sign()})
	}
	if !normal {
		t.normalize(x)
	}
	b.Postings.Add(brief.Posting{Print: parser.Fingerprint(*amt, x.Normalized), Date: x.Date, Account: account, Sign: int8(amt.Sign())})
}

// foreignNote gives the foreign amount and currency a note row states to
// the row above it. Only a row kept in full carries them; a row only
// counted needs none, since only kept rows are matched. A note under no row
// of its own, or with an amount that is none, is invalid: it could be the
// only trace of a foreign charge.
func (t *tableReader) foreignNote(amount, currency string, line int) {
	v, _, err := t.amount(amount)
	if err != nil {
		t.invalid(line, "foreign amount of the row above: %v", err)
		return
	}
	t.st.Skip(parser.SkipNote)
	k := &t.st.Txns
	if t.lastFull < 0 || t.lastFull >= k.Len() {
		return
	}
	if k.OrigCurrency(t.lastFull) == "" && currency != k.Currency(t.lastFull) {
		k.SetOriginal(t.lastFull, v.Abs().Decimal(), currency)
	}
}

// description is the row's description: the payer instead of the payee
// for a credit (sign < 0) when the file names both, then the memo (a
// bank's purpose) after " / " unless it only repeats the description.
func (t *tableReader) description(sign int, rec []string) string {
	l := &t.layout
	desc := t.cells[ColDescription]
	if d := t.cells[ColDetail]; d != "" {
		desc = strings.TrimSpace(desc + " " + d)
	}
	if p := t.cells[ColPayer]; p != "" && sign < 0 && (t.spec.Signs != SignsInfer || l.has(ColDirection)) {
		desc = p
	}
	m := t.cells[ColMemo]
	switch {
	case m == "" || strings.EqualFold(m, desc):
	case desc == "":
		desc = m
	default:
		desc += " / " + m
	}
	if g := t.spec.generic; g != nil {
		for _, c := range g.texts {
			if c <= len(rec) {
				desc = parser.WithMemo(desc, rec[c-1])
			}
		}
		if t.heldExtra != "" {
			desc = parser.WithMemo(desc, t.heldExtra)
		}
	}
	return desc
}

// readDates reads the row's dates into x. A year-last date that must wait
// for the rest of the file comes back as pending, to be settled once the
// row is known to be a transaction.
func (t *tableReader) readDates(x *parser.Transaction, rec []string, line int) (pending *pendingDate, ok bool) {
	l := &t.layout
	dc := t.dateCol
	d, pending, ok := t.date(t.cells[dc], line)
	if !ok {
		return nil, false
	}
	x.Date = d
	if dc != ColUseDate && l.has(ColUseDate) {
		if u := t.cells[ColUseDate]; u != "" {
			x.UsedOn = t.secondaryDate(u, line)
		}
	}
	return pending, true
}

// secondaryDate reads the usage date, which only adds detail: it follows
// the day order the file's main dates settle.
func (t *tableReader) secondaryDate(text string, line int) civil.Date {
	if t.spec.ParseDate != nil {
		d, _ := t.spec.ParseDate(text)
		return d
	}
	p, ok := civil.ScanDate(text)
	if !ok {
		return civil.Date{}
	}
	if p.NeedsOrder() && t.order == civil.OrderUnknown {
		if e := p.Evidence(); e != civil.OrderUnknown {
			t.order, t.orderAt = e, line
			t.setOrderText(text)
		}
	}
	d, _ := p.Date(t.order)
	return d
}

// date reads a date cell. A year-last date with slashes comes back as
// pending: it is resolved at the end of the file.
func (t *tableReader) date(text string, line int) (civil.Date, *pendingDate, bool) {
	if t.spec.ParseDate != nil {
		d, ok := t.spec.ParseDate(text)
		if !ok {
			t.invalid(line, "%q is not a date as this format writes them", text)
		}
		return d, nil, ok
	}
	if text == t.lastDate.text && text != "" {
		// Statements list the rows of a day together; the same text reads
		// the same, the day order being settled (else it was not kept).
		return t.lastDate.date, nil, true
	}
	p, ok := civil.ScanDate(text)
	if !ok {
		t.invalid(line, "%q is not a date (expected 2026-03-02, 2026/03/02 or 03/02/2026)", text)
		return civil.Date{}, nil, false
	}
	if p.NeedsOrder() && t.spec.DateOrder == civil.OrderUnknown {
		if e := p.Evidence(); e != civil.OrderUnknown {
			if t.order != civil.OrderUnknown && t.order != e {
				t.invalid(line, "%q contradicts the day order of line %d (%s)", text, t.orderAt, t.order)
				return civil.Date{}, nil, false
			}
			t.order, t.orderAt = e, line
			t.setOrderText(text)
		}
		return civil.Date{}, &pendingDate{parts: p, text: strings.Clone(text), line: line}, true
	}
	d, ok := p.Date(t.order)
	if !ok {
		t.invalid(line, "%q is not a day of the calendar", text)
		return civil.Date{}, nil, false
	}
	// Copied: compared with the next rows' texts, a text of the reader's
	// buffer could read as another row's once the buffer is read over.
	t.lastDate.text, t.lastDate.date = strings.Clone(text), d
	return d, nil, true
}

// setOrderText keeps text as the date that told the day order: a copy,
// made once for each text.
func (t *tableReader) setOrderText(text string) {
	if text != t.orderText {
		t.orderText = strings.Clone(text)
	}
}

// amount reads an amount the way this format writes them; plain numbers
// without allocating.
func (t *tableReader) amount(text string) (money.Value, string, error) {
	v, cur, _, err := t.markedAmount(text)
	return v, cur, err
}

// markedAmount reads an amount that may end in a CR or DR mark: mark is
// -1 for a credit, 1 for a debit, 0 for none.
func (t *tableReader) markedAmount(text string) (money.Value, string, int, error) {
	if v, ok := money.ParsePlain(text, t.spec.DecimalComma); ok {
		return v, "", 0, nil
	}
	return t.unplainAmount(text)
}

// unplainAmount is markedAmount of a text that money.ParsePlain does not read.
func (t *tableReader) unplainAmount(text string) (money.Value, string, int, error) {
	d, cur, mark, err := money.ParseMarked(text, t.spec.DecimalComma)
	return money.FromDecimal(d), cur, mark, err
}

// readAmount reads the row's amount, a charge positive and a credit
// negative, and the currency its text names into x. The amount column's
// sign is said, in this order, by a generic file's direction column (whose
// cells must be debit or credit words), a format's direction column (its
// Credit words), a CR or DR mark, the format's convention of negative
// charges, or else counted for inferring the file's signs. Rows without an
// amount cell, and a generic file's rows with debit or credit cells, are
// read from the debit and credit columns instead. In a section of credits
// every amount is a credit.
func (t *tableReader) readAmount(x *parser.Transaction, rec []string, line int) (money.Value, bool) {
	l := &t.layout
	t.explicitRow = false
	t.reversedSide = -1
	// A generic file's debit and credit columns say more than its signed
	// amount column where it has both (KBC).
	pair := t.spec.generic != nil && (l.has(ColDebit) || l.has(ColCredit)) && (t.cells[ColDebit] != "" || t.cells[ColCredit] != "")
	if !l.has(ColAmount) || t.cells[ColAmount] == "" || pair {
		amt, ok := t.debitCreditAmount(x, line)
		if ok && t.state.Credits {
			amt = amt.Abs().Neg()
		}
		return amt, ok
	}
	// markedAmount, its plain case called here: a call less on each row.
	amt, plain := money.ParsePlain(t.cells[ColAmount], t.spec.DecimalComma)
	mark := 0
	if !plain {
		v, cur, m, err := t.unplainAmount(t.cells[ColAmount])
		if err != nil {
			t.invalid(line, "amount: %v", err)
			return money.Value{}, false
		}
		if cur != "" {
			x.Currency = cur
		}
		amt, mark = v, m
	}
	switch {
	case l.has(ColDirection) && t.spec.generic != nil:
		d := direction(t.cells[ColDirection])
		if d == 0 {
			t.invalid(line, "%q in the direction column is neither a debit nor a credit word; describe the file with --formats", t.cells[ColDirection])
			return money.Value{}, false
		}
		t.said(d, amt, false)
		amt = amt.Abs()
		if d < 0 {
			amt = amt.Neg()
		}
	case l.has(ColDirection):
		amt = amt.Abs()
		if containsFold(t.spec.Credit, t.cells[ColDirection]) {
			amt = amt.Neg()
		}
	default:
		t.signed(&amt, mark)
		return amt, true
	}
	if t.state.Credits {
		amt = amt.Abs().Neg()
	}
	return amt, true
}

// signed gives amt, an amount of a layout with no direction column, the
// sign the file's rules give it: that of its CR or DR mark (mark, 0 for
// none), the issuer's convention, or its own, counted for the file's
// signs to be inferred; then a credit's in a section of credits.
func (t *tableReader) signed(amt *money.Value, mark int) {
	switch {
	case mark != 0:
		t.said(mark, *amt, true)
		*amt = amt.Abs()
		if mark < 0 {
			*amt = amt.Neg()
		}
	case t.spec.Signs == ChargesNegative:
		*amt = amt.Neg()
	case t.spec.Signs == SignsInfer:
		t.signs[max(0, -amt.Sign())]++
	}
	if t.state.Credits {
		*amt = amt.Abs().Neg()
	}
}

// debitCreditAmount reads the debit and credit columns: the amount is the
// debit less the credit, each taken without its sign. A cell written
// negative is counted by its side, and outside a section of credits marks
// the row as possibly reversed (see reversals). A row with neither is
// invalid.
func (t *tableReader) debitCreditAmount(x *parser.Transaction, line int) (money.Value, bool) {
	var debit, credit money.Value
	for i, side := range []struct {
		c    Column
		name string
		dst  *money.Value
	}{{ColDebit, "debit", &debit}, {ColCredit, "credit", &credit}} {
		text := t.cells[side.c]
		if text == "" {
			continue
		}
		amt, cur, err := t.amount(text)
		if err != nil {
			t.invalid(line, "%s: %v", side.name, err)
			return money.Value{}, false
		}
		switch amt.Sign() {
		case 1:
			t.sideSigns[i][0]++
		case -1:
			t.sideSigns[i][1]++
			if !t.state.Credits {
				t.reversedSide = i
			}
		}
		*side.dst = amt.Abs()
		if cur != "" {
			x.Currency = cur
		}
	}
	if t.cells[ColDebit] == "" && t.cells[ColCredit] == "" {
		t.invalid(line, "row has no amount")
		return money.Value{}, false
	}
	return debit.Sub(credit), true
}

// said counts a row whose direction (d: 1 debit, -1 credit) a column or
// a mark said, by the sign its amount was written with.
func (t *tableReader) said(d int, written money.Value, marked bool) {
	credit, negative := 0, 0
	if d < 0 {
		credit = 1
	}
	if written.Sign() < 0 {
		negative = 1
	}
	t.explicit[credit][negative]++
	t.explicitRow = marked && t.spec.Signs == SignsInfer
}

// invalid reports the row on line as invalid. Its message may quote the
// record's fields: their text is kept (rowReader.keep).
func (t *tableReader) invalid(line int, format string, args ...any) {
	t.rows.keep()
	e := parser.Errorf(t.st.File, line, format, args...)
	if t.opts.SkipInvalid {
		t.st.Invalid = append(t.st.Invalid, e)
		t.st.Skip(parser.SkipInvalid)
		return
	}
	t.errs.AddErr(e)
}

// finish settles year-last dates, the sign convention, the days the file
// covers and its account.
func (t *tableReader) finish() {
	if t.layout.line == 0 && t.layout.fields >= 0 && t.spec.generic == nil {
		t.errs.Add(0, "no header line found in the first %d rows", headerSearchRows)
		return
	}
	t.resolveDates()
	st := t.st
	// A file refused for its rows is not also judged by the signs of the
	// rows that were read.
	if t.spec.Signs == SignsInfer && t.errs.Count() == 0 && !t.settleSigns() {
		return
	}
	t.turnReversals()
	// Transactions whose date could not be settled are left out (resolveDates
	// reported them); the others make the file's days and its account.
	var accounts accountSet
	st.Txns.Filter(func(i int) bool {
		d := st.Txns.Date(i)
		if d.Valid() {
			st.Cover(d)
			accounts.add(st.Txns.Account(i))
		}
		return d.Valid()
	})
	b := &st.Brief
	b.Postings.Filter(func(p *brief.Posting) bool {
		if !p.Date.Valid() {
			b.Count(int(p.Sign), -1)
			return false
		}
		return t.opts.Fold == nil || t.opts.Fold(p.Date)
	})
	for i := range b.Days {
		if first, last, ok := b.Days[i].Bounds(); ok {
			st.Cover(first)
			st.Cover(last)
			accounts.add(b.Accounts[i])
		}
	}
	if a, ok := accounts.only(); ok {
		st.Account = a
	}
	if st.Transactions() == 0 && t.errs.Count() == 0 && len(st.Invalid) == 0 {
		t.errs.Add(t.layout.line, "no transaction follows the header")
	}
}

// settleSigns decides, for a file whose amount column does not say by
// itself which rows are charges, how it writes them. Evidence is taken in
// this order: a direction column, debit and credit columns or CR/DR marks
// (rows that say it); how the rows that say it write their amounts, for
// those that do not; and only then the majority of rows, with at least 5
// rows and twice as many of one sign as of the other, since most rows of a
// statement are charges. Otherwise the file is refused. It reports false
// when it was.
func (t *tableReader) settleSigns() bool {
	st, l := t.st, &t.layout
	raw := t.signs[0] + t.signs[1]
	ex := t.explicit
	said := ex[0][0] + ex[0][1] + ex[1][0] + ex[1][1]
	switch {
	case raw == 0:
		switch {
		case l.has(ColDirection) && said > 0:
			st.Reading = append(st.Reading, msg.Msgf("signs from the direction column: debits %d, credits %d", ex[0][0]+ex[0][1], ex[1][0]+ex[1][1]))
		case said > 0:
			st.Reading = append(st.Reading, msg.Msgf("signs from CR and DR marks"))
		case l.has(ColDebit) || l.has(ColCredit):
			st.Reading = append(st.Reading, msg.Msgf("signs from the debit and credit columns"))
		}
	case said > 0:
		// A debit written negative says the file writes charges so; a
		// debit written positive or a credit written negative says the
		// other way. A credit written positive with a mark says nothing.
		if ex[0][1] > ex[0][0]+ex[1][1] {
			t.turnUnsaid()
			st.Reading = append(st.Reading, msg.Msgf("signs from CR and DR marks; the %d rows without one are written as the marked debits are, charges negative", raw))
		} else {
			st.Reading = append(st.Reading, msg.Msgf("signs from CR and DR marks; the %d rows without one are charges where positive", raw))
		}
	case raw >= 5 && t.signs[1] >= 2*t.signs[0]:
		t.turnUnsaid()
		st.Notes = append(st.Notes, msg.Msgf("charges are written as negative amounts here (%d of %d rows); signs turned so that charges count as positive", t.signs[1], raw))
		st.Reading = append(st.Reading, msg.Msgf("signs by the majority of rows: %d of %d are negative, taken as charges", t.signs[1], raw))
	case raw >= 5 && t.signs[0] >= 2*t.signs[1]:
		st.Reading = append(st.Reading, msg.Msgf("signs by the majority of rows: %d of %d are positive, taken as charges", t.signs[0], raw))
	default:
		t.errs.Add(l.line, "cannot tell charges from credits: %d rows are positive and %d negative, and no column or mark says which is which (the majority is taken only with at least 5 rows and twice as many of one sign); describe the file with --formats", t.signs[0], t.signs[1])
		return false
	}
	return true
}

// A reversal is a row with a debit or credit cell written negative.
type reversal struct {
	side  int  // 0 debit, 1 credit
	index int  // in st.Txns when kept, else in st.brief.postings (-1: no posting)
	kept  bool // kept in full
	sign  int  // the sign the row was read with
}

// turnReversals turns the rows whose debit or credit cell was written
// negative in a column whose other cells are positive: such a column
// writes its amounts unsigned, and a negative one is money going the other
// way (a charge reversed in the debit column is a credit). In a column
// written negative throughout (some banks sign their debits), the sign
// says nothing and the rows stay as read.
func (t *tableReader) turnReversals() {
	turned := [2]int{}
	st, b := t.st, &t.st.Brief
	var postings []int // in the order read, so ascending
	for _, r := range t.reversals {
		if signs := t.sideSigns[r.side]; signs[1] >= signs[0] {
			continue
		}
		turned[r.side]++
		if r.kept {
			st.Txns.Negate(r.index)
			continue
		}
		if r.index >= 0 {
			postings = append(postings, r.index)
		}
		b.Count(r.sign, -1)
		b.Count(-r.sign, 1)
	}
	if len(postings) > 0 {
		i, k := 0, 0
		for p := range b.Postings.All() {
			if k < len(postings) && postings[k] == i {
				p.Sign = -p.Sign
				k++
			}
			i++
		}
	}
	if turned[0] > 0 {
		st.Notes = append(st.Notes, msg.Msgf("%d rows written negative in the debit column, whose other amounts are positive, are read as credits (a charge reversed)", turned[0]))
	}
	if turned[1] > 0 {
		st.Notes = append(st.Notes, msg.Msgf("%d rows written negative in the credit column, whose other amounts are positive, are read as charges (a credit reversed)", turned[1]))
	}
}

// turnUnsaid turns the sign of every transaction whose direction no mark
// said.
func (t *tableReader) turnUnsaid() {
	st := t.st
	k := 0
	for i := range st.Txns.Len() {
		if k < len(t.explicitTxns) && t.explicitTxns[k] == i {
			k++
			continue
		}
		st.Txns.Negate(i)
	}
	i, k := 0, 0
	for p := range st.Brief.Postings.All() {
		if k < len(t.explicitBrief) && t.explicitBrief[k] == i {
			k++
		} else {
			p.Sign = -p.Sign
		}
		i++
	}
	b := &st.Brief
	charges, credits := b.Charges-t.explicitBriefSigns[0], b.Credits-t.explicitBriefSigns[1]
	b.Charges, b.Credits = t.explicitBriefSigns[0]+credits, t.explicitBriefSigns[1]+charges
}

// accountSet tells whether the rows of a file name one account only.
type accountSet struct {
	first   string
	any     bool
	several bool
}

func (a *accountSet) add(account string) {
	switch {
	case !a.any:
		a.first, a.any = account, true
	case account != a.first:
		a.several = true
	}
}

// only returns the one account named, if the rows name exactly one.
func (a *accountSet) only() (string, bool) { return a.first, a.any && !a.several }

func (t *tableReader) resolveDates() {
	st := t.st
	if t.order != civil.OrderUnknown && t.spec.DateOrder == civil.OrderUnknown {
		st.DayOrder, st.DayOrderOwn = t.order.Name(), true
		st.Reading = append(st.Reading, msg.Msgf("day order %s, told by %q on line %d", t.order, t.orderText, t.orderAt))
	}
	// Only rows that became transactions wait here: a row that proved
	// invalid after its date was read (no amount, say) never did.
	if len(t.pending) == 0 {
		return
	}
	order := t.order
	if order == civil.OrderUnknown {
		order = t.unsettledOrder()
		if order == civil.OrderUnknown {
			return
		}
	}
	for _, p := range t.pending {
		d, ok := p.parts.Date(order)
		if !ok {
			t.invalid(p.line, "%q is not a day of the calendar (read as %s)", p.text, order)
			continue
		}
		if p.brief {
			q := t.st.Brief.Postings.At(p.txn)
			q.Date = d
			t.st.Brief.Days[q.Account].Add(d)
		} else {
			t.st.Txns.SetDate(p.txn, d)
		}
	}
}

// unsettledOrder is the day order of a file whose own dates cannot tell
// it: the order another file of the run told, else --date-order. Dates
// like 03/03/2026 read the same both ways: a file of only those needs
// none. Without either, the file is refused.
func (t *tableReader) unsettledOrder() civil.DayOrder {
	var first *pendingDate
	for i, p := range t.pending {
		if p.parts.A != p.parts.B {
			first = &t.pending[i]
			break
		}
	}
	st := t.st
	switch {
	case first == nil:
		return civil.OrderDMY
	case t.opts.RunDateOrder != "":
		order := civil.DayOrderNames[t.opts.RunDateOrder]
		st.DayOrder = order.Name()
		st.Reading = append(st.Reading, msg.Msgf("day order %s, as in %s: no date here has a day above 12", order, t.opts.RunDateOrderFrom))
		return order
	case t.opts.DateOrder != "":
		order := civil.DayOrderNames[t.opts.DateOrder]
		st.DayOrder = order.Name()
		st.Reading = append(st.Reading, msg.Msgf("day order %s, from --date-order: no date here has a day above 12", order))
		return order
	}
	e := parser.Errorf(st.File, first.line, "%q could be day/month/year or month/day/year, and no date in the file has a day above 12 to tell which; say which with --date-order dmy or --date-order mdy", first.text)
	e.DayOrderUnsettled(st.Shape, t.accountSoFar())
	t.errs.AddErr(e)
	return civil.OrderUnknown
}

// accountSoFar is the one account the file's rows name, or "".
func (t *tableReader) accountSoFar() string {
	var accounts accountSet
	for i := range t.st.Txns.Len() {
		accounts.add(t.st.Txns.Account(i))
	}
	for _, a := range t.st.Brief.Accounts {
		accounts.add(a)
	}
	a, _ := accounts.only()
	return a
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func containsFold(list []string, s string) bool {
	s = strings.ToLower(textenc.Fold(s))
	for _, x := range list {
		if strings.ToLower(x) == s {
			return true
		}
	}
	return false
}

// peekDecoded returns a reader of text and the first 64 KiB of it.
func peekDecoded(text io.Reader) (*bufio.Reader, []byte, error) {
	br := bufio.NewReaderSize(text, textenc.SniffSize)
	head, err := br.Peek(textenc.SniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, nil, err
	}
	return br, head, nil
}
