// Package render owns the writers of check's report, one per --output:
// table (for a terminal, fitted to its width, severities coloured),
// markdown, csv (text cells neutralised against formulas), html (one
// self-contained page, report.html.tmpl) and json (its own streaming
// writer, held to encoding/json by the tests). The table, markdown, CSV and
// HTML writers lay out report's View; the JSON writer writes the matcher's
// results as they are. Write streams the report out through a writer of its
// own, so that a report of ten years of statements is never held whole.
package render
