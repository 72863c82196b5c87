package ofx

import (
	"bytes"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/internal/brief"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// FormatOFX is the format of OFX and QFX statements.
const FormatOFX = "ofx"

// OFX and QFX statements.
var Formats = []*parser.Format{Format}

// Format reads Open Financial Exchange statements, bank (STMTRS) and
// card (CCSTMTRS): OFX 1.x SGML with its KEY:VALUE header block and leaf
// elements left unclosed, OFX 2.x XML, and QFX (OFX with Intuit's INTU.*
// elements). Amounts in OFX are signed from the account holder's side
// (negative is money out, on cards too), so they are turned.
//
// The file is read as it streams, one tag at a time (ofxLexer), keeping
// only the transaction being read and, of those read, what ReadOptions.Keep
// asks for: memory grows with the rows kept, not with the file. It is read
// as leniently as the common OFX readers (jseutter/ofxparse, which reads
// the body with BeautifulSoup's forgiving tree builder and finds every
// STMTTRN below a STMTRS or CCSTMTRS; csingley/ofxtools):
//   - the header is optional, and may stand in a comment (<!-- -->), as
//     may anything else;
//   - a closing tag closes every element opened after its own, and a
//     closing tag that matches no open element is ignored;
//   - an element opened while one of the same name is open closes that
//     one first (a STMTTRN missing its </STMTTRN>);
//   - a STMTTRN counts anywhere inside its statement, inside BANKTRANLIST
//     or not (after a </BANKTRANLIST>, or without one);
//   - the declared encoding is used (ofxCharset).
//
// The file must still reach </OFX>: one that ends before it was cut short,
// and its last rows would be missing.
var Format = &parser.Format{
	Name:    FormatOFX,
	Issuer:  "any bank or card issuer (Open Financial Exchange, Quicken QFX)",
	Example: "OFXHEADER:100 DATA:OFXSGML VERSION:102 … <OFX>",
	Sniff:   Sniff,
	Charset: Charset,
	Read:    readOFX,
}

// ofxHeaderLine is a line that may stand before <OFX>: an SGML header
// (KEY:VALUE), an XML declaration or processing instruction, or nothing.
var ofxHeaderLine = regexp.MustCompile(`^\s*(?:[A-Z]+:.*|<\?.*\?>\s*|)$`)

// ofxComment is an SGML or XML comment, which some banks put the header in.
var ofxComment = regexp.MustCompile(`(?s)<!--.*?-->`)

// Sniff reports whether head starts like an OFX file: an <OFX> element
// with nothing but header lines and comments before it, one of which names
// OFX, or nothing at all.
func Sniff(head []byte) bool {
	i := bytes.Index(head, []byte("<OFX>"))
	if j := bytes.Index(head, []byte("<ofx>")); i < 0 || j >= 0 && j < i {
		i = j
	}
	if i < 0 {
		return false
	}
	before := string(head[:i])
	outside := ofxComment.ReplaceAllString(before, "")
	for _, line := range strings.Split(outside, "\n") {
		if !ofxHeaderLine.MatchString(strings.TrimRight(line, "\r")) {
			return false
		}
	}
	return strings.TrimSpace(before) == "" || strings.Contains(strings.ToUpper(before), "OFX")
}

// ofxDeclared finds the encoding an OFX header declares: XML's
// encoding="…", SGML's ENCODING: and CHARSET:.
var (
	ofxXMLEncoding = regexp.MustCompile(`<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']`)
	ofxSGMLField   = regexp.MustCompile(`(?m)^\s*(ENCODING|CHARSET)\s*:\s*([A-Za-z0-9._-]+)`)
)

// ofxCharsets are the encodings OFX headers name. As ofxtools maps them
// (header.py: '1252' → cp1252, 'ISO-8859-1' → latin1) and ofxparse does
// ("cp" + CHARSET for ENCODING:USASCII); CHARSET:NONE and UTF-8 leave it
// to the bytes.
var ofxCharsets = map[string]string{
	"1252": textenc.EncCP1252, "WINDOWS-1252": textenc.EncCP1252, "CP1252": textenc.EncCP1252,
	"1250": textenc.EncCP1250, "WINDOWS-1250": textenc.EncCP1250, "CP1250": textenc.EncCP1250,
	"ISO-8859-1": textenc.EncLatin1, "ISO8859-1": textenc.EncLatin1, "8859-1": textenc.EncLatin1, "LATIN1": textenc.EncLatin1,
	"SHIFT_JIS": textenc.EncCP932, "SHIFT-JIS": textenc.EncCP932, "SJIS": textenc.EncCP932, "CP932": textenc.EncCP932, "WINDOWS-31J": textenc.EncCP932, "932": textenc.EncCP932,
}

// Charset is the single-byte or Japanese encoding the start of an OFX
// file declares, or "" to let the bytes tell: when it declares none, or
// UTF-8, or when its bytes are valid UTF-8 all the same (a text in a
// declared code page is never valid UTF-8 by chance, and a file written
// in UTF-8 under an old header is), or Japanese under a Western code page.
func Charset(prefix []byte) string {
	end := bytes.Index(prefix, []byte("<OFX>"))
	if end < 0 {
		end = min(len(prefix), 4096)
	}
	header := prefix[:end]
	var declared string
	if m := ofxXMLEncoding.FindSubmatch(header); m != nil {
		declared = ofxCharsets[strings.ToUpper(string(m[1]))]
	}
	for _, m := range ofxSGMLField.FindAllSubmatch(header, -1) {
		value := strings.ToUpper(string(m[2]))
		switch {
		case string(m[1]) == "CHARSET" && declared == "":
			declared = ofxCharsets[value]
		case value == "UTF-8" || value == "UNICODE":
			// ENCODING:UTF-8 whatever CHARSET says, as ofxparse reads it.
			return ""
		}
	}
	if declared == "" {
		return ""
	}
	first := textenc.NonASCII(prefix)
	if first < 0 {
		return declared
	}
	switch guessed := textenc.Guess(prefix[first:], true); {
	case guessed == textenc.EncUTF8:
		return ""
	case guessed == textenc.EncCP932 && declared != textenc.EncCP932:
		// Japanese banks' files that declare a Western code page and are
		// written in CP932: Japanese text is never read as Western.
		return ""
	}
	return declared
}

// Message sets' statement aggregates, bank and card.
const (
	ofxBankStatement = "STMTRS"
	ofxCardStatement = "CCSTMTRS"
)

// Limits that keep a damaged file from holding memory: how deep elements
// nest, and how long one value is.
const (
	maxOFXDepth = 64
	maxOFXValue = 64 << 10
)

// readOFX reads an OFX file whose text is already decoded.
func readOFX(name string, text io.Reader, enc string, opts parser.ReadOptions) (*parser.Statement, error) {
	r := &ofxReader{
		st:   &parser.Statement{File: name, Format: FormatOFX, Encoding: enc, KeptBy: opts.KeepBy},
		opts: opts,
		errs: *parser.NewProblems(name),
	}
	lx := newOFXLexer(text)
	// A problem in the structure ends the reading; the transactions that
	// could not be read before it are listed with it.
	fail := func(e *parser.Error) error {
		r.errs.AddErr(e)
		return r.errs.Err()
	}
	for !r.done {
		tok, err := lx.next()
		if err == io.EOF || err == errOFXCut {
			if r.ofxLine == 0 {
				return nil, fail(parser.Errorf(name, 0, "no <OFX> element: not an OFX file"))
			}
			return nil, fail(parser.Errorf(name, lx.lastLine, "the file ends before </OFX>: it is cut short; download it again"))
		}
		if err != nil {
			if se, ok := err.(*ofxSyntaxError); ok {
				return nil, fail(&parser.Error{File: name, Line: se.line, Err: se.msg})
			}
			return nil, fail(&parser.Error{File: name, Line: lx.line, Err: err})
		}
		if e := r.token(tok); e != nil {
			return nil, fail(&parser.Error{File: name, Line: e.line, Err: e.msg})
		}
	}
	if line, ok := lx.transactionAfter(); ok {
		// Rows after the end would be lost without a word.
		return nil, fail(parser.Errorf(name, line, "a STMTTRN stands after </OFX>: a closing tag is misplaced, or two files were joined into one"))
	}
	st := r.st
	if err := r.errs.Err(); err != nil {
		return nil, err
	}
	if st.Rows == 0 {
		return nil, parser.Errorf(name, r.ofxLine, "the OFX file holds no bank or card transaction (no STMTTRN in BANKMSGSRSV1 or CREDITCARDMSGSRSV1)")
	}
	if len(r.accounts) == 1 {
		for a := range r.accounts {
			st.Account = a
		}
	}
	return st, nil
}

// ofxElement is an element open while the file is read.
type ofxElement struct {
	name     string
	line     int
	text     strings.Builder // the value of a leaf element
	children bool
}

// ofxValue is the value of a leaf element and the line of its start tag.
type ofxValue struct {
	text string
	line int
}

// ofxStatement is the STMTRS or CCSTMTRS being read: its currency and
// account, and the transactions that wait for them (OFX writes CURDEF and
// the account before BANKTRANLIST; a file that does not has its
// transactions held until they come, or until the statement ends).
type ofxStatement struct {
	fields  map[string]ofxValue
	pending []*ofxTrn
	curdef  string
	badCur  bool // CURDEF is not a currency: reported once
}

// ready reports whether the statement's currency and account are known.
func (s *ofxStatement) ready() bool {
	_, cur := s.fields["CURDEF"]
	_, bank := s.fields["BANKACCTFROM.ACCTID"]
	_, card := s.fields["CCACCTFROM.ACCTID"]
	return cur && (bank || card)
}

// ofxTrn is one STMTTRN: its leaf values by path below STMTTRN (TRNAMT,
// PAYEE.NAME, CURRENCY.CURSYM) and the first problem found in it.
type ofxTrn struct {
	line   int
	fields map[string]ofxValue
	err    *parser.Error
}

// ofxReader follows the elements of an OFX file one token at a time.
type ofxReader struct {
	st       *parser.Statement
	opts     parser.ReadOptions
	errs     parser.Problems
	stack    []*ofxElement
	stmt     *ofxStatement
	stmtAt   int // depth of the statement aggregate in stack
	trn      *ofxTrn
	trnAt    int // depth of the STMTTRN in stack
	accounts map[string]bool
	ofxLine  int  // line of <OFX>, 0 before it
	done     bool // </OFX> has been read
	// briefAccounts finds an account's index in st.Brief.Accounts.
	briefAccounts brief.AccountIndex
	free          []*ofxElement // closed elements, to reuse
}

// token takes one token of the file. It returns the problems after which
// the file cannot be read on; the others are collected.
func (r *ofxReader) token(t ofxToken) *ofxSyntaxError {
	if r.ofxLine == 0 {
		// Before <OFX>: the header and whatever else, looked at no further.
		if t.kind == ofxStart && t.name == "OFX" {
			r.ofxLine = t.line
			r.stack = append(r.stack, &ofxElement{name: "OFX", line: t.line})
		}
		return nil
	}
	switch t.kind {
	case ofxStart:
		return r.start(t.name, t.line)
	case ofxEnd:
		r.end(t.name)
	case ofxText:
		if n := len(r.stack); n > 0 && !r.stack[n-1].children {
			e := r.stack[n-1]
			if e.text.Len()+len(t.text) > maxOFXValue {
				return &ofxSyntaxError{e.line, msg.Msgf("<%s> holds more than %d KiB: the file is damaged; download it again", e.name, maxOFXValue>>10)}
			}
			e.text.Write(t.text)
		}
	}
	return nil
}

func (r *ofxReader) start(name string, line int) *ofxSyntaxError {
	if n := len(r.stack); n > 1 {
		// A leaf SGML leaves open ends where the next element starts (OFX
		// itself is never a leaf).
		if top := r.stack[n-1]; !top.children && (strings.TrimSpace(top.text.String()) != "" || ofxLeaves[top.name]) {
			r.closeTop()
		}
	}
	// No OFX aggregate holds one of its own name: an open one of this name
	// is closed first (its closing tag is missing).
	if i := r.open(name); i > 0 {
		r.closeTo(i)
	}
	if len(r.stack) == 0 {
		r.done = true
		return nil
	}
	if len(r.stack) >= maxOFXDepth {
		return &ofxSyntaxError{line, msg.Msgf("elements nest more than %d deep: the file is damaged; download it again", maxOFXDepth)}
	}
	depth := len(r.stack)
	parent := r.stack[depth-1]
	parent.children = true
	parent.text.Reset()
	r.stack = append(r.stack, r.element(name, line))
	switch {
	case (name == ofxBankStatement || name == ofxCardStatement) && r.stmt == nil:
		r.stmt, r.stmtAt = &ofxStatement{fields: map[string]ofxValue{}}, depth
	case name == "STMTTRN" && r.stmt != nil && r.trn == nil:
		r.trn, r.trnAt = &ofxTrn{line: line, fields: map[string]ofxValue{}}, depth
	case name == "STMTTRN" && r.stmt == nil && r.open("INVSTMTRS") < 0:
		// (A STMTTRN of an investment statement, INVBANKTRAN, is not read.)
		r.errs.Add(line, "this STMTTRN stands outside a bank or card statement (STMTRS, CCSTMTRS): a tag is missing or misplaced")
	}
	return nil
}

// element is a new open element, reusing one closed before.
func (r *ofxReader) element(name string, line int) *ofxElement {
	n := len(r.free)
	if n == 0 {
		return &ofxElement{name: name, line: line}
	}
	e := r.free[n-1]
	r.free = r.free[:n-1]
	e.name, e.line, e.children = name, line, false
	e.text.Reset()
	return e
}

// open is the depth of the innermost open element of that name, or -1.
func (r *ofxReader) open(name string) int {
	for i := len(r.stack) - 1; i >= 0; i-- {
		if r.stack[i].name == name {
			return i
		}
	}
	return -1
}

// end closes the element a closing tag names and every element opened
// after it; a closing tag that names no open element is ignored.
func (r *ofxReader) end(name string) {
	if i := r.open(name); i >= 0 {
		r.closeTo(i)
	}
}

// closeTo closes the elements of the stack from its top down to depth i.
func (r *ofxReader) closeTo(i int) {
	for len(r.stack) > i {
		r.closeTop()
	}
}

// closeTop closes the innermost open element.
func (r *ofxReader) closeTop() {
	depth := len(r.stack) - 1
	e := r.stack[depth]
	r.stack = r.stack[:depth]
	switch {
	case r.trn != nil && depth == r.trnAt:
		r.closeTransaction()
	case r.stmt != nil && depth == r.stmtAt:
		r.flush()
		r.stmt = nil
	case !e.children:
		r.leaf(e, depth)
	}
	r.free = append(r.free, e)
	if depth == 0 {
		r.done = true
	}
}

// leaf keeps the value of a leaf element of a transaction or a statement,
// by its path below the STMTTRN or the statement aggregate.
func (r *ofxReader) leaf(e *ofxElement, depth int) {
	var fields map[string]ofxValue
	var from int
	inTrn := r.trn != nil && depth > r.trnAt
	switch {
	case inTrn:
		fields, from = r.trn.fields, r.trnAt+1
	case r.stmt != nil && depth > r.stmtAt:
		fields, from = r.stmt.fields, r.stmtAt+1
	default:
		return
	}
	key := e.name
	if depth > from {
		path := make([]string, 0, depth-from+1)
		for _, a := range r.stack[from:] {
			path = append(path, a.name)
		}
		key = strings.Join(append(path, e.name), ".")
	}
	v := ofxValue{strings.TrimSpace(e.text.String()), e.line}
	if prev, ok := fields[key]; ok {
		if inTrn && r.trn.err == nil {
			r.trn.err = parser.Errorf(r.errs.File(), e.line, "<%s> is given twice in this STMTTRN (also on line %d); expected it once", e.name, prev.line)
		}
		return
	}
	fields[key] = v
}

// closeTransaction takes the STMTTRN just read: at once when its
// statement's currency and account are known, else when they are.
func (r *ofxReader) closeTransaction() {
	x := r.trn
	r.trn = nil
	r.st.Rows++
	if !r.stmt.ready() {
		r.stmt.pending = append(r.stmt.pending, x)
		return
	}
	r.flush()
	r.take(x)
}

// flush takes the transactions that waited for their statement's currency
// and account.
func (r *ofxReader) flush() {
	for _, x := range r.stmt.pending {
		r.take(x)
	}
	r.stmt.pending = nil
}

// statementCurrency is the statement's CURDEF as a currency code, "" when
// it gives none; it reports false when CURDEF is not one.
func (r *ofxReader) statementCurrency() (string, bool) {
	s := r.stmt
	v, ok := s.fields["CURDEF"]
	if !ok || v.text == "" || s.curdef != "" {
		return s.curdef, !s.badCur
	}
	if s.badCur {
		return "", false
	}
	c, ok := ofxCurrency(v.text)
	if !ok {
		s.badCur = true
		r.errs.Add(v.line, "<%s>%s is not a currency code; expected an ISO 4217 code such as USD, EUR or JPY", "CURDEF", v.text)
		return "", false
	}
	s.curdef = c
	return c, true
}

// take turns one STMTTRN into a transaction of the statement, kept in full
// or in brief as ReadOptions ask.
func (r *ofxReader) take(x *ofxTrn) {
	curdef, ok := r.statementCurrency()
	if !ok {
		return // the statement's error stands for its rows
	}
	acct := r.stmt.fields["BANKACCTFROM.ACCTID"].text
	if a, ok := r.stmt.fields["CCACCTFROM.ACCTID"]; ok {
		acct = a.text
	}
	t, err := ofxTransaction(r.errs.File(), x, curdef, acct)
	t.File, t.Line = r.st.File, x.line
	if err != nil {
		if r.opts.SkipInvalid {
			r.st.Invalid = append(r.st.Invalid, err)
			r.st.Skip(parser.SkipInvalid)
		} else {
			r.errs.AddErr(err)
		}
		return
	}
	if r.accounts == nil {
		r.accounts = map[string]bool{}
	}
	r.accounts[t.Account] = true
	r.keep(t)
}

// keep adds a transaction to the statement: in full when ReadOptions.Keep
// chooses it (Amazon's, for check), else only counted, dated and, on the
// days ReadOptions.Fold asks for, fingerprinted for folding, as the table
// readers keep them.
func (r *ofxReader) keep(t parser.Transaction) {
	st := r.st
	st.Cover(t.Date)
	chosen := r.opts.Keep != nil && r.opts.Keep(t.Normalized)
	full := (r.opts.Keep == nil || chosen) && !r.opts.KeepFrom.After(t.Date)
	var account uint16
	if !full {
		var ok bool
		account, ok = r.briefAccounts.Of(&r.st.Brief, t.Account)
		full = !ok
	}
	if full {
		st.Txns.Add(&t)
		if chosen {
			st.Txns.SetChosen(st.Txns.Len() - 1)
		}
		return
	}
	b := &st.Brief
	sign := t.Amount.Sign()
	b.Count(sign, 1)
	b.Days[account].Add(t.Date)
	if r.opts.Fold != nil && !r.opts.Fold(t.Date) {
		return
	}
	b.Postings.Add(brief.Posting{Print: parser.Fingerprint(money.FromDecimal(t.Amount), t.Normalized), Date: t.Date, Account: account, Sign: int8(sign)})
}

// ofxTransactionTypes are the values of TRNTYPE in OFX 2.2.
var ofxTransactionTypes = []string{"CREDIT", "DEBIT", "INT", "DIV", "FEE", "SRVCHG", "DEP", "ATM", "POS", "XFER",
	"CHECK", "PAYMENT", "CASH", "DIRECTDEP", "DIRECTDEBIT", "REPEATPMT", "HOLD", "OTHER"}

// ofxTransaction turns one STMTTRN into a transaction: the posting date as
// written in the file (in its own time zone), the amount turned so that
// money out is positive, NAME with MEMO where MEMO adds something.
func ofxTransaction(file string, x *ofxTrn, curdef, acct string) (parser.Transaction, *parser.Error) {
	var t parser.Transaction
	if x.err != nil {
		return t, x.err
	}
	if v, ok := x.fields["TRNTYPE"]; ok && !slices.ContainsFunc(ofxTransactionTypes, func(t string) bool { return strings.EqualFold(t, v.text) }) {
		return t, parser.Errorf(file, v.line, "<TRNTYPE>%s is not an OFX transaction type; expected one of %s", v.text, strings.Join(ofxTransactionTypes, ", "))
	}
	posted, ok := x.fields["DTPOSTED"]
	if !ok || posted.text == "" {
		return t, parser.Errorf(file, x.line, "this STMTTRN has no <DTPOSTED>; expected the day it was posted, such as <DTPOSTED>20260302")
	}
	if t.Date, ok = ofxDate(posted.text); !ok {
		return t, ofxDateError(file, "DTPOSTED", posted)
	}
	if used, given := x.fields["DTUSER"]; given && used.text != "" {
		if t.UsedOn, ok = ofxDate(used.text); !ok {
			return t, ofxDateError(file, "DTUSER", used)
		}
	}
	v, ok := x.fields["TRNAMT"]
	if !ok || v.text == "" {
		return t, parser.Errorf(file, x.line, "this STMTTRN has no <TRNAMT>; expected its amount, such as <TRNAMT>-12.50")
	}
	amt, ok := ofxAmount(v.text)
	if !ok {
		return t, parser.Errorf(file, v.line, "<TRNAMT>%s is not an amount; expected a number such as -12.50", v.text)
	}
	t.Amount = amt.Neg()
	t.Currency = curdef
	if v, ok := x.fields["CURRENCY.CURSYM"]; ok && v.text != "" {
		c, ok := ofxCurrency(v.text)
		if !ok {
			return t, parser.Errorf(file, v.line, "<%s>%s is not a currency code; expected an ISO 4217 code such as USD, EUR or JPY", "CURSYM", v.text)
		}
		t.Currency = c
	}
	name := x.fields["NAME"].text
	if name == "" {
		name = x.fields["PAYEE.NAME"].text
	}
	t.Description = parser.WithMemo(name, x.fields["MEMO"].text) // MEMO often holds what NAME (32 characters in OFX 1.x) cut off
	t.Normalized = textenc.Normalize(t.Description)
	t.Account = MaskAccount(acct)
	return t, nil
}

func ofxDateError(file, tag string, v ofxValue) *parser.Error {
	return parser.Errorf(file, v.line, "<%s>%s is not an OFX date; expected YYYYMMDD, optionally with a time and zone, as in 20260302 or 20260302 with HHMMSS.XXX[-5:EST] after it", tag, v.text)
}

// ofxCurrency is the ISO 4217 code s names, in capitals.
func ofxCurrency(s string) (string, bool) {
	u, err := currency.ParseISO(strings.TrimSpace(s))
	if err != nil {
		return "", false
	}
	return u.String(), true
}

// ofxAmountText is an OFX amount: digits with a point or a comma before the
// fraction, and a sign.
var ofxAmountText = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)$`)

func ofxAmount(s string) (decimal.Decimal, bool) {
	if !ofxAmountText.MatchString(s) {
		return decimal.Decimal{}, false
	}
	s = strings.TrimPrefix(strings.Replace(s, ",", ".", 1), "+")
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// ofxDateText is an OFX date: YYYYMMDD, then maybe HHMM, HHMMSS or
// HHMMSS.XXX, then maybe a zone such as [-5:EST], [+9] or [0:GMT].
var ofxDateText = regexp.MustCompile(`^([0-9]{4})([0-9]{2})([0-9]{2})(?:[0-9]{4}(?:[0-9]{2}(?:\.[0-9]{1,6})?)?)?\s*(?:\[\s*[+-]?[0-9]{1,2}(?:\.[0-9]{1,2})?(?::[A-Za-z]{1,10})?\s*\])?$`)

// ofxDate is the calendar day of an OFX date as the file writes it: in the
// file's own time zone, not moved to UTC.
func ofxDate(s string) (civil.Date, bool) {
	m := ofxDateText.FindStringSubmatch(s)
	if m == nil {
		return civil.Date{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return civil.NewDate(y, mo, d)
}

// MaskAccount shows only the last 4 characters of an account number.
func MaskAccount(acct string) string {
	acct = strings.TrimSpace(acct)
	if acct == "" {
		return ""
	}
	r := []rune(acct)
	return "****" + string(r[max(0, len(r)-4):])
}
