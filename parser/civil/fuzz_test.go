package civil

import "testing"

// FuzzParseDate: never a panic, and a date read prints as ISO that reads back the same.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-02", "2026/3/2", "20260302", "2026年3月2日", "2023-05-31T13:00:59Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("%q read as %s, which reads back as %s (%v)", s, d, back, err)
		}
	})
}
