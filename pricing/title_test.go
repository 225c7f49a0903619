package pricing

import "testing"

func TestStageTitle(t *testing.T) {
	for k, w := range [][2]string{{"introduction", "导入期"}, {"growth", "成长期"}, {"maturity", "成熟期"}, {"decline", "衰退期"}} {
		s := Stage(k)
		if got := [2]string{s.Title("en"), s.Title("zh")}; got != w {
			t.Errorf("%d: Title = %q, want %q", k, got, w)
		}
	}
}
