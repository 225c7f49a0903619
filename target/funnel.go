package target

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Stage is one step of a sales funnel.
//
// The zero Stage is unnamed and invalid in a funnel.
type Stage struct {
	// Name names the activity or event: "visits", "proposals", "deals".
	Name string
	// Conversion is the probability that one activity of this stage produces
	// one of the next stage, in (0, 1]; 0.25 = one proposal in four visits.
	// It is ignored for the last stage.
	Conversion float64
	// LeadMonths is the number of months from an activity of this stage to
	// the next stage's event (0 = same month). It is ignored for the last
	// stage.
	LeadMonths int
}

// Funnel is a sales funnel: stages ordered from the first activity (visits)
// to the result event (deals), and the average revenue of one deal. The
// course derives process targets (what the team must do) from result targets
// (what it must sell) through such a funnel.
//
// A Funnel is a value; its methods do not modify it and are safe for
// concurrent use.
//
// The zero Funnel has no stages and is invalid ([Funnel.Validate]).
type Funnel struct {
	Stages   []Stage
	DealSize decimal.Decimal // average revenue per last-stage event, positive
}

// Validate reports whether the funnel is usable: at least one stage, unique
// non-empty names, conversions in (0, 1] and lead times of 0 … 24 months on
// every stage but the last, and a positive deal size that float64 can hold
// (between about 10⁻³⁰⁸ and 10³⁰⁸). Errors wrap [ErrInvalidFunnel] or
// [ErrInvalidRate].
func (f Funnel) Validate() error {
	return wrap(f.validate())
}

// validate is [Funnel.Validate] with its errors not yet prefixed.
func (f Funnel) validate() error {
	if len(f.Stages) == 0 {
		return fmt.Errorf("funnel: no stages: %w", ErrInvalidFunnel)
	}
	seen := map[string]bool{}
	for k, s := range f.Stages {
		if s.Name == "" || seen[s.Name] {
			return fmt.Errorf("funnel: stage %d name %q empty or repeated: %w", k+1, s.Name, ErrInvalidFunnel)
		}
		seen[s.Name] = true
		if k == len(f.Stages)-1 {
			break
		}
		if !(s.Conversion > 0 && s.Conversion <= 1) {
			return fmt.Errorf("funnel: stage %q conversion %v outside (0, 1]: %w", s.Name, s.Conversion, ErrInvalidRate)
		}
		if s.LeadMonths < 0 || s.LeadMonths > 24 {
			return fmt.Errorf("funnel: stage %q lead time %d months outside 0 … 24: %w", s.Name, s.LeadMonths, ErrInvalidFunnel)
		}
	}
	if f.DealSize.Sign() <= 0 {
		return fmt.Errorf("funnel: deal size %s: %w", f.DealSize, ErrInvalidRate)
	}
	if size := f.DealSize.InexactFloat64(); !(size > 0) || math.IsInf(size, 0) {
		return fmt.Errorf("funnel: deal size %s is beyond float64: %w", f.DealSize, ErrInvalidRate)
	}
	return nil
}

// stage returns the index of the named stage, or −1.
func (f Funnel) stage(name string) int {
	return slices.IndexFunc(f.Stages, func(s Stage) bool { return s.Name == name })
}

// toDeal returns the probability that one activity of stage k becomes a
// deal, and the months it takes.
func (f Funnel) toDeal(k int) (p float64, lead int) {
	p = 1
	for _, s := range f.Stages[k : len(f.Stages)-1] {
		p *= s.Conversion
		lead += s.LeadMonths
	}
	return p, lead
}

// StageTarget is the process target of one stage: the activities to perform
// in each fiscal month, and those that fall before the fiscal year starts
// because of lead times.
//
// The zero StageTarget is no activity at all.
type StageTarget struct {
	Stage string
	// Months holds the activities due in each fiscal month (index 0 = M1).
	Months [12]int64
	// Before holds the activities due before the year: Before[0] in the
	// month before M1, Before[1] two months before, and so on.
	Before []int64
	// Total is the sum of Months and Before.
	Total int64
}

// Targets derives process targets from a monthly result target (twelve
// amounts in fiscal order, as [Plan.Amounts] returns them for M1 … M12).
//
// Deals needed in month m are revenueₘ / DealSize. Working back through the
// funnel, stage k needs E_k(t) = E_{k+1}(t + Lₖ) / cₖ activities in month t,
// with lead time Lₖ and conversion cₖ, so activities move earlier by the lead
// times, into months before the fiscal year if need be. Each stage's exact
// requirement is rounded up to whole activities once per month (the rounding
// does not compound from stage to stage). Months whose target is zero or
// negative need no activities. Stages are returned first to last.
//
// Errors are those of [Funnel.Validate], [ErrLength] when monthly does not
// hold exactly 12 amounts, and [ErrOverflow] when a stage would need more
// than 10^18 activities (tiny conversions against a large target).
func (f Funnel) Targets(monthly []decimal.Decimal) ([]StageTarget, error) {
	res, err := f.targets(monthly)
	return res, wrap(err)
}

// targets is [Funnel.Targets] with its errors not yet prefixed.
func (f Funnel) targets(monthly []decimal.Decimal) ([]StageTarget, error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	if len(monthly) != 12 {
		return nil, fmt.Errorf("funnel: %d monthly amounts, want 12: %w", len(monthly), ErrLength)
	}
	size := f.DealSize.InexactFloat64()
	_, span := f.toDeal(0)
	// need[t] for t = −span … 11 at index t+span.
	need := make([]float64, span+12)
	for m := range 12 {
		if v := monthly[m].InexactFloat64() / size; v > 0 {
			need[span+m] = v
		}
	}
	out := make([]StageTarget, len(f.Stages))
	for k := len(f.Stages) - 1; k >= 0; k-- {
		if k < len(f.Stages)-1 {
			s := f.Stages[k]
			shifted := make([]float64, len(need))
			for t := range need {
				if t+s.LeadMonths < len(need) {
					shifted[t] = need[t+s.LeadMonths] / s.Conversion
				}
			}
			need = shifted
		}
		st := StageTarget{Stage: f.Stages[k].Name}
		var total money.Acc
		for t, v := range need {
			cf := math.Ceil(v - 1e-9)
			if !(cf <= money.MaxCount) { // also catches NaN and +Inf
				return nil, fmt.Errorf("funnel: stage %q needs %.4g activities in one month: %w", st.Stage, v, ErrOverflow)
			}
			c := int64(cf)
			total.Add(c)
			if m := t - span; m >= 0 {
				st.Months[m] = c
			} else {
				for len(st.Before) < -m {
					st.Before = append(st.Before, 0)
				}
				st.Before[-m-1] = c
			}
		}
		var err error
		if st.Total, err = total.Result(); err != nil {
			return nil, fmt.Errorf("funnel: stage %q total activities: %w", st.Stage, err)
		}
		for len(st.Before) > 0 && st.Before[len(st.Before)-1] == 0 {
			st.Before = st.Before[:len(st.Before)-1]
		}
		if len(st.Before) == 0 {
			st.Before = nil
		}
		out[k] = st
	}
	return out, nil
}

// ProcessTargets derives the process targets of one node of the plan from
// its monthly amounts of metric m (usually [Revenue]); see [Funnel.Targets].
func (p *Plan) ProcessTargets(node string, m Metric, f Funnel) ([]StageTarget, error) {
	res, err := p.processTargets(node, m, f)
	return res, wrap(err)
}

// processTargets is [Plan.ProcessTargets] with its errors not yet prefixed.
func (p *Plan) processTargets(node string, m Metric, f Funnel) ([]StageTarget, error) {
	am, err := p.amounts(node, m)
	if err != nil {
		return nil, fmt.Errorf("process targets: %w", err)
	}
	return f.targets(am[:12])
}

// Activity is a number of planned or in-flight activities of one stage in
// one fiscal month. Activities already done before the fiscal year, whose
// deals are still to come, are placed by Before instead, counted like
// [StageTarget.Before]: 1 is the month before M1. The zero Activity is no
// activity of the empty stage in M1.
type Activity struct {
	Stage  string // the stage's name
	Month  Period // the fiscal month, M1 … M12, when Before is zero
	Before int    // months before the fiscal year (1 … 1200), or zero
	Count  int64  // the number of activities, 0 … 10^18
}

// offset returns the activity's month as an offset from M1 (negative
// before the year), or an error wrapping [ErrInvalidPeriod].
func (a Activity) offset() (int, error) {
	switch {
	case a.Before < 0 || a.Before > 1200:
		return 0, fmt.Errorf("funnel outcome: %s %d months before the year: %w", a.Stage, a.Before, ErrInvalidPeriod)
	case a.Before > 0:
		return -a.Before, nil
	case !a.Month.IsMonth():
		return 0, fmt.Errorf("funnel outcome: %s in %s: %w", a.Stage, a.Month, ErrInvalidPeriod)
	}
	return int(a.Month), nil
}

// Outcome is the expected result of planned activities (see
// [Funnel.Outcome]). Deals are counts; revenue is Deals × DealSize.
//
// The zero Outcome is no deals and no revenue.
type Outcome struct {
	// ByMonth holds the expected deals closing in each fiscal month.
	ByMonth [12]float64
	// AfterYear is the expected number of deals that close after the year.
	AfterYear float64
	// Deals and DealsSD are the mean and standard deviation of the deals
	// closing within the year.
	Deals, DealsSD float64
	// Revenue is the expected revenue within the year, rounded to cents
	// half away from zero, and RevenueSD its standard deviation.
	Revenue   decimal.Decimal
	RevenueSD float64
	// ProbReach is the probability that the revenue within the year reaches
	// the target.
	ProbReach float64
	// Exact reports whether ProbReach is the exact binomial probability
	// (true) or a normal approximation (false).
	Exact bool
	// ProbReachBound bounds |ProbReach − the exact probability| when Exact
	// is false: the Berry–Esseen bound 0.5600·Σ E|Xᵢ − pᵢ|³ / σ³ for a sum
	// of independent, not identically distributed trials (Shevtsova 2010),
	// which holds for the continuity-corrected point the approximation is
	// taken at. It is zero when Exact is true.
	ProbReachBound float64
}

// maxExactTrials bounds the trials whose deal distribution is convolved
// exactly in [Funnel.Outcome] when stages convert with different
// probabilities.
const maxExactTrials = 5000

// Outcome is the forward direction of the funnel: the deals and revenue to
// expect from planned activities, their spread, and the probability of
// reaching target.
//
// Every activity converts independently: one of stage k becomes a deal with
// probability pₖ = Π cⱼ over the stages from k on, after the sum of their lead
// times. The deals of n activities of one stage are Binomial(n, pₖ), with mean
// n·pₖ and variance n·pₖ·(1−pₖ); the groups are independent, so means and
// variances add. The probability that in-year revenue reaches target is
// P(D ≥ ⌈target / DealSize⌉) for the in-year deals D. It is exact: from the
// binomial distribution when every activity converts with the same
// probability, by convolving the groups' distributions when they differ and
// there are at most 5,000 activities, and otherwise from the normal
// approximation with continuity correction ([Outcome.Exact] tells which;
// [Outcome.ProbReachBound] bounds that approximation's error). The deals
// needed are counted in exact decimal arithmetic.
//
// Errors are those of [Funnel.Validate], [ErrUnknownStage] for an unknown
// stage, [ErrNegativeWeight] for a negative count, [ErrInvalidPeriod] for a
// Month that is not a month or a Before outside 0 … 1,200 (a century), and
// [ErrOverflow] when the
// activities add up to more than 10^18 or the expected revenue exceeds 10^18
// cents.
func (f Funnel) Outcome(planned []Activity, target decimal.Decimal) (Outcome, error) {
	res, err := f.outcome(planned, target)
	return res, wrap(err)
}

// outcome is [Funnel.Outcome] with its errors not yet prefixed.
func (f Funnel) outcome(planned []Activity, target decimal.Decimal) (Outcome, error) {
	if err := f.validate(); err != nil {
		return Outcome{}, err
	}
	type group struct {
		n int64
		p float64
	}
	var groups []group
	var out Outcome
	var variance float64
	for _, a := range planned {
		k := f.stage(a.Stage)
		if k < 0 {
			return Outcome{}, fmt.Errorf("funnel outcome: stage %q: %w", a.Stage, ErrUnknownStage)
		}
		if a.Count < 0 {
			return Outcome{}, fmt.Errorf("funnel outcome: %d %s in %s: %w", a.Count, a.Stage, a.Month, ErrNegativeWeight)
		}
		month, err := a.offset()
		if err != nil {
			return Outcome{}, err
		}
		if a.Count == 0 {
			continue
		}
		if a.Count > money.MaxCount {
			return Outcome{}, fmt.Errorf("funnel outcome: %d %s: %w", a.Count, a.Stage, ErrOverflow)
		}
		p, lead := f.toDeal(k)
		mean := float64(a.Count) * p
		switch m := month + lead; {
		case m < 0:
			continue // closed before the year
		case m >= 12:
			out.AfterYear += mean
			continue
		default:
			out.ByMonth[m] += mean
		}
		out.Deals += mean
		variance += mean * (1 - p)
		if i := slices.IndexFunc(groups, func(g group) bool { return g.p == p }); i >= 0 {
			n, err := money.Add(groups[i].n, a.Count)
			if err != nil {
				return Outcome{}, fmt.Errorf("funnel outcome: %s activities: %w", a.Stage, err)
			}
			groups[i].n = n
		} else {
			groups = append(groups, group{a.Count, p})
		}
	}
	size := f.DealSize.InexactFloat64()
	out.DealsSD = math.Sqrt(variance)
	rev, err := money.Cent().RoundFloat(out.Deals*size, money.HalfAwayFromZero)
	if math.IsInf(out.Deals*size, 0) {
		err = ErrOverflow // the product of finite deals and deal size
	}
	if err != nil {
		return Outcome{}, fmt.Errorf("funnel outcome: expected revenue %.4g: %w", out.Deals*size, err)
	}
	out.Revenue = rev
	out.RevenueSD = out.DealsSD * size
	// The deals needed, ⌈target / DealSize⌉, in exact decimal arithmetic:
	// in float64 a quotient just above a whole number could fall onto it.
	needDeals, rem := target.QuoRem(f.DealSize, 0)
	if rem.Sign() > 0 {
		needDeals = needDeals.Add(decimal.NewFromInt(1))
	}
	var totalAcc money.Acc
	for _, g := range groups {
		totalAcc.Add(g.n)
	}
	total, err := totalAcc.Result()
	if err != nil {
		return Outcome{}, fmt.Errorf("funnel outcome: activities: %w", err)
	}
	need := needDeals.InexactFloat64() // a whole number, exact up to 2⁵³ ≥ total
	switch {
	case needDeals.Sign() <= 0:
		out.ProbReach, out.Exact = 1, true
	case needDeals.GreaterThan(decimal.NewFromInt(total)):
		out.ProbReach, out.Exact = 0, true
	case len(groups) == 1:
		g := groups[0]
		out.ProbReach, out.Exact = binomialSurvival(g.n, g.p, need), true
	case total <= maxExactTrials:
		pmf := []float64{1}
		for _, g := range groups {
			pmf = convolve(pmf, binomialPMF(g.n, g.p))
		}
		var s float64
		for k := int(need); k < len(pmf); k++ {
			s += pmf[k]
		}
		out.ProbReach, out.Exact = math.Min(1, s), true
	default:
		z := (need - 0.5 - out.Deals) / out.DealsSD
		out.ProbReach = distuv.UnitNormal.Survival(z)
		var rho float64 // Σ E|X − p|³ = Σ n·p(1−p)(p² + (1−p)²)
		for _, g := range groups {
			q := 1 - g.p
			rho += float64(g.n) * g.p * q * (g.p*g.p + q*q)
		}
		out.ProbReachBound = math.Min(1, 0.56*rho/(variance*out.DealsSD))
	}
	return out, nil
}

// binomialSurvival returns P(X ≥ k) for X ~ Binomial(n, p).
func binomialSurvival(n int64, p, k float64) float64 {
	switch {
	case p >= 1:
		return 1
	case p <= 0:
		return 0
	}
	return distuv.Binomial{N: float64(n), P: p}.Survival(k - 1)
}

// binomialPMF returns P(X = k), k = 0 … n, for X ~ Binomial(n, p).
func binomialPMF(n int64, p float64) []float64 {
	out := make([]float64, n+1)
	switch {
	case p >= 1:
		out[n] = 1
		return out
	case p <= 0:
		out[0] = 1
		return out
	}
	b := distuv.Binomial{N: float64(n), P: p}
	for k := range out {
		out[k] = b.Prob(float64(k))
	}
	return out
}

// convolve returns the distribution of the sum of two independent counts.
func convolve(a, b []float64) []float64 {
	out := make([]float64, len(a)+len(b)-1)
	for i, x := range a {
		if x == 0 {
			continue
		}
		for j, y := range b {
			out[i+j] += x * y
		}
	}
	return out
}

// Prior is a Beta prior on a conversion rate, given as its mean Rate and its
// Strength in pseudo-activities: Beta(Strength·Rate, Strength·(1−Rate)).
// The zero value is no prior.
type Prior struct {
	Rate     float64
	Strength float64
}

// EstimateConversions returns a copy of f whose conversions are estimated
// from historical counts: counts[k][t] is the number of stage-k events in
// period t (months, oldest first), for every stage k of f.
//
// Stage k's events of period t are matched with stage k+1's events of period
// t + Lₖ (its lead time); only periods where both are observed count. The
// estimate is the pooled ratio with the prior's pseudo-counts:
// cₖ = (Σ next + Strength·Rate) / (Σ this + Strength), the posterior mean of
// the Beta prior. A stage without history (no matched events) gets the
// prior's rate; with no prior (zero Strength) that is an error wrapping
// [ErrNoHistory]. More next-stage events than this-stage events give a
// rate above one, an error wrapping [ErrInvalidHistory]; so do negative
// counts. Lead times, names and the deal size are kept.
func (f Funnel) EstimateConversions(counts [][]int64, prior Prior) (Funnel, error) {
	res, err := f.estimateConversions(counts, prior)
	return res, wrap(err)
}

// estimateConversions is [Funnel.EstimateConversions] with its errors not yet prefixed.
func (f Funnel) estimateConversions(counts [][]int64, prior Prior) (Funnel, error) {
	if len(counts) != len(f.Stages) {
		return Funnel{}, fmt.Errorf("estimate conversions: %d count series for %d stages: %w", len(counts), len(f.Stages), ErrLength)
	}
	if !(prior.Rate >= 0 && prior.Rate <= 1) || !(prior.Strength >= 0) || math.IsInf(prior.Strength, 0) {
		return Funnel{}, fmt.Errorf("estimate conversions: prior %+v: %w", prior, ErrInvalidRate)
	}
	for k, series := range counts {
		for t, c := range series {
			if c < 0 {
				return Funnel{}, fmt.Errorf("estimate conversions: stage %q period %d: negative count %d: %w", f.Stages[k].Name, t+1, c, ErrInvalidHistory)
			}
		}
	}
	out := Funnel{Stages: slices.Clone(f.Stages), DealSize: f.DealSize}
	for k := 0; k+1 < len(out.Stages); k++ {
		s := &out.Stages[k]
		var thisAcc, nextAcc money.Acc
		for t, c := range counts[k] {
			u := t + s.LeadMonths
			if u >= len(counts[k+1]) {
				break
			}
			thisAcc.Add(c)
			nextAcc.Add(counts[k+1][u])
		}
		this, err1 := thisAcc.Result()
		next, err2 := nextAcc.Result()
		if err := errors.Join(err1, err2); err != nil {
			return Funnel{}, fmt.Errorf("estimate conversions: stage %q: counts: %w", s.Name, err)
		}
		if this == 0 && prior.Strength == 0 {
			return Funnel{}, fmt.Errorf("estimate conversions: stage %q: %w", s.Name, ErrNoHistory)
		}
		c := (float64(next) + prior.Strength*prior.Rate) / (float64(this) + prior.Strength)
		if c > 1 {
			return Funnel{}, fmt.Errorf("estimate conversions: stage %q: %d events from %d: %w", s.Name, next, this, ErrInvalidHistory)
		}
		if c == 0 {
			return Funnel{}, fmt.Errorf("estimate conversions: stage %q never converted: %w", s.Name, ErrInvalidHistory)
		}
		s.Conversion = c
	}
	return out, nil
}
