package clp

import "math"

// pnbdPass returns the weighted log-likelihood of compressed summaries and,
// when grad is not nil, adds its gradient with respect to (r, α, s, β):
// analytic where the second term of the likelihood takes its closed form
// with ₂F₁ by its series ([ParetoNBD.llGrad]; every customer of data like
// CDNOW's), else by central differences of that customer's log-likelihood.
func pnbdPass(theta []float64, ws []weighted, maxX int, grad []float64) float64 {
	m := ParetoNBD{theta[0], theta[1], theta[2], theta[3]}
	if grad == nil {
		return parallelSum(ws, 4, nil, func(w weighted, _ []float64) float64 { return w.w * m.ll(w.c) })
	}
	tR := lnTables(m.R, maxX)
	lnA, lnB := math.Log(m.Alpha), math.Log(m.Beta)
	return parallelSum(ws, 4, grad, func(w weighted, g []float64) float64 {
		var gc [4]float64
		l, ok := m.llGrad(w.c, tR, lnA, lnB, &gc)
		if !ok {
			l = m.ll(w.c)
			m.llGradNumeric(w.c, &gc)
		}
		for j, v := range gc {
			g[j] += w.w * v
		}
		return w.w * l
	})
}

// llGrad returns customer c's log-likelihood ([ParetoNBD.ll]) and writes
// its gradient in (r, α, s, β) into g, or ok false where the second term
// leaves the closed form's region or ₂F₁ its series. tR is the
// rising-factorial table of r, lnA and lnB are ln α and ln β.
//
// With a = r+s+x and, for α ≥ β, b = s+1 and z_τ = (α−β)/(α+τ) (for α < β
// the mirror image: b = r+x, z_τ = (β−α)/(β+τ)), the second term is
// ln s − ln a + ln(e^P₁ − e^P₂) with P_τ = ln ₂F₁(a, b; a+1; z_τ) − a ln(α+τ)
// at τ = tₓ, T; the derivatives of ₂F₁ in a, b and z come with its series
// ([hyp2f1A1Grad]) and the rest is the chain rule.
func (m ParetoNBD) llGrad(c Customer, tR riseTable, lnA, lnB float64, g *[4]float64) (_ float64, ok bool) {
	r, al, s, be, x := m.R, m.Alpha, m.S, m.Beta, c.X
	lg, dg := tR.at(int(x))
	rx := r + x
	lAT, lBT := math.Log(al+c.T), math.Log(be+c.T)
	k := lg + r*lnA + s*lnB
	dk := [4]float64{dg + lnA, r / al, lnB, s / be}
	ta := -rx*lAT - s*lBT
	dta := [4]float64{-lAT, -rx / (al + c.T), -lBT, -s / (be + c.T)}
	if !(c.T > c.Tx) { // no second term
		for j := range g {
			g[j] = dk[j] + dta[j]
		}
		return k + ta, true
	}
	a := r + s + x
	big, small, b := al, be, s+1
	iBig, iSmall, iB := 1, 3, 2 // the parameters that big, small and b are
	if al < be {
		big, small, b = be, al, rx
		iBig, iSmall, iB = 3, 1, 0
	}
	d := big - small
	if a >= 200 || b >= 200 || d/(big+c.Tx) >= 0.95 {
		return 0, false
	}
	part := func(tau float64) (p float64, dp [4]float64, ok bool) {
		bt := big + tau
		f, fa, fb, fz, ok := hyp2f1A1Grad(a, b, d/bt)
		if !ok || !(f > 0) {
			return 0, dp, false
		}
		lbt := math.Log(bt)
		ga := fa/f - lbt // ∂P/∂a; a = r+s+x
		dp[0] += ga
		dp[2] += ga
		dp[iB] += fb / f
		gz := fz / f // ∂z/∂big = 1/bt − d/bt², ∂z/∂small = −1/bt
		dp[iBig] += gz*(1/bt-d/(bt*bt)) - a/bt
		dp[iSmall] -= gz / bt
		return math.Log(f) - a*lbt, dp, true
	}
	p1, dp1, ok1 := part(c.Tx)
	p2, dp2, ok2 := part(c.T)
	// The closed form's region, as in pnbdA0With.
	if !ok1 || !ok2 || math.IsInf(p1, 0) || math.IsNaN(p1-p2) || !(p1-p2 > 1e-4*math.Max(1, math.Abs(p1))) {
		return 0, false
	}
	q := math.Exp(p2 - p1)
	oneMinusQ := -math.Expm1(p2 - p1)
	tb := math.Log(s/a) + p1 + math.Log(oneMinusQ)
	var dtb [4]float64
	for j := range dtb {
		dtb[j] = (dp1[j] - q*dp2[j]) / oneMinusQ
	}
	dtb[0] -= 1 / a
	dtb[2] += 1/s - 1/a
	l := logSumExp(ta, tb)
	wa, wb := math.Exp(ta-l), math.Exp(tb-l)
	for j := range g {
		g[j] = dk[j] + wa*dta[j] + wb*dtb[j]
	}
	return k + l, true
}

// llGradNumeric writes into g the gradient of customer c's log-likelihood
// by central differences with relative steps of 6e-6 (about the cube root
// of the float64 epsilon), for the customers [ParetoNBD.llGrad] leaves out.
func (m ParetoNBD) llGradNumeric(c Customer, g *[4]float64) {
	th := [4]float64{m.R, m.Alpha, m.S, m.Beta}
	for j := range th {
		h := 6e-6 * th[j]
		up, dn := th, th
		up[j] += h
		dn[j] -= h
		g[j] = (ParetoNBD{up[0], up[1], up[2], up[3]}.ll(c) - ParetoNBD{dn[0], dn[1], dn[2], dn[3]}.ll(c)) / (up[j] - dn[j])
	}
}

// hyp2f1A1Grad returns F = ₂F₁(a, b; a+1; z) and its derivatives in a, b
// and z for a, b > 0 and 0 ≤ z < 0.95 by the Gauss series, ok false
// outside that range or when the series needs more than 2,000 terms (near
// z = 0.95 it takes about 800: all its terms are positive, so the sum loses
// no digits however many it takes). With
// tₖ = a/(a+k)·(b)ₖ/k!·zᵏ, ∂tₖ/∂a = tₖ·(1/a − 1/(a+k)), ∂tₖ/∂b =
// tₖ·Σ_{j<k} 1/(b+j) and ∂tₖ/∂z = k·tₖ/z; every sum has positive terms,
// and the summation stops when a geometric bound on each rest is below
// 1e-16 of its sum.
func hyp2f1A1Grad(a, b, z float64) (f, fa, fb, fz float64, ok bool) {
	if !(z >= 0 && z < 0.95) {
		return 0, 0, 0, 0, false
	}
	if z == 0 {
		return 1, 0, 0, a * b / (a + 1), true
	}
	term, bk := 1.0, 0.0
	f = 1
	var sk float64 // Σ k·tₖ
	for k := 0; k < 2000; k++ {
		fk := float64(k)
		term *= (a + fk) * (b + fk) / ((a + fk + 1) * (fk + 1)) * z // t_{k+1}
		bk += 1 / (b + fk)                                          // Σ_{j≤k} 1/(b+j)
		ak := 1/a - 1/(a+fk+1)
		f += term
		fa += term * ak
		fb += term * bk
		sk += (fk + 1) * term
		if term > 1e-17*f {
			continue
		}
		// Later ratios are below r (see gaussSeries); a weight φⱼ growing by
		// at most c per step leaves a rest below tₖ·(φₖ·r/(1−r) + c·r/(1−r)²).
		r := z * max(1, (b+fk+1)/(fk+2))
		if r >= 1 {
			continue
		}
		g1, g2 := r/(1-r), r/((1-r)*(1-r))
		if term*g1 < 1e-17*f && term*(1/a)*g1 < 1e-16*fa &&
			term*(bk*g1+g2/(b+fk+1)) < 1e-16*fb && term*((fk+1)*g1+g2) < 1e-16*sk {
			return f, fa, fb, sk / z, true
		}
	}
	return 0, 0, 0, 0, false
}
