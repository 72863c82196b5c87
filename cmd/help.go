package cmd

import (
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// localizeHelp makes --help and the help command speak the reader's
// language: the language is settled as for a command (--lang, else the
// locale), and in Japanese the command's texts, its flags' and its
// subcommands' descriptions and the template's headings are looked up in
// jaHelp. A text without an entry is printed in English.
func localizeHelp(root *cobra.Command, e env, g *globals) {
	help := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if g.loc == nil {
			// A bad --lang is reported after the help, which is printed
			// in the locale's language (run).
			g.helpLang = g.resolveLang(e)
		}
		if g.loc.Japanese() {
			translateHelp(c)
		}
		help(c, args)
	})
}

// translateHelp puts the Japanese texts of c's help in place.
func translateHelp(c *cobra.Command) {
	c.Short, c.Long = jaHelpText(c.Short), jaHelpText(c.Long)
	for _, sub := range c.Commands() {
		sub.Short = jaHelpText(sub.Short)
	}
	flags := func(f *pflag.Flag) { f.Usage = jaHelpText(f.Usage) }
	c.LocalFlags().VisitAll(flags)
	c.InheritedFlags().VisitAll(flags)
	t := c.UsageTemplate()
	for _, h := range jaHelpHeadings {
		t = strings.ReplaceAll(t, h[0], h[1])
	}
	c.SetUsageTemplate(t)
}

// jaHelpText is the Japanese of a help text, or the text itself when it has
// none. The texts cobra writes for its own flags and commands name the
// command they are about.
func jaHelpText(s string) string {
	if ja, ok := i18n.Help(s); ok {
		return ja
	}
	if name, ok := strings.CutPrefix(s, "help for "); ok {
		return name + " のヘルプを表示します"
	}
	if name, ok := strings.CutPrefix(s, "version for "); ok {
		return name + " のバージョンを表示します"
	}
	if shell, ok := strings.CutPrefix(s, "Generate the autocompletion script for "); ok && !strings.Contains(shell, " ") {
		return shell + " の補完スクリプトを出力します"
	}
	return s
}

// jaHelpHeadings are the headings of cobra's usage template, in Japanese.
var jaHelpHeadings = [][2]string{
	{"Usage:", "使い方:"},
	{"Aliases:", "別名:"},
	{"Examples:", "例:"},
	{"Available Commands:", "コマンド:"},
	{"Additional Commands:", "その他のコマンド:"},
	{"Global Flags:", "共通のフラグ:"},
	{"Flags:", "フラグ:"},
	{"Additional help topics:", "その他のヘルプ:"},
	{`Use "{{.CommandPath}} [command] --help" for more information about a command.`, `各コマンドの説明は "{{.CommandPath}} [command] --help" で表示されます。`},
}
