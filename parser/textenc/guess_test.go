package textenc

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// Each text is written in an encoding and must be read back in it.
func TestGuessEncoding(t *testing.T) {
	amazonRows := func(n int) string {
		var b strings.Builder
		b.WriteString("ご利用日,ご利用店名,ご利用金額\n")
		for i := range n {
			fmt.Fprintf(&b, "2026/03/%02d,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,%d\n", i+1, 1000+i)
		}
		return b.String()
	}
	tests := []struct {
		name string
		enc  encoding.Encoding
		want string
		text string
	}{
		{"full-width Japanese typed in Excel", japanese.ShiftJIS, EncCP932,
			"日付,内容,金額\n２０２６／０３／０２,ギフト券,３００００\n２０２６／０３／０５,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,１２８０\n"},
		{"twelve full-width AMAZON rows", japanese.ShiftJIS, EncCP932, amazonRows(12)},
		{"two full-width AMAZON rows", japanese.ShiftJIS, EncCP932, amazonRows(2)},
		{"full-width rows under an English header", japanese.ShiftJIS, EncCP932,
			"Date,Description,Amount\n" + strings.Repeat("2026-03-02,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,3000\n", 12)},
		{"kanji header only", japanese.ShiftJIS, EncCP932, "日付,摘要,金額\n2026/03/02,AMAZON,3000\n"},
		{"half-width katakana", japanese.ShiftJIS, EncCP932, "2026/03/02,ｱﾏｿﾞﾝ ｼﾞﾔﾊﾟﾝ,3000\n2026/03/03,ﾃﾞﾝｷ,500\n"},
		{"German", charmap.Windows1252, EncCP1252, "Buchungstag;Betrag;Währung;Gläubiger\n02.03.2026;-30,00;EUR;Bäckerei Müller Straße\n"},
		{"French", charmap.Windows1252, EncCP1252, "Date;Libellé;Montant\n02/03/2026;Prélèvement à la Lumière, crème;-12,50\n"},
		{"Danish", charmap.Windows1252, EncCP1252, "Dato;Tekst;Beløb\n02.03.2026;Købmand Søren;-120,00\n"},
		{"Italian", charmap.Windows1252, EncCP1252, "Data;Descrizione;Importo\n02/03/2026;Caffè città più però lunedì;-3,50\n"},
		{"Spanish", charmap.Windows1252, EncCP1252, "Fecha;Concepto;Importe\n02/03/2026;Señor Muñoz, compra en España;-9,99\n"},
		{"ISO-8859-1, no byte of 0x80-0x9F", charmap.ISO8859_1, EncCP1252, "Datum;Betrag;Beschreibung\n02.03.2026;-5,00;Café Größe, 5°\n"},
		{"Czech (Fio)", charmap.Windows1250, EncCP1250,
			"ID pohybu;Datum;Objem;Měna;Protiúčet;Název protiúčtu;Kód banky;Název banky;KS;VS;SS;Poznámka;Zpráva pro příjemce;Typ;Provedl;Upřesnění;Komentář\n" +
				"1;02.03.2026;-300,00;CZK;;;;;;;;Nákup: AMAZON;;Platba kartou;;;\n"},
		{"Czech (Raiffeisen)", charmap.Windows1250, EncCP1250,
			"Datum provedení;Zaúčtováno;Číslo účtu;Název účtu;Kategorie transakce;Částka;Měna;Poznámka\n02.03.2026;02.03.2026;;;Platba kartou;-300,00;CZK;Nákup přes internet, šek\n"},
		{"Polish", charmap.Windows1250, EncCP1250, "Data;Opis;Kwota\n02.03.2026;Płatność kartą, zakupy w sklepie Łódź;-45,00\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := encode(t, tt.enc, tt.text)
			r, enc, err := Decode(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(r)
			if enc != tt.want || string(got) != tt.text {
				t.Errorf("Decode = %s %q, want %s %q", enc, got, tt.want, tt.text)
			}
		})
	}
}

// A file whose first 64 KiB are ASCII is decoded in the encoding of its
// first other byte, wherever that stands.
func TestDecodeLateNonASCII(t *testing.T) {
	ascii := strings.Repeat("2026-03-02,AMAZON.COM,12.50\n", 3000) // 84 KB
	tests := []struct {
		name string
		enc  encoding.Encoding
		want string
		tail string
	}{
		{"cp1252", charmap.Windows1252, EncCP1252, "2026-03-03,Café Lumière,4.75\n"},
		{"cp1250", charmap.Windows1250, EncCP1250, "2026-03-03,Převod, Upřesnění,4.75\n"},
		{"cp932", japanese.ShiftJIS, EncCP932, "2026-03-03,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,3000\n"},
		{"utf-8", encoding.Nop, EncUTF8, "2026-03-03,Café Lumière,4.75\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := append([]byte(ascii), encode(t, tt.enc, tt.tail)...)
			r, enc, err := Decode(bytes.NewReader(raw))
			if err != nil || enc != EncUTF8 {
				t.Fatalf("Decode named %s, %v; want utf-8 until the first other byte", enc, err)
			}
			got, _ := io.ReadAll(r)
			if string(got) != ascii+tt.tail || DecodedAs(r, enc) != tt.want {
				t.Errorf("read %q… as %s, want %q as %s", got[len(ascii):], DecodedAs(r, enc), tt.tail, tt.want)
			}
			all, enc, err := DecodeAll(raw)
			if err != nil || string(all) != ascii+tt.tail || enc != tt.want {
				t.Errorf("DecodeAll read %q… as %s, %v", all[len(ascii):], enc, err)
			}
		})
	}
}

// Short statements of one to four rows, made of words Japanese, Western
// and Central European exports write, each in its encoding: every one is
// decoded back to its text. Short files are where the bytes say least.
func TestGuessEncodingShortFiles(t *testing.T) {
	words := []struct {
		name string
		enc  encoding.Encoding
		list []string
	}{
		{"cp932", japanese.ShiftJIS, []string{"ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "セブン－イレブン", "ローソン", "東京電力", "振込手数料", "ｱﾏｿﾞﾝ", "ｶ)ｱﾏｿﾞﾝｼﾞﾔﾊﾟﾝ",
			"西友 池袋店", "楽天市場", "ご利用代金", "ＥＴＣ", "日付", "摘要", "金額", "三井住友", "ＡＰＰＬＥ　ＣＯＭ　ＢＩＬＬ", "電気代", "東急", "㈱ヨドバシ",
			"円", "Amazon.co.jp 支払い", "ＡＭＡＺＯＮ ﾌﾟﾗｲﾑ会費", "AMAZON 返品", "Suica チャージ", "ガス代", "NTTドコモ", "利用店名", "JR東日本", "食費", "品川区"}},
		{"cp1252", charmap.Windows1252, []string{"Bäckerei Müller", "Café Lumière", "Prélèvement SEPA", "Supermarché", "Straße", "Überweisung", "Gebühr",
			"Señor Muñoz", "Købmand", "Møller", "Città", "Lunedì", "Crème brûlée", "Zürich", "Ärzte", "Façade", "Garçon", "Résumé", "Björk", "Æble",
			"Kartenzahlung Edeka Größe", "Dépôt", "Été", "Ça va", "Açaí", "São Paulo", "Jørgen", "Blåbær", "Für", "Öl", "Ärger", "paiement à Paris", "coût €5"}},
		{"cp1250", charmap.Windows1250, []string{"Převod", "Platba kartou", "Měna", "Poplatek za vedení účtu", "Nákup", "Příchozí platba", "Částka",
			"Upřesnění", "Zpráva pro příjemce", "Účet", "Žádost", "Šek", "Obchod", "Lékárna", "Kavárna", "Čerpací stanice", "Płatność kartą", "Przelew",
			"Łódź", "Zakupy w sklepie", "Opłata", "Dziękujemy", "Kraków", "Źródło", "Śniadanie", "Žilina", "Bratislava, Štúrova", "Ďakujeme", "Ľubovňa"}},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, w := range words {
		wrong := 0
		for range 1000 {
			var b strings.Builder
			b.WriteString("Date,Description,Amount\n")
			for j := range 1 + rng.IntN(4) {
				fmt.Fprintf(&b, "2026-03-%02d,%s,%d\n", j+1, w.list[rng.IntN(len(w.list))], rng.IntN(9000))
			}
			raw := encode(t, w.enc, b.String())
			r, enc, err := Decode(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := io.ReadAll(r); string(got) != b.String() {
				if wrong++; wrong <= 3 {
					t.Errorf("%s: %q read as %s", w.name, b.String(), enc)
				}
			}
		}
		if wrong > 0 {
			t.Errorf("%s: %d of 1000 files read wrong", w.name, wrong)
		}
	}
}
func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return b
}
