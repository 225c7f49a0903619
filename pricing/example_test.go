package pricing_test

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/pricing"
)

func ExampleVanWestendorp() {
	rs := []pricing.Respondent{
		{TooCheap: 1, Cheap: 2, Expensive: 4, TooExpensive: 6},
		{TooCheap: 2, Cheap: 3, Expensive: 5, TooExpensive: 7},
		{TooCheap: 1, Cheap: 3, Expensive: 4, TooExpensive: 8},
		{TooCheap: 2, Cheap: 4, Expensive: 6, TooExpensive: 9},
		{TooCheap: 3, Cheap: 4, Expensive: 5, TooExpensive: 7},
	}
	p, _ := pricing.VanWestendorp(rs, pricing.PSMOptions{})
	fmt.Println("range", p.PMC, "…", p.PME, "OPP", p.OPP, "IPP", p.IPP)
	p, _ = pricing.VanWestendorp(rs, pricing.PSMOptions{Range: pricing.Narrower, Crossing: pricing.Linear})
	fmt.Println("narrower, linear: range", p.PMC, "…", p.PME, "IPP", p.IPP)
	// Output:
	// range 2 … 6 OPP 3 IPP 4
	// narrower, linear: range 3 … 4 IPP 3.5
}

func ExampleReadRespondentsCSV() {
	in := "respondent,too_cheap,cheap,expensive,too_expensive\nA,1,2,4,6\nB,2,3,x,7\n"
	_, err := pricing.ReadRespondentsCSV(strings.NewReader(in))
	fmt.Println(err)
	// Output: pricing: line 3, field expensive: "x" is not a number: syntax error
}

func ExampleGaborGranger() {
	var answers []pricing.GGAnswer
	for _, q := range []struct {
		price float64
		yes   int
	}{{10, 30}, {20, 50}, {24, 32}, {30, 20}} {
		for r := range 100 {
			answers = append(answers, pricing.GGAnswer{Respondent: fmt.Sprint(r), Price: q.price, Buy: r < q.yes})
		}
	}
	g, _ := pricing.GaborGranger(answers, pricing.GGOptions{})
	for _, p := range g.Points {
		fmt.Printf("%.0f: %.2f → %.2f, revenue %.2f\n", p.Price, p.Acceptance, p.Demand, p.Revenue)
	}
	fmt.Println("revenue optimum", g.RevenuePrice)
	// Output:
	// 10: 0.30 → 0.40, revenue 4.00
	// 20: 0.50 → 0.40, revenue 8.00
	// 24: 0.32 → 0.32, revenue 7.68
	// 30: 0.20 → 0.20, revenue 6.00
	// revenue optimum 20
}

func ExampleBreakEvenVolume() {
	up, _ := pricing.BreakEvenVolume(0.05, 0.40, 0)
	down, _ := pricing.BreakEvenVolume(-0.10, 0.40, 0)
	fmt.Printf("+5 %%: %.1f %%, −10 %%: %+.1f %%\n", 100*up, 100*down)
	// Output: +5 %: -11.1 %, −10 %: +33.3 %
}

func ExampleComputeEVC() {
	d := decimal.RequireFromString
	e, _ := pricing.ComputeEVC(pricing.EVCInput{Reference: d("300"),
		Positive:  []pricing.Item{{Name: "energy", Amount: d("350")}, {Name: "uptime", Amount: d("100")}, {Name: "life", Amount: d("200")}},
		CostFloor: d("400")})
	at, _ := e.At(d("800"))
	fmt.Println(e.Value, e.Floor, e.Ceiling, at.Captured, at.Incentive)
	// Output: 950 400 950 0.7272727272727273 150
}

func ExampleOptimalPrice() {
	p, _ := pricing.OptimalPrice(60, -2.5)
	fmt.Println(p)
	_, err := pricing.OptimalPrice(60, -0.8)
	fmt.Println(err)
	// Output:
	// 100
	// pricing: elasticity -0.8, want < −1 for a finite optimum: invalid pricing option
}

func ExampleRecommend() {
	r, _ := pricing.Recommend(pricing.Introduction, pricing.Challenger, pricing.Medium)
	fmt.Println(r.Strategy.Name, r.Strategy.Chinese)
	fmt.Println(r.Why[0])
	// Output:
	// penetration 渗透定价
	// a new product without a lasting edge: win volume before rivals copy it
}

func ExampleLifeCycleCost() {
	d := decimal.RequireFromString
	l, _ := pricing.LifeCycleCost(pricing.Alternative{Name: "pump", Years: 3,
		Upfront: []pricing.Item{{Name: "acquisition", Amount: d("1000")}},
		Annual:  []pricing.Item{{Name: "energy", Amount: d("300")}}}, 0.10)
	fmt.Println(l.ByYear, l.Total, l.PresentValue, l.EquivalentAnnualCost)
	// Output: [1000 300 300 300] 1900 1746.06 702.11
}
