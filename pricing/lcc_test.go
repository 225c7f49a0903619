package pricing

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func machines() (Alternative, Alternative) {
	a := Alternative{Name: "machine A", Years: 5,
		Upfront:  []Item{{"acquisition", d("100000")}, {"installation", d("10000")}},
		Annual:   []Item{{"operation", d("20000")}, {"maintenance", d("5000")}},
		Disposal: d("2000"), Residual: d("12000")}
	b := Alternative{Name: "machine B", Years: 8,
		Upfront:  []Item{{"acquisition", d("150000")}},
		Annual:   []Item{{"operation", d("12000")}, {"maintenance", d("3000")}},
		Disposal: d("3000")}
	return a, b
}

func TestLifeCycleCost(t *testing.T) {
	a, b := machines()
	// Present values and equivalent annual costs at 8 % a year, computed
	// with Python's decimal module to 40 digits.
	l, err := LifeCycleCost(a, 0.08)
	if err != nil {
		t.Fatal(err)
	}
	want := LCC{ByYear: []decimal.Decimal{d("110000"), d("25000"), d("25000"), d("25000"), d("25000"), d("15000")},
		Total: d("225000"), PresentValue: d("203011.92"), EquivalentAnnualCost: d("50845.65"), Saving: d("0")}
	if diff := cmp.Diff(want, l); diff != "" {
		t.Errorf("machine A (-want +got):\n%s", diff)
	}
	r, err := CompareAlternatives([]Alternative{a, b}, 0.08)
	if err != nil {
		t.Fatal(err)
	}
	// B costs more up front and in total, but less a year over its longer
	// life: 41,384.26 against 50,845.65.
	if r[0].Name != "machine B" || !r[0].LCC.EquivalentAnnualCost.Equal(d("41384.26")) || !r[1].Extra.Equal(d("9461.39")) {
		t.Errorf("ranking %+v", r)
	}
	// Undiscounted, the equivalent annual cost is the mean over the life
	// after year 0's cost is spread: total / years.
	z, _ := LifeCycleCost(a, 0)
	if !z.PresentValue.Equal(d("225000")) || !z.EquivalentAnnualCost.Equal(d("45000")) {
		t.Errorf("at 0 %%: %+v", z)
	}
	// A VMI saving: holding cost 25 % a year of 40,000 average stock.
	h, _ := HoldingCost(0.25, d("40000"))
	a.Savings = []Item{{SupplyChainVMI, h}}
	s, _ := LifeCycleCost(a, 0)
	if !h.Equal(d("10000")) || !s.Saving.Equal(d("50000")) || !s.Total.Equal(d("175000")) {
		t.Errorf("with VMI: holding %s, %+v", h, s)
	}
	for _, c := range []struct {
		a    Alternative
		r    float64
		want error
	}{
		{Alternative{Name: "x"}, 0.08, ErrInvalidOption},
		{a, 8, ErrInvalidOption},
		{Alternative{Name: "x", Years: 1, Annual: []Item{{"op", d("-1")}}}, 0, ErrInvalidAmount},
	} {
		if _, err := LifeCycleCost(c.a, c.r); !errors.Is(err, c.want) {
			t.Errorf("LifeCycleCost(%s, %v): %v", c.a.Name, c.r, err)
		}
	}
	if _, err := HoldingCost(25, d("1")); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("carrying rate as a percentage: %v", err)
	}
}
