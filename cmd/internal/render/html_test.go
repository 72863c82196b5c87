package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/cmd/internal/report"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/shopspring/decimal"
)

// The statement rows and the timeline as the page's template wrote them
// before htmlRows and htmlTimeline did: TestHTMLRowsAndTimelinesAsTheTemplate
// holds the two together.
const (
	templateRows = `{{- range ROWS}}
<tr><td>{{.Role}}</td><td class="date" data-label="{{index $.Text "Date"}}">{{.Date}}</td><td class="num" data-label="{{index $.Text "Amount"}}">{{.Amount}}</td><td data-label="{{index $.Text "Statement row"}}"><code>{{.Place}}</code></td><td data-label="{{index $.Text "Description"}}">{{.Description}}</td></tr>
{{- end}}`
	templateTimeline = `{{- with drawn .}}
<svg viewBox="0 0 {{.Width}} {{.Height}}" role="img" aria-label="{{.Label}}" xmlns="http://www.w3.org/2000/svg">
{{- range .Bands}}
<rect class="{{.Class}}" x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}" rx="3"/><text x="{{.X}}" dx="4" y="{{.Y}}" dy="12">{{.Label}}</text>
{{- end}}
<line class="axis" x1="0" y1="{{.AxisY}}" x2="{{.Width}}" y2="{{.AxisY}}"/>
{{- $axis := .AxisY}}{{$tb := .TickBottom}}{{$ty := .TickY}}
{{- range .Ticks}}
<line class="tick" x1="{{.X}}" y1="{{$axis}}" x2="{{.X}}" y2="{{$tb}}"/><text class="tick-label" x="{{.X}}" y="{{$ty}}" text-anchor="middle">{{.Label}}</text>
{{- end}}
{{- range .Marks}}
{{- if .Dashed}}
<line class="{{.Class}}" x1="{{.X}}" y1="{{.StemTop}}" x2="{{.X}}" y2="{{$tb}}"/>
{{- else}}
<line class="stem" x1="{{.X}}" y1="{{.StemTop}}" x2="{{.X}}" y2="{{$axis}}"/><circle class="{{.Class}}" cx="{{.X}}" cy="{{$axis}}" r="6"/>
{{- end}}
<text x="{{.X}}" y="{{.LabelY}}" text-anchor="{{.Anchor}}">{{.Label}}</text>
{{- end}}
</svg>
<ol class="events">
{{- range .Events}}
<li>{{.}}</li>
{{- end}}
</ol>
{{- end}}`
)

// hostileTexts are texts an input may hold: markup, quotes, the characters
// html/template escapes (+ and NUL among them), keep's marks, a byte that
// is not UTF-8, bidirectional controls, Japanese and full-width text.
var hostileTexts = []string{
	`AMAZON.CO.JP`, `<script>alert("x")</script>`, `Tom's & Jerry's +1 "deal"`, "nul\x00byte",
	"mark\ufdd0kept\ufdd1", "bad\xffbyte", "rlo\u202eevil", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ　お届け", `a>b<c`, `=1+1`,
}

// TestHTMLRowsAndTimelinesAsTheTemplate writes pages whose orders, rows and
// unknown charges hold hostile texts, in English and Japanese, and checks
// that htmlRows and htmlTimeline write them byte for byte as the page's
// template did with its own escaping (templateRows, templateTimeline).
func TestHTMLRowsAndTimelinesAsTheTemplate(t *testing.T) {
	d := civil.MustDate
	rep := &matcher.Report{AsOf: d("2026-05-01"), Grace: 30, Watch: 60}
	var unknown []*parser.Transaction
	for i, text := range hostileTexts {
		row := func(day, amount string, line int) *parser.Transaction {
			return &parser.Transaction{Date: d(day), Amount: decimal.RequireFromString(amount), Currency: "JPY", Description: text, File: "vpass " + text + ".csv", Line: line}
		}
		o := &matcher.OrderResult{
			Dispute: &parser.Dispute{OrderID: fmt.Sprintf("250-%07d-%s", i, text), OrderDate: d("2026-03-02"), Amount: decimal.RequireFromString("12800"), Currency: "JPY", Note: text},
			Charges: []*parser.Transaction{row("2026-03-04", "12800", 10*i+1)},
		}
		if i%2 == 0 {
			o.Credits = []*parser.Transaction{row("2026-03-20", "-12800", 10*i+2)}
			o.Confirmation = &parser.Confirmation{OrderID: o.Dispute.OrderID, ConfirmedOn: d("2026-03-10"), Kind: parser.KindRefund, Note: text, File: "mails " + text}
			o.Confirmations = []*parser.Confirmation{o.Confirmation}
		}
		o.Coverage = &matcher.Coverage{To: d("2026-04-28")}
		rep.Orders = append(rep.Orders, o)
		unknown = append(unknown, row("2026-04-02", "980", 10*i+3))
	}
	rep.Unknown = matcher.RowsOf(unknown...)
	for _, lang := range []string{i18n.English, i18n.Japanese} {
		l := i18n.New(lang)
		r := NewRendering(&input.Inputs{}, rep, l, false, 0)
		var got bytes.Buffer
		if err := renderHTML(&got, r); err != nil {
			t.Fatal(err)
		}
		calls := map[string]string{
			"{{- rows $.Out .Rows $.Text}}":           strings.Replace(templateRows, "ROWS", ".Rows", 1),
			"{{- unknownRows $.Out .Unknown $.Text}}": strings.Replace(templateRows, "ROWS", "(all .Unknown)", 1),
			"{{- timeline $.Out .}}":                  templateTimeline,
		}
		text := reportHTML
		for call, inline := range calls {
			if strings.Count(text, call) != 1 {
				t.Fatalf("the page's template calls %q %d times, not once", call, strings.Count(text, call))
			}
			text = strings.Replace(text, call, inline, 1)
		}
		ref := template.Must(template.New("ref").Funcs(template.FuncMap{
			"drawn": func(o report.OrderView) *report.Timeline { return o.DrawTimeline(rep, l) },
			"all": func(u report.UnknownRows) []report.TxnView {
				var all []report.TxnView
				for i := range u.Len() {
					all = append(all, u.At(i))
				}
				return all
			},
		}).Parse(text))
		var want bytes.Buffer
		if err := ref.Execute(&want, htmlPageOf(r, &want)); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			g, w := got.String(), want.String()
			at := 0
			for at < min(len(g), len(w)) && g[at] == w[at] {
				at++
			}
			t.Fatalf("%s: the page differs from the template's at byte %d:\ngot  %q\nwant %q", lang, at, g[max(at-80, 0):min(at+80, len(g))], w[max(at-80, 0):min(at+80, len(w))])
		}
		for _, must := range []string{"&lt;script&gt;", "Tom&#39;s &amp; Jerry&#39;s &#43;1 &#34;deal&#34;", "<svg viewBox=", `<ol class="events">`} {
			if !strings.Contains(got.String(), must) {
				t.Errorf("%s: the page lacks %q", lang, must)
			}
		}
		if n := strings.Count(got.String(), "<svg viewBox="); n != len(hostileTexts) {
			t.Errorf("%s: %d timelines for %d orders", lang, n, len(hostileTexts))
		}
		if strings.Contains(got.String(), "<script>") {
			t.Errorf("%s: markup from an input is written as markup", lang)
		}
	}
}

// TestHTMLTextEscapedAsTheTemplate checks appendHTMLText against
// html/template's escaping of a text in an element and in a quoted
// attribute, for every byte alone and the hostile texts.
func TestHTMLTextEscapedAsTheTemplate(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(`<p title="{{.}}">{{.}}</p>`))
	texts := append([]string(nil), hostileTexts...)
	for c := range 256 {
		texts = append(texts, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	for _, s := range texts {
		var want bytes.Buffer
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		esc := string(appendHTMLText(nil, s))
		if got := `<p title="` + esc + `">` + esc + `</p>`; got != want.String() {
			t.Errorf("%q: got %q, the template writes %q", s, got, want.String())
		}
	}
}

// TestHTMLWriteErrorAsItIs writes the page to a writer that fails once it
// has taken a given number of bytes, at many points of the page (the
// template's own text, the rows, the timelines): the error returned is
// the writer's, as it is, not the template's account of an action.
func TestHTMLWriteErrorAsItIs(t *testing.T) {
	d := civil.MustDate
	rep := &matcher.Report{AsOf: d("2026-05-01"), Grace: 30, Watch: 60}
	var unknown []*parser.Transaction
	for i := range 400 {
		unknown = append(unknown, &parser.Transaction{Date: d("2026-04-02"), Amount: decimal.RequireFromString("980"), Currency: "JPY", Description: "AMAZON.CO.JP", File: "vpass.csv", Line: i + 2})
	}
	rep.Unknown = matcher.RowsOf(unknown...)
	o := &matcher.OrderResult{
		Dispute: &parser.Dispute{OrderID: "250-1234567-1234567", OrderDate: d("2026-03-02"), Amount: decimal.RequireFromString("12800"), Currency: "JPY"},
		Charges: []*parser.Transaction{unknown[0]},
	}
	o.Coverage = &matcher.Coverage{To: d("2026-04-28")}
	rep.Orders = []*matcher.OrderResult{o}
	r := NewRendering(&input.Inputs{}, rep, i18n.New(i18n.English), false, 0)
	var whole bytes.Buffer
	if err := renderHTML(&whole, r); err != nil {
		t.Fatal(err)
	}
	for limit := 0; limit < whole.Len(); limit += 997 {
		err := renderHTML(&failingWriter{left: limit}, r)
		if err != errWriteFull {
			t.Fatalf("failing after %d of %d bytes: %v, want the writer's error as it is", limit, whole.Len(), err)
		}
	}
}

var errWriteFull = errors.New("no space left on device")

// failingWriter takes left bytes, then fails.
type failingWriter struct{ left int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.left {
		n := w.left
		w.left = 0
		return n, errWriteFull
	}
	w.left -= len(p)
	return len(p), nil
}
