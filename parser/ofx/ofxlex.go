package ofx

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/refundwatch/refundwatch/parser/msg"
)

// ofxTokenKind tells the tokens of an OFX file apart.
type ofxTokenKind int

const (
	ofxStart ofxTokenKind = iota // <NAME>
	ofxEnd                       // </NAME>
	ofxText                      // the text between tags, references decoded
)

// ofxToken is one tag or text of an OFX file, at the line it starts on.
type ofxToken struct {
	kind ofxTokenKind
	name string // in capitals
	text []byte // valid until the next token is read
	line int
}

// ofxSyntaxError is a problem after which an OFX file cannot be read on.
type ofxSyntaxError struct {
	line int
	msg  *msg.Message
}

func (e *ofxSyntaxError) Error() string { return e.msg.String() }

// errOFXCut is the lexer's word for a file that ends inside a tag, a
// comment or a CDATA section.
var errOFXCut = errors.New("cut inside a tag")

// isOFXTagName reports whether s is a name as OFX tags have: STMTTRN,
// INTU.BID (a letter or _, then letters, digits, ., _ and -).
func isOFXTagName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', c == '_':
		case i > 0 && ('0' <= c && c <= '9' || c == '.' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// ofxLeaves are leaf elements of the statements that may be written empty
// and unclosed in SGML (<MEMO> followed by the next element): without a
// DTD, only a name tells them from an aggregate.
var ofxLeaves = map[string]bool{
	"NAME": true, "MEMO": true, "EXTDNAME": true, "PAYEEID": true, "CHECKNUM": true, "REFNUM": true,
	"SIC": true, "SRVRTID": true, "FITID": true, "TRNUID": true, "CURDEF": true, "ACCTID": true,
	"BANKID": true, "BRANCHID": true, "ACCTKEY": true, "DTUSER": true, "DTAVAIL": true,
}

// maxOFXTag bounds the length of one tag, and maxOFXRun of one run of text
// between tags, whitespace included.
const (
	maxOFXTag = 4 << 10
	maxOFXRun = 1 << 20
)

// ofxLexer reads the tags and texts of an OFX file (SGML or XML) as they
// stream: comments, processing instructions and declarations are skipped,
// CDATA is text, and tags need not be closed or balanced (that is the
// reader's business).
type ofxLexer struct {
	r        *bufio.Reader
	line     int // the line the reader is on
	lastLine int // the line of the last byte read that was not white space
	queued   *ofxToken
	text     []byte
	names    map[string]string // see intern
}

func newOFXLexer(text io.Reader) *ofxLexer {
	return &ofxLexer{r: bufio.NewReaderSize(text, 64<<10), line: 1}
}

// next returns the next token; io.EOF at the end of the file, and
// errOFXCut when the file ends inside a tag or comment.
func (l *ofxLexer) next() (ofxToken, error) {
	if q := l.queued; q != nil {
		l.queued = nil
		return *q, nil
	}
	c, err := l.r.ReadByte()
	if err != nil {
		return ofxToken{}, err
	}
	if c != '<' {
		_ = l.r.UnreadByte()
		return l.readText()
	}
	return l.readMarkup()
}

// count notes the lines and the last non-space byte of b.
func (l *ofxLexer) count(b []byte) {
	for _, c := range b {
		switch c {
		case '\n':
			l.line++
		case ' ', '\t', '\r':
		default:
			l.lastLine = l.line
		}
	}
}

// readText reads the text up to the next < or the end of the file.
func (l *ofxLexer) readText() (ofxToken, error) {
	line := l.line
	l.text = l.text[:0]
	for {
		chunk, err := l.r.ReadSlice('<')
		if err == nil {
			chunk = chunk[:len(chunk)-1]
			_ = l.r.UnreadByte()
		}
		for i, c := range chunk {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				l.count(chunk[:i])
				return ofxToken{}, &ofxSyntaxError{l.line, msg.Msgf("not valid OFX: illegal character code %U", rune(c))}
			}
		}
		l.count(chunk)
		if len(l.text)+len(chunk) > maxOFXRun {
			return ofxToken{}, &ofxSyntaxError{line, msg.Msgf("more than %d KiB of text without a tag: this is not an OFX file, or it is damaged", maxOFXRun>>10)}
		}
		l.text = append(l.text, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return ofxToken{}, err
		}
		return ofxToken{kind: ofxText, text: decodeReferences(l.text), line: line}, nil
	}
}

// readMarkup reads what follows a <: a tag, or a comment, processing
// instruction, declaration or CDATA section.
func (l *ofxLexer) readMarkup() (ofxToken, error) {
	line := l.line
	l.lastLine = l.line
	peek, _ := l.r.Peek(8)
	switch {
	case bytes.HasPrefix(peek, []byte("!--")):
		return l.skipTo("-->")
	case bytes.HasPrefix(peek, []byte("![CDATA[")):
		_, _ = l.r.Discard(8)
		raw, err := l.readTo("]]>")
		if err != nil {
			return ofxToken{}, err
		}
		return ofxToken{kind: ofxText, text: raw, line: line}, nil
	case bytes.HasPrefix(peek, []byte("?")):
		return l.skipTo("?>")
	case bytes.HasPrefix(peek, []byte("!")):
		return l.skipTo(">")
	}
	var tag []byte
	for {
		c, err := l.r.ReadByte()
		if err != nil {
			return ofxToken{}, errOFXCut
		}
		if c == '<' {
			_ = l.r.UnreadByte()
			return ofxToken{}, l.brokenTag(line, tag)
		}
		if c == '>' {
			break
		}
		if len(tag) > maxOFXTag {
			return ofxToken{}, &ofxSyntaxError{line, msg.Msgf("a tag longer than %d KiB: this is not an OFX file, or it is damaged", maxOFXTag>>10)}
		}
		tag = append(tag, c)
		l.count([]byte{c})
	}
	closing := bytes.HasPrefix(tag, []byte("/"))
	nameBytes := bytes.TrimPrefix(tag, []byte("/"))
	attrs := false
	if sp := bytes.IndexAny(nameBytes, " \t\r\n"); sp >= 0 {
		nameBytes, attrs = nameBytes[:sp], true
	}
	selfClosing := !closing && bytes.HasSuffix(bytes.TrimSpace(tag), []byte("/"))
	if selfClosing && !attrs {
		nameBytes = bytes.TrimSuffix(nameBytes, []byte("/"))
	}
	name, ok := l.intern(nameBytes)
	if !ok {
		return ofxToken{}, &ofxSyntaxError{line, msg.Msgf("%s is not an OFX tag; expected a name such as <STMTTRN> or </STMTTRN> (a < in a text is written &lt;)", "<"+strings.TrimSpace(string(tag))+">")}
	}
	if closing {
		return ofxToken{kind: ofxEnd, name: name, line: line}, nil
	}
	if selfClosing {
		l.queued = &ofxToken{kind: ofxEnd, name: name, line: l.line}
	}
	return ofxToken{kind: ofxStart, name: name, line: line}, nil
}

// intern returns a tag name in capitals, the same string for each tag of
// one name rather than a copy per tag; false when it is no OFX tag name.
func (l *ofxLexer) intern(name []byte) (string, bool) {
	if n, ok := l.names[string(name)]; ok {
		return n, true
	}
	s := string(name)
	if !isOFXTagName(s) {
		return "", false
	}
	n := strings.ToUpper(s)
	if len(l.names) < 4096 {
		if l.names == nil {
			l.names = map[string]string{}
		}
		l.names[s] = n
	}
	return n, true
}

// transactionAfter reads the rest of the file, after </OFX>, and reports
// the line of a STMTTRN in it; it stops at what it cannot read.
func (l *ofxLexer) transactionAfter() (int, bool) {
	for {
		t, err := l.next()
		if err != nil {
			return 0, false
		}
		if t.kind == ofxStart && t.name == "STMTTRN" {
			return t.line, true
		}
	}
}

// brokenTag is the error of a tag that another < cuts short.
func (l *ofxLexer) brokenTag(line int, tag []byte) error {
	t := "<" + strings.TrimSpace(string(tag))
	name := strings.TrimPrefix(strings.TrimSpace(string(tag)), "/")
	if sp := strings.IndexAny(name, " \t\r\n"); sp >= 0 {
		name = name[:sp]
	}
	if !isOFXTagName(name) {
		return &ofxSyntaxError{line, msg.Msgf("%s is not an OFX tag; expected a name such as <STMTTRN> or </STMTTRN> (a < in a text is written &lt;)", t)}
	}
	return &ofxSyntaxError{line, msg.Msgf("%s is a tag without its \">\"; expected %s>", t, t)}
}

// skipTo reads past the next end, then returns the token after it.
func (l *ofxLexer) skipTo(end string) (ofxToken, error) {
	if _, err := l.readTo(end); err != nil {
		return ofxToken{}, err
	}
	return l.next()
}

// readTo reads up to and past end, returning what stood before it; it
// holds no more than maxOFXRun.
func (l *ofxLexer) readTo(end string) ([]byte, error) {
	l.text = l.text[:0]
	for {
		c, err := l.r.ReadByte()
		if err != nil {
			return nil, errOFXCut
		}
		l.count([]byte{c})
		if len(l.text) >= maxOFXRun {
			return nil, &ofxSyntaxError{l.line, msg.Msgf("more than %d KiB of text without a tag: this is not an OFX file, or it is damaged", maxOFXRun>>10)}
		}
		l.text = append(l.text, c)
		if bytes.HasSuffix(l.text, []byte(end)) {
			return l.text[:len(l.text)-len(end)], nil
		}
	}
}

// decodeReferences returns text with its entity and character references
// decoded (&amp;, &eacute;, &#65;, &#x42;); an & that starts none, as SGML
// files write a lone & (M&S FOODHALL), stays. Text without an & is
// returned as it is.
func decodeReferences(text []byte) []byte {
	amp := bytes.IndexByte(text, '&')
	if amp < 0 {
		return text
	}
	var b []byte
	for amp >= 0 {
		b = append(b, text[:amp]...)
		text = text[amp+1:]
		if r, n := reference(text); n > 0 {
			b = append(b, r...)
			text = text[n:]
		} else {
			b = append(b, '&')
		}
		amp = bytes.IndexByte(text, '&')
	}
	return append(b, text...)
}

// reference reads a reference after an &: what it stands for and how many
// bytes it took, its ; included; 0 when s starts none.
func reference(s []byte) (string, int) {
	semi := bytes.IndexByte(s, ';')
	if semi <= 0 || semi > 32 {
		return "", 0
	}
	ref := string(s[:semi])
	switch ref {
	case "amp":
		return "&", semi + 1
	case "lt":
		return "<", semi + 1
	case "gt":
		return ">", semi + 1
	case "quot":
		return "\"", semi + 1
	case "apos":
		return "'", semi + 1
	}
	if v := xml.HTMLEntity[ref]; v != "" {
		return v, semi + 1
	}
	var n uint64
	var err error
	switch {
	case strings.HasPrefix(ref, "#x"), strings.HasPrefix(ref, "#X"):
		n, err = strconv.ParseUint(ref[2:], 16, 32)
	case strings.HasPrefix(ref, "#"):
		n, err = strconv.ParseUint(ref[1:], 10, 32)
	default:
		return "", 0
	}
	if err != nil || !utf8.ValidRune(rune(n)) {
		return "", 0
	}
	return string(rune(n)), semi + 1
}
