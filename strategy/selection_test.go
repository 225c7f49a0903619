package strategy

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// bruteForce is the least cost of a valid subset reaching required, by
// evaluating every subset.
func bruteForce(t *testing.T, gap decimal.Decimal, inits []Initiative, required float64) (int64, bool) {
	t.Helper()
	its, _, err := compile(inits)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := cents("gap", gap, false)
	best, found := int64(math.MaxInt64), false
	n := len(its)
	for mask := 0; mask < 1<<n; mask++ {
		chosen := make([]bool, n)
		var cost int64
		valid := true
		for i := range n {
			if mask&(1<<i) != 0 {
				chosen[i] = true
				cost += its[i].cost
			}
		}
		for i := range n {
			if chosen[i] && its[i].parent >= 0 && !chosen[its[i].parent] {
				valid = false
			}
		}
		if !valid {
			continue
		}
		d, _ := distribution(its, chosen, 1<<20)
		if tail(d, g) >= required && cost < best {
			best, found = cost, true
		}
	}
	return best, found
}

func TestSelectAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for trial := range 150 {
		inits := randomInits(r, 1+r.IntN(10), trial%2 == 0)
		gap := decimal.NewFromInt(int64(20 + r.IntN(250)))
		required := []float64{0.1, 0.3, 0.5, 0.7, 0.9, 0.95}[r.IntN(6)]
		want, feasible := bruteForce(t, gap, inits, required)
		s, err := Select(gap, inits, required, SelectOptions{})
		if !feasible {
			if !errors.Is(err, ErrInfeasible) {
				t.Fatalf("trial %d: infeasible, got %+v, %v", trial, s, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if got, _ := cents("cost", s.Cost, true); got != want || !s.Optimal || s.PClose < required {
			t.Fatalf("trial %d: cost %v (P %v, optimal %v), brute force %d cents", trial, s.Cost, s.PClose, s.Optimal, want)
		}
		// The chosen subset is valid and its probability is what Evaluate says.
		chosen := make([]Initiative, 0, len(s.Chosen))
		for _, i := range s.Chosen {
			chosen = append(chosen, inits[i])
		}
		for _, c := range chosen {
			if c.DependsOn != "" {
				found := false
				for _, o := range chosen {
					found = found || o.Name == c.DependsOn
				}
				if !found {
					t.Fatalf("trial %d: %q chosen without %q", trial, c.Name, c.DependsOn)
				}
			}
		}
		pf, err := Evaluate(gapOfAmount(t, gap), chosen, PortfolioOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(pf.PClose-s.PClose) > 1e-12 {
			t.Fatalf("trial %d: Select P %v, Evaluate P %v", trial, s.PClose, pf.PClose)
		}
	}
}

func gapOfAmount(t *testing.T, a decimal.Decimal) Gap {
	var g Gap
	g.Gap[0] = a
	g.Target[0] = a
	return g
}

func TestSelectGreedy(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	inits := randomInits(r, 30, false)
	for i := range inits {
		inits[i].Name = string(rune('a'+i%26)) + string(rune('0'+i/26))
	}
	s, err := Select(d("400"), inits, 0.9, SelectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Method != "greedy" || s.Optimal || s.PClose < 0.9 || len(s.Names) != len(s.Chosen) {
		t.Fatalf("%+v", s)
	}
	// Every chosen candidate is needed: dropping any one falls short.
	for k := range s.Chosen {
		var rest []Initiative
		for j, i := range s.Chosen {
			if j != k {
				rest = append(rest, inits[i])
			}
		}
		pf, err := Evaluate(gapOfAmount(t, d("400")), rest, PortfolioOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if pf.PClose >= 0.9 {
			t.Errorf("dropping %s keeps P %v ≥ 0.9", s.Names[k], pf.PClose)
		}
	}
}

func TestFrontier(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	inits := randomInits(r, 12, true)
	f, err := Frontier(d("150"), inits, nil, SelectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f) < 2 {
		t.Fatalf("frontier of %d points", len(f))
	}
	for k := 1; k < len(f); k++ {
		if !f[k].Cost.GreaterThan(f[k-1].Cost) || f[k].PClose <= f[k-1].PClose {
			t.Errorf("point %d (%v, %v) does not improve on (%v, %v)", k, f[k].Cost, f[k].PClose, f[k-1].Cost, f[k-1].PClose)
		}
	}
}

func TestSelectErrors(t *testing.T) {
	in := []Initiative{{Name: "A", Revenue: d("10"), Probability: 0.5, Cost: d("1")}}
	for _, tc := range []struct {
		name     string
		gap      string
		required float64
		want     error
	}{
		{"percent", "5", 50, ErrInvalidProbability},
		{"zero", "5", 0, ErrInvalidProbability},
		{"unreachable", "5", 0.6, ErrInfeasible},
		{"gap beyond all", "11", 0.1, ErrInfeasible},
	} {
		_, err := Select(d(tc.gap), in, tc.required, SelectOptions{})
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	s, err := Select(d("0"), in, 1, SelectOptions{})
	if err != nil || len(s.Chosen) != 0 || s.PClose != 1 {
		t.Errorf("no gap: %+v, %v", s, err)
	}
}
