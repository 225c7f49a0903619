package clp

import "testing"

func TestPhaseTitle(t *testing.T) {
	want := map[Phase][2]string{Exploration: {"exploration", "考察期"}, Formation: {"formation", "形成期"},
		Stability: {"stability", "稳定期"}, Decline: {"decline", "退化期"}, Phase(9): {"Phase(9)", "Phase(9)"}}
	for p, w := range want {
		if got := [2]string{p.Title("en"), p.Title("zh-Hans")}; got != w {
			t.Errorf("%d: Title = %q, want %q", p, got, w)
		}
	}
}
