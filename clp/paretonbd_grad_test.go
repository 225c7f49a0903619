package clp

import (
	"math"
	"math/rand/v2"
	"testing"
)

// richardson returns the derivative of f at x by central differences at
// steps h and h/2 combined by Richardson extrapolation (error O(h⁴)).
func richardson(f func(float64) float64, x, h float64) float64 {
	d := func(h float64) float64 { return (f(x+h) - f(x-h)) / (2 * h) }
	return (4*d(h/2) - d(h)) / 3
}

// TestParetoNBDGradient checks the analytic gradient of each customer's
// log-likelihood against extrapolated central differences of
// [ParetoNBD.ll] over random parameters (α above, below and equal to β) and
// customers, and that it agrees with the value the fit's other passes use.
func TestParetoNBDGradient(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 10))
	logU := func(lo, hi float64) float64 { return math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo))) }
	analytic, checked := 0, 0
	for i := range 3000 {
		m := ParetoNBD{logU(0.05, 20), logU(0.5, 50), logU(0.05, 20), logU(0.5, 50)}
		if i%10 == 0 {
			m.Beta = m.Alpha
		}
		T := logU(1, 100)
		c := Customer{X: float64(r.IntN(40)), T: T}
		if c.X > 0 {
			c.Tx = T * r.Float64()
			if i%7 == 0 {
				c.Tx = T
			}
		}
		var g [4]float64
		l, ok := m.llGrad(c, lnTables(m.R, 40), math.Log(m.Alpha), math.Log(m.Beta), &g)
		if !ok {
			continue
		}
		analytic++
		if want := m.ll(c); math.Abs(l-want) > 1e-10*math.Max(1, math.Abs(want)) {
			t.Fatalf("%+v %+v: llGrad value %v, ll %v", m, c, l, want)
		}
		th := [4]float64{m.R, m.Alpha, m.S, m.Beta}
		for j := range th {
			f := func(v float64) float64 {
				p := th
				p[j] = v
				return ParetoNBD{p[0], p[1], p[2], p[3]}.ll(c)
			}
			h := 1e-3 * th[j]
			if j == 1 || j == 3 {
				// α = β is where the closed form changes sides; stay on one.
				h = math.Min(h, 0.25*math.Max(math.Abs(m.Alpha-m.Beta), 1e-6*th[j]))
			}
			want := richardson(f, th[j], h)
			if math.Abs(g[j]-want) > 1e-6*math.Max(1, math.Abs(want)) {
				t.Fatalf("%+v %+v: ∂ll/∂θ%d = %.12g, differences %.12g", m, c, j, g[j], want)
			}
			checked++
		}
	}
	if analytic < 2500 {
		t.Fatalf("only %d of 3000 customers took the analytic gradient", analytic)
	}
	t.Logf("%d customers, %d derivatives checked", analytic, checked)
}

// TestParetoNBDGradientFallback checks that a customer outside the closed
// form's region is left to central differences, and that the pass's
// gradient is then still the derivative of its value.
func TestParetoNBDGradientFallback(t *testing.T) {
	m := ParetoNBD{R: 0.55, Alpha: 10.5, S: 0.66, Beta: 13.2}
	c := Customer{X: 250, Tx: 30, T: 39} // r+s+x ≥ 200: the integral route
	var g [4]float64
	if _, ok := m.llGrad(c, lnTables(m.R, 250), math.Log(m.Alpha), math.Log(m.Beta), &g); ok {
		t.Fatal("llGrad took the closed form at r+s+x ≥ 200")
	}
	ws := []weighted{{c: c, w: 2}}
	grad := make([]float64, 4)
	v := pnbdPass([]float64{m.R, m.Alpha, m.S, m.Beta}, ws, 250, grad)
	if want := 2 * m.ll(c); v != want {
		t.Fatalf("pass value %v, want %v", v, want)
	}
	th := [4]float64{m.R, m.Alpha, m.S, m.Beta}
	for j := range th {
		f := func(x float64) float64 {
			p := th
			p[j] = x
			return 2 * ParetoNBD{p[0], p[1], p[2], p[3]}.ll(c)
		}
		if want := richardson(f, th[j], 1e-3*th[j]); math.Abs(grad[j]-want) > 1e-5*math.Max(1, math.Abs(want)) {
			t.Fatalf("∂/∂θ%d = %v, want %v", j, grad[j], want)
		}
	}
}

// TestHyp2f1A1Grad checks the series' value against hyp2f1A1 and its
// derivatives against extrapolated differences.
func TestHyp2f1A1Grad(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 1))
	for range 2000 {
		a, b, z := math.Exp(r.Float64()*10-3), math.Exp(r.Float64()*10-3), 0.94*r.Float64()
		if a >= 200 || b >= 200 {
			continue
		}
		f, fa, fb, fz, ok := hyp2f1A1Grad(a, b, z)
		if !ok {
			continue
		}
		if want := hyp2f1A1(a, b, z); math.Abs(f-want) > 1e-12*want {
			t.Fatalf("F(%v, %v, %v) = %v, hyp2f1A1 %v", a, b, z, f, want)
		}
		for _, c := range []struct {
			name    string
			got, at float64
			f       func(float64) float64
		}{
			{"a", fa, a, func(v float64) float64 { return hyp2f1A1(v, b, z) }},
			{"b", fb, b, func(v float64) float64 { return hyp2f1A1(a, v, z) }},
			{"z", fz, z, func(v float64) float64 { return hyp2f1A1(a, b, v) }},
		} {
			h := 1e-3 * c.at / (1 + c.at*-math.Log1p(-z)) // F grows like (1−z)^−b
			if c.name == "z" {
				h = math.Min(1e-3*math.Min(1, (1-z)/b), 0.4*z+1e-9) // F grows like (1−z)^−b
			}
			if want := richardson(c.f, c.at, h); math.Abs(c.got-want) > 1e-7*math.Max(f, math.Abs(want)) {
				t.Fatalf("∂F/∂%s at (%v, %v, %v) = %v, differences %v", c.name, a, b, z, c.got, want)
			}
		}
	}
}

// hyp2f1A1 returns ₂F₁(a, b; a+1; z), the form the Pareto/NBD likelihood
// takes, by [hyp2f1] (its Gauss series below z = 0.9): the reference of
// hyp2f1A1Grad's value and derivatives.
func hyp2f1A1(a, b, z float64) float64 { return hyp2f1(a, b, a+1, z) }
