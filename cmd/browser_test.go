package cmd

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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

// framed puts the report in a frame of the given width (headless chromium
// has no window narrower than 500 px): the report lays out as in a window
// that wide. With probe, a script of the test's (the report itself has
// none) writes into the outer page, once the report is laid out, whether it
// is wider than its frame, and which elements stick out.
func framed(report string, width int, probe bool) string {
	page := fmt.Sprintf(`<!DOCTYPE html><html><body style="margin:0">`+
		`<iframe id="r" style="display:block;border:0;width:%dpx;height:2000px" srcdoc="%s"></iframe>`, width, html.EscapeString(report))
	if probe {
		page += `<script>
document.getElementById("r").addEventListener("load", e => {
  const doc = e.target.contentDocument, root = doc.documentElement, out = [];
  for (const el of doc.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > root.clientWidth + 1) out.push(el.tagName + "." + (typeof el.className === "string" ? el.className : ""));
  }
  const p = document.createElement("pre");
  p.textContent = "scrollWidth=" + root.scrollWidth + " clientWidth=" + root.clientWidth + " sticking-out=" + out.slice(0, 8).join(",");
  document.body.appendChild(p);
});
</script>`
	}
	return page + "</body></html>"
}

// chromiumArgs are the flags that keep headless chromium from the network
// and from the user's profile.
func chromiumArgs(dir string) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--hide-scrollbars",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile")}
}

// TestHTMLInBrowser renders the example's HTML report, in Japanese and in
// English, and opens it in headless chromium at a phone's width (390 px)
// and a desktop's (1200 px): the page is never wider than the window (its
// tables become cards, the timeline a list, on the phone), and the
// screenshots are pictures of a page, with the timeline's axis and watch
// window on the desktop. With -update, the Japanese desktop screenshot is
// kept as testdata/golden/example.ja.png, for the README.
func TestHTMLInBrowser(t *testing.T) {
	chromium := findChromium()
	if chromium == "" {
		t.Skip("chromium is not installed; .ci/run installs it in CI")
	}
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	for _, lang := range []string{"ja", "en"} {
		out, stderr, code := runCmd(t, "check", "--as-of", "2026-05-01", "--lang", lang, "-o", "html")
		if code != 1 || stderr != "" {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		for _, width := range []int{390, 1200} {
			t.Run(fmt.Sprintf("%s-%d", lang, width), func(t *testing.T) {
				dir := t.TempDir()
				page := filepath.Join(dir, "report.html")
				probe := filepath.Join(dir, "probe.html")
				shot := filepath.Join(dir, "report.png")
				if err := os.WriteFile(page, []byte(framed(out, width, false)), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(probe, []byte(framed(out, width, true)), 0o644); err != nil {
					t.Fatal(err)
				}
				size := fmt.Sprintf("--window-size=%d,2000", max(width, 500))
				dom := runChromium(t, chromium, append(chromiumArgs(dir), size, "--dump-dom", "file://"+probe)...)
				m := regexp.MustCompile(`scrollWidth=(\d+) clientWidth=(\d+) sticking-out=([^<]*)`).FindStringSubmatch(dom)
				if m == nil {
					t.Fatalf("the page's probe did not run:\n%.2000s", dom)
				}
				if m[1] != m[2] || m[2] != strconv.Itoa(width) {
					t.Errorf("at %d px the page is %s px wide in a window of %s px; sticking out: %s", width, m[1], m[2], m[3])
				}
				runChromium(t, chromium, append(chromiumArgs(dir), size, "--screenshot="+shot, "file://"+page)...)
				img := readPNG(t, shot)
				if b := img.Bounds(); b.Dx() != max(width, 500) || b.Dy() != 2000 {
					t.Fatalf("screenshot is %dx%d, want %dx2000", b.Dx(), b.Dy(), max(width, 500))
				}
				img = crop(img, width)
				checkInk(t, img)
				if width == 1200 {
					checkTimeline(t, img)
				}
				if *update && lang == "ja" && width == 1200 {
					var data bytes.Buffer
					if err := png.Encode(&data, img); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(repoRoot(t), "testdata", "golden", "example.ja.png"), data.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}

func runChromium(t *testing.T, chromium string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, chromium, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return stdout.String()
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	return img
}

// crop keeps the left width pixels of img: the frame of the report.
func crop(img image.Image, width int) image.Image {
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, width, b.Dy()))
	draw.Draw(out, out.Bounds(), img, b.Min, draw.Src)
	return out
}

// checkInk fails for a page that looks blank.
func checkInk(t *testing.T, img image.Image) {
	t.Helper()
	b := img.Bounds()
	ink := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.R < 240 || c.G < 240 || c.B < 240 {
				ink++
			}
		}
	}
	if total := b.Dx() * b.Dy(); ink < total/50 {
		t.Errorf("only %d of %d pixels are not white: the page looks blank", ink, total)
	}
}

// checkTimeline looks for what a drawn timeline must show: its axis (a dark
// line across most of the content) and the watch window (a light blue bar).
func checkTimeline(t *testing.T, img image.Image) {
	t.Helper()
	b := img.Bounds()
	axisRows, watchRows := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		dark, blue := 0, 0
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
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
