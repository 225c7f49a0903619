package pricing

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestEVC(t *testing.T) {
	// The course's example: 300 + 350 + 100 + 200 = 950.
	e, err := ComputeEVC(EVCInput{Reference: d("300"), Positive: []Item{{"energy saving", d("350")}, {"less downtime", d("100")}, {"longer life", d("200")}}, CostFloor: d("420")})
	if err != nil {
		t.Fatal(err)
	}
	if !e.Value.Equal(d("950")) || !e.Differentiation.Equal(d("650")) || !e.Floor.Equal(d("420")) {
		t.Errorf("EVC %+v", e)
	}
	at, err := e.At(d("685"))
	if err != nil || at.Captured != 0.5 || !at.Incentive.Equal(d("265")) {
		t.Errorf("At(685) = %+v, %v", at, err)
	}
	neg, _ := ComputeEVC(EVCInput{Reference: d("300"), Positive: []Item{{"a", d("100")}}, Negative: []Item{{"new supplier risk", d("40.50")}}})
	if !neg.Value.Equal(d("359.50")) {
		t.Errorf("with negative differentiation: %s", neg.Value)
	}
	for _, in := range []EVCInput{{Reference: d("-1")}, {Reference: d("1.001")}, {Reference: d("100"), CostFloor: d("200")}, {Positive: []Item{{"x", d("-5")}}}} {
		if _, err := ComputeEVC(in); !errors.Is(err, ErrInvalidAmount) {
			t.Errorf("ComputeEVC(%+v): %v", in, err)
		}
	}
	if _, err := e.At(d("1000")); !errors.Is(err, ErrInvalidAmount) {
		t.Errorf("price above the ceiling: %v", err)
	}
}

func TestCompare(t *testing.T) {
	ours := Offer{Name: "us", Value: []Item{{ProductValue, d("1000")}, {ServiceValue, d("300")}, {PersonnelValue, d("150")}, {ImageValue, d("100")}},
		Price: d("1100"), Costs: []Item{{TimeCost, d("60")}, {EnergyCost, d("40")}, {PsychicCost, d("20")}}}
	rival := Offer{Name: "rival", Value: []Item{{ProductValue, d("950")}, {ServiceValue, d("150")}, {PersonnelValue, d("100")}, {ImageValue, d("80")}},
		Price: d("950"), Costs: []Item{{TimeCost, d("80")}, {EnergyCost, d("50")}, {PsychicCost, d("40")}}}
	// Ours: 1550 − 1220 = 330; rival: 1280 − 1120 = 160.
	c, err := Compare(ours, rival, d("200"))
	if err != nil {
		t.Fatal(err)
	}
	want := Comparison{
		Ours:  DeliveredValue{TotalValue: d("1550"), TotalCost: d("1220"), Delivered: d("330"), Ratio: 1550.0 / 1220},
		Rival: DeliveredValue{TotalValue: d("1280"), TotalCost: d("1120"), Delivered: d("160"), Ratio: 1280.0 / 1120},
		Lead:  d("170"), Wins: false, CostCut: d("30"), ValueRise: d("30"), MaxPrice: d("1070"), CanWin: true,
	}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("Compare (-want +got):\n%s", diff)
	}
	c, _ = Compare(ours, rival, d("100"))
	if !c.Wins || !c.CostCut.IsZero() || !c.MaxPrice.Equal(d("1170")) {
		t.Errorf("margin 100: %+v", c)
	}
	c, _ = Compare(ours, rival, d("2000"))
	if c.CanWin || !c.MaxPrice.IsZero() {
		t.Errorf("margin 2000: %+v", c)
	}
	if _, err := Delivered(Offer{}); !errors.Is(err, ErrInvalidAmount) {
		t.Errorf("empty offer: %v", err)
	}
	if _, err := Compare(ours, rival, d("-1")); !errors.Is(err, ErrInvalidAmount) {
		t.Errorf("negative margin: %v", err)
	}
}
