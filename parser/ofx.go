package parser

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// FormatOFX is the format of OFX and QFX statements.
const FormatOFX = "ofx"

// OFX and QFX statements.
var ofxFormats = []*Format{ofxFormat}

// ofxFormat reads Open Financial Exchange statements, bank (BANKMSGSRSV1)
// and card (CREDITCARDMSGSRSV1): OFX 1.x SGML with its KEY:VALUE header
// block and leaf elements left unclosed, OFX 2.x XML, and QFX (OFX with
// Intuit's INTU.* elements). Amounts in OFX are signed from the account
// holder's side (negative is money out, on cards too), so they are turned.
//
// The file is read with encoding/xml after ofxToXML has closed the leaf
// elements SGML leaves open; nothing but the standard library reads it.
var ofxFormat = &Format{
	Name:    FormatOFX,
	Issuer:  "any bank or card issuer (Open Financial Exchange, Quicken QFX)",
	Example: "OFXHEADER:100 DATA:OFXSGML VERSION:102 … <OFX>",
	Sniff:   sniffOFX,
	Read:    readOFX,
}

// ofxHeaderLine is a line that may stand before <OFX>: an SGML header
// (KEY:VALUE), an XML declaration or processing instruction, or nothing.
var ofxHeaderLine = regexp.MustCompile(`^\s*(?:[A-Z]+:.*|<\?.*\?>\s*|)$`)

// sniffOFX reports whether head starts like an OFX file: an <OFX> element
// with nothing but header lines before it, one of which names OFX.
func sniffOFX(head []byte) bool {
	i := bytes.Index(head, []byte("<OFX>"))
	if i < 0 {
		return false
	}
	before := string(head[:i])
	for _, line := range strings.Split(before, "\n") {
		if !ofxHeaderLine.MatchString(strings.TrimRight(line, "\r")) {
			return false
		}
	}
	return strings.TrimSpace(before) == "" || strings.Contains(before, "OFX")
}

// readOFX reads an OFX file whose text is already decoded (the header's
// ENCODING and CHARSET, and the XML declaration's encoding, say nothing
// refundwatch has not found out from the bytes). The header block before
// <OFX> is not needed: SGML and XML files are read alike.
func readOFX(name string, text io.Reader, enc string, opts ReadOptions) (*Statement, error) {
	raw, err := io.ReadAll(text)
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	src := string(raw)
	start := strings.Index(src, "<OFX>")
	if start < 0 {
		return nil, Errorf(name, 0, "no <OFX> element: not an OFX file")
	}
	startLine := 1 + strings.Count(src[:start], "\n")
	lastLine := 1 + strings.Count(strings.TrimRight(src, "\r\n"), "\n")
	cutShort := Errorf(name, lastLine, "the file ends before </OFX>: it is cut short; download it again")
	doc, err := ofxToXML(src[start:])
	if err != nil {
		var se *ofxSyntaxError
		if errors.As(err, &se) {
			return nil, &Error{File: name, Line: startLine + se.line - 1, Err: se.msg}
		}
		return nil, cutShort
	}
	r := &ofxReader{
		st:   &Statement{File: name, Format: FormatOFX, Encoding: enc},
		opts: opts,
		errs: collector{file: name},
	}
	// The lines before <OFX> stand in the document as empty lines, so that
	// the decoder counts lines as the file does.
	d := xml.NewDecoder(strings.NewReader(strings.Repeat("\n", startLine-1) + doc))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	// A problem in the structure ends the reading; the transactions that
	// could not be read before it are listed with it.
	fail := func(e *Error) error {
		r.errs.addErr(e)
		return r.errs.err()
	}
	for !r.done {
		line, _ := d.InputPos()
		tok, err := d.RawToken()
		if err != nil {
			var se *xml.SyntaxError
			switch {
			case errors.Is(err, io.EOF) || errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF"):
				return nil, fail(cutShort)
			case errors.As(err, &se):
				return nil, fail(Errorf(name, se.Line, "not valid OFX: %s", se.Msg))
			}
			return nil, fail(&Error{File: name, Line: line, Err: err})
		}
		if e := r.token(tok, line); e != nil {
			return nil, fail(&Error{File: name, Line: e.line, Err: e.msg})
		}
	}
	st := r.st
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	if st.Rows == 0 {
		return nil, Errorf(name, startLine, "the OFX file holds no bank or card transaction (no STMTTRN in BANKMSGSRSV1 or CREDITCARDMSGSRSV1)")
	}
	if len(r.accounts) == 1 {
		for a := range r.accounts {
			st.Account = a
		}
	}
	return st, nil
}

// Message sets whose statements refundwatch reads, and their statement
// aggregates.
const (
	ofxBank = "BANKMSGSRSV1"
	ofxCard = "CREDITCARDMSGSRSV1"
)

var ofxStatementOf = map[string]string{ofxBank: "STMTRS", ofxCard: "CCSTMTRS"}

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

// ofxStatement is the STMTRS or CCSTMTRS being read: its currency, account
// and transactions, turned into Transactions when it closes.
type ofxStatement struct {
	fields map[string]ofxValue
	trns   []*ofxTrn
}

// ofxTrn is one STMTTRN: its leaf values by path below STMTTRN (TRNAMT,
// PAYEE.NAME, CURRENCY.CURSYM) and the first problem found in it.
type ofxTrn struct {
	line   int
	fields map[string]ofxValue
	err    *Error
}

// ofxReader follows the elements of an OFX file one token at a time.
type ofxReader struct {
	st       *Statement
	opts     ReadOptions
	errs     collector
	stack    []*ofxElement
	stmt     *ofxStatement
	stmtAt   int // depth of the statement aggregate in stack
	trn      *ofxTrn
	trnAt    int // depth of the STMTTRN in stack
	accounts map[string]bool
	done     bool // </OFX> has been read
}

// token takes one token of the file, found at line. It returns the problems
// after which the file cannot be read on; the others are collected.
func (r *ofxReader) token(tok xml.Token, line int) *ofxSyntaxError {
	switch t := tok.(type) {
	case xml.StartElement:
		r.start(t.Name.Local, line)
	case xml.EndElement:
		return r.end(t.Name.Local, line)
	case xml.CharData:
		if n := len(r.stack); n > 0 && !r.stack[n-1].children {
			r.stack[n-1].text.Write(t)
		}
	}
	return nil
}

func (r *ofxReader) start(name string, line int) {
	depth := len(r.stack)
	if depth > 0 {
		parent := r.stack[depth-1]
		parent.children = true
		parent.text.Reset()
	}
	r.stack = append(r.stack, &ofxElement{name: name, line: line})
	set := r.messageSet()
	switch {
	case set == "":
	case name == ofxStatementOf[set] && r.stmt == nil:
		r.stmt, r.stmtAt = &ofxStatement{fields: map[string]ofxValue{}}, depth
	case name == "STMTTRN":
		if r.trn != nil || r.stmt == nil || depth != r.stmtAt+2 || r.stack[depth-1].name != "BANKTRANLIST" {
			r.errs.add(line, "this STMTTRN could not be read: the elements around it are not nested as OFX requires (a closing tag missing or misplaced?)")
			return
		}
		r.trn, r.trnAt = &ofxTrn{line: line, fields: map[string]ofxValue{}}, depth
	}
}

// messageSet is the bank or card message set being read, or "".
func (r *ofxReader) messageSet() string {
	if len(r.stack) < 2 {
		return ""
	}
	if s := r.stack[1].name; s == ofxBank || s == ofxCard {
		return s
	}
	return ""
}

func (r *ofxReader) end(name string, line int) *ofxSyntaxError {
	depth := len(r.stack) - 1
	if depth < 0 {
		return &ofxSyntaxError{line, Msgf("</%s> closes no element; expected the file to end after </OFX>", name)}
	}
	e := r.stack[depth]
	if e.name != name {
		return &ofxSyntaxError{line, Msgf("</%s> where </%s> was expected (<%s> is open since line %d): a closing tag is missing or misplaced", name, e.name, e.name, e.line)}
	}
	r.stack = r.stack[:depth]
	switch {
	case r.trn != nil && depth == r.trnAt:
		r.stmt.trns = append(r.stmt.trns, r.trn)
		r.trn = nil
	case r.stmt != nil && depth == r.stmtAt:
		r.closeStatement()
		r.stmt = nil
	case !e.children:
		r.leaf(e, depth)
	}
	if depth == 0 {
		r.done = true
	}
	return nil
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
	path := make([]string, 0, depth-from+1)
	for _, a := range r.stack[from:] {
		path = append(path, a.name)
	}
	key := strings.Join(append(path, e.name), ".")
	v := ofxValue{strings.TrimSpace(e.text.String()), e.line}
	if prev, ok := fields[key]; ok {
		if inTrn && r.trn.err == nil {
			r.trn.err = Errorf(r.errs.file, e.line, "<%s> is given twice in this STMTTRN (also on line %d); expected it once", e.name, prev.line)
		}
		return
	}
	fields[key] = v
}

// closeStatement turns the transactions of the statement just read into
// Transactions, in the statement's currency and account.
func (r *ofxReader) closeStatement() {
	curdef := ""
	if v, ok := r.stmt.fields["CURDEF"]; ok && v.text != "" {
		c, ok := ofxCurrency(v.text)
		if !ok {
			r.errs.add(v.line, "<%s>%s is not a currency code; expected an ISO 4217 code such as USD, EUR or JPY", "CURDEF", v.text)
			return
		}
		curdef = c
	}
	acct := r.stmt.fields["BANKACCTFROM.ACCTID"].text
	if a, ok := r.stmt.fields["CCACCTFROM.ACCTID"]; ok {
		acct = a.text
	}
	for _, x := range r.stmt.trns {
		t, err := ofxTransaction(r.errs.file, x, curdef, acct)
		t.File, t.Line = r.st.File, x.line
		r.st.Rows++
		if err != nil {
			if r.opts.SkipInvalid {
				r.st.Invalid = append(r.st.Invalid, err)
				r.st.skip(SkipInvalid)
			} else {
				r.errs.addErr(err)
			}
			continue
		}
		if r.accounts == nil {
			r.accounts = map[string]bool{}
		}
		r.accounts[t.Account] = true
		r.st.add(t)
	}
}

// ofxTransactionTypes are the values of TRNTYPE in OFX 2.2.
var ofxTransactionTypes = []string{"CREDIT", "DEBIT", "INT", "DIV", "FEE", "SRVCHG", "DEP", "ATM", "POS", "XFER",
	"CHECK", "PAYMENT", "CASH", "DIRECTDEP", "DIRECTDEBIT", "REPEATPMT", "HOLD", "OTHER"}

// ofxTransaction turns one STMTTRN into a transaction: the posting date as
// written in the file (in its own time zone), the amount turned so that
// money out is positive, NAME with MEMO where MEMO adds something.
func ofxTransaction(file string, x *ofxTrn, curdef, acct string) (Transaction, *Error) {
	var t Transaction
	if x.err != nil {
		return t, x.err
	}
	if v, ok := x.fields["TRNTYPE"]; ok && !slices.ContainsFunc(ofxTransactionTypes, func(t string) bool { return strings.EqualFold(t, v.text) }) {
		return t, Errorf(file, v.line, "<TRNTYPE>%s is not an OFX transaction type; expected one of %s", v.text, strings.Join(ofxTransactionTypes, ", "))
	}
	posted, ok := x.fields["DTPOSTED"]
	if !ok || posted.text == "" {
		return t, Errorf(file, x.line, "this STMTTRN has no <DTPOSTED>; expected the day it was posted, such as <DTPOSTED>20260302")
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
		return t, Errorf(file, x.line, "this STMTTRN has no <TRNAMT>; expected its amount, such as <TRNAMT>-12.50")
	}
	amt, ok := ofxAmount(v.text)
	if !ok {
		return t, Errorf(file, v.line, "<TRNAMT>%s is not an amount; expected a number such as -12.50", v.text)
	}
	t.Amount = amt.Neg()
	t.Currency = curdef
	if v, ok := x.fields["CURRENCY.CURSYM"]; ok && v.text != "" {
		c, ok := ofxCurrency(v.text)
		if !ok {
			return t, Errorf(file, v.line, "<%s>%s is not a currency code; expected an ISO 4217 code such as USD, EUR or JPY", "CURSYM", v.text)
		}
		t.Currency = c
	}
	name := x.fields["NAME"].text
	if name == "" {
		name = x.fields["PAYEE.NAME"].text
	}
	t.Description = withMemo(name, x.fields["MEMO"].text) // MEMO often holds what NAME (32 characters in OFX 1.x) cut off
	t.Normalized = Normalize(t.Description)
	t.Account = maskAccount(acct)
	return t, nil
}

func ofxDateError(file, tag string, v ofxValue) *Error {
	return Errorf(file, v.line, "<%s>%s is not an OFX date; expected YYYYMMDD, optionally with a time and zone, as in 20260302 or 20260302 with HHMMSS.XXX[-5:EST] after it", tag, v.text)
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
func ofxDate(s string) (Date, bool) {
	m := ofxDateText.FindStringSubmatch(s)
	if m == nil {
		return Date{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return NewDate(y, mo, d)
}

// maskAccount shows only the last 4 characters of an account number.
func maskAccount(acct string) string {
	acct = strings.TrimSpace(acct)
	if acct == "" {
		return ""
	}
	r := []rune(acct)
	return "****" + string(r[max(0, len(r)-4):])
}

// ofxSyntaxError is a problem after which an OFX file cannot be read on,
// at a line counted from the <OFX> tag's.
type ofxSyntaxError struct {
	line int
	msg  *Message
}

func (e *ofxSyntaxError) Error() string { return e.msg.String() }

// errOFXCut is ofxToXML's word for a file that ends inside a tag.
var errOFXCut = errors.New("cut inside a tag")

// ofxTagName is a name as OFX tags have: STMTTRN, INTU.BID.
var ofxTagName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9._-]*$`)

// ofxLeaves are leaf elements of the statements that may be written empty
// and unclosed in SGML (<MEMO> followed by the next element): without a
// DTD, only a name tells them from an aggregate.
var ofxLeaves = map[string]bool{
	"NAME": true, "MEMO": true, "EXTDNAME": true, "PAYEEID": true, "CHECKNUM": true, "REFNUM": true,
	"SIC": true, "SRVRTID": true, "FITID": true, "TRNUID": true, "CURDEF": true, "ACCTID": true,
	"BANKID": true, "BRANCHID": true, "ACCTKEY": true, "DTUSER": true, "DTAVAIL": true,
}

// ofxToXML makes the OFX text from <OFX> on well-formed XML without moving
// a line: tag names in capitals, a leaf element SGML leaves open closed
// after its text (when text follows its start tag and the next tag is not
// its end tag), an empty one closed where it stands, a lone & written
// &amp;, processing instructions and declarations left out. Its errors are
// *ofxSyntaxError, or errOFXCut when the text ends inside a tag or comment.
func ofxToXML(src string) (string, error) {
	var b strings.Builder
	b.Grow(len(src) + len(src)/4)
	// What follows the start tag last written, held back until the next tag
	// tells whether the element ends there.
	var pend strings.Builder
	open, pendText := "", false
	line := 1
	for i := 0; i < len(src); {
		lt := strings.IndexByte(src[i:], '<')
		if lt < 0 {
			lt = len(src) - i
		}
		text := src[i : i+lt]
		pendText = pendText || strings.TrimSpace(text) != ""
		writeOFXText(&pend, text)
		line += strings.Count(text, "\n")
		i += lt
		if i >= len(src) {
			break
		}
		rest := src[i:]
		skip, closer := "", ""
		switch {
		case strings.HasPrefix(rest, "<!--"):
			skip, closer = "<!--", "-->"
		case strings.HasPrefix(rest, "<![CDATA["):
			skip, closer = "<![CDATA[", "]]>"
		case strings.HasPrefix(rest, "<?"):
			skip, closer = "<?", "?>"
		case strings.HasPrefix(rest, "<!"):
			skip, closer = "<!", ">"
		}
		if skip != "" {
			n := strings.Index(rest[len(skip):], closer)
			if n < 0 {
				return "", errOFXCut
			}
			whole := rest[:len(skip)+n+len(closer)]
			if skip == "<![CDATA[" {
				pendText = pendText || strings.TrimSpace(whole[len(skip):len(whole)-len(closer)]) != ""
				pend.WriteString(whole)
			} else { // comments, processing instructions, declarations: only their lines stay
				pend.WriteString(strings.Repeat("\n", strings.Count(whole, "\n")))
			}
			line += strings.Count(whole, "\n")
			i += len(whole)
			continue
		}
		gt := strings.IndexByte(rest, '>')
		end := gt // where the tag ends: its >, or the next < when it has none
		if next := strings.IndexByte(rest[1:], '<'); next >= 0 && (gt < 0 || next+1 < gt) {
			end = next + 1
		}
		if end < 0 {
			return "", errOFXCut
		}
		inner := rest[1:end]
		closing := strings.HasPrefix(inner, "/")
		selfClosing := !closing && strings.HasSuffix(inner, "/")
		tagName, attrs := strings.TrimPrefix(inner, "/"), ""
		if sp := strings.IndexAny(tagName, " \t\r\n"); sp >= 0 {
			tagName, attrs = tagName[:sp], tagName[sp:]
		}
		if !closing && attrs == "" {
			tagName = strings.TrimSuffix(tagName, "/")
		}
		tag := strings.TrimSpace(rest[:end])
		if !ofxTagName.MatchString(tagName) {
			if end == gt {
				tag += ">"
			}
			return "", &ofxSyntaxError{line, Msgf("%s is not an OFX tag; expected a name such as <STMTTRN> or </STMTTRN> (a < in a text is written &lt;)", tag)}
		}
		if end != gt {
			return "", &ofxSyntaxError{line, Msgf("%s is a tag without its \">\"; expected %s>", tag, tag)}
		}
		tagName = strings.ToUpper(tagName)

		held := pend.String()
		switch {
		case open == "" || closing && tagName == open:
			b.WriteString(held)
		case pendText: // text follows: the leaf ends after it
			keep := len(strings.TrimRight(held, " \t\r\n"))
			b.WriteString(held[:keep])
			b.WriteString("</" + open + ">")
			b.WriteString(held[keep:])
		case closing || ofxLeaves[open]: // an empty leaf
			b.WriteString("</" + open + ">")
			b.WriteString(held)
		default:
			b.WriteString(held)
		}
		pend.Reset()
		open, pendText = "", false

		switch {
		case closing:
			b.WriteString("</" + tagName + attrs + ">")
		case selfClosing:
			b.WriteString("<" + tagName + strings.TrimSuffix(attrs, "/") + "/>")
		default:
			b.WriteString("<" + tagName + attrs + ">")
			open = tagName
		}
		line += strings.Count(inner, "\n")
		i += gt + 1
	}
	b.WriteString(pend.String())
	return b.String(), nil
}

// writeOFXText writes text with each & that starts no entity or character
// reference written &amp;, as SGML files write a lone & (M&S FOODHALL).
func writeOFXText(b *strings.Builder, text string) {
	for {
		amp := strings.IndexByte(text, '&')
		if amp < 0 {
			b.WriteString(text)
			return
		}
		b.WriteString(text[:amp+1])
		text = text[amp+1:]
		if !startsReference(text) {
			b.WriteString("amp;")
		}
	}
}

// startsReference reports whether s, after an &, is a reference the XML
// decoder knows: a named entity of XML or HTML, or a character reference.
func startsReference(s string) bool {
	semi := strings.IndexByte(s, ';')
	if semi <= 0 || semi > 32 {
		return false
	}
	ref := s[:semi]
	switch {
	case ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos":
		return true
	case xml.HTMLEntity[ref] != "":
		return true
	case strings.HasPrefix(ref, "#x"):
		return len(ref) > 2 && strings.Trim(ref[2:], "0123456789abcdefABCDEF") == ""
	case strings.HasPrefix(ref, "#"):
		return len(ref) > 1 && strings.Trim(ref[1:], "0123456789") == ""
	}
	return false
}
