package target_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/salesgrowth/salesgrowth/target"
	"github.com/shopspring/decimal"
)

func salesFunnel() target.Funnel {
	return target.Funnel{
		Stages: []target.Stage{
			{Name: "visits", Conversion: 0.40, LeadMonths: 1},
			{Name: "proposals", Conversion: 0.50, LeadMonths: 1},
			{Name: "deals"},
		},
		DealSize: d("25000"),
	}
}

func ExampleFunnel_Targets() {
	monthly := make([]decimal.Decimal, 12)
	for k := range monthly {
		monthly[k] = d("100000")
	}
	monthly[0] = d("60000") // a slow January
	steps, err := salesFunnel().Targets(monthly)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range steps {
		fmt.Printf("%-9s before the year %v, Jan %d, Feb %d, Mar %d, year %d\n", s.Stage, s.Before, s.Months[0], s.Months[1], s.Months[2], s.Total)
	}
	// Output:
	// visits    before the year [20 12], Jan 20, Feb 20, Mar 20, year 232
	// proposals before the year [5], Jan 8, Feb 8, Mar 8, year 93
	// deals     before the year [], Jan 3, Feb 4, Mar 4, year 47
}

func ExampleFunnel_Outcome() {
	planned := []target.Activity{
		{Stage: "visits", Month: 0, Count: 100},
		{Stage: "proposals", Month: 1, Count: 20},
	}
	out, err := salesFunnel().Outcome(planned, d("500000"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("deals %.1f ± %.2f, revenue %s, P(≥ 500,000) = %.4f, exact %v\n",
		out.Deals, out.DealsSD, out.Revenue, out.ProbReach, out.Exact)
	// Output: deals 30.0 ± 4.58, revenue 750000, P(≥ 500,000) = 0.9913, exact true
}

func ExampleFunnel_EstimateConversions() {
	history := [][]int64{
		{50, 60, 55, 40}, // visits by month
		{0, 22, 23, 21},  // proposals a month later
		{0, 0, 11, 12},   // deals
	}
	f, err := salesFunnel().EstimateConversions(history, target.Prior{Rate: 0.4, Strength: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("visits → proposals %.3f, proposals → deals %.3f\n", f.Stages[0].Conversion, f.Stages[1].Conversion)
	// Output: visits → proposals 0.400, proposals → deals 0.491
}

func ExamplePlan_ProcessTargets() {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "KEY", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree: tree, Calendar: target.Calendar{StartYear: 2027},
		Targets: []target.Target{{Metric: target.Revenue, Annual: d("1200000")}},
	})
	steps, _ := plan.ProcessTargets("KEY", target.Revenue, salesFunnel())
	for _, s := range steps {
		fmt.Println(s.Stage, s.Total)
	}
	// Output:
	// visits 240
	// proposals 96
	// deals 48
}

// reviewExample builds a two-customer plan and reports January to March.
func reviewExample() (*target.Plan, *target.Actuals) {
	tree := target.MustNewTree([]target.Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	plan := target.MustNewPlan(target.Spec{
		Tree: tree, Calendar: target.Calendar{StartYear: 2027}, Unit: d("1"),
		Targets: []target.Target{{Metric: target.Revenue, Annual: d("240000")}, {Metric: target.Expense, Annual: d("48000")}},
	})
	const actuals = `node,metric,period,amount
A,revenue,2027-01,11000
A,revenue,2027-02,9500
A,revenue,2027-03,12500
B,revenue,2027-01,8000
B,revenue,2027-02,8500
A,expense,2027-01,2100
B,expense,2027-01,1900
`
	a, err := target.ReadActualsCSV(strings.NewReader(actuals), plan)
	if err != nil {
		panic(err)
	}
	return plan, a
}

func ExampleNewReview() {
	plan, actuals := reviewExample()
	rev, err := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, id := range []string{"CO", "A", "B"} {
		row, _ := rev.YTD(id, target.Revenue)
		fmt.Printf("%-2s plan %6s actual %6s variance %6s completion %6s %-8s missing %d\n",
			id, row.Plan, row.Actual, row.Variance, row.Completion, row.Status, row.Missing)
	}
	g, _ := rev.Progress("A", target.Revenue)
	fmt.Printf("A: time progress %.1f%%, completion progress %s, gap to go %s, April needs %s, forecast %s\n",
		100*g.TimeProgress, g.CompletionProgress, g.GapToGo, g.RequiredSeasonal[target.M4], g.ForecastSeasonal.Decimal)
	// Output:
	// CO plan  50000 actual  49500 variance   -500 completion  99.0% on track missing 1
	// A  plan  30000 actual  33000 variance   3000 completion 110.0% ahead    missing 0
	// B  plan  20000 actual  16500 variance  -3500 completion  82.5% at risk  missing 1
	// A: time progress 24.7%, completion progress 27.5%, gap to go 87000, April needs 9667, forecast 132000
}

func ExampleReview_WriteText() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)})
	_ = rev.WriteText(os.Stdout, []string{"CO"})
	// Output:
	// CO (company) — as of 2027-01-31, 2027-01; time progress 8.5 % of the year
	//
	//    metric   window    plan  actual  variance  completion    status  missing
	//   revenue  2027-01  20,000  19,000    -1,000       95.0%    behind        0
	//   revenue      QTD  20,000  19,000    -1,000       95.0%    behind        0
	//   revenue      YTD  20,000  19,000    -1,000       95.0%    behind        0
	//   expense  2027-01   4,000   4,000         0      100.0%  on track        0
	//   expense      QTD   4,000   4,000         0      100.0%  on track        0
	//   expense      YTD   4,000   4,000         0      100.0%  on track        0
	//
	//   full year  annual plan  actual to date  progress  gap to go  required / month  next month (seasonal)
	//     revenue      240,000          19,000      7.9%    221,000            20,091                 20,091
	//     expense       48,000           4,000      8.3%     44,000             4,000                  4,000
	//
	//   forecast  run rate  seasonal  actual + plan   landing
	//    revenue   228,000   228,000        239,000    behind
	//    expense    48,000    48,000         48,000  on track
	//
	// Year to date, plan / actual: collection ratio n/a / n/a, receivables n/a / n/a,
	//   expense ratio 20.0% / 21.1%, profit margin n/a / n/a
	// Largest contributors to the revenue variance:
	//   B -2,000 (200.0%); A 1,000 (-100.0%)
	// Largest contributors to the expense variance:
	//   A 100 (n/a); B -100 (n/a)
}

func ExampleCompletion() {
	for _, c := range [][2]string{{"100", "90"}, {"-100", "-50"}, {"-100", "-150"}, {"0", "10"}} {
		fmt.Println(c[0], c[1], target.Completion(d(c[0]), d(c[1])))
	}
	// Output:
	// 100 90 90.0%
	// -100 -50 150.0%
	// -100 -150 50.0%
	// 0 10 n/a
}

func ExampleFormatAmount() {
	fmt.Println(target.FormatAmount(d("-1234567.891"), 2), target.FormatAmount(d("999"), 0))
	// Output: -1,234,567.89 999
}

func ExampleActuals() {
	plan, actuals := reviewExample()
	v, complete, _ := actuals.Amount("CO", target.Revenue, target.M2)
	fmt.Println(v, complete)
	v, complete, _ = actuals.Amount("CO", target.Revenue, target.M3)
	fmt.Println(v, complete) // B has not reported March
	more := target.NewActuals(plan)
	_ = more.Set("B", target.Revenue, target.M3, d("9000"))
	_ = more.WriteCSV(os.Stdout)
	// Output:
	// 18000 true
	// 12500 false
	// node,metric,period,amount
	// B,revenue,2027-03,9000
}

func ExampleReview_WriteTextIn() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)})
	var b strings.Builder
	_ = rev.WriteTextIn(&b, []string{"CO"}, "zh")
	// The first table: Chinese headers, metrics and statuses, aligned by
	// display width (each CJK character two columns).
	lines := strings.Split(b.String(), "\n")
	fmt.Println(strings.Join(lines[:9], "\n"))
	// Output:
	// CO（公司）— 截至 2027-01-31，2027-01；时间进度 8.5 %
	//
	//     指标      期间    计划    实际    差异  完成率  状态  缺报
	//   销售额   2027-01  20,000  19,000  -1,000   95.0%  落后     0
	//   销售额  季初至今  20,000  19,000  -1,000   95.0%  落后     0
	//   销售额  年初至今  20,000  19,000  -1,000   95.0%  落后     0
	//     费用   2027-01   4,000   4,000       0  100.0%  正常     0
	//     费用  季初至今   4,000   4,000       0  100.0%  正常     0
	//     费用  年初至今   4,000   4,000       0  100.0%  正常     0
}

func ExampleReview_WriteTextWith() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)})
	var b strings.Builder
	_ = rev.WriteTextWith(&b, []string{"CO"}, target.TextOptions{Lang: "zh", TenThousands: true})
	// Amounts in 万元 (10,000 units), two decimals.
	fmt.Println(strings.Join(strings.Split(b.String(), "\n")[2:4], "\n"))
	// Output:
	//     指标      期间  计划  实际   差异  完成率  状态  缺报
	//   销售额   2027-01  2.00  1.90  -0.10   95.0%  落后     0
}

// A review goes to a spreadsheet as a wide CSV — here in Chinese, with the
// byte-order mark Excel needs — and comes back, with the plan, as the same
// review.
func ExampleReview_WriteWideCSV() {
	plan, actuals := reviewExample()
	rev, _ := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)})
	var file bytes.Buffer
	if err := rev.WriteWideCSV(&file, target.ReviewCSV{Lang: "zh", BOM: true}); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(strings.TrimPrefix(file.String(), "\ufeff"), "\n")
	for _, l := range lines[1:4] {
		fmt.Println(l)
	}
	back, err := plan.ReadReviewWideCSV(&file)
	if err != nil {
		fmt.Println(err)
		return
	}
	row, _ := back.YTD("B", target.Revenue)
	fmt.Println("read back: B", row.Window, row.Plan, row.Actual, row.Status)
	// Output:
	// 路径,层级,名称,指标,2027-01 计划,2027-01 实际,2027-01 差异,2027-01 完成率,2027-01 状态,2027-01 缺报,季初至今 计划,季初至今 实际,季初至今 差异,季初至今 完成率,季初至今 状态,季初至今 缺报,年初至今 计划,年初至今 实际,年初至今 差异,年初至今 完成率,年初至今 状态,年初至今 缺报,年度计划,累计实际,时间进度,完成进度,剩余缺口,按速率预测,按季节性预测,实际+计划预测,预计结果
	// CO,公司,CO,销售额,20000,19000,-1000,0.950000,落后,0,20000,19000,-1000,0.950000,落后,0,20000,19000,-1000,0.950000,落后,0,240000,19000,0.084932,0.079167,221000,228000,228000,239000,落后
	// CO/A,区域,A,销售额,10000,11000,1000,1.100000,领先,0,10000,11000,1000,1.100000,领先,0,10000,11000,1000,1.100000,领先,0,120000,11000,0.084932,0.091667,109000,132000,132000,121000,领先
	// read back: B YTD 10000 8000 at risk
}
