package formats

import (
	"bufio"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/table"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// ReadFormatsFile reads the statement formats a person describes in a
// formats file (refundwatch check --formats FILE). Each format starts with a
// "format NAME" line and is a TableSpec written as directives, one a line;
// lines starting with # are comments. Every problem is an *Error at its
// line, all of them collected.
func ReadFormatsFile(name string, r io.Reader) ([]*parser.Format, error) {
	p := &formatsFile{errs: *parser.NewProblems(name), seen: map[string]int{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		directive, value, _ := strings.Cut(text, " ")
		p.directive(line, directive, strings.TrimSpace(value))
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		p.errs.Add(line+1, "line is longer than %s; a formats file has one short directive a line", "64 KiB")
		p.cur = nil // its directives after the line are unread: it is not missing them
	} else if err != nil {
		p.errs.AddErr(&parser.Error{File: name, Line: line + 1, Err: err})
	}
	p.finish()
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	if len(p.formats) == 0 {
		return nil, parser.Errorf(name, 0, "no format in the file: each starts with a line \"format NAME\"")
	}
	return p.formats, nil
}

// formatsFile is the state of reading a formats file.
type formatsFile struct {
	errs    parser.Problems
	formats []*parser.Format
	seen    map[string]int // format name → line that named it
	cur     *userFormat
}

// userFormat is one format as its directives are read; finish turns it
// into a Format.
type userFormat struct {
	name     string
	line     int
	at       map[string]int // directive → line it was given on
	f        *parser.Format
	spec     *table.TableSpec // f's Table
	header   []string         // header cells as written
	columns  map[table.Column]string
	colLine  map[table.Column]int
	values   map[table.Column][]string // credit-when, only-when values
	currency string
	account  string
	match    *regexp.Regexp
}

var currencyCodeRE = regexp.MustCompile(`^[A-Z]{3}$`)

// userEncodings are the encodings a format can name, by the names people use.
var userEncodings = map[string]string{
	"utf-8": textenc.EncUTF8, "utf8": textenc.EncUTF8,
	"cp932": textenc.EncCP932, "shift_jis": textenc.EncCP932, "sjis": textenc.EncCP932,
	"cp1252": textenc.EncCP1252, "windows-1252": textenc.EncCP1252,
	"cp1250": textenc.EncCP1250, "windows-1250": textenc.EncCP1250,
	"iso-8859-1": textenc.EncLatin1, "latin1": textenc.EncLatin1,
}

var userDelimiters = map[string]rune{",": ',', ";": ';', "tab": '\t', "|": '|'}

func (p *formatsFile) directive(line int, written, v string) {
	d := strings.ToLower(written)
	if d == "format" {
		p.finish()
		p.start(line, v)
		return
	}
	u := p.cur
	if u == nil {
		p.errs.Add(line, "%q before any \"format NAME\" line", written)
		return
	}
	dir, known := directives[d]
	if !known {
		p.errs.Add(line, "unknown directive %q (known: %s)", written, strings.Join(directiveNames(), ", "))
		return
	}
	if prev, ok := u.at[d]; ok {
		p.errs.Add(line, "%s is given twice in format %s (also on line %d)", d, u.name, prev)
		return
	}
	u.at[d] = line
	if v == "" && d != "no-header" {
		p.errs.Add(line, "%s needs a value: %s", d, dir.help)
		return
	}
	dir.set(p, u, line, v)
}

// A formatDirective is one kind of line of a formats file: what it takes,
// and how it sets the format being read (p.errs gets what is wrong with
// its value).
type formatDirective struct {
	help string
	set  func(p *formatsFile, u *userFormat, line int, v string)
}

// directives are the lines a format is described with, by name ("format"
// starts a format and is read by directive itself).
var directives = map[string]formatDirective{
	"format":       {"format NAME", nil},
	"issuer":       {"issuer TEXT", func(_ *formatsFile, u *userFormat, _ int, v string) { u.f.Issuer = v }},
	"country":      {"country CODE", func(_ *formatsFile, u *userFormat, _ int, v string) { u.f.Country = strings.ToUpper(v) }},
	"encoding":     {"encoding utf-8|cp932|cp1252|cp1250|iso-8859-1", (*formatsFile).encoding},
	"delimiter":    {"delimiter , | ; | tab", (*formatsFile).delimiter},
	"skip":         {"skip N", (*formatsFile).skip},
	"header":       {"header CELL,CELL,…", (*formatsFile).header},
	"no-header":    {"no-header", (*formatsFile).noHeader},
	"match":        {"match REGEX", (*formatsFile).match},
	"date":         {"date COLUMN", columnOf(table.ColUseDate)},
	"posting-date": {"posting-date COLUMN", columnOf(table.ColPostDate)},
	"description":  {"description COLUMN[+COLUMN]", (*formatsFile).description},
	"amount":       {"amount COLUMN", columnOf(table.ColAmount)},
	"debit":        {"debit COLUMN", columnOf(table.ColDebit)},
	"credit":       {"credit COLUMN", columnOf(table.ColCredit)},
	"currency":     {"currency COLUMN|CODE", func(_ *formatsFile, u *userFormat, _ int, v string) { u.currency = v }},
	"account":      {"account COLUMN|TEXT", func(_ *formatsFile, u *userFormat, _ int, v string) { u.account = v }},
	"date-format":  {"date-format ymd|dmy|mdy|LAYOUT", (*formatsFile).dateFormat},
	"decimal-mark": {"decimal-mark . | ,", (*formatsFile).decimalMark},
	"signs":        {"signs charges-positive|charges-negative", (*formatsFile).signs},
	"credit-when":  {"credit-when COLUMN VALUE,…", valuesOf("credit-when", table.ColDirection)},
	"only-when":    {"only-when COLUMN VALUE,…", valuesOf("only-when", table.ColStatus)},
}

// columnOf reads a directive that names one column of the kind.
func columnOf(kind table.Column) func(*formatsFile, *userFormat, int, string) {
	return func(_ *formatsFile, u *userFormat, line int, v string) { u.column(kind, v, line) }
}

func (p *formatsFile) encoding(u *userFormat, line int, v string) {
	enc, ok := userEncodings[strings.ToLower(v)]
	if !ok {
		p.errs.Add(line, "unknown encoding %q (known: utf-8, cp932, cp1252, cp1250, iso-8859-1)", v)
	}
	u.spec.Encoding = enc
}

func (p *formatsFile) delimiter(u *userFormat, line int, v string) {
	r, ok := userDelimiters[strings.ToLower(v)]
	if !ok {
		p.errs.Add(line, "delimiter %q: expected , or ; or | or tab", v)
	}
	u.spec.Delimiter = r
}

func (p *formatsFile) skip(u *userFormat, line int, v string) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		p.errs.Add(line, "skip %q: expected a number of rows, 0 or more", v)
	}
	u.spec.Skip = n
}

func (p *formatsFile) header(u *userFormat, line int, v string) {
	empty := false
	for _, cell := range strings.Split(v, ",") {
		if cell = strings.TrimSpace(cell); cell != "" {
			u.header = append(u.header, cell)
		} else {
			empty = true
		}
	}
	if empty {
		p.errs.Add(line, "header has an empty cell: list the header's cells separated by commas")
	}
}

func (p *formatsFile) noHeader(u *userFormat, line int, v string) {
	if v != "" {
		p.errs.Add(line, "no-header takes no value")
	}
	u.spec.Headerless = true
}

func (p *formatsFile) match(u *userFormat, line int, v string) {
	re, err := regexp.Compile(v)
	if err != nil {
		p.errs.Add(line, "match: not a regular expression: %s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		return
	}
	u.match = re
}

func (p *formatsFile) description(u *userFormat, line int, v string) {
	parts := strings.Split(v, "+")
	if len(parts) > 2 {
		p.errs.Add(line, "description joins at most two columns (COLUMN+COLUMN)")
		return
	}
	u.column(table.ColDescription, parts[0], line)
	if len(parts) == 2 {
		u.column(table.ColMemo, parts[1], line)
	}
}

func (p *formatsFile) decimalMark(u *userFormat, line int, v string) {
	switch v {
	case ".":
	case ",":
		u.spec.DecimalComma = true
	default:
		p.errs.Add(line, "decimal-mark %q: expected . or ,", v)
	}
}

func (p *formatsFile) signs(u *userFormat, line int, v string) {
	switch v {
	case "charges-positive":
		u.spec.Signs = table.ChargesPositive
	case "charges-negative":
		u.spec.Signs = table.ChargesNegative
	default:
		p.errs.Add(line, "signs %q: expected charges-positive or charges-negative", v)
	}
}

// valuesOf reads credit-when and only-when (d): a column, then the values
// in it that make a row a credit, or a row to read.
func valuesOf(d string, kind table.Column) func(*formatsFile, *userFormat, int, string) {
	return func(p *formatsFile, u *userFormat, line int, v string) {
		col, vals, ok := strings.Cut(v, " ")
		if !ok || strings.TrimSpace(vals) == "" {
			p.errs.Add(line, "%s needs a column and the values: %s", d, d+" COLUMN VALUE,…")
			return
		}
		u.column(kind, col, line)
		for _, val := range strings.Split(vals, ",") {
			u.values[kind] = append(u.values[kind], strings.ToLower(textenc.Fold(strings.TrimSpace(val))))
		}
	}
}

// dateFormat sets how the format's dates are read.
func (p *formatsFile) dateFormat(u *userFormat, line int, v string) {
	spec := u.spec
	switch v {
	case "dmy":
		spec.DateOrder = civil.OrderDMY
	case "mdy":
		spec.DateOrder = civil.OrderMDY
	case "ymd":
		spec.ParseDate = func(s string) (civil.Date, bool) {
			d, err := civil.ParseDate(s)
			return d, err == nil
		}
	default:
		parse, err := civil.LayoutDateParser(v)
		if err != nil {
			p.errs.Add(line, "date-format: %v (or ymd, dmy, mdy)", err)
			return
		}
		spec.ParseDate = parse
	}
}

func (u *userFormat) column(kind table.Column, ref string, line int) {
	u.columns[kind] = strings.TrimSpace(ref)
	u.colLine[kind] = line
}

func (p *formatsFile) start(line int, name string) {
	if name == "" || strings.ContainsAny(name, " \t") {
		p.errs.Add(line, "format needs a name without spaces, such as \"format my-bank\"")
	}
	if prev, ok := p.seen[name]; ok {
		p.errs.Add(line, "format %s is already described on line %d", name, prev)
	} else if _, builtin := defaultRegistry.Lookup(name); builtin {
		p.errs.Add(line, "format %s is a built-in format: choose another name", name)
	}
	p.seen[name] = line
	spec := &table.TableSpec{}
	p.cur = &userFormat{
		name: name, line: line, at: map[string]int{},
		f: &parser.Format{Name: name, Table: spec}, spec: spec,
		columns: map[table.Column]string{}, colLine: map[table.Column]int{}, values: map[table.Column][]string{},
	}
}

// finish checks the format being read as a whole and adds it.
func (p *formatsFile) finish() {
	u := p.cur
	if u == nil {
		return
	}
	p.cur = nil
	n := p.errs.Count()
	p.checkHeader(u)
	p.checkColumns(u)
	p.checkAmount(u)
	p.place(u)
	if p.errs.Count() == n {
		p.formats = append(p.formats, u.f)
	}
}

// missing reports what a format lacks, at its "format" line.
func (p *formatsFile) missing(u *userFormat, what string) {
	p.errs.Add(u.line, "format %s: %s", u.name, what)
}

// given says whether a directive was given. One given with a bad value has
// been reported: it is not also missing.
func (u *userFormat) given(d string) bool { return u.at[d] > 0 }

// checkHeader checks how the format's files are recognised: by a header
// line, or by the pattern of a data row.
func (p *formatsFile) checkHeader(u *userFormat) {
	spec := u.spec
	switch {
	case u.given("header") && u.given("no-header"):
		p.errs.Add(u.at["no-header"], "no-header and header both given: a file has a header line or not")
		spec.Headerless = false
	case !u.given("header") && !u.given("no-header"):
		p.missing(u, "needs header CELL,CELL,… (the header line's cells that identify the file) or no-header with match REGEX")
	case spec.Headerless && !u.given("match"):
		p.missing(u, "no-header needs match REGEX: the pattern of a data row, which is how such files are recognised")
	case !spec.Headerless && u.given("match"):
		p.errs.Add(u.at["match"], "match is for files without header (no-header); header identifies this one")
	}
}

// checkColumns checks that a date and a description are named.
func (p *formatsFile) checkColumns(u *userFormat) {
	if !u.given("date") && !u.given("posting-date") {
		p.missing(u, "needs date COLUMN (or posting-date COLUMN)")
	}
	if !u.given("description") {
		p.missing(u, "needs description COLUMN")
	}
}

// checkAmount checks that the amount is one column with a sign convention,
// or a debit and a credit column.
func (p *formatsFile) checkAmount(u *userFormat) {
	amount, debit, credit := u.given("amount"), u.given("debit"), u.given("credit")
	switch {
	case amount && (debit || credit):
		p.errs.Add(u.at["amount"], "amount and debit/credit both given: a file has one amount column or a debit and a credit column")
	case !amount && !(debit && credit):
		p.missing(u, "needs amount COLUMN, or debit COLUMN and credit COLUMN")
	case amount && !u.given("signs") && !u.given("credit-when"):
		p.missing(u, "needs signs charges-positive or signs charges-negative (how the amount column writes a charge), or credit-when COLUMN VALUE,…")
	case !amount && u.given("signs"):
		p.errs.Add(u.at["signs"], "signs is for an amount column; with debit and credit columns, debits are charges")
	}
	if u.given("credit-when") && !amount {
		p.errs.Add(u.at["credit-when"], "credit-when is for an amount column; with debit and credit columns, credits are in their own column")
	}
}

// place turns the columns, currency, account and row pattern the
// directives named into the format's TableSpec.
func (p *formatsFile) place(u *userFormat) {
	spec := u.spec
	if len(spec.Header) == 0 {
		for _, cell := range u.header {
			spec.Header = append(spec.Header, table.FoldHeader(cell))
		}
	}
	for kind := range table.NumColumns {
		if ref := u.columns[kind]; ref != "" {
			p.resolve(u, kind, ref, u.colLine[kind])
		}
	}
	p.placeCurrency(u)
	p.placeAccount(u)
	spec.Credit, spec.Booked = u.values[table.ColDirection], u.values[table.ColStatus]
	if u.match != nil {
		re, delim := u.match, string(spec.Separator())
		spec.DataRow = func(rec []string) bool { return re.MatchString(strings.Join(rec, delim)) }
		u.f.Example = u.match.String()
	} else {
		u.f.Example = strings.Join(u.header, string(spec.Separator()))
	}
}

// placeCurrency reads currency as a column, else as a currency code.
func (p *formatsFile) placeCurrency(u *userFormat) {
	c := u.currency
	if c == "" || p.resolveOptional(u, table.ColCurrency, c, u.at["currency"]) {
		return
	}
	if !currencyCodeRE.MatchString(c) {
		p.errs.Add(u.at["currency"], "currency %q is neither a column of the header nor a currency code such as EUR", c)
	}
	u.spec.Currency = c
}

// placeAccount reads account as a column, else as the name of the account
// of every row that names none.
func (p *formatsFile) placeAccount(u *userFormat) {
	a := u.account
	if a == "" || p.resolveOptional(u, table.ColAccount, a, u.at["account"]) {
		return
	}
	u.spec.Enrich = func(x *parser.Transaction, _ []string) {
		if x.Account == "" {
			x.Account = a
		}
	}
}

// resolve places a column named in a directive: by 1-based position, or by
// a cell of the header line.
func (p *formatsFile) resolve(u *userFormat, kind table.Column, ref string, line int) {
	spec := u.spec
	if pos, err := strconv.Atoi(ref); err == nil {
		if pos < 1 {
			p.errs.Add(line, "column %d: positions start at 1", pos)
			return
		}
		if spec.Positions == nil {
			spec.Positions = map[table.Column]int{}
		}
		spec.Positions[kind] = pos
		return
	}
	if spec.Headerless {
		p.errs.Add(line, "column %q: a file without header names its columns by position (1, 2, …)", ref)
		return
	}
	if !slices.Contains(spec.Header, table.FoldHeader(ref)) {
		p.errs.Add(line, "column %q is not a cell of the header line (line %d): name it there, or give its position", ref, u.at["header"])
		return
	}
	if spec.Columns == nil {
		spec.Columns = map[table.Column][]string{}
	}
	spec.Columns[kind] = []string{table.FoldHeader(ref)}
}

// resolveOptional places a column that may also be a fixed value (currency,
// account): it is a column when it is a position or a header cell.
func (p *formatsFile) resolveOptional(u *userFormat, kind table.Column, ref string, line int) bool {
	_, err := strconv.Atoi(ref)
	if err != nil && (u.spec.Headerless || !slices.Contains(u.spec.Header, table.FoldHeader(ref))) {
		return false
	}
	p.resolve(u, kind, ref, line)
	return true
}

func directiveNames() []string {
	var names []string
	for d := range directives {
		names = append(names, d)
	}
	slices.Sort(names)
	return names
}
