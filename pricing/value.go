package pricing

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Item is a named amount of money (currency, whole cents). The zero Item is
// an unnamed zero.
type Item struct {
	Name   string          `json:"name"`
	Amount decimal.Decimal `json:"amount"`
}

// cents returns an amount in cents, checked: fractions of a cent and, with
// nonNegative, negative amounts wrap [ErrInvalidAmount].
func cents(what string, a decimal.Decimal, nonNegative bool) (int64, error) {
	n, err := money.Cent().Count(a)
	if err != nil {
		return 0, fmt.Errorf("%s: %s: %v: %w", what, a, err, ErrInvalidAmount)
	}
	if nonNegative && n < 0 {
		return 0, fmt.Errorf("%s: %s is negative: %w", what, a, ErrInvalidAmount)
	}
	return n, nil
}

// sumItems adds the items in cents, each checked by [cents]; sums beyond
// 10^18 cents wrap [ErrOverflow].
func sumItems(what string, items []Item, nonNegative bool) (int64, error) {
	var acc money.Acc
	for _, it := range items {
		n, err := cents(fmt.Sprintf("%s %q", what, it.Name), it.Amount, nonNegative)
		if err != nil {
			return 0, err
		}
		acc.Add(n)
	}
	s, err := acc.Result()
	if err != nil {
		return 0, fmt.Errorf("%s: sum beyond 10^18 cents: %w", what, ErrOverflow)
	}
	return s, nil
}

// EVCInput is an economic-value-to-the-customer analysis (Forbis & Mehta
// 1981, "Value-based strategies for industrial products", Business
// Horizons; Nagle & Müller, The Strategy and Tactics of Pricing, ch. 2):
// the price of the customer's next best alternative, what our offer is
// worth more (positive differentiation) and less (negative), and our cost
// floor. The zero EVCInput has no reference, which [ComputeEVC] allows
// (value from differentiation alone).
type EVCInput struct {
	Reference decimal.Decimal `json:"reference"` // price of the next best alternative
	Positive  []Item          `json:"positive"`  // differentiation value in our favour
	Negative  []Item          `json:"negative"`  // differentiation value against us, as positive amounts
	CostFloor decimal.Decimal `json:"cost_floor"`
}

// EVC is the result of [ComputeEVC]. The zero EVC is a zero value.
type EVC struct {
	// Value = reference + positive − negative differentiation value: the
	// most a rational customer would pay (the value ceiling).
	Value decimal.Decimal
	// Differentiation is Value − Reference.
	Differentiation decimal.Decimal
	// Floor and Ceiling bound the price window (our cost floor and Value).
	Floor, Ceiling decimal.Decimal
}

// ComputeEVC returns the economic value to the customer: reference value
// plus positive minus negative differentiation value (the course's
// example: 300 + 350 + 100 + 200 = 950), and the price window between our
// cost floor and that ceiling. Errors wrap [ErrInvalidAmount] (fractions of
// a cent, a negative reference, cost floor or differentiation amount, a
// cost floor above the value: no window) or [ErrOverflow].
func ComputeEVC(in EVCInput) (EVC, error) {
	e, err := computeEVC(in)
	return e, wrap(err)
}

func computeEVC(in EVCInput) (EVC, error) {
	ref, err := cents("reference", in.Reference, true)
	if err != nil {
		return EVC{}, err
	}
	floor, err := cents("cost floor", in.CostFloor, true)
	if err != nil {
		return EVC{}, err
	}
	pos, err := sumItems("positive differentiation", in.Positive, true)
	if err != nil {
		return EVC{}, err
	}
	neg, err := sumItems("negative differentiation", in.Negative, true)
	if err != nil {
		return EVC{}, err
	}
	var acc money.Acc
	acc.Add(ref)
	acc.Add(pos)
	acc.Sub(neg)
	v, err := acc.Result()
	if err != nil {
		return EVC{}, fmt.Errorf("value: %w", ErrOverflow)
	}
	if floor > v {
		return EVC{}, fmt.Errorf("cost floor %s above the value %s: no price window: %w", in.CostFloor, money.Cent().Amount(v), ErrInvalidAmount)
	}
	u := money.Cent()
	return EVC{Value: u.Amount(v), Differentiation: u.Amount(v - ref), Floor: u.Amount(floor), Ceiling: u.Amount(v)}, nil
}

// AtPrice is what a price means inside the window of an [EVC]. The zero
// AtPrice is a price of zero with nothing captured.
type AtPrice struct {
	// Captured is the share of the window we take, (price − floor) /
	// (ceiling − floor), 0 at the floor and 1 at the ceiling (1 when the
	// window is a single price).
	Captured float64
	// Incentive is the customer's incentive to buy, ceiling − price: the
	// value left to the customer.
	Incentive decimal.Decimal
}

// At returns the share of value captured and the customer's incentive at
// a price. Errors wrap [ErrInvalidAmount] (fractions of a cent, a price
// outside the window).
func (e EVC) At(price decimal.Decimal) (AtPrice, error) {
	if _, err := money.Cent().Count(price); err != nil || price.LessThan(e.Floor) || price.GreaterThan(e.Ceiling) {
		return AtPrice{}, wrap(fmt.Errorf("price %s outside the window %s … %s: %w", price, e.Floor, e.Ceiling, ErrInvalidAmount))
	}
	w := e.Ceiling.Sub(e.Floor)
	c := 1.0
	if w.IsPositive() {
		c = price.Sub(e.Floor).Div(w).InexactFloat64()
	}
	return AtPrice{Captured: c, Incentive: e.Ceiling.Sub(price)}, nil
}
