package i18n

import (
	"encoding/csv"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// The languages a report can be printed in.
const (
	English  = "en"
	Japanese = "ja"
)

// FromEnv picks the report language from the locale variables, in the
// order POSIX gives them precedence: LC_ALL, then LC_MESSAGES, then LANG. A
// locale whose language is Japanese (ja_JP.UTF-8, ja) gives Japanese; any
// other, or none, gives English.
func FromEnv(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		// ja_JP.UTF-8@variant: the part before the codeset is a language tag.
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		tag, err := language.Parse(v)
		if err != nil {
			return English
		}
		if base, _ := tag.Base(); base.String() == Japanese {
			return Japanese
		}
		return English
	}
	return English
}

// Localizer prints messages, dates and money in the reader's language.
// English is the text the code is written in; Japanese looks each format up
// in jaText and writes every argument as Japanese readers write it.
type Localizer struct {
	lang string
}

// New is a Localizer for lang, English or Japanese.
func New(lang string) *Localizer { return &Localizer{lang: lang} }

// Japanese tells whether the reader reads Japanese.
func (l *Localizer) Japanese() bool { return l.lang == Japanese }

// Lang is the reader's language, English or Japanese.
func (l *Localizer) Lang() string { return l.lang }

// Help is the Japanese of a command's help text (a description or a
// flag's usage), and whether the catalogue has it.
func Help(s string) (string, bool) {
	ja, ok := jaHelp[s]
	return ja, ok
}

// JapaneseVerdicts are the Japanese names of the verdicts, for the tests
// that check the README and the help against them.
func JapaneseVerdicts() map[matcher.Verdict]string { return maps.Clone(jaVerdicts) }

// JapaneseSeverities are the Japanese names of the severities.
func JapaneseSeverities() map[matcher.Severity]string { return maps.Clone(jaSeverities) }

// T prints format with args in the reader's language. format is the English
// text, the key of the catalogue.
func (l *Localizer) T(format string, args ...any) string {
	if !l.Japanese() {
		return fmt.Sprintf(format, args...)
	}
	ja, ok := jaText[format]
	if !ok {
		// A format without an entry is caught by TestEveryMessageHasJapanese;
		// printing it in English beats printing nothing.
		return fmt.Sprintf(format, args...)
	}
	verbs := formatVerbs(format)
	strs := make([]any, len(args))
	for i, a := range args {
		verb := 'v'
		if i < len(verbs) {
			verb = verbs[i]
		}
		if list, ok := a.(matcher.TxnList); ok && jaRowsWhen[format] {
			strs[i] = l.jaTxnList(list, "に", "、")
			continue
		}
		strs[i] = l.jaArg(verb, a)
	}
	return fmt.Sprintf(ja, strs...)
}

// Word is a word or phrase of the program's own vocabulary (an issuer's
// description, a reason rows are skipped for) in the reader's language.
func (l *Localizer) Word(s string) string {
	if w, ok := jaPhrases[s]; ok && l.Japanese() {
		return w
	}
	return s
}

// Msg prints one message.
func (l *Localizer) Msg(m *msg.Message) string { return l.T(m.Format, m.Args...) }

// Sentences prints the sentences of a reason: joined by "; " in English, and
// each closed by "。" in Japanese.
func (l *Localizer) Sentences(ms []*msg.Message) string {
	if !l.Japanese() {
		return msg.Join(ms)
	}
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(l.Msg(m))
		b.WriteString("。")
	}
	return b.String()
}

// ErrLines prints an error as the lines the person reads: one per problem,
// each file:line:column: what is wrong.
func (l *Localizer) ErrLines(err error) []string {
	var list parser.ErrorList
	if errors.As(err, &list) {
		lines := make([]string, len(list))
		for i, e := range list {
			lines[i] = l.Err(e)
		}
		return lines
	}
	return strings.Split(l.Err(err), "\n")
}

// Err prints one error in the reader's language.
func (l *Localizer) Err(err error) string {
	if !l.Japanese() {
		return err.Error()
	}
	switch e := err.(type) {
	case *parser.Error:
		return positioned(e.File, e.Line, e.Column) + l.Err(e.Err)
	case *msg.Message:
		return l.Msg(e)
	case parser.ErrorList:
		return strings.Join(l.ErrLines(e), "\n")
	}
	for known, ja := range jaPlainErrors {
		if errors.Is(err, known) {
			return ja
		}
	}
	return err.Error()
}

// positioned writes file:line:column: as parser.Error does, leaving out what is not known.
func positioned(file string, line, column int) string {
	switch {
	case line > 0 && column > 0:
		return fmt.Sprintf("%s:%d:%d: ", file, line, column)
	case line > 0:
		return fmt.Sprintf("%s:%d: ", file, line)
	}
	return file + ": "
}

// Date prints a day: 2026-03-18 in English, 2026年3月18日 in Japanese.
func (l *Localizer) Date(d civil.Date) string {
	if !l.Japanese() || !d.Valid() {
		return d.String()
	}
	t := d.Time()
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// Money prints an amount with its currency: 30,000 JPY in English, 30,000円
// in Japanese.
func (l *Localizer) Money(amount decimal.Decimal, currency string) string {
	m := money.Money{Amount: amount, Currency: currency}
	if !l.Japanese() {
		return m.String()
	}
	n := money.FormatAmount(amount, currency, true)
	if unit, ok := jaCurrencies[currency]; ok {
		return n + unit
	}
	if currency == "" {
		return n
	}
	return n + " " + currency
}

// Amount prints an amount for a column whose header names what it is: 30,000
// in English (the table's habit), 30,000円 in Japanese.
func (l *Localizer) Amount(amount decimal.Decimal, currency string) string {
	if !l.Japanese() {
		return money.FormatAmount(amount, currency, true)
	}
	return l.Money(amount, currency)
}

// Role names what a statement row is to a finding, in the reader's language.
func (l *Localizer) Role(name string) string {
	switch name {
	case "charge":
		return l.T("charge")
	case "credit":
		return l.T("credit")
	case "candidate":
		return l.T("candidate")
	}
	return l.T("unknown")
}

// Verdict names a verdict in the reader's language.
func (l *Localizer) Verdict(v matcher.Verdict) string {
	if l.Japanese() {
		if ja, ok := jaVerdicts[v]; ok {
			return ja
		}
	}
	return string(v)
}

// Severity names a severity in the reader's language.
func (l *Localizer) Severity(s matcher.Severity) string {
	if l.Japanese() {
		return jaSeverities[s]
	}
	return s.String()
}

// Month names a month for the timeline's ticks: 2026-04, or 2026年4月.
func (l *Localizer) Month(d civil.Date) string {
	t := d.Time()
	if l.Japanese() {
		return t.Format("2006年1月")
	}
	return t.Format("2006-01")
}

// jaArg writes one argument of a message as Japanese readers write it; verb
// is the verb the English format prints it with.
func (l *Localizer) jaArg(verb rune, a any) string {
	switch v := a.(type) {
	case civil.Date:
		return l.Date(v)
	case money.Money:
		return l.Money(v.Amount, v.Currency)
	case matcher.TxnList:
		return l.jaTxnList(v, "の", "と")
	case matcher.IDList:
		if v.More {
			return strings.Join(v.IDs, "、") + "ほか"
		}
		return strings.Join(v.IDs, "、")
	case parser.Kind:
		if w, ok := jaWords[string(v)]; ok {
			return w
		}
		return string(v)
	case *msg.Message:
		return l.Msg(v)
	case error:
		return l.Err(v)
	case int:
		return strconv.Itoa(v)
	case string:
		// Only words printed with %s can be vocabulary ("debit"); quoted
		// text (%q) is the person's own and is shown as written.
		if w, ok := jaWords[v]; ok && verb == 's' {
			return w
		}
		return v
	case fmt.Stringer:
		if w, ok := jaWords[v.String()]; ok {
			return w
		}
		return v.String()
	}
	return fmt.Sprint(a)
}

// jaTxnList writes statement rows as a noun, 2026年3月4日の12,800円と2026年3月6日の4,800円
// (particle の, last joined by と), or as what happened when, before a verb:
// 2026年3月4日に12,800円、2026年3月6日に4,800円(が請求されました) (に, 、).
// A row billed in another currency is 2026年3月4日の12.34米ドル（請求額2,000円）.
func (l *Localizer) jaTxnList(list matcher.TxnList, particle, last string) string {
	parts := make([]string, len(list.Txns))
	for i, t := range list.Txns {
		amount, billed, foreign := list.Item(i)
		parts[i] = l.Date(t.Date) + particle + l.Money(amount.Amount, amount.Currency)
		if foreign {
			parts[i] += "（請求額" + l.Money(billed.Amount, billed.Currency) + "）"
		}
	}
	switch len(parts) {
	case 0:
		return "なし"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], "、") + last + parts[len(parts)-1]
}

// formatVerbs lists the verb of each argument of an English format, in order
// (the English formats use no explicit argument indexes).
func formatVerbs(format string) []rune {
	var verbs []rune
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i < len(format) && format[i] != '%' {
			verbs = append(verbs, rune(format[i]))
		}
	}
	return verbs
}

// jaCurrencies are the units Japanese readers write after an amount.
var jaCurrencies = map[string]string{
	"JPY": "円",
	"USD": "米ドル",
	"EUR": "ユーロ",
	"GBP": "英ポンド",
}

// jaPlainErrors are the errors of the libraries the parser passes on as they are.
var jaPlainErrors = map[error]string{
	csv.ErrBareQuote:  `引用符 " で囲まれていない項目の中に " があります`,
	csv.ErrQuote:      `引用符 " で囲まれた項目の " が多すぎるか足りません`,
	csv.ErrFieldCount: "項目の数が見出し行と違います",
}
