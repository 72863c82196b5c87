package formats

// euSamples: real UK and EU exports in the shared samples folder.
var euSamples = map[string]string{
	"uk_bank2ynab_Monzo_2018_export.csv":                 "monzo-2018",
	"uk_bank2ynab_Barclaycard_statement_1.csv":           "barclaycard",
	"eu_csv2ofx_n26_2020_english_headers.csv":            "n26",
	"eu_bank2ynab_N26_DE_old_20171001-20171106.csv":      "n26-de-2017",
	"de_RechnungsFee_dkb.csv":                            "dkb",
	"de_dkb2homebank_giro_2023.csv":                      "dkb",
	"de_dkb2homebank_visaNew.csv":                        "dkb-visa",
	"de_RechnungsFee_sparkasse-lzo-camt-v8.csv":          "sparkasse-camt",
	"de_RechnungsFee_sparkasse-lzo-mt940.csv":            "sparkasse-mt940",
	"eu_bank2ynab_Sparkasse_CSV-MT940_umsatz.CSV":        "sparkasse-mt940",
	"eu_bank2ynab_Ostseesparkasse_creditcard_umsatz.CSV": "sparkasse-card",
	"de_RechnungsFee_ing.csv":                            "ing-de",
	"de_RechnungsFee_commerzbank.csv":                    "commerzbank",
}
