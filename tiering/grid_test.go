package tiering

import (
	"errors"
	"testing"
)

func TestPortfolioGrid(t *testing.T) {
	opt := GridOptions{
		Attractiveness: []Criterion{{"volume", 2}, {"growth", 1}},
		Strength:       []Criterion{{"share of wallet", 1}, {"relationship", 1}},
	}
	scores := [][]float64{
		{9, 9, 9, 9}, // strategic
		{9, 6, 2, 1}, // star
		{2, 3, 9, 8}, // status
		{1, 1, 1, 1}, // streamline
	}
	cells, err := PortfolioGrid(scores, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"strategic", "star", "status", "streamline"} {
		if cells[i].Label != want {
			t.Errorf("customer %d: %s (%+v), want %s", i, cells[i].Label, cells[i], want)
		}
	}
	if cells[1].Attractiveness != 8 || cells[1].Strength != 1.5 {
		t.Errorf("weighted scores %+v", cells[1])
	}
	opt.AttractivenessCuts, opt.StrengthCuts = []float64{3, 7}, []float64{3, 7}
	cells, err = PortfolioGrid(scores, opt)
	if err != nil {
		t.Fatal(err)
	}
	if cells[0].Label != "high attractiveness, high strength" || cells[2].Row != 0 || cells[2].Col != 2 {
		t.Errorf("3 × 3: %+v", cells)
	}
	bad := []GridOptions{
		{Attractiveness: []Criterion{{"a", 0}}, Strength: opt.Strength},
		{Attractiveness: opt.Attractiveness, Strength: opt.Strength, AttractivenessCuts: []float64{5, 3}, StrengthCuts: []float64{1, 2}},
		{Attractiveness: opt.Attractiveness, Strength: opt.Strength, Labels: [][]string{{"x"}}},
	}
	for k, o := range bad {
		if _, err := PortfolioGrid(scores, o); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("bad option %d: %v", k, err)
		}
	}
	if _, err := PortfolioGrid([][]float64{{1, 2}}, opt); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("short score row: %v", err)
	}
}
