package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// errFindings is returned by check when a finding at or above --fail-on exists: exit 1.
var errFindings = errors.New("findings at or above the --fail-on level")

// env is what commands need from the outside world, so that tests can give
// their own.
type env struct {
	stdout, stderr io.Writer
	now            func() time.Time
}

// Main runs refundwatch with the process's arguments and returns its exit status.
func Main() int {
	return run(os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, now: time.Now})
}

// run executes one command line and maps its outcome to an exit status:
// 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input error.
func run(args []string, e env) int {
	root := newRootCmd(e)
	root.SetArgs(args)
	err := root.Execute()
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errFindings):
		return 1
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(e.stderr, MaskCardNumbers(line))
	}
	return 2
}

func newRootCmd(e env) *cobra.Command {
	root := &cobra.Command{
		Use:   "refundwatch",
		Short: "Check card and bank statements for Amazon orders that were billed after Amazon said they were handled",
		Long: `refundwatch reads the card and bank statements you download, the Amazon orders you
reported as not yours, and what Amazon confirmed, and tells per order whether it
was charged, whether the money came back, and until when to keep watching.

It reads its inputs and never writes them, and it never uses the network.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w (see %s --help)", err, c.CommandPath())
	})
	root.AddCommand(newCheckCmd(e), newDetectCmd(e), newFormatsCmd(e), newVersionCmd(e))
	return root
}
