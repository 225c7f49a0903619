package pricing

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Kotler's components of total customer value and total customer cost, as
// Item names; callers add their own.
const (
	ProductValue   = "product"
	ServiceValue   = "service"
	PersonnelValue = "personnel"
	ImageValue     = "image"
	TimeCost       = "time"
	EnergyCost     = "energy"
	PsychicCost    = "psychic"
)

// Offer is one supplier's offer as the customer values it, in money: the
// components of total customer value, the price (the money cost) and the
// other components of total customer cost. The zero Offer is worth
// nothing and costs nothing, which [Delivered] refuses.
type Offer struct {
	Name  string          `json:"name"`
	Value []Item          `json:"value"`
	Price decimal.Decimal `json:"price"`
	Costs []Item          `json:"costs"` // time, energy, psychic and the caller's, besides the price
}

// DeliveredValue is Kotler's customer delivered value of an offer. The zero
// DeliveredValue is an empty offer.
type DeliveredValue struct {
	TotalValue, TotalCost decimal.Decimal
	Delivered             decimal.Decimal // TotalValue − TotalCost
	Ratio                 float64         // TotalValue / TotalCost
}

// Delivered returns the customer delivered value of an offer (Kotler &
// Keller, Marketing Management, ch. 5): total customer value (product,
// service, personnel, image and the caller's components) minus total
// customer cost (the price, time, energy, psychic and the caller's), and
// the value/cost ratio. Errors wrap [ErrInvalidAmount] (fractions of a
// cent, negative components, a total cost of zero) or [ErrOverflow].
func Delivered(o Offer) (DeliveredValue, error) {
	d, _, err := delivered(o)
	return d, wrap(err)
}

func delivered(o Offer) (DeliveredValue, [3]int64, error) {
	tv, err := sumItems(o.Name+" value", o.Value, true)
	if err != nil {
		return DeliveredValue{}, [3]int64{}, err
	}
	tc, err := sumItems(o.Name+" cost", append([]Item{{"price", o.Price}}, o.Costs...), true)
	if err != nil {
		return DeliveredValue{}, [3]int64{}, err
	}
	if tc == 0 {
		return DeliveredValue{}, [3]int64{}, fmt.Errorf("%s: total customer cost is zero: %w", o.Name, ErrInvalidAmount)
	}
	price, _ := money.Cent().Count(o.Price)
	u := money.Cent()
	return DeliveredValue{TotalValue: u.Amount(tv), TotalCost: u.Amount(tc), Delivered: u.Amount(tv - tc),
		Ratio: float64(tv) / float64(tc)}, [3]int64{tv, tc, price}, nil
}

// Comparison is our offer against a competitor's. The zero Comparison is
// two empty offers.
type Comparison struct {
	Ours, Rival DeliveredValue
	// Lead is our delivered value less the rival's.
	Lead decimal.Decimal
	// Wins reports Lead ≥ the margin asked.
	Wins bool
	// CostCut is the cut of our total customer cost at equal value, and
	// ValueRise the rise of our total value at equal price, that each
	// alone make Lead reach the margin; zero when we already win.
	CostCut, ValueRise decimal.Decimal
	// MaxPrice is the largest price we can ask, other things equal, and
	// still lead by the margin: our price + Lead − margin. CanWin is false
	// when even a price of zero does not.
	MaxPrice decimal.Decimal
	CanWin   bool
}

// Compare sets our offer against a competitor's: delivered values, our
// lead, whether it reaches the margin asked, the cost cut or value rise
// that would make it, and the largest price that still wins. Errors are
// those of [Delivered], and [ErrInvalidAmount] for a negative margin or
// fractions of a cent.
func Compare(ours, rival Offer, margin decimal.Decimal) (Comparison, error) {
	c, err := compare(ours, rival, margin)
	return c, wrap(err)
}

func compare(ours, rival Offer, margin decimal.Decimal) (Comparison, error) {
	m, err := money.Cent().Count(margin)
	if err != nil || m < 0 {
		return Comparison{}, fmt.Errorf("margin %s, want whole cents ≥ 0: %w", margin, ErrInvalidAmount)
	}
	o, on, err := delivered(ours)
	if err != nil {
		return Comparison{}, err
	}
	r, rn, err := delivered(rival)
	if err != nil {
		return Comparison{}, err
	}
	// All terms are within ±10^18: the sums below cannot wrap int64.
	lead := (on[0] - on[1]) - (rn[0] - rn[1])
	gap := max(0, m-lead)
	u := money.Cent()
	maxPrice := on[2] + lead - m
	return Comparison{Ours: o, Rival: r, Lead: u.Amount(lead), Wins: lead >= m, CostCut: u.Amount(gap), ValueRise: u.Amount(gap),
		MaxPrice: u.Amount(max(maxPrice, 0)), CanWin: maxPrice >= 0}, nil
}
