// Command pricing answers a key account's demand for 8 % off with value:
// customer delivered value against the competitor and what closes the gap,
// the life-cycle cost of two machines, the EVC price window, the volume
// the cut would need, a simulated Van Westendorp survey with its
// acceptable range and Newton–Miller–Smith optimum, Gabor–Granger demand,
// and the strategy recommendation.
//
// Usage:
//
//	go run ./examples/pricing [-cut 0.08] [-margin 0.30] [-respondents 400] [-seed 1] [-lang zh]
//	    [-psm-csv FILE] [-bom] [-png DIR] [-svg DIR]
//
// -lang zh prints the report in the course's Chinese (the strategy
// descriptions stay as the pricing package gives them). -psm-csv writes the
// Van Westendorp results and curves for a spreadsheet, with a UTF-8
// byte-order mark under -bom. -png and -svg write the four Van Westendorp curves with the acceptable
// range and its points, and the Gabor–Granger demand and revenue.
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"

	"github.com/salesgrowth/salesgrowth/examples/internal/chart"
	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/pricing"
)

func main() { cli.Exit("pricing", run(os.Stdout, os.Args[1:])) }

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func it(name, amount string) pricing.Item { return pricing.Item{Name: name, Amount: d(amount)} }

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("pricing", flag.ContinueOnError)
	fs.SetOutput(w)
	cut := fs.Float64("cut", 0.08, "the price cut the customer demands, a `fraction` (0.08 for 8 %)")
	margin := fs.Float64("margin", 0.30, "our contribution margin, a `fraction` of the price")
	n := fs.Int("respondents", 400, "simulated survey respondents")
	seed := fs.Uint64("seed", 1, "random seed of the simulated surveys")
	langFlag := cli.LangFlag(fs)
	psmPath := fs.String("psm-csv", "", "write the Van Westendorp results and curves as CSV to `file`")
	bom := fs.Bool("bom", false, "start the CSV with a UTF-8 byte-order mark, for Excel")
	charts := chart.Flags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 10 || *n > 1_000_000 {
		return fmt.Errorf("respondents %d outside 10 … 1,000,000", *n)
	}
	l, err := cli.ParseLang(*langFlag)
	if err != nil {
		return err
	}
	// p prints the English format, or its Chinese from zhText under -lang zh.
	p := func(format string, a ...any) { fmt.Fprintf(w, l.In(zhText, format), a...) }

	p("The key account asks for %.0f %% off our pump, list price 12,000.\n\n", 100**cut)

	// Customer delivered value.
	ours := pricing.Offer{Name: "our pump", Price: d("12000"),
		Value: []pricing.Item{it(pricing.ProductValue, "15500"), it(pricing.ServiceValue, "2600"), it(pricing.PersonnelValue, "900"), it(pricing.ImageValue, "700")},
		Costs: []pricing.Item{it(pricing.TimeCost, "600"), it(pricing.EnergyCost, "400"), it(pricing.PsychicCost, "300")}}
	rival := pricing.Offer{Name: "rival pump", Price: d("10900"),
		Value: []pricing.Item{it(pricing.ProductValue, "15000"), it(pricing.ServiceValue, "1500"), it(pricing.PersonnelValue, "700"), it(pricing.ImageValue, "600")},
		Costs: []pricing.Item{it(pricing.TimeCost, "900"), it(pricing.EnergyCost, "500"), it(pricing.PsychicCost, "500")}}
	cmp, err := pricing.Compare(ours, rival, d("2000"))
	if err != nil {
		return err
	}
	p("Customer delivered value            ours    rival\n")
	p("  total customer value       %9s %8s\n", cmp.Ours.TotalValue, cmp.Rival.TotalValue)
	p("  total customer cost        %9s %8s\n", cmp.Ours.TotalCost, cmp.Rival.TotalCost)
	p("  delivered value            %9s %8s\n", cmp.Ours.Delivered, cmp.Rival.Delivered)
	p("  value / cost               %9.2f %8.2f\n", cmp.Ours.Ratio, cmp.Rival.Ratio)
	p("  our lead %s; to lead by 2,000: cut total cost by %s at equal value, or add %s of value at equal price\n",
		cmp.Lead, cmp.CostCut, cmp.ValueRise)
	p("  the largest price that still leads by 2,000: %s\n\n", cmp.MaxPrice)

	// Life-cycle cost.
	a := pricing.Alternative{Name: "our pump", Years: 10, Upfront: []pricing.Item{it("acquisition", "12000"), it("installation", "1500")},
		Annual: []pricing.Item{it("energy", "5200"), it("maintenance", "600"), it("downtime", "400")}, Disposal: d("300"), Residual: d("800")}
	b := pricing.Alternative{Name: "rival pump", Years: 7, Upfront: []pricing.Item{it("acquisition", "10900"), it("installation", "1500")},
		Annual: []pricing.Item{it("energy", "6100"), it("maintenance", "900"), it("downtime", "900")}, Disposal: d("300")}
	hold, err := pricing.HoldingCost(0.25, d("1600"))
	if err != nil {
		return err
	}
	a.Savings = []pricing.Item{pricing.Item{Name: pricing.SupplyChainVMI, Amount: hold}}
	ranked, err := pricing.CompareAlternatives([]pricing.Alternative{a, b}, 0.08)
	if err != nil {
		return err
	}
	p("Life-cycle cost at 8 %% a year        life     total   present value  annual equivalent\n")
	for _, r := range ranked {
		life := a.Years
		if r.Name == b.Name {
			life = b.Years
		}
		p("  %-32s %4d %9s %15s %18s\n", r.Name, life, r.LCC.Total, r.LCC.PresentValue, r.LCC.EquivalentAnnualCost)
	}
	p("  (our spare-parts stock held for the customer saves %s a year of holding cost, 25 %% of 1,600)\n", hold)
	p("  the rival costs %s a year more over its life\n\n", ranked[len(ranked)-1].Extra)

	// EVC.
	evc, err := pricing.ComputeEVC(pricing.EVCInput{Reference: d("10900"),
		Positive:  []pricing.Item{it("energy saved, present value", "5400"), it("less downtime", "2900"), it("longer life", "1800")},
		Negative:  []pricing.Item{it("retraining the maintenance crew", "600")},
		CostFloor: d("8400")})
	if err != nil {
		return err
	}
	at, err := evc.At(d("12000"))
	if err != nil {
		return err
	}
	p("Economic value to the customer: %s (reference %s, differentiation %s)\n", evc.Value, d("10900"), evc.Differentiation)
	p("  price window %s … %s; at 12,000 we take %.0f %% of it and leave the customer %s\n\n", evc.Floor, evc.Ceiling, 100*at.Captured, at.Incentive)

	// The cut.
	vol, err := pricing.VolumeToPayForCut(*cut, *margin)
	if err != nil {
		return err
	}
	p("The cut: %.0f %% off at a %.0f %% margin needs %.1f %% more volume to keep our contribution\n", 100**cut, 100**margin, 100*vol)
	rows, err := pricing.ProfitImpact(*margin, []float64{-0.10, -*cut, -0.05, 0.03, 0.05}, -1.5)
	if err != nil {
		return err
	}
	p("  price change   break-even volume   volume at ε = −1.5   contribution\n")
	for _, r := range rows {
		p("  %+11.1f %% %+18.1f %% %+19.1f %% %+12.1f %%\n", 100*r.PriceChange, 100*r.BreakEvenVolume, 100*r.ExpectedVolume, 100*r.ContributionGain)
	}
	p("\n")

	// Surveys.
	rs := simulatePSM(*n, *seed)
	psm, err := pricing.VanWestendorp(rs, pricing.PSMOptions{})
	if err != nil {
		return err
	}
	lin, err := pricing.VanWestendorp(rs, pricing.PSMOptions{Crossing: pricing.Linear})
	if err != nil {
		return err
	}
	p("Van Westendorp survey of %d buyers (%d inconsistent dropped)\n", psm.Respondents, psm.Inconsistent)
	p("  acceptable range %.0f … %.0f, optimal price %.0f, indifference price %.0f (step crossings)\n", psm.PMC, psm.PME, psm.OPP, psm.IPP)
	p("  with linear crossings: %.0f … %.0f, optimal %.0f, indifference %.0f\n", lin.PMC, lin.PME, lin.OPP, lin.IPP)
	if psm.NMS != nil {
		p("  Newton–Miller–Smith: reach greatest at %.0f, revenue at %.0f\n", psm.NMS.ReachPrice, psm.NMS.RevenuePrice)
	}
	gg, err := pricing.GaborGranger(simulateGG(*n, *seed), pricing.GGOptions{UnitCost: 8400, Bootstrap: 200, Src: rand.NewPCG(*seed, 99)})
	if err != nil {
		return err
	}
	p("Gabor–Granger: price  buy   smoothed  revenue index\n")
	for _, pt := range gg.Points {
		p("            %7.0f %5.2f %9.2f %14.0f\n", pt.Price, pt.Acceptance, pt.Demand, pt.Revenue)
	}
	p("  revenue greatest at %.0f (bootstrap 95 %%: %.0f … %.0f), profit at %.0f\n\n", gg.RevenuePrice, gg.RevenueLow, gg.RevenueHigh, gg.ProfitPrice)

	rec, err := pricing.Recommend(pricing.Maturity, pricing.Leader, pricing.High)
	if err != nil {
		return err
	}
	p("Recommendation: %s (%s) — %s\n", rec.Strategy.Name, rec.Strategy.Chinese, rec.Strategy.Description)
	for _, why := range rec.Why {
		p("  because %s\n", why)
	}
	if *psmPath != "" {
		if err := cli.WriteFile(*psmPath, func(f io.Writer) error { return psm.WriteCSV(f, pricing.PSMCSV{Lang: string(l), BOM: *bom}) }); err != nil {
			return err
		}
		p("Van Westendorp results written to %s\n", *psmPath)
	}
	if charts.Enabled() {
		if err := charts.Save(w, "van_westendorp", "en", func(string) (*plot.Plot, error) { return psmChart(psm) }); err != nil {
			return err
		}
		if err := charts.Save(w, "gabor_granger", "en", func(string) (*plot.Plot, error) { return ggChart(gg) }); err != nil {
			return err
		}
	}
	return nil
}

// psmChart is the four Van Westendorp curves with the acceptable range
// shaded and the optimal and indifference prices marked.
func psmChart(psm pricing.PSM) (*plot.Plot, error) {
	p := chart.New(fmt.Sprintf("Van Westendorp: acceptable range %s … %s", chart.Grouping(psm.PMC, 0), chart.Grouping(psm.PME, 0)),
		"price", "share of respondents (%)")
	p.X.Tick.Marker = chart.Amounts{}
	p.Y.Tick.Marker = chart.Amounts{Scale: 0.01}
	p.Y.Min, p.Y.Max = 0, 1.3
	if err := chart.Bands(p, []chart.Band{{Name: "acceptable range", From: psm.PMC, To: psm.PME}}, 0, 1.3); err != nil {
		return nil, err
	}
	lines := []chart.Line{
		{Name: "too cheap", X: psm.Prices, Y: psm.TooCheap},
		{Name: "cheap", X: psm.Prices, Y: psm.Cheap},
		{Name: "expensive", X: psm.Prices, Y: psm.Expensive},
		{Name: "too expensive", X: psm.Prices, Y: psm.TooExpensive},
		{Name: "optimal price " + chart.Grouping(psm.OPP, 0), X: []float64{psm.OPP, psm.OPP}, Y: []float64{0, 1}, Dashed: true},
		{Name: "indifference price " + chart.Grouping(psm.IPP, 0), X: []float64{psm.IPP, psm.IPP}, Y: []float64{0, 1}, Dashed: true},
	}
	return p, chart.Lines(p, nil, lines)
}

// ggChart is Gabor–Granger's demand, raw and smoothed, and the revenue
// index as a share of its peak.
func ggChart(gg pricing.GaborGrangerResult) (*plot.Plot, error) {
	var x, buy, demand, revenue []float64
	peak := 0.0
	for _, pt := range gg.Points {
		peak = max(peak, pt.Revenue)
	}
	for _, pt := range gg.Points {
		x, buy, demand = append(x, pt.Price), append(buy, pt.Acceptance), append(demand, pt.Demand)
		r := 0.0
		if peak > 0 {
			r = pt.Revenue / peak
		}
		revenue = append(revenue, r)
	}
	p := chart.New(fmt.Sprintf("Gabor–Granger: revenue greatest at %s, profit at %s", chart.Grouping(gg.RevenuePrice, 0), chart.Grouping(gg.ProfitPrice, 0)),
		"price", "share (%)")
	p.X.Tick.Marker = chart.Amounts{}
	p.Y.Tick.Marker = chart.Amounts{Scale: 0.01}
	p.Y.Min, p.Y.Max = 0, 1.35
	return p, chart.Lines(p, nil, []chart.Line{
		{Name: "would buy", X: x, Y: buy},
		{Name: "demand (smoothed, non-increasing)", X: x, Y: demand},
		{Name: "revenue, share of its peak", X: x, Y: revenue, Dashed: true},
	})
}

// simulatePSM draws answers around a price the market sees near 12,000.
func simulatePSM(n int, seed uint64) []pricing.Respondent {
	r := rand.New(rand.NewPCG(seed, 12))
	round := func(x float64) float64 { return math.Round(x/100) * 100 }
	rs := make([]pricing.Respondent, n)
	for i := range rs {
		base := 12000 * math.Exp(0.12*r.NormFloat64())
		rs[i] = pricing.Respondent{TooCheap: round(base * 0.65), Cheap: round(base * (0.85 + 0.05*r.Float64())),
			Expensive: round(base * (1.05 + 0.1*r.Float64())), TooExpensive: round(base * (1.25 + 0.15*r.Float64())),
			IntentCheap: 3 + r.IntN(3), IntentExpensive: 1 + r.IntN(3)}
		if r.IntN(40) == 0 { // a few answer out of order
			rs[i].Cheap, rs[i].Expensive = rs[i].Expensive, rs[i].Cheap
		}
	}
	return rs
}

// simulateGG asks every buyer whether they would buy at each test price.
func simulateGG(n int, seed uint64) []pricing.GGAnswer {
	r := rand.New(rand.NewPCG(seed, 13))
	prices := []float64{10000, 11000, 12000, 13000, 14000}
	var out []pricing.GGAnswer
	for i := range n {
		wtp := 12500 * math.Exp(0.1*r.NormFloat64())
		for _, p := range prices {
			noise := 600 * r.NormFloat64()
			out = append(out, pricing.GGAnswer{Respondent: fmt.Sprint(i), Price: p, Buy: p <= wtp+noise})
		}
	}
	return out
}

// zhText is the report's Chinese, by the English format it replaces.
var zhText = map[string]string{
	"The key account asks for %.0f %% off our pump, list price 12,000.\n\n":                                     "大客户要求我方水泵降价 %.0f %%，目录价 12,000。\n\n",
	"Customer delivered value            ours    rival\n":                                                       "顾客让渡价值                      我方     竞品\n",
	"  total customer value       %9s %8s\n":                                                                    "  顾客总价值                 %9s %8s\n",
	"  total customer cost        %9s %8s\n":                                                                    "  顾客总成本                 %9s %8s\n",
	"  delivered value            %9s %8s\n":                                                                    "  让渡价值                   %9s %8s\n",
	"  value / cost               %9.2f %8.2f\n":                                                                "  价值 / 成本                %9.2f %8.2f\n",
	"  our lead %s; to lead by 2,000: cut total cost by %s at equal value, or add %s of value at equal price\n": "  我方领先 %s；要领先 2,000：价值不变时总成本降低 %s，或价格不变时价值增加 %s\n",
	"  the largest price that still leads by 2,000: %s\n\n":                                                     "  仍领先 2,000 的最高价格：%s\n\n",
	"Life-cycle cost at 8 %% a year        life     total   present value  annual equivalent\n":                 "生命周期成本，年利率 8 %%           年限      合计            现值         年等值成本\n",
	"  (our spare-parts stock held for the customer saves %s a year of holding cost, 25 %% of 1,600)\n":         "  （我方为客户储备备件，每年节省持有成本 %s，即 1,600 的 25 %%）\n",
	"  the rival costs %s a year more over its life\n\n":                                                        "  竞品在其寿命期内每年多花 %s\n\n",
	"Economic value to the customer: %s (reference %s, differentiation %s)\n":                                   "顾客经济价值（EVC）：%s（参照价 %s，差异化价值 %s）\n",
	"  price window %s … %s; at 12,000 we take %.0f %% of it and leave the customer %s\n\n":                     "  价格窗口 %s … %s；定价 12,000 时我方获取其中 %.0f %%，留给客户 %s\n\n",
	"The cut: %.0f %% off at a %.0f %% margin needs %.1f %% more volume to keep our contribution\n":             "降价：在 %.0f %% 降幅、%.0f %% 毛利下，需增加 %.1f %% 的销量才能保持贡献\n",
	"  price change   break-even volume   volume at ε = −1.5   contribution\n":                                  "       价格变动         盈亏平衡销量       ε = −1.5 时销量       贡献变化\n",
	"Van Westendorp survey of %d buyers (%d inconsistent dropped)\n":                                            "Van Westendorp 价格敏感度调查，%d 位采购者（剔除 %d 份不一致答卷）\n",
	"  acceptable range %.0f … %.0f, optimal price %.0f, indifference price %.0f (step crossings)\n":            "  可接受价格区间 %.0f … %.0f，最优价格 %.0f，无差异价格 %.0f（阶梯交点）\n",
	"  with linear crossings: %.0f … %.0f, optimal %.0f, indifference %.0f\n":                                   "  线性交点：%.0f … %.0f，最优 %.0f，无差异 %.0f\n",
	"  Newton–Miller–Smith: reach greatest at %.0f, revenue at %.0f\n":                                          "  Newton–Miller–Smith：购买率最高在 %.0f，收入最高在 %.0f\n",
	"Gabor–Granger: price  buy   smoothed  revenue index\n":                                                     "Gabor–Granger：价格  购买  平滑需求       收入指数\n",
	"  revenue greatest at %.0f (bootstrap 95 %%: %.0f … %.0f), profit at %.0f\n\n":                             "  收入最高在 %.0f（自助法 95 %%：%.0f … %.0f），利润最高在 %.0f\n\n",
	"Recommendation: %s (%s) — %s\n":                                                                            "建议：%[2]s（%[1]s）— %[3]s\n",
	"  because %s\n":                                                                                            "  理由：%s\n",
	"Van Westendorp results written to %s\n":                                                                    "Van Westendorp 结果已写入 %s\n",
}
