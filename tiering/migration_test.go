package tiering

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMigration(t *testing.T) {
	before := map[string]Tier{"a": Strategic, "b": Value, "c": Standard, "d": Transactional, "e": Transactional, "f": Standard}
	after := map[string]Tier{"a": Strategic, "b": Standard, "c": Value, "d": Strategic, "e": Transactional, "new": Value}
	m, err := NewMigration(before, after)
	if err != nil {
		t.Fatal(err)
	}
	if m.Counts[Strategic][Strategic] != 1 || m.Counts[Value][Standard] != 1 || m.Counts[Transactional][Strategic] != 1 ||
		m.Left[Standard] != 1 || m.Arrived[Value] != 1 {
		t.Errorf("counts %v left %v arrived %v", m.Counts, m.Left, m.Arrived)
	}
	wantMoves := []Move{{"d", Transactional, Strategic}, {"b", Value, Standard}, {"c", Standard, Value}}
	if diff := cmp.Diff(wantMoves, m.Moves); diff != "" {
		t.Errorf("moves mismatch (-want +got):\n%s", diff)
	}
	p, ok := m.Probabilities()
	for i := range NumTiers {
		var s float64
		for _, v := range p[i] {
			s += v
		}
		if ok[i] && math.Abs(s-1) > 1e-12 {
			t.Errorf("row %s sums to %v", Tier(i), s)
		}
	}
	if p[Standard][NumTiers] != 0.5 || p[Standard][Value] != 0.5 {
		t.Errorf("standard row %v", p[Standard])
	}
	if _, err := NewMigration(map[string]Tier{"x": 7}, nil); !errors.Is(err, ErrUnknownTier) {
		t.Errorf("tier 7: %v", err)
	}
}

// TestMigrationClosedForms checks the chain against one-tier closed forms:
// with retention r, arrivals A and value R per period, the steady state is
// A/(1−r) and the lifetime value R/(1 − r/(1+d)).
func TestMigrationClosedForms(t *testing.T) {
	var m Migration
	m.Counts[Value][Value] = 80 // r = 0.8
	m.Left[Value] = 20
	m.Arrived[Value] = 30
	ss, err := m.SteadyState()
	if err != nil || math.Abs(ss[Value]-150) > 1e-9 {
		t.Errorf("SteadyState = %v, %v; want 150 in value", ss, err)
	}
	v, err := m.LifetimeValue([NumTiers]float64{Value: 100}, 0.1)
	if want := 100 / (1 - 0.8/1.1); err != nil || math.Abs(v[Value]-want) > 1e-9 {
		t.Errorf("LifetimeValue = %v, %v; want %v", v, err, want)
	}
	proj, err := m.Project([NumTiers]float64{Value: 100}, 2)
	if err != nil || math.Abs(proj[Value]-(100*0.64+30*0.8+30)) > 1e-9 {
		t.Errorf("Project(2) = %v, %v", proj, err)
	}
	// Nobody ever leaves: no steady state, no undiscounted value.
	var stay Migration
	stay.Counts[Standard][Standard] = 10
	stay.Arrived[Standard] = 1
	if _, err := stay.SteadyState(); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("SteadyState of a chain nobody leaves: %v", err)
	}
	if _, err := stay.LifetimeValue([NumTiers]float64{Standard: 1}, 0); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("undiscounted LifetimeValue of a chain nobody leaves: %v", err)
	}
	if v, err := stay.LifetimeValue([NumTiers]float64{Standard: 1}, 0.25); err != nil || math.Abs(v[Standard]-5) > 1e-9 {
		t.Errorf("LifetimeValue at 25 %% = %v, %v; want 5", v, err)
	}
	for _, d := range []float64{-1, 1, 10, math.NaN(), math.Inf(1)} {
		if _, err := m.LifetimeValue([NumTiers]float64{}, d); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("discount %v: %v", d, err)
		}
	}
	if _, err := m.Project([NumTiers]float64{-1}, 1); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("negative count: %v", err)
	}
}
