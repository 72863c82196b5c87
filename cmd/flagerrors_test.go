package cmd

import (
	"path/filepath"
	"testing"
)

// TestFlagErrorsInReadersLanguage checks that a wrong flag or command is
// said in the reader's language, in words of the tool's own: pflag's and
// cobra's are English, and a number's is Go's parser's.
func TestFlagErrorsInReadersLanguage(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	tests := []struct {
		args   []string
		en, ja string
	}{
		{[]string{"check", "--grace", "x"},
			"--grace x: expected a whole number (see refundwatch check --help)\n",
			"--grace x: 整数を指定してください（refundwatch check --help を見てください）\n"},
		{[]string{"check", "--bogus"},
			"unknown flag --bogus (see refundwatch check --help)\n",
			"--bogus というオプションはありません（refundwatch check --help を見てください）\n"},
		{[]string{"check", "-z"},
			"unknown flag -z (see refundwatch check --help)\n",
			"-z というオプションはありません（refundwatch check --help を見てください）\n"},
		{[]string{"check", "-hz"},
			"unknown flag -z (see refundwatch check --help)\n",
			"-z というオプションはありません（refundwatch check --help を見てください）\n"},
		{[]string{"check", "--as-of"},
			"--as-of needs a value (see refundwatch check --help)\n",
			"--as-of には値を指定してください（refundwatch check --help を見てください）\n"},
		{[]string{"check", "--skip-invalid=maybe"},
			"--skip-invalid=maybe: expected true or false (see refundwatch check --help)\n",
			"--skip-invalid=maybe: true か false を指定してください（refundwatch check --help を見てください）\n"},
		{[]string{"check", "---x"},
			"---x is no flag: a flag is --name or -x (see refundwatch check --help)\n",
			"---x はオプションの形ではありません（--名前 または -x の形で指定してください）（refundwatch check --help を見てください）\n"},
		{[]string{"chekc"},
			"unknown command \"chekc\" for \"refundwatch\": did you mean check?\n",
			"refundwatch に「chekc」というコマンドはありません。check のことですか\n"},
		{[]string{"help", "chek"},
			"unknown help topic \"chek\" (see refundwatch --help)\n",
			"「chek」というヘルプの項目はありません（refundwatch --help を見てください）\n"},
		{[]string{"--bogus", "check"},
			"unknown flag --bogus (see refundwatch --help)\n",
			"--bogus というオプションはありません（refundwatch --help を見てください）\n"},
		{[]string{"xyz"},
			"unknown command \"xyz\" for \"refundwatch\"\n",
			"refundwatch に「xyz」というコマンドはありません\n"},
	}
	for _, tt := range tests {
		_, stderr, code := runCmd(t, tt.args...)
		if code != 2 || stderr != tt.en {
			t.Errorf("%v: exit %d, stderr %q; want 2, %q", tt.args, code, stderr, tt.en)
		}
		_, stderr, code = runCmd(t, append([]string{"--lang", "ja"}, tt.args...)...)
		if code != 2 || stderr != tt.ja {
			t.Errorf("%v --lang ja: exit %d, stderr %q; want 2, %q", tt.args, code, stderr, tt.ja)
		}
	}
}

// TestLangAfterAWrongFlag checks that --lang chooses the language of the
// message even where a wrong flag before it stopped the reading of flags.
func TestLangAfterAWrongFlag(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	want := "--grace x: 整数を指定してください（refundwatch check --help を見てください）\n"
	for _, args := range [][]string{{"check", "--grace", "x", "--lang", "ja"}, {"check", "--grace", "x", "--lang=ja"}} {
		if _, stderr, code := runCmd(t, args...); code != 2 || stderr != want {
			t.Errorf("%v: exit %d, stderr %q; want 2, %q", args, code, stderr, want)
		}
	}
	// At the root an unknown flag is taken for one with a value, which
	// makes the value of --lang the command's name.
	want = "--bogus というオプションはありません（refundwatch --help を見てください）\n"
	if _, stderr, code := runCmd(t, "--bogus", "--lang", "ja", "check"); code != 2 || stderr != want {
		t.Errorf("--bogus --lang ja check: exit %d, stderr %q; want 2, %q", code, stderr, want)
	}
}
