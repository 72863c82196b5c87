//go:build rowpoison

package table

// poisonRead: this build overwrites each record's text at the next Read
// (see rowReader.Read).
const poisonRead = true
