package cmd

import (
	"github.com/refundwatch/refundwatch/cmd/internal/render"
	"github.com/refundwatch/refundwatch/parser/formats"
	"github.com/spf13/cobra"
)

// failOnLevels are the --fail-on values.
var failOnLevels = []string{"alert", "review", "never"}

// registerCheckCompletions lets the shell complete the flags of check that
// take one of a fixed set of values. Cobra's completion command writes the
// scripts (refundwatch completion bash|zsh|fish|powershell).
func registerCheckCompletions(c *cobra.Command) {
	fixed := map[string][]string{
		"output":  render.Formats,
		"fail-on": failOnLevels,
		"format":  formats.FormatNames(),
	}
	for flag, values := range fixed {
		if c.Flags().Lookup(flag) == nil {
			continue // --format comes with the statement formats that need it
		}
		_ = c.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
}
