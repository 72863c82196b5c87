package amazon

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"mime"
	"regexp"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/msg"
)

// An mbox, as Gmail's Takeout and Thunderbird write it, is mails one after
// another, each starting with a "From " line; a line of a mail that starts
// with "From " is written ">From " (and ">From " as ">>From ").

// fromLine is the line that starts a mail in an mbox:
// "From 1760384937591638016@xxx Tue Mar 10 05:12:44 +0000 2026",
// "From - Tue Mar 10 05:12:44 2026".
var fromLine = regexp.MustCompile(`^From \S+ +[A-Z][a-z]{2} `)

// isMbox reports whether head starts as an mbox does: a "From " line, then
// a mail's headers.
func isMbox(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	line, rest, ok := bytes.Cut(head, []byte("\n"))
	return ok && fromLine.Match(line) && isMail(rest)
}

// ReadMbox reads the mails of an mbox one at a time from r, so that an mbox
// of any size is read in the memory of its largest mail: refund and
// cancellation notices become confirmations; other mails are left out and
// counted. A mail over MailMaxBytes, or nested deeper or of more parts than
// the limits, is refused.
func ReadMbox(name string, r io.Reader) (*File, error) {
	m := &mboxMessage{f: &File{Name: name, Format: Mbox}}
	br := bufio.NewReaderSize(r, 64<<10)
	line := 0
	prevBlank := true
	for {
		text, err := readLine(br)
		if line == 0 {
			text = bytes.TrimPrefix(text, []byte("\ufeff"))
		}
		if len(text) > 0 {
			line++
			switch {
			case prevBlank && fromLine.Match(text):
				m.end()
				m.start = line
			case m.start == 0:
				if strings.TrimSpace(string(text)) != "" {
					return m.f, parser.Errorf(name, line, "expected a \"From \" line starting a mail, as mbox files have")
				}
			default:
				m.add(text)
			}
			prevBlank = len(bytes.TrimRight(text, "\r\n")) == 0
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return m.f, &parser.Error{File: name, Err: err}
		}
	}
	m.end()
	if len(m.problems) > 0 {
		return m.f, m.problems
	}
	return m.f, nil
}

// mboxMessage is the mail of an mbox being read, starting at line start (0
// before the first "From " line), with what its file holds so far.
type mboxMessage struct {
	f        *File
	msg      []byte
	start    int
	tooLarge bool // the mail went over MailMaxBytes: the rest of it is not kept
	problems parser.ErrorList
}

// add adds a line to the mail, a line quoted as mboxrd quotes a "From "
// line (">From ", ">>From ") losing one ">". A mail that grows over
// MailMaxBytes stops growing and is refused when it ends, so that memory
// stays within the limit whatever the mbox holds.
func (m *mboxMessage) add(text []byte) {
	if m.tooLarge {
		return
	}
	if quoted := bytes.TrimLeft(text, ">"); len(quoted) < len(text) && bytes.HasPrefix(quoted, []byte("From ")) {
		text = text[1:]
	}
	if len(m.msg)+len(text) > MailMaxBytes {
		m.tooLarge = true
	} else {
		m.msg = append(m.msg, text...)
	}
}

// end reads the mail that ends (nothing before the first mail): a mail
// over the limit is an error at its first line; others are read as a
// mailbox's mails are, their errors collected so that all of the mbox's
// problems are told at once.
func (m *mboxMessage) end() {
	switch {
	case m.start == 0:
	case m.tooLarge:
		m.problems = append(m.problems, parser.Errorf(m.f.Name, m.start, "the mail is larger than %d MiB, the most a mail may hold", MailMaxBytes>>20))
	default:
		m.f.Rows++
		if err := readMessage(m.f, m.msg, mailPlace{line: m.start, mailbox: true}); err != nil {
			var l parser.ErrorList
			if errors.As(err, &l) {
				m.problems = append(m.problems, l...)
			} else {
				m.problems = append(m.problems, err.(*parser.Error))
			}
		}
	}
	m.msg, m.tooLarge = m.msg[:0], false
}

// readLine reads a line with its end, however long, up to MailMaxBytes+1
// bytes: the rest of a longer line is read and dropped (the mail is refused).
func readLine(br *bufio.Reader) ([]byte, error) {
	var long []byte
	for {
		part, err := br.ReadSlice('\n')
		if err != bufio.ErrBufferFull {
			if long == nil {
				return part, err
			}
			return append(long, part...), err
		}
		if len(long) <= MailMaxBytes {
			long = append(long, part...)
		}
	}
}

// checkMailStructure walks a mail's multipart structure line by line,
// before it is parsed, so that a mail nested too deeply or of too many
// parts is refused at once: parsing such a mail takes time that grows with
// the square of its depth. Each multipart Content-Type opens a level, its
// boundary's delimiter lines count its parts and its closing line ends it.
func checkMailStructure(data []byte) error {
	var open []string // the boundaries of the levels open, outermost first
	parts := 0
	inHeader := true
	var header bytes.Buffer // the header block being read, lines unfolded
	for len(data) > 0 {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte("\n"))
		line = bytes.TrimRight(line, "\r")
		if inHeader {
			if len(bytes.TrimSpace(line)) == 0 {
				inHeader = false
				if b := multipartBoundary(header.String()); b != "" {
					open = append(open, b)
					if len(open) > MailMaxDepth {
						return msg.Msgf("the mail is nested deeper than %d levels, the most a mail may be", MailMaxDepth)
					}
				}
				header.Reset()
				continue
			}
			if line[0] != ' ' && line[0] != '\t' {
				header.WriteByte('\n')
			}
			header.Write(line)
			continue
		}
		if len(open) == 0 || !bytes.HasPrefix(line, []byte("--")) {
			continue
		}
		b := strings.TrimRight(string(line[2:]), " \t")
		closing := false
		if i := level(open, b); i < 0 {
			trimmed, ok := strings.CutSuffix(b, "--")
			if i = level(open, trimmed); !ok || i < 0 {
				continue
			}
			open, closing = open[:i], true
		} else {
			open = open[:i+1]
		}
		if !closing {
			parts++
			if parts > MailMaxParts {
				return msg.Msgf("the mail has more than %d parts, the most a mail may have", MailMaxParts)
			}
			inHeader = true
		}
	}
	return nil
}

// level is the index of boundary b among the open levels, or -1.
func level(open []string, b string) int {
	for i := len(open) - 1; i >= 0; i-- {
		if open[i] == b {
			return i
		}
	}
	return -1
}

// multipartBoundary returns the boundary a header block's multipart
// Content-Type declares, or "".
func multipartBoundary(header string) string {
	for _, line := range strings.Split(header, "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || !strings.EqualFold(strings.TrimSpace(name), "Content-Type") {
			continue
		}
		media, params, err := mime.ParseMediaType(strings.TrimSpace(value))
		if err != nil || !strings.HasPrefix(media, "multipart/") {
			return ""
		}
		return params["boundary"]
	}
	return ""
}
