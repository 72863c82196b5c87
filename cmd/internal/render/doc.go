// Package render owns the writers of check's report, one per --output:
// table (for a terminal, fitted to its width, severities coloured),
// markdown, csv (text cells neutralised against formulas), html (one
// self-contained page, report.html.tmpl) and json (its own streaming
// writer, held to encoding/json by the tests). The table, markdown and
// HTML writers lay out report's View (the page's statement rows and
// timelines written by Go, escaped as the template escapes, held to it by
// the tests); the CSV and JSON writers write the matcher's results as they
// are. Write streams the report out through a writer of its own, so that a
// report of ten years of statements is never held whole.
package render
