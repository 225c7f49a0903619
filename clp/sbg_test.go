package clp

import (
	"encoding/csv"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// readSurvivors reads ../shared/data/sbg_retention_survivors.csv, skipping
// the test when the file is absent (users do not have it).
func readSurvivors(t *testing.T) (regular, highend []float64) {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "sbg_retention_survivors.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("reference data not available: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		reg, err1 := strconv.ParseFloat(r[1], 64)
		hi, err2 := strconv.ParseFloat(r[2], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad row %v", r)
		}
		regular, highend = append(regular, reg), append(highend, hi)
	}
	return regular, highend
}

// TestSBGPublished reproduces Fader & Hardie (2007): fitted on years 0–7,
// regular customers α = 0.704, β = 1.182 (LL −1680.3); high-end customers
// α = 0.668, β = 3.806 (LL −1611.2).
func TestSBGPublished(t *testing.T) {
	regular, highend := readSurvivors(t)
	tests := []struct {
		name        string
		survivors   []float64
		alpha, beta float64
		ll          float64
	}{
		{"regular", regular[:8], 0.704, 1.182, -1680.3},
		{"high end", highend[:8], 0.668, 3.806, -1611.2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := FitSBG(tt.survivors, nil)
			if err != nil {
				t.Fatal(err)
			}
			if math.Round(m.Alpha*1000)/1000 != tt.alpha || math.Round(m.Beta*1000)/1000 != tt.beta {
				t.Errorf("FitSBG() = α %.4f β %.4f, want %.3f %.3f", m.Alpha, m.Beta, tt.alpha, tt.beta)
			}
			if ll := m.LogLikelihood(tt.survivors); math.Round(ll*10)/10 != tt.ll {
				t.Errorf("LogLikelihood() = %.2f, want %.1f", ll, tt.ll)
			}
			// The paper's point: the fit projects the held-out years 8–12
			// within a few customers (5 % of survivors at most).
			all := regular
			if tt.name == "high end" {
				all = highend
			}
			proj := m.Project(all[0], 12)
			for y := 8; y <= 12; y++ {
				if rel := math.Abs(proj[y]-all[y]) / all[y]; rel > 0.05 {
					t.Errorf("year %d: projected %.1f, actual %.0f", y, proj[y], all[y])
				}
			}
		})
	}
}

// TestSBGRecovery simulates a cohort from known parameters with a fixed
// seed and recovers them: the check that runs everywhere.
func TestSBGRecovery(t *testing.T) {
	for _, truth := range []SBG{{0.7, 1.2}, {0.67, 3.8}, {2.5, 6}} {
		survivors := truth.Simulate(100_000, 8, rand.NewPCG(7, uint64(truth.Alpha*100)))
		m, err := FitSBG(survivors, nil)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(m.Alpha/truth.Alpha-1) > 0.08 || math.Abs(m.Beta/truth.Beta-1) > 0.08 {
			t.Errorf("fit of %+v = %+v", truth, m)
		}
		again := truth.Simulate(100_000, 8, rand.NewPCG(7, uint64(truth.Alpha*100)))
		for k := range again {
			if again[k] != survivors[k] {
				t.Fatal("simulation with the same seed differs")
			}
		}
	}
}

func TestSBGCurves(t *testing.T) {
	m := SBG{Alpha: 0.704, Beta: 1.182}
	s := 1.0
	for tt := 1; tt <= 20; tt++ {
		p := m.Churn(tt)
		s -= p
		if math.Abs(s-m.Survival(tt)) > 1e-12 {
			t.Fatalf("1 − Σ churn = %v, Survival(%d) = %v", s, tt, m.Survival(tt))
		}
		if r := m.Survival(tt) / m.Survival(tt-1); math.Abs(r-m.RetentionRate(tt)) > 1e-12 {
			t.Fatalf("retention rate %d: %v vs %v", tt, m.RetentionRate(tt), r)
		}
		if tt > 1 && m.RetentionRate(tt) <= m.RetentionRate(tt-1) {
			t.Fatal("retention rates do not rise")
		}
	}
	if m.Churn(0) != 0 || m.Survival(0) != 1 || m.RetentionRate(0) != 1 {
		t.Error("period zero")
	}
	// DERL closed form against the sum it stands for.
	for _, d := range []float64{0.1, 0.01, 0.5} {
		for _, n := range []int{0, 1, 4, 10} {
			got, err := m.DERL(d, n)
			if err != nil {
				t.Fatal(err)
			}
			var want float64
			v := 1.0
			for k := 1; k < 20000; k++ {
				want += m.Survival(n+k) / m.Survival(n) * v
				v /= 1 + d
			}
			if math.Abs(got-want) > 1e-8*want {
				t.Errorf("DERL(%v, %d) = %v, sum %v", d, n, got, want)
			}
		}
	}
	if _, err := m.DERL(0, 0); !errors.Is(err, ErrInvalidDiscount) {
		t.Errorf("DERL(0) = %v", err)
	}
	if _, err := m.DERL(0.1, -1); !errors.Is(err, ErrInvalidData) {
		t.Errorf("DERL(n = −1) = %v", err)
	}
}

func TestFitSBGErrors(t *testing.T) {
	tests := []struct {
		name string
		s    []float64
		opt  *FitOptions
		want error
	}{
		{"one period", []float64{100}, nil, ErrInvalidData},
		{"rising", []float64{100, 90, 95}, nil, ErrInvalidData},
		{"negative", []float64{100, -1}, nil, ErrInvalidData},
		{"NaN", []float64{100, math.NaN()}, nil, ErrInvalidData},
		{"empty cohort", []float64{0, 0}, nil, ErrInvalidData},
		{"bad penalty", []float64{100, 50}, &FitOptions{Penalty: -1}, ErrInvalidRate},
		{"no churn: no maximum", []float64{100, 100, 100}, nil, ErrNoConvergence},
		{"all churn at once", []float64{100, 0, 0}, nil, ErrNoConvergence},
		{"too few iterations", []float64{1000, 631, 468, 382}, &FitOptions{MaxIterations: 1}, ErrNoConvergence},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if m, err := FitSBG(tt.s, tt.opt); !errors.Is(err, tt.want) {
				t.Errorf("FitSBG() = %+v, %v; want %v", m, err, tt.want)
			}
		})
	}
	// A penalty keeps the no-churn cohort finite.
	m, err := FitSBG([]float64{100, 100, 100}, &FitOptions{Penalty: 0.01})
	if err != nil || math.IsInf(m.Beta, 0) {
		t.Errorf("penalised fit = %+v, %v", m, err)
	}
}

// TestSBGGradient checks the analytic gradient against central differences.
func TestSBGGradient(t *testing.T) {
	s := []float64{1000, 700, 560, 480, 425, 385, 355, 330}
	for _, m := range []SBG{{0.5, 1.3}, {2, 7}, {0.9, 0.4}} {
		ga, gb := sbgGradient(m.Alpha, m.Beta, s)
		h := 1e-6
		na := (SBG{m.Alpha + h, m.Beta}.LogLikelihood(s) - SBG{m.Alpha - h, m.Beta}.LogLikelihood(s)) / (2 * h)
		nb := (SBG{m.Alpha, m.Beta + h}.LogLikelihood(s) - SBG{m.Alpha, m.Beta - h}.LogLikelihood(s)) / (2 * h)
		if math.Abs(ga-na) > 1e-4*math.Max(1, math.Abs(na)) || math.Abs(gb-nb) > 1e-4*math.Max(1, math.Abs(nb)) {
			t.Errorf("%+v: gradient (%v, %v), numeric (%v, %v)", m, ga, gb, na, nb)
		}
	}
}

// sBG had no standard errors. The asymptotic ones agree with the spread of
// the estimates over simulated cohorts of the same size.
func TestSBGStandardErrors(t *testing.T) {
	truth := SBG{Alpha: 0.668, Beta: 3.806}
	src := rand.NewPCG(21, 22)
	var as, bs []float64
	var se []float64
	for k := range 200 {
		cohort := truth.Simulate(1000, 7, src)
		m, err := FitSBG(cohort, nil)
		if err != nil {
			t.Fatal(err)
		}
		as, bs = append(as, m.Alpha), append(bs, m.Beta)
		if k == 0 {
			if se, err = truth.StandardErrors(cohort); err != nil || len(se) != 2 {
				t.Fatalf("standard errors %v, %v", se, err)
			}
		}
	}
	sd := func(xs []float64) float64 { _, s := meanSD(xs); return s }
	if r := sd(as) / se[0]; r < 0.75 || r > 1.35 {
		t.Errorf("α: spread %v, standard error %v", sd(as), se[0])
	}
	if r := sd(bs) / se[1]; r < 0.75 || r > 1.35 {
		t.Errorf("β: spread %v, standard error %v", sd(bs), se[1])
	}
	if _, err := (SBG{Alpha: -1, Beta: 1}).StandardErrors([]float64{1000, 600}); !errors.Is(err, ErrInvalidData) {
		t.Errorf("negative α: %v", err)
	}
	if _, err := truth.StandardErrors([]float64{1000, 1200}); !errors.Is(err, ErrInvalidData) {
		t.Errorf("rising survivors: %v", err)
	}
}

// TestGammaGammaGradient checks the analytic gradient of the Gamma-Gamma
// fit against central differences of the log-likelihood.
func TestGammaGammaGradient(t *testing.T) {
	ws := []weighted{{c: Customer{X: 1, Tx: 20}, w: 3}, {c: Customer{X: 4, Tx: 35.5}, w: 1}, {c: Customer{X: 4, Tx: 61}, w: 0.5}, {c: Customer{X: 12, Tx: 8.25}, w: 2}}
	ggPass := newGGData(ws).pass
	for _, th := range [][]float64{{6.25, 3.74, 15.44}, {0.5, 1.2, 3}, {40, 20, 200}} {
		grad := make([]float64, 3)
		ggPass(th, grad)
		for j := range th {
			h := 1e-6 * th[j]
			up, dn := slices.Clone(th), slices.Clone(th)
			up[j] += h
			dn[j] -= h
			num := (ggPass(up, nil) - ggPass(dn, nil)) / (2 * h)
			if math.Abs(grad[j]-num) > 1e-5*math.Max(1, math.Abs(num)) {
				t.Errorf("θ %v: ∂/∂θ%d = %v, numeric %v", th, j, grad[j], num)
			}
		}
	}
}

// TestGammaGammaPassSumsEachBuyer checks the fit's pass, which sums its
// terms per distinct count and per fit, against Σ w·ggLL buyer by buyer,
// on a sample large enough to be summed in chunks, with and without the
// gradient.
func TestGammaGammaPassSumsEachBuyer(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 11))
	ws := make([]weighted, 30_000)
	for i := range ws {
		ws[i] = weighted{c: Customer{X: float64(1 + rng.IntN(40)), Tx: math.Exp(3 + rng.NormFloat64())}, w: float64(1 + rng.IntN(3))}
	}
	slices.SortFunc(ws, compareSummaries)
	d := newGGData(ws)
	for _, th := range [][]float64{{6.25, 3.74, 15.44}, {0.5, 1.2, 3}, {40, 20, 200}} {
		var want float64
		for _, w := range ws {
			want += w.w * ggLL(th[0], th[1], th[2], w.c.X, w.c.Tx)
		}
		grad := make([]float64, 3)
		for _, got := range []float64{d.pass(th, nil), d.pass(th, grad)} {
			if math.Abs(got-want) > 1e-11*math.Abs(want) {
				t.Errorf("θ %v: pass %v, buyer by buyer %v", th, got, want)
			}
		}
	}
}

// meanSD returns the mean and the sample standard deviation of xs.
func meanSD(xs []float64) (mean, sd float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var v float64
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(v / float64(len(xs)-1))
}
