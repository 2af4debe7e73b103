package figure

import (
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	tb := NewTable("optimizer", "success", "steps")
	tb.Title = "100 seeds"
	tb.AddRow("Adam", "93%", 412)
	tb.AddRow("<GD>", "41%", 1234.5678)
	html := tb.HTML()
	for _, want := range []string{
		"<caption>100 seeds</caption>",
		"<th>optimizer</th>", `<th style="text-align:right">success</th>`,
		"<td>&lt;GD&gt;</td>", `<td style="text-align:right">1235</td>`, `<td style="text-align:right">93%</td>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	want := "100 seeds\n" +
		"optimizer  success  steps\n" +
		"─────────────────────────\n" +
		"Adam       93%      412\n" +
		"<GD>       41%      1235"
	if got := tb.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}
