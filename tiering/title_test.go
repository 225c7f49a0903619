package tiering

import "testing"

func TestTierTitle(t *testing.T) {
	want := [NumTiers][2]string{{"transactional", "交易型"}, {"standard", "标准型"}, {"value", "价值型"}, {"strategic", "战略型"}}
	for k, w := range want {
		tr := Tier(k)
		if got := [2]string{tr.Title("en"), tr.Title("zh")}; got != w {
			t.Errorf("%d: Title = %q, want %q", k, got, w)
		}
	}
}
