package cmd

import (
	"regexp"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestHelpHasJapanese fails when a command's description or a flag's has no
// Japanese text (the completion scripts' long instructions, cobra's own, are
// left in English).
func TestHelpHasJapanese(t *testing.T) {
	root := newRootCmd(env{getenv: func(string) string { return "" }}, &globals{})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		texts := []string{c.Short}
		if c.Parent() == nil || c.Parent().Name() != "completion" {
			texts = append(texts, c.Long)
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) { texts = append(texts, f.Usage) })
		for _, s := range texts {
			if s != "" && jaHelpText(s) == s {
				t.Errorf("%s: %q has no Japanese text in the catalogue (cmd/internal/i18n/ja.go)", c.CommandPath(), s)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// TestHelpInJapanese: --help speaks the language of --lang and of the locale.
func TestHelpInJapanese(t *testing.T) {
	ja := env{getenv: func(k string) string {
		if k == "LANG" {
			return "ja_JP.UTF-8"
		}
		return ""
	}}
	for _, tc := range []struct {
		e    env
		args []string
		want []string
	}{
		{env{}, []string{"check", "--help", "--lang", "ja"}, []string{"使い方:\n  refundwatch check [flags] [PATH ...]\n", "報告した注文のファイル FILE", "終了ステータス\n", "-h, --help                     check のヘルプを表示します\n", "共通のフラグ:\n"}},
		{ja, []string{"--help"}, []string{"コマンド:\n", "  detect      各明細ファイルをどの形式として読むか", "refundwatch のバージョンを表示します"}},
		{ja, []string{"help", "init"}, []string{"init は毎月の確認用に DIR"}},
		{env{}, []string{"check", "--help"}, []string{"Usage:\n  refundwatch check [flags] [PATH ...]\n", "disputed orders FILE", "EXIT STATUS\n"}},
	} {
		out, stderr, code := runCmdEnv(t, tc.e, tc.args...)
		if code != 0 || stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: help lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
}

// TestJapaneseHelpNamesEveryVerdict checks that check --help in Japanese
// lists every verdict the report can give, as the English one does.
func TestJapaneseHelpNamesEveryVerdict(t *testing.T) {
	ja, _, code := runCmd(t, "check", "--help", "--lang", "ja")
	en, _, _ := runCmd(t, "check", "--help", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for v := range i18n.JapaneseVerdicts() {
		line := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(string(v)) + ` +\S`)
		if !line.MatchString(ja) {
			t.Errorf("the Japanese check --help does not list %s:\n%s", v, ja)
		}
		if !line.MatchString(en) {
			t.Errorf("the English check --help does not list %s", v)
		}
	}
	if !strings.Contains(regexp.MustCompile(`\n +`).ReplaceAllString(ja, ""), "どの注文としても返金が足りないときは警告") {
		t.Errorf("the Japanese check --help does not say when ambiguous is an alert")
	}
}

// A command given too many or too few arguments says so in the reader's
// language, --lang included, though the command stopped before it ran.
func TestArgumentErrorsInJapanese(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"detect", "--lang", "ja"}, "引数が少なくとも1個必要ですが、0個しかありません\n"},
		{[]string{"formats", "--lang", "ja", "x"}, "refundwatch formats に「x」というコマンドはありません\n"},
		{[]string{"version", "--lang", "ja", "x"}, "refundwatch version に「x」というコマンドはありません\n"},
		{[]string{"init", "--lang", "ja", "a", "b"}, "引数は1個までですが、2個あります\n"},
		{[]string{"detect"}, "requires at least 1 arg(s), only received 0\n"},
		{[]string{"formats", "x"}, "unknown command \"x\" for \"refundwatch formats\"\n"},
		{[]string{"init", "a", "b"}, "accepts at most 1 arg(s), received 2\n"},
	}
	for _, tt := range tests {
		out, stderr, code := runCmd(t, tt.args...)
		if code != 2 || out != "" || stderr != tt.want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q, want %q", tt.args, code, out, stderr, tt.want)
		}
	}
}

// A --lang that is neither ja nor en is reported when only the help is
// printed, which runs no command: after the help, in the locale's
// language, with exit status 2.
func TestHelpReportsABadLang(t *testing.T) {
	jaLocale := env{getenv: func(k string) string {
		if k == "LANG" {
			return "ja_JP.UTF-8"
		}
		return ""
	}}
	tests := []struct {
		e        env
		args     []string
		help     string // in the help printed
		complain string
	}{
		{env{}, []string{"--lang=jp"}, "Usage:", "--lang \"jp\": expected ja or en\n"},
		{env{}, []string{"check", "--lang", "jp", "--help"}, "Usage:", "--lang \"jp\": expected ja or en\n"},
		{jaLocale, []string{"check", "--help", "--lang=english"}, "使い方:", "--lang「english」: ja か en を指定してください\n"},
	}
	for _, tt := range tests {
		out, stderr, code := runCmdEnv(t, tt.e, tt.args...)
		if code != 2 || !strings.Contains(out, tt.help) || !strings.Contains(stderr, tt.complain) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q, help holds %q: %t; want exit 2 and %q", tt.args, code, stderr, tt.help, strings.Contains(out, tt.help), tt.complain)
		}
	}
	for _, args := range [][]string{{"--help"}, {"check", "--help", "--lang", "ja"}} {
		if _, stderr, code := runCmd(t, args...); code != 0 || stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}
