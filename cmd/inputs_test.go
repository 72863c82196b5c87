package cmd

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestReportNamesItsInputs: the JSON report names the disputes,
// confirmations and order-history files read, and where each order's
// confirmation was read (file and line, or a mail's subject); the table says
// the same files in one line.
func TestReportNamesItsInputs(t *testing.T) {
	t.Chdir(repoRoot(t))
	args := []string{"check", "--as-of", "2026-05-01", "testdata/amazon/audit/statements",
		"--disputes", "testdata/amazon/audit/disputes.csv", "--orders", "testdata/amazon/Your Orders",
		"--confirmations", "testdata/amazon/mail/cancel-ja.eml"}
	out, stderr, code := runCmd(t, append(args, "-o", "json")...)
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	type confirmation struct {
		OrderID string  `json:"order_id"`
		Source  string  `json:"confirmation_source"`
		File    *string `json:"confirmation_file"`
		Line    *int    `json:"confirmation_line"`
		Subject *string `json:"confirmation_subject"`
	}
	var rep struct {
		Inputs *struct {
			Disputes      string   `json:"disputes"`
			Confirmations []string `json:"confirmations"`
			Orders        []string `json:"orders"`
		} `json:"inputs"`
		Orders []confirmation `json:"orders"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Inputs == nil || rep.Inputs.Disputes != "testdata/amazon/audit/disputes.csv" ||
		!reflect.DeepEqual(rep.Inputs.Confirmations, []string{"testdata/amazon/mail/cancel-ja.eml"}) ||
		!reflect.DeepEqual(rep.Inputs.Orders, []string{"testdata/amazon/Your Orders"}) {
		t.Errorf("inputs: %+v", rep.Inputs)
	}
	found := false
	for _, o := range rep.Orders {
		if o.OrderID != "250-4418372-2290415" {
			continue
		}
		found = true
		if o.Source != "testdata/amazon/mail/cancel-ja.eml (Amazon.co.jp ご注文のキャンセル)" || o.File == nil || *o.File != "testdata/amazon/mail/cancel-ja.eml" ||
			o.Line != nil || o.Subject == nil || *o.Subject != "Amazon.co.jp ご注文のキャンセル" {
			t.Errorf("confirmation of a mail: %+v", o)
		}
	}
	if !found {
		t.Errorf("order 250-4418372-2290415 missing:\n%s", out)
	}

	out, _, _ = runCmd(t, args...)
	const want = "\nRead: testdata/amazon/audit/disputes.csv (disputed orders), testdata/amazon/mail/cancel-ja.eml (Amazon's confirmations), testdata/amazon/Your Orders (Amazon's order history)\n"
	if !strings.Contains(out, want) {
		t.Errorf("the table does not say %q:\n%s", want, out)
	}
}
