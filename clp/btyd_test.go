package clp

import (
	"encoding/csv"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"gonum.org/v1/gonum/stat/distuv"
)

// sharedData opens a file of ../shared/data, skipping the test when it is
// absent (users do not have it).
func sharedData(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "shared", "data", name))
	if err != nil {
		t.Skipf("reference data not available: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// cdnowCBS reads the CDNOW sample's calibration summaries at full precision
// and the exact mean repeat spend.
func cdnowCBS(t testing.TB) (cs []Customer, meanSpend []float64) {
	recs, err := csv.NewReader(sharedData(t, "cdnow_sample_cbs_cal39w_holdout39w.csv")).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, r := range recs[1:] {
		cs = append(cs, Customer{X: num(r[2]), Tx: num(r[3]), T: num(r[4])})
		meanSpend = append(meanSpend, num(r[5]))
	}
	return cs, meanSpend
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// TestPublishedFits reproduces the published fits on the CDNOW sample and
// the donation data (Fader, Hardie & Lee 2005; Fader & Hardie's Pareto/NBD
// note; Fader, Hardie & Shang 2010), to three decimals and the
// log-likelihood to two.
func TestPublishedFits(t *testing.T) {
	t.Run("BG/NBD", func(t *testing.T) {
		cs, _ := cdnowCBS(t)
		m, err := FitBGNBD(cs, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := [4]float64{round3(m.R), round3(m.Alpha), round3(m.A), round3(m.B)}
		if got != [4]float64{0.243, 4.414, 0.793, 2.426} {
			t.Errorf("FitBGNBD() = %+v", m)
		}
		if ll := math.Round(m.LogLikelihood(cs)*100) / 100; ll != -9582.43 {
			t.Errorf("log-likelihood %v, want -9582.43", ll)
		}
		se, err := m.StandardErrors(cs)
		if err != nil {
			t.Fatal(err)
		}
		// BTYD reports 0.0125, 0.378, 0.186, 0.706.
		for j, want := range []float64{0.0125, 0.378, 0.186, 0.706} {
			if math.Abs(se[j]-want) > 0.002*math.Max(1, want*10) {
				t.Errorf("standard error %d = %v, want about %v", j, se[j], want)
			}
		}
	})
	t.Run("Pareto/NBD", func(t *testing.T) {
		cs, _ := cdnowCBS(t)
		m, err := FitParetoNBD(cs, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := [4]float64{round3(m.R), round3(m.Alpha), round3(m.S), round3(m.Beta)}
		if got != [4]float64{0.553, 10.578, 0.606, 11.669} {
			t.Errorf("FitParetoNBD() = %+v", m)
		}
		if ll := math.Round(m.LogLikelihood(cs)*100) / 100; ll != -9594.98 {
			t.Errorf("log-likelihood %v, want -9594.98", ll)
		}
		se, err := m.StandardErrors(cs)
		if err != nil || len(se) != 4 || se[0] <= 0 || se[0] > 0.1 {
			t.Errorf("standard errors %v, %v", se, err)
		}
	})
	t.Run("Gamma-Gamma", func(t *testing.T) {
		cs, ms := cdnowCBS(t)
		var x, m []float64
		for i, c := range cs {
			if c.X > 0 {
				x, m = append(x, c.X), append(m, ms[i])
			}
		}
		if len(x) != 946 {
			t.Fatalf("%d repeat buyers, want 946", len(x))
		}
		gg, err := FitGammaGamma(x, m, nil)
		if err != nil {
			t.Fatal(err)
		}
		if math.Round(gg.P*100)/100 != 6.25 || math.Round(gg.Q*100)/100 != 3.74 || math.Round(gg.Gamma*100)/100 != 15.44 {
			t.Errorf("FitGammaGamma() = %+v", gg)
		}
		if ll := math.Round(gg.LogLikelihood(x, m)*100) / 100; ll != -4055.92 {
			t.Errorf("log-likelihood %v, want -4055.92", ll)
		}
		if se, err := gg.StandardErrors(x, m); err != nil || len(se) != 3 || se[0] <= 0 {
			t.Errorf("standard errors %v, %v", se, err)
		}
	})
	t.Run("BG/BB", func(t *testing.T) {
		recs, err := csv.NewReader(sharedData(t, "donations_bgbb_rf_summary.csv")).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var cs []Customer
		var w []float64
		for _, r := range recs[1:] {
			v := make([]float64, 4)
			for k := range v {
				v[k], _ = strconv.ParseFloat(r[k], 64)
			}
			cs = append(cs, Customer{X: v[0], Tx: v[1], T: v[2]})
			w = append(w, v[3])
		}
		m, err := FitBGBB(cs, &FitOptions{Weights: w})
		if err != nil {
			t.Fatal(err)
		}
		got := [4]float64{round3(m.Alpha), round3(m.Beta), round3(m.Gamma), round3(m.Delta)}
		if got != [4]float64{1.204, 0.750, 0.657, 2.783} {
			t.Errorf("FitBGBB() = %+v", m)
		}
		var ll float64
		for i, c := range cs {
			ll += w[i] * bgbbLL(m, c)
		}
		if math.Round(ll*100)/100 != -33225.58 {
			t.Errorf("log-likelihood %v, want -33225.58", ll)
		}
		if se, err := m.StandardErrors(cs, w); err != nil || len(se) != 4 || se[0] <= 0 || se[0] > 0.2 {
			t.Errorf("standard errors %v, %v", se, err)
		}
		// The weights as data give the same fit; weights in both places
		// are refused.
		if mw, err := FitBGBBWeighted(cs, w, nil); err != nil || mw != m {
			t.Errorf("FitBGBBWeighted = %+v, %v; want %+v", mw, err, m)
		}
		if _, err := FitBGBBWeighted(cs, w, &FitOptions{Weights: w}); !errors.Is(err, ErrInvalidData) {
			t.Errorf("weights twice: %v", err)
		}
	})
}

// TestRecovery simulates customers from known parameters with a fixed seed
// and recovers them: the checks that run everywhere.
func TestRecovery(t *testing.T) {
	close := func(name string, got, want []float64, tol float64) {
		t.Helper()
		for j := range got {
			if math.Abs(got[j]/want[j]-1) > tol {
				t.Errorf("%s: fitted %v, true %v", name, got, want)
				return
			}
		}
	}
	bg := BGNBD{0.25, 4, 0.8, 2.5}
	cs := bg.Simulate(40000, 39, 1.0/7, rand.NewPCG(1, 1))
	if m, err := FitBGNBD(cs, nil); err != nil {
		t.Error(err)
	} else {
		close("BG/NBD", []float64{m.R, m.Alpha, m.A, m.B}, []float64{bg.R, bg.Alpha, bg.A, bg.B}, 0.12)
	}
	mb := MBGNBD{0.5, 6, 0.9, 1.6}
	mbs := mb.Simulate(40000, 39, 1.0/7, rand.NewPCG(2, 2))
	if m, err := FitMBGNBD(mbs, nil); err != nil {
		t.Error(err)
	} else {
		if se, err := m.StandardErrors(mbs); err != nil || se[0] <= 0 {
			t.Errorf("MBG/NBD standard errors %v, %v", se, err)
		}
		close("MBG/NBD", []float64{m.R, m.Alpha, m.A, m.B}, []float64{mb.R, mb.Alpha, mb.A, mb.B}, 0.15)
	}
	pn := ParetoNBD{0.55, 10.5, 0.6, 11.7}
	if m, err := FitParetoNBD(pn.Simulate(20000, 39, 1.0/7, rand.NewPCG(3, 3)), nil); err != nil {
		t.Error(err)
	} else {
		close("Pareto/NBD", []float64{m.R, m.Alpha}, []float64{pn.R, pn.Alpha}, 0.12)
		if m.S <= 0.3 || m.S > 1.2 {
			t.Errorf("Pareto/NBD s = %v, true 0.6", m.S)
		}
	}
	bb := BGBB{1.2, 0.75, 0.66, 2.8}
	if m, err := FitBGBB(bb.Simulate(30000, 6, rand.NewPCG(4, 4)), nil); err != nil {
		t.Error(err)
	} else {
		close("BG/BB", []float64{m.Alpha, m.Beta, m.Gamma, m.Delta}, []float64{bb.Alpha, bb.Beta, bb.Gamma, bb.Delta}, 0.15)
	}
	gg := GammaGamma{6.25, 3.74, 15.44}
	x := make([]float64, 20000)
	for i := range x {
		x[i] = float64(1 + i%7)
	}
	if m, err := FitGammaGamma(x, gg.Simulate(x, rand.NewPCG(5, 5)), nil); err != nil {
		t.Error(err)
	} else {
		// The mean spend pγ/(q−1) is identified well; p, q and γ less so.
		mean, _ := m.MeanSpend()
		want, _ := gg.MeanSpend()
		close("Gamma-Gamma", []float64{mean, m.P}, []float64{want, gg.P}, 0.25)
	}
	// Same seed, same customers.
	again := bg.Simulate(40000, 39, 1.0/7, rand.NewPCG(1, 1))
	for i := range cs {
		if cs[i] != again[i] {
			t.Fatal("simulation with the same seed differs")
		}
	}
}

// TestPredictionIdentities checks that probabilities sum to one and their
// mean is the expectation, for every model.
func TestPredictionIdentities(t *testing.T) {
	type model interface {
		ExpectedPurchases(t float64) float64
		ProbPurchases(n int, t float64) float64
	}
	for name, m := range map[string]model{
		"BG/NBD":     BGNBD{0.243, 4.414, 0.793, 2.426},
		"MBG/NBD":    MBGNBD{0.525, 6.183, 0.891, 1.614},
		"Pareto/NBD": ParetoNBD{0.553, 10.578, 0.606, 11.669},
		"BG/BB":      BGBB{1.204, 0.750, 0.657, 2.783},
	} {
		for _, tt := range []float64{1, 6, 39, 78} {
			var s, mean float64
			for n := range 400 {
				p := m.ProbPurchases(n, tt)
				if p < 0 || math.IsNaN(p) {
					t.Fatalf("%s P(X(%v)=%d) = %v", name, tt, n, p)
				}
				s += p
				mean += float64(n) * p
			}
			if math.Abs(s-1) > 1e-6 || math.Abs(mean-m.ExpectedPurchases(tt)) > 1e-5*math.Max(1, mean) {
				t.Errorf("%s t=%v: Σ P = %v, Σ n·P = %v, E = %v", name, tt, s, mean, m.ExpectedPurchases(tt))
			}
		}
	}
}

// TestPAliveMonotone: a later last purchase means a likelier alive
// customer, and more purchases at the same recency a less likely one.
func TestPredictAgrees(t *testing.T) {
	type predictor interface {
		TransactionModel
		Predict(t float64, c Customer) (float64, float64)
	}
	for name, m := range map[string]predictor{
		"BG/NBD":     BGNBD{0.243, 4.414, 0.793, 2.426},
		"MBG/NBD":    MBGNBD{0.525, 6.183, 0.891, 1.614},
		"Pareto/NBD": ParetoNBD{0.553, 10.578, 0.606, 11.669},
	} {
		for _, c := range []Customer{{0, 0, 39}, {2, 30.43, 38.86}, {1000, 10, 100}} {
			p, e := m.Predict(39, c)
			if p != m.PAlive(c) || e != m.ConditionalExpectedPurchases(39, c) {
				t.Errorf("%s %+v: Predict %v %v", name, c, p, e)
			}
		}
	}
}

func TestPAliveMonotone(t *testing.T) {
	for name, m := range map[string]TransactionModel{
		"BG/NBD":     BGNBD{0.243, 4.414, 0.793, 2.426},
		"MBG/NBD":    MBGNBD{0.525, 6.183, 0.891, 1.614},
		"Pareto/NBD": ParetoNBD{0.553, 10.578, 0.606, 11.669},
	} {
		p1, p2, p3 := m.PAlive(Customer{1, 5, 39}), m.PAlive(Customer{1, 20.5, 39}), m.PAlive(Customer{1, 38, 39})
		if !(p1 < p2 && p2 < p3 && p3 <= 1) {
			t.Errorf("%s: P(alive) not increasing in recency: %v %v %v", name, p1, p2, p3)
		}
		if q := m.PAlive(Customer{5, 5, 39}); q >= p1 {
			t.Errorf("%s: 5 purchases by week 5 (%v) not less alive than 1 (%v)", name, q, p1)
		}
	}
}

func TestRobustness(t *testing.T) {
	heavy := Customer{X: 1000, Tx: 10, T: 100}
	models := map[string]TransactionModel{
		"BG/NBD":     BGNBD{0.243, 4.414, 0.793, 2.426},
		"MBG/NBD":    MBGNBD{0.525, 6.183, 0.891, 1.614},
		"Pareto/NBD": ParetoNBD{0.553, 10.578, 0.606, 11.669},
		"tiny":       BGNBD{1e-6, 1e-6, 1e-6, 1e-6},
		"huge":       BGNBD{1e6, 1e6, 1e6, 1e6},
		"tiny PNBD":  ParetoNBD{1e-4, 1e-4, 1e-4, 1e-4},
		"huge PNBD":  ParetoNBD{1e4, 1e4, 1e4, 1e4},
	}
	for name, m := range models {
		for _, c := range []Customer{heavy, {0, 0, 39}, {1, 0.5, 39}, {29, 38.9, 39}, {3, 39, 39}} {
			p := m.PAlive(c)
			e := m.ConditionalExpectedPurchases(39, c)
			if math.IsNaN(p) || math.IsInf(p, 0) || p < 0 || p > 1 || math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
				t.Errorf("%s %+v: P(alive) %v, E %v", name, c, p, e)
			}
		}
		if p := m.PAlive(heavy); (name == "BG/NBD" || name == "Pareto/NBD" || name == "MBG/NBD") && p > 1e-10 {
			t.Errorf("%s: P(alive) of (1000, 10, 100) = %v, want ≈ 0", name, p)
		}
	}
	for _, tt := range []float64{0, -1} {
		if (BGNBD{0.2, 4, 0.8, 2.4}).ExpectedPurchases(tt) != 0 || (ParetoNBD{0.5, 10, 0.6, 11}).ExpectedPurchases(tt) != 0 {
			t.Errorf("ExpectedPurchases(%v) is not zero", tt)
		}
	}
	// A NaN horizon is not a zero one: the answer is NaN, not a silent 0.
	if v := (BGNBD{0.2, 4, 0.8, 2.4}).ExpectedPurchases(math.NaN()); !math.IsNaN(v) {
		t.Errorf("ExpectedPurchases(NaN) = %v, want NaN", v)
	}
	// a = 1 is a removable singularity of the BG/NBD expectation.
	at := BGNBD{0.5, 5, 1, 2}.ExpectedPurchases(20)
	near := BGNBD{0.5, 5, 1 + 1e-4, 2}.ExpectedPurchases(20)
	if math.Abs(at-near) > 1e-3 {
		t.Errorf("E at a = 1: %v, near it %v", at, near)
	}
	if v := (ParetoNBD{0.5, 10, 1, 11}).ExpectedPurchases(10); math.IsNaN(v) || v <= 0 {
		t.Errorf("Pareto/NBD E at s = 1: %v", v)
	}
}

func TestInvalidSummaries(t *testing.T) {
	tests := []struct {
		name string
		c    Customer
		want error
	}{
		{"recency after age", Customer{1, 40, 39}, ErrInvalidData},
		{"negative", Customer{-1, 0, 39}, ErrInvalidData},
		{"fractional count", Customer{1.5, 2, 39}, ErrInvalidData},
		{"repeat at recency 0", Customer{2, 0, 39}, ErrInvalidData},
		{"zero age", Customer{0, 0, 0}, ErrInvalidData},
		{"NaN", Customer{math.NaN(), 0, 39}, ErrNotFinite},
	}
	good := Customer{1, 5, 39}
	for _, tt := range tests {
		cs := []Customer{good, good, tt.c}
		for name, fit := range map[string]func([]Customer) error{
			"BG/NBD":     func(cs []Customer) error { _, err := FitBGNBD(cs, nil); return err },
			"MBG/NBD":    func(cs []Customer) error { _, err := FitMBGNBD(cs, nil); return err },
			"Pareto/NBD": func(cs []Customer) error { _, err := FitParetoNBD(cs, nil); return err },
		} {
			err := fit(cs)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), "customer 2") {
				t.Errorf("%s %s: %v, want %v naming customer 2", name, tt.name, err, tt.want)
			}
		}
	}
	if _, err := FitBGBB([]Customer{{2, 1, 6}}, nil); !errors.Is(err, ErrInvalidData) {
		t.Errorf("BG/BB x > recency: %v", err)
	}
	if _, err := FitBGNBD(nil, nil); !errors.Is(err, ErrInvalidData) {
		t.Errorf("no customers: %v", err)
	}
	if _, err := FitBGNBD([]Customer{good}, &FitOptions{Weights: []float64{1, 2}}); !errors.Is(err, ErrInvalidData) {
		t.Errorf("weights length: %v", err)
	}
	if _, err := FitGammaGamma([]float64{0}, []float64{10}, nil); !errors.Is(err, ErrInvalidData) {
		t.Errorf("Gamma-Gamma x = 0: %v", err)
	}
	// Invalid data gave −Inf, a likelihood value ("impossible data"); it
	// is NaN now, no likelihood at all.
	if v := (BGNBD{1, 1, 1, 1}).LogLikelihood([]Customer{{1, 40, 39}}); !math.IsNaN(v) {
		t.Errorf("LogLikelihood(invalid) = %v", v)
	}
}

func TestWeightsEqualRepetition(t *testing.T) {
	cs := BGNBD{0.3, 5, 0.8, 2.5}.Simulate(3000, 39, 1.0/7, rand.NewPCG(6, 6))
	// Doubling every customer and weighting each by two fit the same.
	double := append(append([]Customer(nil), cs...), cs...)
	w := make([]float64, len(cs))
	for i := range w {
		w[i] = 2
	}
	a, err1 := FitBGNBD(double, nil)
	b, err2 := FitBGNBD(cs, &FitOptions{Weights: w})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if math.Abs(a.R-b.R) > 1e-6 || math.Abs(a.B-b.B) > 1e-5 {
		t.Errorf("duplicated %+v, weighted %+v", a, b)
	}
	// A penalty pulls the parameters towards one.
	p, err := FitBGNBD(cs, &FitOptions{Penalty: 0.1})
	if err != nil || math.Abs(math.Log(p.Alpha)) >= math.Abs(math.Log(a.Alpha)) {
		t.Errorf("penalised %+v, plain %+v, %v", p, a, err)
	}
}

func TestDERTAndValue(t *testing.T) {
	m := ParetoNBD{0.553, 10.578, 0.606, 11.669}
	c := Customer{2, 30.43, 38.86}
	delta := math.Log(1.1) / 52
	dert, err := DERT(m, c, delta)
	if err != nil {
		t.Fatal(err)
	}
	// The period sum with tiny periods over a long horizon converges to it.
	weekly, err := DiscountedTransactions(m, c, 1, 52*400, math.Expm1(delta))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(dert-weekly)/dert > 0.01 {
		t.Errorf("DERT %v, weekly sum %v", dert, weekly)
	}
	gg := GammaGamma{6.25, 3.74, 15.44}
	v, err := LifetimeValue(m, gg, c, 22.35, ValueConfig{Margin: 0.3, CostPerTransaction: 1, PeriodLength: 52.0 / 12, Periods: 12, DiscountRate: 0.01})
	if err != nil || v.Sign() <= 0 {
		t.Errorf("LifetimeValue = %s, %v", v, err)
	}
	vc, err := LifetimeValue(m, gg, c, 22.35, ValueConfig{Margin: 0.3, PeriodLength: 52.0 / 12, DiscountRate: 0.01, Continuous: true})
	if err != nil || !vc.GreaterThan(v) {
		t.Errorf("continuous value %s should exceed the 12-month value %s (%v)", vc, v, err)
	}
	for _, bad := range []error{
		func() error { _, err := DERT(m, c, 0); return err }(),
		func() error { _, err := DiscountedTransactions(m, c, 0, 12, 0.01); return err }(),
		func() error { _, err := DiscountedTransactions(m, c, 1, 12, -1); return err }(),
	} {
		if bad == nil {
			t.Error("invalid argument accepted")
		}
	}
}

// TestSummaries builds summaries from a small log.
func TestSummaries(t *testing.T) {
	day := func(s string) time.Time { v, _ := time.Parse(time.DateOnly, s); return v }
	events := []Event{
		{"A", day("2024-01-01"), decimal.NewFromInt(10)},
		{"A", day("2024-01-01"), decimal.NewFromInt(5)}, // same day: merged
		{"A", day("2024-01-15"), decimal.NewFromInt(20)},
		{"A", day("2024-01-29"), decimal.NewFromInt(40)},
		{"A", day("2024-02-20"), decimal.NewFromInt(7)}, // holdout
		{"B", day("2024-01-29"), decimal.NewFromInt(9)},
		{"C", day("2024-02-06"), decimal.NewFromInt(9)}, // first purchase in holdout: excluded
		{"A", day("2024-04-01"), decimal.NewFromInt(1)}, // after holdout: ignored
	}
	opt := SummaryOptions{CalibrationEnd: day("2024-02-05"), HoldoutEnd: day("2024-03-03")}
	ss, err := Summarize(events, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 {
		t.Fatalf("%d summaries", len(ss))
	}
	a := ss[0]
	if a.ID != "A" || a.X != 2 || a.Tx != 4 || a.T != 5 || a.MeanSpend != 30 || a.TotalSpend != 75 || a.HoldoutX != 1 || a.HoldoutSpend != 7 {
		t.Errorf("A = %+v", a)
	}
	if r, f, m := a.RFM(); r != 1 || f != 3 || m != 25 {
		t.Errorf("RFM = %v %v %v", r, f, m)
	}
	if b := ss[1]; b.X != 0 || b.Tx != 0 || b.T != 1 || b.MeanSpend != 0 {
		t.Errorf("B = %+v", b)
	}
	days, _ := Summarize(events, SummaryOptions{CalibrationEnd: day("2024-02-05"), Unit: Days})
	if days[0].T != 35 || days[0].Tx != 28 {
		t.Errorf("in days: %+v", days[0])
	}
	// Shards merge into the whole, whatever the split.
	r := rand.New(rand.NewPCG(7, 7))
	for range 20 {
		s1, _ := NewSummarizer(opt)
		s2, _ := NewSummarizer(opt)
		for _, e := range events {
			if r.IntN(2) == 0 {
				_ = s1.Add(e)
			} else {
				_ = s2.Add(e)
			}
		}
		if err := s1.Merge(s2); err != nil {
			t.Fatal(err)
		}
		merged := s1.Summaries()
		for i := range ss {
			if merged[i] != ss[i] {
				t.Fatalf("merged %+v, whole %+v", merged[i], ss[i])
			}
		}
	}
	other, _ := NewSummarizer(SummaryOptions{CalibrationEnd: day("2024-02-05")})
	s1, _ := NewSummarizer(opt)
	if err := s1.Merge(other); !errors.Is(err, ErrInvalidData) {
		t.Errorf("merging different options: %v", err)
	}
	for _, bad := range []SummaryOptions{{}, {CalibrationEnd: day("2024-02-04"), HoldoutEnd: day("2024-02-01")}, {CalibrationEnd: day("2024-02-04"), Unit: 9}} {
		if _, err := Summarize(nil, bad); !errors.Is(err, ErrInvalidData) {
			t.Errorf("options %+v: %v", bad, err)
		}
	}
	if _, err := Summarize([]Event{{Time: day("2024-01-01")}}, opt); !errors.Is(err, ErrInvalidData) {
		t.Errorf("event without customer: %v", err)
	}
}

// TestCDNOWSummaries rebuilds the CDNOW sample's summaries from its event
// log: Σx = 2,457 and Σx* = 1,882 (shared data README), customer 1 with x = 2,
// tₓ = 30.43, T = 38.86 and mean spend 22.345.
func TestCDNOWSummaries(t *testing.T) {
	events, err := ReadEvents(sharedData(t, "cdnow_sample_elog.csv"), LogFormat{CustomerColumn: "sampleid", DateColumn: "date", AmountColumn: "sales"})
	if err != nil {
		t.Fatal(err)
	}
	ss, err := Summarize(events, SummaryOptions{
		CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	var x, xs float64
	for _, s := range ss {
		x += s.X
		xs += s.HoldoutX
	}
	if len(ss) != 2357 || x != 2457 || xs != 1882 {
		t.Errorf("%d customers, Σx %v, Σx* %v", len(ss), x, xs)
	}
	cs, ms := cdnowCBS(t)
	byID := map[string]Summary{}
	for _, s := range ss {
		byID[s.ID] = s
	}
	for i, c := range cs {
		s := byID[strconv.Itoa(i+1)]
		if s.X != c.X || math.Abs(s.Tx-c.Tx) > 1e-6 || math.Abs(s.T-c.T) > 1e-6 || math.Abs(s.MeanSpend-ms[i]) > 1e-6 {
			t.Fatalf("customer %d: %+v, BTYD %+v %v", i+1, s, c, ms[i])
		}
	}
}

func TestReadEvents(t *testing.T) {
	const ws = " customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n\n 00002 19970112  1   12.00\n"
	ev, err := ReadEvents(strings.NewReader(ws), LogFormat{CustomerColumn: "customer_id", DateColumn: "date", AmountColumn: "dollar_value", Whitespace: true})
	if err != nil || len(ev) != 2 || ev[1].Customer != "00002" || !ev[1].Amount.Equal(decimal.RequireFromString("12")) {
		t.Fatalf("ReadEvents(whitespace) = %v, %v", ev, err)
	}
	const noHead = "2014-03-08 00:00:00,0\n2014-05-21 00:00:00,1\n"
	ev, err = ReadEvents(strings.NewReader(noHead), LogFormat{NoHeader: true, CustomerIndex: 1, DateIndex: 0, AmountIndex: -1, DateLayout: time.DateTime})
	if err != nil || len(ev) != 2 || !ev[0].Amount.IsZero() || ev[1].Time.Month() != 5 {
		t.Fatalf("ReadEvents(no header) = %v, %v", ev, err)
	}
	tests := []struct {
		name, data string
		line       int
		field      string
	}{
		{"empty", "", 1, ""},
		{"missing column", "id,when\nA,20240101\n", 1, "date"},
		{"bad date", "id,date,amount\nA,20240101,1\nB,2024-01-02,1\n", 3, "date"},
		{"bad amount", "id,date,amount\nA,20240101,x\n", 2, "amount"},
		{"empty customer", "id,date,amount\n,20240101,1\n", 2, "customer"},
		{"short line", "id,date,amount\nA,20240101\n", 2, "amount"},
		{"bad quote", "id,date,amount\n\"A,20240101,1\n", 2, ""},
	}
	for _, tt := range tests {
		_, err := ReadEvents(strings.NewReader(tt.data), LogFormat{CustomerColumn: "id", DateColumn: "date", AmountColumn: "amount"})
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrInvalidData) || pe.Line != tt.line || pe.Field != tt.field {
			t.Errorf("%s: %v, want line %d field %q", tt.name, err, tt.line, tt.field)
		}
	}
}

func FuzzReadEvents(f *testing.F) {
	f.Add("id,date,amount\nA,20240101,10.5\nB,20240103,3\nA,20240101,1\n", false)
	f.Add(" customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n", true)
	f.Add("id,date,amount\nA,20241301,1\n", false)
	f.Fuzz(func(t *testing.T, data string, whitespace bool) {
		format := LogFormat{CustomerColumn: "id", DateColumn: "date", AmountColumn: "amount", Whitespace: whitespace}
		if whitespace {
			format = LogFormat{CustomerColumn: "customer_id", DateColumn: "date", AmountColumn: "dollar_value", Whitespace: true}
		}
		ev, err := ReadEvents(strings.NewReader(data), format)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		for _, e := range ev {
			if e.Customer == "" {
				t.Fatal("event without customer")
			}
		}
	})
}

// FuzzSummarize checks that summaries of any log are valid model inputs and
// that shards merge into the whole.
func FuzzSummarize(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 200, 3, 3, 3})
	f.Add([]byte{0, 0, 0, 0, 255, 255})
	f.Fuzz(func(t *testing.T, data []byte) {
		base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		var events []Event
		for i := 0; i+2 < len(data); i += 3 {
			events = append(events, Event{
				Customer: string(rune('A' + data[i]%5)),
				Time:     base.AddDate(0, 0, int(data[i+1])%120),
				Amount:   decimal.NewFromInt(int64(data[i+2]) - 20),
			})
		}
		opt := SummaryOptions{CalibrationEnd: base.AddDate(0, 0, 60), HoldoutEnd: base.AddDate(0, 0, 100), Unit: TimeUnit(len(data) % 3)}
		ss, err := Summarize(events, opt)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range ss {
			if err := s.Customer.check(i); err != nil && s.T > 0 {
				t.Fatalf("summary %+v invalid: %v", s, err)
			}
		}
		s1, _ := NewSummarizer(opt)
		s2, _ := NewSummarizer(opt)
		for i, e := range events {
			if i%2 == 0 {
				_ = s1.Add(e)
			} else {
				_ = s2.Add(e)
			}
		}
		_ = s2.Merge(s1)
		merged := s2.Summaries()
		if len(merged) != len(ss) {
			t.Fatalf("merged %d summaries, whole %d", len(merged), len(ss))
		}
		for i := range ss {
			if merged[i].Customer != ss[i].Customer || math.Abs(merged[i].TotalSpend-ss[i].TotalSpend) > 1e-9 {
				t.Fatalf("merged %+v, whole %+v", merged[i], ss[i])
			}
		}
	})
}

// TestConditionalBySimulation simulates customers over a calibration and a
// holdout of 39 weeks each and checks that the conditional expectations,
// summed over the calibration summaries, forecast the holdout purchases
// (within 2 %).
func TestConditionalBySimulation(t *testing.T) {
	src := rand.NewPCG(3, 4)
	r := rand.New(src)
	const n = 100_000
	bg := BGNBD{0.243, 4.414, 0.793, 2.426}
	lam := distuv.Gamma{Alpha: bg.R, Beta: bg.Alpha, Src: src}
	pd := distuv.Beta{Alpha: bg.A, Beta: bg.B, Src: src}
	var pred, act float64
	for range n {
		l, p := lam.Rand(), pd.Rand()
		var x, tx, tt, hold float64
		for {
			tt += r.ExpFloat64() / l
			if tt > 78 {
				break
			}
			if tt <= 39 {
				x, tx = x+1, tt
			} else {
				hold++
			}
			if r.Float64() < p {
				break
			}
		}
		pred += bg.ConditionalExpectedPurchases(39, Customer{x, tx, 39})
		act += hold
	}
	if math.Abs(pred/act-1) > 0.02 {
		t.Errorf("BG/NBD forecasts %v holdout purchases, simulation %v", pred, act)
	}
	pn := ParetoNBD{0.553, 10.578, 0.606, 11.669}
	mu := distuv.Gamma{Alpha: pn.S, Beta: pn.Beta, Src: src}
	lam2 := distuv.Gamma{Alpha: pn.R, Beta: pn.Alpha, Src: src}
	pred, act = 0, 0
	for range n {
		l, end := lam2.Rand(), r.ExpFloat64()/mu.Rand()
		var x, tx, tt, hold float64
		for {
			tt += r.ExpFloat64() / l
			if tt > 78 || tt > end {
				break
			}
			if tt <= 39 {
				x, tx = x+1, tt
			} else {
				hold++
			}
		}
		pred += pn.ConditionalExpectedPurchases(39, Customer{x, tx, 39})
		act += hold
	}
	if math.Abs(pred/act-1) > 0.02 {
		t.Errorf("Pareto/NBD forecasts %v holdout purchases, simulation %v", pred, act)
	}
}

// TestFitDeterministicAcrossCores fits a base large enough to be summed in
// parallel with one and with four cores: the results must be identical.
func TestFitDeterministicAcrossCores(t *testing.T) {
	cs := BGNBD{0.243, 4.414, 0.793, 2.426}.Simulate(60_000, 39, 0, rand.NewPCG(10, 10))
	if ws, _, _ := compress(cs, nil, func(i int, c Customer) error { return c.check(i) }); len(ws) < 20_000 {
		t.Fatalf("only %d distinct summaries: not the parallel path", len(ws))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var fits []BGNBD
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		m, err := FitBGNBD(cs, nil)
		if err != nil {
			t.Fatal(err)
		}
		fits = append(fits, m)
	}
	if fits[0] != fits[1] {
		t.Errorf("one core %+v, four cores %+v", fits[0], fits[1])
	}
}
