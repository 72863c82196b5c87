// Package input owns the reading of everything check is given: it finds
// the files (folders read whole, in name order, hidden files left out),
// opens them and the members of .zip archives read-only, and reads the
// statements, the disputes, the confirmations (CSV, Amazon's exports and
// mails), Amazon's order history and mine.csv. Load is the one entry point:
// it collects the problems of every file before failing, so that the
// person can fix them all in one pass, and returns the Inputs the matcher
// and the report work from. detect uses Registry, Expand and ReadStatements
// to read statements the same way.
package input
