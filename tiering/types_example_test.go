package tiering_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/salesgrowth/salesgrowth/tiering"
)

// ABC by head count: the top 20 % of customers are A, the next 30 % B.
func ExampleABCOptions() {
	values := []float64{900, 500, 300, 120, 80, 60, 40, 30, 20, 10}
	classes, _ := tiering.ABC(values, tiering.ABCOptions{ByCount: true})
	fmt.Println(classes)
	// Output: [A A B B B C C C C C]
}

func ExampleBreaks() {
	b, _ := tiering.ClassifyBreaks([]float64{5, 8, 9, 12, 15}, 3)
	fmt.Println(b.Bounds, b.Counts, b.Class(8.5))
	// Output: [5 5 9 15] [1 2 2] 1
}

// The 3 × 3 grid: two cuts per axis, the default labels.
func ExampleGridOptions() {
	cells, err := tiering.PortfolioGrid([][]float64{{9, 8}, {5, 5}, {2, 2}}, tiering.GridOptions{
		Attractiveness:     []tiering.Criterion{{Name: "potential", Weight: 1}},
		Strength:           []tiering.Criterion{{Name: "share of wallet", Weight: 1}},
		AttractivenessCuts: []float64{4, 7},
		StrengthCuts:       []float64{4, 7},
	})
	if err != nil {
		fmt.Println(err)
	}
	for _, c := range cells {
		fmt.Println(c.Label)
	}
	// Output:
	// high attractiveness, high strength
	// medium attractiveness, medium strength
	// low attractiveness, low strength
}

func ExampleKMeansOptions() {
	points := [][]float64{{1, 1}, {1.2, 0.9}, {8, 8}, {8.1, 7.9}, {15, 1}, {15.2, 1.1}}
	r, _ := tiering.KMeans(points, tiering.KMeansOptions{K: 3, Restarts: 5, MaxIterations: 50, Src: rand.NewPCG(3, 4)})
	fmt.Println(r.Labels[0] == r.Labels[1], r.Labels[2] == r.Labels[3], r.Labels[4] == r.Labels[5], r.Labels[0] != r.Labels[4])
	// Output: true true true true
}

// A segment map of one's own, matched first to last.
func ExampleSegmentRule() {
	rules := []tiering.SegmentRule{
		{Name: "key accounts", RMin: 2, RMax: 3, FMin: 3, FMax: 3, MMin: 3, MMax: 3},
		{Name: "lapsing", RMin: 1, RMax: 1, FMin: 1, FMax: 3, MMin: 1, MMax: 3},
	}
	c := tiering.RFM{R: 3, F: 3, M: 3}
	for _, r := range rules {
		if c.R >= r.RMin && c.R <= r.RMax && c.F >= r.FMin && c.F <= r.FMax && c.M >= r.MMin && c.M <= r.MMax {
			fmt.Println(r.Name)
			break
		}
	}
	// Output: key accounts
}
