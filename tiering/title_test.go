package tiering

import (
	"strings"
	"testing"

	"github.com/salesgrowth/salesgrowth/internal/textwidth"
)

func TestTierTitle(t *testing.T) {
	want := [NumTiers][2]string{{"transactional", "交易型"}, {"standard", "标准型"}, {"value", "价值型"}, {"strategic", "战略型"}}
	for k, w := range want {
		tr := Tier(k)
		if got := [2]string{tr.Title("en"), tr.Title("zh")}; got != w {
			t.Errorf("%d: Title = %q, want %q", k, got, w)
		}
	}
}

// TestReportWriteTextIn checks the Chinese report: tier names and headers in
// Chinese, the table's rows as wide as its header in display columns.
func TestReportWriteTextIn(t *testing.T) {
	profit := []float64{90, 40, 35, 12, 11, 10, 6, 5, 4, 3, 2, 1, -1, 0.5, 0.2, 0.1}
	a, err := Assign(profit, Options{Method: ByShares})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := NewReport(profit, a)
	if err != nil {
		t.Fatal(err)
	}
	var en, zh strings.Builder
	if err := rep.WriteTextIn(&zh, "zh"); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteText(&en); err != nil {
		t.Fatal(err)
	}
	var enIn strings.Builder
	_ = rep.WriteTextIn(&enIn, "en")
	if enIn.String() != en.String() {
		t.Error("WriteTextIn(en) differs from WriteText")
	}
	lines := strings.Split(zh.String(), "\n")
	var table []string
	for k, l := range lines {
		if strings.HasPrefix(l, "层级") {
			table = lines[k : k+5]
		}
	}
	if len(table) == 0 || !strings.Contains(zh.String(), "战略型") || !strings.Contains(zh.String(), "个客户") {
		t.Fatalf("Chinese report:\n%s", zh.String())
	}
	for _, l := range table[1:] {
		if textwidth.Width(l) != textwidth.Width(table[0]) {
			t.Errorf("row %q is %d columns, header %d", l, textwidth.Width(l), textwidth.Width(table[0]))
		}
	}
}
