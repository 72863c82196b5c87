package formats

import (
	"regexp"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/table"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// Japanese banks. A bank statement is an account's money in and money out:
// money out (支払い, 出金, お引出し, 払出) counts as a charge, positive, and
// money in (預かり, 入金, お預入れ, 受入) as a credit, negative. Unless said
// otherwise they write CP932 and integer yen, with or without thousands
// commas.
var jpBankFormats = []*parser.Format{mufgBank, yuchoBank, rakutenBank, sbiSumishinBank, smbcBank, aeonBank}

// bankTable is the layout most Japanese banks share: a date, a description,
// and separate money-out and money-in columns, named by their header cells
// (folded); the header must also have the extra cells.
func bankTable(date, desc, out, in string, extra ...string) *table.TableSpec {
	return &table.TableSpec{
		Header: append([]string{date, desc, out, in}, extra...),
		Columns: map[table.Column][]string{
			table.ColDate:        {date},
			table.ColDescription: {desc},
			table.ColDebit:       {out},
			table.ColCredit:      {in},
		},
		Encoding: textenc.EncCP932,
		Signs:    table.ChargesPositive,
		Currency: "JPY",
	}
}

// mufgBank is 三菱UFJ銀行's 入出金明細 (also the older 三菱東京UFJ銀行
// export): nine columns, quoted since about 2023 and unquoted before (only
// amounts with a thousands comma quoted), or the first six of them in the
// layout for accounts without Eco通帳. 摘要 is the kind of entry (デビット,
// 振込１, カード) and 摘要内容 the other party; 入払区分 repeats which of the
// two amount columns is used. Dates are 2023/4/22.
var mufgBank = jpBank("mufg-bank", "三菱UFJ銀行",
	`"日付","摘要","摘要内容","支払い金額","預かり金額","差引残高","メモ","未資金化区分","入払区分"`,
	tune(bankTable("日付", "摘要", "支払い金額", "預かり金額", "摘要内容", "差引残高"), func(s *table.TableSpec) {
		s.Columns[table.ColDetail] = []string{"摘要内容"}
	}))

// yuchoAccount is the preamble line of ゆうちょダイレクト that names the
// account: "お客さま口座番号：12345-12345678" (記号-番号).
var yuchoAccount = regexp.MustCompile(`^お客さま口座番号[：:]\s*([0-9０-９*＊-]+)\s*$`)

// yuchoBank is ゆうちょ銀行's ゆうちょダイレクト 入出金明細: a preamble
// (お客さま口座情報, 現在高, 出力日時 with an era date, お客さま口座番号,
// 照会対象, 日付指定, 明細件数), then the header; every line ends in a comma.
// Dates are 20180720. 詳細１ is the kind of entry and 詳細２ the other party.
var yuchoBank = jpBank("yucho-bank", "ゆうちょ銀行 (ゆうちょダイレクト)",
	"取引日,入出金明細ＩＤ,受入金額（円）,払出金額（円）,詳細１,詳細２,現在（貸付）高,",
	tune(bankTable("取引日", "詳細1", "払出金額", "受入金額", "入出金明細id", "詳細2"), func(s *table.TableSpec) {
		s.Columns[table.ColDetail] = []string{"詳細2"}
		s.AccountLine = yuchoAccount
	}))

// rakutenBank is 楽天銀行's 入出金明細: one signed amount column, negative
// for money out, so the signs are turned. Dates are 20230407. The header
// is 取引日,入出金(円),取引後残高(円),入出金内容 (2023) or, in older files,
// 取引日,入出金(円),残高(円),入出金先内容.
var rakutenBank = jpBank("rakuten-bank", "楽天銀行", "取引日,入出金(円),取引後残高(円),入出金内容",
	&table.TableSpec{
		// A header is only readable with one of the description columns,
		// so a file must have 取引日, 入出金 and 入出金内容 or 入出金先内容.
		Header: []string{"取引日", "入出金"},
		Columns: map[table.Column][]string{
			table.ColDate:        {"取引日"},
			table.ColDescription: {"入出金内容", "入出金先内容"},
			table.ColAmount:      {"入出金"},
		},
		Encoding: textenc.EncCP932,
		Signs:    table.ChargesNegative,
		Currency: "JPY",
	})

// sbiSumishinBank is 住信SBIネット銀行's 入出金明細: every field quoted,
// CRLF, dates 2024/01/26, newest rows first, メモ "-" when empty.
var sbiSumishinBank = jpBank("sbi-sumishin-bank", "住信SBIネット銀行",
	`"日付","内容","出金金額(円)","入金金額(円)","残高(円)","メモ"`,
	bankTable("日付", "内容", "出金金額", "入金金額", "残高", "メモ"))

// smbcBank is 三井住友銀行's 入出金明細: dates with an era year (H30.01.15)
// under "年月日（和暦）", or Western dates under "年月日" in newer files;
// both fold to the same header, so each date is read as whichever it is.
var smbcBank = jpBank("smbc-bank", "三井住友銀行",
	`"年月日（和暦）","お引出し","お預入れ","お取り扱い内容","残高"`,
	tune(bankTable("年月日", "お取り扱い内容", "お引出し", "お預入れ", "残高"), func(s *table.TableSpec) {
		s.ParseDate = eraOrWesternDate
	}))

// aeonBank is イオン銀行's 入出金明細. Its header is known from importers,
// not from a file, so the encoding is detected rather than assumed, and
// dates are read in the common year-first forms.
var aeonBank = jpBank("aeon-bank", "イオン銀行",
	`"日付","お取引内容","お引出し","お預入れ","残高（お借入れはマイナス表示）"`,
	tune(bankTable("日付", "お取引内容", "お引出し", "お預入れ", "残高"), func(s *table.TableSpec) {
		s.Encoding = ""
	}))

// jpBank is a Japanese bank's format.
func jpBank(name, issuer, example string, table *table.TableSpec) *parser.Format {
	return &parser.Format{Name: name, Issuer: issuer, Country: "JP", Example: example, Table: table}
}

// tune returns spec once f has set what sets one bank apart.
func tune(spec *table.TableSpec, f func(*table.TableSpec)) *table.TableSpec {
	f(spec)
	return spec
}

// eraOrWesternDate reads H30.01.15 or 平成30年1月15日, and 2026/03/02.
func eraOrWesternDate(text string) (civil.Date, bool) {
	if d, err := civil.ParseEraDate(text); err == nil {
		return d, true
	}
	d, err := civil.ParseDate(text)
	return d, err == nil
}
