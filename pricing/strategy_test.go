package pricing

import (
	"errors"
	"testing"
)

func TestRecommend(t *testing.T) {
	tests := []struct {
		s    Stage
		p    Position
		d    Level
		want string
	}{
		{Introduction, Leader, High, "skimming"},
		{Introduction, Challenger, Medium, "penetration"},
		{Maturity, Leader, High, "value pricing"},
		{Maturity, Nicher, High, "value pricing"},
		{Growth, Challenger, High, "challenger"},
		{Maturity, Follower, Medium, "follower"},
		{Maturity, Leader, Low, "follower"},
		{Maturity, Leader, Medium, "value defence"},
		{Decline, Leader, High, "harvest"},
	}
	for _, tt := range tests {
		r, err := Recommend(tt.s, tt.p, tt.d)
		if err != nil || r.Strategy.Name != tt.want || len(r.Why) < 2 || r.Strategy.Chinese == "" {
			t.Errorf("Recommend(%s, %s, %s) = %+v, %v; want %s", tt.s, tt.p, tt.d, r, err, tt.want)
		}
	}
	if _, err := Recommend(9, Leader, High); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("unknown stage: %v", err)
	}
	for s := Introduction; s <= Decline; s++ {
		for _, st := range StageStrategies(s) {
			if st.Name == "" || st.Chinese == "" || st.Description == "" {
				t.Errorf("stage %s: %+v", s, st)
			}
		}
	}
	if PriceQuality(High, High).Name != "premium" || PriceQuality(Low, High).Name != "rip-off" || PriceQuality(High, Low).Name != "super value" {
		t.Error("price–quality grid")
	}
	if len(ProductLineStrategies()) != 5 || len(SolutionPrinciples()) != 3 {
		t.Error("tables")
	}
}
