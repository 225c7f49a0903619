package target

import (
	"fmt"
	"math"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
)

// Profile is a time profile: twelve non-negative monthly weights in fiscal
// order (index 0 is the calendar's first month). Only the ratios matter; the
// functions of this package return profiles normalised to sum to 1.
//
// The zero Profile is all zero and invalid where a profile is required; as [Spec.DefaultProfile] it means [FlatProfile].
type Profile [12]float64

// FlatProfile returns equal weights for every month.
func FlatProfile() Profile {
	var p Profile
	for i := range p {
		p[i] = 1.0 / 12
	}
	return p
}

// Validate reports whether every weight is finite and non-negative and at
// least one is positive. Errors wrap [ErrInvalidWeight], [ErrNegativeWeight]
// or [ErrZeroWeights].
func (p Profile) Validate() error {
	return wrap(p.validate())
}

// validate is [Profile.Validate] with its errors not yet prefixed.
func (p Profile) validate() error {
	var sum float64
	for i, w := range p {
		switch {
		case math.IsNaN(w) || math.IsInf(w, 0):
			return fmt.Errorf("profile month %d: %v: %w", i+1, w, ErrInvalidWeight)
		case w < 0:
			return fmt.Errorf("profile month %d: %v: %w", i+1, w, ErrNegativeWeight)
		}
		sum += w
	}
	if sum == 0 {
		return fmt.Errorf("profile: %w", ErrZeroWeights)
	}
	return nil
}

// Normalize returns p scaled to sum to 1. It returns p unchanged when p is not
// valid.
func (p Profile) Normalize() Profile {
	if p.validate() != nil {
		return p
	}
	var sum float64
	for _, w := range p {
		sum += w
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

// Quarters returns the profile's normalised quarter shares.
func (p Profile) Quarters() [4]float64 {
	n := p.Normalize()
	var q [4]float64
	for i, w := range n {
		q[i/3] += w
	}
	return q
}

// SeasonalMethod selects how [Seasonality] turns a monthly history into a
// profile.
//
// The zero SeasonalMethod is [SimpleAverage].
type SeasonalMethod uint8

const (
	// SimpleAverage averages each fiscal month over the complete years of
	// history: weightₘ = meanᵧ xᵧ,ₘ. It needs at least one complete year. Growth
	// between years leaks into the profile: later years weigh more.
	SimpleAverage SeasonalMethod = iota
	// YearlyShares averages each month's share of its own year:
	// weightₘ = meanᵧ (xᵧ,ₘ / Σₖ xᵧ,ₖ). Every year counts equally, so growth
	// between years is removed. It needs one complete year and a positive
	// total in every year.
	YearlyShares
	// MovingAverageRatio is the ratio-to-moving-average method of classical
	// decomposition: the centred 12-month moving average
	// CMAₜ = (½xₜ₋₆ + xₜ₋₅ + … + xₜ₊₅ + ½xₜ₊₆)/12 removes seasonality and
	// keeps trend, each month's ratio xₜ/CMAₜ is averaged per fiscal month, and
	// the twelve averages are normalised. It needs at least 24 months (two
	// complete years) and a positive moving average everywhere.
	MovingAverageRatio
)

// String returns the method's name.
func (m SeasonalMethod) String() string {
	switch m {
	case SimpleAverage:
		return "simple-average"
	case YearlyShares:
		return "yearly-shares"
	case MovingAverageRatio:
		return "moving-average-ratio"
	}
	return fmt.Sprintf("SeasonalMethod(%d)", uint8(m))
}

var seasonalChinese = [...]string{SimpleAverage: "简单平均法", YearlyShares: "年度占比法", MovingAverageRatio: "移动平均比率法"}

// Title returns the method's name for display: [SeasonalMethod.String] or,
// for a Chinese language tag ("zh", "zh-CN", …), 简单平均法, 年度占比法 or
// 移动平均比率法.
func (m SeasonalMethod) Title(tag string) string {
	if int(m) < len(seasonalChinese) && lang.Chinese(tag) {
		return seasonalChinese[m]
	}
	return m.String()
}

// Seasonality estimates a monthly profile from history, a monthly series
// (revenue, for example) whose first value is the first fiscal month of some
// year and that continues month by month. SimpleAverage and YearlyShares use
// the complete years only (a trailing partial year is ignored);
// MovingAverageRatio uses every month. The result is normalised to sum to 1.
//
// The computation is in float64; the history's decimals are converted once.
// Errors wrap [ErrShortHistory] (fewer months than the method needs),
// [ErrInvalidHistory] (a negative value, a year with a non-positive total for
// YearlyShares, a non-positive moving average) or [ErrZeroWeights] (a history
// that is all zero). No method returns NaN. The input is not modified.
func Seasonality(history []decimal.Decimal, m SeasonalMethod) (Profile, error) {
	res, err := seasonality(history, m)
	return res, wrap(err)
}

// Seasonality estimates the calendar's monthly profile from a monthly
// history whose first value is calendar month first (of any year): history
// kept by calendar month, January first, fed to a fiscal year that starts in
// April puts December in fiscal month 9. The history is aligned to the fiscal
// year before the method of [Seasonality] runs: SimpleAverage and
// YearlyShares use the complete fiscal years in it (the months before its
// first fiscal month and after its last complete fiscal year are left out),
// MovingAverageRatio every month. An invalid first month is an error
// wrapping [ErrInvalidPeriod]; other errors are those of [Seasonality].
func (c Calendar) Seasonality(history []decimal.Decimal, first time.Month, m SeasonalMethod) (Profile, error) {
	if first < time.January || first > time.December {
		return Profile{}, wrap(fmt.Errorf("seasonality: first month %d: %w", first, ErrInvalidPeriod))
	}
	if err := c.validate(); err != nil {
		return Profile{}, wrap(fmt.Errorf("seasonality: %w", err))
	}
	// phase: the fiscal month index of history[0].
	phase := (int(first) - int(c.first()) + 12) % 12
	res, err := seasonalityAt(history, phase, m)
	return res, wrap(err)
}

// seasonality is [Seasonality] with its errors not yet prefixed.
func seasonality(history []decimal.Decimal, m SeasonalMethod) (Profile, error) {
	return seasonalityAt(history, 0, m)
}

// seasonalityAt estimates a profile in fiscal order from history whose
// first value is fiscal month index phase (0 = M1).
func seasonalityAt(history []decimal.Decimal, phase int, m SeasonalMethod) (Profile, error) {
	x := make([]float64, len(history))
	for i, h := range history {
		if h.Sign() < 0 {
			return Profile{}, fmt.Errorf("seasonality: month %d: %s: %w", i+1, h, ErrInvalidHistory)
		}
		x[i] = h.InexactFloat64()
		if math.IsInf(x[i], 0) {
			return Profile{}, fmt.Errorf("seasonality: month %d: %s: %w", i+1, h, ErrInvalidHistory)
		}
	}
	var p Profile
	switch m {
	case SimpleAverage, YearlyShares:
		// Complete fiscal years only: start at the first fiscal M1.
		if skip := (12 - phase) % 12; skip <= len(x) {
			x = x[skip:]
		} else {
			x = nil
		}
		years := len(x) / 12
		if years < 1 {
			return Profile{}, fmt.Errorf("seasonality (%s): %d months, need 12: %w", m, len(x), ErrShortHistory)
		}
		for y := range years {
			row := x[12*y : 12*y+12]
			var total float64
			for _, v := range row {
				total += v
			}
			if m == YearlyShares && total <= 0 {
				return Profile{}, fmt.Errorf("seasonality (%s): year %d total is zero: %w", m, y+1, ErrInvalidHistory)
			}
			for i, v := range row {
				if m == YearlyShares {
					v /= total
				}
				p[i] += v / float64(years)
			}
		}
	case MovingAverageRatio:
		if len(x) < 24 {
			return Profile{}, fmt.Errorf("seasonality (%s): %d months, need 24: %w", m, len(x), ErrShortHistory)
		}
		var count [12]int
		for t := 6; t+6 < len(x); t++ {
			cma := (x[t-6] + x[t+6]) / 2
			for k := t - 5; k <= t+5; k++ {
				cma += x[k]
			}
			cma /= 12
			if cma <= 0 {
				return Profile{}, fmt.Errorf("seasonality (%s): moving average at month %d is zero: %w", m, t+1, ErrInvalidHistory)
			}
			p[(t+phase)%12] += x[t] / cma
			count[(t+phase)%12]++
		}
		for i := range p {
			p[i] /= float64(count[i])
		}
	default:
		return Profile{}, fmt.Errorf("seasonality: method %d: %w", m, ErrUnknownOption)
	}
	if err := p.validate(); err != nil {
		return Profile{}, fmt.Errorf("seasonality (%s): %w", m, err)
	}
	return p.Normalize(), nil
}

// WorkingDayProfile returns the calendar's working days per month as a
// normalised profile. A calendar without any working day is an error wrapping
// [ErrZeroWeights].
func WorkingDayProfile(c Calendar) (Profile, error) {
	res, err := workingDayProfile(c)
	return res, wrap(err)
}

// workingDayProfile is [WorkingDayProfile] with its errors not yet prefixed.
func workingDayProfile(c Calendar) (Profile, error) {
	days, err := c.workingDays()
	if err != nil {
		return Profile{}, err
	}
	var p Profile
	for i, d := range days {
		p[i] = float64(d)
	}
	if err := p.validate(); err != nil {
		return Profile{}, fmt.Errorf("working-day profile: %w", err)
	}
	return p.Normalize(), nil
}

// Blend returns the normalised mix share·a + (1−share)·b of the normalised
// profiles a and b, for example a seasonal profile blended with a working-day
// profile. share must be in [0, 1] ([ErrInvalidRate]) and both profiles valid.
func Blend(a, b Profile, share float64) (Profile, error) {
	res, err := blend(a, b, share)
	return res, wrap(err)
}

// blend is [Blend] with its errors not yet prefixed.
func blend(a, b Profile, share float64) (Profile, error) {
	if !(share >= 0 && share <= 1) {
		return Profile{}, fmt.Errorf("blend: share %v: %w", share, ErrInvalidRate)
	}
	if err := a.validate(); err != nil {
		return Profile{}, fmt.Errorf("blend: first profile: %w", err)
	}
	if err := b.validate(); err != nil {
		return Profile{}, fmt.Errorf("blend: second profile: %w", err)
	}
	a, b = a.Normalize(), b.Normalize()
	var p Profile
	for i := range p {
		p[i] = share*a[i] + (1-share)*b[i]
	}
	return p.Normalize(), nil
}
