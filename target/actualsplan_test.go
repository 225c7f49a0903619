package target

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestReviewActualsOfAnotherPlan covers actuals made for another plan on the
// same tree: metrics in another order are re-keyed by name; another unit or
// another fiscal year is refused, naming the difference.
func TestReviewActualsOfAnotherPlan(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	plan := func(year int, unit string, metrics ...Metric) *Plan {
		var ts []Target
		for _, m := range metrics {
			ts = append(ts, Target{Metric: m, Annual: dec("12000")})
		}
		return MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: year}, Unit: dec(unit), Targets: ts})
	}
	p := plan(2027, "1", Revenue, Expense)
	asOf := ReviewConfig{AsOf: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)}

	t.Run("metrics in another order", func(t *testing.T) {
		other := plan(2027, "1", Expense, Revenue)
		a := other.NewActuals()
		if err := a.Set("A", Revenue, M1, dec("900")); err != nil {
			t.Fatal(err)
		}
		if err := a.Set("A", Expense, M1, dec("70")); err != nil {
			t.Fatal(err)
		}
		r, err := NewReview(p, a, asOf)
		if err != nil {
			t.Fatal(err)
		}
		rev, err := r.Month("A", Revenue, M1)
		if err != nil || !rev.Actual.Equal(dec("900")) {
			t.Errorf("revenue actual = %s, %v; want 900 (not the expense)", rev.Actual, err)
		}
		exp, _ := r.Month("A", Expense, M1)
		if !exp.Actual.Equal(dec("70")) {
			t.Errorf("expense actual = %s, want 70", exp.Actual)
		}
	})
	for _, tt := range []struct {
		name  string
		other *Plan
		what  string
	}{
		{"another unit", plan(2027, "1000", Revenue, Expense), "unit"},
		{"last year", plan(2026, "1", Revenue, Expense), "fiscal year"},
		{"other metrics", plan(2027, "1", Revenue, Profit), "metrics"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.other.NewActuals()
			_, err := NewReview(p, a, asOf)
			if !errors.Is(err, ErrMismatchedActuals) || !strings.Contains(err.Error(), tt.what) {
				t.Errorf("NewReview error = %v, want ErrMismatchedActuals naming the %s", err, tt.what)
			}
		})
	}
	t.Run("read for the plan", func(t *testing.T) {
		a, err := p.ReadActualsCSV(strings.NewReader("node,metric,period,amount\nA,revenue,2027-01,5\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got, _, _ := a.Amount("CO", Revenue, M1); !got.Equal(dec("5")) {
			t.Errorf("Amount(CO) = %s, want 5", got)
		}
	})
}
