package table_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/table"
)

// TestAmazonQuickTestChangesNothing reads generic files as check reads
// them, Keep being the Amazon recognizer's Classify and SurelyNotKept its
// SurelyNot, and again without SurelyNotKept (so without briefRow): the
// statements, and the problems, must be the same. The recognizers are the
// default one, one with --amazon patterns and one with --not-amazon
// exceptions; the descriptions are merchants and Amazon's names in every
// case and spacing, full-width, and names that only look like them.
func TestAmazonQuickTestChangesNothing(t *testing.T) {
	def, _ := matcher.NewRecognizer()
	extra, _ := matcher.NewRecognizer("RAKUTEN BOOKS", "EBAY")
	except, _ := matcher.NewRecognizer()
	if err := except.Except(`AMAZON WEB SERVICES`, `AWS`); err != nil {
		t.Fatal(err)
	}
	descs := []string{"AMAZON.CO.JP", "amzn mktp us*2K4RT5Q31", "Amazon  Marketplace", "Amazon Web Services", "AWS EMEA",
		"ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "アマゾン", "Prime\tVideo", "kindle unltd", "AMA ZON", "AMZ", "Rakuten   Books", "ebay O*123",
		"SEVEN-ELEVEN 00989", "starbucks   #6657", "Tesco", "UBER *TRIP 8831", ""}
	rnd := rand.New(rand.NewPCG(97, 98))
	kept := 0
	for n := range 150 {
		r := []*matcher.Recognizer{def, extra, except}[n%3]
		lines := []string{"Date,Description,Amount"}
		day := 1
		for range 30 + rnd.IntN(40) {
			if rnd.IntN(4) == 0 {
				day = min(day+1, 28)
			}
			lines = append(lines, fmt.Sprintf("2026-03-%02d,%s,%d.%02d", day, descs[rnd.IntN(len(descs))], 1+rnd.IntN(900), rnd.IntN(100)))
		}
		text := strings.Join(lines, "\n") + "\n"
		keep := func(normalized string) bool { amazon, _ := r.Classify(normalized); return amazon }
		read := func(quick bool) *parser.Statement {
			opts := parser.ReadOptions{Keep: keep, Fold: []func(civil.Date) bool{nil, func(civil.Date) bool { return false }}[n%2]}
			if quick {
				opts.SurelyNotKept = r.SurelyNot
			}
			st, err := table.Generic.Read("statement.csv", strings.NewReader(text), "utf-8", opts)
			if err != nil {
				t.Fatalf("%s\n%v", text, err)
			}
			return st
		}
		got, want := read(true), read(false)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s\nwith SurelyNot: %d kept, %d in brief\nwithout: %d kept, %d in brief", text,
				got.Txns.Len(), got.Brief.Charges+got.Brief.Credits, want.Txns.Len(), want.Brief.Charges+want.Brief.Credits)
		}
		kept += got.Txns.Len()
	}
	if kept < 1000 {
		t.Fatalf("%d rows kept in full: the test tests too little", kept)
	}
}
