package parser

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// ofxSamples: real OFX and QFX exports in the shared samples folder.
var ofxSamples = map[string]string{
	"ofx_csv2ofx_converted_amazon.ofx":  FormatOFX, // SGML header without OFXHEADER, closed leaves
	"ofx_ofxparse_anzcc_creditcard.ofx": FormatOFX, // XML header over unclosed leaves, a card
	"ofx_ofxparse_checking.ofx":         FormatOFX, // OFX 1.02 SGML with INTU.* elements
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
	st, err := ReadStatement("s.ofx", strings.NewReader(src), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Format != FormatOFX || st.Account != "****0012" || len(st.Txns) != 2 {
		t.Fatalf("read as %s, account %q, %d transactions", st.Format, st.Account, len(st.Txns))
	}
	lines := strings.Split(src, "\n")
	for _, x := range st.Txns {
		if lines[x.Line-1] != "<STMTTRN>" {
			t.Errorf("line %d is %q, not a STMTTRN", x.Line, lines[x.Line-1])
		}
	}
	if a := st.Txns[0]; a.Amount.String() != "12.5" || a.Currency != "EUR" || a.Date.String() != "2026-03-02" {
		t.Errorf("charge read as %s %s on %s", a.Amount, a.Currency, a.Date)
	}
	// 23:59 in California is already the next day in UTC: the file's own day counts.
	if c := st.Txns[1]; c.Amount.String() != "-3" || c.Date.String() != "2026-03-10" {
		t.Errorf("credit read as %s on %s", c.Amount, c.Date)
	}
}

func TestOFXErrors(t *testing.T) {
	// Line 37 is the first STMTTRN of ofxDoc, 39 its DTPOSTED, 40 its TRNAMT.
	good := ofxDoc(ofxDebit)
	for _, tt := range []struct {
		name, src, want string
	}{
		{"bad amount", ofxDoc(ofxDebit, strings.Replace(ofxDebit, "-12.50", "-1O.00", 1)), "f.ofx:47: <TRNAMT>-1O.00: Failed to parse OFX amount"},
		{"bad date", strings.Replace(good, "20260302", "2026-03-02", 1), "f.ofx:39: <DTPOSTED>2026-03-02: OFX: Couldn't parse date:2026-03-02"},
		{"bad type", strings.Replace(good, "<TRNTYPE>DEBIT", "<TRNTYPE>DEBT", 1), "f.ofx:38: <TRNTYPE>DEBT: Invalid TrnType: \"DEBT \""},
		{"truncated", good[:strings.Index(good, "</BANKTRANLIST>")], "f.ofx:43: the file ends before </OFX>: it is cut short; download it again"},
		{"cut in a value", good[:strings.Index(good, "<TRNAMT>")+10], "f.ofx:40: the file ends before </OFX>: it is cut short; download it again"},
		{"no transactions", ofxDoc(), "f.ofx:11: the OFX file holds no bank or card transaction (no STMTTRN in BANKMSGSRSV1 or CREDITCARDMSGSRSV1)"},
		{"lost closing tag", strings.Replace(good, "</BANKACCTFROM>", "", 1), "f.ofx:37: this STMTTRN could not be read: the elements around it are not nested as OFX requires (a closing tag missing or misplaced?)"},
		{"broken tag", strings.Replace(good, "</STMTRS>", "</STMTRS", 1), "f.ofx:46: not valid OFX: invalid characters between </STMTRS and >"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewRegistry().Read("f.ofx", strings.NewReader(tt.src), ofxFormat, ReadOptions{})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want an *Error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", err, tt.want)
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
		if got := withMemo(tt.name, tt.memo); got != tt.want {
			t.Errorf("withMemo(%q, %q) = %q, want %q", tt.name, tt.memo, got, tt.want)
		}
	}
}

func TestMaskAccount(t *testing.T) {
	for in, want := range map[string]string{"4111222233334321": "****4321", " 1452687~7 ": "****87~7", "12": "****12", "": ""} {
		if got := maskAccount(in); got != want {
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
		if got := sniffOFX([]byte(tt.head)); got != tt.want {
			t.Errorf("sniffOFX(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// TestSTMTTRNLines checks the line finder on the shapes OFX files come in:
// one element a line, everything on one line, CRLF, and card and bank
// statements in one file.
func TestSTMTTRNLines(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      map[string][]int
	}{
		{"one a line", "<OFX>\n<BANKMSGSRSV1>\n<STMTTRN>\n<TRNAMT>1\n</STMTTRN>\n<STMTTRN>\n", map[string][]int{ofxBank: {3, 6}}},
		{"one line", "<OFX><BANKMSGSRSV1><STMTTRN><TRNAMT>1</STMTTRN><STMTTRN>", map[string][]int{ofxBank: {1, 1}}},
		{"crlf and both sets", "<OFX>\r\n<CREDITCARDMSGSRSV1>\r\n<STMTTRN>\r\n</CREDITCARDMSGSRSV1>\r\n<BANKMSGSRSV1>\r\n\r\n<STMTTRN>\r\n", map[string][]int{ofxCard: {3}, ofxBank: {7}}},
		{"comment and closing tags", "<!-- <STMTTRN> -->\n</STMTTRN>\n<BANKMSGSRSV1><STMTTRN>", map[string][]int{ofxBank: {3}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := stmttrnLines(scanOFXTags(tt.src))
			for set, want := range tt.want {
				if !slices.Equal(got[set], want) {
					t.Errorf("%s: lines %v, want %v", set, got[set], want)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("sets %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOFXSampleLines reads the real samples and checks that every
// transaction points at a STMTTRN line of its file.
func TestOFXSampleLines(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "formats", "samples")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no shared samples folder")
	}
	for file := range ofxSamples {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		st, err := ReadStatement(file, strings.NewReader(string(data)), ReadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		lines := strings.Split(string(data), "\n")
		for _, x := range st.Txns {
			if x.Line < 1 || strings.TrimSpace(lines[x.Line-1]) != "<STMTTRN>" {
				t.Errorf("%s: transaction at line %d, which is not a STMTTRN", file, x.Line)
			}
			if !strings.HasPrefix(st.Account, "****") {
				t.Errorf("%s: account %q is not masked", file, st.Account)
			}
		}
	}
}
