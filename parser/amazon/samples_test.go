package amazon

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRealSamples checks detection on the collected real exports when they
// are next to the repository (../shared/formats/samples); CI clones the
// repository alone and skips it.
func TestRealSamples(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "formats", "samples")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no real samples next to the repository")
	}
	tests := []struct {
		file string
		want Format
	}{
		{"amazon_gdpr_demo_Retail.OrderHistory.1_head.csv", OrderHistoryLegacy},
		{"amazon_gdpr_demo_Digital_Items_head.csv", DigitalItems},
		{"amazon_gdpr_demo_Retail.OrdersReturned.Payments.1.csv", RefundPayments},
		{"jp_zaimcsvconverter_amazon_201911_202012.csv", OrderFilterJP},
		{"amazon_order_history_reporter_ext_csv2ofx_amazon.csv", Unknown},
		{"jp_meisaicsv_MitsuiSumitomoCard.csv", Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Skip(err)
			}
			if got := Detect(data); got != tt.want {
				t.Errorf("Detect = %q, want %q", got, tt.want)
			}
		})
	}
	// The extension's export uses real-shaped order ids: it must read whole.
	fh, err := os.Open(filepath.Join(dir, "jp_zaimcsvconverter_amazon_201911_202012.csv"))
	if err != nil {
		t.Skip(err)
	}
	defer fh.Close()
	f, err := Read("amazon.csv", fh)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Orders) == 0 {
		t.Error("no orders read")
	}
}
