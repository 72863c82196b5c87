package parser

import "testing"

func TestFoldOverlaps(t *testing.T) {
	const head = "Date,Description,Debit\n"
	// March export, and a later export that starts mid-March and repeats
	// its rows, including two identical coffees on one day.
	march := head + "2026-03-01,LAWSON,200\n2026-03-15,STARBUCKS,500\n2026-03-15,STARBUCKS,500\n2026-03-18,AMAZON.CO.JP,30000\n"
	later := head + "2026-03-15,STARBUCKS,500\n2026-03-15,STARBUCKS,500\n2026-03-18,AMAZON.CO.JP,30000\n2026-04-02,AMAZON.CO.JP,30000\n"
	a := readString(t, "march.csv", march, ReadOptions{})
	b := readString(t, "later.csv", later, ReadOptions{})
	FoldOverlaps([]*Statement{a, b})
	total := len(a.Txns) + len(b.Txns)
	if total != 5 {
		t.Errorf("kept %d transactions, want 5 (LAWSON, 2×STARBUCKS, AMAZON 03-18, AMAZON 04-02)", total)
	}
	if a.Folded+b.Folded != 3 {
		t.Errorf("folded %d + %d, want 3 in all", a.Folded, b.Folded)
	}
}

func TestFoldSameFileTwice(t *testing.T) {
	in := "Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,30000\n2026-03-18,AMAZON.CO.JP,30000\n2026-03-20,LAWSON,100\n"
	a := readString(t, "a.csv", in, ReadOptions{})
	b := readString(t, "copy-of-a.csv", in, ReadOptions{})
	FoldOverlaps([]*Statement{a, b})
	if len(a.Txns) != 3 || len(b.Txns) != 0 || b.Folded != 3 {
		t.Errorf("kept %d + %d (folded %d); want the first file whole and the copy folded", len(a.Txns), len(b.Txns), b.Folded)
	}
}

func TestFoldKeepsOtherAccountsApart(t *testing.T) {
	mk := func(name, card string) *Statement {
		return readString(t, name, "Date,Card No.,Description,Debit\n2026-03-18,"+card+",AMAZON.CO.JP,30000\n", ReadOptions{})
	}
	a, b := mk("a.csv", "1111"), mk("b.csv", "2222")
	FoldOverlaps([]*Statement{a, b})
	if a.Folded+b.Folded != 0 {
		t.Error("the same charge on two cards is two charges")
	}
}
