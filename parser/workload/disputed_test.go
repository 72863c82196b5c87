package workload

import (
	"math/rand/v2"
	"testing"
)

// Each story of a disputed order has the statement rows its verdict
// needs: none when never billed, a charge and a later credit of the same
// amount when refunded, one charge when still charged, after Amazon
// handled it or not.
func TestDisputedOrderRows(t *testing.T) {
	g := &generator{rnd: rand.New(rand.NewPCG(11, 12))}
	seen := map[string]int{}
	for i := range 400 {
		o, rows := g.disputed(i, nil)
		seen[o.verdict]++
		if want := int64(1_000_000 + i*7 + 3); o.cents != want {
			t.Fatalf("order %d: %d cents, want %d", i, o.cents, want)
		}
		if o.handled < o.ordered+3 || o.handled > o.ordered+19 {
			t.Errorf("%s: handled on day %d, ordered on %d; want 3 to 19 days later", o.id, o.handled, o.ordered)
		}
		switch o.verdict {
		case "not-charged":
			if o.confirmed != "cancel" || len(rows) != 0 {
				t.Errorf("%s: never billed, confirmed %q with %d rows", o.id, o.confirmed, len(rows))
			}
		case "refunded":
			if o.confirmed != "refund" || len(rows) != 2 || rows[0].cents != o.cents || rows[1].cents != -o.cents ||
				rows[1].day <= max(rows[0].day, o.handled) {
				t.Errorf("%s: refunded, confirmed %q with rows %v", o.id, o.confirmed, rows)
			}
		case "still-charged":
			if o.confirmed != "refund" || len(rows) != 1 || rows[0].cents != o.cents {
				t.Errorf("%s: still charged, confirmed %q with rows %v", o.id, o.confirmed, rows)
			}
		default:
			t.Errorf("%s: verdict %q", o.id, o.verdict)
		}
	}
	if seen["not-charged"] == 0 || seen["refunded"] == 0 || seen["still-charged"] == 0 {
		t.Errorf("verdicts %v; want each story", seen)
	}
}

// Background rows fill the statement to the size asked, the Amazon ones
// below 1500.00, so that no 5 of them reach a disputed amount.
func TestBackgroundRows(t *testing.T) {
	g := &generator{rnd: rand.New(rand.NewPCG(5, 6))}
	rows := g.background(make([]txn, 3), 3000)
	if len(rows) != 3000 {
		t.Fatalf("%d rows, want 3000", len(rows))
	}
	amazon := 0
	for _, r := range rows[3:] {
		if r.cents < 100 || r.day < 0 || r.day >= span {
			t.Fatalf("row %v outside the amounts or days", r)
		}
		if isAmazon := r.desc == "AMAZON.CO.JP" || len(r.desc) > 4 && (r.desc[:4] == "AMZN" || r.desc[:4] == "Amaz" || r.desc[:4] == "AMAZ"); isAmazon {
			amazon++
			if r.cents >= 150_000 {
				t.Errorf("background Amazon row %v at 1500.00 or more", r)
			}
		}
	}
	if amazon == 0 {
		t.Error("no background Amazon row")
	}
}
