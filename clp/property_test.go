package clp

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// finiteIn reports whether v is a finite number in [lo, hi].
func finiteIn(v, lo, hi float64) bool { return v >= lo && v <= hi && !math.IsInf(v, 0) }

// checkErr fails the test unless err is nil or a "clp: "-prefixed error
// wrapping one of the package's sentinels.
func checkErr(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if !strings.HasPrefix(err.Error(), "clp: ") || strings.Count(err.Error(), "clp: ") != 1 {
		t.Fatalf("%s: error %q does not carry the prefix once", what, err)
	}
	for _, s := range []error{ErrNotFinite, ErrInvalidData, ErrInvalidHorizon, ErrInvalidDiscount, ErrInvalidRetention,
		ErrInvalidRate, ErrNoConvergence, ErrOverflow, ErrInvalidPhase, ErrInvalidUnit, ErrShortHistory} {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("%s: error %q wraps no sentinel", what, err)
}

// TestRandomInputsEveryFunction is the property test of issue 9 for the
// functions TestRandomInputsProperty leaves out: random finite and
// non-finite parameters, customers, horizons and sizes are fed to every
// remaining exported function and method, which must return within the
// bound, not panic, and give either an error matching a sentinel or a
// finite value in range.
func TestRandomInputsEveryFunction(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	pick := func() float64 { return randomInput(r, true) }
	customer := func() Customer {
		if r.IntN(3) > 0 {
			c := Customer{X: float64(r.IntN(30)), T: 1 + float64(r.IntN(80))}
			if c.X > 0 {
				c.Tx = math.Max(1, math.Floor(c.T*r.Float64()))
			}
			return c
		}
		return Customer{X: math.Floor(pick()), Tx: pick(), T: pick()}
	}
	n := 400
	if testing.Short() {
		n = 60
	}
	opt := &FitOptions{MaxRuntime: 5 * time.Second, MaxIterations: 200}
	for range n {
		p := [4]float64{pick(), pick(), pick(), pick()}
		cs := make([]Customer, 1+r.IntN(6))
		ws := make([]float64, len(cs))
		for i := range cs {
			cs[i] = customer()
			ws[i] = math.Abs(math.Floor(pick()))
		}
		tt := pick()
		k := int(math.Min(60, math.Max(-3, math.Floor(pick()))))
		models := []PurchaseModel{BGNBD{p[0], p[1], p[2], p[3]}, MBGNBD{p[0], p[1], p[2], p[3]}, ParetoNBD{p[0], p[1], p[2], p[3]}, BGBB{p[0], p[1], p[2], p[3]}}
		for _, m := range models {
			within(t, "every function", func() {
				defer func() {
					if rec := recover(); rec != nil {
						t.Fatalf("%T %+v, customers %+v, t %v, k %d: panic %v", m, m, cs, tt, k, rec)
					}
				}()
				if v := m.ExpectedPurchases(tt); !math.IsNaN(v) && !finiteIn(v, 0, math.MaxFloat64) {
					t.Fatalf("%T %+v ExpectedPurchases(%v) = %v", m, m, tt, v)
				}
				if v := m.ProbPurchases(k, tt); !math.IsNaN(v) && !finiteIn(v, 0, 1) {
					t.Fatalf("%T %+v ProbPurchases(%d, %v) = %v", m, m, k, tt, v)
				}
				v, err := Expected(m, tt)
				checkErr(t, "Expected", err)
				if err == nil && !finiteIn(v, 0, math.MaxFloat64) {
					t.Fatalf("Expected(%T %+v, %v) = %v", m, m, tt, v)
				}
				pmf, err := PMF(m, tt, max(k, 0))
				checkErr(t, "PMF", err)
				sum := 0.0
				for _, q := range pmf {
					if !finiteIn(q, 0, 1) {
						t.Fatalf("PMF(%T %+v, %v) = %v", m, m, tt, pmf)
					}
					sum += q
				}
				if sum > 1+1e-9 {
					t.Fatalf("PMF(%T %+v, %v) sums to %v", m, m, tt, sum)
				}
				v, err = DiscountedTransactions(m, cs[0], tt, k, p[0]/10)
				checkErr(t, "DiscountedTransactions", err)
				if err == nil && !finiteIn(v, 0, math.MaxFloat64) {
					t.Fatalf("DiscountedTransactions(%T %+v, %+v) = %v", m, m, cs[0], v)
				}
				gg := GammaGamma{p[1], p[2], p[3]}
				lv, err := LifetimeValue(m, gg, cs[0], pick(), ValueConfig{Margin: 0.3, PeriodLength: 4, Periods: max(k, 0), DiscountRatePerPeriod: 0.01})
				checkErr(t, "LifetimeValue", err)
				if err == nil && lv.IsNegative() {
					t.Fatalf("LifetimeValue(%T %+v, %+v) = %v with a positive margin", m, m, cs[0], lv)
				}
				ss := make([]Summary, len(cs))
				for i, c := range cs {
					ss[i] = Summary{ID: string(rune('A' + i)), Customer: c, MeanSpend: math.Abs(pick())}
				}
				pa, ex := make([]float64, len(ss)), make([]float64, len(ss))
				err = ScoreSummaries(m, tt, ss, pa, ex)
				checkErr(t, "ScoreSummaries", err)
				for i := range pa {
					if err == nil && (!finiteIn(pa[i], 0, 1) || !finiteIn(ex[i], 0, math.MaxFloat64)) {
						t.Fatalf("ScoreSummaries(%T %+v) = %v, %v", m, m, pa, ex)
					}
				}
				dst := make([]decimal.Decimal, len(ss))
				checkErr(t, "LifetimeValues", LifetimeValues(m, gg, ss, ValueConfig{Margin: 0.3, PeriodLength: 4, Periods: 12}, dst))
				tr, err := Tracking(m, []float64{0, math.Abs(p[0])}, []float64{tt, 2 * math.Abs(tt)})
				checkErr(t, "Tracking", err)
				for _, v := range tr {
					if err == nil && !finiteIn(v, 0, math.MaxFloat64) {
						t.Fatalf("Tracking(%T %+v) = %v", m, m, tr)
					}
				}
			})
		}
		within(t, "fits", func() {
			defer func() {
				if rec := recover(); rec != nil {
					t.Fatalf("customers %+v: panic %v", cs, rec)
				}
			}()
			params := func(name string, err error, ps ...float64) {
				t.Helper()
				checkErr(t, name, err)
				if err == nil && !positive(ps...) {
					t.Fatalf("%s on %+v: parameters %v", name, cs, ps)
				}
			}
			bg, err := FitBGNBD(cs, opt)
			params("FitBGNBD", err, bg.R, bg.Alpha, bg.A, bg.B)
			mbg, err := FitMBGNBDWeighted(cs, ws, opt)
			params("FitMBGNBDWeighted", err, mbg.R, mbg.Alpha, mbg.A, mbg.B)
			pn, err := FitParetoNBD(cs, opt)
			params("FitParetoNBD", err, pn.R, pn.Alpha, pn.S, pn.Beta)
			bb, err := FitBGBBWeighted(cs, ws, opt)
			params("FitBGBBWeighted", err, bb.Alpha, bb.Beta, bb.Gamma, bb.Delta)
			for _, se := range []func() ([]float64, error){
				func() ([]float64, error) { return BGNBD{p[0], p[1], p[2], p[3]}.StandardErrors(cs) },
				func() ([]float64, error) { return MBGNBD{p[0], p[1], p[2], p[3]}.WeightedStandardErrors(cs, ws) },
				func() ([]float64, error) { return ParetoNBD{p[0], p[1], p[2], p[3]}.StandardErrors(cs) },
				func() ([]float64, error) { return BGBB{p[0], p[1], p[2], p[3]}.StandardErrors(cs, ws) },
				func() ([]float64, error) { return SBG{p[0], p[1]}.StandardErrors([]float64{1000, pick(), pick()}) },
			} {
				v, err := se()
				checkErr(t, "StandardErrors", err)
				for _, x := range v {
					if err == nil && !finiteIn(x, 0, math.MaxFloat64) {
						t.Fatalf("standard errors %v", v)
					}
				}
			}
			xs, ms := make([]float64, len(cs)), make([]float64, len(cs))
			for i, c := range cs {
				xs[i], ms[i] = c.X, pick()
			}
			g, err := FitGammaGamma(xs, ms, opt)
			params("FitGammaGamma", err, g.P, g.Q, g.Gamma)
			gg := GammaGamma{p[0], p[1], p[2]}
			if ll := gg.LogLikelihood(xs, ms); math.IsInf(ll, 0) {
				t.Fatalf("%+v LogLikelihood = %v", gg, ll)
			}
			for _, v := range gg.Simulate(xs, rand.NewPCG(5, 6)) {
				if !math.IsNaN(v) && !finiteIn(v, 0, math.MaxFloat64) {
					t.Fatalf("%+v Simulate = %v", gg, v)
				}
			}
			se, err := gg.StandardErrors(xs, ms)
			checkErr(t, "GammaGamma.StandardErrors", err)
			for _, x := range se {
				if err == nil && !finiteIn(x, 0, math.MaxFloat64) {
					t.Fatalf("%+v StandardErrors = %v", gg, se)
				}
			}
			surv := []float64{1000, math.Floor(math.Abs(pick())), math.Floor(math.Abs(pick()))}
			sb, err := FitSBG(surv, opt)
			params("FitSBG", err, sb.Alpha, sb.Beta)
			sbg := SBG{p[0], p[1]}
			if ll := sbg.LogLikelihood(surv); math.IsInf(ll, 0) {
				t.Fatalf("%+v LogLikelihood(%v) = %v", sbg, surv, ll)
			}
			d, err := sbg.DERL(p[2]/20, k)
			checkErr(t, "SBG.DERL", err)
			if err == nil && !finiteIn(d, 0, math.MaxFloat64) {
				t.Fatalf("%+v DERL(%v, %d) = %v", sbg, p[2]/20, k, d)
			}
			for _, i := range TopN(xs, k) {
				if i < 0 || i >= len(xs) {
					t.Fatalf("TopN(%v, %d) index %d", xs, k, i)
				}
			}
			if v, err := PerPeriodRetention(p[3], k); err == nil && !finiteIn(v, 0, 1) {
				t.Fatalf("PerPeriodRetention(%v, %d) = %v", p[3], k, v)
			} else {
				checkErr(t, "PerPeriodRetention", err)
			}
		})
		within(t, "accounts", func() {
			defer func() {
				if rec := recover(); rec != nil {
					t.Fatalf("panic %v", rec)
				}
			}()
			model, err := New(Config{Horizon: k, DiscountRate: p[0] / 10, MinSurvival: p[1] / 20, PeriodsPerYear: k})
			checkErr(t, "New", err)
			if err != nil {
				model = MustNew(Config{Horizon: 60, DiscountRate: 0.1})
			}
			rev := decimal.NewFromInt(1000)
			if v := p[3]; !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) < 1e15 {
				rev = decimal.NewFromFloat(v)
			}
			spec := AccountSpec{ID: "P", Revenue: rev, Growth: pick() / 10, Margin: pick() / 20, CostShare: pick() / 20}
			switch r.IntN(3) {
			case 0:
				spec.RetentionPerPeriod = pick() / 20
			case 1:
				spec.AnnualRetention, spec.PeriodsPerYear = pick()/20, k
			default:
				spec.Phases = []PhaseSpec{{Phase: Exploration, Periods: k, Revenue: rev, Margin: pick() / 20, RetentionPerPeriod: pick() / 20},
					{Phase: Stability, Periods: max(k, 0), Continue: true, Growth: pick() / 10, Margin: 0.3, RetentionPerPeriod: pick() / 20}}
			}
			a, err := NewAccount(spec)
			checkErr(t, "NewAccount", err)
			if err != nil {
				return
			}
			if v, err := model.Float(a); err == nil && !finiteIn(v, -math.MaxFloat64, math.MaxFloat64) {
				t.Fatalf("Float(%+v) = %v", spec, v)
			} else {
				checkErr(t, "Float", err)
			}
			out, err := model.ProfitsTo(nil, []Account{a, a})
			checkErr(t, "ProfitsTo", err)
			if err == nil && out[0] != out[1] {
				t.Fatalf("ProfitsTo(%+v) = %v", spec, out)
			}
			_, err = model.DecimalProfitsTo(nil, []Account{a})
			checkErr(t, "DecimalProfitsTo", err)
			levers, err := model.Levers(spec, LeverSizes{Retention: pick() / 20, Margin: pick() / 20, CostToServe: pick() / 20, Acquisition: pick() / 20, StablePeriods: max(k, 0)})
			checkErr(t, "Levers", err)
			for _, l := range levers {
				if l.Change == "" || !l.After.Sub(l.Before).Equal(l.Effect) {
					t.Fatalf("Levers(%+v) gave %+v", spec, l)
				}
			}
		})
	}
}
