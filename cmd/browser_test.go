package cmd

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// findChromium returns the path of a headless-capable chromium, or "" when
// none is installed (.ci/run installs Debian's where it can).
func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestHTMLInBrowser renders the example's Japanese HTML report, screenshots
// it with headless chromium, and checks the picture: a 1280×2000 PNG that is
// not blank, with a timeline axis and a watch window drawn across it.
// With -update, the screenshot is kept as testdata/golden/example.ja.png
// for the README.
func TestHTMLInBrowser(t *testing.T) {
	chromium := findChromium()
	if chromium == "" {
		t.Skip("chromium is not installed; .ci/run installs it in CI")
	}
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	out, stderr, code := runCmd(t, "check", "--as-of", "2026-05-01", "--lang", "ja", "-o", "html")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	shot := filepath.Join(dir, "report.png")
	if err := os.WriteFile(page, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+shot, "--window-size=1280,2000", "file://"+page)
	if log, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, log)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
		t.Fatalf("screenshot is %dx%d, want 1280x2000", b.Dx(), b.Dy())
	}
	checkScreenshot(t, img)
	if *update {
		data, _ := os.ReadFile(shot)
		if err := os.WriteFile(filepath.Join(repoRoot(t), "testdata", "golden", "example.ja.png"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkScreenshot looks for what a drawn page must show: enough ink, the
// timeline's axis (a dark line across most of the content) and the watch
// window (a light blue bar).
func checkScreenshot(t *testing.T, img image.Image) {
	t.Helper()
	b := img.Bounds()
	ink, axisRows, watchRows := 0, 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		dark, blue := 0, 0
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.R < 240 || c.G < 240 || c.B < 240 {
				ink++
			}
			if near(c, color.NRGBA{0x44, 0x44, 0x44, 0xff}, 40) {
				dark++
			}
			if near(c, color.NRGBA{0xbb, 0xde, 0xfb, 0xff}, 12) {
				blue++
			}
		}
		if dark > 800 {
			axisRows++
		}
		if blue > 400 {
			watchRows++
		}
	}
	if total := b.Dx() * b.Dy(); ink < total/50 {
		t.Errorf("only %d of %d pixels are not white: the page looks blank", ink, total)
	}
	if axisRows == 0 {
		t.Error("no timeline axis found in the screenshot")
	}
	if watchRows == 0 {
		t.Error("no watch window found in the screenshot")
	}
}

func near(c, want color.NRGBA, tolerance int) bool {
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	return d(c.R, want.R) <= tolerance && d(c.G, want.G) <= tolerance && d(c.B, want.B) <= tolerance
}
