package parser

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"

	"github.com/aclindsa/ofxgo"
	"github.com/aclindsa/xml"
	"github.com/shopspring/decimal"
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

// ofxLibraryHeader is the header put before the <OFX> element for the OFX
// library. Files write their own in many shapes (an XML declaration over
// SGML-style unclosed elements, SGML headers without OFXHEADER); the header
// says nothing refundwatch needs (the text is already decoded), and the
// library's SGML mode reads closed and unclosed elements alike.
const ofxLibraryHeader = "OFXHEADER:100 DATA:OFXSGML VERSION:102 SECURITY:NONE ENCODING:USASCII CHARSET:NONE COMPRESSION:NONE OLDFILEUID:NONE NEWFILEUID:NONE\n"

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
	resp, err := ofxgo.DecodeResponse(strings.NewReader(ofxLibraryHeader + src[start:]))
	if err != nil {
		return nil, ofxError(name, src, startLine, err)
	}
	st := &Statement{File: name, Format: FormatOFX, Encoding: enc}
	lines := stmttrnLines(scanOFXTags(src))
	errs := collector{file: name}
	accounts := map[string]bool{}
	add := func(set string, i int, x *ofxgo.Transaction, curdef, acct string) {
		t, err := ofxTransaction(x, curdef, acct)
		t.File = name
		if i < len(lines[set]) {
			t.Line = lines[set][i]
		}
		st.Rows++
		if err != nil {
			e := Errorf(name, t.Line, "%v", err)
			if opts.SkipInvalid {
				st.Invalid = append(st.Invalid, e)
				st.skip(SkipInvalid)
			} else {
				errs.addErr(e)
			}
			return
		}
		accounts[t.Account] = true
		st.add(t)
	}
	read := map[string]int{}
	for _, s := range ofxStatements(resp) {
		for _, x := range s.list.Transactions {
			add(s.set, read[s.set], &x, s.currency, s.account)
			read[s.set]++
		}
	}
	// A misplaced closing tag can make the library pass over transactions
	// without a word: every STMTTRN in the text must have been read.
	for _, set := range []string{ofxBank, ofxCard} {
		if n := read[set]; n < len(lines[set]) {
			errs.add(lines[set][n], "this STMTTRN could not be read: the elements around it are not nested as OFX requires (a closing tag missing or misplaced?)")
		}
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	if st.Rows == 0 {
		return nil, Errorf(name, startLine, "the OFX file holds no bank or card transaction (no STMTTRN in BANKMSGSRSV1 or CREDITCARDMSGSRSV1)")
	}
	if len(accounts) == 1 {
		for a := range accounts {
			st.Account = a
		}
	}
	return st, nil
}

// ofxStatement is one bank or card statement of an OFX file.
type ofxStatement struct {
	set, currency, account string
	list                   *ofxgo.TransactionList
}

// ofxStatements lists the bank and card statements of resp that hold transactions.
func ofxStatements(resp *ofxgo.Response) []ofxStatement {
	var out []ofxStatement
	for _, m := range resp.Bank {
		if s, ok := m.(*ofxgo.StatementResponse); ok && s.BankTranList != nil {
			out = append(out, ofxStatement{ofxBank, ofxCurrency(s.CurDef), string(s.BankAcctFrom.AcctID), s.BankTranList})
		}
	}
	for _, m := range resp.CreditCard {
		if s, ok := m.(*ofxgo.CCStatementResponse); ok && s.BankTranList != nil {
			out = append(out, ofxStatement{ofxCard, ofxCurrency(s.CurDef), string(s.CCAcctFrom.AcctID), s.BankTranList})
		}
	}
	return out
}

// ofxTransaction turns one STMTTRN into a transaction: the posting date as
// written in the file (in its own time zone), the amount turned so that
// money out is positive, NAME with MEMO where MEMO adds something.
func ofxTransaction(x *ofxgo.Transaction, curdef, acct string) (Transaction, error) {
	var t Transaction
	d, ok := ofxDate(x.DtPosted)
	if !ok {
		return t, Msgf("transaction has no DTPOSTED")
	}
	t.Date = d
	if x.DtUser != nil {
		t.UsedOn, _ = ofxDate(*x.DtUser)
	}
	amt, err := decimal.NewFromString(x.TrnAmt.String())
	if err != nil {
		return t, Msgf("TRNAMT %s is not an amount", x.TrnAmt.String())
	}
	t.Amount = amt.Neg()
	t.Currency = curdef
	if x.Currency != nil && ofxCurrency(x.Currency.CurSym) != "" {
		t.Currency = ofxCurrency(x.Currency.CurSym)
	}
	name := string(x.Name)
	if name == "" && x.Payee != nil {
		name = string(x.Payee.Name)
	}
	t.Description = withMemo(name, string(x.Memo)) // MEMO often holds what NAME (32 characters in OFX 1.x) cut off
	t.Normalized = Normalize(t.Description)
	t.Account = maskAccount(acct)
	return t, nil
}

// ofxCurrency is an OFX currency's ISO code, or "" when the file gives none.
func ofxCurrency(c ofxgo.CurrSymbol) string {
	if ok, _ := c.Valid(); !ok {
		return ""
	}
	return c.String()
}

// ofxDate is the calendar day of an OFX date as the file writes it: in the
// file's own time zone, not moved to UTC.
func ofxDate(d ofxgo.Date) (Date, bool) {
	if d.IsZero() {
		return Date{}, false
	}
	return NewDate(d.Year(), int(d.Month()), d.Day())
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

// ofxError turns the OFX library's error into an *Error at the line it
// concerns, where that can be told.
func ofxError(name, src string, startLine int, err error) *Error {
	var se *xml.SyntaxError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF"):
		return Errorf(name, 1+strings.Count(strings.TrimRight(src, "\r\n"), "\n"), "the file ends before </OFX>: it is cut short; download it again")
	case errors.As(err, &se):
		return Errorf(name, startLine+se.Line-1, "not valid OFX: %s", se.Msg)
	}
	if tag, ok := firstBadOFXValue(scanOFXTags(src)); ok {
		return Errorf(name, tag.line, "<%s>%s: %s", tag.name, tag.value, oneLine(err))
	}
	return Errorf(name, 0, "not valid OFX: %s", oneLine(err))
}

// oneLine is the library's message with its spaces and line breaks folded.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// ofxValueTypes are the library's types for the leaf elements whose values it
// checks, so that a value it refuses can be found again in the text.
var ofxValueTypes = map[string]func() any{
	"TRNAMT":   func() any { return &ofxgo.Amount{} },
	"BALAMT":   func() any { return &ofxgo.Amount{} },
	"DTPOSTED": func() any { return &ofxgo.Date{} },
	"DTUSER":   func() any { return &ofxgo.Date{} },
	"DTAVAIL":  func() any { return &ofxgo.Date{} },
	"DTSTART":  func() any { return &ofxgo.Date{} },
	"DTEND":    func() any { return &ofxgo.Date{} },
	"DTASOF":   func() any { return &ofxgo.Date{} },
	"DTSERVER": func() any { return &ofxgo.Date{} },
	"CURDEF":   func() any { return &ofxgo.CurrSymbol{} },
	"TRNTYPE":  func() any { var x ofxgo.Transaction; return &x.TrnType },
}

// firstBadOFXValue finds the first amount, date or currency the OFX library
// refuses, reading each value alone with the library's own type.
func firstBadOFXValue(tags []ofxTag) (ofxTag, bool) {
	for _, t := range tags {
		newValue, ok := ofxValueTypes[t.name]
		if !ok {
			continue
		}
		var esc bytes.Buffer
		_ = xml.EscapeText(&esc, []byte(t.value))
		doc := "<" + t.name + ">" + esc.String() + "</" + t.name + ">"
		if xml.Unmarshal([]byte(doc), newValue()) != nil {
			return t, true
		}
	}
	return ofxTag{}, false
}

// ofxTag is an element start tag in an OFX file: its name, the text up to
// the next tag (the value of a leaf element), and its line.
type ofxTag struct {
	name  string
	value string
	line  int
}

// scanOFXTags lists the start tags of an OFX file with their lines. It is
// no parser: the OFX library reads the file; this only says where things are.
func scanOFXTags(src string) []ofxTag {
	var tags []ofxTag
	line := 1
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			line++
			continue
		case '<':
		default:
			continue
		}
		end := strings.IndexByte(src[i:], '>')
		if end < 0 {
			break
		}
		name := src[i+1 : i+end]
		tagLine := line
		i += end
		if name == "" || strings.ContainsAny(name[:1], "/?!") {
			continue
		}
		value := src[i+1:]
		if next := strings.IndexByte(value, '<'); next >= 0 {
			value = value[:next]
		}
		tags = append(tags, ofxTag{name: strings.ToUpper(name), value: strings.TrimSpace(value), line: tagLine})
	}
	return tags
}

// Message sets whose STMTTRN elements are statement transactions.
const (
	ofxBank = "BANKMSGSRSV1"
	ofxCard = "CREDITCARDMSGSRSV1"
)

// stmttrnLines gives, per message set, the line of each STMTTRN in order:
// the library keeps no positions, and the person reads file:line out to
// their bank.
func stmttrnLines(tags []ofxTag) map[string][]int {
	lines := map[string][]int{}
	set := ""
	for _, t := range tags {
		switch t.name {
		case "STMTTRN":
			lines[set] = append(lines[set], t.line)
		default:
			if strings.HasSuffix(t.name, "MSGSRSV1") {
				set = t.name
			}
		}
	}
	return lines
}
