// Package report owns what a person reads of the matcher's results, in
// their language, before any format lays it out: the wording of each
// verdict and reason, the evidence to read out to the card issuer and what
// to ask for, the timeline of an order, the statements and their coverage,
// the unknown charges and the summary. Build makes the View once, so that
// every format says the same thing; it escapes every text that came from an
// input and marks the paths of files for the masking to keep whole. Two
// parts are written when a format asks for them, escaped and marked the
// same way, rather than held: the unknown charges (UnknownRows, a decade's
// are hundreds of thousands of rows) and an order's timeline
// (OrderView.DrawTimeline, which only the HTML page draws).
package report
