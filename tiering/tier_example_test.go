package tiering_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/tiering"
)

// Twenty accounts by lifetime profit (thousands) in the default pyramid:
// 5 % strategic, 15 % value, 30 % standard, 50 % transactional.
func ExampleAssign() {
	profit := []float64{910, 420, 380, 300, 150, 140, 120, 110, 95, 90, 60, 40, 35, 30, 22, 18, 12, 8, 5, -15}
	a, err := tiering.Assign(profit, tiering.Options{Method: tiering.ByShares})
	if err != nil {
		fmt.Println(err)
		return
	}
	for t := tiering.Strategic; ; t-- {
		fmt.Printf("%-13s %s %2d\n", t, t.Chinese(), a.Counts[t])
		if t == tiering.Transactional {
			break
		}
	}
	fmt.Println("bounds", a.Bounds, "loss-maker:", a.LossMaker[19], a.Tiers[19])
	// Output:
	// strategic     战略型  1
	// value         价值型  3
	// standard      标准型  6
	// transactional 交易型 10
	// bounds [90 300 910] loss-maker: true transactional
}

// The Pareto rule: the customers making the first half of the profit are
// strategic, the next 30 % value, the next 15 % standard.
func ExampleAssign_profitShare() {
	profit := []float64{600, 250, 100, 40, 10}
	a, _ := tiering.Assign(profit, tiering.Options{Method: tiering.ByProfitShare})
	fmt.Println(a.Tiers)
	// Output: [strategic value standard transactional transactional]
}

// A customer below the value bar with a large strategic potential moves up
// one tier.
func ExampleOptions_potential() {
	a, _ := tiering.Assign([]float64{40, 40}, tiering.Options{
		Method:       tiering.ByThresholds,
		Thresholds:   [3]float64{10, 100, 1000},
		Potential:    []float64{5000, 20},
		PotentialBar: 1000,
	})
	fmt.Println(a.Tiers, a.Lifted)
	// Output: [value standard] [true false]
}

func ExampleAssignDecimal() {
	clp := []decimal.Decimal{decimal.RequireFromString("1250000.00"), decimal.RequireFromString("980.50")}
	a, _ := tiering.AssignDecimal(clp, tiering.Options{Method: tiering.ByThresholds, Thresholds: [3]float64{1000, 100000, 1000000}})
	fmt.Println(a.Tiers)
	// Output: [strategic transactional]
}

func ExampleParseTier() {
	t, err := tiering.ParseTier("价值型")
	fmt.Println(t, err)
	// Output: value <nil>
}

func ExampleTier() {
	fmt.Println(tiering.Strategic, tiering.Strategic.Chinese(), tiering.Tier(0))
	// Output: strategic 战略型 transactional
}

func ExampleMethod() {
	for m := tiering.ByThresholds; m <= tiering.ByNaturalBreaks; m++ {
		fmt.Print(m, " ")
	}
	fmt.Println()
	// Output: thresholds shares profit-share natural-breaks
}

func ExampleAssignment() {
	a, _ := tiering.Assign([]float64{1, 2, 3, 40, 41, 42, 400, 410, 4000}, tiering.Options{Method: tiering.ByNaturalBreaks})
	fmt.Println(a.Counts, a.Bounds)
	// Output: [3 3 2 1] [40 400 4000]
}
