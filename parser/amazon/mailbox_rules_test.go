package amazon

import "testing"

// A line quoted as mboxrd quotes "From " loses one ">"; other lines that
// start with ">" are kept as they are.
func TestMboxUnquotesFromLines(t *testing.T) {
	m := &mboxMessage{f: &File{Name: "m"}, start: 1}
	for _, l := range []string{">From the team\n", ">>From here\n", "> quoted reply\n", ">Fromage\n", "From within\n"} {
		m.add([]byte(l))
	}
	want := "From the team\n>From here\n> quoted reply\n>Fromage\nFrom within\n"
	if string(m.msg) != want {
		t.Errorf("mail %q, want %q", m.msg, want)
	}
}

// A mail that grows over MailMaxBytes stops growing and is refused at its
// first line when it ends; the next mail starts afresh.
func TestMboxMailOverTheLimit(t *testing.T) {
	m := &mboxMessage{f: &File{Name: "m.mbox"}, start: 7, msg: make([]byte, MailMaxBytes-3)}
	m.add([]byte("abc"))
	if m.tooLarge || len(m.msg) != MailMaxBytes {
		t.Fatalf("a mail of exactly MailMaxBytes refused (%d bytes kept)", len(m.msg))
	}
	m.add([]byte("d"))
	if !m.tooLarge || len(m.msg) != MailMaxBytes {
		t.Fatalf("tooLarge %v with %d bytes kept, want the mail refused at MailMaxBytes", m.tooLarge, len(m.msg))
	}
	m.end()
	want := "m.mbox:7: the mail is larger than 64 MiB, the most a mail may hold"
	if len(m.problems) != 1 || m.problems[0].Error() != want {
		t.Errorf("problems %v, want %q", m.problems, want)
	}
	if m.tooLarge || len(m.msg) != 0 || m.f.Rows != 0 {
		t.Errorf("after the mail: tooLarge %v, %d bytes, %d rows; want a fresh start and no row read", m.tooLarge, len(m.msg), m.f.Rows)
	}
}
