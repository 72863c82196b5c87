package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

// errFindings is returned by check when a finding at or above --fail-on exists: exit 1.
var errFindings = errors.New("findings at or above the --fail-on level")

// env is what commands need from the outside world, so that tests can give
// their own.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
	getenv         func(string) string
	// stdoutTerminal tells whether stdout is a terminal (colour is for terminals only).
	stdoutTerminal bool
	// width is the terminal's width in columns, which the table fits; 0
	// when stdout is not a terminal: lines are then as long as they need.
	width int
}

// terminalWidth is the width of the terminal f is, or 0 when it is none.
func terminalWidth(f *os.File) int {
	if !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
		return w
	}
	return 80
}

// Main runs refundwatch with the process's arguments and returns its exit status.
func Main() int {
	tuneCollector(os.Getenv, processMemory)
	return run(os.Args[1:], env{
		stdout: os.Stdout, stderr: os.Stderr, now: time.Now, getenv: os.Getenv,
		stdoutTerminal: term.IsTerminal(int(os.Stdout.Fd())), width: terminalWidth(os.Stdout),
	})
}

// globals are the flags every command shares.
type globals struct {
	lang string
	// loc prints in the language chosen by --lang or the locale; set before
	// a command runs.
	loc *i18n.Localizer
	// helpLang is what was wrong with --lang when only the help was
	// printed, which runs no command: run reports it after the help.
	helpLang error
}

// resolveLang checks --lang and sets the localizer; without --lang the
// locale variables choose.
func (g *globals) resolveLang(e env) error {
	lang := g.lang
	if lang == "" {
		lang = i18n.FromEnv(e.getenv)
	}
	if lang != i18n.English && lang != i18n.Japanese {
		g.loc = i18n.New(i18n.FromEnv(e.getenv))
		return msg.Msgf("--lang %q: expected ja or en", g.lang)
	}
	g.loc = i18n.New(lang)
	return nil
}

// run executes one command line and maps its outcome to an exit status:
// 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input error.
//
// Everything it prints, on stdout and stderr, passes through a mask.Writer:
// no card number reaches the screen in full, whichever command, format or
// message prints it.
func run(args []string, e env) int {
	defer input.CloseArchives()
	stdout, stderr := mask.NewWriter(e.stdout), mask.NewWriter(e.stderr)
	defer stderr.Flush()
	safeStderr := mask.NewTerminalWriter(stderr)
	defer safeStderr.Flush()
	e.stdout, e.stderr = stdout, safeStderr
	g := &globals{}
	root := newRootCmd(e, g)
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		plainFlagUsages(root)
	}
	root.SetArgs(args)
	err := unknownCommand(root, args, root.Execute())
	if err == nil && g.helpLang != nil {
		err = g.helpLang
	}
	if ferr := stdout.Flush(); ferr != nil && (err == nil || errors.Is(err, errFindings)) {
		err = ferr
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errFindings):
		return 1
	}
	if g.loc == nil {
		// The command stopped before it ran (its arguments or flags are
		// wrong): --lang, even where a wrong flag before it stopped its
		// reading, or else the locale chooses the language.
		if g.lang == "" {
			g.lang = langArg(args)
		}
		_ = g.resolveLang(e)
	}
	for _, line := range messageLines(g.loc, err) {
		fmt.Fprintln(e.stderr, line)
	}
	return 2
}

// plainFlagUsages takes the backquotes out of the flags' usages of c and
// its commands, for the shell's completion: pflag's help shows `FORMAT` as
// FORMAT, but cobra gives a flag's usage to the shell as it is written.
func plainFlagUsages(c *cobra.Command) {
	plain := func(f *pflag.Flag) { f.Usage = strings.ReplaceAll(f.Usage, "`", "") }
	c.Flags().VisitAll(plain)
	c.PersistentFlags().VisitAll(plain)
	for _, sub := range c.Commands() {
		plainFlagUsages(sub)
	}
}

func newRootCmd(e env, g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "refundwatch",
		Short: "Check card and bank statements for Amazon orders that were billed after Amazon said they were handled",
		Long: `refundwatch reads the card and bank statements you download, the Amazon orders you
reported as not yours, and what Amazon confirmed, and tells per order whether it
was charged, whether the money came back, and until when to keep watching.

It reads its inputs and never writes them, and it never uses the network.`,
		Version:       mask.Keep(buildVersion()),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			return g.resolveLang(e)
		},
	}
	root.SetVersionTemplate("{{.Name}} {{.Version}}\n")
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return msg.Msgf("%v (see %s --help)", flagError(err), c.CommandPath())
	})
	root.PersistentFlags().StringVar(&g.lang, "lang", "", "`LANGUAGE` of the report and the messages: ja or en (default from LC_ALL, LC_MESSAGES or LANG)")
	_ = root.RegisterFlagCompletionFunc("lang", cobra.FixedCompletions([]string{i18n.Japanese, i18n.English}, cobra.ShellCompDirectiveNoFileComp))
	localizeHelp(root, e, g)
	root.AddCommand(newCheckCmd(e, g), newDetectCmd(e, g), newFormatsCmd(e, g), newInitCmd(e, g), newVersionCmd(e))
	sayUnknownHelpTopic(root)
	return root
}

// sayUnknownHelpTopic makes cobra's help command answer a topic that names
// no command with an error in the reader's language (exit 2), where it
// printed "Unknown help topic" in English and the usage.
func sayUnknownHelpTopic(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() != "help" || c.Run == nil {
			continue
		}
		run := c.Run
		c.Run, c.RunE = nil, func(c *cobra.Command, args []string) error {
			if cmd, _, err := c.Root().Find(args); cmd == nil || err != nil {
				return msg.Msgf("unknown help topic %q (see %s --help)", strings.Join(args, " "), root.CommandPath())
			}
			run(c, args)
			return nil
		}
	}
}

// langArg is the value of --lang on the command line args, "" for none.
func langArg(args []string) string {
	for i, a := range args {
		switch {
		case a == "--":
			return ""
		case a == "--lang" && i+1 < len(args):
			return args[i+1]
		case strings.HasPrefix(a, "--lang="):
			return strings.TrimPrefix(a, "--lang=")
		}
	}
	return ""
}

// messageLines are the lines the person reads on stderr for err, in l's
// language: each escaped (mask.Visible), and the path of the file a line speaks
// of marked as one the masking keeps whole (mask.Keep).
func messageLines(l *i18n.Localizer, err error) []string {
	var list parser.ErrorList
	if errors.As(err, &list) {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = messageLine(l.Err(e), e.File)
		}
		return out
	}
	var paths []string
	var pe *parser.Error
	if errors.As(err, &pe) {
		paths = append(paths, pe.File)
	}
	var fe *fs.PathError
	if errors.As(err, &fe) {
		paths = append(paths, fe.Path)
	}
	lines := l.ErrLines(err)
	for i := range lines {
		lines[i] = messageLine(lines[i], paths...)
	}
	return lines
}

// messageLine is line escaped, with the first place where each of paths
// shows in it marked for the masking to keep.
func messageLine(line string, paths ...string) string {
	v := mask.Visible(line)
	for _, p := range paths {
		if p == "" {
			continue
		}
		v = mask.KeepFirst(v, mask.Visible(p))
	}
	return v
}

// minArgs, maxArgs and noArgs check a command's arguments as cobra's
// validators of the same names do, and say what is wrong in the same
// words, in the reader's language.
func minArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return msg.Msgf("requires at least %d arg(s), only received %d", n, len(args))
		}
		return nil
	}
}

func maxArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > n {
			return msg.Msgf("accepts at most %d arg(s), received %d", n, len(args))
		}
		return nil
	}
}

func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return msg.Msgf("unknown command %q for %q", args[0], c.CommandPath())
	}
	return nil
}
