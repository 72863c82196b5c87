package matcher

import (
	"fmt"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/formats"
)

func TestCardMatches(t *testing.T) {
	tests := []struct {
		card, account string
		want          bool
	}{
		{"4567", "4980-0379-3988-4***", true},
		{"4567", "****-****-****-4567", true},
		{"4567", "****-****-****-4568", false},
		{"4567", "VISA ****-****-****-4567", true},
		{"4980-0379-3988-4567", "4980-0379-3988-4***", true},
		{"4980-0379-3988-4567", "4981-0379-3988-4***", false},
		{"４５６７", "4980-12**-****-4567", true},
		{"1111", "1111", true},
		{"1111", "楽天カード", false},
		{"楽天", "楽天カード", true},
		{"Gold", "Amex Gold ***1004", true},
		{"4567", "", true},
		{"", "VISA 1111", true},
		{"234567", "****-1234", false},
	}
	for _, tt := range tests {
		if got := CardMatches(tt.card, tt.account); got != tt.want {
			t.Errorf("CardMatches(%q, %q) = %v, want %v", tt.card, tt.account, got, tt.want)
		}
	}
}

func TestJoinSpans(t *testing.T) {
	d := civil.MustDate
	tests := []struct {
		name string
		in   []Span
		want string
	}{
		{"a gap of 7 days is bridged", []Span{{d("2026-03-01"), d("2026-03-31")}, {d("2026-04-08"), d("2026-04-30")}}, "2026-03-01..2026-04-30"},
		{"a gap of 8 days is not", []Span{{d("2026-03-01"), d("2026-03-31")}, {d("2026-04-09"), d("2026-04-30")}}, "2026-03-01..2026-03-31 2026-04-09..2026-04-30"},
		{"a missing month is never bridged", []Span{{d("2026-05-01"), d("2026-05-31")}, {d("2026-03-01"), d("2026-03-31")}}, "2026-03-01..2026-03-31 2026-05-01..2026-05-31"},
		{"overlapping exports join", []Span{{d("2026-03-01"), d("2026-03-31")}, {d("2026-03-15"), d("2026-04-14")}}, "2026-03-01..2026-04-14"},
	}
	for _, tt := range tests {
		var parts []string
		for _, s := range joinSpans(tt.in) {
			parts = append(parts, fmt.Sprintf("%s..%s", s.From, s.To))
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestCoveragePerAccount reads multi-card exports and several files: a
// quiet card is covered as the busy one; an order without a card and
// without a charge is covered only where every account is, and its reason
// names the accounts lacking days; only the missing days are asked for.
func TestCoveragePerAccount(t *testing.T) {
	tests := []struct {
		name     string
		rows     []string
		disputes []string
		want     string
	}{
		{"the quiet card of a family export is covered",
			[]string{"1111,2026-02-25,LAWSON,1", "2222,2026-03-01,LAWSON,1", "2222,2026-04-20,LAWSON,1"},
			[]string{orderA + ",2026-03-02,12800,JPY,1111"},
			"not-charged: no charge of 12,800 JPY between 2026-02-27 and 2026-04-01; no confirmation from Amazon yet: keep checking new statements, and add Amazon's confirmation when it comes, to know until when to watch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := story{rows: tt.rows, cards: true, disputes: tt.disputes}.run(t).Orders[0]
			if got := string(o.Verdict) + ": " + o.ReasonText(); got != tt.want {
				t.Errorf("%s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestMissingDays(t *testing.T) {
	d := civil.MustDate
	c := coverageOf("", []Span{{d("2026-03-01"), d("2026-03-10")}, {d("2026-03-20"), d("2026-03-31")}})
	got := fmt.Sprint(missingDays(c, d("2026-03-02"), d("2026-04-01")))
	if want := "[[2026-03-11 2026-03-19] [2026-04-01 2026-04-01]]"; got != want {
		t.Errorf("%s, want %s", got, want)
	}
}

// TestEveryAccountMustCover judges an order without a card or a charge on
// the days every account covers, naming the accounts that lack days.
func TestEveryAccountMustCover(t *testing.T) {
	read := func(name, text string) *parser.Statement {
		st, err := formats.ReadStatement(name, strings.NewReader("Card No.,Date,Description,Debit,Credit\n"+text), parser.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	stmts := []*parser.Statement{
		read("visa.csv", "1111,2026-02-25,LAWSON,1,\n1111,2026-04-20,LAWSON,1,\n"),
		read("master.csv", "2222,2026-02-25,LAWSON,1,\n2222,2026-03-20,LAWSON,1,\n"),
	}
	ds, err := parser.ReadDisputes("d.csv", strings.NewReader("order_id,order_date,amount,currency\n"+orderA+",2026-03-02,12800,JPY\n"))
	if err != nil {
		t.Fatal(err)
	}
	o := Match(stmts, ds, nil, Options{AsOf: civil.MustDate("2026-12-31"), Grace: 30, Watch: 60}).Orders[0]
	want := "not-covered: no charge found, but the statements of 2222 do not cover every day of the order's month; add the statements from 2026-03-21 to 2026-04-01"
	if got := string(o.Verdict) + ": " + o.ReasonText(); got != want {
		t.Errorf("%s\nwant %s", got, want)
	}
}
