package input

import (
	"bufio"
	"io"
	"io/fs"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/amazon"
	"github.com/refundwatch/refundwatch/parser/msg"
)

// ReadStatements reads statement files, files or members of archives, and
// folds the overlapping exports of one account, as parser.ReadStatements
// does: it returns the statements, and the problems of each file, in the
// order of files; a file that could not be read has a nil statement.
// Unless a format is forced, a file that is one of the other inputs (an
// Amazon export, a mail, a confirmations CSV) is refused naming its flag.
func ReadStatements(files []string, reg *parser.Registry, force *parser.Format, opts parser.ReadOptions) ([]*parser.Statement, []error) {
	inputs := make([]parser.Input, len(files))
	for i, f := range files {
		inputs[i] = statementFile{name: f, checkPlace: force == nil}
	}
	return parser.ReadStatements(inputs, reg, force, opts)
}

// statementFile is a statement file, or a member of an archive, as
// parser.ReadStatements opens it.
type statementFile struct {
	name string
	// checkPlace refuses a file that belongs to another flag (misplaced):
	// unless a format is forced.
	checkPlace bool
}

func (f statementFile) Name() string { return f.name }

// Open opens the file, refusing it when it belongs to another flag.
func (f statementFile) Open() (io.ReadCloser, error) {
	rc, err := openInput(f.name)
	if err != nil {
		return nil, OpenError(err)
	}
	if !f.checkPlace {
		return rc, nil
	}
	r, m := misplaced(rc)
	if m != nil {
		rc.Close()
		return nil, m
	}
	if _, atOffset := rc.(io.ReaderAt); atOffset {
		return rc, nil // misplaced looked at its start at an offset: rc reads it whole
	}
	return struct {
		io.Reader // holding the start misplaced looked at
		io.Closer
	}{r, rc}, nil
}

// Stat describes the file or, for a member, its archive: what tells
// whether it changed between two reads.
func (f statementFile) Stat() (fs.FileInfo, error) { return statInput(f.name) }

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
