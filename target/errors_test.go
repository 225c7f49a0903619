package target

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestErrorPrefixOnce checks that errors from exported functions start with
// the package prefix and carry it exactly once, including errors that pass
// through several layers (a parse error inside a file reader, a lock
// conflict inside a rebalance) and errors of the money kernel.
func TestErrorPrefixOnce(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	plan := func() *Plan {
		return MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027},
			Targets: []Target{{Metric: Revenue, Annual: dec("100")}}})
	}
	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"csv amount", func() error {
			_, err := ReadCSV(strings.NewReader("path,level,metric,period,amount\nCO,company,revenue,2027-01,abc\n"), dec("0.01"))
			return err
		}, ErrSyntax},
		{"lock conflict", func() error { return plan().Lock("A", Revenue, FY, dec("50")) }, ErrLockConflict},
		{"allocate unit", func() error { _, err := Allocate(dec("1"), decs("1"), dec("0")); return err }, ErrInvalidUnit},
		{"allocate overflow-free zero weights", func() error { _, err := Allocate(dec("1"), decs("0"), dec("1")); return err }, ErrZeroWeights},
		{"plan not multiple", func() error {
			_, err := NewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Targets: []Target{{Metric: Revenue, Annual: dec("0.001")}}})
			return err
		}, ErrNotMultiple},
		{"plan overflow", func() error {
			_, err := NewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Targets: []Target{{Metric: Revenue, Annual: dec("1e17")}}})
			return err
		}, ErrOverflow},
		{"calendar inside plan", func() error {
			_, err := NewPlan(Spec{Tree: tree, Targets: []Target{{Metric: Revenue, Annual: dec("1")}}})
			return err
		}, ErrInvalidCalendar},
		{"tree", func() error { _, err := NewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "X"}}); return err }, ErrUnknownParent},
		{"set", func() error { return plan().Set("A", Revenue, M1, dec("0.001")) }, ErrNotMultiple},
		{"period", func() error { _, err := ParsePeriod("M13"); return err }, ErrInvalidPeriod},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "target: ") || strings.Count(msg, "target:") != 1 {
				t.Errorf("error %q: want the prefix \"target: \" exactly once, at the start", msg)
			}
		})
	}
}

func TestUnknownLevel(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "N", Parent: "CO"}, {ID: "A", Parent: "N", Level: "customer"}})
	if got, want := tree.Levels(), []string{"company", "region", "customer"}; !slices.Equal(got, want) {
		t.Errorf("Levels() = %q, want %q", got, want)
	}
	spec := Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Targets: []Target{{Metric: Revenue, Annual: dec("100")}}}
	spec.Weights = map[string]WeightSource{"regoin": {Method: Potential}}
	if _, err := NewPlan(spec); !errors.Is(err, ErrUnknownLevel) {
		t.Errorf("NewPlan(weights for %q) error = %v, want ErrUnknownLevel", "regoin", err)
	}
	spec.Weights = map[string]WeightSource{"region": {Method: Equal}}
	spec.Targets[0].Weights = map[string]WeightSource{"industry": {Method: Equal}}
	if _, err := NewPlan(spec); !errors.Is(err, ErrUnknownLevel) {
		t.Errorf("NewPlan(target weights for a missing level) error = %v, want ErrUnknownLevel", err)
	}
	spec.Targets[0].Weights = nil
	if _, err := NewPlan(spec); err != nil {
		t.Errorf("NewPlan(known level) error = %v", err)
	}
}
