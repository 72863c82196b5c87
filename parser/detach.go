package parser

import (
	"strings"
	"unsafe"
)

// textBlocks copies the texts a reader keeps out of the records they are
// cut from (detachDispute, ParseConfirmations), many texts to a block: an
// order id copied on its own was an allocation, two for every order, one
// in its dispute and one in its confirmation. A block lives as long as
// any text in it, and the texts kept live as long as the list they are
// kept in, which holds the rest of the block's.
type textBlocks struct {
	free []byte // what is left of the block being filled
}

// textBlockSize is the size of a block; a text longer than
// maxBlockText gets an allocation of its own.
const (
	textBlockSize = 16 << 10
	maxBlockText  = textBlockSize / 16
)

// clone returns a copy of s, as strings.Clone does.
func (t *textBlocks) clone(s string) string {
	switch {
	case s == "":
		return ""
	case len(s) > maxBlockText:
		return strings.Clone(s)
	case len(s) > cap(t.free):
		t.free = make([]byte, 0, textBlockSize)
	}
	t.free = append(t.free, s...)
	text := t.free[:len(s):len(s)]
	t.free = t.free[len(s):]
	return unsafe.String(unsafe.SliceData(text), len(text))
}
