package target

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/textwidth"
)

// FormatAmount formats an amount with a comma between thousands and the
// given number of decimals: FormatAmount(-1234567.891, 2) is "-1,234,567.89"
// (rounded half away from zero).
func FormatAmount(a decimal.Decimal, places int32) string {
	s := a.StringFixed(places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for k, c := range whole {
		if k > 0 && (len(whole)-k)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// windows returns the rows of every due month, the QTD and the YTD of a node
// and metric.
func (r *Review) windows(node string, m Metric) ([]Row, error) {
	var rows []Row
	for k := 0; k <= r.asOf; k++ {
		row, err := r.month(node, m, Period(k))
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	q, err := r.qtd(node, m)
	if err != nil {
		return nil, err
	}
	y, err := r.ytdOf(node, m)
	if err != nil {
		return nil, err
	}
	return append(rows, q, y), nil
}

// WriteText writes the check form of each listed node as aligned text: the
// as-of month, quarter to date and year to date of every metric with plan,
// actual, variance, completion and status; the full-year view with time and
// completion progress, gap to go, required run rates and forecasts; the
// cross-metric ratios; and the children that explain most of each metric's
// variance.
func (r *Review) WriteText(w io.Writer, nodes []string) error {
	return wrap(r.writeText(w, nodes, TextOptions{}))
}

// WriteTextIn is [Review.WriteText] in a language: a Chinese tag ("zh",
// "zh-CN", …) writes the headers, levels, metrics and statuses in the
// course's Chinese, tables aligned with CJK characters two columns wide;
// any other tag writes English.
func (r *Review) WriteTextIn(w io.Writer, nodes []string, tag string) error {
	return wrap(r.writeText(w, nodes, TextOptions{Lang: tag}))
}

// TextOptions configures [Review.WriteTextWith]. The zero value writes
// what [Review.WriteText] writes.
type TextOptions struct {
	// Lang is the language as for [Review.WriteTextIn].
	Lang string
	// TenThousands shows amounts in units of 10,000 (万元) with two
	// decimals, as the course's Chinese reports do.
	TenThousands bool
}

// WriteTextWith is [Review.WriteText] with the options' language and
// amount scale.
func (r *Review) WriteTextWith(w io.Writer, nodes []string, opt TextOptions) error {
	return wrap(r.writeText(w, nodes, opt))
}

// reviewText are the texts of the check form, English and Chinese.
var reviewText = map[string]string{
	"%s (%s) — as of %s, %s; time progress %.1f %% of the year\n\n":                                                                   "%s（%s）— 截至 %s，%s；时间进度 %.1f %%\n\n",
	"metric\twindow\tplan\tactual\tvariance\tcompletion\tstatus\tmissing\t":                                                           "指标\t期间\t计划\t实际\t差异\t完成率\t状态\t缺报\t",
	"full year\tannual plan\tactual to date\tprogress\tgap to go\trequired / month\tnext month (seasonal)\t":                          "全年\t年度计划\t累计实际\t完成进度\t剩余缺口\t所需月均\t下月所需（季节性）\t",
	"forecast\trun rate\tseasonal\tactual + plan\tlanding\t":                                                                          "预测\t按速率\t按季节性\t实际+计划\t预计结果\t",
	"\nYear to date, plan / actual: collection ratio %s / %s, receivables %s / %s,\n  expense ratio %s / %s, profit margin %s / %s\n": "\n年初至今，计划 / 实际：回款率 %s / %s，应收账款 %s / %s，\n  费用率 %s / %s，利润率 %s / %s\n",
	"Largest contributors to the %s variance:\n  %s\n":                                                                                "%s差异的主要来源：\n  %s\n",
	"QTD": "季初至今", "YTD": "年初至今", "; ": "；",
}

// writeText is [Review.WriteText] with its errors not yet prefixed.
func (r *Review) writeText(w io.Writer, nodes []string, opt TextOptions) error {
	p, tag := r.p, opt.Lang
	places, shift := p.places(), int32(0)
	if opt.TenThousands {
		places, shift = 2, -4
	}
	f := func(d decimal.Decimal) string { return FormatAmount(d.Shift(shift), places) }
	fn := func(d decimal.NullDecimal) string { // "n/a" when not valid
		d.Decimal = d.Decimal.Shift(shift)
		return nullAmount(d, places)
	}
	T := func(en string) string {
		if zh, ok := reviewText[en]; ok && lang.Chinese(tag) {
			return zh
		}
		return en
	}
	bw := bufio.NewWriter(w)
	for _, id := range nodes {
		nd, ok := p.tree.Node(id)
		if !ok {
			return fmt.Errorf("review: node %q: %w", id, ErrUnknownNode)
		}
		fmt.Fprintf(bw, T("%s (%s) — as of %s, %s; time progress %.1f %% of the year\n\n"),
			nd.Name, LevelTitle(nd.Level, tag), r.cfg.AsOf.Format(time.DateOnly), p.cal.Label(r.AsOf()), 100*r.timeProg)
		tw := textwidth.NewTabWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, T("metric\twindow\tplan\tactual\tvariance\tcompletion\tstatus\tmissing\t"))
		for _, m := range p.metrics {
			rows, err := r.windows(id, m)
			if err != nil {
				return err
			}
			for _, row := range rows[len(rows)-3:] {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t\n", m.Title(tag), T(row.Window), f(row.Plan), f(row.Actual),
					f(row.Variance), row.Completion, row.Status.Title(tag), row.Missing)
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(bw)
		// The full-year view in two tables, so that a report fits in 132
		// columns: progress and required run rates, then the forecasts.
		progress := make([]Progress, len(p.metrics))
		for k, m := range p.metrics {
			var err error
			if progress[k], err = r.progressOf(id, m); err != nil {
				return err
			}
		}
		tw = textwidth.NewTabWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, T("full year\tannual plan\tactual to date\tprogress\tgap to go\trequired / month\tnext month (seasonal)\t"))
		for k, m := range p.metrics {
			g := progress[k]
			// Run rates are for the months still to come: none once the
			// as-of month is the last of the year, even if earlier months
			// are still unreported.
			flat, next := "-", "-"
			for _, o := range g.Open {
				if int(o) > r.asOf {
					flat, next = f(g.RequiredFlat[o]), f(g.RequiredSeasonal[o])
					break
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", m.Title(tag), f(g.Annual), f(g.ActualToDate),
				g.CompletionProgress, f(g.GapToGo), flat, next)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(bw)
		tw = textwidth.NewTabWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, T("forecast\trun rate\tseasonal\tactual + plan\tlanding\t"))
		for k, m := range p.metrics {
			g := progress[k]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", m.Title(tag), fn(g.ForecastLinear),
				fn(g.ForecastSeasonal), f(g.ForecastActualPlusPlan), g.ForecastStatus.Title(tag))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		ra, err := r.ratios(id)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, T("\nYear to date, plan / actual: collection ratio %s / %s, receivables %s / %s,\n  expense ratio %s / %s, profit margin %s / %s\n"),
			ra.PlanCollection, ra.ActualCollection, fn(ra.PlanReceivables), fn(ra.ActualReceivables),
			ra.PlanExpenseRatio, ra.ActualExpenseRatio, ra.PlanProfitMargin, ra.ActualProfitMargin)
		if len(p.tree.Children(id)) > 0 {
			for _, m := range p.metrics {
				cs, err := r.contributors(id, m, 3)
				if err != nil {
					return err
				}
				parts := make([]string, len(cs))
				for k, c := range cs {
					child, _ := p.tree.Node(c.Node)
					parts[k] = fmt.Sprintf("%s %s (%s)", child.Name, f(c.Variance), c.Share)
				}
				fmt.Fprintf(bw, T("Largest contributors to the %s variance:\n  %s\n"), m.Title(tag), strings.Join(parts, T("; ")))
			}
		}
		fmt.Fprintln(bw)
	}
	return bw.Flush()
}

func nullAmount(d decimal.NullDecimal, places int32) string {
	if !d.Valid {
		return "n/a"
	}
	return FormatAmount(d.Decimal, places)
}

func ratioField(r Ratio) string {
	if !r.Valid {
		return ""
	}
	return strconv.FormatFloat(r.Value, 'f', 6, 64)
}

func nullField(d decimal.NullDecimal, places int32) string {
	if !d.Valid {
		return ""
	}
	return d.Decimal.StringFixed(places)
}

// reviewCSVHeader returns the columns of [Review.WriteCSV].
func reviewCSVHeader() []string {
	return []string{"path", "level", "metric", "window", "plan", "actual", "variance", "completion",
		"status", "months", "missing", "annual", "actual_to_date", "time_progress", "completion_progress",
		"gap_to_go", "forecast_run_rate", "forecast_seasonal", "forecast_actual_plus_plan"}
}

// WriteCSV writes every row of the review — every node depth-first, every
// metric, every due month, QTD and YTD — with the columns path, level,
// metric, window, plan, actual, variance, completion, status, months,
// missing; the YTD rows also carry the full-year columns annual,
// actual_to_date, time_progress, completion_progress, gap_to_go,
// forecast_run_rate, forecast_seasonal and forecast_actual_plus_plan.
// Ratios are fractions with six decimals; undefined values are empty.
//
// The header comes after a configuration row: one cell "#review {…}" with
// the as-of date, the time basis, the working-day calendar, the thresholds
// and the lower-is-better metrics, which the columns cannot carry, so that
// [Plan.ReadReviewCSV] reads the same review back. Programs that only want
// the table skip the first line.
func (r *Review) WriteCSV(w io.Writer) error {
	return wrap(r.writeCSV(w))
}

// writeCSV is [Review.WriteCSV] with its errors not yet prefixed.
func (r *Review) writeCSV(w io.Writer) error {
	cw, bw := newCSVWriter(w, false)
	if err := r.writeConfigRow(cw); err != nil {
		return err
	}
	if err := cw.Write(reviewCSVHeader()); err != nil {
		return err
	}
	if err := r.longRecords(func(_ int, rec []string) error { return cw.Write(rec) }); err != nil {
		return err
	}
	return flushCSV(cw, bw)
}

// longRecords calls emit with every record of [Review.WriteCSV] after the
// header, in order, and the record's key (see [Review.longKey]). The record
// is reused between calls.
func (r *Review) longRecords(emit func(key int, rec []string) error) error {
	p := r.p
	places := p.places()
	rec := make([]string, len(reviewCSVHeader()))
	for i, nd := range p.tree.nodes {
		path := p.tree.path(i)
		for mi, m := range p.metrics {
			rows, err := r.windows(nd.ID, m)
			if err != nil {
				return err
			}
			for k, row := range rows {
				clear(rec)
				rec[0], rec[1], rec[2], rec[3] = path, nd.Level, string(m), row.Window
				rec[4], rec[5], rec[6] = row.Plan.StringFixed(places), row.Actual.StringFixed(places), row.Variance.StringFixed(places)
				rec[7], rec[8] = ratioField(row.Completion), row.Status.String()
				rec[9], rec[10] = strconv.Itoa(row.Months), strconv.Itoa(row.Missing)
				if k == len(rows)-1 {
					g := r.progress(i, mi)
					rec[11], rec[12] = g.Annual.StringFixed(places), g.ActualToDate.StringFixed(places)
					rec[13], rec[14] = strconv.FormatFloat(g.TimeProgress, 'f', 6, 64), ratioField(g.CompletionProgress)
					rec[15] = g.GapToGo.StringFixed(places)
					rec[16], rec[17] = nullField(g.ForecastLinear, places), nullField(g.ForecastSeasonal, places)
					rec[18] = g.ForecastActualPlusPlan.StringFixed(places)
				}
				if err := emit(p.longKey(r.asOf, i, mi, k), rec); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

type jsonRow struct {
	Window     string   `json:"window"`
	Plan       string   `json:"plan"`
	Actual     string   `json:"actual"`
	Variance   string   `json:"variance"`
	Completion *float64 `json:"completion"`
	Status     string   `json:"status"`
	Months     int      `json:"months"`
	Missing    int      `json:"missing"`
}

type jsonProgress struct {
	Annual             string   `json:"annual"`
	ActualToDate       string   `json:"actualToDate"`
	CompletionProgress *float64 `json:"completionProgress"`
	GapToGo            string   `json:"gapToGo"`
	RequiredFlat       []string `json:"requiredFlat"`
	RequiredSeasonal   []string `json:"requiredSeasonal"`
	ForecastRunRate    *string  `json:"forecastRunRate"`
	ForecastSeasonal   *string  `json:"forecastSeasonal"`
	ForecastPlusPlan   string   `json:"forecastActualPlusPlan"`
	Landing            string   `json:"landing"`
}

type jsonMetricReview struct {
	Rows     []jsonRow    `json:"rows"`
	Progress jsonProgress `json:"progress"`
}

type jsonNodeReview struct {
	Path    string                      `json:"path"`
	Level   string                      `json:"level"`
	Metrics map[Metric]jsonMetricReview `json:"metrics"`
}

type jsonReview struct {
	AsOf         string           `json:"asOf"`
	TimeProgress float64          `json:"timeProgress"`
	Config       jsonReviewConfig `json:"config"`
	Nodes        []jsonNodeReview `json:"nodes"`
}

func ratioPtr(r Ratio) *float64 {
	if !r.Valid {
		return nil
	}
	v := r.Value
	return &v
}

// MarshalJSON encodes the whole review: the as-of date, the time progress,
// the configuration (as in the "#review" row of [Review.WriteCSV]) and, for
// every node and metric, the rows of every due month, QTD and YTD and the
// full-year progress. Amounts are strings with the unit's decimals;
// undefined ratios and forecasts are null. [Plan.ReadReviewJSON] reads it
// back.
func (r *Review) MarshalJSON() ([]byte, error) {
	res, err := r.marshalJSON()
	return res, wrap(err)
}

// marshalJSON is [Review.MarshalJSON] with its errors not yet prefixed.
func (r *Review) marshalJSON() ([]byte, error) {
	out, err := r.jsonDoc()
	if err != nil {
		return nil, err
	}
	return json.Marshal(out)
}

// jsonDoc returns the document [Review.MarshalJSON] encodes.
func (r *Review) jsonDoc() (jsonReview, error) {
	p := r.p
	places := p.places()
	out := jsonReview{AsOf: r.cfg.AsOf.Format(time.DateOnly), TimeProgress: r.timeProg, Config: r.configJSON()}
	for i, nd := range p.tree.nodes {
		jn := jsonNodeReview{Path: p.tree.path(i), Level: nd.Level, Metrics: map[Metric]jsonMetricReview{}}
		for _, m := range p.metrics {
			rows, err := r.windows(nd.ID, m)
			if err != nil {
				return jsonReview{}, err
			}
			var jm jsonMetricReview
			for _, row := range rows {
				jm.Rows = append(jm.Rows, jsonRow{row.Window, row.Plan.StringFixed(places), row.Actual.StringFixed(places),
					row.Variance.StringFixed(places), ratioPtr(row.Completion), row.Status.String(), row.Months, row.Missing})
			}
			g, err := r.progressOf(nd.ID, m)
			if err != nil {
				return jsonReview{}, err
			}
			jm.Progress = jsonProgress{
				Annual: g.Annual.StringFixed(places), ActualToDate: g.ActualToDate.StringFixed(places),
				CompletionProgress: ratioPtr(g.CompletionProgress), GapToGo: g.GapToGo.StringFixed(places),
				ForecastPlusPlan: g.ForecastActualPlusPlan.StringFixed(places), Landing: g.ForecastStatus.String(),
			}
			for k := range 12 {
				jm.Progress.RequiredFlat = append(jm.Progress.RequiredFlat, g.RequiredFlat[k].StringFixed(places))
				jm.Progress.RequiredSeasonal = append(jm.Progress.RequiredSeasonal, g.RequiredSeasonal[k].StringFixed(places))
			}
			if g.ForecastLinear.Valid {
				s := g.ForecastLinear.Decimal.StringFixed(places)
				jm.Progress.ForecastRunRate = &s
			}
			if g.ForecastSeasonal.Valid {
				s := g.ForecastSeasonal.Decimal.StringFixed(places)
				jm.Progress.ForecastSeasonal = &s
			}
			jn.Metrics[m] = jm
		}
		out.Nodes = append(out.Nodes, jn)
	}
	return out, nil
}
