package cmd

import (
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/mask"
)

// TestVersion runs version and --version with a pseudo-version, as go build
// records it in a git checkout: its timestamp is 14 digits, and is printed
// as it is, not masked as a card number.
func TestVersion(t *testing.T) {
	saved := version
	t.Cleanup(func() { version = saved })
	version = "v0.0.0-20260110123456-0123456789ab"
	const want = "refundwatch v0.0.0-20260110123456-0123456789ab\n"
	for _, args := range [][]string{{"version"}, {"--version"}, {"--lang", "ja", "--version"}} {
		out, stderr, code := runCmd(t, args...)
		if out != want || stderr != "" || code != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 0, %q", args, code, out, stderr, want)
		}
	}
	// A card number beside the version is still masked.
	var b []byte
	w := mask.NewWriter(writerFunc(func(p []byte) (int, error) { b = append(b, p...); return len(p), nil }))
	w.Write([]byte("card 4980037939884123\n" + versionLine()))
	w.Flush()
	if got := string(b); got != "card ************4123\n"+want {
		t.Errorf("masked %q", got)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
