package cmd

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTypedInExcel runs check on the bundled example's orders and
// confirmations as a Japanese user types them in Excel (full-width digits,
// ー for the hyphens of order ids, 2026年3月2日, ￥ and separators, 返金 and
// キャンセル) and as an English-speaking one copies them from Amazon's pages
// (March 2, 2026; 2 March 2026; refunded, cancelled): the report is the same
// as with the example's own files.
func TestTypedInExcel(t *testing.T) {
	example := filepath.Join(repoRoot(t), "testdata", "example")
	statements := filepath.Join(example, "statements")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(example, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	writeFiles(t, map[string]string{"disputes.csv": read("disputes.csv"), "confirmations.csv": read("confirmations.csv")})
	want, stderr, code := runCmd(t, "check", "-o", "json", "--as-of", "2026-05-01", statements)
	if code != 1 || stderr != "" {
		t.Fatalf("example: exit %d, stderr %q", code, stderr)
	}
	for _, tt := range []struct{ name, disputes, confirmations string }{
		{"japanese",
			"order_id,order_date,amount,currency,card,reported_on,note\n" +
				"２５０ー４４１８３７２ー２２９０４１５,2026年3月2日,￥３０，０００,ＪＰＹ,,2026年3月3日,Amazonギフトカード (Eメールタイプ) - not ordered by me\n" +
				"503‐7720194‐5581630,２０２６／０３／０３,\"8,480\",JPY,,2026-03-03,wireless earphones shipped to an unknown address\n" +
				"249−1056673−9038214,2026年3月5日,\"¥12,980\",JPY,,2026-03-05,cancelled before shipping\n" +
				"250–6632018–4471509,2026年4月20日,\"¥5,980\",JPY,,2026-04-21,second wave: the intruder logged in again\n",
			"order_id,confirmed_on,kind,amount,note\n" +
				"250ー4418372ー2290415,2026年3月10日,返金,,Amazon: the gift card order was cancelled and will be refunded\n" +
				"503ー7720194ー5581630,2026年3月12日,返金,￥８，４８０,refund issued after the parcel came back\n" +
				"249ー1056673ー9038214,2026年3月6日,キャンセル,,cancelled before shipping\n" +
				"250ー6632018ー4471509,2026年4月25日,返金,,\n"},
		{"english",
			"order_id,order_date,amount,currency,card,reported_on,note\n" +
				"250-4418372-2290415,\"March 2, 2026\",\"30,000\",JPY,,3 March 2026,Amazonギフトカード (Eメールタイプ) - not ordered by me\n" +
				"503-7720194-5581630,3 March 2026,8.480,JPY,,\"Mar 3, 2026\",wireless earphones shipped to an unknown address\n" +
				"249-1056673-9038214,\"March 5, 2026\",12980,JPY,,2026-03-05,cancelled before shipping\n" +
				"250-6632018-4471509,20 April 2026,\"¥5,980\",JPY,,2026-04-21,second wave: the intruder logged in again\n",
			"order_id,confirmed_on,kind,amount,note\n" +
				"250-4418372-2290415,\"March 10, 2026\",refunded,,Amazon: the gift card order was cancelled and will be refunded\n" +
				"503-7720194-5581630,12 March 2026,Refunded,8480,refund issued after the parcel came back\n" +
				"249-1056673-9038214,6 March 2026,cancelled,,cancelled before shipping\n" +
				"250-6632018-4471509,\"April 25, 2026\",REFUND,,\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			writeFiles(t, map[string]string{"disputes.csv": "\ufeff" + tt.disputes, "confirmations.csv": tt.confirmations})
			got, stderr, code := runCmd(t, "check", "-o", "json", "--as-of", "2026-05-01", statements)
			if code != 1 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if got != want {
				t.Errorf("report differs from the example's:\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestTypedDatesRefused checks that a day/month date is refused with the
// ISO forms it could mean, and --date-order named as of no help.
func TestTypedDatesRefused(t *testing.T) {
	writeFiles(t, map[string]string{
		"disputes.csv":      "order_id,order_date,amount\n111-2345678-3456789,02/10/2026,$89.99\n111-2345678-3456780,25/10/2026,$5.00\n",
		"statements/a.csv":  "Date,Description,Debit,Credit\n2026-03-02,AMAZON.COM,5.00,\n",
		"confirmations.csv": "order_id,confirmed_on,kind\n111-2345678-3456789,2026-10-05,returned\n",
	})
	_, stderr, code := runCmd(t, "check", "--as-of", "2026-11-01")
	want := `disputes.csv:2: order_date: "02/10/2026" could be day/month/year or month/day/year: write the year first, as 2026-10-02 or 2026-02-10 (--date-order is for statements only)` + "\n" +
		`disputes.csv:3: order_date: "25/10/2026" is day/month/year: write the year first, as 2026-10-25` + "\n" +
		`confirmations.csv:2: kind "returned" is not refund (返金) or cancel (キャンセル)` + "\n"
	if code != 2 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 2, stderr:\n%s", code, stderr, want)
	}
}
