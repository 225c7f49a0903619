package clp

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// benchCustomers returns n random customers; with survival set, each gets an
// explicit 120-period survival curve (the series kernel), otherwise constant
// retention (the closed form).
func benchCustomers(n int, survival bool) []Account {
	r := rand.New(rand.NewPCG(uint64(n), 9))
	cs := make([]Account, n)
	for i := range cs {
		spec := AccountSpec{
			Revenue:     decimal.New(r.Int64N(10_000_00), -2),
			Growth:      r.Float64()*0.02 - 0.005,
			Margin:      0.2 + 0.2*r.Float64(),
			CostFixed:   decimal.New(r.Int64N(500_00), -2),
			CostShare:   0.05 * r.Float64(),
			Acquisition: decimal.New(r.Int64N(20_000_00), -2),
			Retention:   0.9 + 0.099*r.Float64(),
		}
		if survival {
			spec.Survival = make([]float64, 120)
			s := 1.0
			for t := range spec.Survival {
				s *= spec.Retention
				spec.Survival[t] = s
			}
		}
		cs[i] = MustNewAccount(spec)
	}
	return cs
}

var benchSizes = []int{1000, 1_000_000}

// BenchmarkProfitsTo scores customers over 120 monthly periods at 10 % a
// year into a reused float64 slice.
func BenchmarkProfitsTo(b *testing.B) {
	m := MustNew(Config{DiscountRate: 0.1, Horizon: 120})
	for _, kernel := range []string{"closed-form", "series"} {
		for _, n := range benchSizes {
			cs := benchCustomers(n, kernel == "series")
			dst := make([]float64, n)
			b.Run(fmt.Sprintf("%s/customers=%d", kernel, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := m.ProfitsTo(dst, cs); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
			})
		}
	}
}

// BenchmarkDecimalProfitsTo is BenchmarkProfitsTo with decimal results,
// rounded to cents once per customer.
func BenchmarkDecimalProfitsTo(b *testing.B) {
	m := MustNew(Config{DiscountRate: 0.1, Horizon: 120})
	for _, kernel := range []string{"closed-form", "series"} {
		for _, n := range benchSizes {
			cs := benchCustomers(n, kernel == "series")
			dst := make([]decimal.Decimal, n)
			b.Run(fmt.Sprintf("%s/customers=%d", kernel, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := m.DecimalProfitsTo(dst, cs); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
			})
		}
	}
}

// naiveSpec is a customer for the all-decimal loop.
type naiveSpec struct {
	rev, growth, margin, cost, share, acq, retention decimal.Decimal
}

// naiveCLP is the straightforward all-decimal loop: every period's revenue,
// cash flow, survival and discount factor in decimal arithmetic, rounded to
// 24 decimals each step so that the digits do not grow without bound.
func naiveCLP(c naiveSpec, v decimal.Decimal, horizon int) decimal.Decimal {
	sum := c.acq.Neg()
	rev, surv, disc := c.rev, decimal.NewFromInt(1), decimal.NewFromInt(1)
	one := decimal.NewFromInt(1)
	g := one.Add(c.growth)
	net := c.margin.Sub(c.share)
	for range horizon {
		surv = surv.Mul(c.retention).Round(24)
		disc = disc.Mul(v).Round(24)
		cf := rev.Mul(net).Sub(c.cost)
		sum = sum.Add(cf.Mul(surv).Mul(disc).Round(24))
		rev = rev.Mul(g).Round(24)
	}
	return sum.Round(2)
}

func naiveCustomers(n int) []naiveSpec {
	r := rand.New(rand.NewPCG(uint64(n), 9))
	out := make([]naiveSpec, n)
	for i := range out {
		out[i] = naiveSpec{
			rev:       decimal.New(r.Int64N(10_000_00), -2),
			growth:    decimal.NewFromFloat(r.Float64()*0.02 - 0.005),
			margin:    decimal.NewFromFloat(0.2 + 0.2*r.Float64()),
			cost:      decimal.New(r.Int64N(500_00), -2),
			share:     decimal.NewFromFloat(0.05 * r.Float64()),
			acq:       decimal.New(r.Int64N(20_000_00), -2),
			retention: decimal.NewFromFloat(0.9 + 0.099*r.Float64()),
		}
	}
	return out
}

func TestNaiveAgrees(t *testing.T) {
	m := MustNew(Config{DiscountRate: 0.1, RateBasis: PerPeriod, Horizon: 120})
	v := decimal.NewFromInt(1).DivRound(decimal.NewFromFloat(1.1), 24)
	for _, c := range naiveCustomers(200) {
		spec := AccountSpec{Revenue: c.rev, Growth: c.growth.InexactFloat64(), Margin: c.margin.InexactFloat64(),
			CostFixed: c.cost, CostShare: c.share.InexactFloat64(), Acquisition: c.acq, Retention: c.retention.InexactFloat64()}
		got, err := m.Profit(MustNewAccount(spec))
		if err != nil {
			t.Fatal(err)
		}
		if want := naiveCLP(c, v, 120); !got.Equal(want) {
			t.Errorf("float kernel %s, all-decimal %s", got, want)
		}
	}
}

// BenchmarkNaiveDecimal runs the all-decimal loop over 120 monthly periods
// for 1,000 customers (a million would take minutes); customers/s compares
// with BenchmarkProfitsTo.
func BenchmarkNaiveDecimal(b *testing.B) {
	cs := naiveCustomers(1000)
	v := decimal.NewFromInt(1).DivRound(decimal.NewFromFloat(1.1).Pow(decimal.NewFromFloat(1.0/12)), 24)
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cs {
			naiveCLP(c, v, 120)
		}
	}
	b.ReportMetric(float64(len(cs))*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
}
