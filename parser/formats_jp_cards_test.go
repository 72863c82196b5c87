package parser

// jpCardSamples: real Japanese card exports in the shared samples folder.
var jpCardSamples = map[string]string{
	"beancount-multitool_rakuten_card_test.csv":                  "rakuten-card",
	"jp_meisaicsv_MitsuiSumitomoCard.csv":                        "smbc-vpass",
	"jp_zaimcsvconverter_gold_point_card_plus_201912_202007.csv": "smbc-vpass",
	"jp_zaimcsvconverter_gold_point_card_plus201807.csv":         "smbc-vpass-detail",
}
