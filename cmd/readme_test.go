package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeSampleIsRealOutput runs the README's first command and checks
// that the sample output the README shows under it is what the command
// prints: each part of the sample between "..." lines stands in the output
// as it is, in the same order.
func TestReadmeSampleIsRealOutput(t *testing.T) {
	root := repoRoot(t)
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	_, afterSh, ok := strings.Cut(readme, "```sh\n")
	if !ok {
		t.Fatal("README has no sh block")
	}
	command, _, _ := strings.Cut(afterSh, "\n")
	args, ok := strings.CutPrefix(command, "go run . ")
	if !ok {
		t.Fatalf("the README's first command %q does not start with go run .", command)
	}
	_, afterAlert, ok := strings.Cut(readme, "That is the alert (exit status 1):\n\n```\n")
	if !ok {
		t.Fatal("README has no sample output after \"That is the alert\"")
	}
	sample, _, _ := strings.Cut(afterAlert, "```\n")

	t.Chdir(root)
	out, stderr, code := runCmd(t, strings.Fields(args)...)
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q; the README says exit status 1", code, stderr)
	}
	rest := out
	for _, part := range strings.Split(sample, "...\n") {
		i := strings.Index(rest, part)
		if i < 0 {
			t.Fatalf("the README's sample shows\n%s\nwhich the output does not print there:\n%s", part, out)
		}
		rest = rest[i+len(part):]
	}
}
