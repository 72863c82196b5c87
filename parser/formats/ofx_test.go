package formats

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/ofx"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"golang.org/x/text/encoding/japanese"
)

// ofxSamples: real OFX and QFX exports in the shared samples folder.
var ofxSamples = map[string]string{
	"ofx_csv2ofx_converted_amazon.ofx":  ofx.FormatOFX, // SGML header without OFXHEADER, closed leaves
	"ofx_ofxparse_anzcc_creditcard.ofx": ofx.FormatOFX, // XML header over unclosed leaves, a card
	"ofx_ofxparse_checking.ofx":         ofx.FormatOFX, // OFX 1.02 SGML with INTU.* elements
}

// ofxDoc builds a small SGML bank statement around the given STMTTRN bodies.
func ofxDoc(trns ...string) string {
	var b strings.Builder
	b.WriteString("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n")
	b.WriteString("<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<DTSERVER>20260401\n<LANGUAGE>ENG\n</SONRS>\n</SIGNONMSGSRSV1>\n")
	b.WriteString("<BANKMSGSRSV1>\n<STMTTRNRS>\n<TRNUID>0\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<STMTRS>\n<CURDEF>EUR\n")
	b.WriteString("<BANKACCTFROM>\n<BANKID>1\n<ACCTID>DE0012\n<ACCTTYPE>CHECKING\n</BANKACCTFROM>\n<BANKTRANLIST>\n")
	for _, t := range trns {
		b.WriteString("<STMTTRN>\n" + t + "</STMTTRN>\n")
	}
	b.WriteString("</BANKTRANLIST>\n</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n")
	return b.String()
}

const ofxDebit = "<TRNTYPE>DEBIT\n<DTPOSTED>20260302\n<TRNAMT>-12.50\n<FITID>1\n<NAME>AMAZON MKTP\n"

func TestOFXReadsSGML(t *testing.T) {
	src := ofxDoc(ofxDebit, "<TRNTYPE>CREDIT\n<DTPOSTED>20260310235900[-8:PST]\n<TRNAMT>3\n<FITID>2\n<NAME>REFUND\n")
	st, err := ReadStatement("s.ofx", strings.NewReader(src), parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Format != ofx.FormatOFX || st.Account != "****0012" || st.Txns.Len() != 2 {
		t.Fatalf("read as %s, account %q, %d transactions", st.Format, st.Account, st.Txns.Len())
	}
	lines := strings.Split(src, "\n")
	for _, x := range st.Txns.All() {
		if lines[x.Line-1] != "<STMTTRN>" {
			t.Errorf("line %d is %q, not a STMTTRN", x.Line, lines[x.Line-1])
		}
	}
	if a := st.Txns.At(0); a.Amount.String() != "12.5" || a.Currency != "EUR" || a.Date.String() != "2026-03-02" {
		t.Errorf("charge read as %s %s on %s", a.Amount, a.Currency, a.Date)
	}
	// 23:59 in California is already the next day in UTC: the file's own day counts.
	if c := st.Txns.At(1); c.Amount.String() != "-3" || c.Date.String() != "2026-03-10" {
		t.Errorf("credit read as %s on %s", c.Amount, c.Date)
	}
}

func TestOFXErrors(t *testing.T) {
	// Line 30 of ofxDoc is its CURDEF, 31 BANKACCTFROM, 36 BANKTRANLIST;
	// 37 is the first STMTTRN, 38 its TRNTYPE, 39 its DTPOSTED, 40 its
	// TRNAMT, 43 its end; 45 is </STMTRS>.
	good := ofxDoc(ofxDebit)
	for _, tt := range []struct {
		name, src, want string
	}{
		{"bad amount", ofxDoc(ofxDebit, strings.Replace(ofxDebit, "-12.50", "-1O.00", 1)), "f.ofx:47: <TRNAMT>-1O.00 is not an amount; expected a number such as -12.50"},
		{"bad date", strings.Replace(good, "20260302", "2026-03-02", 1), "f.ofx:39: <DTPOSTED>2026-03-02 is not an OFX date; expected YYYYMMDD, optionally with a time and zone, as in 20260302 or 20260302 with HHMMSS.XXX[-5:EST] after it"},
		{"bad day", strings.Replace(good, "20260302", "20260230", 1), "f.ofx:39: <DTPOSTED>20260230 is not an OFX date; expected YYYYMMDD, optionally with a time and zone, as in 20260302 or 20260302 with HHMMSS.XXX[-5:EST] after it"},
		{"bad type", strings.Replace(good, "<TRNTYPE>DEBIT", "<TRNTYPE>DEBT", 1), "f.ofx:38: <TRNTYPE>DEBT is not an OFX transaction type; expected one of CREDIT, DEBIT, INT, DIV, FEE, SRVCHG, DEP, ATM, POS, XFER, CHECK, PAYMENT, CASH, DIRECTDEP, DIRECTDEBIT, REPEATPMT, HOLD, OTHER"},
		{"no amount", strings.Replace(good, "<TRNAMT>-12.50", "", 1), "f.ofx:37: this STMTTRN has no <TRNAMT>; expected its amount, such as <TRNAMT>-12.50"},
		{"no date", strings.Replace(good, "<DTPOSTED>20260302", "", 1), "f.ofx:37: this STMTTRN has no <DTPOSTED>; expected the day it was posted, such as <DTPOSTED>20260302"},
		{"amount twice", ofxDoc(ofxDebit + "<TRNAMT>-1\n"), "f.ofx:43: <TRNAMT> is given twice in this STMTTRN (also on line 40); expected it once"},
		{"bad currency", strings.Replace(good, "<CURDEF>EUR", "<CURDEF>EURO", 1), "f.ofx:30: <CURDEF>EURO is not a currency code; expected an ISO 4217 code such as USD, EUR or JPY"},
		{"bad transaction currency", ofxDoc(ofxDebit + "<CURRENCY>\n<CURRATE>1\n<CURSYM>ZZZ\n</CURRENCY>\n"), "f.ofx:45: <CURSYM>ZZZ is not a currency code; expected an ISO 4217 code such as USD, EUR or JPY"},
		{"every bad transaction", ofxDoc(strings.Replace(ofxDebit, "-12.50", "x", 1), ofxDebit, strings.Replace(ofxDebit, "20260302", "0", 1)),
			"f.ofx:40: <TRNAMT>x is not an amount; expected a number such as -12.50\n" +
				"f.ofx:53: <DTPOSTED>0 is not an OFX date; expected YYYYMMDD, optionally with a time and zone, as in 20260302 or 20260302 with HHMMSS.XXX[-5:EST] after it"},
		{"truncated", good[:strings.Index(good, "</BANKTRANLIST>")], "f.ofx:43: the file ends before </OFX>: it is cut short; download it again"},
		{"cut in a value", good[:strings.Index(good, "<TRNAMT>")+10], "f.ofx:40: the file ends before </OFX>: it is cut short; download it again"},
		{"cut in a tag", good[:strings.Index(good, "<TRNAMT>")+4], "f.ofx:40: the file ends before </OFX>: it is cut short; download it again"},
		{"cut in a comment", good[:strings.Index(good, "<TRNAMT>")] + "<!-- a", "f.ofx:40: the file ends before </OFX>: it is cut short; download it again"},
		{"no transactions", ofxDoc(), "f.ofx:11: the OFX file holds no bank or card transaction (no STMTTRN in BANKMSGSRSV1 or CREDITCARDMSGSRSV1)"},
		{"broken tag", strings.Replace(good, "</STMTRS>", "</STMTRS", 1), "f.ofx:45: </STMTRS is a tag without its \">\"; expected </STMTRS>"},
		{"a < in a text", strings.Replace(good, "AMAZON MKTP", "AMAZON <3 MKTP", 1), "f.ofx:42: <3 MKTP is not an OFX tag; expected a name such as <STMTTRN> or </STMTTRN> (a < in a text is written &lt;)"},
		{"binary junk", strings.Replace(good, "AMAZON MKTP", "AMAZON \x01\x02", 1), "f.ofx:42: not valid OFX: illegal character code U+0001"},
		{"after </OFX>", good + "</OFX>\n", ""},
		{"an investment statement only", "<OFX>\n<INVSTMTMSGSRSV1><INVSTMTTRNRS><INVSTMTRS><CURDEF>USD<INVTRANLIST><INVBANKTRAN>\n<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260302<TRNAMT>5</STMTTRN>\n</INVBANKTRAN></INVTRANLIST></INVSTMTRS></INVSTMTTRNRS></INVSTMTMSGSRSV1>\n</OFX>\n",
			"f.ofx:1: the OFX file holds no bank or card transaction (no STMTTRN in BANKMSGSRSV1 or CREDITCARDMSGSRSV1)"},
		{"a transaction after </OFX>", strings.Replace(good, "</BANKMSGSRSV1>\n</OFX>\n", "</OFX>\n<STMTTRN>\n"+ofxDebit+"</STMTTRN>\n</BANKMSGSRSV1>\n", 1),
			"f.ofx:48: a STMTTRN stands after </OFX>: a closing tag is misplaced, or two files were joined into one"},
		{"a transaction after its message set", strings.Replace(good, "</BANKMSGSRSV1>\n", "</BANKMSGSRSV1>\n<STMTTRN>\n"+ofxDebit+"</STMTTRN>\n", 1),
			"f.ofx:48: this STMTTRN stands outside a bank or card statement (STMTRS, CCSTMTRS): a tag is missing or misplaced"},
		{"text in OFX itself", "<OFX>0<A0>", "f.ofx:1: the file ends before </OFX>: it is cut short; download it again"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewRegistry().Read("f.ofx", strings.NewReader(tt.src), ofx.Format, parser.ReadOptions{})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			var e *parser.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want an *Error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
		})
	}
}

// TestOFXSkipInvalid reads past a transaction that cannot be read, and
// counts it.
func TestOFXSkipInvalid(t *testing.T) {
	src := ofxDoc(ofxDebit, strings.Replace(ofxDebit, "-12.50", "x", 1))
	st, err := NewRegistry().Read("f.ofx", strings.NewReader(src), ofx.Format, parser.ReadOptions{SkipInvalid: true})
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != 2 || st.Txns.Len() != 1 || len(st.Invalid) != 1 || st.Skipped[parser.SkipInvalid] != 1 {
		t.Fatalf("rows %d, transactions %d, invalid %v, skipped %v", st.Rows, st.Txns.Len(), st.Invalid, st.Skipped)
	}
	if got := st.Invalid[0].Error(); got != "f.ofx:47: <TRNAMT>x is not an amount; expected a number such as -12.50" {
		t.Errorf("invalid row: %s", got)
	}
}

// TestOFXShapes reads what files write besides the plain shape: SGML text
// with a lone &, entities, empty and unclosed leaves, tags in lower case,
// CDATA, a comma before the fraction, the payee's name, a transaction in
// another currency, QFX's INTU elements, and an XML header.
func TestOFXShapes(t *testing.T) {
	for _, tt := range []struct {
		name, trn, want string
	}{
		{"lone ampersand", "<DTPOSTED>20260302\n<TRNAMT>-1\n<NAME>M&S FOODHALL\n", "2026-03-02 1 EUR M&S FOODHALL"},
		{"entities", "<DTPOSTED>20260302\n<TRNAMT>-1\n<NAME>M&amp;S &lt;3&gt; caf&eacute; &#65;&#x42;\n", "2026-03-02 1 EUR M&S <3> café AB"},
		{"empty unclosed leaf", "<DTPOSTED>20260302\n<TRNAMT>-1\n<MEMO>\n<NAME>AMAZON\n", "2026-03-02 1 EUR AMAZON"},
		{"empty leaf at the end", "<DTPOSTED>20260302\n<TRNAMT>-1\n<NAME>AMAZON\n<MEMO>\n", "2026-03-02 1 EUR AMAZON"},
		{"closed and unclosed", "<DTPOSTED>20260302</DTPOSTED><TRNAMT>-1\n<NAME>AMAZON</NAME><MEMO>AMZN.COM/BILL\n", "2026-03-02 1 EUR AMAZON / AMZN.COM/BILL"},
		{"lower case", "<dtposted>20260302\n<trnamt>-1\n<name>AMAZON\n", "2026-03-02 1 EUR AMAZON"},
		{"cdata", "<DTPOSTED>20260302\n<TRNAMT>-1\n<NAME><![CDATA[A<B & C]]>\n", "2026-03-02 1 EUR A<B & C"},
		{"comma fraction", "<DTPOSTED>20260302\n<TRNAMT>-12,50\n<NAME>AMAZON\n", "2026-03-02 12.5 EUR AMAZON"},
		{"payee", "<DTPOSTED>20260302\n<TRNAMT>-1\n<PAYEE>\n<NAME>AMAZON EU\n<CITY>LUXEMBOURG\n</PAYEE>\n", "2026-03-02 1 EUR AMAZON EU"},
		{"own currency", "<DTPOSTED>20260302\n<TRNAMT>-1\n<NAME>AMAZON.COM\n<CURRENCY>\n<CURRATE>0.92\n<CURSYM>usd\n</CURRENCY>\n", "2026-03-02 1 USD AMAZON.COM"},
		{"dates", "<DTPOSTED>202603021230\n<DTUSER>20260301000000.000[+9:JST]\n<TRNAMT>-1\n<NAME>A\n", "2026-03-02 (used 2026-03-01) 1 EUR A"},
		{"zone without name", "<DTPOSTED>20260302235959[-8]\n<TRNAMT>1\n<NAME>A\n", "2026-03-02 -1 EUR A"},
		{"intu", "<DTPOSTED>20260302\n<TRNAMT>-1\n<NAME>A\n<INTU.XXX>1\n", "2026-03-02 1 EUR A"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st, err := NewRegistry().Read("f.ofx", strings.NewReader(ofxDoc(tt.trn)), ofx.Format, parser.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			x := st.Txns.At(0)
			got := fmt.Sprintf("%s %s %s %s", x.Date, x.Amount, x.Currency, x.Description)
			if x.UsedOn.Valid() {
				got = fmt.Sprintf("%s (used %s) %s %s %s", x.Date, x.UsedOn, x.Amount, x.Currency, x.Description)
			}
			if got != tt.want || x.Line != 37 {
				t.Errorf("read %q at line %d, want %q at 37", got, x.Line, tt.want)
			}
		})
	}
}

func TestWithMemo(t *testing.T) {
	for _, tt := range []struct{ name, memo, want string }{
		{"DEBIT CARD PURCHASE  AMAZON MKTP", "AMZN.COM/BILL WA", "DEBIT CARD PURCHASE  AMAZON MKTP / AMZN.COM/BILL WA"},
		{"DIVIDEND EARNED FOR PERIOD OF 03", "DIVIDEND EARNED FOR PERIOD OF 03/01/2011", "DIVIDEND EARNED FOR PERIOD OF 03/01/2011"},
		{"PAYROLL", "PAYROLL", "PAYROLL"},
		{"CHECK 1042", "", "CHECK 1042"},
		{"", "SOME MEMO", "SOME MEMO"},
	} {
		if got := parser.WithMemo(tt.name, tt.memo); got != tt.want {
			t.Errorf("withMemo(%q, %q) = %q, want %q", tt.name, tt.memo, got, tt.want)
		}
	}
}

func TestMaskAccount(t *testing.T) {
	for in, want := range map[string]string{"4111222233334321": "****4321", " 1452687~7 ": "****87~7", "12": "****12", "": ""} {
		if got := ofx.MaskAccount(in); got != want {
			t.Errorf("maskAccount(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSniffOFX(t *testing.T) {
	for _, tt := range []struct {
		head string
		want bool
	}{
		{"OFXHEADER:100\r\nDATA:OFXSGML\r\n\r\n<OFX>\r\n", true},
		{"DATA:OFXSGML\nENCODING:UTF-8\n<OFX>\n", true},
		{"<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\" VERSION=\"203\"?>  \n<OFX>", true},
		{"<OFX><SIGNONMSGSRSV1>", true},
		{"Date,Description,Amount\n2026-03-02,<OFX> tag,1\n", false},
		{"Date,Description,Amount\n", false},
	} {
		if got := ofx.Sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("sniffOFX(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// TestSTMTTRNLines checks that each transaction points at its STMTTRN on
// the shapes OFX files come in: one element a line, everything on one line,
// CRLF, card and bank statements in one file, comments.
func TestSTMTTRNLines(t *testing.T) {
	const (
		trn  = "<STMTTRN>|<DTPOSTED>20260301|<TRNAMT>-1|</STMTTRN>|"
		bank = "<BANKMSGSRSV1>|<STMTTRNRS>|<STMTRS>|<BANKTRANLIST>|" + trn + trn + "</BANKTRANLIST>|</STMTRS>|</STMTTRNRS>|</BANKMSGSRSV1>|"
		card = "<CREDITCARDMSGSRSV1>|<CCSTMTTRNRS>|<CCSTMTRS>|<BANKTRANLIST>|" + trn + "</BANKTRANLIST>|</CCSTMTRS>|</CCSTMTTRNRS>|</CREDITCARDMSGSRSV1>|"
	)
	for _, tt := range []struct {
		name, src string
		want      []int
	}{
		{"one a line", strings.ReplaceAll("<OFX>|"+bank+"</OFX>|", "|", "\n"), []int{6, 10}},
		{"one line", strings.ReplaceAll("<OFX>|"+bank+"</OFX>|", "|", ""), []int{1, 1}},
		{"crlf and both sets", strings.ReplaceAll("<OFX>||"+card+bank+"</OFX>|", "|", "\r\n"), []int{7, 19, 23}},
		{"comments", strings.ReplaceAll("<OFX>|<!-- <STMTTRN>|<TRNAMT>1 -->|"+bank+"</OFX>|", "|", "\n"), []int{8, 12}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st, err := NewRegistry().Read("f.ofx", strings.NewReader(tt.src), ofx.Format, parser.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, x := range st.Txns.All() {
				got = append(got, x.Line)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("lines %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOFXSampleLines reads the real samples and checks that every
// transaction points at a STMTTRN line of its file.
func TestOFXSampleLines(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "formats", "samples")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no shared samples folder")
	}
	for file := range ofxSamples {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		st, err := ReadStatement(file, strings.NewReader(string(data)), parser.ReadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		lines := strings.Split(string(data), "\n")
		for _, x := range st.Txns.All() {
			if x.Line < 1 || strings.TrimSpace(lines[x.Line-1]) != "<STMTTRN>" {
				t.Errorf("%s: transaction at line %d, which is not a STMTTRN", file, x.Line)
			}
			if !strings.HasPrefix(st.Account, "****") {
				t.Errorf("%s: account %q is not masked", file, st.Account)
			}
		}
	}
}

// TestOFXLenient reads what real exports write that OFX does not allow,
// as the common OFX readers (ofxparse, ofxtools) read it.
func TestOFXLenient(t *testing.T) {
	good := ofxDoc(ofxDebit, strings.Replace(ofxDebit, "AMAZON MKTP", "LAWSON", 1))
	const header = "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n"
	for _, tt := range []struct {
		name, src string
		lines     []int
	}{
		{"as written", good, []int{37, 44}},
		{"no </BANKTRANLIST>", strings.Replace(good, "</BANKTRANLIST>\n", "\n", 1), []int{37, 44}},
		{"no </BANKACCTFROM>", strings.Replace(good, "</BANKACCTFROM>", "", 1), []int{37, 44}},
		{"no BANKTRANLIST at all", strings.Replace(strings.Replace(good, "<BANKTRANLIST>", "", 1), "</BANKTRANLIST>", "", 1), []int{37, 44}},
		{"a STMTTRN after </BANKTRANLIST>", strings.Replace(strings.Replace(good, "</BANKTRANLIST>\n", "", 1), "</STMTTRN>\n<STMTTRN>", "</STMTTRN>\n</BANKTRANLIST>\n<STMTTRN>", 1), []int{37, 45}},
		{"closing tags crossed", strings.Replace(good, "</STMTTRN>\n</BANKTRANLIST>", "</BANKTRANLIST>\n</STMTTRN>", 1), []int{37, 44}},
		{"a closing tag twice", strings.Replace(good, "</BANKTRANLIST>", "</BANKTRANLIST></BANKTRANLIST>", 1), []int{37, 44}},
		{"a closing tag of a leaf", strings.Replace(good, "<NAME>LAWSON\n", "<NAME>LAWSON</MEMO>\n", 1), []int{37, 44}},
		{"no </STMTTRN>", strings.Replace(good, "</STMTTRN>\n<STMTTRN>", "<STMTTRN>", 1), []int{37, 43}},
		{"header in a comment", "<!--\n" + header + "-->\n" + good[len(header):], []int{39, 46}},
		{"no header", good[len(header):], []int{27, 34}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st, err := ReadStatement("f.ofx", strings.NewReader(tt.src), parser.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var lines []int
			for _, x := range st.Txns.All() {
				got = append(got, fmt.Sprintf("%s %s %s %s", x.Date, x.Amount, x.Currency, x.Description))
				lines = append(lines, x.Line)
			}
			want := []string{"2026-03-02 12.5 EUR AMAZON MKTP", "2026-03-02 12.5 EUR LAWSON"}
			if st.Format != ofx.FormatOFX || st.Account != "****0012" || !slices.Equal(got, want) || !slices.Equal(lines, tt.lines) {
				t.Errorf("read as %s %q: %q at lines %v; want %q at %v", st.Format, st.Account, got, lines, want, tt.lines)
			}
		})
	}
}

// TestOFXCharset reads a file in the encoding its header declares, even
// where its first 64 KiB are ASCII.
func TestOFXCharset(t *testing.T) {
	trns := []string{ofxDebit, ofxDebit, ofxDebit}
	padding := "<!-- " + strings.Repeat("x", 70<<10) + " -->\n" // 70 KiB of ASCII before the first other byte
	for _, tt := range []struct {
		name, header, enc string
		src               []byte
	}{
		{"CHARSET:1252 after 64 KiB", "CHARSET:1252", textenc.EncCP1252, nil},
		{"CHARSET:ISO-8859-1", "CHARSET:ISO-8859-1", textenc.EncLatin1, nil},
		{"CHARSET:NONE", "CHARSET:NONE", textenc.EncCP1252, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(ofxDoc(trns...), "CHARSET:1252", tt.header, 1)
			src = strings.Replace(src, "<BANKMSGSRSV1>", padding+"<BANKMSGSRSV1>", 1)
			src = strings.Replace(src, "<NAME>AMAZON MKTP\n</STMTTRN>\n</BANKTRANLIST>", "<NAME>CAF\xc9 LUMI\xc8RE\n</STMTTRN>\n</BANKTRANLIST>", 1)
			st, err := ReadStatement("f.ofx", strings.NewReader(src), parser.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if last := st.Txns.At(st.Txns.Len() - 1); st.Encoding != tt.enc || last.Description != "CAFÉ LUMIÈRE" {
				t.Errorf("read as %s: %q", st.Encoding, last.Description)
			}
		})
	}
}

func TestOFXDeclaredCharset(t *testing.T) {
	for _, tt := range []struct{ head, want string }{
		{"OFXHEADER:100\nENCODING:USASCII\nCHARSET:1252\n\n<OFX>", textenc.EncCP1252},
		{"OFXHEADER:100\r\nENCODING:USASCII\r\nCHARSET:ISO-8859-1\r\n\r\n<OFX>", textenc.EncLatin1},
		{"OFXHEADER:100\nENCODING:USASCII\nCHARSET:NONE\n\n<OFX>", ""},
		{"OFXHEADER:100\nENCODING:UTF-8\nCHARSET:NONE\n\n<OFX>", ""},
		{"OFXHEADER:100\nENCODING:UTF-8\nCHARSET:1252\n\n<OFX>", ""},
		{"OFXHEADER:100\nENCODING:UNICODE\nCHARSET:ISO-8859-1\n\n<OFX>", ""},
		{"<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<?OFX OFXHEADER=\"200\"?>\n<OFX>", textenc.EncCP1252},
		{"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OFX>", ""},
		{"<!--\nOFXHEADER:100\nCHARSET:1252\n-->\n<OFX>", textenc.EncCP1252},
		// Declared 1252, written in UTF-8: the bytes tell.
		{"OFXHEADER:100\nCHARSET:1252\n\n<OFX><NAME>CAFÉ", ""},
		// Declared 1252, written in CP932: Japanese is never read as Western.
		{"OFXHEADER:100\nCHARSET:1252\n\n<OFX><NAME>\x82\x60\x82\x6c\x82\x60\x82\x79\x82\x6e\x82\x6d\x81\x44\x82\x62\x82\x6e\x81\x44\x82\x69\x82\x6f", ""},
		{"OFXHEADER:100\nCHARSET:1252\n\n<OFX><NAME>CAF\xc9 LUMI\xc8RE", textenc.EncCP1252},
	} {
		if got := ofx.Charset([]byte(tt.head)); got != tt.want {
			t.Errorf("ofxCharset(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

// TestOFXKeepsInBrief reads a statement keeping only Amazon's rows in
// full: the others are counted and dated, as the table readers do.
func TestOFXKeepsInBrief(t *testing.T) {
	var trns []string
	for i := range 500 {
		name := "LAWSON"
		if i%100 == 0 {
			name = "AMAZON MKTP"
		}
		trns = append(trns, fmt.Sprintf("<TRNTYPE>DEBIT\n<DTPOSTED>202603%02d\n<TRNAMT>-%d.50\n<FITID>%d\n<NAME>%s\n", 1+i%28, i, i, name))
	}
	src := ofxDoc(trns...)
	all, err := ReadStatement("f.ofx", strings.NewReader(src), parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	kept, err := ReadStatement("f.ofx", strings.NewReader(src), parser.ReadOptions{Keep: keepAmazon, Fold: func(civil.Date) bool { return false }})
	if err != nil {
		t.Fatal(err)
	}
	if kept.Txns.Len() != 5 || kept.Brief.Postings.Len() != 0 || accounting(kept) != accounting(all) {
		t.Errorf("kept %d in full and %d postings; accounting\n%s\nwant\n%s", kept.Txns.Len(), kept.Brief.Postings.Len(), accounting(kept), accounting(all))
	}
}

// ofxStream writes an OFX bank statement of n transactions as it is read,
// one in a hundred Amazon's, and calls each after every MiB it hands out.
type ofxStream struct {
	n, i  int
	buf   []byte
	out   int
	each  func()
	ended bool
}

func (s *ofxStream) Read(p []byte) (int, error) {
	for len(s.buf) == 0 {
		switch {
		case s.i == 0 && !s.ended && s.out == 0:
			s.buf = []byte(strings.Split(ofxDoc("|"), "<STMTTRN>\n|")[0])
		case s.i < s.n:
			name := "GROCERY STORE 0042 SPRINGFIELD"
			if s.i%100 == 0 {
				name = "AMAZON MKTP"
			}
			s.buf = fmt.Appendf(nil, "<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>2026%02d%02d\n<TRNAMT>-%d.25\n<FITID>%d\n<NAME>%s\n</STMTTRN>\n", 1+s.i/28%12, 1+s.i%28, s.i%500, s.i, name)
			s.i++
		case !s.ended:
			s.buf = []byte("</BANKTRANLIST>\n</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n")
			s.ended = true
		default:
			return 0, io.EOF
		}
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	if (s.out+n)>>20 != s.out>>20 {
		s.each()
	}
	s.out += n
	return n, nil
}

// TestOFXStreams reads an OFX file of 60 MB keeping Amazon's rows: the
// memory in use stays far below the file's size.
func TestOFXStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 60 MB")
	}
	var peak uint64
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	s := &ofxStream{n: 500_000, each: func() {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc-min(base, ms.HeapAlloc))
	}}
	st, err := ReadStatement("big.ofx", s, parser.ReadOptions{Keep: keepAmazon, Fold: func(civil.Date) bool { return false }})
	if err != nil {
		t.Fatal(err)
	}
	if st.Transactions() != 500_000 || st.Txns.Len() != 5000 || s.out < 55<<20 {
		t.Fatalf("%d transactions, %d kept, from %d bytes", st.Transactions(), st.Txns.Len(), s.out)
	}
	t.Logf("%d KiB in use at most while reading %d MiB", peak>>10, s.out>>20)
	if peak > 8<<20 {
		t.Errorf("%d MiB in use while reading %d MiB", peak>>20, s.out>>20)
	}
}

// A Japanese bank's OFX that declares CHARSET:1252 and is written in CP932
// is read as CP932.
func TestOFXJapaneseUnderWesternCharset(t *testing.T) {
	sjis := encode(t, japanese.ShiftJIS, ofxDoc(strings.Replace(ofxDebit, "AMAZON MKTP", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", 1)))
	st, err := ReadStatement("f.ofx", bytes.NewReader(sjis), parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if x := st.Txns.At(0); st.Encoding != textenc.EncCP932 || x.Description != "ＡＭＡＺＯＮ．ＣＯ．ＪＰ" || x.Normalized != "AMAZON.CO.JP" {
		t.Errorf("read as %s: %q (%q)", st.Encoding, x.Description, x.Normalized)
	}
}

// Overlapping OFX exports of one account fold alike whether their other
// rows are kept in full or in brief.
func TestOFXFoldWithKeep(t *testing.T) {
	trn := func(day, amount, name string) string {
		return "<TRNTYPE>DEBIT\n<DTPOSTED>202603" + day + "\n<TRNAMT>-" + amount + "\n<FITID>" + day + name + "\n<NAME>" + name + "\n"
	}
	march := ofxDoc(trn("01", "2.00", "LAWSON"), trn("15", "5.00", "STARBUCKS"), trn("18", "300.00", "AMAZON MKTP"))
	later := ofxDoc(trn("15", "5.00", "STARBUCKS"), trn("16", "5.00", "STARBUCKS"), trn("18", "300.00", "AMAZON MKTP"), trn("28", "300.00", "AMAZON MKTP"))
	fold := func(opts parser.ReadOptions) string {
		var stmts []*parser.Statement
		for _, src := range []string{march, later} {
			st, err := ReadStatement("f.ofx", strings.NewReader(src), opts)
			if err != nil {
				t.Fatal(err)
			}
			stmts = append(stmts, st)
		}
		parser.FoldOverlaps(stmts)
		return counts(stmts[0]) + counts(stmts[1]) + days(stmts...)
	}
	got, want := fold(parser.ReadOptions{Keep: keepAmazon}), fold(parser.ReadOptions{})
	if got != want {
		t.Errorf("with Keep\n%s\nwithout\n%s", got, want)
	}
	if !strings.Contains(want, "folded 2") {
		t.Errorf("folded:\n%s\nwant 2 rows folded (STARBUCKS 03-15, AMAZON 03-18)", want)
	}
}
