package cmd

import (
	"io"
	"runtime"
	"sync"

	"github.com/refundwatch/refundwatch/parser"
)

// readStatements reads statement files, as many at a time as there are
// cores to read them on, and returns them, and the problems of each file,
// in the order of files: a file that could not be read has a nil statement.
func readStatements(files []string, reg *parser.Registry, force *parser.Format, opts parser.ReadOptions) ([]*parser.Statement, []error) {
	stmts := make([]*parser.Statement, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(len(files), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				stmts[i], errs[i] = readFile(files[i], func(name string, r io.Reader) (*parser.Statement, error) {
					return reg.Read(name, r, force, opts)
				})
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return stmts, errs
}
