package target

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestIDIndexMatchesMap checks the index against a Go map over IDs with
// duplicates, shared prefixes and the empty string, before and after a
// remap to new positions.
func TestIDIndexMatchesMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 7, 100, 5000} {
		nodes := make([]Node, n)
		for i := range nodes {
			nodes[i].ID = "N" + strconv.Itoa(rng.IntN(n+1)) // about a third repeat
		}
		x := newIDIndex(n, nodes)
		want := map[string]int{}
		for i := range nodes {
			got, fresh := x.insert(i)
			w, dup := want[nodes[i].ID]
			if !dup {
				want[nodes[i].ID], w = i, i
			}
			if fresh == dup || got != w {
				t.Fatalf("n %d: insert(%d %q) = %d, %v; want %d, %v", n, i, nodes[i].ID, got, fresh, w, !dup)
			}
		}
		if load := float64(len(want)) / float64(len(x.slots)); load > 2.0/3 {
			t.Errorf("n %d: load %.2f", n, load)
		}
		check := func(what string, pos func(int) int, at []Node) {
			for id, i := range want {
				if got, ok := x.get(id); !ok || got != pos(i) || at[got].ID != id {
					t.Fatalf("n %d %s: get(%q) = %d, %v; want %d", n, what, id, got, ok, pos(i))
				}
			}
			for _, id := range []string{"", "N", "M1", "N" + strconv.Itoa(n+1), "N01"} {
				if _, ok := want[id]; !ok && x.has(id) {
					t.Fatalf("n %d %s: has(%q)", n, what, id)
				}
			}
		}
		check("built", func(i int) int { return i }, nodes)
		// Reverse the positions, as NewTree moves rows to pre-order.
		to := make([]int, n)
		moved := make([]Node, n)
		for i := range to {
			to[i] = n - 1 - i
			moved[n-1-i] = nodes[i]
		}
		x.remap(to, moved)
		check("remapped", func(i int) int { return n - 1 - i }, moved)
	}
	var zero idIndex
	if zero.has("x") || zero.pos("x") != 0 {
		t.Error("zero idIndex finds an ID")
	}
}

// TestPlanUnknownProfileDeterministic checks that of several profiles for
// IDs not in the tree, NewPlan names the least, every time, whichever
// route (few profiles or one per node) it takes.
func TestPlanUnknownProfileDeterministic(t *testing.T) {
	rows := []Node{{ID: "co"}}
	for i := range 8 {
		rows = append(rows, Node{ID: fmt.Sprint("r", i), Parent: "co"})
	}
	tree, err := NewTree(rows)
	if err != nil {
		t.Fatal(err)
	}
	for _, known := range []int{0, 8} {
		profiles := map[string]Profile{"zz": FlatProfile(), "b9": FlatProfile(), "q1": FlatProfile()}
		for i := range known {
			profiles[fmt.Sprint("r", i)] = FlatProfile()
		}
		for range 20 {
			_, err := NewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2026}, Profiles: profiles,
				Targets: []Target{{Metric: Revenue, Annual: dec("1200")}}})
			if !errors.Is(err, ErrUnknownNode) || err.Error() != `target: plan: profile for "b9": unknown node` {
				t.Fatalf("%d known profiles: %v", known, err)
			}
		}
	}
}
