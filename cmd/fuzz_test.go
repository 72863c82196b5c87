package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/mask/masktest"
)

// FuzzReport runs check on a statement whose description and a dispute
// whose note are any text, with a card number in the description, in each
// output format. Every run ends; the table and markdown reports and the
// messages on stderr hold no control character but line breaks; the JSON
// report is valid; no output shows the card number.
func FuzzReport(f *testing.F) {
	for _, s := range hostile {
		f.Add(s, s, uint8(0))
	}
	f.Add("AMAZON.CO.JP", "gift card", uint8(1))
	f.Add("4980\t0379\t3988\t4123", "4980_0379_3988_4123", uint8(3))
	f.Add("=1+1", "＝1+1", uint8(2))
	f.Add("\xff\xfe", "\x00", uint8(4))
	dir := f.TempDir()
	stmt, disputes := filepath.Join(dir, "a.csv"), filepath.Join(dir, "disputes.csv")
	formats := []string{"table", "markdown", "json", "csv", "html"}
	f.Fuzz(func(t *testing.T, desc, note string, format uint8) {
		quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
		card := masktest.Cards[len(desc)%len(masktest.Cards)]
		write := func(path, text string) {
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(stmt, "Date,Description,Debit\n2026-03-01,LAWSON,1\n2026-03-18,"+quote("AMAZON.CO.JP "+desc+" | "+card.Written+" |")+",12800\n2026-04-30,LAWSON,1\n")
		write(disputes, "order_id,order_date,amount,currency,card,reported_on,note\n250-1234567-1234567,2026-03-02,12800,JPY,,,"+quote(note)+"\n")
		o := formats[int(format)%len(formats)]
		out, stderr, code := runCmd(t, "check", "-o", o, "--as-of", "2026-05-01", "--disputes", disputes, stmt)
		if code == 2 && desc == "AMAZON.CO.JP" {
			t.Fatalf("a plain description is refused: %s", stderr)
		}
		if o == "table" || o == "markdown" {
			assertTerminalSafe(t, o, out)
		}
		assertTerminalSafe(t, "stderr", stderr)
		if o == "json" && out != "" && !json.Valid([]byte(out)) {
			t.Fatalf("json is not valid:\n%s", out)
		}
		for _, text := range []string{out, stderr} {
			if strings.Contains(digitsOnly(text), card.Digits) {
				t.Fatalf("%s shows the card number %s:\n%s", o, card.Written, text)
			}
		}
	})
}
