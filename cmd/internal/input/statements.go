package input

import (
	"bufio"
	"io"
	"io/fs"
	"runtime"
	"sync"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/amazon"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/msg"
)

// ReadStatements reads statement files and folds the overlapping exports
// of one account (parser.FoldOverlaps). It returns the statements, and the
// problems of each file, in the order of files: a file that could not be
// read has a nil statement.
//
// Each file is read once keeping, of the rows opts.Keep does not choose,
// only their counts and days; only the files that overlap another export
// of their account are read a second time, for what folding compares on
// the days they share. A single statement of any length is so read in
// memory that does not grow with its rows.
func ReadStatements(files []string, reg *parser.Registry, force *parser.Format, opts parser.ReadOptions) ([]*parser.Statement, []error) {
	stmts := make([]*parser.Statement, len(files))
	errs := make([]error, len(files))
	before := make([]fs.FileInfo, len(files)) // each file as it was before the first read
	first := opts
	first.Fold = func(civil.Date) bool { return false }
	whole := opts // for a pipe, which can be read only once
	whole.Fold = func(civil.Date) bool { return true }
	inParallel(len(files), func(i int) {
		before[i], _ = statInput(files[i])
		o := first
		if !readTwice(before[i]) {
			o = whole
		}
		stmts[i], errs[i] = readStatement(files[i], reg, force, o)
	})
	settleDayOrders(files, reg, force, first, stmts, errs)

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
				err = &parser.Error{File: files[i], Err: msg.Msgf("file changed while it was being read; read it again")}
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

// settleDayOrders reads again, in the day order they tell, the files
// refused because their dates cannot tell day from month, where other files
// of the same shape or account tell it by their own dates.
func settleDayOrders(files []string, reg *parser.Registry, force *parser.Format, opts parser.ReadOptions, stmts []*parser.Statement, errs []error) {
	for i, err := range errs {
		if err == nil {
			continue
		}
		if order, from, ok := parser.SettleDayOrder(err, stmts); ok {
			o := opts
			o.RunDateOrder, o.RunDateOrderFrom = order, from
			stmts[i], errs[i] = readStatement(files[i], reg, force, o)
		}
	}
}

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
		if force == nil {
			var m *msg.Message
			if r, m = misplaced(r); m != nil {
				return nil, &parser.Error{File: name, Err: m}
			}
		}
		return reg.Read(name, r, force, opts)
	})
}

// misplacedHead is how much of a file misplaced looks at, as amazon.Detect does.
const misplacedHead = 64 << 10

// misplaced says what a file among the statements is and the flag it
// belongs to when it is one of the other inputs: an Amazon order history
// (--orders), a refund export, a mail, a mailbox or a confirmations CSV
// (--confirmations); nil otherwise. It returns a reader of the whole file
// to read on: r itself where r can be read at an offset (a file), else a
// reader holding the start it looked at (a member of an archive).
func misplaced(r io.Reader) (io.Reader, *msg.Message) {
	var head []byte
	if ra, ok := r.(io.ReaderAt); ok {
		head = make([]byte, misplacedHead)
		n, err := ra.ReadAt(head, 0)
		if err != nil && err != io.EOF {
			return r, nil // reading the statement says what is wrong
		}
		head = head[:n]
	} else {
		br := bufio.NewReaderSize(r, misplacedHead)
		head, _ = br.Peek(misplacedHead)
		r = br
	}
	switch f := amazon.Detect(head); {
	case f == amazon.Mbox:
		return r, msg.Msgf("this is a mailbox (.mbox) of mails; give it with --confirmations")
	case f == amazon.Mail:
		return r, msg.Msgf("this is a mail; give it with --confirmations")
	case f == amazon.ConfirmationsCSV:
		return r, msg.Msgf("this is a confirmations CSV (order_id, confirmed_on, kind); give it with --confirmations")
	case f.Orders():
		return r, msg.Msgf("this is an Amazon order history; give it with --orders")
	case f.Confirms():
		return r, msg.Msgf("this is an Amazon refund export; give it with --confirmations")
	}
	return r, nil
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
