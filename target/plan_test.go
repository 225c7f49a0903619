package target

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// randomTree returns a tree of up to depth levels below the root with random
// branching, explicit weights (some zero), potentials and histories (some
// missing).
func randomTree(r *rand.Rand, depth, maxKids int) *Tree {
	rows := []Node{{ID: "n0"}}
	var grow func(parent string, level int)
	grow = func(parent string, level int) {
		if level > depth {
			return
		}
		k := 1 + r.IntN(maxKids)
		for c := range k {
			id := fmt.Sprintf("n%d", len(rows))
			n := Node{ID: id, Parent: parent, Potential: decimal.NewFromInt(r.Int64N(100))}
			if c == 0 || r.IntN(5) > 0 {
				n.Weight = decimal.NewFromInt(r.Int64N(50) + 1)
			}
			if r.IntN(3) > 0 {
				for range 1 + r.IntN(3) {
					n.History = append(n.History, decimal.NewFromInt(r.Int64N(1000)))
				}
			}
			rows = append(rows, n)
			if r.IntN(3) > 0 {
				grow(id, level+1)
			}
		}
	}
	grow("n0", 1)
	return MustNewTree(rows)
}

func randomProfile(r *rand.Rand) Profile {
	var p Profile
	for i := range p {
		if r.IntN(6) > 0 {
			p[i] = r.Float64() * 10
		}
	}
	p[r.IntN(12)] = 1
	return p
}

// randomSpec builds a spec on a random tree with explicit weights at every
// level and own profiles on some nodes.
func randomSpec(r *rand.Rand, total decimal.Decimal) Spec {
	tree := randomTree(r, 1+r.IntN(5), 4)
	profiles := map[string]Profile{}
	for _, n := range tree.Nodes() {
		if r.IntN(6) == 0 {
			profiles[n.ID] = randomProfile(r)
		}
	}
	return Spec{
		Tree:           tree,
		Calendar:       Calendar{StartYear: 2027, FirstMonth: time.Month(1 + r.IntN(12))},
		Targets:        []Target{{Metric: Revenue, Annual: total}, {Metric: "visits", Annual: total.Neg()}},
		DefaultWeights: WeightSource{Method: Explicit},
		Profiles:       profiles,
		DefaultProfile: randomProfile(r),
	}
}

func TestPlanProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	totals := []string{"0", "0.01", "-1234567.89", "1000000000000000", "987654321.05"}
	for k := range 150 {
		total := dec(totals[k%len(totals)])
		s := randomSpec(r, total)
		p, err := NewPlan(s)
		if err != nil {
			t.Fatalf("NewPlan(case %d) error: %v", k, err)
		}
		if mm := p.Check(); mm != nil {
			t.Fatalf("case %d: %d mismatches, first %v", k, len(mm), mm[0])
		}
		for mi, m := range p.metrics {
			want := total
			if m == "visits" {
				want = total.Neg()
			}
			if got, _ := p.Amount(s.Tree.Root(), m, FY); !got.Equal(want) {
				t.Fatalf("case %d: root %s FY = %s, want %s", k, m, got, want)
			}
			// A zero weight gives zero to the node and its whole subtree.
			zero := make([]bool, s.Tree.Len())
			for i, n := range s.Tree.nodes {
				if pi := int(s.Tree.parent[i]); pi >= 0 && (n.Weight.IsZero() || zero[pi]) {
					zero[i] = true
				}
				if zero[i] && slices.ContainsFunc(p.months(mi, i), func(u int64) bool { return u != 0 }) {
					t.Fatalf("case %d: zero-weight node %s has %v", k, n.ID, p.row(mi, i))
				}
			}
		}
		// Same input, same output.
		q := MustNewPlan(s)
		if !sameAmounts(p, q) {
			t.Fatalf("case %d: NewPlan is not deterministic", k)
		}
		checkProfiles(t, p, s)
	}
}

// checkProfiles verifies that a node whose subtree has no profile but its
// own (or the inherited one, for the root) gets exactly the split of its
// annual amount by that profile's shares.
func checkProfiles(t *testing.T, p *Plan, s Spec) {
	t.Helper()
	tree := p.tree
	hasBelow := make([]bool, tree.Len())
	for i := tree.Len() - 1; i > 0; i-- {
		_, own := s.Profiles[tree.nodes[i].ID]
		if own || hasBelow[i] {
			hasBelow[tree.parent[i]] = true
		}
	}
	for i, n := range tree.nodes {
		prof, own := s.Profiles[n.ID]
		if i == 0 && !own {
			prof, own = s.DefaultProfile, true
		}
		if !own || hasBelow[i] {
			continue
		}
		var w [12]uint64
		if err := money.FloatWeights(w[:], prof[:]); err != nil {
			t.Fatal(err)
		}
		for mi := range p.metrics {
			row := p.row(mi, i)
			want := make([]int64, 12)
			var sp money.Splitter
			if !sp.Split(want, row[FY], w[:]) {
				t.Fatal("profile with zero weights")
			}
			if !slices.Equal(want, row[:12]) {
				t.Fatalf("node %s with its own profile: months %v, want %v", n.ID, row[:12], want)
			}
		}
	}
}

func TestPlanWeightSourcesByLevel(t *testing.T) {
	tree := MustNewTree([]Node{
		{ID: "CO"},
		{ID: "R1", Parent: "CO", Potential: dec("300")},
		{ID: "R2", Parent: "CO", Potential: dec("100")},
		{ID: "C1", Parent: "R1", History: decs("10")},
		{ID: "C2", Parent: "R1", History: decs("30")},
		{ID: "C3", Parent: "R2", History: decs("5")},
	})
	p, err := NewPlan(Spec{
		Tree:     tree,
		Calendar: Calendar{StartYear: 2027},
		Unit:     dec("1"),
		Targets: []Target{
			{Metric: Revenue, Annual: dec("1200")},
			{Metric: Expense, Annual: dec("400"), Weights: map[string]WeightSource{"region": {}}},
		},
		Weights: map[string]WeightSource{"region": {Method: Potential}, "industry": {Method: HistoryTotal}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"R1": {"900", "200"}, "R2": {"300", "200"}, "C1": {"225", "50"}, "C2": {"675", "150"}, "C3": {"300", "200"},
	}
	for id, w := range want {
		rev, _ := p.Amount(id, Revenue, FY)
		exp, _ := p.Amount(id, Expense, FY)
		if rev.String() != w[0] || exp.String() != w[1] {
			t.Errorf("%s: revenue %s expense %s, want %s %s", id, rev, exp, w[0], w[1])
		}
	}
}

func TestPlanOwnProfiles(t *testing.T) {
	tree := MustNewTree([]Node{
		{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"},
		{ID: "B1", Parent: "B"}, {ID: "B2", Parent: "B"},
	})
	dec := Profile{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}
	p := MustNewPlan(Spec{
		Tree:     tree,
		Calendar: Calendar{StartYear: 2027},
		Unit:     decimal.NewFromInt(1),
		Targets:  []Target{{Metric: Revenue, Annual: decimal.NewFromInt(2400)}},
		Profiles: map[string]Profile{"B2": dec},
	})
	rows := map[string][]int64{}
	for _, id := range []string{"CO", "A", "B", "B1", "B2"} {
		rows[id] = p.months(0, tree.byID.pos(id))
	}
	want := map[string][]int64{
		"A":  {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100},
		"B1": {50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50},
		"B2": {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 600},
		"B":  {50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 650},
		"CO": {150, 150, 150, 150, 150, 150, 150, 150, 150, 150, 150, 750},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("months mismatch (-want +got):\n%s", diff)
	}
}

func TestNewPlanErrors(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	base := func() Spec {
		return Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Targets: []Target{{Metric: Revenue, Annual: dec("100")}}}
	}
	tests := []struct {
		name   string
		modify func(*Spec)
		want   error
	}{
		{"no tree", func(s *Spec) { s.Tree = nil }, ErrInvalidSpec},
		{"no calendar", func(s *Spec) { s.Calendar = Calendar{} }, ErrInvalidCalendar},
		{"negative unit", func(s *Spec) { s.Unit = dec("-1") }, ErrInvalidUnit},
		{"no targets", func(s *Spec) { s.Targets = nil }, ErrInvalidSpec},
		{"empty metric", func(s *Spec) { s.Targets[0].Metric = "" }, ErrInvalidMetric},
		{"repeated metric", func(s *Spec) { s.Targets = append(s.Targets, s.Targets[0]) }, ErrInvalidMetric},
		{"not a multiple", func(s *Spec) { s.Targets[0].Annual = dec("0.001") }, ErrNotMultiple},
		{"too large", func(s *Spec) { s.Targets[0].Annual = dec("1e17") }, ErrOverflow},
		{"bad weights", func(s *Spec) { s.DefaultWeights = WeightSource{Method: HistoryTotal} }, ErrNoHistory},
		{"unknown profile node", func(s *Spec) { s.Profiles = map[string]Profile{"X": FlatProfile()} }, ErrUnknownNode},
		{"zero profile", func(s *Spec) { s.Profiles = map[string]Profile{"A": {}} }, ErrZeroWeights},
		{"negative default profile", func(s *Spec) { s.DefaultProfile = Profile{-1, 2} }, ErrNegativeWeight},
		{"linked without revenue", func(s *Spec) {
			s.Targets[0].Metric = "units"
			s.ExpenseRatio = &Rates{Default: dec("0.1")}
		}, ErrInvalidMetric},
		{"linked and target", func(s *Spec) {
			s.Targets = append(s.Targets, Target{Metric: Expense, Annual: dec("1")})
			s.ExpenseRatio = &Rates{Default: dec("0.1")}
		}, ErrInvalidMetric},
		{"negative expense ratio", func(s *Spec) { s.ExpenseRatio = &Rates{Default: dec("-0.1")} }, ErrInvalidRate},
		{"margin above one", func(s *Spec) { s.GrossMargin = &Rates{Default: dec("1.5")} }, ErrInvalidRate},
		{"margin for unknown node", func(s *Spec) {
			s.GrossMargin = &Rates{ByNode: map[string]decimal.Decimal{"X": dec("0.1")}}
		}, ErrUnknownNode},
		{"terms not summing to one", func(s *Spec) {
			s.Collection = &CollectionRule{Terms: decs("0.5", "0.4")}
		}, ErrInvalidRate},
		{"no terms", func(s *Spec) { s.Collection = &CollectionRule{} }, ErrInvalidRate},
		{"negative term", func(s *Spec) { s.Collection = &CollectionRule{Terms: decs("1.5", "-0.5")} }, ErrNegativeWeight},
		{"opening for unknown node", func(s *Spec) {
			s.Collection = &CollectionRule{Terms: decs("1"), Opening: map[string]decimal.Decimal{"X": dec("1")}}
		}, ErrUnknownNode},
		{"opening not a multiple", func(s *Spec) {
			s.Collection = &CollectionRule{Terms: decs("1"), Opening: map[string]decimal.Decimal{"A": dec("0.001")}}
		}, ErrNotMultiple},
		{"zero opening terms", func(s *Spec) {
			s.Collection = &CollectionRule{Terms: decs("1"), OpeningTerms: decs("0")}
		}, ErrInvalidRate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base()
			tt.modify(&s)
			if _, err := NewPlan(s); !errors.Is(err, tt.want) {
				t.Errorf("NewPlan() = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestLinkedMetrics(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for k := range 40 {
		s := randomSpec(r, dec("98765432.10"))
		s.Targets = s.Targets[:1]
		s.Collection = &CollectionRule{
			Terms:   decs("0.25", "0.5", "0.125", "0.125"),
			Opening: map[string]decimal.Decimal{s.Tree.Root(): dec("5000000"), s.Tree.Leaves()[0]: dec("1000.01")},
		}
		s.ExpenseRatio = &Rates{Default: dec("0.2"), ByNode: map[string]decimal.Decimal{s.Tree.Leaves()[0]: dec("0.35")}}
		s.GrossMargin = &Rates{Default: dec("0.3")}
		p, err := NewPlan(s)
		if err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		if mm := p.Check(); mm != nil {
			t.Fatalf("case %d: %v", k, mm[0])
		}
		leaves := make([]int64, p.tree.Len())
		for i := p.tree.Len() - 1; i >= 0; i-- {
			if len(p.tree.kids(i)) == 0 {
				leaves[i] = 1
			}
			if pi := int(p.tree.parent[i]); pi >= 0 {
				leaves[pi] += leaves[i]
			}
		}
		rev, col := p.midx[Revenue], p.midx[Collection]
		exp, pro := p.midx[Expense], p.midx[Profit]
		for i, n := range p.tree.nodes {
			rv, cl := p.row(rev, i), p.row(col, i)
			closing := p.opening[i] + rv[FY] - cl[FY]
			// What stays uncollected is the tail of the last months' sales.
			tail := mustRate(rv[M12], dec("0.75")) + mustRate(rv[M11], dec("0.25")) + mustRate(rv[M10], dec("0.125"))
			if d := closing - tail; d < -3*leaves[i] || d > 3*leaves[i] {
				t.Fatalf("case %d node %s: closing receivables %d, tail of sales %d", k, n.ID, closing, tail)
			}
			if len(p.tree.kids(i)) > 0 {
				continue
			}
			ratio := s.ExpenseRatio.Default
			if v, ok := s.ExpenseRatio.ByNode[n.ID]; ok {
				ratio = v
			}
			if got, want := p.row(exp, i)[FY], mustRate(rv[FY], ratio); got != want {
				t.Fatalf("leaf %s expense %d, want %d", n.ID, got, want)
			}
			if got, want := p.row(pro, i)[FY], mustRate(rv[FY], dec("0.3"))-p.row(exp, i)[FY]; got != want {
				t.Fatalf("leaf %s profit %d, want %d", n.ID, got, want)
			}
		}
		c, err := p.ClosingReceivables(s.Tree.Root())
		if err != nil || c.Sign() < 0 {
			t.Fatalf("closing receivables %s, %v", c, err)
		}
	}
}

func TestPlanAccessors(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Unit: dec("10"),
		Targets: []Target{{Metric: Revenue, Annual: dec("1200")}}})
	if !p.Unit().Equal(dec("10")) || p.Calendar().StartYear != 2027 || p.Tree() != tree {
		t.Error("accessors return the wrong values")
	}
	am, err := p.Amounts("A", Revenue)
	if err != nil || len(am) != 19 || am[FY].String() != "1200" || am[Q1].String() != "300" {
		t.Errorf("Amounts() = %v, %v", am, err)
	}
	for _, bad := range []struct {
		node string
		m    Metric
		per  Period
		want error
	}{{"X", Revenue, FY, ErrUnknownNode}, {"A", "units", FY, ErrUnknownMetric}, {"A", Revenue, 30, ErrInvalidPeriod}} {
		if _, err := p.Amount(bad.node, bad.m, bad.per); !errors.Is(err, bad.want) {
			t.Errorf("Amount(%s, %s, %d) = %v, want %v", bad.node, bad.m, bad.per, err, bad.want)
		}
		if err := p.Set(bad.node, bad.m, bad.per, dec("10")); !errors.Is(err, bad.want) {
			t.Errorf("Set(%s, %s, %d) = %v, want %v", bad.node, bad.m, bad.per, err, bad.want)
		}
	}
	if err := p.Set("A", Revenue, M1, dec("5")); !errors.Is(err, ErrNotMultiple) {
		t.Errorf("Set(5 in units of 10) = %v", err)
	}
	if _, err := p.Amounts("X", Revenue); !errors.Is(err, ErrUnknownNode) {
		t.Errorf("Amounts(X) = %v", err)
	}
	if _, err := p.ClosingReceivables("A"); !errors.Is(err, ErrUnknownMetric) {
		t.Errorf("ClosingReceivables without collection = %v", err)
	}
	if _, err := p.ClosingReceivables("X"); !errors.Is(err, ErrUnknownNode) {
		t.Errorf("ClosingReceivables(X) = %v", err)
	}
	c := p.Clone()
	_ = c.Set("A", Revenue, M1, dec("1000"))
	if a, _ := p.Amount("A", Revenue, M1); !a.Equal(dec("100")) {
		t.Errorf("Clone shares cells: original now %s", a)
	}
	if len(c.Check()) == 0 || len(p.Check()) != 0 {
		t.Error("Set on the clone did not make only the clone incoherent")
	}
}

func TestGaps(t *testing.T) {
	tree := MustNewTree([]Node{
		{ID: "CO"}, {ID: "R1", Parent: "CO"}, {ID: "R2", Parent: "CO"},
		{ID: "A", Parent: "R1"}, {ID: "B", Parent: "R1"}, {ID: "C", Parent: "R2"},
	})
	p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027},
		Targets: []Target{{Metric: Revenue, Annual: dec("1200")}}})
	gaps, err := p.Gaps(Revenue, Q1, map[string]decimal.Decimal{"R1": dec("100"), "C": dec("200")})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, g := range gaps {
		got[g.Node] = fmt.Sprintf("%s-%s=%s %d/%d", g.TopDown, g.BottomUp, g.Gap, g.Committed, g.Leaves)
	}
	want := map[string]string{
		"CO": "300-300=0 3/3", "R1": "150-100=50 2/2", "A": "75-0=75 1/1", "B": "75-0=75 1/1",
		"R2": "150-200=-50 1/1", "C": "150-200=-50 1/1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Gaps mismatch (-want +got):\n%s", diff)
	}
	for _, bad := range []struct {
		name string
		m    Metric
		c    map[string]decimal.Decimal
		want error
	}{
		{"nested", Revenue, map[string]decimal.Decimal{"R1": dec("1"), "A": dec("1")}, ErrNestedCommitment},
		{"unknown node", Revenue, map[string]decimal.Decimal{"X": dec("1")}, ErrUnknownNode},
		{"unknown metric", "units", nil, ErrUnknownMetric},
		{"not a multiple", Revenue, map[string]decimal.Decimal{"A": dec("0.001")}, ErrNotMultiple},
	} {
		if _, err := p.Gaps(bad.m, FY, bad.c); !errors.Is(err, bad.want) {
			t.Errorf("%s: Gaps() = %v, want %v", bad.name, err, bad.want)
		}
	}
}

// mustRate is applyRate for amounts known to be in range.
func mustRate(u int64, rate decimal.Decimal) int64 {
	v, err := applyRate(u, rate)
	if err != nil {
		panic(err)
	}
	return v
}
