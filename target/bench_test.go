package target

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// naiveAllocate is the straightforward all-decimal largest-remainder split
// that BENCHMARKS.md compares Allocate with: exact quotas by decimal
// division, floors by QuoRem, and a stable sort of the remainders. It
// handles non-negative totals only.
func naiveAllocate(total decimal.Decimal, weights []decimal.Decimal, unit decimal.Decimal) []decimal.Decimal {
	sum := decimal.Sum(decimal.Zero, weights...)
	parts := make([]decimal.Decimal, len(weights))
	rems := make([]decimal.Decimal, len(weights))
	given := decimal.Zero
	for i, w := range weights {
		q := total.Mul(w).DivRound(sum, 40)
		floor, rem := q.QuoRem(unit, 0)
		parts[i] = floor.Mul(unit)
		rems[i] = rem
		given = given.Add(parts[i])
	}
	k := int(total.Sub(given).DivRound(unit, 0).IntPart())
	idx := make([]int, len(weights))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	for _, i := range idx[:k] {
		parts[i] = parts[i].Add(unit)
	}
	return parts
}

func TestNaiveAllocateAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for range 300 {
		w := randomWeights(r, 1+r.IntN(50), 0.2)
		total := decimal.New(r.Int64N(1_000_000_000_000), -2)
		got, err := Allocate(total, w, decimal.New(1, -2))
		if err != nil {
			t.Fatal(err)
		}
		if want := naiveAllocate(total, w, decimal.New(1, -2)); !slices.EqualFunc(got, want, decimal.Decimal.Equal) {
			t.Fatalf("Allocate(%s, %v) = %v, naive %v", total, w, got, want)
		}
	}
}

func benchWeights(n int) []decimal.Decimal {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	w := make([]decimal.Decimal, n)
	for i := range w {
		w[i] = decimal.New(r.Int64N(1_000_000), -2)
	}
	return w
}

func BenchmarkAllocate(b *testing.B) {
	total := decimal.New(123_456_789_012_345, -2)
	for _, n := range []int{10, 1000, 1_000_000} {
		w := benchWeights(n)
		b.Run(fmt.Sprintf("parts=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Allocate(total, w, decimal.New(1, -2)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "parts/s")
		})
	}
}

func BenchmarkAllocateNaiveDecimal(b *testing.B) {
	total := decimal.New(123_456_789_012_345, -2)
	for _, n := range []int{10, 1000, 1_000_000} {
		w := benchWeights(n)
		b.Run(fmt.Sprintf("parts=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				naiveAllocate(total, w, decimal.New(1, -2))
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "parts/s")
		})
	}
}

// benchTree returns regions × industries × customers × projects, with
// explicit weights on every node.
func benchTree(regions, industries, customers, projects int) *Tree {
	r := rand.New(rand.NewPCG(1, 1))
	rows := []Node{{ID: "CO"}}
	w := func() decimal.Decimal { return decimal.NewFromInt(r.Int64N(1000) + 1) }
	for a := range regions {
		ra := fmt.Sprintf("r%d", a)
		rows = append(rows, Node{ID: ra, Parent: "CO", Weight: w()})
		for b := range industries {
			ib := fmt.Sprintf("%s-i%d", ra, b)
			rows = append(rows, Node{ID: ib, Parent: ra, Weight: w()})
			for c := range customers {
				cc := fmt.Sprintf("%s-c%d", ib, c)
				rows = append(rows, Node{ID: cc, Parent: ib, Weight: w()})
				for d := range projects {
					rows = append(rows, Node{ID: fmt.Sprintf("%s-p%d", cc, d), Parent: cc, Weight: w()})
				}
			}
		}
	}
	return MustNewTree(rows)
}

// benchSpec is a four-metric plan over the tree with a seasonal profile and
// own profiles on a few customers.
func benchSpec(t *Tree) Spec {
	season := Profile{6, 6, 8, 8, 9, 9, 7, 6, 9, 10, 10, 12}
	profiles := map[string]Profile{}
	for k, n := range t.Nodes() {
		if n.Level == "customer" && k%97 == 0 {
			profiles[n.ID] = Profile{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 5}
		}
	}
	return Spec{
		Tree:     t,
		Calendar: Calendar{StartYear: 2027},
		Targets: []Target{
			{Metric: Revenue, Annual: decimal.RequireFromString("1234567890.12")},
			{Metric: Collection, Annual: decimal.RequireFromString("1185185174.52")},
			{Metric: Profit, Annual: decimal.RequireFromString("148148146.81")},
			{Metric: Expense, Annual: decimal.RequireFromString("222222220.22")},
		},
		DefaultWeights: WeightSource{Method: Explicit},
		DefaultProfile: season,
		Profiles:       profiles,
	}
}

var planSizes = []struct {
	name                                     string
	regions, industries, customers, projects int
}{
	{"leaves=1000", 10, 10, 10, 1},
	{"leaves=100000", 10, 10, 100, 10},
}

func BenchmarkNewPlan(b *testing.B) {
	for _, sz := range planSizes {
		tree := benchTree(sz.regions, sz.industries, sz.customers, sz.projects)
		spec := benchSpec(tree)
		b.Run(sz.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NewPlan(spec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// naivePlan is the straightforward all-decimal version of the same plan:
// each parent's annual amount split over its children by naiveAllocate, each
// leaf's year over the months by its profile, parents summed from their
// children, and quarters, halves and years from the months, all in
// decimal.Decimal. Its cells are exact but, unlike NewPlan, a parent's
// months are the sum of its leaves' rounding.
func naivePlan(s Spec) [][][]decimal.Decimal {
	t := s.Tree
	n := t.Len()
	profile := func(i int) []decimal.Decimal {
		for j := i; j >= 0; j = int(t.parent[j]) {
			if p, ok := s.Profiles[t.nodes[j].ID]; ok {
				return profileDecimals(p)
			}
		}
		return profileDecimals(s.DefaultProfile)
	}
	out := make([][][]decimal.Decimal, len(s.Targets))
	for m, tg := range s.Targets {
		annual := make([]decimal.Decimal, n)
		annual[0] = tg.Annual
		cells := make([][]decimal.Decimal, n)
		for i := range n {
			kids := t.kids(i)
			if len(kids) == 0 {
				continue
			}
			w := make([]decimal.Decimal, len(kids))
			for k, c := range kids {
				w[k] = t.nodes[c].Weight
			}
			for k, p := range naiveAllocate(annual[i], w, decimal.New(1, -2)) {
				annual[kids[k]] = p
			}
		}
		for i := n - 1; i >= 0; i-- {
			row := make([]decimal.Decimal, numPeriods)
			if len(t.kids(i)) == 0 {
				copy(row, naiveAllocate(annual[i], profile(i), decimal.New(1, -2)))
			} else {
				for k := range 12 {
					row[k] = decimal.Zero
				}
				for _, c := range t.kids(i) {
					for k := range 12 {
						row[k] = row[k].Add(cells[c][k])
					}
				}
			}
			for q := range 4 {
				row[int(Q1)+q] = row[3*q].Add(row[3*q+1]).Add(row[3*q+2])
			}
			row[H1] = row[Q1].Add(row[Q2])
			row[H2] = row[Q3].Add(row[Q4])
			row[FY] = row[H1].Add(row[H2])
			cells[i] = row
		}
		out[m] = cells
	}
	return out
}

func profileDecimals(p Profile) []decimal.Decimal {
	out := make([]decimal.Decimal, 12)
	for i, v := range p {
		out[i] = decimal.NewFromFloat(v)
	}
	return out
}

func TestNaivePlanAgreesOnYears(t *testing.T) {
	tree := benchTree(2, 3, 4, 2)
	s := benchSpec(tree)
	p := MustNewPlan(s)
	naive := naivePlan(s)
	for m := range s.Targets {
		for i := range tree.Len() {
			if got, want := p.amount(p.row(m, i)[FY]), naive[m][i][FY]; !got.Equal(want) {
				t.Fatalf("metric %d node %s: plan %s, naive %s", m, tree.nodes[i].ID, got, want)
			}
		}
	}
}

func BenchmarkNaiveDecimalPlan(b *testing.B) {
	for _, sz := range planSizes {
		tree := benchTree(sz.regions, sz.industries, sz.customers, sz.projects)
		spec := benchSpec(tree)
		b.Run(sz.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				naivePlan(spec)
			}
		})
	}
}

func BenchmarkLock(b *testing.B) {
	tree := benchTree(10, 10, 100, 10)
	p := MustNewPlan(benchSpec(tree))
	b.ReportAllocs()
	for b.Loop() {
		q := p.Clone()
		if err := q.Lock("r3-i4-c5", Revenue, FY, decimal.RequireFromString("5000000")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLockSiblings locks one of many siblings, its year or a month:
// every sibling's months are refitted.
func BenchmarkLockSiblings(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		p := customersPlan(n, Profile{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
		for _, per := range []Period{FY, M3} {
			b.Run(fmt.Sprintf("siblings=%d/%s", n, per), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					q := p.Clone()
					if err := q.Lock("c17", Revenue, per, decimal.NewFromInt(100000)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkReadJSON reads the JSON of a plan of n customers: linear in the
// input (naming each node's line used to be quadratic).
func BenchmarkReadJSON(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		p := customersPlan(n, Profile{})
		js, err := p.MarshalJSON()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("nodes=%d", n+1), func(b *testing.B) {
			b.SetBytes(int64(len(js)))
			for b.Loop() {
				if _, err := ReadJSON(bytes.NewReader(js)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// customersPlan returns a plan of a company with n customers, 10,000 of revenue
// each, months by profile (zero: equal months).
func customersPlan(n int, profile Profile) *Plan {
	rows := []Node{{ID: "CO"}}
	for k := range n {
		rows = append(rows, Node{ID: fmt.Sprint("c", k), Parent: "CO"})
	}
	return MustNewPlan(Spec{Tree: MustNewTree(rows), Calendar: Calendar{StartYear: 2027}, DefaultProfile: profile,
		Targets: []Target{{Metric: Revenue, Annual: decimal.NewFromInt(int64(n) * 10000)}}})
}

// BenchmarkNewTree builds the tree of the side-by-side benchmark's shape
// (bench/plan/ours) from rows: short IDs and a potential of float
// precision on every node.
func BenchmarkNewTree(b *testing.B) {
	for _, sz := range planSizes {
		r := rand.New(rand.NewPCG(3, 4))
		rows := []Node{{ID: "co"}}
		pot := func() decimal.Decimal { return decimal.NewFromFloat(0.5 + r.Float64()) }
		k := 0
		id := func(prefix string) string { k++; return prefix + strconv.Itoa(k) }
		for range sz.regions {
			ra := id("R")
			rows = append(rows, Node{ID: ra, Parent: "co", Potential: pot()})
			for range sz.industries {
				ib := id("I")
				rows = append(rows, Node{ID: ib, Parent: ra, Potential: pot()})
				for range sz.customers {
					cc := id("C")
					rows = append(rows, Node{ID: cc, Parent: ib, Potential: pot()})
					for range sz.projects {
						rows = append(rows, Node{ID: id("P"), Parent: cc, Potential: pot()})
					}
				}
			}
		}
		b.Run(sz.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NewTree(rows); err != nil {
					b.Fatal(err)
				}
			}
		})
		// The same rows through a TreeBuilder, which keeps them (they are
		// depth-first) as the tree's nodes instead of a copy; Add's copies
		// are part of the time, as they replace the caller's slice of rows.
		b.Run(sz.name+"/builder", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var tb TreeBuilder
				tb.Grow(len(rows))
				for _, r := range rows {
					tb.Add(r)
				}
				if _, err := tb.Build(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
