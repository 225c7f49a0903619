package target

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Status classifies a row of the monthly review.
//
// The zero Status is [NoData].
type Status uint8

const (
	// NoData means no month of the row has been reported.
	NoData Status = iota
	// AtRisk means the result is below the Behind threshold.
	AtRisk
	// Behind means the result is between the Behind and OnTrack thresholds.
	Behind
	// OnTrack means the result is between the OnTrack and Ahead thresholds.
	OnTrack
	// Ahead means the result is at or above the Ahead threshold.
	Ahead
)

// String returns "no data", "at risk", "behind", "on track" or "ahead".
func (s Status) String() string {
	switch s {
	case NoData:
		return "no data"
	case AtRisk:
		return "at risk"
	case Behind:
		return "behind"
	case OnTrack:
		return "on track"
	case Ahead:
		return "ahead"
	}
	return fmt.Sprintf("Status(%d)", uint8(s))
}

var statusChinese = [...]string{NoData: "无数据", AtRisk: "风险", Behind: "落后", OnTrack: "正常", Ahead: "领先"}

// Title returns the status's name in English ([Status.String]) or, for a
// Chinese language tag, in Chinese: 无数据, 风险, 落后, 正常, 领先.
func (s Status) Title(tag string) string {
	if int(s) < len(statusChinese) && lang.Chinese(tag) {
		return statusChinese[s]
	}
	return s.String()
}

// Thresholds set the statuses of the review from a row's completion rate c
// (for a lower-is-better metric, from 2 − c, so that 5 % under budget scores
// like 5 % over target): Ahead when c ≥ Ahead, OnTrack when c ≥ OnTrack,
// Behind when c ≥ Behind, AtRisk below. Zero fields mean 1.05, 0.97 and 0.90.
type Thresholds struct {
	Ahead, OnTrack, Behind float64
}

func (t Thresholds) withDefaults() Thresholds {
	if t.Ahead == 0 {
		t.Ahead = 1.05
	}
	if t.OnTrack == 0 {
		t.OnTrack = 0.97
	}
	if t.Behind == 0 {
		t.Behind = 0.90
	}
	return t
}

// ReviewConfig configures [NewReview].
//
// The zero ReviewConfig has no as-of date and is invalid.
type ReviewConfig struct {
	// AsOf is the date of the review, within the plan's fiscal year: the
	// months up to and including its month are due.
	AsOf time.Time
	// WorkingDays measures time progress in working days instead of
	// calendar days.
	WorkingDays bool
	// Calendar, when set, is used for working days (holidays); its start must
	// be the plan's. Nil means the plan's calendar.
	Calendar *Calendar
	// Thresholds sets the statuses; the zero value means the defaults.
	Thresholds Thresholds
	// LowerIsBetter lists the metrics for which less is better, such as
	// expense; nil means the plan's ([Spec.LowerIsBetter], see
	// [Plan.Metric]), an empty non-nil slice none.
	LowerIsBetter []Metric
}

// Validate reports whether the configuration is usable by itself: a set AsOf
// date and thresholds with 0 < Behind < OnTrack < Ahead once defaults are
// applied. Errors wrap [ErrInvalidSpec] or [ErrInvalidRate].
func (c ReviewConfig) Validate() error {
	return wrap(c.validate())
}

// validate is [ReviewConfig.Validate] with its errors not yet prefixed.
func (c ReviewConfig) validate() error {
	if c.AsOf.IsZero() {
		return fmt.Errorf("review: no as-of date: %w", ErrInvalidSpec)
	}
	t := c.Thresholds.withDefaults()
	if !(t.Behind > 0 && t.Behind < t.OnTrack && t.OnTrack < t.Ahead) || math.IsInf(t.Ahead, 0) {
		return fmt.Errorf("review: thresholds %+v not increasing: %w", t, ErrInvalidRate)
	}
	if c.Calendar != nil {
		if err := c.Calendar.validate(); err != nil {
			return fmt.Errorf("review: %w", err)
		}
	}
	return nil
}

// Ratio is a dimensionless result that may be undefined (a completion rate
// against a plan of zero, a margin on zero revenue). Valid is false then and
// Value is zero: never NaN or infinity.
type Ratio struct {
	Value float64
	Valid bool
}

// String formats a valid ratio as a percentage with one decimal, and an
// undefined one as "n/a".
func (r Ratio) String() string {
	if !r.Valid {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*r.Value)
}

// ratio returns a/b, or an invalid Ratio when b is zero.
func ratio(a, b float64) Ratio {
	if b == 0 {
		return Ratio{}
	}
	return Ratio{a/b + 0, true} // + 0 turns −0 into 0
}

// Completion returns the completion rate of actual against plan:
// 1 + (actual − plan)/|plan|. For a positive plan it is actual/plan; for a
// negative plan (a planned loss) it stays meaningful — a loss half the size
// planned is 150 % — and it is undefined for a plan of zero. It is the rate
// used throughout the review; show the variance beside it.
//
// It is computed exactly in decimals and converted once, so plans and
// actuals of any size give the right rate; a rate beyond float64's range
// (only for amounts whose exponents differ by hundreds) is not valid.
func Completion(plan, actual decimal.Decimal) Ratio {
	if plan.IsZero() {
		return Ratio{}
	}
	// Enough digits that the float64 is correctly rounded at any scale.
	q := actual.Sub(plan).DivRound(plan.Abs(), 40)
	v := q.Add(decimal.NewFromInt(1)).InexactFloat64()
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return Ratio{}
	}
	return Ratio{v + 0, true}
}

func completion(plan, actual float64) Ratio {
	if plan == 0 {
		return Ratio{}
	}
	return Ratio{1 + (actual-plan)/math.Abs(plan), true}
}

// Review is the monthly plan-completion review (the course's completion
// check form) of a plan against actuals as of a date. Build it with
// [NewReview]; its methods are safe for concurrent use. All amounts are in
// the plan's unit; derived amounts (required run rates, forecasts) are rounded
// to the unit, half away from zero, except the run-rate splits, which are
// exact splits of the gap.
//
// Windows: each due month, the quarter to date (the due months of the as-of
// month's quarter) and the year to date (all due months). A window compares
// like for like: its plan counts only the months that were reported, and
// Missing counts those that were not.
type Review struct {
	p        *Plan
	cfg      ReviewConfig
	th       Thresholds
	lower    []bool // by metric index
	asOf     int    // fiscal month index of the as-of date
	timeProg float64
	lay      layout       // the actuals' layout: the plan's metrics and nodes, twelve months
	act      []int64      // rolled-up actuals, laid out by lay
	repPlan  []int64      // plan of the reported part of each cell
	state    []uint8      // how much of each cell was reported
	sum      []windowSums // per metric and node, laid out by lay.perNode()
}

// sums returns the window sums of metric mi, node i.
func (r *Review) sums(mi, i int) windowSums { return r.sum[r.lay.perNode().at(mi, i, 0)] }

// windowSums are the precomputed sums of one node and metric.
type windowSums struct {
	ytdPlan, ytdAct, ytdPlanAll int64 // plan of the reported part, actual, plan of all due months
	qtdPlan, qtdAct, qtdPlanAll int64 // likewise for the quarter to date
	ytdAny, ytdFull             int8  // due months with some report, fully reported
	qtdAny, qtdFull             int8
}

// NewReview prepares the review of plan p against actuals a as of cfg.AsOf.
// Actuals of months after the as-of month are ignored.
//
// Actuals made for a plan with the same tree, fiscal year, unit and
// metrics are reviewed as they are; when only the order of the metrics
// differs they are re-keyed by metric name. Any other difference is an
// error wrapping [ErrMismatchedActuals] that names it.
//
// Errors also wrap [ErrInvalidSpec] (a config error), [ErrInvalidRate]
// (thresholds), [ErrInvalidPeriod] (an as-of date outside the fiscal year),
// [ErrInvalidCalendar] or [ErrOverflow] (a sum of actuals beyond 10^18
// units, as a [CellError]).
func NewReview(p *Plan, a *Actuals, cfg ReviewConfig) (*Review, error) {
	res, err := newReview(p, a, cfg)
	return res, wrap(err)
}

// newReview is [NewReview] with its errors not yet prefixed.
func newReview(p *Plan, a *Actuals, cfg ReviewConfig) (*Review, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	a, err := a.forPlan(p)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	mo, ok := p.cal.MonthOf(cfg.AsOf)
	k := int(mo)
	if !ok {
		return nil, fmt.Errorf("review: as-of %s outside the fiscal year %s … %s: %w",
			cfg.AsOf.Format(time.DateOnly), p.cal.Label(M1), p.cal.Label(M12), ErrInvalidPeriod)
	}
	r := &Review{p: p, cfg: cfg, th: cfg.Thresholds.withDefaults(), asOf: k, lower: make([]bool, len(p.metrics)), lay: a.lay}
	copy(r.lower, p.lower)
	if lower := cfg.LowerIsBetter; lower != nil {
		for mi, m := range p.metrics {
			r.lower[mi] = slices.Contains(lower, m)
		}
	}
	if err := r.timeProgress(); err != nil {
		return nil, err
	}
	if r.act, r.repPlan, r.state, err = a.rollUp(p); err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	n := p.tree.Len()
	r.sum = make([]windowSums, r.lay.perNode().size())
	q0 := k / 3 * 3
	for mi := range p.metrics {
		for i := range n {
			pr := p.months(mi, i)
			base := r.lay.base(mi, i)
			var s windowSums
			// Sums of up to twelve months of ±10^18 units can leave int64:
			// accumulate exactly and check once.
			var ytdPlanAll, qtdPlanAll, ytdPlan, ytdAct, qtdPlan, qtdAct money.Acc
			for m := 0; m <= k; m++ {
				ytdPlanAll.Add(pr[m])
				if m >= q0 {
					qtdPlanAll.Add(pr[m])
				}
				st := r.state[base+m]
				if st == reportedNone {
					continue
				}
				full := int8(0)
				if st == reportedAll {
					full = 1
				}
				ytdPlan.Add(r.repPlan[base+m])
				ytdAct.Add(r.act[base+m])
				s.ytdAny++
				s.ytdFull += full
				if m >= q0 {
					qtdPlan.Add(r.repPlan[base+m])
					qtdAct.Add(r.act[base+m])
					s.qtdAny++
					s.qtdFull += full
				}
			}
			var ok [6]bool
			s.ytdPlanAll, ok[0] = ytdPlanAll.Value()
			s.qtdPlanAll, ok[1] = qtdPlanAll.Value()
			s.ytdPlan, ok[2] = ytdPlan.Value()
			s.ytdAct, ok[3] = ytdAct.Value()
			s.qtdPlan, ok[4] = qtdPlan.Value()
			s.qtdAct, ok[5] = qtdAct.Value()
			if ok != [6]bool{true, true, true, true, true, true} {
				return nil, fmt.Errorf("review: %w", p.cellErr(mi, i, Period(k), fmt.Errorf("sums to date: %w", ErrOverflow)))
			}
			r.sum[r.lay.perNode().at(mi, i, 0)] = s
		}
	}
	return r, nil
}

// timeProgress sets the share of the year elapsed at the end of the as-of
// date, in calendar or working days.
func (r *Review) timeProgress() error {
	cal := r.p.cal
	if r.cfg.Calendar != nil {
		if !r.cfg.Calendar.Start().Equal(cal.Start()) {
			return fmt.Errorf("review: calendar starts %s, plan %s: %w", r.cfg.Calendar.Label(M1), cal.Label(M1), ErrInvalidCalendar)
		}
		cal = *r.cfg.Calendar
	}
	asOf := time.Date(r.cfg.AsOf.Year(), r.cfg.AsOf.Month(), r.cfg.AsOf.Day(), 0, 0, 0, 0, time.UTC)
	if !r.cfg.WorkingDays {
		elapsed := asOf.Sub(cal.Start()).Hours()/24 + 1
		r.timeProg = elapsed / (cal.End().Sub(cal.Start()).Hours() / 24)
		return nil
	}
	days, err := cal.workingDays()
	if err != nil {
		return fmt.Errorf("review: %w", err)
	}
	var total, done int
	for m, d := range days {
		total += d
		if m < r.asOf {
			done += d
		}
	}
	// Working days of the as-of month up to and including the as-of date.
	y, mo := cal.Month(Period(r.asOf))
	isWorking := cal.workingDay()
	for d := time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC); !d.After(asOf); d = d.AddDate(0, 0, 1) {
		if isWorking(d) {
			done++
		}
	}
	if total == 0 {
		return fmt.Errorf("review: the calendar has no working day: %w", ErrInvalidCalendar)
	}
	r.timeProg = float64(done) / float64(total)
	return nil
}

// AsOf returns the fiscal month of the as-of date.
func (r *Review) AsOf() Period { return Period(r.asOf) }

// TimeProgress returns the share of the fiscal year elapsed at the end of the
// as-of date (calendar or working days, as configured), 0 … 1.
func (r *Review) TimeProgress() float64 { return r.timeProg }

// Row is one line of the review: a node, a metric and a window (a month,
// "QTD" or "YTD").
//
// The zero Row is an empty window.
type Row struct {
	Node   string
	Metric Metric
	Window string
	// Plan is the plan of what was reported in the window (for an inner
	// node, of the leaf months that reported), Actual the actual,
	// Variance = Actual − Plan: like for like. When nothing in the window
	// was reported, Plan is the window's whole plan and Actual and Variance
	// are zero.
	Plan, Actual, Variance decimal.Decimal
	// Completion is the completion rate, see [Completion].
	Completion Ratio
	Status     Status
	// Months is the number of due months in the window and Missing how
	// many of them are not completely reported.
	Months, Missing int
}

func (r *Review) index(node string, m Metric) (int, int, error) {
	i, ok := r.p.tree.byID.get(node)
	if !ok {
		return 0, 0, fmt.Errorf("review: node %q: %w", node, ErrUnknownNode)
	}
	mi, ok := r.p.midx[m]
	if !ok {
		return 0, 0, fmt.Errorf("review: metric %q: %w", m, ErrUnknownMetric)
	}
	return i, mi, nil
}

// status classifies a window from its plan and actual in units.
func (r *Review) status(mi int, plan, actual int64, reported int) Status {
	if reported == 0 {
		return NoData
	}
	c := completion(float64(plan), float64(actual))
	if !c.Valid {
		better := actual > plan
		if r.lower[mi] {
			better = actual < plan
		}
		switch {
		case actual == plan:
			return OnTrack
		case better:
			return Ahead
		}
		return AtRisk
	}
	x := c.Value
	if r.lower[mi] {
		x = 2 - x
	}
	// A tolerance of 1e-9 keeps 2 − 1.1 = 0.8999… at the 0.90 threshold.
	const eps = 1e-9
	switch {
	case x >= r.th.Ahead-eps:
		return Ahead
	case x >= r.th.OnTrack-eps:
		return OnTrack
	case x >= r.th.Behind-eps:
		return Behind
	}
	return AtRisk
}

// row builds a review row from the plan of what was reported (plan), the
// window's whole plan (planAll, shown when nothing was reported) and the
// actual.
func (r *Review) row(i, mi int, window string, plan, planAll, actual int64, months, anyRep, fullRep int) Row {
	p := r.p
	if anyRep == 0 {
		// Nothing reported: show the window's plan, and no actual or
		// variance rather than a variance against a zero that is not one.
		plan = planAll
	}
	row := Row{
		Node: p.tree.nodes[i].ID, Metric: p.metrics[mi], Window: window,
		Plan: p.amount(plan), Actual: p.amount(actual), Variance: p.amount(actual - plan),
		Status: r.status(mi, plan, actual, anyRep), Months: months, Missing: months - fullRep,
	}
	if anyRep > 0 {
		row.Completion = completion(float64(plan), float64(actual))
	} else {
		row.Variance = p.amount(0)
	}
	return row
}

// Month returns the review row of one due month (M1 … the as-of month).
// Errors wrap [ErrUnknownNode], [ErrUnknownMetric] or [ErrInvalidPeriod] (a
// month after the as-of month, or not a month).
func (r *Review) Month(node string, m Metric, month Period) (Row, error) {
	res, err := r.month(node, m, month)
	return res, wrap(err)
}

// month is [Review.Month] with its errors not yet prefixed.
func (r *Review) month(node string, m Metric, month Period) (Row, error) {
	i, mi, err := r.index(node, m)
	if err != nil {
		return Row{}, err
	}
	if !month.IsMonth() || int(month) > r.asOf {
		return Row{}, fmt.Errorf("review: %s is not a due month: %w", month, ErrInvalidPeriod)
	}
	c := r.lay.at(mi, i, int(month))
	anyRep, fullRep := 0, 0
	switch r.state[c] {
	case reportedAll:
		anyRep, fullRep = 1, 1
	case reportedPart:
		anyRep = 1
	}
	return r.row(i, mi, r.p.cal.Label(month), r.repPlan[c], r.p.row(mi, i)[month], r.act[c], 1, anyRep, fullRep), nil
}

// QTD returns the quarter-to-date row of a node and metric.
func (r *Review) QTD(node string, m Metric) (Row, error) {
	res, err := r.qtd(node, m)
	return res, wrap(err)
}

// qtd is [Review.QTD] with its errors not yet prefixed.
func (r *Review) qtd(node string, m Metric) (Row, error) {
	i, mi, err := r.index(node, m)
	if err != nil {
		return Row{}, err
	}
	s := r.sums(mi, i)
	return r.row(i, mi, "QTD", s.qtdPlan, s.qtdPlanAll, s.qtdAct, r.asOf%3+1, int(s.qtdAny), int(s.qtdFull)), nil
}

// YTD returns the year-to-date row of a node and metric.
func (r *Review) YTD(node string, m Metric) (Row, error) {
	res, err := r.ytdOf(node, m)
	return res, wrap(err)
}

// ytdOf is [Review.YTD] with its errors not yet prefixed.
func (r *Review) ytdOf(node string, m Metric) (Row, error) {
	i, mi, err := r.index(node, m)
	if err != nil {
		return Row{}, err
	}
	return r.ytd(i, mi), nil
}

func (r *Review) ytd(i, mi int) Row {
	s := r.sums(mi, i)
	return r.row(i, mi, "YTD", s.ytdPlan, s.ytdPlanAll, s.ytdAct, r.asOf+1, int(s.ytdAny), int(s.ytdFull))
}

// All yields the year-to-date row and the full-year progress of every node
// (depth-first) and metric (in plan order): the whole review, without
// looking nodes up by ID.
func (r *Review) All() iter.Seq2[Row, Progress] {
	return func(yield func(Row, Progress) bool) {
		for i := range r.p.tree.Len() {
			for mi := range r.p.metrics {
				if !yield(r.ytd(i, mi), r.progress(i, mi)) {
					return
				}
			}
		}
	}
}

// Progress is the full-year view of one node and metric: time progress
// against completion progress, the gap to go, the run rate it requires and
// the forecasts.
//
// The zero Progress is an empty view.
type Progress struct {
	Node   string
	Metric Metric
	// Annual is the full-year plan and ActualToDate the actual of the
	// reported due months.
	Annual, ActualToDate decimal.Decimal
	// TimeProgress is the share of the year elapsed; CompletionProgress is
	// ActualToDate / Annual, defined for a positive annual plan only.
	TimeProgress       float64
	CompletionProgress Ratio
	// GapToGo is Annual − ActualToDate: what is left to achieve (for a
	// lower-is-better metric, the budget left).
	GapToGo decimal.Decimal
	// Open lists the open months: those after the as-of month and the due
	// months nothing has been reported for. The required run rates split
	// GapToGo over them exactly: RequiredFlat equally, RequiredSeasonal in
	// proportion to their plan (equally when that is all zero). Other months
	// are zero.
	Open                           []Period
	RequiredFlat, RequiredSeasonal [12]decimal.Decimal
	// Forecasts of the full year: the linear run rate ActualToDate / months
	// with a report × 12 (a partly reported month counts as a month); the
	// seasonal run rate ActualToDate × Annual / plan of what was reported;
	// and ActualToDate plus the plan of everything not reported yet. The
	// first two are undefined (Valid false) before anything is reported, the
	// second also when the plan of what was reported is zero.
	ForecastLinear, ForecastSeasonal decimal.NullDecimal
	ForecastActualPlusPlan           decimal.Decimal
	// ForecastStatus is the status of the seasonal forecast against Annual:
	// where the year is likely to land.
	ForecastStatus Status
}

// Progress returns the full-year view of a node and metric.
func (r *Review) Progress(node string, m Metric) (Progress, error) {
	res, err := r.progressOf(node, m)
	return res, wrap(err)
}

// progressOf is [Review.Progress] with its errors not yet prefixed.
func (r *Review) progressOf(node string, m Metric) (Progress, error) {
	i, mi, err := r.index(node, m)
	if err != nil {
		return Progress{}, err
	}
	return r.progress(i, mi), nil
}

func (r *Review) progress(i, mi int) Progress {
	p := r.p
	node, m := p.tree.nodes[i].ID, p.metrics[mi]
	pr := p.row(mi, i)
	s := r.sums(mi, i)
	base := r.lay.base(mi, i)
	out := Progress{
		Node: node, Metric: m, Annual: p.amount(pr[FY]), ActualToDate: p.amount(s.ytdAct),
		TimeProgress: r.timeProg, GapToGo: p.amount(pr[FY] - s.ytdAct),
	}
	if pr[FY] > 0 {
		out.CompletionProgress = Ratio{float64(s.ytdAct) / float64(pr[FY]), true}
	}
	var open [12]int
	nOpen := 0
	for k := range 12 {
		if k > r.asOf || r.state[base+k] == reportedNone {
			open[nOpen] = k
			nOpen++
		}
	}
	out.Open = make([]Period, nOpen)
	for j, k := range open[:nOpen] {
		out.Open[j] = Period(k)
	}
	for k := range 12 {
		out.RequiredFlat[k], out.RequiredSeasonal[k] = p.amount(0), p.amount(0)
	}
	if nOpen > 0 {
		var sp money.Splitter
		gap := pr[FY] - s.ytdAct
		var cur [12]int64
		var flat, seasonal [12]int64
		sp.SplitLike(flat[:nOpen], gap, cur[:nOpen])
		for j, k := range open[:nOpen] {
			cur[j] = pr[k]
		}
		sp.SplitLike(seasonal[:nOpen], gap, cur[:nOpen])
		// Equal amounts share one decimal: decimals are immutable.
		var last int64
		var lastDec decimal.Decimal
		have := false
		amount := func(u int64) decimal.Decimal {
			if !have || u != last {
				last, lastDec, have = u, p.amount(u), true
			}
			return lastDec
		}
		for j, k := range open[:nOpen] {
			out.RequiredFlat[k] = amount(flat[j])
		}
		for j, k := range open[:nOpen] {
			out.RequiredSeasonal[k] = p.amount(seasonal[j])
		}
	}
	out.ForecastActualPlusPlan = p.amount(s.ytdAct + pr[FY] - s.ytdPlan)
	if s.ytdAny > 0 {
		lin := float64(s.ytdAct) / float64(s.ytdAny) * 12
		out.ForecastLinear = decimal.NullDecimal{Decimal: r.forecastAmount(lin), Valid: true}
		if s.ytdPlan != 0 {
			sea := float64(s.ytdAct) * float64(pr[FY]) / float64(s.ytdPlan)
			out.ForecastSeasonal = decimal.NullDecimal{Decimal: r.forecastAmount(sea), Valid: true}
			// Beyond the bound the status is that of the bound: the ratio
			// to the plan is already far past every threshold.
			u := int64(max(min(math.Round(sea), money.MaxCount), -money.MaxCount))
			out.ForecastStatus = r.status(mi, pr[FY], u, 1)
		}
	}
	return out
}

// forecastAmount returns a forecast of x units (finite: its inputs are
// sums within the bound and a non-zero divisor) rounded half away from zero
// to a whole unit. A forecast beyond ±10^18 units, such as an extrapolation
// from a tiny plan of the reported months, is not stored in the plan's
// cells, so it is returned exactly as the rounded float times the unit
// instead of being refused.
func (r *Review) forecastAmount(x float64) decimal.Decimal {
	if u, err := money.Round(x, money.HalfAwayFromZero); err == nil {
		return r.p.amount(u)
	}
	return decimal.NewFromFloat(math.Round(x)).Mul(r.p.Unit())
}

// Contribution is one child's share of its parent's year-to-date variance.
//
// The zero Contribution names no node.
type Contribution struct {
	Node     string
	Variance decimal.Decimal
	// Share is the child's variance over the parent's; shares of the
	// children sum to one, and a share above one (or negative) means the
	// child moved more than (or against) the parent.
	Share Ratio
}

// Contributors returns the children of node that explain most of its
// year-to-date variance in metric m: at most n of them (all when n ≤ 0),
// ranked by the size of their variance, larger first, ties in tree order.
func (r *Review) Contributors(node string, m Metric, n int) ([]Contribution, error) {
	res, err := r.contributors(node, m, n)
	return res, wrap(err)
}

// contributors is [Review.Contributors] with its errors not yet prefixed.
func (r *Review) contributors(node string, m Metric, n int) ([]Contribution, error) {
	i, mi, err := r.index(node, m)
	if err != nil {
		return nil, err
	}
	t := r.p.tree
	kids := slices.Clone(t.kids(i))
	v := func(c int) int64 { s := r.sums(mi, c); return s.ytdAct - s.ytdPlan }
	slices.SortStableFunc(kids, func(a, b int) int {
		va, vb := v(a), v(b)
		return cmpInt(max(vb, -vb), max(va, -va))
	})
	if n > 0 && len(kids) > n {
		kids = kids[:n]
	}
	parent := float64(v(i))
	out := make([]Contribution, len(kids))
	for k, c := range kids {
		out[k] = Contribution{Node: t.nodes[c].ID, Variance: r.p.amount(v(c)), Share: ratio(float64(v(c)), parent)}
	}
	return out, nil
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Ratios are the cross-metric measures of one node, year to date, for the
// plan (all due months) and the actuals (the due months in which both
// metrics were reported): collection ratio = collection / revenue, receivables
// = opening receivables + revenue − collection (without a collection rule the
// opening is zero, so it is the change since the year began), expense ratio
// = expense / revenue and profit margin = profit / revenue. A measure whose
// metrics the plan lacks, or whose revenue is zero, is not valid.
type Ratios struct {
	Node                                 string
	PlanCollection, ActualCollection     Ratio
	PlanReceivables, ActualReceivables   decimal.NullDecimal
	PlanExpenseRatio, ActualExpenseRatio Ratio
	PlanProfitMargin, ActualProfitMargin Ratio
}

// Ratios returns the cross-metric measures of a node.
func (r *Review) Ratios(node string) (Ratios, error) {
	res, err := r.ratios(node)
	return res, wrap(err)
}

// ratios is [Review.Ratios] with its errors not yet prefixed.
func (r *Review) ratios(node string) (Ratios, error) {
	i, ok := r.p.tree.byID.get(node)
	if !ok {
		return Ratios{}, fmt.Errorf("review: node %q: %w", node, ErrUnknownNode)
	}
	out := Ratios{Node: node}
	rev, okRev := r.p.midx[Revenue]
	if !okRev {
		return out, nil
	}
	rs := r.sums(rev, i)
	get := func(m Metric) (windowSums, bool) {
		mi, ok := r.p.midx[m]
		if !ok {
			return windowSums{}, false
		}
		return r.sums(mi, i), true
	}
	// actual is the ratio of metric m's actuals to revenue's, over the due
	// months in which both were reported, so that a metric reported later
	// than revenue is not set against more months of revenue.
	actual := func(m Metric) Ratio {
		mi := r.p.midx[m]
		var num, den float64
		for k := 0; k <= r.asOf; k++ {
			cm, cr := r.lay.at(mi, i, k), r.lay.at(rev, i, k)
			if r.state[cm] != reportedNone && r.state[cr] != reportedNone {
				num += float64(r.act[cm])
				den += float64(r.act[cr])
			}
		}
		return ratio(num, den)
	}
	if c, ok := get(Collection); ok {
		out.PlanCollection = ratio(float64(c.ytdPlanAll), float64(rs.ytdPlanAll))
		out.ActualCollection = actual(Collection)
		var open int64
		if r.p.opening != nil {
			open = r.p.opening[i]
		}
		out.PlanReceivables = decimal.NullDecimal{Decimal: r.p.amount(open + rs.ytdPlanAll - c.ytdPlanAll), Valid: true}
		if rs.ytdAny > 0 && c.ytdAny > 0 {
			out.ActualReceivables = decimal.NullDecimal{Decimal: r.p.amount(open + rs.ytdAct - c.ytdAct), Valid: true}
		}
	}
	if e, ok := get(Expense); ok {
		out.PlanExpenseRatio = ratio(float64(e.ytdPlanAll), float64(rs.ytdPlanAll))
		out.ActualExpenseRatio = actual(Expense)
	}
	if p, ok := get(Profit); ok {
		out.PlanProfitMargin = ratio(float64(p.ytdPlanAll), float64(rs.ytdPlanAll))
		out.ActualProfitMargin = actual(Profit)
	}
	return out, nil
}
