package msg_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// String and Join print what fmt.Sprintf prints, for formats with every
// verb, flag, stray and missing piece, and arguments of every kind the
// messages hold, and others. fmt prints a nested message through its Error,
// that is its String: each nested message is checked as well, so that the
// one holding it is checked against fmt given right nested texts.
func TestMessageAgreesWithSprintf(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 16))
	pieces := []string{"charged ", " on ", "é 日本", "%s", "%s", "%v", "%d", "%d", "%q", "%5d", "%-3s", "%x", "%%", "%", "%[1]s", "%!", ";", "%é"}
	args := []any{"text", "", "100%", 12, -7, 0, civil.MustDate("2026-03-02"), civil.Date{}, money.Money{Amount: decimal.RequireFromString("12800"), Currency: "JPY"},
		money.Money{Amount: decimal.RequireFromString("-1234.5"), Currency: ""}, parser.KindRefund, (*msg.Message)(nil), errors.New("an error"), []byte("bytes"),
		3.5, nil, struct{ A int }{1}, int64(5), []string{"a"}, (*civil.Date)(nil)}
	var message func(depth int) *msg.Message
	message = func(depth int) *msg.Message {
		var format strings.Builder
		for range rnd.IntN(6) {
			format.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		m := msg.Msgf(format.String())
		for range rnd.IntN(4) {
			if depth < 2 && rnd.IntN(5) == 0 {
				m.Args = append(m.Args, message(depth+1))
			} else {
				m.Args = append(m.Args, args[rnd.IntN(len(args))])
			}
		}
		return m
	}
	var check func(m *msg.Message)
	check = func(m *msg.Message) {
		for _, a := range m.Args {
			if nested, ok := a.(*msg.Message); ok && nested != nil {
				check(nested)
			}
		}
		if got, want := m.String(), fmt.Sprintf(m.Format, m.Args...); got != want {
			t.Fatalf("msg.Msgf(%q, %#v).String() = %q, fmt.Sprintf prints %q", m.Format, m.Args, got, want)
		}
	}
	for range 20000 {
		m := message(0)
		check(m)
		ms := []*msg.Message{m, message(0), message(0)}
		want := make([]string, len(ms))
		for i, m := range ms {
			want[i] = fmt.Sprintf(m.Format, m.Args...)
		}
		if got := msg.Join(ms); got != strings.Join(want, "; ") {
			t.Fatalf("Join = %q, want %q", got, strings.Join(want, "; "))
		}
	}
	m := msg.Msgf("charged %s on %s, %d days after %v", money.Money{Amount: decimal.RequireFromString("30000"), Currency: "JPY"}, civil.MustDate("2026-03-18"), 8,
		msg.Msgf("Amazon confirmed the %s on %s", parser.KindRefund, civil.MustDate("2026-03-10")))
	if want := "charged 30,000 JPY on 2026-03-18, 8 days after Amazon confirmed the refund on 2026-03-10"; m.String() != want {
		t.Errorf("String() = %q, want %q", m.String(), want)
	}
}

// Msgf keeps a copy of its arguments, in the Message's own allocation for
// up to four: a caller's slice changed after is not the message's, and a
// message of arguments that need no boxing is one allocation.
func TestMsgfCopiesItsArguments(t *testing.T) {
	for n := range 7 {
		args := make([]any, n)
		for i := range args {
			args[i] = fmt.Sprint(i)
		}
		format := strings.TrimSpace(strings.Repeat("%s ", n))
		m := msg.Msgf(format, args...)
		want := fmt.Sprintf(format, args...)
		for i := range args {
			args[i] = "changed"
		}
		if got := m.String(); got != want || len(m.Args) != n {
			t.Errorf("%d arguments: %q with %d arguments after the caller's changed, want %q", n, got, len(m.Args), want)
		}
		if n == 0 && m.Args != nil {
			t.Errorf("no arguments: Args %#v, want nil", m.Args)
		}
	}
	inner := msg.Msgf("inner")
	for n := 1; n <= 4; n++ {
		if allocs := testing.AllocsPerRun(100, func() {
			switch n {
			case 1:
				msg.Msgf("%s", inner)
			case 2:
				msg.Msgf("%s %s", inner, inner)
			case 3:
				msg.Msgf("%s %s %s", inner, inner, inner)
			case 4:
				msg.Msgf("%s %s %s %s", inner, inner, inner, inner)
			}
		}); allocs != 1 {
			t.Errorf("Msgf with %d arguments: %v allocations, want 1", n, allocs)
		}
	}
}

// countedText counts the times it is printed, by fmt (String) or by a
// message (AppendText).
type countedText struct{ n *int }

func (c countedText) String() string { *c.n++; return "x" }

func (c countedText) AppendText(b []byte) ([]byte, error) { *c.n++; return append(b, 'x'), nil }

// A message that is not plain, nested in one that is not either, many
// times over, prints each of its arguments about once: not once more at
// each depth, as printing the nested messages, then taking them back for
// fmt, would.
func TestNestedMessagesArePrintedOnce(t *testing.T) {
	printed := 0
	arg := countedText{&printed}
	m := msg.Msgf("%s %q", arg, "end")
	const depth = 24
	for range depth {
		m = msg.Msgf("%s %q %s", m, "x", arg)
	}
	want := fmt.Sprint(m)
	printed = 0
	if got := m.String(); got != want {
		t.Fatalf("String() = %q, fmt prints %q", got, want)
	}
	if printed > 2*(depth+1) {
		t.Errorf("%d messages nested: their arguments were printed %d times", depth+1, printed)
	}
}
