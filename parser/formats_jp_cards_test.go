package parser

import (
	"os"
	"path/filepath"
	"testing"
)

// jpCardSamples: real Japanese card exports in the shared samples folder.
var jpCardSamples = map[string]string{
	"beancount-multitool_rakuten_card_test.csv":                  "rakuten-card",
	"jp_meisaicsv_MitsuiSumitomoCard.csv":                        "smbc-vpass",
	"jp_zaimcsvconverter_gold_point_card_plus_201912_202007.csv": "smbc-vpass",
	"jp_zaimcsvconverter_gold_point_card_plus201807.csv":         "smbc-vpass-detail",
}

func readFixture(t *testing.T, name string) *Statement {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "formats", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := ReadStatement(name, f, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// A Vpass file with two cards keeps each row on the card of its block
// line, and so names no single account for the file.
func TestVpassKeepsCardsApart(t *testing.T) {
	st := readFixture(t, "smbc-vpass-two-cards.csv")
	if st.Account != "" {
		t.Errorf("file account %q, want none: the file holds two cards", st.Account)
	}
	const a, b = "4980-12**-****-3456", "5334-98**-****-7712"
	want := []struct {
		line    int
		amount  string
		account string
	}{{2, "12800", a}, {3, "540", a}, {5, "540", b}, {6, "-12800", b}}
	if len(st.Txns) != len(want) {
		t.Fatalf("%d transactions, want %d", len(st.Txns), len(want))
	}
	for i, w := range want {
		x := st.Txns[i]
		if x.Line != w.line || x.Amount.String() != w.amount || x.Account != w.account {
			t.Errorf("transaction %d: line %d %s on %q, want line %d %s on %q", i, x.Line, x.Amount, x.Account, w.line, w.amount, w.account)
		}
	}
}

// 楽天カード's later headers add 手数料/利息, 当月請求額, 支払月 and
// "N月以降請求額": the amount is still 利用金額 (not 支払総額 with the fee,
// nor what is billed this month), and a row after ■ご利用キャンセルなど is a
// credit whichever sign it is written with.
func TestRakutenCardLaterHeaders(t *testing.T) {
	tests := []struct {
		file   string
		want   map[int]string // line → amount
		header string
	}{
		{"rakuten-card-2023.csv", map[int]string{2: "12800", 3: "1200", 4: "30000", 6: "-12800"}, "当月請求額"},
		{"rakuten-card-2024.csv", map[int]string{2: "4980", 3: "3150", 5: "3278", 7: "-4980"}, "支払月"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			st := readFixture(t, tt.file)
			if st.Format != "rakuten-card" {
				t.Fatalf("read as %s", st.Format)
			}
			if len(st.Txns) != len(tt.want) {
				t.Fatalf("%d transactions, want %d", len(st.Txns), len(tt.want))
			}
			for _, x := range st.Txns {
				if got, ok := tt.want[x.Line]; !ok || x.Amount.String() != got {
					t.Errorf("line %d: amount %s, want %s", x.Line, x.Amount, got)
				}
			}
		})
	}
}
