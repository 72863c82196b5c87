package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/render"
)

// TestJSONWriterAgreesOnScenarios holds the report's own JSON writer to
// encoding/json on the reports of the example and every scenario, read
// back into the report's types: a field the writer forgot would come back
// as a difference. (The writer's own tests hold it to reports with every
// kind of value.) It also checks that the key of every text value is
// lower-case letters and underscores, which the writer's masking marks
// rely on.
func TestJSONWriterAgreesOnScenarios(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "scenarios", "*"))
	dirs = append(dirs, filepath.Join(repoRoot(t), "testdata", "example"))
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Chdir(dir)
			args := scenarioArgs(t)
			out, stderr, code := runCmd(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var r render.JSONReport
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			if want := encodingJSON(t, &r); out != want {
				t.Errorf("written as\n%s\nencoding/json writes\n%s", out, want)
			}
			// The writer asks the masking whether it leaves an amount or a
			// path whole of the value alone, not of its line (jsonWriter.keep):
			// the same answer only while the key before a text value holds no
			// digit and no capital letter.
			for _, line := range strings.Split(out, "\n") {
				key, value, ok := strings.Cut(strings.TrimSpace(line), `": "`)
				if ok && strings.HasPrefix(key, `"`) && value != "" && strings.Trim(key[1:], "abcdefghijklmnopqrstuvwxyz_") != "" {
					t.Errorf("key %s holds more than lower-case letters and _", key)
				}
			}
		})
	}
}

// encodingJSON is how the report would read through encoding/json.
func encodingJSON(t *testing.T, r *render.JSONReport) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return escapedAsReports(b.String())
}

// escapedAsReports escapes in JSON text what encoding/json leaves as it is
// and the report's writer escapes: DEL, the C1 and bidirectional controls,
// and the marks of the report's own values. encoding/json writes them only
// inside strings, where the escape means the same character.
func escapedAsReports(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == 0x7f || mask.MustShow(r) || r == mask.KeepOpen || r == mask.KeepClose {
			fmt.Fprintf(&b, `\u%04x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
