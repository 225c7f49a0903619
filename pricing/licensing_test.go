package pricing

import (
	"errors"
	"math"
	"testing"
)

func TestCompareLicensing(t *testing.T) {
	c := LicensingCase{Units: []int64{1_000_000, 2_000_000}, Share: 0.2, DevicePrice: d("300"), DeviceCost: d("240"),
		Royalty: 0.04, FixedSelling: d("1000000"), FixedLicensing: d("500000"), DiscountAnnual: 0.1}
	r, err := CompareLicensing(c)
	if err != nil {
		t.Fatal(err)
	}
	// Selling: (0.2·1e6·60 − 1e6)/1.1 + (0.2·2e6·60 − 1e6)/1.21 =
	// 10,000,000 + 19,008,264.46; licensing: (1e6·300·0.04 − 5e5)/1.1 +
	// (2e6·300·0.04 − 5e5)/1.21 = 10,454,545.45 + 19,421,487.60.
	if !r.NPVSelling.Equal(d("29008264.46")) || !r.NPVLicensing.Equal(d("29876033.06")) || !r.Licensing {
		t.Errorf("NPVs %s %s licensing %v", r.NPVSelling, r.NPVLicensing, r.Licensing)
	}
	// At the break-even royalty both are worth the same.
	c.Royalty = r.BreakEvenRoyalty
	be, _ := CompareLicensing(c)
	if math.Abs(be.NPVLicensing.Sub(be.NPVSelling).InexactFloat64()) > 0.01 {
		t.Errorf("at %v: %s vs %s", r.BreakEvenRoyalty, be.NPVLicensing, be.NPVSelling)
	}
	for _, bad := range []LicensingCase{{}, {Units: []int64{1}, DevicePrice: d("1"), Royalty: 5}, {Units: []int64{-1}, DevicePrice: d("1")}, {Units: []int64{1}}} {
		if _, err := CompareLicensing(bad); !errors.Is(err, ErrInvalidOption) && !errors.Is(err, ErrInvalidAmount) {
			t.Errorf("CompareLicensing(%+v): %v", bad, err)
		}
	}
}

func TestCompareSolutionPrice(t *testing.T) {
	// 400 pumps at 12,000 against 30 % of 20,000,000 of energy saved.
	c, err := CompareSolutionPrice(d("12000"), 400, d("20000000"), 0.30)
	if err != nil || !c.PerUnit.Equal(d("4800000")) || !c.Solution.Equal(d("6000000")) || !c.Premium.Equal(d("1200000")) {
		t.Errorf("CompareSolutionPrice = %+v, %v", c, err)
	}
	if _, err := CompareSolutionPrice(d("1"), 1, d("1"), 30); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("share as a percentage: %v", err)
	}
}
