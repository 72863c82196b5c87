package table

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// keepAmazonNames chooses the rows whose normalised description names
// Amazon; surelyNotAmazonNames is its quick test, exact for ASCII text,
// whose normal form only upper-cases letters and gathers white space, so
// that a name without white space stands in the one as in the other.
func keepAmazonNames(normalized string) bool {
	return strings.Contains(normalized, "AMAZON") || strings.Contains(normalized, "AMZN")
}

func surelyNotAmazonNames(description string) bool {
	for i := 0; i < len(description); i++ {
		if description[i] >= 0x80 {
			return false
		}
	}
	up := strings.ToUpper(description)
	return !strings.Contains(up, "AMAZON") && !strings.Contains(up, "AMZN")
}

// TestSurelyNotKeptChangesNothing reads generic files once with Keep's
// quick test (ReadOptions.SurelyNotKept) and once without: the statements,
// and the problems, must be the same. The rows the quick test passes are
// normalised only where they are folded (every day, or none), where their
// day waits for the file's day order (year-last dates), and where the
// file names more accounts than a posting can and keeps the rest in full.
// Their descriptions are in every case, with runs of spaces and tabs,
// full-width letters and bytes that are not UTF-8.
func TestSurelyNotKeptChangesNothing(t *testing.T) {
	rnd := rand.New(rand.NewPCG(91, 92))
	descs := []string{"AMAZON.CO.JP", "amzn mktp us*2K4RT5Q31", "Amazon  Marketplace", "SEVEN-ELEVEN 00989",
		"starbucks   #6657", "Lawson\tShibuya", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "ｾﾌﾞﾝｲﾚﾌﾞﾝ", "AMA ZON", "am\xffzn", "", "  Tesco Stores 3297 "}
	dates := []string{"2026-03-%02d", "%02d/03/2026"} // the second waits for the day order
	// Folding every day (nil), on odd days, or on none.
	folds := []func(civil.Date) bool{nil, func(d civil.Date) bool { return d.Number()%2 == 1 }, func(civil.Date) bool { return false }}
	tried, kept, briefs := 0, 0, 0
	for n := range 300 {
		withAccount := n%5 == 0
		header := "Date,Description,Amount"
		if withAccount {
			header += ",Account"
		}
		layout := dates[rnd.IntN(2)]
		lines := []string{header}
		for i := range 20 + rnd.IntN(30) {
			row := fmt.Sprintf(layout, 1+i%28) + "," + descs[rnd.IntN(len(descs))] + "," + fmt.Sprintf("%d.%02d", 1+rnd.IntN(900), rnd.IntN(100))
			if withAccount {
				row += fmt.Sprintf(",*%04d", rnd.IntN(3))
			}
			lines = append(lines, row)
		}
		text := strings.Join(lines, "\n") + "\n"
		read := func(quick bool) (*parser.Statement, string) {
			opts := parser.ReadOptions{Keep: keepAmazonNames, SkipInvalid: n%2 == 0, Fold: folds[n%len(folds)]}
			if quick {
				opts.SurelyNotKept = surelyNotAmazonNames
			}
			st, err := Generic.Read("statement.csv", strings.NewReader(text), "utf-8", opts)
			if err != nil {
				return nil, err.Error()
			}
			return st, ""
		}
		got, gotErr := read(true)
		want, wantErr := read(false)
		if gotErr != wantErr || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s\nread with SurelyNotKept: %+v %v\nwithout: %+v %v", text, got, gotErr, want, wantErr)
		}
		if got != nil {
			tried++
			kept += got.Txns.Len()
			briefs += got.Brief.Postings.Len()
		}
	}
	if tried < 100 || kept == 0 || briefs == 0 {
		t.Fatalf("%d files read, %d rows kept in full, %d postings: the test tests too little", tried, kept, briefs)
	}
}

// TestSurelyNotKeptPastTheAccounts reads a file that names more accounts
// than a posting can, whose last rows are kept in full though Keep would
// refuse them: they are normalised then, as without the quick test.
func TestSurelyNotKeptPastTheAccounts(t *testing.T) {
	var b strings.Builder
	b.WriteString("Date,Description,Amount,Account\n")
	// Only the rows kept in brief name their account: one in ten is Amazon's.
	for i := range 65536*10/9 + 60 {
		desc := []string{"Seven-Eleven  Shinjuku", "tesco\tstores"}[i%2]
		if i%10 == 0 {
			desc = "AMAZON.CO.JP"
		}
		fmt.Fprintf(&b, "2026-03-%02d,%s,%d.00,ACCT%06d\n", 1+i%28, desc, 1+i%90, i)
	}
	read := func(quick bool) *parser.Statement {
		opts := parser.ReadOptions{Keep: keepAmazonNames}
		if quick {
			opts.SurelyNotKept = surelyNotAmazonNames
		}
		st, err := Generic.Read("statement.csv", strings.NewReader(b.String()), "utf-8", opts)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	got, want := read(true), read(false)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read with SurelyNotKept: %d kept, without: %d", got.Txns.Len(), want.Txns.Len())
	}
	// Past the accounts, every row is kept, Amazon's or not.
	if n := got.Txns.Len(); n < 40 || got.Txns.Normalized(n-1) != "SEVEN-ELEVEN SHINJUKU" || got.Txns.Normalized(n-2) != "TESCO STORES" {
		t.Fatalf("%d rows kept in full; the last two are %q and %q", n, got.Txns.Normalized(n-2), got.Txns.Normalized(n-1))
	}
}

// TestBriefRowsReadAsTransactionReadsThem reads generic files once with
// briefRow reading the rows it can and once with transaction reading them
// all: the statements, and the problems, must be the same. The files are
// of the three columns briefRow reads, in any order, and of more columns,
// which it leaves alone; their rows fall mostly on the day of the row
// before, some on days of their own, with times of day, compact, or on
// year-last days that wait for the day order, with charges written positive or negative, with Amazon's rows, amounts written otherwise ("1,234.56",
// "$5", "12.00 CR"), cells with spaces around them, blank lines and section markers,
// and each file is folded on every day, on odd days or on none.
func TestBriefRowsReadAsTransactionReadsThem(t *testing.T) {
	rnd := rand.New(rand.NewPCG(93, 94))
	headers := []string{"Date,Description,Amount", "Amount,Date,Description", "Description,Amount,Posting Date",
		"Date,Description,Amount,Currency", "Date,Description,Debit,Credit", "Date,Payee,Memo,Amount"}
	descs := []string{"SEVEN-ELEVEN 00989", "Starbucks  #6657", "AMAZON.CO.JP", "amzn mktp us*2K4RT5Q31", "ＬＡＷＳＯＮ", "Tesco", ""}
	amounts := []string{"12.30", "-5.00", "1234.56", "7", "-0.99", " 8.60", `"1,234.56"`, "$5.00", "12.00 CR", "7.00 DR"}
	folds := []func(civil.Date) bool{nil, func(d civil.Date) bool { return d.Number()%2 == 1 }, func(civil.Date) bool { return false }}
	read, briefs := 0, 0
	for n := range 400 {
		header := headers[rnd.IntN(len(headers))]
		names := strings.Split(header, ",")
		// Dates of 10 bytes, with their time to the minute (16) or the
		// second (19, the day between the cell's first and last eight
		// bytes), compact (8), or year-last, waiting for the day order.
		layout := []string{"2026-%02d-%02d", "2026-%02d-%02d 09:15", "2026-%02d-%02d 00:00:00", "2026-%02d-%02dT12:30:00+09:00", "2026%02d%02d", "%02[2]d/%02[1]d/2026"}[rnd.IntN(6)]
		month, day, slash := 3, 1, strings.HasPrefix(layout, "%")
		negative := rnd.IntN(3) == 0 // charges written negative, as some banks do
		if slash {
			day = 13 // a day that tells the day order
		}
		lines := []string{header}
		for range 20 + rnd.IntN(40) {
			if rnd.IntN(4) == 0 {
				day = min(day+1, 28)
			}
			if rnd.IntN(10) == 0 {
				month = min(month+1, 12) // the same day of the next month: the cell differs in its first bytes only
			}
			switch rnd.IntN(40) {
			case 0:
				lines = append(lines, "")
				continue
			case 1:
				lines = append(lines, []string{"Pending Transactions", "Posted Transactions"}[rnd.IntN(2)])
				continue
			}
			cells := make([]string, len(names))
			for i, name := range names {
				switch name {
				case "Date", "Posting Date":
					cells[i] = fmt.Sprintf(layout, month, day)
				case "Description", "Payee":
					cells[i] = descs[rnd.IntN(len(descs))]
				case "Amount", "Debit":
					cells[i] = amounts[rnd.IntN(3)]
					if rnd.IntN(8) == 0 {
						cells[i] = amounts[rnd.IntN(len(amounts)-1)]
					}
					if negative && strings.HasPrefix(cells[i], "-") {
						cells[i] = cells[i][1:]
					} else if negative && cells[i][0]-'0' <= 9 {
						cells[i] = "-" + cells[i]
					}
					if rnd.IntN(200) == 0 {
						cells[i] = "abc" // the file is refused, unless invalid rows are skipped
					}
				case "Currency":
					cells[i] = "EUR"
				}
			}
			lines = append(lines, strings.Join(cells, ","))
		}
		text := strings.Join(lines, "\n") + "\n"
		opts := parser.ReadOptions{Keep: keepAmazonNames, SurelyNotKept: surelyNotAmazonNames, SkipInvalid: n%2 == 0, Fold: folds[n%len(folds)]}
		got, gotErr, want, wantErr := readBothWays(text, opts, &briefRows)
		if gotErr != wantErr || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s\nread with briefRow: %+v %v\nwith transaction: %+v %v", text, got, gotErr, want, wantErr)
		}
		if got != nil {
			read++
			briefs += got.Brief.Charges + got.Brief.Credits
		}
	}
	if read < 200 || briefs < 5000 {
		t.Fatalf("%d files read, %d rows counted in brief: the test tests too little", read, briefs)
	}
}

// TestBriefDaysAreEveryRowsDays checks what keepBrief keeps of the rows
// it counts against the rows themselves: each account's days are the days
// of its rows kept in brief, and a posting is kept for each such row on a
// day Fold chooses, however the rows' days and accounts follow one
// another (keepBrief passes over the day of the row before).
func TestBriefDaysAreEveryRowsDays(t *testing.T) {
	rnd := rand.New(rand.NewPCG(95, 96))
	odd := func(d civil.Date) bool { return d.Number()%2 == 1 }
	for range 100 {
		withAccount := rnd.IntN(2) == 0
		header := "Date,Description,Amount"
		if withAccount {
			header += ",Account"
		}
		lines := []string{header}
		days := map[string]map[civil.Date]bool{}
		postings := 0
		day := 1
		for range 10 + rnd.IntN(60) {
			if rnd.IntN(3) == 0 {
				day = 1 + rnd.IntN(28) // back and forth
			}
			date := civil.MustDate(fmt.Sprintf("2026-03-%02d", day))
			row := fmt.Sprintf("2026-03-%02d,STARBUCKS #%d,%d.50", day, rnd.IntN(100), 1+rnd.IntN(50))
			account := ""
			if withAccount {
				account = []string{"*1234", "*5678", "*9012"}[rnd.IntN(3)]
				row += "," + account
			}
			if days[account] == nil {
				days[account] = map[civil.Date]bool{}
			}
			days[account][date] = true
			if odd(date) {
				postings++
			}
			lines = append(lines, row)
		}
		text := strings.Join(lines, "\n") + "\n"
		st, err := Generic.Read("statement.csv", strings.NewReader(text), "utf-8",
			parser.ReadOptions{Keep: keepAmazonNames, SurelyNotKept: surelyNotAmazonNames, Fold: odd})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]map[civil.Date]bool{}
		for i, a := range st.Brief.Accounts {
			got[a] = map[civil.Date]bool{}
			for d := range st.Brief.Days[i].All() {
				got[a][d] = true
			}
		}
		if !reflect.DeepEqual(got, days) {
			t.Fatalf("%s\ndays kept: %v\nthe rows' days: %v", text, got, days)
		}
		if st.Brief.Postings.Len() != postings {
			t.Fatalf("%s\n%d postings kept, %d rows on odd days", text, st.Brief.Postings.Len(), postings)
		}
	}
}

// The rows a reader keeps in full read back with their description's
// normal form (textenc.Normalize), whichever way it was made: descriptions
// already normal, in small letters or with runs of spaces (made by
// AppendNormalASCII, which KeptRows then makes again rather than keep),
// and beyond ASCII.
func TestKeptRowsReadBackTheirNormalForm(t *testing.T) {
	descs := []string{"AMAZON.CO.JP", "Amazon.com*AB12CD34E", "amzn  mktp\tus*2K4", " amazon marketplace ", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "アマゾン"}
	var b strings.Builder
	b.WriteString("Date,Description,Amount\n")
	for i := range 60 {
		fmt.Fprintf(&b, "2026-03-%02d,%s,%d.00\n", 1+i%28, descs[i%len(descs)], 1+i)
	}
	keep := func(normalized string) bool {
		return keepAmazonNames(normalized) || strings.Contains(normalized, "アマゾン")
	}
	for _, opts := range []parser.ReadOptions{{}, {Keep: keep, SurelyNotKept: surelyNotAmazonNames}} {
		st, err := Generic.Read("statement.csv", strings.NewReader(b.String()), "utf-8", opts)
		if err != nil {
			t.Fatal(err)
		}
		if st.Txns.Len() != 60 {
			t.Fatalf("%d rows kept in full, want 60; skipped %v, %d in brief", st.Txns.Len(), st.Skipped, st.Brief.Charges+st.Brief.Credits)
		}
		for i := range st.Txns.Len() {
			x := st.Txns.At(i)
			if want := textenc.Normalize(x.Description); x.Normalized != want || st.Txns.Normalized(i) != want {
				t.Fatalf("row %d %q: Normalized %q and %q, want %q", i, x.Description, x.Normalized, st.Txns.Normalized(i), want)
			}
		}
	}
}

// A row whose description is already normal, or beyond ASCII, after one
// whose form normalize made with AppendNormalASCII keeps its own form:
// the earlier row's text is no guide to it, as the reader may have written
// over it (as it does when built with the tag rowpoison), and a
// full-width ＡＭＡＺＯＮ is AMAZON, not itself.
func TestKeptRowAfterAMadeFormKeepsItsOwn(t *testing.T) {
	text := "Date,Description,Amount\n"
	for range 3 {
		text += "2026-03-01,amazon marketplace,-1.00\n2026-03-02,ＡＭＡＺＯＮ,-7.77\n2026-03-03,AMAZON.CO.JP,-2.00\n"
	}
	st, err := Generic.Read("statement.csv", strings.NewReader(text), "utf-8", parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range st.Txns.Len() {
		x := st.Txns.At(i)
		if want := textenc.Normalize(x.Description); x.Normalized != want {
			t.Fatalf("row %d %q: Normalized %q, want %q", i, x.Description, x.Normalized, want)
		}
	}
}

// The same past the reader's first block of text, where it reads the next
// block into the same room: rows of ＡＭＡＺＯＮ (18 bytes, as "amazon
// marketplace" is) after a row whose form normalize made, the first row
// padded so that one of them falls where that row stood.
func TestKeptRowsPastABlockKeepTheirOwnForm(t *testing.T) {
	keep := func(normalized string) bool { return strings.Contains(normalized, "AMAZON") }
	for pad := range 36 {
		var b strings.Builder
		b.WriteString("Date,Description,Amount\n")
		fmt.Fprintf(&b, "2026-03-01,STARBUCKS%s,3.00\n", strings.Repeat("X", pad))
		b.WriteString("2026-03-01,amazon marketplace,1.00\n")
		for b.Len() < rowBlock+4096 {
			b.WriteString("2026-03-02,ＡＭＡＺＯＮ,7.77\n")
		}
		for _, opts := range []parser.ReadOptions{{}, {Keep: keep, SurelyNotKept: surelyNotAmazonNames}} {
			st, err := Generic.Read("statement.csv", strings.NewReader(b.String()), "utf-8", opts)
			if err != nil {
				t.Fatal(err)
			}
			for i := range st.Txns.Len() {
				if x := st.Txns.At(i); x.Normalized != textenc.Normalize(x.Description) {
					t.Fatalf("padded by %d: row %d %q: Normalized %q, want %q", pad, i, x.Description, x.Normalized, textenc.Normalize(x.Description))
				}
			}
		}
	}
}
