package clp

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// loopCLP is the definition summed directly, period by period, with
// math.Pow for every factor: the reference for the model's kernels.
func loopCLP(spec AccountSpec, cfg Config) float64 {
	ppy := cfg.PeriodsPerYear
	if ppy == 0 {
		ppy = 12
	}
	h := cfg.Horizon
	if h == 0 {
		h = 10 * ppy
	}
	d := cfg.DiscountRate
	if cfg.RateBasis == Annual {
		d = math.Pow(1+d, 1/float64(ppy)) - 1
	}
	sum := -spec.Acquisition.InexactFloat64()
	r0 := spec.Revenue.InexactFloat64()
	net := spec.Margin - spec.CostShare
	cost := spec.CostFixed.InexactFloat64()
	for t := 1; t <= h; t++ {
		es, e := t, t // survival exponent and discount exponent
		if cfg.Timing == StartOfPeriod {
			es, e = t-1, t-1
		}
		s := math.Pow(spec.Retention, float64(es))
		if s < cfg.MinSurvival {
			break
		}
		if spec.Retention == 0 && es > 0 {
			continue
		}
		// In logs, so that large growth and discount factors do not overflow.
		lw := float64(es)*math.Log(spec.Retention) - float64(e)*math.Log1p(d)
		if es == 0 {
			lw = -float64(e) * math.Log1p(d)
		}
		sum += net*r0*math.Exp(float64(t-1)*math.Log1p(spec.Growth)+lw) - cost*math.Exp(lw)
	}
	return sum
}

func TestProfitTable(t *testing.T) {
	tests := []struct {
		name string
		spec AccountSpec
		cfg  Config
		want string
	}{
		{"one period, no discount", AccountSpec{Revenue: dec("1000"), Margin: 0.3, Retention: 1}, Config{Horizon: 1}, "300"},
		{"one period, start timing, churner", AccountSpec{Revenue: dec("1000"), Margin: 0.3}, Config{Horizon: 12, Timing: StartOfPeriod}, "300"},
		{"churner at the end pays nothing", AccountSpec{Revenue: dec("1000"), Margin: 0.3, Acquisition: dec("50")}, Config{Horizon: 12}, "-50"},
		{"three periods of 100 at 10 % a period", AccountSpec{Revenue: dec("100"), Margin: 1, Retention: 1}, Config{Horizon: 3, DiscountRate: 0.1, RateBasis: PerPeriod}, "248.69"},
		{"cost to serve", AccountSpec{Revenue: dec("100"), Margin: 0.5, CostFixed: dec("10"), CostShare: 0.1, Retention: 1}, Config{Horizon: 10}, "300"},
		{"negative CLP is a result", AccountSpec{Revenue: dec("100"), Margin: 0.1, CostFixed: dec("20"), Retention: 0.9}, Config{Horizon: 5}, "-36.86"},
		{"annual rate, yearly periods", AccountSpec{Revenue: dec("1000"), Margin: 1, Retention: 1}, Config{PeriodsPerYear: 1, Horizon: 2, DiscountRate: 0.1}, "1735.54"},
		{"growth", AccountSpec{Revenue: dec("100"), Growth: 0.1, Margin: 1, Retention: 1}, Config{Horizon: 3}, "331"},
		{"series", AccountSpec{Series: []decimal.Decimal{dec("100"), dec("200"), dec("300")}, Margin: 0.5, Retention: 1}, Config{Horizon: 12}, "300"},
		{"series beyond horizon", AccountSpec{Series: []decimal.Decimal{dec("100"), dec("200"), dec("300")}, Margin: 0.5, Retention: 1}, Config{Horizon: 2}, "150"},
		{"survival curve", AccountSpec{Revenue: dec("100"), Margin: 1, Survival: []float64{0.5, 0.25}}, Config{Horizon: 12}, "75"},
		{"min survival stops early", AccountSpec{Revenue: dec("100"), Margin: 1, Retention: 0.5}, Config{Horizon: 12, MinSurvival: 0.2}, "75"},
		{"unit of 100", AccountSpec{Revenue: dec("1000"), Margin: 0.3333, Retention: 1}, Config{Horizon: 1, Unit: dec("100")}, "300"},
		{"half away from zero", AccountSpec{Revenue: dec("0.01"), Margin: 0.5, Retention: 1}, Config{Horizon: 1}, "0.01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			c, err := NewAccount(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			got, err := m.Profit(c)
			if err != nil || !got.Equal(dec(tt.want)) {
				t.Errorf("Profit() = %s, %v; want %s (float %v)", got, err, tt.want, m.float(c))
			}
		})
	}
}

func TestGuptaLehmann(t *testing.T) {
	// The infinite-horizon sum converges to m·r/(1+d−r).
	for _, tt := range []struct{ m, r, d float64 }{{300, 0.9, 0.01}, {50, 0.98, 0.008}, {1, 0.5, 0}, {120, 0.999, 0.02}} {
		gl, err := GuptaLehmann(tt.m, tt.r, tt.d)
		if err != nil {
			t.Fatal(err)
		}
		m := MustNew(Config{Horizon: 100_000, DiscountRate: tt.d, RateBasis: PerPeriod})
		c := MustNewAccount(AccountSpec{Revenue: decimal.NewFromFloat(tt.m), Margin: 1, Retention: tt.r})
		if got := m.float(c); math.Abs(got-gl) > 1e-9*gl {
			t.Errorf("CLP(m=%v, r=%v, d=%v) = %v, Gupta-Lehmann %v", tt.m, tt.r, tt.d, got, gl)
		}
		// Start-of-period cash is m(1+d)/(1+d−r).
		ms := MustNew(Config{Horizon: 100_000, DiscountRate: tt.d, RateBasis: PerPeriod, Timing: StartOfPeriod})
		if got, want := ms.float(c), tt.m*(1+tt.d)/(1+tt.d-tt.r); math.Abs(got-want) > 1e-9*want {
			t.Errorf("start-of-period CLP = %v, want %v", got, want)
		}
	}
	for _, bad := range []struct {
		m, r, d float64
		want    error
	}{{1, 1.1, 0.1, ErrInvalidRetention}, {1, 1, 0, ErrInvalidDiscount}, {1, 0.5, -1, ErrInvalidDiscount}, {math.NaN(), 0.5, 0.1, ErrNotFinite}} {
		if _, err := GuptaLehmann(bad.m, bad.r, bad.d); !errors.Is(err, bad.want) {
			t.Errorf("GuptaLehmann(%v, %v, %v) = %v, want %v", bad.m, bad.r, bad.d, err, bad.want)
		}
	}
}

func randomSpec(r *rand.Rand) AccountSpec {
	return AccountSpec{
		Revenue:     decimal.NewFromFloat(math.Round(r.Float64()*100000) / 100),
		Growth:      r.Float64()*0.06 - 0.03,
		Margin:      r.Float64()*0.6 - 0.1,
		CostFixed:   decimal.NewFromFloat(math.Round(r.Float64()*5000) / 100),
		CostShare:   r.Float64() * 0.1,
		Acquisition: decimal.NewFromFloat(math.Round(r.Float64()*100000) / 100),
		Retention:   []float64{0, 0.5, 0.9, 0.97, 0.999, 1, r.Float64()}[r.IntN(7)],
	}
}

func randomConfig(r *rand.Rand) Config {
	return Config{
		PeriodsPerYear: []int{1, 4, 12}[r.IntN(3)],
		DiscountRate:   r.Float64() * 0.3,
		RateBasis:      RateBasis(r.IntN(2)),
		Horizon:        1 + r.IntN(240),
		MinSurvival:    []float64{0, 0, 0.01, 0.3}[r.IntN(4)],
		Timing:         Timing(r.IntN(2)),
	}
}

// TestKernelsAgree checks the closed form, the series loop and the direct
// definition against each other on random customers.
func TestKernelsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		spec, cfg := randomSpec(r), randomConfig(r)
		m := MustNew(cfg)
		c := MustNewAccount(spec)
		closed := m.float(c)
		want := loopCLP(spec, cfg)
		// The series form of the same customer: an explicit survival curve.
		surv := make([]float64, m.Horizon())
		for k := range surv {
			surv[k] = math.Pow(spec.Retention, float64(k+1))
		}
		s := spec
		s.Survival = surv
		series := m.float(MustNewAccount(s))
		tol := 1e-9 * (1 + math.Abs(want))
		if math.Abs(closed-want) > tol || math.Abs(series-want) > tol {
			t.Fatalf("spec %+v cfg %+v: closed %v series %v loop %v", spec, cfg, closed, series, want)
		}
	}
}

// TestMonotonicity: CLP rises with retention and margin and falls with cost
// to serve and the discount rate (for a customer whose cash flows are all
// positive).
func TestMonotonicity(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		spec := randomSpec(r)
		spec.Margin = 0.2 + 0.3*r.Float64()
		spec.CostFixed = decimal.Zero
		spec.CostShare = 0.05
		spec.Retention = 0.5 + 0.45*r.Float64()
		cfg := randomConfig(r)
		m := MustNew(cfg)
		base := m.float(MustNewAccount(spec))
		bump := func(f func(*AccountSpec)) float64 {
			s := spec
			f(&s)
			return m.float(MustNewAccount(s))
		}
		if v := bump(func(s *AccountSpec) { s.Retention += 0.04 }); v < base-1e-9 {
			t.Fatalf("higher retention lowers CLP: %v < %v", v, base)
		}
		if v := bump(func(s *AccountSpec) { s.Margin += 0.05 }); v < base-1e-9 {
			t.Fatalf("higher margin lowers CLP: %v < %v", v, base)
		}
		if v := bump(func(s *AccountSpec) { s.CostFixed = dec("10"); s.CostShare = 0.1 }); v > base+1e-9 {
			t.Fatalf("higher cost raises CLP: %v > %v", v, base)
		}
		c2 := cfg
		c2.DiscountRate += 0.05
		if v := MustNew(c2).float(MustNewAccount(spec)); v > base+1e-9 {
			t.Fatalf("higher discount raises CLP: %v > %v", v, base)
		}
	}
}

func TestBatchAgreesWithSingle(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	m := MustNew(Config{DiscountRate: 0.12})
	cs := make([]Account, 300)
	for i := range cs {
		spec := randomSpec(r)
		if i%3 == 0 {
			spec.Series = []decimal.Decimal{dec("100"), dec("250.5"), dec("80")}
		}
		cs[i] = MustNewAccount(spec)
	}
	floats, err1 := m.ProfitsTo(nil, cs)
	decs, err2 := m.DecimalProfitsTo(make([]decimal.Decimal, len(cs)), cs)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	for i, c := range cs {
		f, _ := m.Float(c)
		p, _ := m.Profit(c)
		if floats[i] != f || !decs[i].Equal(p) {
			t.Fatalf("customer %d: batch %v %s, single %v %s", i, floats[i], decs[i], f, p)
		}
		if want := decimal.NewFromFloat(floats[i]).Round(2); !decs[i].Equal(want) {
			t.Fatalf("customer %d: rounded %s, want %s", i, decs[i], want)
		}
	}
	dst := make([]float64, len(cs))
	if n := testing.AllocsPerRun(20, func() { _, _ = m.ProfitsTo(dst, cs) }); n > 0 {
		t.Errorf("ProfitsTo allocates %v times per call, want 0", n)
	}
	for _, f := range []func(){
		func() { _, _ = m.ProfitsTo(make([]float64, 2), cs) },
		func() { _, _ = m.DecimalProfitsTo(make([]decimal.Decimal, 2), cs) },
	} {
		if !panics(f) {
			t.Error("length mismatch did not panic")
		}
	}
}

func panics(f func()) (did bool) {
	defer func() { did = recover() != nil }()
	f()
	return false
}

func TestConfigAndCustomerErrors(t *testing.T) {
	cfgs := []struct {
		name string
		cfg  Config
		want error
	}{
		{"negative horizon", Config{Horizon: -1}, ErrInvalidHorizon},
		{"periods per year", Config{PeriodsPerYear: 400}, ErrInvalidHorizon},
		{"discount −1", Config{DiscountRate: -1}, ErrInvalidDiscount},
		{"discount NaN", Config{DiscountRate: math.NaN()}, ErrNotFinite},
		{"min survival", Config{MinSurvival: 2}, ErrInvalidRetention},
		{"timing", Config{Timing: 7}, ErrInvalidRate},
		{"unit", Config{Unit: dec("-1")}, ErrInvalidUnit},
	}
	for _, tt := range cfgs {
		if _, err := New(tt.cfg); !errors.Is(err, tt.want) {
			t.Errorf("%s: New() = %v, want %v", tt.name, err, tt.want)
		}
	}
	specs := []struct {
		name string
		spec AccountSpec
		want error
	}{
		{"retention above one", AccountSpec{Retention: 1.1}, ErrInvalidRetention},
		{"negative retention", AccountSpec{Retention: -0.1}, ErrInvalidRetention},
		{"NaN margin", AccountSpec{Margin: math.NaN()}, ErrNotFinite},
		{"infinite growth", AccountSpec{Growth: math.Inf(1)}, ErrNotFinite},
		{"growth −1", AccountSpec{Growth: -1}, ErrInvalidRate},
		{"negative cost share", AccountSpec{CostShare: -0.1}, ErrInvalidRate},
		{"rising survival", AccountSpec{Survival: []float64{0.5, 0.6}}, ErrInvalidRetention},
		{"survival above one", AccountSpec{Survival: []float64{1.5}}, ErrInvalidRetention},
		{"NaN survival", AccountSpec{Survival: []float64{math.NaN()}}, ErrNotFinite},
		{"huge revenue", AccountSpec{Revenue: dec("1e400")}, ErrNotFinite},
		{"huge series", AccountSpec{Series: []decimal.Decimal{dec("1e400")}}, ErrNotFinite},
		{"huge acquisition", AccountSpec{Acquisition: dec("-1e400")}, ErrNotFinite},
		{"no phases continue", AccountSpec{Phases: []PhaseSpec{{Periods: 1, Continue: true}}}, ErrInvalidPhase},
		{"phase length", AccountSpec{Phases: []PhaseSpec{{Periods: 0}}}, ErrInvalidPhase},
		{"unknown phase", AccountSpec{Phases: []PhaseSpec{{Phase: 9, Periods: 1}}}, ErrInvalidPhase},
		{"phase retention", AccountSpec{Phases: []PhaseSpec{{Periods: 1, Retention: 2}}}, ErrInvalidRetention},
		{"phase growth", AccountSpec{Phases: []PhaseSpec{{Periods: 1, Growth: -2}}}, ErrInvalidRate},
		{"phase cost share", AccountSpec{Phases: []PhaseSpec{{Periods: 1, CostShare: -1}}}, ErrInvalidRate},
		{"phase NaN", AccountSpec{Phases: []PhaseSpec{{Periods: 1, Margin: math.NaN()}}}, ErrNotFinite},
	}
	for _, tt := range specs {
		if _, err := NewAccount(tt.spec); !errors.Is(err, tt.want) {
			t.Errorf("%s: NewAccount() = %v, want %v", tt.name, err, tt.want)
		}
	}
	if !panics(func() { MustNew(Config{Horizon: -1}) }) || !panics(func() { MustNewAccount(AccountSpec{Retention: 2}) }) {
		t.Error("Must constructors did not panic")
	}
}

func TestOverflow(t *testing.T) {
	m := MustNew(Config{Horizon: 100_000})
	c := MustNewAccount(AccountSpec{Revenue: dec("100"), Growth: 0.05, Margin: 0.5, Retention: 1})
	if _, err := m.Profit(c); !errors.Is(err, ErrOverflow) {
		t.Errorf("Profit(overflowing) = %v", err)
	}
	ok := MustNewAccount(AccountSpec{Revenue: dec("100"), Margin: 0.5, Retention: 0.5})
	out, err := m.ProfitsTo(nil, []Account{ok, c})
	if !errors.Is(err, ErrOverflow) || out[1] != 0 || out[0] != 50 {
		t.Errorf("ProfitsTo = %v, %v", out, err)
	}
	if _, err := m.DecimalProfitsTo(nil, []Account{c}); !errors.Is(err, ErrOverflow) {
		t.Errorf("DecimalProfitsTo = %v", err)
	}
	// A zero revenue times an overflowing growth factor is still zero.
	z := MustNewAccount(AccountSpec{Growth: 0.9, Margin: 0.5, Retention: 1})
	if v, err := m.Float(z); err != nil || v != 0 {
		t.Errorf("Float(zero revenue) = %v, %v", v, err)
	}
}

func TestZeroValues(t *testing.T) {
	m := MustNew(Config{})
	if m.Horizon() != 120 || m.PeriodRate() != 0 {
		t.Errorf("zero Config: horizon %d rate %v", m.Horizon(), m.PeriodRate())
	}
	if got, err := m.Profit(Account{}); err != nil || !got.IsZero() {
		t.Errorf("zero Account scores %s", got)
	}
	annual := MustNew(Config{DiscountRate: 0.1})
	if got, want := annual.PeriodRate(), math.Pow(1.1, 1.0/12)-1; math.Abs(got-want) > 1e-15 {
		t.Errorf("monthly rate of 10 %% a year = %v, want %v", got, want)
	}
}

func TestGeomSum(t *testing.T) {
	for _, x := range []float64{0, 0.5, 0.999999, 1, 1 + 1e-12, 1 - 1e-7, 1.0001, 1.5, -0.3} {
		for _, n := range []int{1, 2, 10, 120, 1200} {
			var want float64
			p := 1.0
			for range n {
				want += p
				p *= x
			}
			got := geomSum(x, n)
			if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 1e-12)); diff != "" {
				t.Errorf("geomSum(%v, %d) = %v, want %v", x, n, got, want)
			}
		}
	}
}

func FuzzNewAccount(f *testing.F) {
	f.Add("1000", 0.01, 0.3, "20", 0.05, "500", 0.97, 0.1, 120, uint8(0))
	f.Add("0", -0.5, -1.0, "0", 0.0, "-10", 1.0, 0.0, 1, uint8(1))
	f.Add("1e9", 0.2, 2.0, "1e6", 1.0, "0", 0.0, 5.0, 600, uint8(0))
	f.Fuzz(func(t *testing.T, revenue string, growth, margin float64, cost string, share float64, acq string, retention, discount float64, horizon int, timing uint8) {
		rev, err1 := decimal.NewFromString(revenue)
		cf, err2 := decimal.NewFromString(cost)
		ac, err3 := decimal.NewFromString(acq)
		if err1 != nil || err2 != nil || err3 != nil || horizon > 2000 {
			return
		}
		spec := AccountSpec{Revenue: rev, Growth: growth, Margin: margin, CostFixed: cf, CostShare: share, Acquisition: ac, Retention: retention}
		c, err := NewAccount(spec)
		if err != nil {
			if !errors.Is(err, ErrNotFinite) && !errors.Is(err, ErrInvalidRetention) && !errors.Is(err, ErrInvalidRate) {
				t.Fatalf("NewAccount: unexpected error %v", err)
			}
			return
		}
		m, err := New(Config{DiscountRate: discount, Horizon: horizon, Timing: Timing(timing % 2), RateBasis: PerPeriod})
		if err != nil {
			return
		}
		got, err := m.Float(c)
		want := loopCLP(spec, m.cfg)
		if math.IsNaN(want) || math.IsInf(want, 0) || math.Abs(want) > 1e15 {
			if err == nil && (math.IsNaN(got) || math.IsInf(got, 0)) {
				t.Fatalf("non-finite result %v without an error", got)
			}
			return // the reference itself overflowed
		}
		if err != nil || math.Abs(got-want) > 1e-7*(1+math.Abs(want)) {
			t.Fatalf("closed form %v, definition %v (spec %+v, discount %v, horizon %d)", got, want, spec, discount, horizon)
		}
	})
}

// TestProfitBeyondUnitRange checks that a profit too large to count in the
// unit is an error, not a rounded float written out with invented digits.
func TestProfitBeyondUnitRange(t *testing.T) {
	m := MustNew(Config{Horizon: 1})
	a, err := NewAccount(AccountSpec{ID: "huge", Revenue: dec("1e17"), Margin: 1, Retention: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Profit(a); !errors.Is(err, ErrOverflow) {
		t.Errorf("Profit(1e17 revenue, cents) error = %v, want ErrOverflow", err)
	}
	dst, err := m.DecimalProfitsTo(nil, []Account{a})
	if !errors.Is(err, ErrOverflow) || !dst[0].IsZero() {
		t.Errorf("DecimalProfitsTo = %v, %v; want a zero entry and ErrOverflow", dst, err)
	}
	ok, err := NewAccount(AccountSpec{ID: "fits", Revenue: dec("1e15"), Margin: 1, Retention: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := m.Profit(ok); err != nil || !got.Equal(dec("1e15")) {
		t.Errorf("Profit(1e15 revenue) = %v, %v; want 1e15", got, err)
	}
}
