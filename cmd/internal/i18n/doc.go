// Package i18n owns the languages refundwatch speaks: which one the reader
// gets (--lang, or LC_ALL, LC_MESSAGES and LANG), the Localizer that prints
// messages, dates, money, verdicts and severities in it, and the Japanese
// catalogue of every message format and help text (ja.go). Its tests fail
// when a format written anywhere in parser/..., matcher/... or cmd/... has no
// Japanese text.
package i18n
