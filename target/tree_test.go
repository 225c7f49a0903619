package target

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func TestNewTree(t *testing.T) {
	rows := []Node{
		{ID: "P2", Parent: "C1"},
		{ID: "R2", Parent: "CO"},
		{ID: "CO", Name: "Company"},
		{ID: "R1", Parent: "CO", Level: "zone"},
		{ID: "C1", Parent: "R1", History: decs("10", "20")},
		{ID: "P1", Parent: "C1"},
		{ID: "C2", Parent: "R1", History: decs("5")},
	}
	before := fmt.Sprint(rows)
	tree, err := NewTree(rows)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(rows) != before {
		t.Error("NewTree modified its rows")
	}
	var got []string
	for _, n := range tree.Nodes() {
		got = append(got, fmt.Sprintf("%s:%s:%s:%d", tree.Path(n.ID), n.Level, n.Name, tree.Depth(n.ID)))
	}
	want := []string{
		"CO:company:Company:0",
		"CO/R2:region:R2:1",
		"CO/R1:zone:R1:1",
		"CO/R1/C1:industry:C1:2",
		"CO/R1/C1/P2:customer:P2:3",
		"CO/R1/C1/P1:customer:P1:3",
		"CO/R1/C2:industry:C2:2",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tree mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"R2", "P2", "P1", "C2"}, tree.Leaves()); diff != "" {
		t.Errorf("Leaves() mismatch (-want +got):\n%s", diff)
	}
	if p, ok := tree.Parent("P1"); !ok || p != "C1" {
		t.Errorf("Parent(P1) = %q, %v", p, ok)
	}
	if _, ok := tree.Parent("CO"); ok {
		t.Error("the root has a parent")
	}
	if tree.Root() != "CO" || tree.Len() != 7 {
		t.Errorf("Root() = %q, Len() = %d", tree.Root(), tree.Len())
	}
	if tree.Depth("nope") != -1 || tree.Path("nope") != "" || tree.Children("nope") != nil {
		t.Error("unknown IDs are not reported")
	}
	if _, ok := tree.Node("nope"); ok {
		t.Error("Node(nope) found")
	}
	// History aggregates from the children, aligned on the latest period.
	if diff := cmp.Diff([]float64{10, 25}, tree.history[tree.byID.pos("R1")]); diff != "" {
		t.Errorf("R1 history mismatch (-want +got):\n%s", diff)
	}
	// Returned nodes are copies.
	n, _ := tree.Node("C1")
	n.History[0] = decimal.NewFromInt(999)
	if again, _ := tree.Node("C1"); again.History[0].IntPart() != 10 {
		t.Error("Node returns shared history")
	}
}

func TestNewTreeErrors(t *testing.T) {
	tests := []struct {
		name string
		rows []Node
		want error
		msg  string
	}{
		{"empty", nil, ErrOrphan, "no row without parent"},
		{"empty ID", []Node{{ID: "A"}, {ID: "", Parent: "A"}}, ErrInvalidID, "tree row 2"},
		{"slash in ID", []Node{{ID: "A/B"}}, ErrInvalidID, "tree row 1"},
		{"duplicate", []Node{{ID: "A"}, {ID: "B", Parent: "A"}, {ID: "B", Parent: "A"}}, ErrDuplicateID, "tree row 3"},
		{"two roots", []Node{{ID: "A"}, {ID: "B"}}, ErrOrphan, "tree row 2"},
		{"unknown parent", []Node{{ID: "A"}, {ID: "B", Parent: "X"}}, ErrUnknownParent, "tree row 2"},
		{"cycle", []Node{{ID: "A"}, {ID: "B", Parent: "C"}, {ID: "C", Parent: "B"}}, ErrCycle, "tree row 2"},
		{"self parent", []Node{{ID: "A"}, {ID: "B", Parent: "B"}}, ErrCycle, "tree row 2"},
		{"negative weight", []Node{{ID: "A", Weight: dec("-1")}}, ErrNegativeWeight, "tree row 1"},
		{"negative history", []Node{{ID: "A", History: decs("1", "-1")}}, ErrNegativeWeight, "history 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewTree(tt.rows)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("NewTree() = %v, want %v naming %q", err, tt.want, tt.msg)
			}
		})
	}
}

func TestReadTree(t *testing.T) {
	const data = "\ufeffID,Parent,name,level,weight,potential,history2025,history2026\n" +
		"CO,,Company,,,,,\n" +
		"A,CO,,,2,100,10,\n" +
		"B,CO,Bee,,1.5,,,30\n"
	tree, err := ReadTree(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := tree.Node("A")
	b, _ := tree.Node("B")
	if !a.Weight.Equal(dec("2")) || !a.Potential.Equal(dec("100")) || b.Name != "Bee" {
		t.Errorf("A = %+v, B = %+v", a, b)
	}
	if diff := cmp.Diff([]string{"10", "0"}, strs(a.History)); diff != "" {
		t.Errorf("A history mismatch:\n%s", diff)
	}
	co, _ := tree.Node("CO")
	if co.History != nil {
		t.Errorf("CO history = %v, want none of its own", co.History)
	}
	if diff := cmp.Diff([]float64{10, 30}, tree.history[0]); diff != "" {
		t.Errorf("CO aggregated history mismatch:\n%s", diff)
	}
}

func TestReadTreeErrors(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		line  int
		field string
		want  error
	}{
		{"empty", "", 1, "", ErrSyntax},
		{"no parent column", "id\nA\n", 1, "parent", ErrSyntax},
		{"unknown column", "id,parent,colour\nA,,red\n", 1, "colour", ErrSyntax},
		{"repeated column", "id,parent,id\nA,,A\n", 1, "id", ErrSyntax},
		{"bad weight", "id,parent,weight\nA,,\nB,A,x\n", 3, "weight", ErrSyntax},
		{"bad potential", "id,parent,potential\nA,,1e\n", 2, "potential", ErrSyntax},
		{"bad history", "id,parent,history1\nA,,1\nB,A,?\n", 3, "history1", ErrSyntax},
		{"unknown parent", "id,parent\nA,\nB,A\nC,Z\n", 4, "id", ErrUnknownParent},
		{"ragged line", "id,parent\nA,\nB\n", 3, "", ErrSyntax},
		{"bad quote", "id,parent\n\"A,\n", 2, "", ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadTree(strings.NewReader(tt.data))
			checkParseError(t, "ReadTree", err, tt.line, tt.field, tt.want)
		})
	}
}

func FuzzReadTree(f *testing.F) {
	f.Add("id,parent\nA,\nB,A\n")
	f.Add("id,parent,name,level,weight,potential,history1,history2\nCO,,C,,,,,\nA,CO,,,2,100,10,\nB,CO,Bee,,1.5,,,30\n")
	f.Add("id,parent\nA,B\nB,A\n")
	f.Add("id,parent\nA,\nA,A\n")
	f.Fuzz(func(t *testing.T, data string) {
		tree, err := ReadTree(strings.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ReadTree error %v is not a ParseError", err)
			}
			return
		}
		// Every node is reachable from the root by its path, parents first.
		seen := map[string]bool{}
		for _, n := range tree.Nodes() {
			if n.Parent != "" && !seen[n.Parent] {
				t.Fatalf("node %q comes before its parent %q", n.ID, n.Parent)
			}
			seen[n.ID] = true
			if want := strings.Count(tree.Path(n.ID), "/"); tree.Depth(n.ID) != want {
				t.Fatalf("depth of %q = %d, path %q", n.ID, tree.Depth(n.ID), tree.Path(n.ID))
			}
		}
		if len(seen) != tree.Len() {
			t.Fatalf("%d distinct nodes, Len() = %d", len(seen), tree.Len())
		}
	})
}

func TestShares(t *testing.T) {
	tree := MustNewTree([]Node{
		{ID: "CO"},
		{ID: "A", Parent: "CO", Weight: dec("1"), Potential: dec("10"), History: decs("10", "0", "30")},
		{ID: "B", Parent: "CO", Weight: dec("2"), Potential: dec("0"), History: decs("30", "20", "10")},
		{ID: "C", Parent: "CO", Weight: dec("0"), Potential: dec("30")},
		{ID: "D", Parent: "A"},
	})
	tests := []struct {
		name string
		src  WeightSource
		want []string
	}{
		{"equal", WeightSource{}, []string{"0.333333333334", "0.333333333333", "0.333333333333"}},
		{"explicit", WeightSource{Method: Explicit}, []string{"0.333333333333", "0.666666666667", "0"}},
		// Sibling average: C gets the mean of A (40) and B (60), 50 of 150.
		{"history total, sibling average", WeightSource{Method: HistoryTotal, NoHistory: SiblingAverage}, []string{"0.266666666667", "0.4", "0.333333333333"}},
		{"history total, default is zero share", WeightSource{Method: HistoryTotal}, []string{"0.4", "0.6", "0"}},
		{"history total, zero share", WeightSource{Method: HistoryTotal, NoHistory: ZeroShare}, []string{"0.4", "0.6", "0"}},
		{"history total, last period", WeightSource{Method: HistoryTotal, Window: 1, NoHistory: ZeroShare}, []string{"0.75", "0.25", "0"}},
		{"history shares, zero share", WeightSource{Method: HistoryShares, NoHistory: ZeroShare}, []string{"0.333333333333", "0.666666666667", "0"}},
		{"history shares, window 2", WeightSource{Method: HistoryShares, Window: 2, NoHistory: ZeroShare}, []string{"0.375", "0.625", "0"}},
		{"potential", WeightSource{Method: Potential}, []string{"0.25", "0", "0.75"}},
		{"blend", WeightSource{Method: HistoryPotential, HistoryShare: 0.5, NoHistory: ZeroShare}, []string{"0.325", "0.3", "0.375"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh, err := tree.Shares("CO", tt.src)
			if err != nil {
				t.Fatal(err)
			}
			sum := decimal.Zero
			var got []string
			for _, s := range sh {
				sum = sum.Add(s.Share)
				got = append(got, s.Share.String())
			}
			if !sum.Equal(decimal.NewFromInt(1)) {
				t.Errorf("shares sum to %s", sum)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Shares(%+v) mismatch (-want +got):\n%s", tt.src, diff)
			}
		})
	}
	leaf, err := tree.Shares("D", WeightSource{})
	if err != nil || len(leaf) != 0 {
		t.Errorf("Shares(leaf) = %v, %v", leaf, err)
	}
}

func TestSharesErrors(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	tests := []struct {
		name   string
		parent string
		src    WeightSource
		want   error
	}{
		{"unknown node", "X", WeightSource{}, ErrUnknownNode},
		{"no history", "CO", WeightSource{Method: HistoryTotal}, ErrNoHistory},
		{"no history shares", "CO", WeightSource{Method: HistoryShares}, ErrNoHistory},
		{"zero explicit", "CO", WeightSource{Method: Explicit}, ErrZeroWeights},
		{"zero potential", "CO", WeightSource{Method: Potential}, ErrZeroWeights},
		{"bad method", "CO", WeightSource{Method: 99}, ErrUnknownOption},
		{"bad policy", "CO", WeightSource{NoHistory: 9}, ErrUnknownOption},
		{"negative window", "CO", WeightSource{Window: -1}, ErrInvalidSpec},
		{"blend share", "CO", WeightSource{Method: HistoryPotential, HistoryShare: 2}, ErrInvalidRate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tree.Shares(tt.parent, tt.src); !errors.Is(err, tt.want) {
				t.Errorf("Shares(%q, %+v) = %v, want %v", tt.parent, tt.src, err, tt.want)
			}
		})
	}
}

func TestGrow(t *testing.T) {
	tests := []struct {
		base, g, a string
		m          GrowthMethod
		want       string
	}{
		{"1000", "0.1", "0.05", Compound, "1045"},
		{"1000", "0.1", "0.05", Additive, "1050"},
		{"1000", "0", "0", Compound, "1000"},
		{"1000", "-0.2", "1", Additive, "-200"},
		{"-500", "0.1", "0", Compound, "-550"},
	}
	for _, tt := range tests {
		got, err := Grow(dec(tt.base), dec(tt.g), dec(tt.a), tt.m)
		if err != nil || !got.Equal(dec(tt.want)) {
			t.Errorf("Grow(%s, %s, %s, %v) = %s, %v; want %s", tt.base, tt.g, tt.a, tt.m, got, err, tt.want)
		}
	}
	for _, bad := range []struct {
		g, a string
		m    GrowthMethod
	}{{"-1", "0", Compound}, {"0", "-0.1", Compound}, {"0", "1.1", Additive}, {"0", "0", 7}} {
		if _, err := Grow(dec("1"), dec(bad.g), dec(bad.a), bad.m); !errors.Is(err, ErrInvalidRate) {
			t.Errorf("Grow(g=%s, a=%s, %v) = %v, want ErrInvalidRate", bad.g, bad.a, bad.m, err)
		}
	}
	for _, s := range []fmt.Stringer{Compound, Additive, GrowthMethod(5), Equal, HistoryPotential, WeightMethod(40), SiblingAverage, ZeroShare, NoHistory(3), LargestRemainder, KeepLeftover, Mode(8)} {
		if s.String() == "" {
			t.Errorf("empty String() for %#v", s)
		}
	}
}

// TestPlanWithoutHistory checks that the default policy does not cut an
// established customer below its history to feed a new one, and that the
// plan reports the node the policy decided.
func TestPlanWithoutHistory(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"},
		{ID: "OLD", Parent: "CO", History: []decimal.Decimal{dec("1000")}},
		{ID: "NEW", Parent: "CO"}})
	spec := Spec{Tree: tree, Calendar: Calendar{StartYear: 2027},
		Targets:        []Target{{Metric: Revenue, Annual: dec("1200")}, {Metric: Profit, Annual: dec("120")}},
		DefaultWeights: WeightSource{Method: HistoryTotal}}
	p := MustNewPlan(spec)
	if got, _ := p.Amount("OLD", Revenue, FY); !got.Equal(dec("1200")) {
		t.Errorf("OLD revenue = %s, want 1200 (all of the growth)", got)
	}
	want := []NoHistoryUse{{Node: "NEW", Policy: ZeroShare, Metrics: []Metric{Revenue, Profit}}}
	if diff := cmp.Diff(want, p.WithoutHistory()); diff != "" {
		t.Errorf("WithoutHistory() mismatch (-want +got):\n%s", diff)
	}
	spec.DefaultWeights.NoHistory = SiblingAverage
	q := MustNewPlan(spec)
	if got, _ := q.Amount("OLD", Revenue, FY); !got.Equal(dec("600")) {
		t.Errorf("OLD revenue with sibling average = %s, want 600", got)
	}
	if got := q.WithoutHistory(); len(got) != 1 || got[0].Policy != SiblingAverage {
		t.Errorf("WithoutHistory() = %+v, want NEW by sibling average", got)
	}
}

// firstFaultSequential is NewTree's check of the rows alone as it was
// before the checks ran in parallel chunks: every check of a row, in
// order, before the next row's.
func firstFaultSequential(rows []Node) error {
	seen := map[string]int{}
	root := -1
	for i, r := range rows {
		var pot float64
		if err := checkRowID(i, r); err != nil {
			return err
		}
		if j, dup := seen[r.ID]; dup {
			return fmt.Errorf("tree row %d: id %q already on row %d: %w", i+1, r.ID, j+1, ErrDuplicateID)
		}
		seen[r.ID] = i
		if r.Parent == "" {
			if root >= 0 {
				return fmt.Errorf("tree row %d: id %q has no parent but row %d (%q) is the root: %w",
					i+1, r.ID, root+1, rows[root].ID, ErrOrphan)
			}
			root = i
		}
		if err := checkRowValues(i, r, &pot); err != nil {
			return err
		}
	}
	return nil
}

// TestNewTreeFirstFaultInParallel: with rows checked in chunks on several
// goroutines, NewTree still reports the first row at fault, and for it the
// first of its faults in the order of the checks, whatever the faults and
// the chunks they fall in.
func TestNewTreeFirstFaultInParallel(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	n := parallelRows + ownerChunk + 123
	faults := []func(*Node){
		func(nd *Node) { nd.ID = "" },
		func(nd *Node) { nd.ID = "x/y" },
		func(nd *Node) { nd.Name = "a\rb" },
		func(nd *Node) { nd.ID = "N1" },   // a duplicate of row 1
		func(nd *Node) { nd.Parent = "" }, // a second root
		func(nd *Node) { nd.Weight = dec("-1") },
		func(nd *Node) { nd.Potential = decimal.New(1, 400) },
		func(nd *Node) { nd.History = decs("1", "-2") },
	}
	for trial := range 40 {
		rows := make([]Node, n)
		rows[0] = Node{ID: "root"}
		for i := 1; i < n; i++ {
			rows[i] = Node{ID: "N" + strconv.Itoa(i), Parent: "root", Potential: decimal.New(int64(i), -2)}
		}
		for range 1 + r.IntN(3) {
			i := 2 + r.IntN(n-2)
			if trial%4 == 0 {
				i = ownerChunk*(1+r.IntN(2)) - 1 + r.IntN(3) // at a chunk's edge
			}
			faults[r.IntN(len(faults))](&rows[i])
			if r.IntN(3) == 0 { // two faults on one row
				faults[r.IntN(len(faults))](&rows[i])
			}
		}
		want := firstFaultSequential(rows)
		_, err := NewTree(rows)
		if want == nil || err == nil || err.Error() != "target: "+want.Error() {
			t.Fatalf("trial %d: NewTree: %v, want target: %v", trial, err, want)
		}
	}
}
