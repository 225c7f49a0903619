package clp

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// BGBB is the beta-geometric/beta-Bernoulli model of Fader, Hardie & Shang
// (2010), "Customer-base analysis in a discrete-time noncontractual
// setting", Marketing Science 29(6): at each of a series of discrete
// transaction opportunities (years of a donation campaign, say) an active
// customer transacts with probability p ~ Beta(Alpha, Beta) and, before
// the next opportunity, drops out with probability θ ~ Beta(Gamma, Delta).
// A [Customer] here is X opportunities with a transaction, Tx the last of
// them (0 if none) and T the number of opportunities; times are counts of
// opportunities.
type BGBB struct{ Alpha, Beta, Gamma, Delta float64 }

// MaxOpportunities bounds the opportunities of a BG/BB pattern and of a
// BG/BB forecast: its likelihood and pmf sum over them one by one.
const MaxOpportunities = 1 << 20

// checkBGBB validates a discrete pattern: whole numbers with
// 0 ≤ X ≤ Tx ≤ T ≤ MaxOpportunities, T ≥ 1, and Tx = 0 exactly when X = 0.
func checkBGBB(i int, c Customer) error {
	for _, v := range []float64{c.X, c.Tx, c.T} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("customer %d %+v: %w", i, c, ErrNotFinite)
		}
		if v != math.Trunc(v) {
			return fmt.Errorf("customer %d %+v: not whole opportunities: %w", i, c, ErrInvalidData)
		}
	}
	if c.T < 1 || c.T > MaxOpportunities || c.X < 0 || c.X > c.Tx || c.Tx > c.T || (c.X == 0) != (c.Tx == 0) {
		return fmt.Errorf("customer %d: x %v, recency %v, n %v: %w", i, c.X, c.Tx, c.T, ErrInvalidData)
	}
	return nil
}

// bgbbLL returns ln L of one pattern:
// L = B(α+x, β+n−x)/B(α,β)·B(γ, δ+n)/B(γ,δ)
// + Σᵢ₌₀^{n−tₓ−1} B(α+x, β+tₓ−x+i)/B(α,β)·B(γ+1, δ+tₓ+i)/B(γ,δ).
func bgbbLL(m BGBB, c Customer) float64 {
	lb := mathext.Lbeta(m.Alpha, m.Beta)
	lg := mathext.Lbeta(m.Gamma, m.Delta)
	x, tx, n := c.X, c.Tx, c.T
	l := mathext.Lbeta(m.Alpha+x, m.Beta+n-x) - lb + mathext.Lbeta(m.Gamma, m.Delta+n) - lg
	for i := 0.0; i <= n-tx-1; i++ {
		l = logSumExp(l, mathext.Lbeta(m.Alpha+x, m.Beta+tx-x+i)-lb+mathext.Lbeta(m.Gamma+1, m.Delta+tx+i)-lg)
	}
	return l
}

// FitBGBB fits the model by maximum likelihood to discrete patterns
// (opt.Weights gives the number of customers with each pattern, as in the
// donation data). Errors name the customer and wrap [ErrInvalidData],
// [ErrNotFinite] or [ErrNoConvergence].
func FitBGBB(cs []Customer, opt *FitOptions) (_ BGBB, err error) {
	defer wrapErr(&err)
	o := opt.get()
	ws, n, err := compress(cs, o.Weights, checkBGBB)
	if err != nil {
		return BGBB{}, fmt.Errorf("bg/bb: %w", err)
	}
	if err := identified(ws); err != nil {
		return BGBB{}, fmt.Errorf("bg/bb: %w", err)
	}
	th, err := mle("bg/bb", 4, n, o, false, func(th, _ []float64) float64 {
		m := BGBB{th[0], th[1], th[2], th[3]}
		return parallelSum(ws, 4, nil, func(w weighted, _ []float64) float64 { return w.w * bgbbLL(m, w.c) })
	})
	if err != nil {
		return BGBB{}, err
	}
	return BGBB{th[0], th[1], th[2], th[3]}, nil
}

// LogLikelihood returns the log-likelihood of the patterns (one customer
// each), or NaN (invalid data has no likelihood) if one is invalid.
func (m BGBB) LogLikelihood(cs []Customer) float64 {
	if !positive(m.Alpha, m.Beta, m.Gamma, m.Delta) {
		return math.NaN()
	}
	var ll float64
	for i, c := range cs {
		if checkBGBB(i, c) != nil {
			return math.NaN()
		}
		ll += bgbbLL(m, c)
	}
	return finiteLL(ll)
}

// ExpectedPurchases returns E[X(n)], the expected transactions of a new
// customer in the first n = ⌊t⌋ opportunities:
// α/(α+β)·δ/(γ−1)·[1 − Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ))].
//
// Parameters that are not positive and finite, or a t that is NaN or
// infinite, give NaN; [Expected] is the checked form.
func (m BGBB) ExpectedPurchases(t float64) float64 {
	if badArgs(t, m.Alpha, m.Beta, m.Gamma, m.Delta) {
		return math.NaN()
	}
	n := math.Floor(t)
	if n <= 0 {
		return 0
	}
	return m.Alpha / (m.Alpha + m.Beta) * m.survivalSum(0, n)
}

// survivalSum returns Σ_{k=n0+1}^{n0+n} P(alive at opportunity k | alive at
// n0 … as counted by the prior): δ/(γ−1)·Γ(γ+δ)/Γ(1+δ)·[Γ(1+δ+n0)/Γ(γ+δ+n0)
// − Γ(1+δ+n0+n)/Γ(γ+δ+n0+n)], summed directly when γ is near one.
func (m BGBB) survivalSum(n0, n float64) float64 {
	g, d := m.Gamma, m.Delta
	if math.Abs(g-1) < 1e-6 {
		var s float64
		for k := n0 + 1; k <= n0+n; k++ {
			s += math.Exp(mathext.Lbeta(g, d+k) - mathext.Lbeta(g, d))
		}
		return s
	}
	// In logs: A = Γ(γ+δ)Γ(1+δ+n0)/(Γ(1+δ)Γ(γ+δ+n0)) and the ratio of the
	// second term to the first, e^Δ, so the difference is A·(1 − e^Δ) and
	// neither Γ ratio overflows (γ ≳ 124 gave ∞·0 = NaN) nor cancels.
	la := lgamma(g+d) - lgamma(1+d) + lgamma(1+d+n0) - lgamma(g+d+n0)
	var delta float64
	if n <= 4096 {
		// Δ = −Σ ln(1 + (γ−1)/(1+δ+k)), k = n0 … n0+n−1: exact where the
		// difference of log-gammas would keep only its absolute digits.
		for k := n0; k < n0+n; k++ {
			delta -= math.Log1p((g - 1) / (1 + d + k))
		}
	} else {
		delta = lgamma(1+d+n0+n) - lgamma(g+d+n0+n) - lgamma(1+d+n0) + lgamma(g+d+n0)
	}
	return d / (g - 1) * math.Exp(la) * -math.Expm1(delta)
}

// PAlive returns the probability that a customer with pattern c is still
// active at opportunity n+1:
// B(α+x, β+n−x)/B(α,β)·B(γ, δ+n+1)/B(γ,δ) / L(pattern).
//
// Precondition: c is a valid pattern (whole numbers, 0 ≤ x ≤ tₓ ≤ n ≤
// [MaxOpportunities], n ≥ 1, tₓ = 0 exactly when x = 0); otherwise PAlive
// returns NaN. [Score] is the checked form.
func (m BGBB) PAlive(c Customer) float64 {
	if !positive(m.Alpha, m.Beta, m.Gamma, m.Delta) || checkBGBB(0, c) != nil {
		return math.NaN()
	}
	x, n := c.X, c.T
	l := mathext.Lbeta(m.Alpha+x, m.Beta+n-x) - mathext.Lbeta(m.Alpha, m.Beta) +
		mathext.Lbeta(m.Gamma, m.Delta+n+1) - mathext.Lbeta(m.Gamma, m.Delta)
	return clamp01(math.Exp(l - bgbbLL(m, c))) // rounding at extreme δ put it a few 1e-5 above one
}

// ConditionalExpectedPurchases returns the expected transactions of a
// customer with pattern c in the next ⌊t⌋ opportunities:
// 1/L·B(α+x+1, β+n−x)/B(α,β)·δ/(γ−1)·Γ(γ+δ)/Γ(1+δ)·[Γ(1+δ+n)/Γ(γ+δ+n) −
// Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)] (FHS 2010, eq. 13).
//
// Precondition: c is a valid pattern (see [BGBB.PAlive]) and 0 ≤ t ≤
// [MaxOpportunities]; otherwise the result is NaN. [Score] is the checked
// form.
func (m BGBB) ConditionalExpectedPurchases(t float64, c Customer) float64 {
	f := m.aliveFactor(c)
	if math.IsNaN(f) || !(t >= 0 && t <= MaxOpportunities) {
		return math.NaN()
	}
	if math.Floor(t) <= 0 {
		return 0
	}
	return f * m.aliveCurveAt(c, t)
}

// ProbPurchases returns P(X(n) = k), n = ⌊t⌋, for a new customer:
// C(n,k)·B(α+k, β+n−k)/B(α,β)·B(γ, δ+n)/B(γ,δ)
// + Σᵢ₌ₖⁿ⁻¹ C(i,k)·B(α+k, β+i−k)/B(α,β)·B(γ+1, δ+i)/B(γ,δ).
//
// t beyond [MaxOpportunities] or NaN gives NaN.
//
// Parameters that are not positive and finite, or a t that is NaN or
// infinite, give NaN; [PMF] is the checked form.
func (m BGBB) ProbPurchases(k int, t float64) float64 {
	if badArgs(t, m.Alpha, m.Beta, m.Gamma, m.Delta) {
		return math.NaN()
	}
	if !(t <= MaxOpportunities) {
		return math.NaN()
	}
	n := math.Floor(t)
	fk := float64(k)
	if k < 0 || fk > n {
		return 0
	}
	lb, lg := mathext.Lbeta(m.Alpha, m.Beta), mathext.Lbeta(m.Gamma, m.Delta)
	lc := func(a, b float64) float64 { return lgamma(a+1) - lgamma(b+1) - lgamma(a-b+1) }
	p := math.Exp(lc(n, fk) + mathext.Lbeta(m.Alpha+fk, m.Beta+n-fk) - lb + mathext.Lbeta(m.Gamma, m.Delta+n) - lg)
	for i := fk; i <= n-1; i++ {
		p += math.Exp(lc(i, fk) + mathext.Lbeta(m.Alpha+fk, m.Beta+i-fk) - lb + mathext.Lbeta(m.Gamma+1, m.Delta+i) - lg)
	}
	return p
}

// Simulate returns n customers' patterns over periods opportunities, drawn
// from the model with randomness only from src.
func (m BGBB) Simulate(n, periods int, src rand.Source) []Customer {
	r := rand.New(src)
	pd := distuv.Beta{Alpha: m.Alpha, Beta: m.Beta, Src: src}
	td := distuv.Beta{Alpha: m.Gamma, Beta: m.Delta, Src: src}
	out := make([]Customer, n)
	for i := range out {
		p, theta := pd.Rand(), td.Rand()
		var x, tx float64
		for k := 1; k <= periods; k++ {
			if r.Float64() < theta { // dropped out before opportunity k
				break
			}
			if r.Float64() < p {
				x++
				tx = float64(k)
			}
		}
		out[i] = Customer{X: x, Tx: tx, T: float64(periods)}
	}
	return out
}

// StandardErrors returns the asymptotic standard errors of (Alpha, Beta,
// Gamma, Delta) at m from the inverse Hessian of the weighted log-likelihood
// of the patterns (weights nil: one customer each); errors as
// [BGNBD.StandardErrors].
func (m BGBB) StandardErrors(cs []Customer, weights []float64) (_ []float64, err error) {
	defer wrapErr(&err)
	ws, _, err := compress(cs, weights, checkBGBB)
	if err != nil {
		return nil, fmt.Errorf("bg/bb: %w", err)
	}
	return standardErrors("bg/bb", []float64{m.Alpha, m.Beta, m.Gamma, m.Delta}, func(th []float64) float64 {
		p := BGBB{th[0], th[1], th[2], th[3]}
		return parallelSum(ws, 4, nil, func(w weighted, _ []float64) float64 { return w.w * bgbbLL(p, w.c) })
	})
}
