package pricing

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// LicensingCase is the course's business-model case (Qualcomm's): sell our
// own devices, or license the technology to device makers for a royalty
// on the device price, over a forecast of the market's units per year. The
// zero LicensingCase has no forecast, which [CompareLicensing] refuses.
type LicensingCase struct {
	// Units is the market forecast, units a year for years 1, 2, ….
	Units []int64
	// Share is the share of the market our own devices would win, in
	// [0, 1]; licensing earns on every unit of the market.
	Share float64
	// DevicePrice is the device's price; DeviceCost our unit cost of
	// making it.
	DevicePrice, DeviceCost decimal.Decimal
	// Royalty is the royalty as a fraction of the device price (0.05 for
	// 5 %).
	Royalty float64
	// FixedSelling and FixedLicensing are the fixed costs a year of each
	// model (plants and sales force; research and licensing staff).
	FixedSelling, FixedLicensing decimal.Decimal
	// DiscountAnnual is the annual discount rate, a fraction in [0, 1).
	DiscountAnnual float64
}

// LicensingResult compares the two models. The zero LicensingResult is two
// zero values.
type LicensingResult struct {
	// NPVSelling and NPVLicensing are the net present values, in cents.
	NPVSelling, NPVLicensing decimal.Decimal
	// BreakEvenRoyalty is the royalty at which both models are worth the
	// same; Licensing reports NPVLicensing > NPVSelling.
	BreakEvenRoyalty float64
	Licensing        bool
}

// CompareLicensing returns the net present values of selling devices,
// Σ_t (share · units_t · (price − cost) − fixed selling) / (1 + r)^t, and of
// licensing, Σ_t (units_t · price · royalty − fixed licensing) / (1 + r)^t,
// and the break-even royalty. Errors wrap [ErrInvalidOption] (no forecast,
// more than 100 years, negative units, a share, royalty or rate outside
// its range) or [ErrInvalidAmount] (negative or fractional-cent money, a
// device price of zero).
func CompareLicensing(c LicensingCase) (LicensingResult, error) {
	r, err := compareLicensing(c)
	return r, wrap(err)
}

func compareLicensing(c LicensingCase) (LicensingResult, error) {
	if len(c.Units) == 0 || len(c.Units) > MaxLifeYears {
		return LicensingResult{}, fmt.Errorf("forecast of %d years, want 1 … %d: %w", len(c.Units), MaxLifeYears, ErrInvalidOption)
	}
	for _, e := range []struct {
		name   string
		x, max float64
	}{{"market share", c.Share, 1}, {"royalty", c.Royalty, 1}, {"discount rate", c.DiscountAnnual, 0.999999}} {
		if !(e.x >= 0 && e.x <= e.max) {
			return LicensingResult{}, fmt.Errorf("%s %v, want a fraction (0.05 for 5 %%): %w", e.name, e.x, ErrInvalidOption)
		}
	}
	for _, m := range []decimal.Decimal{c.DevicePrice, c.DeviceCost, c.FixedSelling, c.FixedLicensing} {
		if n, err := money.Cent().Count(m); err != nil || n < 0 {
			return LicensingResult{}, fmt.Errorf("amount %s, want whole cents ≥ 0: %w", m, ErrInvalidAmount)
		}
	}
	if !c.DevicePrice.IsPositive() {
		return LicensingResult{}, fmt.Errorf("device price %s: %w", c.DevicePrice, ErrInvalidAmount)
	}
	one := decimal.NewFromInt(1)
	g := one.Add(decimal.NewFromFloat(c.DiscountAnnual))
	share, royalty := decimal.NewFromFloat(c.Share), decimal.NewFromFloat(c.Royalty)
	margin := c.DevicePrice.Sub(c.DeviceCost)
	sell, lic, base := decimal.Zero, decimal.Zero, decimal.Zero // base: Σ units·price discounted, the royalty's multiplier
	f := one
	for t, u := range c.Units {
		if u < 0 || u > money.MaxCount {
			return LicensingResult{}, fmt.Errorf("year %d: %d units: %w", t+1, u, ErrInvalidOption)
		}
		f = f.DivRound(g, 30)
		units := decimal.NewFromInt(u)
		sell = sell.Add(share.Mul(units).Mul(margin).Sub(c.FixedSelling).Mul(f))
		b := units.Mul(c.DevicePrice).Mul(f)
		base = base.Add(b)
		lic = lic.Add(b.Mul(royalty).Sub(c.FixedLicensing.Mul(f)))
	}
	// Both models are worth the same where royalty · base − fixed = sell.
	fixed := lic.Sub(base.Mul(royalty)).Neg()
	out := LicensingResult{Licensing: lic.GreaterThan(sell)}
	if base.IsPositive() {
		out.BreakEvenRoyalty = sell.Add(fixed).DivRound(base, 20).InexactFloat64()
	}
	var err error
	if out.NPVSelling, err = money.Cent().RoundAmount(sell, money.HalfAwayFromZero); err != nil {
		return LicensingResult{}, fmt.Errorf("selling: %w", ErrOverflow)
	}
	if out.NPVLicensing, err = money.Cent().RoundAmount(lic, money.HalfAwayFromZero); err != nil {
		return LicensingResult{}, fmt.Errorf("licensing: %w", ErrOverflow)
	}
	return out, nil
}

// SolutionComparison sets a value-based solution price against selling the
// same supply per unit. The zero SolutionComparison is two zero revenues.
type SolutionComparison struct {
	PerUnit  decimal.Decimal // unit price × units
	Solution decimal.Decimal // share × the value of the outcome delivered
	// Premium is Solution − PerUnit: what pricing the outcome earns over
	// pricing the parts (negative when the parts pay more).
	Premium decimal.Decimal
}

// CompareSolutionPrice returns the revenue of selling units at a unit
// price and of a solution priced at a share of the value of the outcome it
// delivers (the principle "price the outcome"), both rounded to the cent
// half away from zero. Errors wrap [ErrInvalidOption] (a share outside
// [0, 1], negative units) or [ErrInvalidAmount] (negative or
// fractional-cent money) or [ErrOverflow].
func CompareSolutionPrice(unitPrice decimal.Decimal, units int64, outcomeValue decimal.Decimal, share float64) (SolutionComparison, error) {
	if !(share >= 0 && share <= 1) || units < 0 || units > money.MaxCount {
		return SolutionComparison{}, wrap(fmt.Errorf("share %v, %d units: %w", share, units, ErrInvalidOption))
	}
	for _, m := range []decimal.Decimal{unitPrice, outcomeValue} {
		if n, err := money.Cent().Count(m); err != nil || n < 0 {
			return SolutionComparison{}, wrap(fmt.Errorf("amount %s, want whole cents ≥ 0: %w", m, ErrInvalidAmount))
		}
	}
	u := money.Cent()
	per, err1 := u.RoundAmount(unitPrice.Mul(decimal.NewFromInt(units)), money.HalfAwayFromZero)
	sol, err2 := u.RoundAmount(outcomeValue.Mul(decimal.NewFromFloat(share)), money.HalfAwayFromZero)
	if err1 != nil || err2 != nil {
		return SolutionComparison{}, wrap(fmt.Errorf("revenue beyond 10^18 cents: %w", ErrOverflow))
	}
	return SolutionComparison{PerUnit: per, Solution: sol, Premium: sol.Sub(per)}, nil
}
