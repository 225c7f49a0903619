package clp

import (
	"fmt"
	"math"
	"time"

	"github.com/shopspring/decimal"
)

// Candidate is a fitted purchase model under a name, for [Compare]. The
// zero Candidate has no model.
type Candidate struct {
	Name  string
	Model PurchaseModel
}

// Comparison is how a fitted purchase model does on calibration and holdout
// data. The zero Comparison is an empty row.
type Comparison struct {
	Name string
	// LogLikelihood is the calibration log-likelihood; AIC = 2k − 2 LL and
	// BIC = k ln n − 2 LL with k = 4 parameters and n customers.
	LogLikelihood, AIC, BIC float64
	// Forecast is Σ E[X(holdout) | history] over the customers, Actual
	// their holdout purchases Σ HoldoutX; MAE and RMSE the mean absolute and
	// root-mean-square per-customer error, Correlation the correlation of
	// forecast and actual across customers (0 when either is constant).
	Forecast, Actual       float64
	MAE, RMSE, Correlation float64
	// Customers is the number compared.
	Customers int
}

// Compare scores each candidate on the summaries: the calibration
// log-likelihood and information criteria, and the forecast of each
// customer's purchases over the holdout period (holdout time units of the
// models, opportunities for BG/BB) against the HoldoutX the summaries
// carry, per customer and in total, so that a user can choose a model on
// data it was not fitted to. Customers of age zero are left out. Errors
// name the summary by ID and wrap [ErrInvalidData] or [ErrNotFinite] (see
// [Score]), or wrap [ErrInvalidData] for no candidates, no customer, or a
// non-positive holdout.
func Compare(cands []Candidate, ss []Summary, holdout float64) (_ []Comparison, err error) {
	defer wrapErr(&err)
	if len(cands) == 0 {
		return nil, fmt.Errorf("compare: no candidates: %w", ErrInvalidData)
	}
	if !(holdout > 0) || math.IsInf(holdout, 0) {
		return nil, fmt.Errorf("compare: holdout %v: %w", holdout, ErrInvalidData)
	}
	cs, _, kept, _, err := usable("compare", ss, nil)
	if err != nil {
		return nil, err
	}
	n := len(cs)
	if n == 0 {
		return nil, fmt.Errorf("compare: no customer of positive age: %w", ErrInvalidData)
	}
	for _, s := range kept {
		if math.IsNaN(s.HoldoutX) || math.IsInf(s.HoldoutX, 0) || s.HoldoutX < 0 {
			return nil, fmt.Errorf("compare: customer %q: holdout purchases %v: %w", s.ID, s.HoldoutX, ErrInvalidData)
		}
	}
	out := make([]Comparison, len(cands))
	pa, ex := make([]float64, n), make([]float64, n)
	for k, c := range cands {
		if c.Model == nil {
			return nil, fmt.Errorf("compare: candidate %q has no model: %w", c.Name, ErrInvalidData)
		}
		if err := ScoreSummaries(c.Model, holdout, kept, pa, ex); err != nil {
			return nil, fmt.Errorf("compare: %s: %w", c.Name, err)
		}
		ll := c.Model.LogLikelihood(cs)
		if math.IsNaN(ll) || math.IsInf(ll, 0) {
			return nil, fmt.Errorf("compare: %s: log-likelihood %v: %w", c.Name, ll, ErrNotFinite)
		}
		r := Comparison{Name: c.Name, LogLikelihood: ll, AIC: 8 - 2*ll, BIC: 4*math.Log(float64(n)) - 2*ll, Customers: n}
		var sx, sy, sxx, syy, sxy, sae, sse float64
		for i, s := range kept {
			f, a := ex[i], s.HoldoutX
			sx, sy = sx+f, sy+a
			sxx, syy, sxy = sxx+f*f, syy+a*a, sxy+f*a
			sae += math.Abs(f - a)
			sse += (f - a) * (f - a)
		}
		fn := float64(n)
		r.Forecast, r.Actual = sx, sy
		r.MAE, r.RMSE = sae/fn, math.Sqrt(sse/fn)
		vx, vy := sxx-sx*sx/fn, syy-sy*sy/fn
		if vx > 0 && vy > 0 {
			r.Correlation = (sxy - sx*sy/fn) / math.Sqrt(vx*vy)
		}
		out[k] = r
	}
	return out, nil
}

// Tracking returns the expected cumulative repeat purchases of a cohort at
// each of the times at (ascending or not): Σᵢ E[X(t − bᵢ)] over the
// customers born (first purchase) at births bᵢ, counting those born
// before t — the expected line of the weekly cumulative tracking chart of
// Fader, Hardie & Lee (2005). Times and births are in the model's time
// unit. Errors wrap [ErrNotFinite] for a NaN or infinite time or birth, or
// for a model whose expectation is not finite there.
func Tracking(m PurchaseModel, births, at []float64) (_ []float64, err error) {
	defer wrapErr(&err)
	for _, v := range append(append([]float64(nil), births...), at...) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("tracking: time %v: %w", v, ErrNotFinite)
		}
	}
	out := make([]float64, len(at))
	for k, t := range at {
		s := 0.0
		for _, b := range births {
			if t > b {
				e := m.ExpectedPurchases(t - b)
				if math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
					return nil, fmt.Errorf("tracking: E[X(%v)] = %v: %w", t-b, e, ErrNotFinite)
				}
				s += e
			}
		}
		out[k] = s
	}
	return out, nil
}

// MaxTrackingPeriods bounds the periods of [RepeatTracking].
const MaxTrackingPeriods = 1 << 16

// RepeatTracking returns the actual cumulative repeat purchases of an event
// log at the end of each of periods periods of periodDays days from start
// (period k covers the days start + (k−1)·periodDays … start +
// k·periodDays − 1): purchase days after each customer's first, with the
// conventions of [Summarize] (same-day purchases are one, a day whose
// amounts net below zero is a return, not a purchase). With [Tracking] it
// gives both lines of the weekly cumulative chart. Events before start are
// not counted but do set a customer's first purchase. Errors wrap
// [ErrInvalidData] (periodDays < 1, periods outside 1 …
// [MaxTrackingPeriods], an event without a customer).
func RepeatTracking(events []Event, start time.Time, periodDays, periods int) (_ []float64, err error) {
	defer wrapErr(&err)
	if periodDays < 1 || periods < 1 || periods > MaxTrackingPeriods {
		return nil, fmt.Errorf("tracking: %d periods of %d days: %w", periods, periodDays, ErrInvalidData)
	}
	type key struct {
		id  string
		day int64
	}
	day := func(t time.Time) int64 {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	}
	net := map[key]decimal.Decimal{}
	for i, e := range events {
		if e.Customer == "" {
			return nil, fmt.Errorf("tracking: event %d has no customer: %w", i+1, ErrInvalidData)
		}
		k := key{e.Customer, day(e.Time)}
		net[k] = net[k].Add(e.Amount)
	}
	first := map[string]int64{}
	for k, v := range net {
		if v.IsNegative() {
			continue
		}
		if f, ok := first[k.id]; !ok || k.day < f {
			first[k.id] = k.day
		}
	}
	s0 := day(start)
	counts := make([]float64, periods)
	for k, v := range net {
		if v.IsNegative() || k.day == first[k.id] || k.day < s0 {
			continue
		}
		if p := (k.day - s0) / int64(periodDays); p < int64(periods) {
			counts[p]++
		}
	}
	for p := 1; p < periods; p++ {
		counts[p] += counts[p-1]
	}
	return counts, nil
}
