package formats

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"golang.org/x/text/encoding/japanese"
)

// jpBankSamples: real Japanese bank exports in the shared samples folder.
var jpBankSamples = map[string]string{
	"jp_meisaicsv_MitsubishiUfjBank.csv":                  "mufg-bank",
	"jp_zaimcsvconverter_mufg201808.csv":                  "mufg-bank",
	"jp_zaimcsvconverter_mufg202304.csv":                  "mufg-bank",
	"jp_meisaicsv_YuuchoBank.csv":                         "yucho-bank",
	"beancount-multitool_rakuten_bank_test.csv":           "rakuten-bank",
	"jp_meisaicsv_SbiNetBank.csv":                         "sbi-sumishin-bank",
	"jp_zaimcsvconverter_sbi_sumishin_net_bank202201.csv": "sbi-sumishin-bank",
	"beancount-multitool_sumishin_net_bank_test.csv":      "sbi-sumishin-bank",
	"jp_meisaicsv_MitsuiSumitomoBank.csv":                 "smbc-bank",
}

func readSJIS(t *testing.T, name, text string) (*parser.Statement, error) {
	t.Helper()
	in, err := japanese.ShiftJIS.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	return ReadStatement(name, strings.NewReader(in), parser.ReadOptions{})
}

// Bank rows that cannot be read stop with file:line, era dates included.
func TestJPBankInvalidRows(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"smbc.csv", "\"年月日（和暦）\",\"お引出し\",\"お預入れ\",\"お取り扱い内容\",\"残高\"\r\nH31.04.30,100,,\"ＡＴＭ\",900\r\nH31.05.01,100,,\"ＡＴＭ\",800\r\n",
			`smbc.csv:3: "H31.05.01" is not a date as this format writes them`},
		{"sbi.csv", "\"日付\",\"内容\",\"出金金額(円)\",\"入金金額(円)\",\"残高(円)\",\"メモ\"\r\n\"2026/03/02\",\"デビット　ＡＭＡＺＯＮ．ＣＯ．ＪＰ\",\"2,48O\",,\"1,000\",\"-\"\r\n",
			`sbi.csv:2: debit: `},
		{"rakuten.csv", "取引日,入出金(円),取引後残高(円),入出金内容\r\n2026/13/01,-100,900,ATM\r\n",
			`rakuten.csv:2: "2026/13/01" is not a day of the calendar`},
	}
	for _, tt := range tests {
		_, err := readSJIS(t, tt.name, tt.text)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to start with %q", tt.name, err, tt.want)
		}
	}
}

// The bank formats leave alike headers of other banks to other readers.
func TestJPBankDetectionIsSpecific(t *testing.T) {
	tests := []struct{ name, text, notFormat string }{
		// SBI新生銀行: 取引日 and 摘要 where 住信SBIネット銀行 has 日付 and 内容.
		{"shinsei.csv", "\"取引日\",\"摘要\",\"出金金額\",\"入金金額\",\"残高\",\"メモ\"\r\n\"2026/03/02\",\"ＡＴＭ\",\"1,000\",,\"9,000\",\"\"\r\n", "sbi-sumishin-bank"},
		// じぶん銀行: 年月日 and お取引内容, but 入金/出金 rather than お預入れ/お引出し.
		{"jibun.csv", "年月日,入金,出金,お取引内容,残高\r\n2026/03/02,,1000,ＡＴＭ,9000\r\n", "smbc-bank"},
		// A signed 入出金 column without 楽天銀行's description column.
		{"other.csv", "取引日,入出金,残高,摘要\r\n20260302,-1000,9000,ＡＴＭ\r\n", "rakuten-bank"},
	}
	for _, tt := range tests {
		st, err := readSJIS(t, tt.name, tt.text)
		if err != nil {
			// No reader took it: a refusal, not a wrong reading.
			// Or the generic reader took it and could not tell its signs.
			if !strings.Contains(err.Error(), "not a statement refundwatch can read") && !strings.Contains(err.Error(), "cannot tell charges from credits") {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if st.Format == tt.notFormat {
			t.Errorf("%s was read as %s", tt.name, st.Format)
		}
	}
}

// ゆうちょ銀行's account comes from its preamble line, as written there.
func TestYuchoAccountLine(t *testing.T) {
	for line, want := range map[string]string{
		"お客さま口座番号：10180-24681357": "10180-24681357",
		"お客さま口座番号:12345-****5678": "12345-****5678",
		"お客さま口座番号：":               "",
		"口座番号：10180-24681357":     "",
	} {
		got := ""
		if m := yuchoAccount.FindStringSubmatch(line); m != nil {
			got = m[1]
		}
		if got != want {
			t.Errorf("%q: account %q, want %q", line, got, want)
		}
	}
}
