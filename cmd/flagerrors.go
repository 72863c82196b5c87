package cmd

import (
	"errors"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagError says what is wrong with a flag on the command line as a
// message, which is printed in the reader's language: pflag's own errors
// are English, and for a number it prints Go's parser's words
// ("strconv.ParseInt: parsing \"x\": invalid syntax"). An error pflag
// has no type for stays as it is.
func flagError(err error) error {
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		if notExist.GetSpecifiedShortnames() != "" {
			return msg.Msgf("unknown flag -%s", notExist.GetSpecifiedName())
		}
		return msg.Msgf("unknown flag --%s", notExist.GetSpecifiedName())
	case errors.As(err, &noValue):
		return msg.Msgf("--%s needs a value", noValue.GetFlag().Name)
	case errors.As(err, &invalid):
		f, value := invalid.GetFlag(), invalid.GetValue()
		switch f.Value.Type() {
		case "days":
			if errors.Is(err, strconv.ErrRange) { // a whole number, past 64 bits
				return msg.Msgf("--%s %s: expected a number of days from 0 to %d", f.Name, value, maxDays)
			}
			return msg.Msgf("--%s %s: expected a whole number", f.Name, value)
		case "bool":
			return msg.Msgf("--%s=%s: expected true or false", f.Name, value)
		}
		return msg.Msgf("--%s %s: %v", f.Name, value, errors.Unwrap(err))
	case errors.As(err, &syntax):
		return msg.Msgf("%s is no flag: a flag is --name or -x", syntax.GetSpecifiedFlag())
	}
	return err
}

// unknownCommand returns, where err is cobra's error for a first word that
// names no command of root, the same in the reader's language, with
// cobra's suggestions; else err as it is. args are the command line.
func unknownCommand(root *cobra.Command, args []string, err error) error {
	c, rest, ferr := root.Find(args)
	if err == nil || ferr == nil || c != root || ferr.Error() != err.Error() {
		return err
	}
	name, unknown := firstWord(root, rest)
	if unknown != "" {
		// cobra took the unknown flag for one with a value, and the word
		// after it (a flag or its value) for the command's name: the
		// unknown flag is what is wrong.
		return msg.Msgf("%v (see %s --help)", flagError(root.Flags().Parse([]string{unknown})), root.CommandPath())
	}
	if s := root.SuggestionsFor(name); len(s) > 0 {
		return msg.Msgf("unknown command %q for %q: did you mean %s?", name, root.CommandPath(), strings.Join(s, ", "))
	}
	return msg.Msgf("unknown command %q for %q", name, root.CommandPath())
}

// firstWord is the first of args that is no flag nor a flag's value, as
// cobra finds the command named, and the first flag before it that c does
// not know ("" when there is none).
func firstWord(c *cobra.Command, args []string) (word, unknown string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		var f *pflag.Flag
		switch {
		case a == "--":
			if i+1 < len(args) {
				return args[i+1], unknown
			}
			return "", unknown
		case strings.HasPrefix(a, "--"):
			name, _, _ := strings.Cut(a[2:], "=")
			if f = c.Flag(name); strings.Contains(a, "=") {
				f = nil // its value is in a
			} else if f == nil && unknown == "" {
				unknown = a
			}
		case len(a) == 2 && a[0] == '-':
			if f = c.Flags().ShorthandLookup(a[1:]); f == nil && unknown == "" {
				unknown = a
			}
		case strings.HasPrefix(a, "-"):
		default:
			return a, unknown
		}
		if f != nil && f.NoOptDefVal == "" {
			i++ // the flag's value
		}
	}
	return "", unknown
}
