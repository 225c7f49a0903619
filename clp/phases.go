package clp

import (
	"fmt"
	"math"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
)

// Phase is a phase of a key-account relationship in the course's life
// cycle: exploration (first trial orders), formation (fast growth as the
// relationship builds), stability (a high, steady level) and decline.
type Phase uint8

// The four relationship phases.
const (
	Exploration Phase = iota
	Formation
	Stability
	Decline
)

// String returns the phase's name.
func (p Phase) String() string {
	switch p {
	case Exploration:
		return "exploration"
	case Formation:
		return "formation"
	case Stability:
		return "stability"
	case Decline:
		return "decline"
	}
	return fmt.Sprintf("Phase(%d)", uint8(p))
}

var phaseChinese = [...]string{Exploration: "考察期", Formation: "形成期", Stability: "稳定期", Decline: "退化期"}

// Title returns the phase's name in English ([Phase.String]) or, for a
// Chinese language tag ("zh", "zh-CN", …), the course's Chinese: 考察期,
// 形成期, 稳定期, 退化期.
func (p Phase) Title(tag string) string {
	if int(p) < len(phaseChinese) && lang.Chinese(tag) {
		return phaseChinese[p]
	}
	return p.String()
}

// PhaseSpec is one phase of a customer's phase profile: its duration and the
// customer's economics during it. Rates are per period.
type PhaseSpec struct {
	// Phase names the phase.
	Phase Phase
	// Periods is the phase's duration, at least one period.
	Periods int
	// Revenue is the revenue of the phase's first period, unless Continue
	// is set: then the phase starts where the previous one ended, grown by
	// this phase's Growth once more.
	Revenue  decimal.Decimal
	Continue bool
	// Growth is the revenue growth per period within the phase, above −1.
	Growth float64
	// Margin, CostFixed and CostShare are as in [AccountSpec].
	Margin    float64
	CostFixed decimal.Decimal
	CostShare float64
	// RetentionPerPeriod is the probability of keeping the customer from
	// one period of the phase to the next, in [0, 1]: a rate per period
	// of the model, not per year.
	RetentionPerPeriod float64
	// Retention is the former name of RetentionPerPeriod, with the same
	// meaning; setting both is an error.
	//
	// Deprecated: the name does not say the rate's basis; use
	// RetentionPerPeriod.
	Retention float64
}

// expandPhases turns a phase profile into per-period cash flows and
// survival.
func expandPhases(c Account, phases []PhaseSpec) (Account, error) {
	id := c.id
	var prevRev float64
	s := 1.0
	for k, ph := range phases {
		what := fmt.Sprintf("phase %d (%s)", k+1, ph.Phase)
		if ph.Phase > Decline {
			return Account{}, fmt.Errorf("customer %q: %s: %w", id, what, ErrInvalidPhase)
		}
		if ph.Periods <= 0 || ph.Periods > 10_000 {
			return Account{}, fmt.Errorf("customer %q: %s lasts %d periods: %w", id, what, ph.Periods, ErrInvalidPhase)
		}
		if k == 0 && ph.Continue {
			return Account{}, fmt.Errorf("customer %q: the first phase cannot continue a previous one: %w", id, ErrInvalidPhase)
		}
		retain, err := perPeriodField(id, what+": ", ph.RetentionPerPeriod, ph.Retention)
		if err != nil {
			return Account{}, err
		}
		for _, f := range []struct {
			what string
			v    float64
		}{{"growth", ph.Growth}, {"margin", ph.Margin}, {"cost share", ph.CostShare}, {"retention", retain}} {
			if err := checkFinite(id, what+" "+f.what, f.v); err != nil {
				return Account{}, err
			}
		}
		switch {
		case ph.Growth <= -1:
			return Account{}, fmt.Errorf("customer %q: %s growth %v: %w", id, what, ph.Growth, ErrInvalidRate)
		case ph.CostShare < 0:
			return Account{}, fmt.Errorf("customer %q: %s cost share %v: %w", id, what, ph.CostShare, ErrInvalidRate)
		case retain < 0 || retain > 1:
			return Account{}, fmt.Errorf("customer %q: %s retention %v: %w", id, what, retain, ErrInvalidRetention)
		}
		fixed, err := moneyFloat(id, what+" cost to serve", ph.CostFixed)
		if err != nil {
			return Account{}, err
		}
		rev := prevRev * (1 + ph.Growth)
		if !ph.Continue {
			if rev, err = moneyFloat(id, what+" revenue", ph.Revenue); err != nil {
				return Account{}, err
			}
		}
		for range ph.Periods {
			c.cf = append(c.cf, (ph.Margin-ph.CostShare)*rev-fixed)
			s *= retain
			c.surv = append(c.surv, s)
			prevRev = rev
			rev *= 1 + ph.Growth
		}
	}
	if len(phases) == 0 {
		return Account{}, fmt.Errorf("customer %q: no phases: %w", id, ErrInvalidPhase)
	}
	return c, nil
}

// PhaseRule is the rule by which [DetectPhase] places a customer in a phase
// from its revenue history. The zero value means the defaults in brackets.
type PhaseRule struct {
	// Window is the number of recent periods whose trend and level are
	// measured [6].
	Window int
	// MinPeriods is the number of periods with revenue a customer needs to
	// leave exploration [6].
	MinPeriods int
	// Growth is the trend per period at or above which a customer is in
	// formation [0.03, 3 % a period].
	Growth float64
	// Decline is the trend per period at or below whose negative a customer
	// is in decline [0.03].
	Decline float64
	// Level is the share of its best window's mean below which a customer's
	// recent mean puts it in decline whatever the trend [0.7].
	Level float64
}

func (r PhaseRule) withDefaults() PhaseRule {
	if r.Window == 0 {
		r.Window = 6
	}
	if r.MinPeriods == 0 {
		r.MinPeriods = 6
	}
	if r.Growth == 0 {
		r.Growth = 0.03
	}
	if r.Decline == 0 {
		r.Decline = 0.03
	}
	if r.Level == 0 {
		r.Level = 0.7
	}
	return r
}

// PhaseEvidence is what [DetectPhase] measured.
type PhaseEvidence struct {
	// Periods counts the periods from the first with revenue to the last.
	Periods int
	// Trend is the least-squares slope of ln(revenue) over the window: the
	// growth per period (0.05 ≈ 5 % a period).
	Trend float64
	// Level is the window's mean revenue over the best mean of any window
	// of the history (1 at the peak).
	Level float64
}

// DetectPhase places a customer in a relationship phase from its revenue
// history (one value per period, oldest first), by this rule, applied in
// order:
//
//  1. exploration, while fewer than MinPeriods periods have passed since the
//     first period with revenue;
//  2. decline, when the trend over the last Window periods is at or below
//     −Decline, or their mean is below Level times the best mean of any
//     Window consecutive periods;
//  3. formation, when the trend is at or above Growth;
//  4. stability otherwise.
//
// The trend is the least-squares slope of ln(revenue) against the period,
// over the periods of the window with positive revenue (a period without
// revenue counts as a fall to 1 % of the window's mean). Errors wrap
// [ErrShortHistory] (no revenue at all), [ErrInvalidData] (negative revenue)
// or [ErrInvalidRate] (a rule with a negative field).
func DetectPhase(history []decimal.Decimal, rule PhaseRule) (_ Phase, _ PhaseEvidence, err error) {
	defer wrapErr(&err)
	if rule.Window < 0 || rule.MinPeriods < 0 || !finiteNonNegative(rule.Growth, rule.Decline, rule.Level) {
		return 0, PhaseEvidence{}, fmt.Errorf("detect phase: rule %+v: %w", rule, ErrInvalidRate)
	}
	rule = rule.withDefaults()
	// The trend of ln(revenue) and the level ratio do not depend on the
	// scale: dividing by the largest revenue keeps every value within
	// float64 (histories beyond 10^308 gave NaN evidence and "stability").
	peak := decimal.Zero
	for t, h := range history {
		if h.Sign() < 0 {
			return 0, PhaseEvidence{}, fmt.Errorf("detect phase: period %d revenue %s: %w", t+1, h, ErrInvalidData)
		}
		if h.GreaterThan(peak) {
			peak = h
		}
	}
	x := make([]float64, len(history))
	first := -1
	for t, h := range history {
		if peak.IsPositive() {
			x[t] = h.DivRound(peak, 20).InexactFloat64()
		}
		if first < 0 && x[t] > 0 {
			first = t
		}
	}
	if first < 0 {
		return 0, PhaseEvidence{}, fmt.Errorf("detect phase: no revenue in %d periods: %w", len(history), ErrShortHistory)
	}
	x = x[first:]
	ev := PhaseEvidence{Periods: len(x)}
	w := min(rule.Window, len(x))
	recent := x[len(x)-w:]
	mean := func(v []float64) float64 {
		var s float64
		for _, a := range v {
			s += a
		}
		return s / float64(len(v))
	}
	m := mean(recent)
	best := m
	for t := 0; t+w <= len(x); t++ {
		best = max(best, mean(x[t:t+w]))
	}
	ev.Level = m / best
	// Trend: OLS slope of ln(revenue) on t.
	floor := 0.01 * m
	var st, sy, stt, sty float64
	for t, v := range recent {
		y := math.Log(max(v, floor))
		ft := float64(t)
		st += ft
		sy += y
		stt += ft * ft
		sty += ft * y
	}
	n := float64(w)
	if den := n*stt - st*st; den > 0 {
		ev.Trend = (n*sty - st*sy) / den
	}
	switch {
	case len(x) < rule.MinPeriods:
		return Exploration, ev, nil
	case ev.Trend <= -rule.Decline || ev.Level < rule.Level:
		return Decline, ev, nil
	case ev.Trend >= rule.Growth:
		return Formation, ev, nil
	}
	return Stability, ev, nil
}

// Step is one of the course's four key-account management steps.
type Step uint8

// The four management steps.
const (
	Identify Step = iota
	Develop
	Retain
	RaiseValue
)

// String returns the step's name.
func (s Step) String() string {
	switch s {
	case Identify:
		return "identify"
	case Develop:
		return "develop"
	case Retain:
		return "retain"
	case RaiseValue:
		return "raise value"
	}
	return fmt.Sprintf("Step(%d)", uint8(s))
}

// LeverSizes sets how far each lever of [Model.Levers] is pulled. The zero
// value means the defaults in brackets.
type LeverSizes struct {
	// Acquisition is the relative cut of the acquisition cost, through
	// better identification [0.2, 20 %].
	Acquisition float64
	// StablePeriods is how many periods the stability phase is lengthened
	// [12].
	StablePeriods int
	// Retention is added to the annual retention, in annual points [0.02,
	// two points a year]: a per-period retention r is the annual r^k
	// (k = the model's PeriodsPerYear), raised by Retention and converted
	// back. The raised annual rate is capped at [MaxLeverRetention], below
	// one, where a retention of one would make the customer immortal.
	Retention float64
	// RetentionPerPeriod adds Retention to the retention per period
	// instead (the same cap, per period).
	RetentionPerPeriod bool
	// Margin is added to the gross margin of every period [0.02].
	Margin float64
	// CostToServe is the relative cut of the cost to serve, fixed and
	// variable [0.1, 10 %].
	CostToServe float64
}

// MaxLeverRetention caps the retention the retention lever raises to.
const MaxLeverRetention = 0.999

func (l LeverSizes) withDefaults() LeverSizes {
	if l.Acquisition == 0 {
		l.Acquisition = 0.2
	}
	if l.StablePeriods == 0 {
		l.StablePeriods = 12
	}
	if l.Retention == 0 {
		l.Retention = 0.02
	}
	if l.Margin == 0 {
		l.Margin = 0.02
	}
	if l.CostToServe == 0 {
		l.CostToServe = 0.1
	}
	return l
}

// Lever is one row of the lever table: a management step, what was
// changed, and the lifetime profit before and after.
type Lever struct {
	Step   Step            // the management step the lever belongs to
	Change string          // what was changed, in words
	Before decimal.Decimal // lifetime profit as it is
	After  decimal.Decimal // lifetime profit with the lever pulled
	// Effect is After − Before.
	Effect decimal.Decimal
}

// Levers computes the sensitivity of a customer's lifetime profit to the
// four management steps: identify (a cheaper acquisition), develop (a
// longer stability phase, for phase profiles only), retain (higher
// retention) and raise value (a higher margin, a lower cost to serve). Each
// lever is pulled alone; the table is sorted by effect, largest first, ties
// in the order above. Errors are those of [NewAccount] and [Model.Profit],
// and [ErrInvalidRate] for [LeverSizes] with negative fields.
func (m *Model) Levers(spec AccountSpec, size LeverSizes) (_ []Lever, err error) {
	defer wrapErr(&err)
	for _, f := range []float64{size.Acquisition, size.Retention, size.Margin, size.CostToServe} {
		// Fractions: NaN panicked further on, and 20 for 20 % is refused.
		if !(f >= 0 && f <= 1) {
			return nil, fmt.Errorf("levers: sizes %+v, want fractions in [0, 1] (0.2 for 20 %%): %w", size, ErrInvalidRate)
		}
	}
	if size.StablePeriods < 0 {
		return nil, fmt.Errorf("levers: sizes %+v: %w", size, ErrInvalidRate)
	}
	size = size.withDefaults()
	base, err := NewAccount(spec)
	if err != nil {
		return nil, err
	}
	before, err := m.Profit(base)
	if err != nil {
		return nil, err
	}
	type variant struct {
		step   Step
		change string
		apply  func(*AccountSpec) bool
	}
	pct := func(f float64) string { return fmt.Sprintf("%.0f %%", 100*f) }
	pts := func(f float64) string { return fmt.Sprintf("+%.1f points", 100*f) }
	k := float64(m.cfg.PeriodsPerYear)
	retentionChange := "retention " + pts(size.Retention) + " a year"
	raise := func(r float64) float64 { // per-period retention r raised
		if size.RetentionPerPeriod {
			return max(r, min(MaxLeverRetention, r+size.Retention))
		}
		annual := math.Pow(r, k)
		return math.Pow(max(annual, min(MaxLeverRetention, annual+size.Retention)), 1/k)
	}
	if size.RetentionPerPeriod {
		retentionChange = "retention " + pts(size.Retention) + " a period"
	}
	variants := []variant{
		{Identify, "acquisition cost −" + pct(size.Acquisition), func(s *AccountSpec) bool {
			s.Acquisition = s.Acquisition.Mul(decimal.NewFromFloat(1 - size.Acquisition))
			return true
		}},
		{Develop, fmt.Sprintf("stability phase +%d periods", size.StablePeriods), func(s *AccountSpec) bool {
			for k := range s.Phases {
				if s.Phases[k].Phase == Stability {
					s.Phases[k].Periods += size.StablePeriods
					return true
				}
			}
			return false
		}},
		{Retain, retentionChange, func(s *AccountSpec) bool {
			if len(s.Phases) > 0 {
				for j := range s.Phases {
					ph := &s.Phases[j]
					r, _ := aliased(ph.RetentionPerPeriod, ph.Retention) // the base account refused a clash
					ph.RetentionPerPeriod, ph.Retention = raise(r), 0
				}
				return true
			}
			if s.Survival != nil {
				return false
			}
			if s.PeriodsPerYear != 0 || s.AnnualRetention != 0 {
				if size.RetentionPerPeriod {
					r, err := PerPeriodRetention(s.AnnualRetention, s.PeriodsPerYear)
					if err != nil {
						return false
					}
					s.AnnualRetention = math.Pow(raise(r), float64(s.PeriodsPerYear))
					return true
				}
				s.AnnualRetention = max(s.AnnualRetention, min(MaxLeverRetention, s.AnnualRetention+size.Retention))
				return true
			}
			r, _ := aliased(s.RetentionPerPeriod, s.Retention)
			s.RetentionPerPeriod, s.Retention = raise(r), 0
			return true
		}},
		{RaiseValue, "gross margin " + pts(size.Margin), func(s *AccountSpec) bool {
			for k := range s.Phases {
				s.Phases[k].Margin += size.Margin
			}
			s.Margin += size.Margin
			return true
		}},
		{RaiseValue, "cost to serve −" + pct(size.CostToServe), func(s *AccountSpec) bool {
			f := 1 - size.CostToServe
			for k := range s.Phases {
				s.Phases[k].CostFixed = s.Phases[k].CostFixed.Mul(decimal.NewFromFloat(f))
				s.Phases[k].CostShare *= f
			}
			s.CostFixed = s.CostFixed.Mul(decimal.NewFromFloat(f))
			s.CostShare *= f
			return true
		}},
	}
	var out []Lever
	for _, v := range variants {
		s := spec
		s.Phases = slices.Clone(spec.Phases)
		if !v.apply(&s) {
			continue
		}
		c, err := NewAccount(s)
		if err != nil {
			return nil, fmt.Errorf("levers (%s): %w", v.change, err)
		}
		after, err := m.Profit(c)
		if err != nil {
			return nil, fmt.Errorf("levers (%s): %w", v.change, err)
		}
		out = append(out, Lever{Step: v.step, Change: v.change, Before: before, After: after, Effect: after.Sub(before)})
	}
	slices.SortStableFunc(out, func(a, b Lever) int { return b.Effect.Cmp(a.Effect) })
	return out, nil
}

// finiteNonNegative reports whether every value is finite and ≥ 0 (NaN
// fields passed the old "< 0" checks).
func finiteNonNegative(xs ...float64) bool {
	for _, x := range xs {
		if !(x >= 0) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
