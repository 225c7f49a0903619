package tiering

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOverBudget(t *testing.T) {
	values := []float64{1000, 100, 90, 10}
	a, err := Assign(values, Options{Method: ByThresholds, Thresholds: [3]float64{50, 500, 5000}})
	if err != nil {
		t.Fatal(err)
	}
	// Value tier: mean 1,000, budget 15 % = 150. Standard: mean 95,
	// budget 9.5. Transactional: mean 10, budget 0.5.
	costs := []float64{160, 9, 12, 0.5}
	got, err := DefaultPolicies().OverBudget(values, costs, a)
	if err != nil {
		t.Fatal(err)
	}
	want := []Overrun{{Index: 0, Tier: Value, Cost: 160, Budget: 150}, {Index: 2, Tier: Standard, Cost: 12, Budget: 9.5}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("OverBudget mismatch (-want +got):\n%s", diff)
	}
	if _, err := DefaultPolicies().OverBudget(values, costs[:2], a); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("OverBudget with 2 costs: %v", err)
	}
	bad := DefaultPolicies()
	bad[Value].CostShare = 15
	if err := bad.Validate(); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("cost share 15: %v", err)
	}
	bad = DefaultPolicies()
	bad[Standard].Coverage = 9
	if err := bad.Validate(); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("coverage 9: %v", err)
	}
	if err := DefaultPolicies().Validate(); err != nil {
		t.Errorf("DefaultPolicies invalid: %v", err)
	}
	if Coverage(7).String() != "Coverage(7)" || Team.String() != "account team" {
		t.Error("coverage names")
	}
}
