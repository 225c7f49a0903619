package strategy

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Bass is the Bass (1969) diffusion model of a new product's adoption:
// innovation coefficient P, imitation coefficient Q (both per period) and
// market potential M (adopters). The share of the market that has adopted
// by time t is
//
//	F(t) = (1 − e^{−(P+Q)t}) / (1 + (Q/P)·e^{−(P+Q)t})
//
// and period t's adoptions are M·[F(t) − F(t−1)]. The zero Bass is invalid
// (see [Bass.Validate]).
type Bass struct {
	P, Q, M float64
}

// Validate reports whether P > 0, Q ≥ 0 and M > 0 are finite; an invalid
// model wraps [ErrInvalidOption].
func (b Bass) Validate() error {
	ok := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	if !(ok(b.P) && ok(b.Q) && ok(b.M) && b.P > 0 && b.Q >= 0 && b.M > 0) {
		return wrap(fmt.Errorf("bass model %+v: want P > 0, Q ≥ 0, M > 0, finite: %w", b, ErrInvalidOption))
	}
	return nil
}

func bassF(p, q, t float64) float64 {
	if t <= 0 {
		return 0
	}
	e := math.Exp(-(p + q) * t)
	return (1 - e) / (1 + q/p*e)
}

// Cumulative is M·F(t), the adopters by time t (0 for t ≤ 0); 0 for an
// invalid model.
func (b Bass) Cumulative(t float64) float64 {
	if b.Validate() != nil {
		return 0
	}
	return b.M * bassF(b.P, b.Q, t)
}

// Adoptions is period t's adoptions, M·[F(t) − F(t−1)], t = 1, 2, …;
// 0 for t < 1 or an invalid model.
func (b Bass) Adoptions(t int) float64 {
	if t < 1 || b.Validate() != nil {
		return 0
	}
	return b.M * (bassF(b.P, b.Q, float64(t)) - bassF(b.P, b.Q, float64(t-1)))
}

// Forecast returns the adoptions of periods from … from+h−1 (from ≥ 1);
// nil for h ≤ 0, from < 1, h above [MaxHistory] or an invalid model.
func (b Bass) Forecast(from, h int) []float64 {
	if h <= 0 || from < 1 || h > MaxHistory || b.Validate() != nil {
		return nil
	}
	out := make([]float64, h)
	for k := range out {
		out[k] = b.Adoptions(from + k)
	}
	return out
}

// Peak returns the time of peak adoption, ln(Q/P)/(P+Q) periods after
// launch, and the peak adoption rate M(P+Q)²/(4Q) per period. When Q ≤ P
// adoption is highest at launch: time 0, rate M·P. An invalid model gives
// zeros.
func (b Bass) Peak() (time, rate float64) {
	if b.Validate() != nil {
		return 0, 0
	}
	if b.Q <= b.P {
		return 0, b.M * b.P
	}
	return math.Log(b.Q/b.P) / (b.P + b.Q), b.M * (b.P + b.Q) * (b.P + b.Q) / (4 * b.Q)
}

// MinBassPoints is the fewest periods [FitBass] fits: three parameters and
// one degree of freedom for the standard errors.
const MinBassPoints = 4

// BassFit is a fitted Bass model with its diagnostics. The zero BassFit is
// no fit.
type BassFit struct {
	Bass
	// SE holds the asymptotic standard errors of P, Q and M,
	// √diag(σ²(JᵀJ)⁻¹) with σ² = SSE/(n − 3) and J the Jacobian of the
	// fitted adoptions; Identified is false, and SE zero, when JᵀJ is
	// singular (the series cannot tell the parameters apart).
	SE         Bass
	Identified bool
	// SSE is the residual sum of squares, R2 the share of the adoptions'
	// variance explained.
	SSE, R2 float64
	// N is the number of periods fitted; Starts the starting points tried,
	// Evaluations the objective evaluations in all.
	N, Starts, Evaluations int
}

// FitBass fits the Bass model to per-period adoptions s₁ … sₙ (period 1 is
// the first after launch) by nonlinear least squares as Srinivasan & Mason
// (1986, Marketing Science 5(2)) do:
//
//	minimise Σₜ (sₜ − M·[F(t) − F(t−1)])²,  t = 1 … n.
//
// For given P and Q the best M is linear least squares, so the search runs
// over ln P and ln Q with gonum's Nelder–Mead from nine starting points
// (P ∈ {0.001, 0.01, 0.05} × Q ∈ {0.05, 0.3, 0.8}), at most 2,000
// evaluations each; the best is kept. Errors wrap [ErrInvalidSeries]
// (fewer than [MinBassPoints] or more than [MaxHistory] periods, a NaN,
// infinite or negative value, no adoption at all) or [ErrNoFit].
func FitBass(adoptions []float64) (Bass, error) {
	f, err := fitBass(adoptions)
	return f.Bass, wrap(err)
}

// FitBassDetail is [FitBass] with the fit's standard errors and
// diagnostics.
func FitBassDetail(adoptions []float64) (BassFit, error) {
	f, err := fitBass(adoptions)
	return f, wrap(err)
}

func fitBass(s []float64) (BassFit, error) {
	n := len(s)
	if n < MinBassPoints || n > MaxHistory {
		return BassFit{}, fmt.Errorf("%d periods, want %d … %d: %w", n, MinBassPoints, MaxHistory, ErrInvalidSeries)
	}
	var total, ss, mean float64
	for t, x := range s {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return BassFit{}, fmt.Errorf("period %d adoptions %v: %w", t+1, x, ErrInvalidSeries)
		}
		total += x
		ss += x * x
	}
	if !(total > 0) || math.IsInf(ss, 0) {
		return BassFit{}, fmt.Errorf("adoptions sum to %v: %w", total, ErrInvalidSeries)
	}
	mean = total / float64(n)
	g := make([]float64, n)
	// profile returns the SSE and the best M at (ln p, ln q).
	profile := func(lp, lq float64) (float64, float64) {
		p, q := math.Exp(lp), math.Exp(lq)
		if p > 1 || q > 10 || p < 1e-8 || math.IsNaN(p) || math.IsNaN(q) {
			return math.Inf(1), 0
		}
		prev := 0.0
		var sg, gg float64
		for t := range g {
			f := bassF(p, q, float64(t+1))
			g[t] = f - prev
			prev = f
			sg += s[t] * g[t]
			gg += g[t] * g[t]
		}
		if !(gg > 0) || !(sg > 0) {
			return math.Inf(1), 0
		}
		return max(0, ss-sg*sg/gg), sg / gg
	}
	fit := BassFit{N: n}
	bestSSE := math.Inf(1)
	var best [2]float64
	for _, p0 := range []float64{0.001, 0.01, 0.05} {
		for _, q0 := range []float64{0.05, 0.3, 0.8} {
			fit.Starts++
			prob := optimize.Problem{Func: func(x []float64) float64 { v, _ := profile(x[0], x[1]); return v }}
			res, err := optimize.Minimize(prob, []float64{math.Log(p0), math.Log(q0)},
				&optimize.Settings{FuncEvaluations: 2000, Converger: &optimize.FunctionConverge{Absolute: 1e-13 * ss, Relative: 1e-11, Iterations: 10}},
				&optimize.NelderMead{})
			if res == nil {
				continue
			}
			fit.Evaluations += res.Stats.FuncEvaluations
			if err != nil && res.F == 0 {
				continue
			}
			if res.F < bestSSE {
				bestSSE, best = res.F, [2]float64{res.X[0], res.X[1]}
			}
		}
	}
	if math.IsInf(bestSSE, 0) {
		return BassFit{}, fmt.Errorf("no start reached a finite fit: %w", ErrNoFit)
	}
	sse, m := profile(best[0], best[1])
	fit.Bass = Bass{P: math.Exp(best[0]), Q: math.Exp(best[1]), M: m}
	fit.SSE = sse
	var sst float64
	for _, x := range s {
		sst += (x - mean) * (x - mean)
	}
	fit.R2 = 1
	if sst > 0 {
		fit.R2 = max(0, 1-sse/sst)
	}
	// Standard errors from the Jacobian of the fitted adoptions in P, Q, M.
	pred := func(p, q, m float64, t int) float64 {
		return m * (bassF(p, q, float64(t)) - bassF(p, q, float64(t-1)))
	}
	J := mat.NewDense(n, 3, nil)
	b := fit.Bass
	for t := 1; t <= n; t++ {
		hp, hq := 1e-6*b.P, 1e-6*max(b.Q, 1e-6)
		J.Set(t-1, 0, (pred(b.P+hp, b.Q, b.M, t)-pred(b.P-hp, b.Q, b.M, t))/(2*hp))
		J.Set(t-1, 1, (pred(b.P, b.Q+hq, b.M, t)-pred(b.P, max(0, b.Q-hq), b.M, t))/(b.Q+hq-max(0, b.Q-hq)))
		J.Set(t-1, 2, pred(b.P, b.Q, 1, t))
	}
	var jtj, cov mat.Dense
	jtj.Mul(J.T(), J)
	if n > 3 && cov.Inverse(&jtj) == nil {
		s2 := sse / float64(n-3)
		se := func(i int) float64 { return math.Sqrt(max(0, s2*cov.At(i, i))) }
		fit.SE = Bass{P: se(0), Q: se(1), M: se(2)}
		fit.Identified = true
		for _, x := range []float64{fit.SE.P, fit.SE.Q, fit.SE.M} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				fit.SE, fit.Identified = Bass{}, false
			}
		}
	}
	return fit, nil
}
