package strategy

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/salesgrowth/salesgrowth/internal/money"
	"github.com/salesgrowth/salesgrowth/target"
)

// TrendKind is the shape of a baseline trend. The zero TrendKind is
// [LinearTrend].
type TrendKind uint8

const (
	// LinearTrend fits y = a + b·t by least squares.
	LinearTrend TrendKind = iota
	// LogLinearTrend fits ln y = a + b·t (constant growth e^b − 1 per
	// period); every value must be positive.
	LogLinearTrend
)

// String names the kind ("linear trend", "log-linear trend").
func (k TrendKind) String() string {
	switch k {
	case LinearTrend:
		return "linear trend"
	case LogLinearTrend:
		return "log-linear trend"
	}
	return fmt.Sprintf("TrendKind(%d)", uint8(k))
}

// MinTrendPoints is the fewest history points a trend is fitted to: two
// parameters and at least one degree of freedom for the residual variance.
const MinTrendPoints = 3

// MaxHistory bounds the length of a history or a series the package fits.
const MaxHistory = 1 << 20

// Trend is a least-squares trend of a history y₁ … yₙ on t = 1 … n (on ln y
// for [LogLinearTrend]): fitted value a + b·t, residual standard error s
// on n − 2 degrees of freedom. The zero Trend is a flat zero linear trend
// fitted to nothing and forecasts nothing.
type Trend struct {
	Kind             TrendKind
	Intercept, Slope float64 // a and b, per period (on the log scale for LogLinearTrend)
	ResidualSE       float64 // s
	R2               float64 // coefficient of determination on the fitted scale
	N                int     // history points
	meanT, sxx       float64
}

// FitTrend fits a trend of kind to history, the amounts of consecutive
// periods, oldest first. Errors wrap [ErrInvalidSeries] (fewer than
// [MinTrendPoints] or more than [MaxHistory] points, a non-positive value
// for a log-linear trend), [ErrInvalidAmount] (a negative amount or a
// fraction of a cent) or [ErrInvalidOption] (an unknown kind).
func FitTrend(history []decimal.Decimal, kind TrendKind) (Trend, error) {
	t, err := fitTrend(history, kind)
	return t, wrap(err)
}

func fitTrend(history []decimal.Decimal, kind TrendKind) (Trend, error) {
	if kind > LogLinearTrend {
		return Trend{}, fmt.Errorf("%v: %w", kind, ErrInvalidOption)
	}
	n := len(history)
	if n < MinTrendPoints || n > MaxHistory {
		return Trend{}, fmt.Errorf("%d history points, want %d … %d: %w", n, MinTrendPoints, MaxHistory, ErrInvalidSeries)
	}
	y := make([]float64, n)
	for i, h := range history {
		c, err := cents(fmt.Sprintf("history point %d", i+1), h, true)
		if err != nil {
			return Trend{}, err
		}
		y[i] = float64(c) / 100
		if kind == LogLinearTrend {
			if c == 0 {
				return Trend{}, fmt.Errorf("history point %d is zero: a log-linear trend needs positive values: %w", i+1, ErrInvalidSeries)
			}
			y[i] = math.Log(y[i])
		}
	}
	var mt, my float64
	for i, v := range y {
		mt += float64(i + 1)
		my += v
	}
	mt /= float64(n)
	my /= float64(n)
	var sxx, sxy, syy float64
	for i, v := range y {
		dt := float64(i+1) - mt
		sxx += dt * dt
		sxy += dt * (v - my)
		syy += (v - my) * (v - my)
	}
	b := sxy / sxx
	a := my - b*mt
	var sse float64
	for i, v := range y {
		r := v - (a + b*float64(i+1))
		sse += r * r
	}
	r2 := 1.0
	if syy > 0 {
		r2 = max(0, 1-sse/syy)
	}
	return Trend{Kind: kind, Intercept: a, Slope: b, ResidualSE: math.Sqrt(sse / float64(n-2)), R2: r2, N: n, meanT: mt, sxx: sxx}, nil
}

// Interval is a forecast with its prediction interval. The zero Interval is
// a certain zero.
type Interval struct {
	Mean, Low, High float64
}

// Forecast returns the trend's forecasts for the h periods after the
// history, t = n+1 … n+h, each with the two-sided prediction interval at
// level (0.9 for 90 %; 0 means no interval: Low = High = Mean):
//
//	ŷ ± t(1−(1−level)/2; n−2) · s · √(1 + 1/n + (t − t̄)² / Σ(tᵢ − t̄)²)
//
// For a log-linear trend the forecast and the bounds are exponentiated, so
// that Mean is the median on the original scale (the bounds stay exact).
// A linear trend's values are not clamped: a negative forecast says the
// trend runs out. Errors wrap [ErrInvalidOption] (h < 0 or above
// [MaxHistory], level outside [0, 1), a zero Trend) or [ErrInvalidSeries]
// (a forecast beyond the float range).
func (t Trend) Forecast(h int, level float64) ([]Interval, error) {
	v, err := t.forecast(h, level)
	return v, wrap(err)
}

func (t Trend) forecast(h int, level float64) ([]Interval, error) {
	if t.N < MinTrendPoints || t.Kind > LogLinearTrend {
		return nil, fmt.Errorf("trend fitted to %d points: %w", t.N, ErrInvalidOption)
	}
	if h < 0 || h > MaxHistory {
		return nil, fmt.Errorf("horizon %d: %w", h, ErrInvalidOption)
	}
	if !(level >= 0 && level < 1) {
		return nil, fmt.Errorf("level %v: want a fraction in [0, 1): %w", level, ErrInvalidOption)
	}
	q := 0.0
	if level > 0 {
		q = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(t.N - 2)}.Quantile(1 - (1-level)/2)
	}
	out := make([]Interval, h)
	for k := range out {
		x := float64(t.N + k + 1)
		m := t.Intercept + t.Slope*x
		d := x - t.meanT
		w := q * t.ResidualSE * math.Sqrt(1+1/float64(t.N)+d*d/t.sxx)
		iv := Interval{m, m - w, m + w}
		if t.Kind == LogLinearTrend {
			iv = Interval{math.Exp(iv.Mean), math.Exp(iv.Low), math.Exp(iv.High)}
		}
		if math.IsInf(iv.High, 0) || math.IsNaN(iv.High) || math.IsInf(iv.Low, 0) {
			return nil, fmt.Errorf("forecast %d periods ahead is beyond the float range: %w", k+1, ErrInvalidSeries)
		}
		out[k] = iv
	}
	return out, nil
}

// Baseline is the forecast of what the business would sell in each fiscal
// month of the plan year without new initiatives, in cents, with a
// prediction band Low … High (equal to Months when the method gives none).
// The zero Baseline forecasts zero in every month.
type Baseline struct {
	Method            string
	Months, Low, High [12]decimal.Decimal
	Level             float64 // the band's coverage, 0 when there is none
}

// TrendBaseline forecasts the twelve months after history (monthly amounts,
// oldest first, the last one the month before the plan year's first) by a
// trend of kind, with the band at level (see [Trend.Forecast]). Forecasts
// are rounded to the cent, half away from zero; a linear band's lower bound
// below zero is reported as zero, sales being non-negative. Errors are
// those of [FitTrend] and [Trend.Forecast].
func TrendBaseline(history []decimal.Decimal, kind TrendKind, level float64) (Baseline, error) {
	b, err := trendBaseline(history, kind, level)
	return b, wrap(err)
}

func trendBaseline(history []decimal.Decimal, kind TrendKind, level float64) (Baseline, error) {
	t, err := fitTrend(history, kind)
	if err != nil {
		return Baseline{}, err
	}
	f, err := t.forecast(12, level)
	if err != nil {
		return Baseline{}, err
	}
	b := Baseline{Method: kind.String(), Level: level}
	for m, iv := range f {
		for _, c := range []struct {
			x   float64
			dst *decimal.Decimal
		}{{iv.Mean, &b.Months[m]}, {max(0, iv.Low), &b.Low[m]}, {iv.High, &b.High[m]}} {
			if *c.dst, err = money.Cent().RoundFloat(c.x, money.HalfAwayFromZero); err != nil {
				return Baseline{}, fmt.Errorf("month %d forecast %v: %w", m+1, c.x, err)
			}
		}
	}
	return b, nil
}

// Reshape returns the baseline with its year and its band's yearly bounds
// kept and split over the months by profile (zero profile: equal months),
// each by the exact largest-remainder split to the cent: a trend of
// deseasonalised or yearly history given the plan's seasonality. Errors are
// those of [MonthlyTarget].
func (b Baseline) Reshape(profile target.Profile) (Baseline, error) {
	out := Baseline{Method: b.Method + ", reshaped by profile", Level: b.Level}
	for _, c := range []struct {
		src *[12]decimal.Decimal
		dst *[12]decimal.Decimal
	}{{&b.Months, &out.Months}, {&b.Low, &out.Low}, {&b.High, &out.High}} {
		var year decimal.Decimal
		for _, x := range c.src {
			year = year.Add(x)
		}
		m, err := monthlyTarget(year, profile)
		if err != nil {
			return Baseline{}, wrap(err)
		}
		*c.dst = m
	}
	return out, nil
}

// RunRateBaseline is the plan's own run rate: the months with actuals
// (actual[0] is the plan year's first month) keep them, and each remaining
// month is its plan amount times the completion so far, Σ actual / Σ plan
// over the months with actuals, rounded to the cent half away from zero.
// When the plan of those months is zero, the remaining months get the mean
// actual month instead. Errors wrap [ErrInvalidSeries] (no actual month or
// more than twelve) or [ErrInvalidAmount] (negative or fractional amounts).
func RunRateBaseline(plan [12]decimal.Decimal, actual []decimal.Decimal) (Baseline, error) {
	b, err := runRateBaseline(plan, actual)
	return b, wrap(err)
}

func runRateBaseline(plan [12]decimal.Decimal, actual []decimal.Decimal) (Baseline, error) {
	k := len(actual)
	if k == 0 || k > 12 {
		return Baseline{}, fmt.Errorf("%d actual months, want 1 … 12: %w", k, ErrInvalidSeries)
	}
	var pa, aa money.Acc
	pc := make([]int64, 12)
	for m := range plan {
		c, err := cents(fmt.Sprintf("plan month %d", m+1), plan[m], true)
		if err != nil {
			return Baseline{}, err
		}
		pc[m] = c
	}
	b := Baseline{Method: "run rate"}
	for m, a := range actual {
		c, err := cents(fmt.Sprintf("actual month %d", m+1), a, true)
		if err != nil {
			return Baseline{}, err
		}
		aa.Add(c)
		pa.Add(pc[m])
		b.Months[m] = amount(c)
	}
	as, err := aa.Result()
	if err != nil {
		return Baseline{}, fmt.Errorf("actuals: %w", err)
	}
	ps, err := pa.Result()
	if err != nil {
		return Baseline{}, fmt.Errorf("plan: %w", err)
	}
	for m := k; m < 12; m++ {
		var x decimal.Decimal
		if ps > 0 {
			x = amount(pc[m]).Mul(amount(as)).Div(amount(ps))
		} else {
			x = amount(as).Div(decimal.NewFromInt(int64(k)))
		}
		if b.Months[m], err = money.Cent().RoundAmount(x, money.HalfAwayFromZero); err != nil {
			return Baseline{}, fmt.Errorf("month %d: %w", m+1, err)
		}
	}
	b.Low, b.High = b.Months, b.Months
	return b, nil
}

// ForecastBaseline takes the caller's own monthly forecast as the baseline.
// Errors wrap [ErrInvalidAmount] (negative or fractional amounts).
func ForecastBaseline(months [12]decimal.Decimal) (Baseline, error) {
	for m, a := range months {
		if _, err := cents(fmt.Sprintf("forecast month %d", m+1), a, true); err != nil {
			return Baseline{}, wrap(err)
		}
	}
	return Baseline{Method: "forecast", Months: months, Low: months, High: months}, nil
}

// MonthlyTarget splits an annual target over the fiscal months by profile
// (zero profile: equal months) with the exact largest-remainder split to
// the cent: the months sum to annual. Errors wrap [ErrInvalidAmount] or
// [ErrInvalidSeries] (an invalid profile).
func MonthlyTarget(annual decimal.Decimal, profile target.Profile) ([12]decimal.Decimal, error) {
	v, err := monthlyTarget(annual, profile)
	return v, wrap(err)
}

func monthlyTarget(annual decimal.Decimal, profile target.Profile) ([12]decimal.Decimal, error) {
	var out [12]decimal.Decimal
	if _, err := cents("annual target", annual, true); err != nil {
		return out, err
	}
	if profile == (target.Profile{}) {
		profile = target.FlatProfile()
	}
	if err := profile.Validate(); err != nil {
		return out, fmt.Errorf("profile: %v: %w", err, ErrInvalidSeries)
	}
	w := make([]decimal.Decimal, 12)
	for m, x := range profile {
		w[m] = decimal.NewFromFloat(x)
	}
	parts, err := money.SplitAmount(annual, w, money.Cent())
	if err != nil {
		return out, err
	}
	copy(out[:], parts)
	return out, nil
}

// Gap is the planning gap of a year: target − baseline in each fiscal month,
// in cents; GapLow and GapHigh are the gap at the baseline band's upper and
// lower bound. A negative month is ahead of target. The zero Gap is a year
// with no target, no baseline and no gap.
type Gap struct {
	Target, Baseline, Gap [12]decimal.Decimal
	GapLow, GapHigh       [12]decimal.Decimal
}

// PlanningGap compares a monthly target with a baseline. Errors wrap
// [ErrInvalidAmount] (negative or fractional amounts).
func PlanningGap(tgt [12]decimal.Decimal, b Baseline) (Gap, error) {
	g, err := planningGap(tgt, b)
	return g, wrap(err)
}

func planningGap(tgt [12]decimal.Decimal, b Baseline) (Gap, error) {
	g := Gap{Target: tgt, Baseline: b.Months}
	for m := range tgt {
		for _, c := range []struct {
			what string
			a    decimal.Decimal
		}{{"target", tgt[m]}, {"baseline", b.Months[m]}, {"baseline low", b.Low[m]}, {"baseline high", b.High[m]}} {
			if _, err := cents(fmt.Sprintf("%s month %d", c.what, m+1), c.a, true); err != nil {
				return Gap{}, err
			}
		}
		g.Gap[m] = tgt[m].Sub(b.Months[m])
		g.GapLow[m] = tgt[m].Sub(b.High[m])
		g.GapHigh[m] = tgt[m].Sub(b.Low[m])
	}
	return g, nil
}

// PlanGap is the planning gap of one node and metric of a plan: the plan's
// twelve months are the target. Errors are those of [target.Plan.Amounts]
// and [PlanningGap].
func PlanGap(p *target.Plan, node string, m target.Metric, b Baseline) (Gap, error) {
	a, err := p.Amounts(node, m)
	if err != nil {
		return Gap{}, wrap(fmt.Errorf("plan: %v: %w", err, ErrInvalidAmount))
	}
	var tgt [12]decimal.Decimal
	copy(tgt[:], a[:12])
	return PlanningGap(tgt, b)
}

// Period is the gap of a period of the fiscal year: a month, quarter, half
// or the year. The zero Period is an empty month M1.
type Period struct {
	Period                target.Period
	Target, Baseline, Gap decimal.Decimal
	GapLow, GapHigh       decimal.Decimal
}

// At sums the gap over a period (target.M1 … target.FY). An invalid period
// wraps [ErrInvalidOption].
func (g Gap) At(per target.Period) (Period, error) {
	if !per.Valid() {
		return Period{}, wrap(fmt.Errorf("period %v: %w", per, ErrInvalidOption))
	}
	first, last := per.Span()
	out := Period{Period: per}
	for m := first; m < last; m++ {
		out.Target = out.Target.Add(g.Target[m])
		out.Baseline = out.Baseline.Add(g.Baseline[m])
		out.Gap = out.Gap.Add(g.Gap[m])
		out.GapLow = out.GapLow.Add(g.GapLow[m])
		out.GapHigh = out.GapHigh.Add(g.GapHigh[m])
	}
	return out, nil
}

// Year is the gap of the whole year, target − baseline.
func (g Gap) Year() decimal.Decimal {
	p, _ := g.At(target.FY)
	return p.Gap
}

// Split divides the year's gap into the operational gap, the part that
// market penetration (existing products in existing markets) can close up
// to its potential penetration — the extra revenue more share of the
// current markets could bring — and the strategic gap, the rest, which
// needs new products or new markets. A gap at or below zero splits into
// zeros. A negative or fractional penetration wraps [ErrInvalidAmount].
func (g Gap) Split(penetration decimal.Decimal) (operational, strategic decimal.Decimal, err error) {
	if _, err := cents("penetration potential", penetration, true); err != nil {
		return decimal.Zero, decimal.Zero, wrap(err)
	}
	y := g.Year()
	if !y.IsPositive() {
		return decimal.Zero, decimal.Zero, nil
	}
	operational = decimal.Min(y, penetration)
	return operational, y.Sub(operational), nil
}
