package target

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// decimalEqual compares decimals by value, for cmp.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// randomRows returns the rows of a random tree in depth-first order, with
// names, levels, weights, potentials and histories on some of them.
func randomRows(r *rand.Rand, depth, maxKids int) []Node {
	rows := []Node{{ID: "n0", History: decs("5")}}
	var grow func(parent string, level int)
	grow = func(parent string, level int) {
		if level > depth {
			return
		}
		for range 1 + r.IntN(maxKids) {
			id := fmt.Sprintf("n%d", len(rows))
			n := Node{ID: id, Parent: parent, Potential: decimal.NewFromInt(r.Int64N(100))}
			if r.IntN(3) == 0 {
				n.Name = "name of " + id
			}
			if r.IntN(4) == 0 {
				n.Level = fmt.Sprintf("L%d", level)
			}
			if r.IntN(2) == 0 {
				n.Weight = decimal.NewFromInt(r.Int64N(50) + 1)
			}
			for range r.IntN(4) {
				n.History = append(n.History, decimal.NewFromInt(r.Int64N(1000)))
			}
			rows = append(rows, n)
			if r.IntN(3) > 0 {
				grow(id, level+1)
			}
		}
	}
	grow("n0", 1)
	return rows
}

// sameTree reports how two trees differ, "" when they are the same tree.
func sameTree(a, b *Tree) string {
	if d := cmp.Diff(a.nodes, b.nodes, decimalEqual); d != "" {
		return "nodes:\n" + d
	}
	for _, f := range []struct {
		name string
		a, b any
	}{
		{"parent", a.parent, b.parent}, {"kidStart", a.kidStart, b.kidStart}, {"kidFlat", a.kidFlat, b.kidFlat},
		{"depth", a.depth, b.depth}, {"history", a.history, b.history}, {"potential", a.potential, b.potential},
	} {
		if d := cmp.Diff(f.a, f.b); d != "" {
			return f.name + ":\n" + d
		}
	}
	for i, n := range a.nodes {
		if j, ok := b.Index(n.ID); !ok || j != i {
			return fmt.Sprintf("Index(%q) = %d, %t, want %d", n.ID, j, ok, i)
		}
	}
	return ""
}

// build adds the rows to a new builder, growing it first when grow is set,
// and builds the tree.
func build(rows []Node, grow bool) (*Tree, error) {
	var b TreeBuilder
	if grow {
		b.Grow(len(rows))
	}
	for _, r := range rows {
		b.Add(r)
	}
	return b.Build()
}

func TestTreeBuilderIsNewTree(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for k := range 200 {
		rows := randomRows(r, 1+r.IntN(5), 4)
		if k%2 == 1 { // any order, not only depth-first
			r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		}
		want, err := NewTree(rows)
		if err != nil {
			t.Fatalf("case %d: NewTree: %v", k, err)
		}
		for _, grow := range []bool{false, true} {
			got, err := build(rows, grow)
			if err != nil {
				t.Fatalf("case %d, grow %t: Build: %v", k, grow, err)
			}
			if d := sameTree(want, got); d != "" {
				t.Fatalf("case %d, grow %t: Build differs from NewTree: %s", k, grow, d)
			}
		}
	}
}

func TestTreeBuilderErrors(t *testing.T) {
	tests := []struct {
		name string
		rows []Node
		want error
	}{
		{"empty", nil, ErrOrphan},
		{"empty ID", []Node{{ID: "A"}, {ID: "", Parent: "A"}}, ErrInvalidID},
		{"duplicate", []Node{{ID: "A"}, {ID: "B", Parent: "A"}, {ID: "B", Parent: "A"}}, ErrDuplicateID},
		{"two roots", []Node{{ID: "A"}, {ID: "B"}}, ErrOrphan},
		{"unknown parent", []Node{{ID: "A"}, {ID: "B", Parent: "X"}}, ErrUnknownParent},
		{"cycle", []Node{{ID: "A"}, {ID: "B", Parent: "C"}, {ID: "C", Parent: "B"}}, ErrCycle},
		{"negative potential", []Node{{ID: "A"}, {ID: "B", Parent: "A", Potential: dec("-2")}}, ErrNegativeWeight},
		{"negative history", []Node{{ID: "A", History: decs("1", "-1")}}, ErrNegativeWeight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, want := NewTree(tt.rows)
			var b TreeBuilder
			for _, r := range tt.rows {
				b.Add(r)
			}
			tree, err := b.Build()
			if tree != nil || !errors.Is(err, tt.want) || err.Error() != want.Error() {
				t.Errorf("Build() = %v, %v; want nil, NewTree's %v", tree, err, want)
			}
			if n := b.Len(); n != 0 {
				t.Errorf("after a failed Build, Len() = %d, want 0", n)
			}
		})
	}
}

// buildKept builds b's tree and reports whether the tree's nodes are the
// rows the builder held, rather than a copy.
func buildKept(t *testing.T, b *TreeBuilder) (*Tree, bool) {
	t.Helper()
	held := &b.rows[0]
	tree, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return tree, &tree.nodes[0] == held
}

func TestTreeBuilderAdoptsDepthFirstRows(t *testing.T) {
	rows := randomRows(rand.New(rand.NewPCG(3, 4)), 4, 4)
	var b TreeBuilder
	b.Grow(len(rows))
	for _, r := range rows {
		b.Add(r)
	}
	tree, kept := buildKept(t, &b)
	if !kept {
		t.Error("depth-first rows were copied, not kept as the tree's nodes")
	}
	if cap(tree.nodes) != len(tree.nodes) {
		t.Errorf("the tree's nodes have capacity %d for %d nodes", cap(tree.nodes), len(tree.nodes))
	}
	// Rows out of depth-first order, or far below their capacity, are copied.
	b.Grow(2)
	b.Add(Node{ID: "B", Parent: "A"})
	b.Add(Node{ID: "A"})
	if _, kept := buildKept(t, &b); kept {
		t.Error("rows out of order were kept as the tree's nodes")
	}
	b.Grow(100)
	b.Add(Node{ID: "A"})
	if _, kept := buildKept(t, &b); kept {
		t.Error("one row in room for 100 was kept as the tree's nodes")
	}
}

func TestTreeBuilderCopiesAndEmpties(t *testing.T) {
	hist := decs("10", "20")
	var b TreeBuilder
	b.Add(Node{ID: "CO"})
	b.Add(Node{ID: "A", Parent: "CO", History: hist})
	if b.Len() != 2 {
		t.Fatalf("Len() = %d, want 2", b.Len())
	}
	hist[0] = dec("999") // the caller reuses its slice
	first, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if b.Len() != 0 {
		t.Fatalf("after Build, Len() = %d, want 0", b.Len())
	}
	// The builder is reusable, and the first tree keeps its rows.
	b.Add(Node{ID: "X"})
	b.Add(Node{ID: "Y", Parent: "X", Name: "why"})
	second, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	a, _ := first.Node("A")
	if d := cmp.Diff(decs("10", "20"), a.History, decimalEqual); d != "" {
		t.Errorf("A's history follows the caller's slice:\n%s", d)
	}
	if got := first.Nodes(); len(got) != 2 || got[1].ID != "A" {
		t.Errorf("first tree's nodes = %v", got)
	}
	if y, _ := second.Node("Y"); y.Name != "why" || y.Level != "region" {
		t.Errorf("second tree's Y = %+v", y)
	}
}

func TestTreeBuilderGrowNegativePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Grow(-1) did not panic")
		}
	}()
	var b TreeBuilder
	b.Grow(-1)
}

func TestTreeIndex(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "P", Parent: "C"}, {ID: "CO"}, {ID: "C", Parent: "CO"}, {ID: "D", Parent: "CO"}})
	for i, n := range tree.Nodes() {
		if j, ok := tree.Index(n.ID); !ok || j != i {
			t.Errorf("Index(%q) = %d, %t, want %d, true", n.ID, j, ok, i)
		}
	}
	if i, ok := tree.Index("nope"); ok || i != 0 {
		t.Errorf(`Index("nope") = %d, %t, want 0, false`, i, ok)
	}
}

// nodeProfiles returns the profiles of s by position in its tree.
func nodeProfiles(s Spec) []Profile {
	prs := make([]Profile, s.Tree.Len())
	for id, pr := range s.Profiles {
		i, _ := s.Tree.Index(id)
		prs[i] = pr
	}
	return prs
}

func TestNodeProfilesAreProfiles(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for k := range 100 {
		s := randomSpec(r, dec("987654321.05"))
		if k%10 == 0 { // profiles on most nodes: the other way through visitProfiles
			for _, n := range s.Tree.Nodes() {
				s.Profiles[n.ID] = randomProfile(r)
			}
		}
		want, err := NewPlan(s)
		if err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		s.NodeProfiles, s.Profiles = nodeProfiles(s), nil
		got, err := NewPlan(s)
		if err != nil {
			t.Fatalf("case %d: with NodeProfiles: %v", k, err)
		}
		if !sameAmounts(want, got) {
			t.Fatalf("case %d: the plan by NodeProfiles differs from the plan by Profiles", k)
		}
		if d := cmp.Diff(want.WithoutHistory(), got.WithoutHistory()); d != "" {
			t.Fatalf("case %d: WithoutHistory differs:\n%s", k, d)
		}
	}
}

func TestNodeProfilesErrors(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
	spec := func(prs []Profile, byID map[string]Profile) Spec {
		return Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Targets: []Target{{Metric: Revenue, Annual: dec("1200")}},
			NodeProfiles: prs, Profiles: byID}
	}
	bad := Profile{1, -1}
	nan := Profile{math.NaN()}
	tests := []struct {
		name string
		s    Spec
		want error
		same Spec // a spec by ID that gives the same error, when there is one
	}{
		{"too short", spec(make([]Profile, 2), nil), ErrInvalidSpec, Spec{}},
		{"too long", spec(make([]Profile, 4), nil), ErrInvalidSpec, Spec{}},
		{"both", spec(make([]Profile, 3), map[string]Profile{"A": FlatProfile()}), ErrInvalidSpec, Spec{}},
		{"negative", spec([]Profile{{}, {}, bad}, nil), ErrNegativeWeight, spec(nil, map[string]Profile{"B": bad})},
		{"NaN", spec([]Profile{{}, nan, {}}, nil), ErrInvalidWeight, spec(nil, map[string]Profile{"A": nan})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPlan(tt.s)
			if p != nil || !errors.Is(err, tt.want) || !strings.HasPrefix(err.Error(), "target: plan: ") {
				t.Fatalf("NewPlan() = %v, %v, want an error wrapping %v", p, err, tt.want)
			}
			if tt.same.Tree != nil {
				if _, want := NewPlan(tt.same); want == nil || err.Error() != want.Error() {
					t.Errorf("NewPlan() = %v, want Profiles' %v", err, want)
				}
			}
		})
	}
	// Zero profiles everywhere are no profiles at all.
	want := MustNewPlan(spec(nil, nil))
	if got := MustNewPlan(spec(make([]Profile, 3), nil)); !sameAmounts(want, got) {
		t.Error("zero NodeProfiles differ from no profiles")
	}
}

// FuzzTreeBuilder checks that the builder gives NewTree's tree or error
// for rows "id,parent,potential" a line each.
func FuzzTreeBuilder(f *testing.F) {
	f.Add("A,,\nB,A,1\nC,B,2\nD,A,\n")
	f.Add("B,A,\nA,,\n")
	f.Add("A,,\nB,C,\nC,B,\n")
	f.Add("A,,\nA,A,\n")
	f.Add("A,,-1\n")
	f.Fuzz(func(t *testing.T, data string) {
		var rows []Node
		for line := range strings.Lines(data) {
			fs := strings.SplitN(strings.TrimSuffix(line, "\n"), ",", 3)
			for len(fs) < 3 {
				fs = append(fs, "")
			}
			n := Node{ID: fs[0], Parent: fs[1]}
			if p, err := decimal.NewFromString(fs[2]); err == nil {
				n.Potential = p
			}
			rows = append(rows, n)
		}
		want, wantErr := NewTree(rows)
		got, err := build(rows, len(rows)%2 == 0)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("Build() error %v, NewTree's %v", err, wantErr)
		}
		if err == nil {
			if d := sameTree(want, got); d != "" {
				t.Fatalf("Build differs from NewTree: %s", d)
			}
		}
	})
}
