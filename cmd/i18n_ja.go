package cmd

import "github.com/refundwatch/refundwatch/matcher"

// jaText is the Japanese catalogue: each English format of parser, matcher
// and cmd with its Japanese text. Arguments come already written the Japanese
// way (dates, money, lists, nested messages) and are all printed with %[n]s,
// so that a sentence can put them in Japanese order. TestEveryMessageHasJapanese
// fails when a format in the code has no entry here.
var jaText = map[string]string{
	// Messages that only pass another one on.
	"%v": "%[1]s",
	"%s": "%[1]s",

	// parser: dates, amounts, order ids.
	"%q is not a date like 2026-03-02 or 2026/03/02":                                                         "「%[1]s」は日付として読めません（2026-03-02 や 2026/03/02 の形で書いてください）",
	"%q is not a day of the calendar":                                                                        "「%[1]s」は暦にない日付です",
	"%q is not a date like 2026-03-02":                                                                       "「%[1]s」は 2026-03-02 の形の日付ではありません",
	"%q is not a date (expected 2026-03-02, 2026/03/02 or 03/02/2026)":                                       "「%[1]s」は日付として読めません（2026-03-02、2026/03/02、03/02/2026 の形を想定しています）",
	"%q contradicts the day order of line %d (%s)":                                                           "「%[1]s」は、%[2]s行目で決まった日付の順序（%[3]s）と合いません",
	"%q could be day/month/year or month/day/year, and no date in the file has a day above 12 to tell which": "「%[1]s」は日/月/年とも月/日/年とも読めます。ファイルに13日以降の日付がないため、どちらか決められません",
	"%q is not a day of the calendar (read as %s)":                                                           "「%[1]s」は暦にない日付です（%[2]sとして読みました）",
	"amount is empty":     "金額が空です",
	"%q is not an amount": "「%[1]s」は金額として読めません",
	"order_id is empty":   "order_id（注文番号）が空です",
	"%q is not an Amazon order id like 250-1234567-1234567 or D01-1234567-1234567": "「%[1]s」はAmazonの注文番号（250-1234567-1234567 や D01-1234567-1234567 の形）ではありません",

	// parser: disputes and confirmations.
	"kind %q is not refund or cancel":                                "kind の「%[1]s」は refund（返金）でも cancel（キャンセル）でもありません",
	"amount: %v":                                                     "金額: %[1]s",
	"order %s is listed twice (first on line %d)":                    "注文 %[1]s が2回書かれています（最初は%[2]s行目）",
	"amount is empty; give the order total as on Amazon":             "amount（金額）が空です。Amazonに表示された注文の合計金額を書いてください",
	"amount %s is not above zero; give the order total as on Amazon": "金額 %[1]s が0より大きくありません。Amazonに表示された注文の合計金額を書いてください",
	"currency %s does not agree with the amount %q":                  "通貨 %[1]s が金額「%[2]s」と合いません",
	"reported_on: %v":                                                "reported_on（報告日）: %[1]s",
	"%s is empty":                                                    "%[1]s が空です",
	"%s: %v":                                                         "%[1]s: %[2]s",
	"file is empty; it needs a header line: %s":                      "ファイルが空です。見出し行が必要です: %[1]s",
	"missing column %s; the header needs %s":                         "列 %[1]s がありません。見出し行には %[2]s が必要です",
	"line starts with # and would be skipped as a comment, but it holds order %s: remove the #": "行頭の # のためメモとして読み飛ばされますが、注文 %[1]s が書かれています。# を消してください",

	// parser: statements.
	"file is empty": "ファイルが空です",
	"not a statement refundwatch can read: no header naming a date, a description and an amount (or debit and credit) in its first %d rows": "refundwatch が読める明細ではありません。最初の%[1]s行に、日付・内容・金額（または出金と入金）の列名を並べた見出し行がありません",
	"%v (check the quoting of this row)":                                                  "%[1]s（この行の引用符 \" を確かめてください）",
	"row has %d fields, but the header on line %d needs %d":                               "この行は%[1]s項目ですが、%[2]s行目の見出しでは%[3]s項目が必要です",
	"row has %d fields, but the header on line %d has %d (an unquoted comma in a field?)": "この行は%[1]s項目ですが、%[2]s行目の見出しは%[3]s項目です（引用符で囲まれていないカンマが項目の中にありませんか）",
	"row has an amount but no date":                                                       "金額はありますが日付がありません",
	"description is not valid %s text; the file changes encoding after its first 64 KiB":  "内容が %[1]s の文字として読めません。ファイルの先頭64KiBより後で文字コードが変わっています",
	"original amount: %v":                      "現地通貨額: %[1]s",
	"row has no amount":                        "金額がありません",
	"the header is followed by no transaction": "見出し行の後に取引が1件もありません",
	// Statement formats (messages of the built-in formats).
	"%q is not a date as this format writes them":                                                                  "「%[1]s」は、この形式の日付の書き方として読めません",
	"charges are written as negative amounts here (%d of %d rows); signs turned so that charges count as positive": "このファイルは請求をマイナスの金額で書いています（%[2]s行中%[1]s行）。請求がプラスになるよう符号を反転しました",
	"no header line found in the first %d rows":                                                                    "最初の%[1]s行に見出し行がありません",
	"no transaction follows the header":                                                                            "見出し行の後に取引がありません",
	"not a statement refundwatch can read: no known format matches, and no header naming a date, a description and an amount (or debit and credit) in its first %d rows": "refundwatch が読める明細ではありません。知っている形式のどれにも当たらず、最初の%[1]s行に、日付・内容・金額（または出金と入金）の列名を並べた見出し行もありません",
	"%d more problems not shown": "ほかに%[1]s件の問題があります（表示は省略）",

	// matcher: reasons.
	"no charge of %s between %s and %s":                     "%[2]sから%[3]sまでに%[1]sの請求はありません",
	"no charge found, but %s":                               "請求は見つかりませんが、%[1]s",
	"add the statements from %s to %s":                      "%[1]sから%[2]sまでの明細を加えてください",
	"charged %s, credited %s":                               "%[1]sが請求され、%[2]sが返金されました",
	"%s more was credited than charged":                     "請求より%[1]s多く返金されています",
	"closed: the statements reach %s, the end of the watch": "確認終了: 明細が見守り期間の終わり（%[1]s）まで届いています",
	"keep checking until %s":                                "%[1]sまで明細の確認を続けてください",
	"charged %s":                                            "%[1]sが請求されました",
	"Amazon has not confirmed a refund or cancellation yet: add it to the confirmations when it does": "Amazonからはまだ返金もキャンセルも連絡がありません。連絡が来たら confirmations.csv に書き加えてください",
	"Amazon confirmed the %s on %s":                                       "Amazonから%[2]sに%[1]sの連絡がありました",
	"expect a credit by %s":                                               "%[1]sまでに返金が入るはずです",
	"the statements reach only %s: add the newer ones":                    "明細は%[1]sまでしかありません。新しい明細を加えてください",
	"charged %s, after Amazon confirmed the %s on %s":                     "Amazonから%[3]sに%[2]sの連絡があった後で、%[1]sが請求されました",
	"no credit since":                                                     "その後、返金はありません",
	"credited %s":                                                         "%[1]sが返金されました",
	"%s still missing":                                                    "%[1]sがまだ戻っていません",
	"call the card issuer and dispute the charge":                         "カード会社に電話して、この請求に異議を申し立ててください",
	"no credit came by %s (%d days later), and the statements reach %s":   "%[1]s（%[2]s日後）までに返金がなく、明細は%[3]sまで届いています",
	"%s still missing on %s (%d days later), and the statements reach %s": "%[2]s（%[3]s日後）の時点で%[1]sがまだ戻っておらず、明細は%[4]sまで届いています",
	"call Amazon, then the card issuer":                                   "まずAmazonに、次にカード会社に連絡してください",
	"%s could belong to this order or to %s (same amount, equally near): compare the rows with Amazon's order details": "%[1]sは、この注文のものとも %[2]s のものとも考えられます（金額が同じで、日付の近さも同じ）。明細をAmazonの注文詳細と見比べてください",
	"too many Amazon charges near %s to tell which add up to %s: compare the rows with Amazon's order details":         "%[1]s前後のAmazonの請求が多すぎて、どれを合わせると%[2]sになるか決められません。明細をAmazonの注文詳細と見比べてください",
	"more than one set of Amazon charges adds up to %s (%s): compare the rows with Amazon's order details":             "合計が%[1]sになるAmazonの請求の組み合わせが複数あります（%[2]s）。明細をAmazonの注文詳細と見比べてください",
	"no statement of %s was given":       "%[1]sの明細が渡されていません",
	"no statement was given":             "明細が渡されていません",
	"the statements cover only %s to %s": "明細は%[1]sから%[2]sまでしかありません",

	// cmd: errors.
	"order %s is not in %s; check the order id":                "注文 %[1]s は %[2]s にありません。注文番号を確かめてください",
	"folder holds no statement file":                           "フォルダに明細ファイルがありません",
	"folder holds no confirmations file":                       "フォルダに確認のファイルがありません",
	"no such file or folder":                                   "ファイルもフォルダもありません",
	"permission denied":                                        "読む権限がありません",
	"--output %q: expected table, json, csv, markdown or html": "--output「%[1]s」: table、json、csv、markdown、html のどれかを指定してください",
	"--fail-on %q: expected alert, review or never":            "--fail-on「%[1]s」: alert、review、never のどれかを指定してください",
	"--grace and --watch take a number of days, 0 or more":     "--grace と --watch には0以上の日数を指定してください",
	"--as-of: %v":                  "--as-of: %[1]s",
	"--lang %q: expected ja or en": "--lang「%[1]s」: ja か en を指定してください",
	"%v (see %s --help)":           "%[1]s（%[2]s --help を見てください）",

	// cmd: reports.
	"refundwatch report, as of %s": "refundwatch レポート（%[1]s時点）",
	"refundwatch check, as of %s (credit expected within %d days of Amazon's confirmation, watched for %d days)": "refundwatch check：%[1]s時点（Amazonの連絡から%[2]s日以内に返金があるはずとし、%[3]s日間見守ります）",
	"note: %s: %s":                         "メモ: %[1]s: %[2]s",
	"note: %s":                             "メモ: %[1]s",
	"%d alert, %d review, %d watch, %d ok": "警告 %[1]s件、要確認 %[2]s件、見守り %[3]s件、問題なし %[4]s件",
	"%s %s":                                "%[1]s %[2]s",
	"%s (closed)":                          "%[1]s（確認終了）",
	"%s  %s (%s)":                          "%[1]s  %[2]s（%[3]s）",
	"Summary: %s":                          "まとめ: %[1]s",
	"Summary":                              "まとめ",
	"Statements":                           "明細",
	"Orders":                               "注文",
	"Amazon charges of no disputed order (%d)":     "報告した注文のどれにも当たらないAmazonの請求（%[1]s件）",
	"Rows that could not be read (--skip-invalid)": "読めなかった行（--skip-invalid）",
	"none":          "なし",
	"charge":        "請求",
	"credit":        "返金",
	"candidate":     "候補",
	"unknown":       "不明",
	"Severity":      "重要度",
	"Verdict":       "判定",
	"Order":         "注文番号",
	"Ordered":       "注文日",
	"Amount":        "金額",
	"Charged":       "請求額",
	"Credited":      "返金額",
	"Outstanding":   "未返金額",
	"Confirmed":     "Amazonの連絡",
	"Watch until":   "見守り期限",
	"Date":          "日付",
	"Statement row": "明細の行",
	"Description":   "内容",
	"From":          "開始",
	"To":            "終了",
	"Rows":          "行数",
	"Transactions":  "取引",
	"Skipped":       "読み飛ばし",
	"Folded":        "重複",
	"Format":        "形式",
	"File":          "ファイル",
	"Made by refundwatch from your statement files; nothing was sent anywhere.": "refundwatch がお手元の明細ファイルから作成しました。どこにも送信していません。",

	// cmd: what to tell the card issuer.
	"What to tell the card issuer": "カード会社に伝えること",
	"%s (ordered on %s, %s)":       "%[1]s（%[2]sの注文、%[3]s）",
	"Amazon's confirmation":        "Amazonの連絡",
	"%s on %s (%s:%d)":             "%[2]sに%[1]sの連絡（%[3]s:%[4]s）",
	"none yet":                     "まだありません",
	"Charge":                       "請求",
	"Credit":                       "返金",
	"Still missing":                "未返金額",
	"Days elapsed":                 "経過日数",
	"%d days since Amazon's confirmation, as of %s": "Amazonの連絡から%[1]s日（%[2]s時点）",
	"Ask for":            "お願いすること",
	"%s, %s, %s (%s:%d)": "%[1]s、%[2]s、%[3]s（%[4]s:%[5]s）",
	"a dispute of the charge: you did not make it, and it was billed after Amazon said the order was handled": "この請求への異議申し立て（チャージバック）。自分の利用ではなく、Amazonが対応済みと連絡した後に請求されたものです",
	"a new card number, if other merchants also charged the card without you":                                 "ほかのお店でも身に覚えのない利用があれば、カードの再発行（番号の変更）",

	// cmd: timeline.
	"ordered %s":           "注文 %[1]s",
	"Amazon: %s %s":        "Amazon: %[2]s %[1]s",
	"charge %s %s":         "請求 %[1]s %[2]s",
	"credit %s %s":         "返金 %[1]s %[2]s",
	"candidate %s %s":      "候補 %[1]s %[2]s",
	"statements end %s":    "明細は%[1]sまで",
	"as of %s":             "%[1]s時点",
	"credit due by %s":     "返金期限 %[1]s",
	"watch until %s":       "見守り %[1]sまで",
	"timeline of order %s": "注文 %[1]s の経過",

	// Japanese era dates.
	"%q is not a Japanese era date like H30.01.15 or 平成30年1月15日": "「%[1]s」は和暦の日付として読めません（H30.01.15 や 平成30年1月15日 の形を想定しています）",
	"%q is before the %s era began on %s":                        "「%[1]s」は%[2]sの始まり（%[3]s）より前の日付です",
	"%q is after the %s era ended on %s":                         "「%[1]s」は%[2]sの終わり（%[3]s）より後の日付です",

	// Amazon's records and confirmations.
	"matched shipment by shipment: %d of %d shipments charged":                                               "発送ごとに照合しました: %[2]s 回の発送のうち %[1]s 回が請求されています",
	"order_date is empty, and the order-history exports do not list order %s":                                "order_date（注文日）が空で、注文履歴のエクスポートにも注文 %[1]s がありません",
	"amount is empty, and the order-history exports do not list order %s; give the order total as on Amazon": "amount（金額）が空で、注文履歴のエクスポートにも注文 %[1]s がありません。Amazonに表示された注文の合計金額を書いてください",
	"folder holds no Amazon order-history file":                                                              "フォルダにAmazonの注文履歴ファイルがありません",
	"%d more belong to your own orders (--orders) and are not listed":                                        "ほかに %[1]s 件はご自身の注文（--orders）の請求なので、ここには載せていません",
	"confirmed: %s %s, from %s":                                                                              "Amazonの連絡: %[1]s %[2]s（%[3]s）",

	// cmd: init.
	"created %s":                 "作成しました: %[1]s",
	"kept %s: it exists already": "そのままにしました（すでにあります）: %[1]s",
	"Next: write your orders in %s, and put your statement exports in %s. Then run refundwatch check in %s.": "次に、%[1]s に注文を書き、%[2]s に明細のCSVを入れてください。それから %[3]s で refundwatch check --lang ja を実行します。",
}

// jaWords are the words that reach messages as arguments (confirmation kinds,
// column roles, day orders), in Japanese.
var jaWords = map[string]string{
	"refund":         "返金",
	"cancel":         "キャンセル",
	"debit":          "出金額",
	"credit":         "入金額",
	"day/month/year": "日/月/年",
	"month/day/year": "月/日/年",
}

var jaVerdicts = map[matcher.Verdict]string{
	matcher.StillCharged:      "請求されたまま",
	matcher.PartiallyRefunded: "一部だけ返金",
	matcher.AwaitingRefund:    "返金待ち",
	matcher.Ambiguous:         "判別できない",
	matcher.NotCovered:        "明細が足りない",
	matcher.NotCharged:        "請求なし",
	matcher.Refunded:          "返金済み",
	matcher.UnknownCharge:     "心当たりのない請求",
}

var jaSeverities = map[matcher.Severity]string{
	matcher.Alert:  "警告",
	matcher.Review: "要確認",
	matcher.Watch:  "見守り",
	matcher.OK:     "問題なし",
}
