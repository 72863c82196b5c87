package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser/formats"
)

// readmeBlock is a fenced code block of the README with the comment line
// before it, which says where it runs (<!-- run: example, columns=80 -->),
// why it does not (<!-- not run: … -->), or which file of the example it
// shows (<!-- file: disputes.csv -->).
type readmeBlock struct {
	lang, marker, text string
	line               int
}

var (
	fenceRe  = regexp.MustCompile("(?m)^```([a-z]*)\n")
	markerRe = regexp.MustCompile(`^<!-- (run|not run|file): ?(.*?) -->$`)
)

func readmeBlocks(t *testing.T) []readmeBlock {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	var blocks []readmeBlock
	for rest, offset := readme, 0; ; {
		loc := fenceRe.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		lang := rest[loc[2]:loc[3]]
		body := rest[loc[1]:]
		end := strings.Index(body, "```\n")
		if end < 0 {
			t.Fatalf("README: a code block is not closed")
		}
		before := strings.TrimRight(rest[:loc[0]], "\n")
		marker := before[strings.LastIndexByte(before, '\n')+1:]
		if !markerRe.MatchString(marker) {
			marker = ""
		}
		blocks = append(blocks, readmeBlock{lang: lang, marker: marker, text: body[:end],
			line: strings.Count(readme[:offset+loc[0]], "\n") + 1})
		offset += loc[1] + end + 4
		rest = body[end+4:]
	}
	return blocks
}

// TestReadmeCodeBlocks runs the README's shell blocks and its console
// transcripts where their comment says, on today's clock (so an example
// that depends on the day says --as-of), and checks that each transcript's
// output is what the command prints: each part between "..." lines stands
// in the output as it is, in order. Every shell block says where it runs
// or why it does not; each file shown is the example's own.
func TestReadmeCodeBlocks(t *testing.T) {
	root := repoRoot(t)
	blocks := readmeBlocks(t)
	if len(blocks) == 0 || blocks[0].lang != "sh" || blocks[0].text != "(cd testdata/example && go run ../.. check --as-of 2026-05-01)\ngo test ./...\n" {
		t.Errorf("the README must start with the two commands that run the example and the tests; its first block is %+v", blocks[0])
	}
	ran := 0
	for _, b := range blocks {
		m := markerRe.FindStringSubmatch(b.marker)
		if b.lang != "sh" && b.lang != "console" && (m == nil || m[1] != "file") {
			continue
		}
		name := fmt.Sprintf("line %d", b.line)
		if m == nil {
			t.Errorf("README %s: a %s block without a <!-- run: … --> or <!-- not run: … --> line before it", name, b.lang)
			continue
		}
		switch m[1] {
		case "not run":
			continue
		case "file":
			want, err := os.ReadFile(filepath.Join(root, "testdata", "example", m[2]))
			if err != nil || string(want) != b.text {
				t.Errorf("README %s: the block is not testdata/example/%s as it is (%v):\n%s", name, m[2], err, want)
			}
			continue
		}
		t.Run(name, func(t *testing.T) {
			e := readmeEnv(t, root, m[2])
			if b.lang == "sh" {
				runReadmeShell(t, e, b.text)
			} else {
				runReadmeConsole(t, e, b.text)
			}
		})
		ran++
	}
	if ran < 5 {
		t.Errorf("only %d blocks ran", ran)
	}
}

// readmeEnv makes the place a block runs in: "repo", "example" (a copy of
// testdata/example) or "empty", and the terminal's columns if given.
func readmeEnv(t *testing.T, root, spec string) env {
	t.Helper()
	where, opts, _ := strings.Cut(spec, ", ")
	var e env
	if cols, ok := strings.CutPrefix(opts, "columns="); ok {
		e.width, _ = strconv.Atoi(cols)
	}
	switch where {
	case "repo":
		t.Chdir(root)
	case "example":
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(filepath.Join(root, "testdata", "example"))); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
	case "empty":
		t.Chdir(t.TempDir())
	default:
		t.Fatalf("unknown place %q", spec)
	}
	return e
}

// runReadme runs one refundwatch command line of the README on today's
// clock and wants exit 0 or 1 (findings) and nothing on stderr.
func runReadme(t *testing.T, e env, line string) string {
	t.Helper()
	args := shellWords(t, line)
	var out, errb strings.Builder
	e.stdout, e.stderr, e.now = &out, &errb, time.Now
	e.getenv = func(string) string { return "" }
	if code := run(args, e); code > 1 || errb.Len() > 0 {
		t.Errorf("%s: exit %d, stderr %q", line, code, errb.String())
	}
	return out.String()
}

// runReadmeShell runs a shell block's lines: refundwatch, go run of it,
// cd, and `source <(refundwatch completion bash)`; `go test ./...` is what
// runs this test and is not run again.
func runReadmeShell(t *testing.T, e env, text string) {
	subshell := regexp.MustCompile(`^\(cd (\S+) && go run \S+ (.*)\)$`)
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		switch {
		case line == "go test ./...":
		case subshell.MatchString(line):
			m := subshell.FindStringSubmatch(line)
			wd, _ := os.Getwd()
			t.Chdir(m[1])
			runReadme(t, e, m[2])
			t.Chdir(wd)
		case strings.HasPrefix(line, "go run . "):
			runReadme(t, e, strings.TrimPrefix(line, "go run . "))
		case strings.HasPrefix(line, "cd "):
			t.Chdir(strings.TrimPrefix(line, "cd "))
		case line == "source <(refundwatch completion bash)":
			if out := runReadme(t, e, "completion bash"); !strings.Contains(out, "bash completion") {
				t.Errorf("completion bash printed no completion script:\n%.300s", out)
			}
		case strings.HasPrefix(line, "refundwatch "):
			runReadme(t, e, strings.TrimPrefix(line, "refundwatch "))
		default:
			t.Errorf("README shell line %q: the test does not know how to run it", line)
		}
	}
}

// runReadmeConsole runs each "$ refundwatch …" line of a transcript and
// compares what it prints with the lines under it.
func runReadmeConsole(t *testing.T, e env, text string) {
	parts := strings.Split("\n"+text, "\n$ ")[1:]
	if len(parts) == 0 {
		t.Fatalf("a console block without a $ line")
	}
	for _, part := range parts {
		command, want, _ := strings.Cut(part, "\n")
		args, ok := strings.CutPrefix(command, "refundwatch ")
		if !ok {
			t.Fatalf("%q: not a refundwatch command", command)
		}
		out := runReadme(t, e, args)
		if !strings.Contains(want, "...\n") {
			if out != want {
				t.Errorf("$ %s printed\n%s\nwhere the README shows\n%s", command, out, want)
			}
			continue
		}
		rest := out
		for _, piece := range strings.Split(want, "...\n") {
			i := strings.Index(rest, piece)
			if i < 0 {
				t.Errorf("$ %s: the README shows\n%s\nwhich the output does not print there:\n%s", command, piece, out)
				break
			}
			rest = rest[i+len(piece):]
		}
	}
}

// shellWords splits a command line as a shell would, for the simple lines
// of the README: words between spaces, "quoted words" kept whole.
func shellWords(t *testing.T, line string) []string {
	var words []string
	for line = strings.TrimSpace(line); line != ""; line = strings.TrimSpace(line) {
		if line[0] == '"' {
			end := strings.IndexByte(line[1:], '"')
			if end < 0 {
				t.Fatalf("unclosed quote in %q", line)
			}
			words = append(words, line[1:end+1])
			line = line[end+2:]
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		words = append(words, word)
		line = rest
	}
	return words
}

// readmeTable returns the rows of the README's table whose header line is
// header, as cells without their backquotes.
func readmeTable(t *testing.T, header string) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(b), "\n"+header+"\n")
	if !ok {
		t.Fatalf("README has no table %q", header)
	}
	var rows [][]string
	for _, line := range strings.Split(after, "\n")[1:] {
		if !strings.HasPrefix(line, "|") {
			break
		}
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		for i := range cells {
			cells[i] = strings.Trim(strings.TrimSpace(cells[i]), "`")
		}
		rows = append(rows, cells)
	}
	return rows
}

// TestReadmeFormatsTable checks the README's table of where to download
// statements against the formats refundwatch formats lists: each name is a
// built-in format, and its issuer is written as the format names it.
func TestReadmeFormatsTable(t *testing.T) {
	reg := formats.NewRegistry()
	rows := readmeTable(t, "| format | issuer | where |")
	if len(rows) < 20 {
		t.Fatalf("only %d rows", len(rows))
	}
	for _, r := range rows {
		f, ok := reg.Lookup(r[0])
		if !ok {
			t.Errorf("README lists format %q, which refundwatch formats does not", r[0])
			continue
		}
		if r[1] != f.Issuer {
			t.Errorf("README: format %s is issued by %q; refundwatch formats says %q", r[0], r[1], f.Issuer)
		}
	}
}

// TestReadmeVerdictsTable checks the README's verdict table against the
// names the Japanese report prints.
func TestReadmeVerdictsTable(t *testing.T) {
	rows := readmeTable(t, "| verdict | 判定 | severity | 重要度 | when |")
	if len(rows) != len(i18n.JapaneseVerdicts()) {
		t.Errorf("README lists %d verdicts, the report knows %d", len(rows), len(i18n.JapaneseVerdicts()))
	}
	for _, r := range rows {
		v := matcher.Verdict(r[0])
		if i18n.JapaneseVerdicts()[v] != r[1] {
			t.Errorf("README: %s is %q in Japanese; the report says %q", r[0], r[1], i18n.JapaneseVerdicts()[v])
		}
		if s, ok := matcher.ParseSeverity(r[2]); !ok || i18n.JapaneseSeverities()[s] != r[3] {
			t.Errorf("README: severity %s is %q in Japanese; the report says %q", r[2], r[3], i18n.JapaneseSeverities()[s])
		}
	}
}
