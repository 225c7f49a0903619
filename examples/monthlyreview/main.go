// Command monthlyreview runs the course's monthly plan-completion review
// (the completion check form) on Northwind Industrial's annual plan.
//
// The plan is the one of examples/annualplan; the actuals of every project
// up to November are embedded (one project reports June and July late). The
// review as of the end of the chosen month compares plan and actual by month,
// quarter to date and year to date, sets a status per row, measures time
// progress against completion progress, and works out the gap to go, the run
// rate it requires and the forecasts; it ranks the children that explain a
// parent's variance. Finally the funnel turns the revenue still required
// into the visits, proposals and opportunities the sales team must plan.
//
// Usage:
//
//	go run ./examples/monthlyreview [-month 7] [-workdays] [-actuals file.csv] [-csv review.csv] [-json review.json]
package main

import (
	"bytes"
	_ "embed"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/salesgrowth/salesgrowth/examples/internal/cli"
	"github.com/salesgrowth/salesgrowth/examples/internal/northwind"
	"github.com/salesgrowth/salesgrowth/target"
	"github.com/shopspring/decimal"
)

//go:embed data/actuals.csv
var actualsCSV []byte

func main() { cli.Exit("monthlyreview", run(os.Stdout, os.Args[1:])) }

// run builds the plan, reads the actuals and prints the review to w.
func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("monthlyreview", flag.ContinueOnError)
	fs.SetOutput(w)
	month := fs.Int("month", 7, "review as of the end of fiscal `month` 1 … 12")
	workdays := fs.Bool("workdays", false, "measure time progress in working days")
	actualsPath := fs.String("actuals", "", "read actuals from CSV `file` (node,metric,period,amount) instead of the embedded ones")
	csvPath := fs.String("csv", "", "write every row of the review as CSV to `file`")
	jsonPath := fs.String("json", "", "write the review as JSON to `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *month < 1 || *month > 12 {
		return fmt.Errorf("month %d outside 1 … 12", *month)
	}
	c, err := northwind.Build(northwind.Options{Season: target.YearlyShares})
	if err != nil {
		return err
	}
	plan, tree, cal := c.Plan, c.Tree, c.Calendar

	data := actualsCSV
	if *actualsPath != "" {
		if data, err = os.ReadFile(*actualsPath); err != nil {
			return err
		}
	}
	actuals, err := target.ReadActualsCSV(bytes.NewReader(data), plan)
	if err != nil {
		return fmt.Errorf("actuals: %w", err)
	}
	y, m := cal.Month(target.Month(*month))
	asOf := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC) // last day of the month
	review, err := target.NewReview(plan, actuals, target.ReviewConfig{AsOf: asOf, WorkingDays: *workdays, Calendar: &cal})
	if err != nil {
		return err
	}

	fmt.Fprintf(w, "NORTHWIND INDUSTRIAL — PLAN COMPLETION REVIEW AS OF %s\n\n", asOf.Format(time.DateOnly))
	unit := "calendar days"
	if *workdays {
		unit = "working days"
	}
	fmt.Fprintf(w, "Time progress %.1f %% of the fiscal year (%s). Status: completion of the plan of the reported\n", 100*review.TimeProgress(), unit)
	fmt.Fprintln(w, "months, like for like — ahead ≥ 105 %, on track ≥ 97 %, behind ≥ 90 %, at risk below; for expense,")
	fmt.Fprintln(w, "lower is better. Months not reported yet are missing, not zero.")
	fmt.Fprintln(w)

	regions := tree.Children(tree.Root())
	if err := review.WriteText(w, append([]string{tree.Root()}, regions...)); err != nil {
		return err
	}

	fmt.Fprintln(w, "Revenue year to date by customer")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "customer\tplan YTD\tactual YTD\tvariance\tcompletion\tstatus\tmissing months\tforecast (seasonal)\tlanding\t")
	for _, n := range tree.Nodes() {
		if n.Level != "customer" {
			continue
		}
		row, err := review.YTD(n.ID, target.Revenue)
		if err != nil {
			return err
		}
		g, err := review.Progress(n.ID, target.Revenue)
		if err != nil {
			return err
		}
		fc := "n/a"
		if g.ForecastSeasonal.Valid {
			fc = money(g.ForecastSeasonal.Decimal)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t\n", n.Name, money(row.Plan), money(row.Actual), money(row.Variance),
			row.Completion, row.Status, row.Missing, fc, g.ForecastStatus)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// Process targets: the activities the revenue plan asks of the team.
	funnel := target.Funnel{
		Stages: []target.Stage{
			{Name: "visits", Conversion: 0.40, LeadMonths: 1},
			{Name: "proposals", Conversion: 0.50, LeadMonths: 1},
			{Name: "opportunities", Conversion: 0.45, LeadMonths: 1},
			{Name: "deals"},
		},
		DealSize: northwind.D("60000"),
	}
	steps, err := plan.ProcessTargets(tree.Root(), target.Revenue, funnel)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nProcess targets from the revenue plan: visits → proposals 40 %, → opportunities 50 %, → deals 45 %,")
	fmt.Fprintln(w, "one month per step, deal size 60,000.00; activities rounded up; 'before' is the previous fiscal year")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "stage	before	")
	for k := range 12 {
		_, mm := cal.Month(target.Period(k))
		fmt.Fprintf(tw, "%s	", mm.String()[:3])
	}
	fmt.Fprintln(tw, "total	")
	for _, s := range steps {
		var before int64
		for _, b := range s.Before {
			before += b
		}
		fmt.Fprintf(tw, "%s	%d	", s.Stage, before)
		for _, v := range s.Months {
			fmt.Fprintf(tw, "%d	", v)
		}
		fmt.Fprintf(tw, "%d	\n", s.Total)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	// The forward check: the pipeline at the end of the as-of month (each
	// stage's activities of that month) and the visits still planned after
	// it, against the gap to go.
	now := *month - 1
	var planned []target.Activity
	for k, s := range steps[:len(steps)-1] {
		for t, v := range s.Months {
			if (t == now || (k == 0 && t > now)) && v > 0 {
				planned = append(planned, target.Activity{Stage: s.Stage, Month: target.Period(t), Count: v})
			}
		}
	}
	g, err := review.Progress(tree.Root(), target.Revenue)
	if err != nil {
		return err
	}
	out, err := funnel.Outcome(planned, g.GapToGo)
	if err != nil {
		return err
	}
	how := "exact"
	if !out.Exact {
		how = "normal approximation"
	}
	fmt.Fprintf(w, "\nForward check: the pipeline of %s and the visits planned after it bring %.1f deals within the year\n",
		cal.Label(target.Month(*month)), out.Deals)
	fmt.Fprintf(w, "(sd %.1f), revenue %s (sd %s), and %.1f deals after year end. Against the gap to go of %s\n",
		out.DealsSD, money(out.Revenue), money(decimal.NewFromFloat(out.RevenueSD).Round(2)), out.AfterYear, money(g.GapToGo))
	fmt.Fprintf(w, "the probability of closing it is %.1f %% (%s).\n", 100*out.ProbReach, how)

	if *csvPath != "" {
		if err := cli.WriteFile(*csvPath, review.WriteCSV); err != nil {
			return err
		}
		fmt.Fprintf(w, "Review written to %s\n", *csvPath)
	}
	if *jsonPath != "" {
		if err := cli.WriteJSON(*jsonPath, review, false); err != nil {
			return err
		}
		fmt.Fprintf(w, "Review written to %s\n", *jsonPath)
	}
	return nil
}

func money(a decimal.Decimal) string { return target.FormatAmount(a, 2) }
