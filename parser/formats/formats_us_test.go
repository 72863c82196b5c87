package formats

import (
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

// usSamples: real United States exports in the shared samples folder.
var usSamples = map[string]string{
	"beancount-multitool_chase_sp_card_test.csv": "chase-card",
	"us_csv2ofx_capitalone.csv":                  "capital-one",
}

// TestUSDetection checks the edges of the US formats' detection: what they
// must claim, and the look-alikes they must leave to others.
func TestUSDetection(t *testing.T) {
	tests := []struct{ name, in, format string }{
		{"amex short export has nothing of its own", "Date,Description,Amount\n08/29/2026,AMAZON.COM AMZN.COM/BILL WA,31.56\n" + strings.Repeat("08/30/2026,UBER,11.18\n", 4), parser.FormatGeneric},
		{"amex long export without extended columns", "Date,Description,Card Member,Account #,Amount\n08/29/2026,AMAZON.COM AMZN.COM/BILL WA,JANE SAMPLE,-11008,31.56\n", "amex"},
		{"uk amex by its Town/City and Postcode", "Date,Description,Card Member,Account #,Amount,Extended Details,Appears On Your Statement As,Address,Town/City,Postcode,Country,Reference,Category\n15/01/2026,AMAZON.CO.UK,MS A SAMPLE,-31002,24.99,,,,LONDON,EC2A 2FA,UNITED KINGDOM,AT1,\n", "amex-uk"},
		{"chase card with columns in another order", "Transaction Date,Post Date,Description,Category,Amount,Type,Memo\n06/03/2026,06/04/2026,AMAZON.COM*AB12CD,Shopping,-42.10,Sale,\n", "chase-card"},
		{"wells fargo rows after a blank line", "\n\"05/03/2026\",\"-42.17\",\"*\",\"\",\"AMAZON.COM AMZN.COM/BILL WA\"\n", "wells-fargo"},
		{"five fields without the star are not wells fargo", "Date,Amount,Flag,Check,Description\n" + strings.Repeat("05/13/2026,-42.17,X,,AMAZON.COM\n", 5), parser.FormatGeneric},
		{"balance column alone is not bank of america", "Date,Description,Amount,Balance\n05/13/2026,AMAZON.COM,-42.17,100.00\n" + strings.Repeat("05/14/2026,SAFEWAY,-2.00,98.00\n", 4), parser.FormatGeneric},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := readString(t, "s.csv", tt.in, parser.ReadOptions{})
			if st.Format != tt.format {
				t.Errorf("read as %s, want %s", st.Format, tt.format)
			}
		})
	}
}

func TestIsWellsFargoRow(t *testing.T) {
	tests := []struct {
		rec  []string
		want bool
	}{
		{[]string{"12/04/2009", "-12.07", "*", "", "CHECK CRD PURCHASE 12/02 AMAZON.COM"}, true},
		{[]string{"5/3/2026", "2150.00", " * ", "1043", "CHECK # 1043"}, true},
		{[]string{"2026-05-03", "-12.07", "*", "", "ISO date"}, false},
		{[]string{"03.05.2026", "-12.07", "*", "", "dotted date"}, false},
		{[]string{"12/04/2009", "twelve", "*", "", "no amount"}, false},
		{[]string{"12/04/2009", "-12.07", "", "", "no star"}, false},
		{[]string{"12/04/2009", "-12.07", "*", "CHECK CRD PURCHASE"}, false},
		{[]string{"12/04/2009", "-12.07", "*", "", "CHECK CRD PURCHASE", ""}, false},
	}
	for _, tt := range tests {
		if got := isWellsFargoRow(tt.rec); got != tt.want {
			t.Errorf("isWellsFargoRow(%q) = %v, want %v", tt.rec, got, tt.want)
		}
	}
}

// TestUSErrors checks that rows the US formats cannot read are errors at
// their line, not dropped or guessed.
func TestUSErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"chase card bad amount", "Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n04/26/2026,04/26/2026,A,,Sale,-1.00,\n04/27/2026,04/27/2026,AMZN Mktp US*1A2B3C4D5,Shopping,Sale,-4O.00,\n",
			`s.csv:3: amount: "-4O.00" is not an amount`},
		{"us amex file with a day-first date", "Date,Description,Card Member,Account #,Amount\n15/01/2026,AMAZON.CO.UK,MS A SAMPLE,-31002,24.99\n",
			`s.csv:2: "15/01/2026" is not a day of the calendar`},
		{"bofa checking row without amount other than the opening balance", "Date,Description,Amount,Running Bal.\n08/08/2026,Beginning balance as of 08/08/2026,,\"12,834.79\"\n08/10/2026,\"AMAZON.COM\",,\"12,834.79\"\n",
			`s.csv:3: row has no amount`},
		{"capital one row with neither debit nor credit", "Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit\n2026-03-01,2026-03-02,0420,AMAZON.COM,Merchandise,,\n",
			`s.csv:2: row has no amount`},
		{"wells fargo bad date", "\"05/03/2026\",\"-42.17\",\"*\",\"\",\"AMAZON.COM\"\n\"05/32/2026\",\"-1.00\",\"*\",\"\",\"SAFEWAY\"\n",
			`s.csv:2: "05/32/2026" is not a day of the calendar`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadStatement("s.csv", strings.NewReader(tt.in), parser.ReadOptions{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v\nwant    %s", err, tt.want)
			}
		})
	}
}

// TestCitiStatuses: rows that are not cleared are skipped under their status.
func TestCitiStatuses(t *testing.T) {
	in := "Status,Date,Description,Debit,Credit\n" +
		"Cleared,03/21/2026,\"AMAZON.COM*RT5KL8PQ1 AMZN.COM/BILL WA\",24.99,\n" +
		"Pending,03/22/2026,\"AMZN Mktp US*1A2B3C4D5\",31.08,\n" +
		"Declined,03/22/2026,\"AMZN Mktp US*1A2B3C4D5\",31.08,\n"
	st := readString(t, "s.csv", in, parser.ReadOptions{})
	if st.Format != "citi" || st.Txns.Len() != 1 || st.Skipped["pending"] != 1 || st.Skipped["declined"] != 1 {
		t.Errorf("format %s, %d transactions, skipped %v", st.Format, st.Txns.Len(), st.Skipped)
	}
}
