package pricing

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ggSurvey gives, at each price, yes answers out of 100 respondents who
// each see every price.
func ggSurvey(prices []float64, yes []int) []GGAnswer {
	var out []GGAnswer
	for k, p := range prices {
		for r := range 100 {
			out = append(out, GGAnswer{Respondent: fmt.Sprint(r), Price: p, Buy: r < yes[k]})
		}
	}
	return out
}

// TestGaborGrangerIssueVector: demand .30/.50/.32/.20 at 10/20/24/30
// smooths to .40/.40/.32/.20; revenue is greatest at 20 (index 8.00).
func TestGaborGrangerIssueVector(t *testing.T) {
	answers := ggSurvey([]float64{24, 10, 30, 20}, []int{32, 30, 20, 50}) // prices in any order
	r, err := GaborGranger(answers, GGOptions{UnitCost: 12})
	if err != nil {
		t.Fatal(err)
	}
	var demand, revenue, prices []float64
	for _, p := range r.Points {
		prices, demand, revenue = append(prices, p.Price), append(demand, p.Demand), append(revenue, p.Revenue)
	}
	approx := cmpopts.EquateApprox(0, 1e-12)
	if diff := cmp.Diff([]float64{10, 20, 24, 30}, prices); diff != "" {
		t.Error(diff)
	}
	if diff := cmp.Diff([]float64{.4, .4, .32, .2}, demand, approx); diff != "" {
		t.Errorf("demand (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{4, 8, 7.68, 6}, revenue, approx); diff != "" {
		t.Errorf("revenue (-want +got):\n%s", diff)
	}
	// Profit at cost 12: −0.8, 3.2, 3.84, 3.6.
	if r.RevenuePrice != 20 || r.ProfitPrice != 24 || r.Respondents != 100 {
		t.Errorf("optima %v %v, respondents %d", r.RevenuePrice, r.ProfitPrice, r.Respondents)
	}
	// Arc elasticity 24 → 30 on .32 → .20: (−.12/.26) / (6/27).
	if got, want := r.Points[2].Elasticity, (-0.12/0.26)/(6.0/27); math.Abs(got-want) > 1e-12 {
		t.Errorf("elasticity %v, want %v", got, want)
	}
	if r.Points[0].Elasticity != 0 || r.Points[3].Elasticity != 0 {
		t.Errorf("flat and last elasticities %v %v", r.Points[0].Elasticity, r.Points[3].Elasticity)
	}
	// The bootstrap is deterministic from the source and brackets 20.
	b1, _ := GaborGranger(answers, GGOptions{Bootstrap: 200, Src: rand.NewPCG(1, 2)})
	b2, _ := GaborGranger(answers, GGOptions{Bootstrap: 200, Src: rand.NewPCG(1, 2)})
	if !cmp.Equal(b1, b2) {
		t.Error("bootstrap not deterministic")
	}
	if b1.RevenueLow > 20 || b1.RevenueHigh < 20 {
		t.Errorf("interval %v … %v", b1.RevenueLow, b1.RevenueHigh)
	}
}

func TestNonIncreasing(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		n := 1 + r.IntN(20)
		y, w := make([]float64, n), make([]float64, n)
		for i := range y {
			y[i], w[i] = r.Float64(), float64(r.IntN(4))
		}
		w[r.IntN(n)] = 1
		fit, err := NonIncreasing(y, w)
		if err != nil {
			t.Fatal(err)
		}
		sy, sf := 0.0, 0.0
		for i := range fit {
			if i > 0 && fit[i] > fit[i-1]+1e-15 {
				t.Fatalf("fit rises at %d: %v", i, fit)
			}
			sy += w[i] * y[i]
			sf += w[i] * fit[i]
		}
		if math.Abs(sy-sf) > 1e-9 {
			t.Fatalf("weighted sum %v → %v", sy, sf)
		}
	}
	if got, _ := NonIncreasing([]float64{.3, .5, .32, .2}, nil); !cmp.Equal(got, []float64{.4, .4, .32, .2}, cmpopts.EquateApprox(0, 1e-15)) {
		t.Errorf("issue vector: %v", got)
	}
	for _, c := range []struct{ y, w []float64 }{{[]float64{math.NaN()}, nil}, {[]float64{1}, []float64{-1}}, {[]float64{1, 2}, []float64{1}}, {[]float64{1}, []float64{0}}} {
		if _, err := NonIncreasing(c.y, c.w); !errors.Is(err, ErrInvalidAnswer) {
			t.Errorf("NonIncreasing(%v, %v): %v", c.y, c.w, err)
		}
	}
}

func TestGaborGrangerErrors(t *testing.T) {
	ok := ggSurvey([]float64{10}, []int{5})
	tests := []struct {
		name string
		a    []GGAnswer
		opt  GGOptions
		want error
	}{
		{"none", nil, GGOptions{}, ErrNoRespondents},
		{"NaN price", []GGAnswer{{Price: math.NaN()}}, GGOptions{}, ErrInvalidAnswer},
		{"negative weight", []GGAnswer{{Price: 1, Weight: -2}}, GGOptions{}, ErrInvalidAnswer},
		{"bootstrap without source", ok, GGOptions{Bootstrap: 10}, ErrInvalidOption},
		{"level as a percentage", ok, GGOptions{Level: 95}, ErrInvalidOption},
		{"negative cost", ok, GGOptions{UnitCost: -1}, ErrInvalidOption},
	}
	for _, tt := range tests {
		if _, err := GaborGranger(tt.a, tt.opt); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
}
