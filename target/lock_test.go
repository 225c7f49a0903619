package target

import (
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

type lockedCell struct {
	node string
	per  Period
	u    int64
}

// TestLockProperties locks random cells of random plans and checks after
// every lock that the plan is coherent, that every lock still holds, and that
// the company total moves only when the root itself is locked; a refused lock
// must leave the plan as it was.
func TestLockProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	accepted, refused := 0, 0
	for k := range 120 {
		s := randomSpec(r, dec("12345678.90"))
		p := MustNewPlan(s)
		nodes := p.tree.Nodes()
		var locks []lockedCell
		for range 6 {
			n := nodes[r.IntN(len(nodes))]
			i := p.tree.byID.pos(n.ID)
			var per Period
			switch r.IntN(4) {
			case 0:
				per = FY
			case 1:
				per = Quarter(1 + r.IntN(4))
			default:
				per = Month(1 + r.IntN(12))
			}
			cur := p.row(0, i)[per]
			u := cur + r.Int64N(2*max(cur, 1000)+1) - max(cur, 1000)
			before := slices.Clone(p.cells)
			rootFY := p.row(0, 0)[FY]
			err := p.Lock(n.ID, Revenue, per, decimal.New(u, -2))
			if err != nil {
				if !errors.Is(err, ErrLockConflict) {
					t.Fatalf("case %d: Lock(%s %s) unexpected error %v", k, n.ID, per, err)
				}
				if !slices.Equal(before, p.cells) {
					t.Fatalf("case %d: refused Lock(%s %s) changed the plan", k, n.ID, per)
				}
				refused++
				continue
			}
			accepted++
			locks = append(locks, lockedCell{n.ID, per, u})
			if mm := p.Check(); mm != nil {
				t.Fatalf("case %d: after Lock(%s %s = %d): %d mismatches, first %v", k, n.ID, per, u, len(mm), mm[0])
			}
			for _, l := range locks {
				if got := p.row(0, p.tree.byID.pos(l.node))[l.per]; got != l.u {
					// A later lock may legitimately override an earlier one
					// on the same cell.
					if !relocked(locks, l) {
						t.Fatalf("case %d: lock %s %s = %d no longer holds: %d", k, l.node, l.per, l.u, got)
					}
				}
			}
			if i != 0 && p.row(0, 0)[FY] != rootFY {
				t.Fatalf("case %d: locking %s %s moved the company total", k, n.ID, per)
			}
			if !p.Locked(n.ID, Revenue, per) {
				t.Fatalf("case %d: %s %s not reported locked", k, n.ID, per)
			}
			// The other metric is untouched by revenue locks.
			size := p.tree.Len() * 12 // the months of metric 0 come first
			if !slices.Equal(before[size:], p.cells[size:]) {
				t.Fatalf("case %d: the visits metric changed", k)
			}
		}
	}
	if accepted < 200 || refused == 0 {
		t.Errorf("accepted %d locks and refused %d; the generator should exercise both", accepted, refused)
	}
}

// relocked reports whether a later lock covers the same cell as l.
func relocked(locks []lockedCell, l lockedCell) bool {
	seen := false
	for _, m := range locks {
		if m == l {
			seen = true
			continue
		}
		if seen && m.node == l.node {
			return true
		}
	}
	return false
}

func TestLockScenarios(t *testing.T) {
	tree := MustNewTree([]Node{
		{ID: "CO"},
		{ID: "R1", Parent: "CO"}, {ID: "R2", Parent: "CO"},
		{ID: "A", Parent: "R1"}, {ID: "B", Parent: "R1"},
		{ID: "C", Parent: "R2"},
		{ID: "C1", Parent: "C"},
	})
	build := func() *Plan {
		return MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Unit: dec("1"),
			Targets: []Target{{Metric: Revenue, Annual: dec("2400")}, {Metric: Profit, Annual: dec("240")}}})
	}
	amount := func(p *Plan, id string, per Period) int64 {
		return p.row(0, p.tree.byID.pos(id))[per]
	}

	t.Run("year lock moves siblings only", func(t *testing.T) {
		p := build()
		if err := p.Lock("A", Revenue, FY, dec("1000")); err != nil {
			t.Fatal(err)
		}
		if amount(p, "A", FY) != 1000 || amount(p, "B", FY) != 200 || amount(p, "R2", FY) != 1200 || amount(p, "C1", M3) != 100 {
			t.Errorf("A %d B %d R2 %d C1 Mar %d", amount(p, "A", FY), amount(p, "B", FY), amount(p, "R2", FY), amount(p, "C1", M3))
		}
	})
	t.Run("sole child pushes the change up", func(t *testing.T) {
		p := build()
		if err := p.Lock("C1", Revenue, M1, dec("300")); err != nil {
			t.Fatal(err)
		}
		// C and R2 follow C1's January. R1 plans only 100 in January, so
		// taking 200 from it would turn its January negative: the change goes
		// up to the company's January, and its other months give it up.
		// Years stay.
		if amount(p, "C", M1) != 300 || amount(p, "R2", M1) != 300 || amount(p, "R1", M1) != 100 || amount(p, "CO", M1) != 400 {
			t.Errorf("C %d R2 %d R1 %d CO %d", amount(p, "C", M1), amount(p, "R2", M1), amount(p, "R1", M1), amount(p, "CO", M1))
		}
		if amount(p, "R2", FY) != 1200 || amount(p, "CO", FY) != 2400 {
			t.Errorf("years moved: R2 %d CO %d", amount(p, "R2", FY), amount(p, "CO", FY))
		}
	})
	t.Run("sole child year lock reaching the root is refused", func(t *testing.T) {
		p := MustNewPlan(Spec{Tree: MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}}), Calendar: Calendar{StartYear: 2027},
			Targets: []Target{{Metric: Revenue, Annual: dec("100")}}})
		if err := p.Lock("A", Revenue, FY, dec("50")); !errors.Is(err, ErrLockConflict) {
			t.Errorf("Lock = %v, want ErrLockConflict", err)
		}
		// Locking the root itself is how the total changes.
		if err := p.Lock("CO", Revenue, FY, dec("50")); err != nil {
			t.Fatal(err)
		}
		if a, _ := p.Amount("A", Revenue, FY); !a.Equal(dec("50")) {
			t.Errorf("A = %s after the root lock", a)
		}
	})
	t.Run("root month lock", func(t *testing.T) {
		p := build()
		if err := p.Lock("CO", Revenue, M12, dec("600")); err != nil {
			t.Fatal(err)
		}
		if amount(p, "CO", M12) != 600 || amount(p, "CO", FY) != 2400 || amount(p, "CO", M1) != 164 {
			t.Errorf("CO Dec %d FY %d Jan %d", amount(p, "CO", M12), amount(p, "CO", FY), amount(p, "CO", M1))
		}
		if mm := p.Check(); mm != nil {
			t.Fatal(mm[0])
		}
	})
	t.Run("quarter lock", func(t *testing.T) {
		p := build()
		if err := p.Lock("B", Revenue, Q2, dec("450")); err != nil {
			t.Fatal(err)
		}
		if amount(p, "B", Q2) != 450 || amount(p, "B", M4) != 150 || !p.Locked("B", Revenue, Q2) || !p.Locked("B", Revenue, M5) {
			t.Errorf("B Q2 %d Apr %d", amount(p, "B", Q2), amount(p, "B", M4))
		}
		if err := p.Unlock("B", Revenue, Q2); err != nil || p.Locked("B", Revenue, M5) {
			t.Errorf("Unlock(Q2) = %v, M5 locked %v", err, p.Locked("B", Revenue, M5))
		}
	})
	t.Run("siblings all locked", func(t *testing.T) {
		p := build()
		if err := p.Lock("A", Revenue, FY, dec("500")); err != nil {
			t.Fatal(err)
		}
		// R1 is not locked, so R1's total stays and B takes the rest.
		if amount(p, "B", FY) != 700 {
			t.Errorf("B = %d, want 700", amount(p, "B", FY))
		}
		// With A locked, locking R1 moves B; with B locked too, A and B fix
		// R1 and a different R1 cannot hold.
		if err := p.Lock("R1", Revenue, FY, dec("1300")); err != nil {
			t.Fatal(err)
		}
		if amount(p, "B", FY) != 800 || amount(p, "R2", FY) != 1100 {
			t.Errorf("B = %d, R2 = %d; want 800, 1100", amount(p, "B", FY), amount(p, "R2", FY))
		}
		if err := p.Lock("B", Revenue, FY, dec("800")); err != nil {
			t.Fatal(err)
		}
		before := slices.Clone(p.cells)
		if err := p.Lock("R1", Revenue, FY, dec("1400")); !errors.Is(err, ErrLockConflict) {
			t.Errorf("Lock(R1) with A and B locked = %v, want ErrLockConflict", err)
		}
		if !slices.Equal(before, p.cells) {
			t.Error("the refused lock changed the plan")
		}
		if err := p.Lock("B", Revenue, FY, dec("100")); !errors.Is(err, ErrLockConflict) {
			t.Errorf("Lock(B) with A and R1 locked = %v, want ErrLockConflict", err)
		}
	})
	t.Run("all months locked", func(t *testing.T) {
		p := build()
		for m := 1; m <= 12; m++ {
			if err := p.Lock("A", Revenue, Month(m), dec("50")); err != nil {
				t.Fatalf("month %d: %v", m, err)
			}
		}
		if amount(p, "A", FY) != 600 || amount(p, "B", FY) != 600 {
			t.Errorf("A FY = %d, B FY = %d", amount(p, "A", FY), amount(p, "B", FY))
		}
		if err := p.Lock("A", Revenue, FY, dec("700")); !errors.Is(err, ErrLockConflict) {
			t.Errorf("Lock(A FY) with all months locked = %v, want ErrLockConflict", err)
		}
	})
	t.Run("errors", func(t *testing.T) {
		p := build()
		if err := p.Lock("X", Revenue, FY, dec("1")); !errors.Is(err, ErrUnknownNode) {
			t.Errorf("Lock(X) = %v", err)
		}
		if err := p.Lock("A", Revenue, FY, dec("0.5")); !errors.Is(err, ErrNotMultiple) {
			t.Errorf("Lock(0.5) = %v", err)
		}
		if err := p.Unlock("X", Revenue, FY); !errors.Is(err, ErrUnknownNode) {
			t.Errorf("Unlock(X) = %v", err)
		}
		if p.Locked("X", Revenue, FY) {
			t.Error("Locked(X)")
		}
		_ = p.Set("A", Revenue, M1, dec("1"))
		if err := p.Lock("B", Revenue, FY, dec("1")); !errors.Is(err, ErrIncoherent) {
			t.Errorf("Lock on an incoherent plan = %v", err)
		}
		// The other metric is still coherent and can be locked.
		if err := p.Lock("B", Profit, FY, dec("100")); err != nil {
			t.Errorf("Lock(profit) = %v", err)
		}
	})
	t.Run("linked metric", func(t *testing.T) {
		p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027},
			Targets: []Target{{Metric: Revenue, Annual: dec("2400")}}, ExpenseRatio: &Rates{Default: dec("0.25")}})
		if err := p.Lock("A", Expense, FY, dec("1")); !errors.Is(err, ErrDerivedMetric) {
			t.Errorf("Lock(expense) = %v, want ErrDerivedMetric", err)
		}
		if err := p.Lock("A", Revenue, FY, dec("1000")); err != nil {
			t.Fatal(err)
		}
		if e, _ := p.Amount("A", Expense, FY); !e.Equal(dec("250")) {
			t.Errorf("A expense after the revenue lock = %s, want 250", e)
		}
	})
}

func TestFit2DMixedSigns(t *testing.T) {
	// Rows of opposite signs (a loss-making and a profitable customer).
	seed := []int64{-10, -10, -10, -10, -10, -10, -10, -10, -10, -10, -10, -10,
		30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30}
	lock := make([]bool, 24)
	lock[0] = true
	rowT := []int64{-150, 390}
	colT := [12]int64{20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20}
	got, err := fit2D(seed, lock, rowT, colT)
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != -10 {
		t.Errorf("locked cell moved to %d", got[0])
	}
	for k, want := range rowT {
		var s int64
		for m := range 12 {
			s += got[12*k+m]
		}
		if s != want {
			t.Errorf("row %d sums to %d, want %d", k, s, want)
		}
	}
	for m, want := range colT {
		if s := got[m] + got[12+m]; s != want {
			t.Errorf("month %d sums to %d, want %d", m+1, s, want)
		}
	}
}
