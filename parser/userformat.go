package parser

import (
	"bufio"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ReadFormatsFile reads the statement formats a person describes in a
// formats file (refundwatch check --formats FILE). Each format starts with a
// "format NAME" line and is a TableSpec written as directives, one a line;
// lines starting with # are comments. Every problem is an *Error at its
// line, all of them collected.
func ReadFormatsFile(name string, r io.Reader) ([]*Format, error) {
	p := &formatsFile{errs: collector{file: name}, seen: map[string]int{}}
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
		p.errs.add(line+1, "line is longer than %s; a formats file has one short directive a line", "64 KiB")
		p.cur = nil // its directives after the line are unread: it is not missing them
	} else if err != nil {
		p.errs.addErr(&Error{File: name, Line: line + 1, Err: err})
	}
	p.finish()
	if err := p.errs.err(); err != nil {
		return nil, err
	}
	if len(p.formats) == 0 {
		return nil, Errorf(name, 0, "no format in the file: each starts with a line \"format NAME\"")
	}
	return p.formats, nil
}

// formatsFile is the state of reading a formats file.
type formatsFile struct {
	errs    collector
	formats []*Format
	seen    map[string]int // format name → line that named it
	cur     *userFormat
}

// userFormat is one format as its directives are read; finish turns it
// into a Format.
type userFormat struct {
	name     string
	line     int
	at       map[string]int // directive → line it was given on
	f        *Format
	header   []string // header cells as written
	columns  map[column]string
	colLine  map[column]int
	values   map[column][]string // credit-when, only-when values
	currency string
	account  string
	match    *regexp.Regexp
}

var currencyCodeRE = regexp.MustCompile(`^[A-Z]{3}$`)

// userColumns are the directives that name one column, and its kind.
var userColumns = map[string]column{
	"date":         colUseDate,
	"posting-date": colPostDate,
	"amount":       colAmount,
	"debit":        colDebit,
	"credit":       colCredit,
}

// userEncodings are the encodings a format can name, by the names people use.
var userEncodings = map[string]string{
	"utf-8": EncUTF8, "utf8": EncUTF8,
	"cp932": EncCP932, "shift_jis": EncCP932, "sjis": EncCP932,
	"cp1252": EncCP1252, "windows-1252": EncCP1252,
	"cp1250": EncCP1250, "windows-1250": EncCP1250,
	"iso-8859-1": EncLatin1, "latin1": EncLatin1,
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
		p.errs.add(line, "%q before any \"format NAME\" line", written)
		return
	}
	if _, known := directiveHelp[d]; !known {
		p.errs.add(line, "unknown directive %q (known: %s)", written, strings.Join(directiveNames(), ", "))
		return
	}
	if prev, ok := u.at[d]; ok {
		p.errs.add(line, "%s is given twice in format %s (also on line %d)", d, u.name, prev)
		return
	}
	u.at[d] = line
	if v == "" && d != "no-header" {
		p.errs.add(line, "%s needs a value: %s", d, directiveHelp[d])
		return
	}
	spec := u.f.Table
	switch d {
	case "issuer":
		u.f.Issuer = v
	case "country":
		u.f.Country = strings.ToUpper(v)
	case "encoding":
		enc, ok := userEncodings[strings.ToLower(v)]
		if !ok {
			p.errs.add(line, "unknown encoding %q (known: utf-8, cp932, cp1252)", v)
		}
		spec.Encoding = enc
	case "delimiter":
		r, ok := userDelimiters[strings.ToLower(v)]
		if !ok {
			p.errs.add(line, "delimiter %q: expected , or ; or | or tab", v)
		}
		spec.Delimiter = r
	case "skip":
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			p.errs.add(line, "skip %q: expected a number of rows, 0 or more", v)
		}
		spec.Skip = n
	case "header":
		empty := false
		for _, cell := range strings.Split(v, ",") {
			if cell = strings.TrimSpace(cell); cell != "" {
				u.header = append(u.header, cell)
			} else {
				empty = true
			}
		}
		if empty {
			p.errs.add(line, "header has an empty cell: list the header's cells separated by commas")
		}
	case "no-header":
		if v != "" {
			p.errs.add(line, "no-header takes no value")
		}
		spec.Headerless = true
	case "match":
		re, err := regexp.Compile(v)
		if err != nil {
			p.errs.add(line, "match: not a regular expression: %s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
			return
		}
		u.match = re
	case "description":
		parts := strings.Split(v, "+")
		if len(parts) > 2 {
			p.errs.add(line, "description joins at most two columns (COLUMN+COLUMN)")
			return
		}
		u.column(colDescription, parts[0], line)
		if len(parts) == 2 {
			u.column(colMemo, parts[1], line)
		}
	case "currency":
		u.currency = v
	case "account":
		u.account = v
	case "date-format":
		p.dateFormat(spec, line, v)
	case "decimal-mark":
		switch v {
		case ".":
		case ",":
			spec.DecimalComma = true
		default:
			p.errs.add(line, "decimal-mark %q: expected . or ,", v)
		}
	case "signs":
		switch v {
		case "charges-positive":
			spec.Signs = ChargesPositive
		case "charges-negative":
			spec.Signs = ChargesNegative
		default:
			p.errs.add(line, "signs %q: expected charges-positive or charges-negative", v)
		}
	case "credit-when", "only-when":
		col, vals, ok := strings.Cut(v, " ")
		if !ok || strings.TrimSpace(vals) == "" {
			p.errs.add(line, "%s needs a column and the values: %s", d, directiveHelp[d])
			return
		}
		kind := map[string]column{"credit-when": colDirection, "only-when": colStatus}[d]
		u.column(kind, col, line)
		for _, val := range strings.Split(vals, ",") {
			u.values[kind] = append(u.values[kind], strings.ToLower(Fold(strings.TrimSpace(val))))
		}
	default:
		u.column(userColumns[d], v, line)
	}
}

// dateFormat sets how the format's dates are read.
func (p *formatsFile) dateFormat(spec *TableSpec, line int, v string) {
	switch v {
	case "dmy":
		spec.DateOrder = orderDMY
	case "mdy":
		spec.DateOrder = orderMDY
	case "ymd":
		spec.ParseDate = func(s string) (Date, bool) {
			d, err := ParseDate(s)
			return d, err == nil
		}
	default:
		parse, err := LayoutDateParser(v)
		if err != nil {
			p.errs.add(line, "date-format: %v (or ymd, dmy, mdy)", err)
			return
		}
		spec.ParseDate = parse
	}
}

func (u *userFormat) column(kind column, ref string, line int) {
	u.columns[kind] = strings.TrimSpace(ref)
	u.colLine[kind] = line
}

func (p *formatsFile) start(line int, name string) {
	if name == "" || strings.ContainsAny(name, " \t") {
		p.errs.add(line, "format needs a name without spaces, such as \"format my-bank\"")
	}
	if prev, ok := p.seen[name]; ok {
		p.errs.add(line, "format %s is already described on line %d", name, prev)
	} else if _, builtin := defaultRegistry.Lookup(name); builtin {
		p.errs.add(line, "format %s is a built-in format: choose another name", name)
	}
	p.seen[name] = line
	p.cur = &userFormat{
		name: name, line: line, at: map[string]int{},
		f:       &Format{Name: name, Table: &TableSpec{}},
		columns: map[column]string{}, colLine: map[column]int{}, values: map[column][]string{},
	}
}

// finish checks the format being read as a whole and adds it.
func (p *formatsFile) finish() {
	u := p.cur
	if u == nil {
		return
	}
	p.cur = nil
	n := len(p.errs.errs)
	spec := u.f.Table
	missing := func(what string) {
		p.errs.add(u.line, "format %s: %s", u.name, what)
	}
	// A directive given with a bad value has been reported: it is not also missing.
	given := func(d string) bool { return u.at[d] > 0 }
	switch {
	case given("header") && given("no-header"):
		p.errs.add(u.at["no-header"], "no-header and header both given: a file has a header line or not")
		spec.Headerless = false
	case !given("header") && !given("no-header"):
		missing("needs header CELL,CELL,… (the header line's cells that identify the file) or no-header with match REGEX")
	case spec.Headerless && !given("match"):
		missing("no-header needs match REGEX: the pattern of a data row, which is how such files are recognised")
	case !spec.Headerless && given("match"):
		p.errs.add(u.at["match"], "match is for files without header (no-header); header identifies this one")
	}
	if !given("date") && !given("posting-date") {
		missing("needs date COLUMN (or posting-date COLUMN)")
	}
	if !given("description") {
		missing("needs description COLUMN")
	}
	amount, debit, credit := given("amount"), given("debit"), given("credit")
	switch {
	case amount && (debit || credit):
		p.errs.add(u.at["amount"], "amount and debit/credit both given: a file has one amount column or a debit and a credit column")
	case !amount && !(debit && credit):
		missing("needs amount COLUMN, or debit COLUMN and credit COLUMN")
	case amount && !given("signs") && !given("credit-when"):
		missing("needs signs charges-positive or signs charges-negative (how the amount column writes a charge), or credit-when COLUMN VALUE,…")
	case !amount && given("signs"):
		p.errs.add(u.at["signs"], "signs is for an amount column; with debit and credit columns, debits are charges")
	}
	if given("credit-when") && !amount {
		p.errs.add(u.at["credit-when"], "credit-when is for an amount column; with debit and credit columns, credits are in their own column")
	}
	if len(spec.Header) == 0 {
		for _, cell := range u.header {
			spec.Header = append(spec.Header, foldHeader(cell))
		}
	}
	for kind := range numColumns {
		if ref := u.columns[kind]; ref != "" {
			p.resolve(u, kind, ref, u.colLine[kind])
		}
	}
	if c := u.currency; c != "" {
		if !p.resolveOptional(u, colCurrency, c, u.at["currency"]) {
			if !currencyCodeRE.MatchString(c) {
				p.errs.add(u.at["currency"], "currency %q is neither a column of the header nor a currency code such as EUR", c)
			}
			spec.Currency = c
		}
	}
	if a := u.account; a != "" && !p.resolveOptional(u, colAccount, a, u.at["account"]) {
		text := a
		spec.Enrich = func(x *Transaction, _ []string) {
			if x.Account == "" {
				x.Account = text
			}
		}
	}
	spec.Credit, spec.Booked = u.values[colDirection], u.values[colStatus]
	if u.match != nil {
		re, delim := u.match, string(spec.delimiter())
		spec.DataRow = func(rec []string) bool { return re.MatchString(strings.Join(rec, delim)) }
		u.f.Example = u.match.String()
	} else {
		u.f.Example = strings.Join(u.header, string(spec.delimiter()))
	}
	if len(p.errs.errs) == n {
		p.formats = append(p.formats, u.f)
	}
}

// resolve places a column named in a directive: by 1-based position, or by
// a cell of the header line.
func (p *formatsFile) resolve(u *userFormat, kind column, ref string, line int) {
	spec := u.f.Table
	if pos, err := strconv.Atoi(ref); err == nil {
		if pos < 1 {
			p.errs.add(line, "column %d: positions start at 1", pos)
			return
		}
		if spec.Positions == nil {
			spec.Positions = map[column]int{}
		}
		spec.Positions[kind] = pos
		return
	}
	if spec.Headerless {
		p.errs.add(line, "column %q: a file without header names its columns by position (1, 2, …)", ref)
		return
	}
	if !slices.Contains(spec.Header, foldHeader(ref)) {
		p.errs.add(line, "column %q is not a cell of the header line (line %d): name it there, or give its position", ref, u.at["header"])
		return
	}
	if spec.Columns == nil {
		spec.Columns = map[column][]string{}
	}
	spec.Columns[kind] = []string{foldHeader(ref)}
}

// resolveOptional places a column that may also be a fixed value (currency,
// account): it is a column when it is a position or a header cell.
func (p *formatsFile) resolveOptional(u *userFormat, kind column, ref string, line int) bool {
	_, err := strconv.Atoi(ref)
	if err != nil && (u.f.Table.Headerless || !slices.Contains(u.f.Table.Header, foldHeader(ref))) {
		return false
	}
	p.resolve(u, kind, ref, line)
	return true
}

// directiveHelp says what each directive takes.
var directiveHelp = map[string]string{
	"format":       "format NAME",
	"issuer":       "issuer TEXT",
	"country":      "country CODE",
	"encoding":     "encoding utf-8|cp932|cp1252",
	"delimiter":    "delimiter , | ; | tab",
	"skip":         "skip N",
	"header":       "header CELL,CELL,…",
	"no-header":    "no-header",
	"match":        "match REGEX",
	"date":         "date COLUMN",
	"posting-date": "posting-date COLUMN",
	"description":  "description COLUMN[+COLUMN]",
	"amount":       "amount COLUMN",
	"debit":        "debit COLUMN",
	"credit":       "credit COLUMN",
	"currency":     "currency COLUMN|CODE",
	"account":      "account COLUMN|TEXT",
	"date-format":  "date-format ymd|dmy|mdy|LAYOUT",
	"decimal-mark": "decimal-mark . | ,",
	"signs":        "signs charges-positive|charges-negative",
	"credit-when":  "credit-when COLUMN VALUE,…",
	"only-when":    "only-when COLUMN VALUE,…",
}

func directiveNames() []string {
	var names []string
	for d := range directiveHelp {
		names = append(names, d)
	}
	slices.Sort(names)
	return names
}
