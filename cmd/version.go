package cmd

import (
	"io"
	"runtime/debug"

	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X github.com/refundwatch/refundwatch/cmd.version=…";
// otherwise the module version Go recorded is used.
var version = ""

func newVersionCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of refundwatch",
		Args:  noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			_, err := io.WriteString(e.stdout, versionLine())
			return err
		},
	}
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// versionLine is what version and --version print. The version is marked
// for the masking to keep (mask.Keep): a pseudo-version's timestamp
// (v0.0.0-20260110123456-…) is a run of 14 digits, and no card number.
func versionLine() string { return "refundwatch " + mask.Keep(buildVersion()) + "\n" }
