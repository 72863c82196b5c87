package cmd

import (
	"io"
	"io/fs"
	"runtime"
	"sync"

	"github.com/refundwatch/refundwatch/parser"
)

// readStatements reads statement files and folds the overlapping exports
// of one account (parser.FoldOverlaps). It returns the statements, and the
// problems of each file, in the order of files: a file that could not be
// read has a nil statement.
//
// Each file is read once keeping, of the rows opts.Keep does not choose,
// only their counts and days; only the files that overlap another export
// of their account are read a second time, for what folding compares on
// the days they share. A single statement of any length is so read in
// memory that does not grow with its rows.
func readStatements(files []string, reg *parser.Registry, force *parser.Format, opts parser.ReadOptions) ([]*parser.Statement, []error) {
	stmts := make([]*parser.Statement, len(files))
	errs := make([]error, len(files))
	before := make([]fs.FileInfo, len(files)) // each file as it was before the first read
	first := opts
	first.Fold = func(parser.Date) bool { return false }
	whole := opts // for a pipe, which can be read only once
	whole.Fold = func(parser.Date) bool { return true }
	inParallel(len(files), func(i int) {
		before[i], _ = statInput(files[i])
		o := first
		if !readTwice(before[i]) {
			o = whole
		}
		stmts[i], errs[i] = readStatement(files[i], reg, force, o)
	})

	var read []*parser.Statement
	var at []int // index in files of each of read
	for i, s := range stmts {
		if s != nil {
			read, at = append(read, s), append(at, i)
		}
	}
	days := parser.FoldDays(read)
	var again []int
	for j, d := range days {
		if d != nil && readTwice(before[at[j]]) {
			again = append(again, j)
		}
	}
	inParallel(len(again), func(k int) {
		j := again[k]
		i := at[j]
		o := opts
		o.Fold = days[j]
		s, err := readStatement(files[i], reg, force, o)
		if err == nil {
			after, _ := statInput(files[i])
			if !unchanged(before[i], after, stmts[i], s) {
				err = &parser.Error{File: files[i], Err: parser.Msgf("file changed while it was being read; read it again")}
			}
		}
		if err != nil {
			s = nil
		}
		stmts[i], errs[i] = s, err
	})
	read = read[:0]
	for _, s := range stmts {
		if s != nil {
			read = append(read, s)
		}
	}
	parser.FoldOverlaps(read)
	return stmts, errs
}

// readTwice reports whether the file of info can be read a second time: a
// regular file can, a named pipe given by name cannot.
func readTwice(info fs.FileInfo) bool { return info != nil && info.Mode().IsRegular() }

// unchanged reports whether a file read twice was the same both times: the
// same size and modification time before the first read as after the
// second, and the same rows and transactions read. Folding takes the days
// from the first read and what it compares from the second: of two
// different files, it would fold rows that were never there.
func unchanged(before, after fs.FileInfo, first, second *parser.Statement) bool {
	return before != nil && after != nil &&
		before.Size() == after.Size() && before.ModTime().Equal(after.ModTime()) &&
		first.Rows == second.Rows && first.Transactions() == second.Transactions()
}

func readStatement(path string, reg *parser.Registry, force *parser.Format, opts parser.ReadOptions) (*parser.Statement, error) {
	return readFile(path, func(name string, r io.Reader) (*parser.Statement, error) {
		return reg.Read(name, r, force, opts)
	})
}

// inParallel calls do(0) … do(n-1), as many at a time as there are cores.
func inParallel(n int, do func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
