package parser

import (
	"strings"
	"testing"
	"unsafe"
)

// textBlocks.clone copies: a text cloned is what it was when cloned, after
// the record it was cut from is written over and after more texts are
// cloned, of every length, past the end of a block and past the longest a
// block takes. Order ids, the texts cloned by the thousand, take one
// allocation for a block of them.
func TestTextBlocksClone(t *testing.T) {
	var texts textBlocks
	record := make([]byte, 0, 2*maxBlockText)
	var cloned, want []string
	for i := range 3000 {
		n := i % (maxBlockText + 40) // the empty text, and some longer than a block takes
		record = record[:0]
		for k := range n {
			record = append(record, byte('A'+(i+k)%26))
		}
		// The cell is cut from the record, as gocsv's cells are from
		// their batch's text, which the next batch writes over.
		cell := ""
		if n > 0 {
			cell = unsafe.String(&record[0], n)
		}
		want = append(want, strings.Clone(cell))
		cloned = append(cloned, texts.clone(cell))
	}
	for i := range want {
		if cloned[i] != want[i] {
			t.Fatalf("text %d (%d bytes) became %.20q…, want %.20q…", i, len(want[i]), cloned[i], want[i])
		}
	}
	if got := texts.clone(""); got != "" {
		t.Errorf("clone of the empty text is %q", got)
	}

	id := strings.Repeat("x", len("111-1234567-1234567"))
	texts = textBlocks{}
	allocs := testing.AllocsPerRun(1, func() {
		for range textBlockSize / len(id) {
			texts.clone(id)
		}
	})
	if allocs > 2 {
		t.Errorf("a block of order ids took %v allocations, want 1 or 2", allocs)
	}
}
