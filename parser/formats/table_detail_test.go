package formats

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/table"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// A detail column completes the description; either part may be empty.
func TestTableDetailColumn(t *testing.T) {
	spec := &table.TableSpec{
		Header: []string{"日付", "摘要", "摘要内容", "金額"},
		Columns: map[table.Column][]string{
			table.ColDate: {"日付"}, table.ColDescription: {"摘要"}, table.ColDetail: {"摘要内容"}, table.ColAmount: {"金額"},
		},
		Signs: table.ChargesPositive,
	}
	in := "日付,摘要,摘要内容,金額\n2026/3/2,デビット,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,100\n2026/3/3,給料,,-200\n2026/3/4,,ＡＴＭ,300\n"
	st, err := spec.ReadTable("test", "t.csv", strings.NewReader(in), textenc.EncUTF8, parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"デビット ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "給料", "ＡＴＭ"}
	if st.Txns.Len() != len(want) {
		t.Fatalf("got %d transactions, want %d", st.Txns.Len(), len(want))
	}
	for i, w := range want {
		if st.Txns.At(i).Description != w {
			t.Errorf("row %d: description %q, want %q", i+1, st.Txns.At(i).Description, w)
		}
	}
	if st.Txns.At(0).Normalized != "デビット AMAZON.CO.JP" {
		t.Errorf("normalized %q", st.Txns.At(0).Normalized)
	}
}
