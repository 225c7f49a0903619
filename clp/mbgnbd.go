package clp

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mathext"
)

// MBGNBD is the modified BG/NBD of Batislam, Denizel & Filiztekin (2007),
// "Empirical validation and comparison of models for customer base
// analysis", International Journal of Research in Marketing 24(3): as
// [BGNBD], but a customer may also drop out right after the first purchase,
// so that customers without repeat purchases are not all alive. Parameters
// and time unit as in BGNBD.
type MBGNBD struct{ R, Alpha, A, B float64 }

// mbgnbdLL returns ln L of one summary:
// A1 + A2 + ln(e^{A3} + e^{A4}) with A1 = ln Γ(r+x) − ln Γ(r) + r ln α,
// A2 = ln B(a, b+x+1) − ln B(a, b), A3 = −(r+x) ln(α+T) and
// A4 = ln(a/(b+x)) − (r+x) ln(α+tₓ).
func mbgnbdLL(m MBGNBD, tR riseTable, c Customer) float64 {
	x := c.X
	lgR, _ := tR.at(int(x))
	a1 := lgR + m.R*math.Log(m.Alpha)
	a2 := mathext.Lbeta(m.A, m.B+x+1) - mathext.Lbeta(m.A, m.B)
	a3 := -(m.R + x) * math.Log(m.Alpha+c.T)
	a4 := math.Log(m.A/(m.B+x)) - (m.R+x)*math.Log(m.Alpha+c.Tx)
	return a1 + a2 + logSumExp(a3, a4)
}

// FitMBGNBD fits the model by maximum likelihood; see [FitBGNBD] (the
// gradient here is by central differences).
func FitMBGNBD(cs []Customer, opt *FitOptions) (_ MBGNBD, err error) {
	defer wrapErr(&err)
	o := opt.get()
	ws, n, err := compress(cs, o.Weights, func(i int, c Customer) error { return c.check(i) })
	if err != nil {
		return MBGNBD{}, fmt.Errorf("mbg/nbd: %w", err)
	}
	if err := identified(ws); err != nil {
		return MBGNBD{}, fmt.Errorf("mbg/nbd: %w", err)
	}
	maxX := maxRepeat(ws)
	th, err := mle("mbg/nbd", 4, n, o, false, func(th, _ []float64) float64 {
		m := MBGNBD{th[0], th[1], th[2], th[3]}
		tR := lnTables(m.R, maxX)
		return parallelSum(ws, 4, nil, func(w weighted, _ []float64) float64 { return w.w * mbgnbdLL(m, tR, w.c) })
	})
	if err != nil {
		return MBGNBD{}, err
	}
	return MBGNBD{th[0], th[1], th[2], th[3]}, nil
}

// LogLikelihood returns the log-likelihood of the summaries, or NaN (invalid data has no likelihood) if one
// is invalid.
func (m MBGNBD) LogLikelihood(cs []Customer) float64 {
	if !positive(m.R, m.Alpha, m.A, m.B) {
		return math.NaN()
	}
	ws, _, err := compress(cs, nil, func(i int, c Customer) error { return c.check(i) })
	if err != nil {
		return math.NaN()
	}
	tR := lnTables(m.R, maxRepeat(ws))
	var ll float64
	for _, w := range ws {
		ll += w.w * mbgnbdLL(m, tR, w.c)
	}
	return finiteLL(ll)
}

// bg returns the BG/NBD with the same parameters, whose hypergeometric
// bracket the MBG/NBD expectations share.
func (m MBGNBD) bg() BGNBD { return BGNBD(m) }

// ExpectedPurchases returns E[X(t)] for a new customer:
// b/(a−1)·[1 − (α/(α+t))ʳ ₂F₁(r, b+1; a+b; t/(α+t))].
//
// Parameters that are not positive and finite, or a t that is NaN or
// infinite, give NaN; [Expected] is the checked form.
func (m MBGNBD) ExpectedPurchases(t float64) float64 {
	if badArgs(t, m.R, m.Alpha, m.A, m.B) {
		return math.NaN()
	}
	if !(t > 0) {
		return 0
	}
	// The bracket of BG/NBD with b+1 is (a+b)/(a−1)·[…]; rescale by b/(a+b).
	return m.B / (m.A + m.B) * m.bg().bracket(m.R, m.Alpha, m.B+1, t)
}

// PAlive returns 1/(1 + a/(b+x)·((α+T)/(α+tₓ))^(r+x)), in logs.
//
// Precondition: positive finite parameters and c.Validate() == nil;
// otherwise PAlive returns NaN. [Score]
// is the checked form.
func (m MBGNBD) PAlive(c Customer) float64 {
	if !positive(m.R, m.Alpha, m.A, m.B) || c.Validate() != nil {
		return math.NaN()
	}
	return m.pAlive(c)
}

// pAlive is [MBGNBD.PAlive] for valid parameters and customer.
func (m MBGNBD) pAlive(c Customer) float64 {
	z := math.Log(m.A) - math.Log(m.B+c.X) + (m.R+c.X)*(math.Log(m.Alpha+c.T)-math.Log(m.Alpha+c.Tx))
	return logistic(z)
}

// ConditionalExpectedPurchases returns the expected purchases in the next t
// of a customer with summary c:
// P(alive)·(a+b+x)/(a−1)·[1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x;
// t/(α+T+t))].
func (m MBGNBD) ConditionalExpectedPurchases(t float64, c Customer) float64 {
	_, e := m.Predict(t, c)
	return e
}

// ProbPurchases returns P(X(t) = n) for a new customer:
// B(a, b+n+1)/B(a, b)·NBD(n) + B(a+1, b+n)/B(a, b)·P(NBD ≥ n), the tail
// by the regularised incomplete beta function.
//
// Parameters that are not positive and finite, or a t that is NaN or
// infinite, give NaN; [PMF] is the checked form.
func (m MBGNBD) ProbPurchases(n int, t float64) float64 {
	if badArgs(t, m.R, m.Alpha, m.A, m.B) {
		return math.NaN()
	}
	if n < 0 {
		return 0
	}
	if !(t > 0) {
		return m.B / (m.A + m.B) * b2f(n == 0)
	}
	lb := mathext.Lbeta(m.A, m.B)
	fn := float64(n)
	p := math.Exp(mathext.Lbeta(m.A, m.B+fn+1) - lb + nbdLogPMF(n, m.R, m.Alpha, t))
	return p + math.Exp(mathext.Lbeta(m.A+1, m.B+fn)-lb)*nbdTail(n, m.R, m.Alpha, t)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Simulate returns n customers drawn from the model over T time units, as
// [BGNBD.Simulate].
func (m MBGNBD) Simulate(n int, T, step float64, src rand.Source) []Customer {
	return simulateDropout(m.R, m.Alpha, m.A, m.B, true, n, T, step, src)
}

// Predict returns both [MBGNBD.PAlive] and
// [MBGNBD.ConditionalExpectedPurchases] of a customer, computing P(alive)
// once.
//
// Precondition: c.Validate() == nil and t ≥ 0 finite; otherwise the result
// is NaN. [Score] is the checked form.
func (m MBGNBD) Predict(t float64, c Customer) (pAlive, expected float64) {
	return predictAlive(m, t, c)
}

// StandardErrors returns the asymptotic standard errors of (R, Alpha, A, B)
// at m from the inverse Hessian of the log-likelihood of cs; errors as
// [BGNBD.StandardErrors].
func (m MBGNBD) StandardErrors(cs []Customer) (_ []float64, err error) {
	defer wrapErr(&err)
	return m.WeightedStandardErrors(cs, nil)
}

// WeightedStandardErrors is StandardErrors for customers with weights
// (counts of identical customers, one per customer; nil: one each), the
// standard errors of a weighted fit.
func (m MBGNBD) WeightedStandardErrors(cs []Customer, weights []float64) (_ []float64, err error) {
	defer wrapErr(&err)
	ws, _, err := compress(cs, weights, func(i int, c Customer) error { return c.check(i) })
	if err != nil {
		return nil, fmt.Errorf("mbg/nbd: %w", err)
	}
	maxX := maxRepeat(ws)
	return standardErrors("mbg/nbd", []float64{m.R, m.Alpha, m.A, m.B}, func(th []float64) float64 {
		p := MBGNBD{th[0], th[1], th[2], th[3]}
		tR := lnTables(p.R, maxX)
		return parallelSum(ws, 4, nil, func(w weighted, _ []float64) float64 { return w.w * mbgnbdLL(p, tR, w.c) })
	})
}
