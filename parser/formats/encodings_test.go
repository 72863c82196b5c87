package formats

import (
	"bytes"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// Statements in each encoding read with their descriptions right.
func TestReadStatementEncodings(t *testing.T) {
	late := strings.Repeat("2026-03-02,GROCERY STORE,12.50\n", 3000)
	tests := []struct {
		name, enc, text, desc string
		e                     encoding.Encoding
	}{
		{"cp1252 after 64 KiB", textenc.EncCP1252, "Date,Description,Amount\n" + late + "2026-03-03,Café Lumière,4.75\n", "Café Lumière", charmap.Windows1252},
		{"cp1250", textenc.EncCP1250, "Date,Description,Debit,Credit\n2026-03-02,Převod na účet,300.00,\n2026-03-03,Upřesnění platby,20.00,\n", "Převod na účet", charmap.Windows1250},
		{"cp932 twelve rows", textenc.EncCP932, "Date,Description,Amount\n" + strings.Repeat("2026-03-02,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,3000\n", 12), "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", japanese.ShiftJIS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := ReadStatement("s.csv", bytes.NewReader(encode(t, tt.e, tt.text)), parser.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if st.Encoding != tt.enc || st.Txns.Len() == 0 || st.Txns.At(st.Txns.Len()-1).Description != tt.desc && st.Txns.At(0).Description != tt.desc {
				t.Errorf("read as %s, last row %q; want %s and %q", st.Encoding, st.Txns.At(st.Txns.Len()-1).Description, tt.enc, tt.desc)
			}
		})
	}
}
