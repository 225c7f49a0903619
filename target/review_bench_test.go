package target

import (
	"testing"
	"time"
)

// benchActuals reports every leaf of p for the first months months at
// 97 % of plan for revenue and 101 % for the other metrics.
func benchActuals(p *Plan, months int) *Actuals {
	a := NewActuals(p)
	n := p.tree.Len()
	for mi := range p.metrics {
		for i := range n {
			if len(p.tree.kids(i)) > 0 {
				continue
			}
			pr := p.row(mi, i)
			for k := range months {
				c := (mi*n+i)*12 + k
				f := int64(101)
				if mi == 0 {
					f = 97
				}
				a.cells[c], a.has[c] = pr[k]*f/100, true
			}
		}
	}
	return a
}

// BenchmarkReview reviews the 100,000-leaf plan as of July: NewReview,
// then the year-to-date row and the full-year progress (status, gap,
// required run rates, forecasts) of every node and metric.
func BenchmarkReview(b *testing.B) {
	for _, sz := range planSizes {
		p := MustNewPlan(benchSpec(benchTree(sz.regions, sz.industries, sz.customers, sz.projects)))
		a := benchActuals(p, 7)
		cfg := ReviewConfig{AsOf: time.Date(2027, 7, 31, 0, 0, 0, 0, time.UTC)}
		b.Run(sz.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, err := NewReview(p, a, cfg)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for row, g := range r.All() {
					if row.Status == NoData || g.TimeProgress == 0 {
						n++
					}
				}
				if n != 0 {
					b.Fatalf("%d rows without data", n)
				}
			}
		})
	}
}

// BenchmarkNewReview measures NewReview alone: rolling up the actuals and
// the window sums of every node and metric.
func BenchmarkNewReview(b *testing.B) {
	p := MustNewPlan(benchSpec(benchTree(10, 10, 100, 10)))
	a := benchActuals(p, 7)
	cfg := ReviewConfig{AsOf: time.Date(2027, 7, 31, 0, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewReview(p, a, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
