package relationship_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/relationship"
)

func money(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// A rival offers 42,000 more delivered value over the contract than we do;
// the customer's switching costs are 35,000.
func ExampleDecide() {
	c := relationship.Costs{money("4000"), money("12000"), money("8000"), money("6000"), money("5000")}
	var levers []relationship.Lever
	for _, p := range relationship.CaseProfiles()[:2] {
		l, _ := p.Lever(money("9000"), money("3000"))
		levers = append(levers, l)
	}
	levers = append(levers, relationship.Lever{Name: "quarterly business reviews", Kind: relationship.ExcellentService,
		Raises: relationship.Costs{relationship.RelationshipCost: money("5000")}, Cost: money("1500")})
	dec, _ := relationship.Decide(c, money("42000"), levers)
	fmt.Println("switching cost", dec.SwitchingCost, "margin", dec.Margin, "switches", dec.Switches)
	for _, k := range dec.Restore {
		fmt.Println("lever:", levers[k].Name)
	}
	fmt.Println("cost", dec.RestoreCost)
	// Output:
	// switching cost 35000 margin -7000 switches true
	// lever: refrigerant storage tank
	// cost 3000
}

func ExampleProfile_Lever() {
	p := relationship.CaseProfiles()[0]
	l, _ := p.Lever(money("1000.01"), money("400"))
	for t := range relationship.CostType(relationship.NumCostTypes) {
		fmt.Printf("%-12s %s\n", t, l.Raises[t])
	}
	ret, _ := l.Return()
	fmt.Printf("return %.2f per unit of cost\n", ret)
	// Output:
	// search       0
	// trial        500.01
	// learning     200
	// relationship 0
	// legal        300
	// return 2.50 per unit of cost
}

func ExampleCostType_Facets() {
	for t := range relationship.CostType(relationship.NumCostTypes) {
		fmt.Print(t, ":")
		for _, f := range t.Facets() {
			fmt.Printf(" %s (%s)", f, f.Category())
		}
		fmt.Println()
	}
	// Output:
	// search: evaluation (procedural)
	// trial: economic risk (procedural) setup (procedural)
	// learning: learning (procedural)
	// relationship: personal relationship loss (relational) brand relationship loss (relational)
	// legal: benefit loss (financial) monetary loss (financial)
}

func ExampleRatingScale() {
	s := relationship.RatingScale{Min: 1, Max: 5, PerPoint: relationship.Costs{money("1000"), money("2500"), money("1500"), money("2000"), money("3000")}}
	c, _ := s.Costs([relationship.NumCostTypes]int{2, 4, 3, 5, 1})
	total, _ := c.Total()
	fmt.Println(total)
	// Output: 19500
}

func ExampleWalletShare() {
	for r := 1; r <= 3; r++ {
		s, _ := relationship.WalletShare(r, 3)
		fmt.Printf("rank %d of 3: %.1f%%\n", r, 100*s)
	}
	g, _ := relationship.CompareWallet(money("180000"), money("600000"), 1, 3)
	fmt.Printf("we are first and get %.0f%%, the rule says %.0f%%\n", 100*g.Actual, 100*g.Expected)
	// Output:
	// rank 1 of 3: 50.0%
	// rank 2 of 3: 33.3%
	// rank 3 of 3: 16.7%
	// we are first and get 30%, the rule says 50%
}

func ExampleScorecard_Rate() {
	s := relationship.DefaultScorecard()
	r, _ := s.Rate(relationship.Scores{80, 92, 75, 88, 70, 85, 90})
	fmt.Printf("%.2f %s %v\n", r.Total, r.Grade, r.Failed)
	r, _ = s.Rate(relationship.Scores{95, 55, 95, 95, 95, 95, 95})
	fmt.Printf("%.2f %s %v\n", r.Total, r.Grade, r.Failed)
	// Output:
	// 82.20 B []
	// 85.00 D [quality]
}

func ExampleScorecard_Trend() {
	s := relationship.DefaultScorecard()
	t, _ := s.Trend(relationship.Scores{80, 85, 80, 90, 75, 80, 80}, relationship.Scores{82, 85, 66, 72, 75, 80, 80})
	fmt.Println(t.Before.Grade, "→", t.After.Grade, "improved", t.Improved, "worsened", t.Worsened)
	w, _ := s.Warnings(relationship.Scores{82, 85, 66, 72, 75, 80, 80})
	for _, x := range w {
		fmt.Println("warning:", x.Name)
	}
	// Output:
	// B → B improved [technology] worsened [response delivery]
	// warning: late or short deliveries
	// warning: complaints handled slowly
	// warning: a new buyer reviews the supplier base
}
