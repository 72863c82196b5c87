//go:build !rowpoison

package table

// poisonRead is set in tests built with the tag rowpoison (see
// rowReader.Read).
const poisonRead = false
