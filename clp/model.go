package clp

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Timing says when in a period its cash flows.
type Timing uint8

const (
	// EndOfPeriod: a customer still active at the end of period t pays then;
	// the weight of period t is S(t)·(1+d)⁻ᵗ with S(t) = rᵗ for a constant
	// retention r. With constant margin m this is the m·r/(1+d−r) of Gupta
	// & Lehmann (2005). It is the default.
	EndOfPeriod Timing = iota
	// StartOfPeriod: payments at the start of each period, the first one
	// certain; the weight of period t is S(t−1)·(1+d)⁻⁽ᵗ⁻¹⁾, which gives
	// m·(1+d)/(1+d−r) for constant margin and retention.
	StartOfPeriod
)

// RateBasis says how [Config.DiscountRate] is quoted.
type RateBasis uint8

const (
	// Annual rates are converted to the period by compounding:
	// d_period = (1 + d_annual)^(1/PeriodsPerYear) − 1 (10 % a year is
	// 0.797 % a month). It is the default.
	Annual RateBasis = iota
	// PerPeriod rates apply to the model's period as they are.
	PerPeriod
)

// Config configures a [Model]. The zero value means monthly periods, no
// discounting, a horizon of ten years, cash at the end of each period and
// results rounded to 0.01.
type Config struct {
	// PeriodsPerYear is the number of periods in a year: 12 for a monthly
	// model (zero means 12), 4 quarterly, 1 yearly.
	PeriodsPerYear int
	// DiscountRate is the discount rate, in (−1, 1), quoted per RateBasis
	// (annual by default): 0.10 for 10 %; a percentage such as 10 is
	// refused.
	DiscountRate float64
	RateBasis    RateBasis // how DiscountRate is quoted
	// Horizon is the number of periods counted; zero means ten years
	// (10 × PeriodsPerYear).
	Horizon int
	// MinSurvival, when positive, ends a customer's horizon early: periods
	// from the first whose survival weight (S(t), or S(t−1) with
	// StartOfPeriod) is below it are not counted.
	MinSurvival float64
	// Timing is when cash flows within a period.
	Timing Timing
	// Unit is the rounding unit of decimal results; zero means 0.01.
	Unit decimal.Decimal
}

// Validate reports whether the configuration is usable. Errors wrap
// [ErrInvalidHorizon], [ErrInvalidDiscount], [ErrInvalidRetention] (a
// MinSurvival outside [0, 1]), [ErrInvalidUnit] or [ErrNotFinite].
func (c Config) Validate() (err error) {
	defer wrapErr(&err)
	if c.PeriodsPerYear < 0 || c.PeriodsPerYear > 366 {
		return fmt.Errorf("config: %d periods a year: %w", c.PeriodsPerYear, ErrInvalidHorizon)
	}
	if c.Horizon < 0 || c.Horizon > 100_000 {
		return fmt.Errorf("config: horizon %d periods: %w", c.Horizon, ErrInvalidHorizon)
	}
	if math.IsNaN(c.DiscountRate) || math.IsInf(c.DiscountRate, 0) {
		return fmt.Errorf("config: discount rate %v: %w", c.DiscountRate, ErrNotFinite)
	}
	if c.DiscountRate <= -1 {
		return fmt.Errorf("config: discount rate %v: %w", c.DiscountRate, ErrInvalidDiscount)
	}
	if c.DiscountRate >= 1 {
		return fmt.Errorf("config: discount rate %v, want a fraction (0.10 for 10 %%), not a percentage: %w", c.DiscountRate, ErrInvalidDiscount)
	}
	if !(c.MinSurvival >= 0 && c.MinSurvival <= 1) {
		return fmt.Errorf("config: minimum survival %v: %w", c.MinSurvival, ErrInvalidRetention)
	}
	if c.Timing > StartOfPeriod || c.RateBasis > PerPeriod {
		return fmt.Errorf("config: timing %d or rate basis %d: %w", c.Timing, c.RateBasis, ErrInvalidRate)
	}
	if c.Unit.Sign() < 0 {
		return fmt.Errorf("config: unit %s: %w", c.Unit, ErrInvalidUnit)
	}
	return nil
}

// Model computes customer lifetime profit (CLP):
//
//	CLP = −acquisition + Σₜ₌₁ᴴ (margin·revenueₜ − costToServeₜ) · wₜ
//
// with cost to serve = fixed cost + cost share · revenue, horizon H and
// period weight wₜ = S(t)·(1+d)⁻ᵗ (cash at the end of each period) or
// S(t−1)·(1+d)⁻⁽ᵗ⁻¹⁾ (at the start), where S is the customer's survival and d
// the discount rate per period. Units: money per period in, money out;
// rates per period. Source: Gupta & Lehmann (2005), Managing Customers as
// Investments, and the course's definition of customer lifetime profit.
//
// Kernels run in float64: a customer with constant retention and constant
// or geometrically growing revenue is scored in closed form (geometric
// series, evaluated without cancellation near a ratio of one); any other in
// one pass over a table of discount factors built by [New]. Decimal results
// are rounded once, at the end, to a multiple of the unit, half away from
// zero. A negative CLP is a result, not an error.
//
// A Model is immutable and safe for concurrent use.
type Model struct {
	cfg   Config
	d     float64   // discount rate per period
	v     []float64 // v[t] = (1+d)^−t, t = 0 … H
	h     int
	lnMin float64 // ln(MinSurvival), or −Inf
	unit  money.Unit
}

// New returns a model for cfg, with its discount table precomputed.
func New(cfg Config) (_ *Model, err error) {
	defer wrapErr(&err)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.PeriodsPerYear == 0 {
		cfg.PeriodsPerYear = 12
	}
	if cfg.Horizon == 0 {
		cfg.Horizon = 10 * cfg.PeriodsPerYear
	}
	if cfg.Unit.IsZero() {
		cfg.Unit = decimal.New(1, -2)
	}
	unit, err := money.NewUnit(cfg.Unit)
	if err != nil {
		return nil, fmt.Errorf("config: %w", fromMoney(err))
	}
	m := &Model{cfg: cfg, h: cfg.Horizon, unit: unit, lnMin: math.Inf(-1)}
	m.d = cfg.DiscountRate
	if cfg.RateBasis == Annual {
		m.d = math.Expm1(math.Log1p(cfg.DiscountRate) / float64(cfg.PeriodsPerYear))
	}
	if cfg.MinSurvival > 0 {
		m.lnMin = math.Log(cfg.MinSurvival)
	}
	m.v = make([]float64, m.h+1)
	lv := -math.Log1p(m.d)
	for t := range m.v {
		m.v[t] = math.Exp(lv * float64(t))
	}
	return m, nil
}

// MustNew is like [New] but panics on error; for tests and examples.
func MustNew(cfg Config) *Model {
	m, err := New(cfg)
	if err != nil {
		panic(fmt.Sprintf("clp.New(%+v) failed: %v", cfg, err))
	}
	return m
}

// PeriodRate returns the discount rate per period that the model uses.
func (m *Model) PeriodRate() float64 { return m.d }

// Horizon returns the number of periods the model counts.
func (m *Model) Horizon() int { return m.h }

// Float returns the customer's lifetime profit as float64, unrounded. The
// error wraps [ErrOverflow] when the result is beyond float64's range.
func (m *Model) Float(c Account) (_ float64, err error) {
	defer wrapErr(&err)
	x := m.float(c)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("customer %q: %w", c.id, ErrOverflow)
	}
	return x, nil
}

func (m *Model) float(c Account) float64 {
	if c.constant {
		return m.closedForm(c)
	}
	return m.series(c)
}

// Profit returns the customer's lifetime profit rounded to the unit, half
// away from zero; errors as [Model.Float], and a profit beyond ±10^18 units
// (10^16 in cents) wraps [ErrOverflow] rather than losing digits.
func (m *Model) Profit(c Account) (_ decimal.Decimal, err error) {
	defer wrapErr(&err)
	x, err := m.Float(c)
	if err != nil {
		return decimal.Decimal{}, err
	}
	d, err := m.unit.RoundFloat(x, money.HalfAwayFromZero)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("customer %q: %w", c.id, fromMoney(err))
	}
	return d, nil
}

// ProfitsTo writes the lifetime profit of each customer into dst and
// returns it; a nil dst is allocated. It allocates nothing else. On an
// overflow it returns the error of the first customer concerned, whose
// entry is zero, having scored the others. It panics if dst is not nil and
// its length differs from len(cs), a programmer error.
func (m *Model) ProfitsTo(dst []float64, cs []Account) (_ []float64, err error) {
	defer wrapErr(&err)
	return scoreTo(m, dst, cs, func(x float64) (float64, bool) { return x, !math.IsNaN(x) && !math.IsInf(x, 0) })
}

// DecimalProfitsTo is [Model.ProfitsTo] with results rounded to the unit,
// half away from zero, once per customer. It panics on a length mismatch.
func (m *Model) DecimalProfitsTo(dst []decimal.Decimal, cs []Account) (_ []decimal.Decimal, err error) {
	defer wrapErr(&err)
	return scoreTo(m, dst, cs, func(x float64) (decimal.Decimal, bool) {
		d, err := m.unit.RoundFloat(x, money.HalfAwayFromZero)
		return d, err == nil
	})
}

// scoreTo is the batch loop of ProfitsTo and DecimalProfitsTo: it scores
// each account, converts the result with conv and reports the first
// overflow.
func scoreTo[T any](m *Model, dst []T, cs []Account, conv func(float64) (T, bool)) ([]T, error) {
	if dst == nil {
		dst = make([]T, len(cs))
	}
	if len(dst) != len(cs) {
		panic("clp: dst length mismatch")
	}
	bad := -1
	for i := range cs {
		v, ok := conv(m.float(cs[i]))
		if !ok {
			var zero T
			v = zero
			if bad < 0 {
				bad = i
			}
		}
		dst[i] = v
	}
	if bad >= 0 {
		return dst, fmt.Errorf("customer %d (%q): %w", bad, cs[bad].id, ErrOverflow)
	}
	return dst, nil
}

// periods returns how many periods of a customer with constant retention r
// count: the horizon, shortened by MinSurvival.
func (m *Model) periods(r float64) int {
	h := m.h
	if m.lnMin == math.Inf(-1) || r >= 1 {
		return h
	}
	if r == 0 {
		if m.cfg.Timing == StartOfPeriod {
			return min(h, 1)
		}
		return 0
	}
	// Survival weight rᵉ ≥ MinSurvival ⇔ e ≤ ln(Min)/ln(r).
	e := int(math.Floor(m.lnMin/math.Log(r) + 1e-12))
	if m.cfg.Timing == StartOfPeriod {
		e++
	}
	return max(0, min(h, e))
}

// closedForm scores a customer with constant retention r and revenue
// growing by g: cash flow a·Gᵗ⁻¹ − c in period t, weight qᵗ (end) or qᵗ⁻¹
// (start) with q = r/(1+d), G = 1+g.
func (m *Model) closedForm(c Account) float64 {
	n := m.periods(c.retain)
	if n == 0 {
		return -c.acq
	}
	a := c.netMargin * c.r0
	q := c.retain * m.v[1]
	var sum float64
	// Skip zero terms, so that a zero amount times a huge factor stays zero.
	if a != 0 {
		sa := geomSum((1+c.g)*q, n) // Σ_{k=0}^{n−1} (Gq)^k
		if m.cfg.Timing == EndOfPeriod {
			sa *= q
		}
		sum += a * sa
	}
	if c.costFixed != 0 {
		sc := geomSum(q, n) // Σ_{k=0}^{n−1} q^k
		if m.cfg.Timing == EndOfPeriod {
			sc *= q
		}
		sum -= c.costFixed * sc
	}
	return sum - c.acq
}

// geomSum returns Σ_{k=0}^{n−1} xᵏ = (xⁿ − 1)/(x − 1), accurately also when x
// is close to one: there it sums the binomial expansion Σⱼ C(n, j+1)·yʲ in
// y = x − 1, and elsewhere it uses expm1 and log1p.
func geomSum(x float64, n int) float64 {
	y := x - 1
	if y == 0 {
		return float64(n)
	}
	if math.Abs(y)*float64(n) < 0.5 && math.Abs(y) < 1e-3 {
		// C(n, j+1)·yʲ, term by term: C(n, j+2)/C(n, j+1) = (n−j−1)/(j+2).
		term, sum := float64(n), float64(n)
		for j := 0; j < n-1 && j < 40; j++ {
			term *= y * float64(n-j-1) / float64(j+2)
			sum += term
			if math.Abs(term) < 1e-17*math.Abs(sum) {
				break
			}
		}
		return sum
	}
	if x <= 0 {
		return (1 - math.Pow(x, float64(n))) / (1 - x)
	}
	return math.Expm1(float64(n)*math.Log1p(y)) / y
}

// series scores a customer given by per-period cash flows and survival.
func (m *Model) series(c Account) float64 {
	n := min(len(c.cf), m.h)
	cf := c.cf[:n]
	v := m.v
	minS := m.cfg.MinSurvival
	var sum float64
	if m.cfg.Timing == EndOfPeriod {
		if c.surv != nil {
			surv := c.surv[:n]
			for t, st := range surv {
				if st < minS {
					break
				}
				sum += cf[t] * st * v[t+1]
			}
		} else {
			st := 1.0
			for t := range cf {
				st *= c.retain
				if st < minS {
					break
				}
				sum += cf[t] * st * v[t+1]
			}
		}
	} else {
		s := 1.0 // S(t−1)
		for t := range cf {
			if s < minS {
				break
			}
			sum += cf[t] * s * v[t]
			if c.surv != nil {
				s = c.surv[t]
			} else {
				s *= c.retain
			}
		}
	}
	// Zero weights times overflowing factors: a NaN here is a zero term.
	if math.IsNaN(sum) {
		sum = m.seriesSafe(c)
	}
	return sum - c.acq
}

// seriesSafe is series with zero terms skipped, for the rare customer whose
// zero cash flows or survival meet infinite discount factors.
func (m *Model) seriesSafe(c Account) float64 {
	n := min(len(c.cf), m.h)
	var sum float64
	s := 1.0
	for t := 1; t <= n; t++ {
		st := c.retain * s
		if c.surv != nil {
			st = c.surv[t-1]
		}
		w, e := st, t
		if m.cfg.Timing == StartOfPeriod {
			w, e = s, t-1
		}
		if w < m.cfg.MinSurvival {
			break
		}
		if cf := c.cf[t-1]; cf != 0 && w != 0 {
			sum += cf * w * m.v[e]
		}
		s = st
	}
	return sum
}

// GuptaLehmann returns the closed-form lifetime value m·r/(1+d−r) of a
// customer with constant margin m per period, retention r per period and
// discount rate d per period over an infinite horizon, cash at the end of
// each period (Gupta & Lehmann 2005). It is the limit of [Model.Float] as
// the horizon grows. The denominator is formed as (1−r)+d, exact for r in
// [½, 1], so a discount as small as 1e-9 keeps its digits. Errors wrap
// [ErrInvalidRetention] (r outside [0, 1]), [ErrInvalidDiscount] (d ≤ −1,
// or d ≤ 0 with r = 1: no finite value), [ErrNotFinite] or [ErrOverflow]
// (a value beyond float64, such as a margin of 10^308).
func GuptaLehmann(marginPerPeriod, retentionPerPeriod, discountPerPeriod float64) (_ float64, err error) {
	defer wrapErr(&err)
	m, r, d := marginPerPeriod, retentionPerPeriod, discountPerPeriod
	for _, v := range []float64{m, r, d} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("gupta-lehmann: %v: %w", v, ErrNotFinite)
		}
	}
	if r < 0 || r > 1 {
		return 0, fmt.Errorf("gupta-lehmann: retention %v: %w", r, ErrInvalidRetention)
	}
	den := (1 - r) + d
	if d <= -1 || d >= 1 || !(den > 0) {
		return 0, fmt.Errorf("gupta-lehmann: discount %v with retention %v: %w", d, r, ErrInvalidDiscount)
	}
	v := m * r / den
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("gupta-lehmann: margin %v, retention %v, discount %v: value beyond float64: %w", m, r, d, ErrOverflow)
	}
	return v, nil
}
