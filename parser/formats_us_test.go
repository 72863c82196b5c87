package parser

// usSamples: real United States exports in the shared samples folder.
var usSamples = map[string]string{
	"beancount-multitool_chase_sp_card_test.csv": "chase-card",
	"us_csv2ofx_capitalone.csv":                  "capital-one",
}
