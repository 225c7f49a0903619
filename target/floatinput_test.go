package target

import (
	"errors"
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

// TestFloatInputsChecked covers float conversions that used to panic,
// wrap or return a plausible wrong number.
func TestFloatInputsChecked(t *testing.T) {
	funnel := func(conv float64, size string) Funnel {
		return Funnel{Stages: []Stage{{Name: "visits", Conversion: conv}, {Name: "deals"}}, DealSize: dec(size)}
	}
	months := func(v string) []decimal.Decimal {
		out := make([]decimal.Decimal, 12)
		for k := range out {
			out[k] = dec(v)
		}
		return out
	}
	t.Run("outcome with a huge deal size", func(t *testing.T) {
		_, err := funnel(0.5, "1e300").Outcome([]Activity{{Stage: "visits", Count: 1e9}}, dec("1"))
		if !errors.Is(err, ErrOverflow) {
			t.Errorf("Outcome error = %v, want ErrOverflow", err)
		}
	})
	t.Run("deal size beyond float64", func(t *testing.T) {
		for _, s := range []string{"1e400", "1e-400"} {
			if err := funnel(0.5, s).Validate(); !errors.Is(err, ErrInvalidRate) {
				t.Errorf("Validate(deal size %s) = %v, want ErrInvalidRate", s, err)
			}
		}
	})
	t.Run("targets with tiny conversions", func(t *testing.T) {
		_, err := funnel(1e-300, "1").Targets(months("1000000"))
		if !errors.Is(err, ErrOverflow) {
			t.Errorf("Targets error = %v, want ErrOverflow", err)
		}
	})
	t.Run("targets with 13 months", func(t *testing.T) {
		if _, err := funnel(0.5, "1").Targets(months("1")[:12:12]); err != nil {
			t.Fatal(err)
		}
		if _, err := funnel(0.5, "1").Targets(append(months("1"), dec("1"))); !errors.Is(err, ErrLength) {
			t.Errorf("Targets(13 months) error = %v, want ErrLength", err)
		}
	})
	t.Run("outcome month far away", func(t *testing.T) {
		_, err := funnel(0.5, "1").Outcome([]Activity{{Stage: "visits", Count: 1, Before: math.MaxInt}}, dec("1"))
		if !errors.Is(err, ErrInvalidPeriod) {
			t.Errorf("Outcome error = %v, want ErrInvalidPeriod", err)
		}
	})
	t.Run("estimate conversions with counts that wrap", func(t *testing.T) {
		big := int64(math.MaxInt64 / 2)
		_, err := funnel(0.5, "1").EstimateConversions([][]int64{{big, big, big}, {1, 1, 1}}, Prior{})
		if !errors.Is(err, ErrOverflow) {
			t.Errorf("EstimateConversions error = %v, want ErrOverflow", err)
		}
	})
	t.Run("completion of extreme amounts", func(t *testing.T) {
		tests := []struct {
			plan, actual string
			want         float64
			valid        bool
		}{
			{"1e400", "2e400", 2, true},
			{"1e-400", "3e-400", 3, true},
			{"100", "50", 0.5, true},
			{"-100", "-50", 1.5, true},
			{"0", "5", 0, false},
			{"1e-400", "1e400", 0, false},
		}
		for _, tt := range tests {
			got := Completion(dec(tt.plan), dec(tt.actual))
			if got.Valid != tt.valid || math.IsNaN(got.Value) || math.Abs(got.Value-tt.want) > 1e-12 {
				t.Errorf("Completion(%s, %s) = %+v, want %v valid %v", tt.plan, tt.actual, got, tt.want, tt.valid)
			}
		}
	})
	t.Run("history beyond float64", func(t *testing.T) {
		_, err := NewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO", History: []decimal.Decimal{dec("1e400")}}, {ID: "B", Parent: "CO", History: []decimal.Decimal{dec("1")}}})
		if !errors.Is(err, ErrInvalidHistory) {
			t.Errorf("NewTree(history 1e400) error = %v, want ErrInvalidHistory", err)
		}
		tr := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO", History: []decimal.Decimal{dec("1e300")}}, {ID: "B", Parent: "CO", History: []decimal.Decimal{dec("1e300")}}, {ID: "C", Parent: "CO", History: []decimal.Decimal{dec("1")}}})
		for _, m := range []WeightMethod{HistoryTotal, HistoryShares} {
			sh, err := tr.Shares("CO", WeightSource{Method: m})
			if err == nil {
				// The sum is 2e300, finite: the split must be half, half, ~0.
				if !sh[0].Share.Equal(dec("0.5")) || !sh[2].Share.IsZero() {
					t.Errorf("Shares(%s) = %v, want 0.5, 0.5, 0", m, sh)
				}
				continue
			}
			if !errors.Is(err, ErrInvalidHistory) && !errors.Is(err, ErrInvalidWeight) {
				t.Errorf("Shares(%s) error = %v", m, err)
			}
		}
	})
}
