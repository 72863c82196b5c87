package render

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
)

// What is written comes out whole and in order, through buffers smaller
// than the writes and larger ones alike.
func TestBackgroundWriterKeepsOrder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	var want bytes.Buffer
	pieces := make([][]byte, 2000)
	for i := range pieces {
		p := make([]byte, rnd.IntN(300))
		for j := range p {
			p[j] = byte('a' + rnd.IntN(26))
		}
		pieces[i] = p
		want.Write(p)
	}
	for _, size := range []int{1, 7, 256, 64 << 10} {
		var got bytes.Buffer
		w := newBackgroundWriter(&got, size, 3)
		for _, p := range pieces {
			if n, err := w.Write(p); n != len(p) || err != nil {
				t.Fatalf("buffers of %d: Write = %d, %v", size, n, err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatalf("buffers of %d: Flush: %v", size, err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("buffers of %d: %d bytes came out, %d went in, or not in order", size, got.Len(), want.Len())
		}
	}
}

// failAfter takes n bytes, then fails.
type failAfter struct {
	bytes.Buffer
	n int
}

var errFull = errors.New("no space left on device")

func (f *failAfter) Write(p []byte) (int, error) {
	if f.Len()+len(p) > f.n {
		return 0, errFull
	}
	return f.Buffer.Write(p)
}

// A failed write stops the writing: Write reports it within the buffers
// held, and Flush reports it, with what came out before it in order.
func TestBackgroundWriterReportsFailure(t *testing.T) {
	f := &failAfter{n: 1000}
	w := newBackgroundWriter(f, 100, 3)
	piece := bytes.Repeat([]byte("0123456789"), 10)
	var err error
	writes := 0
	for ; writes < 1000 && err == nil; writes++ {
		_, err = w.Write(piece)
	}
	if !errors.Is(err, errFull) {
		t.Fatalf("after %d writes, Write returned %v, want the writer's error", writes, err)
	}
	if err := w.Flush(); !errors.Is(err, errFull) {
		t.Errorf("Flush returned %v, want the writer's error", err)
	}
	if got := f.String(); got != string(bytes.Repeat(piece, 10)) {
		t.Errorf("before the failure, %d bytes came out; want the first 1000 in order", len(got))
	}
}
