// Package cmd is refundwatch's command tree: check, detect, formats, init
// and version, built with cobra, and Main, which runs it and maps what went
// wrong to the exit code (1 findings, 2 bad input). The commands only wire
// packages together: files are read by internal/input into the parser's
// values, reconciled by the matcher, turned into what a person reads by
// internal/report and written by internal/render in the person's language
// (internal/i18n), card numbers masked on the way out (internal/mask).
package cmd
