package strategy

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/money"
)

// LayerKind is one of the course's four layers of volume expansion beyond a
// key account, from the nearest outward. The zero LayerKind is
// [GroupUnits].
type LayerKind uint8

const (
	GroupUnits  LayerKind = iota // other units of the customer's group (集团内其他单位)
	SupplyChain                  // the customer's other suppliers and upstream customers (上下游)
	Competitors                  // the customer's competitors (客户的竞争对手)
	Industry                     // the whole industry (全行业)
)

var layerNames = [4][2]string{
	{"other units of the customer's group", "客户集团内其他单位"},
	{"the customer's suppliers and upstream customers", "客户的供应商和上游客户"},
	{"the customer's competitors", "客户的竞争对手"},
	{"the whole industry", "整个行业"},
}

// Title returns the layer's name in English ("en") or Chinese ("zh").
func (k LayerKind) Title(tag string) string {
	if k > Industry {
		return fmt.Sprintf("LayerKind(%d)", uint8(k))
	}
	return lang.Pick(tag, layerNames[k][0], layerNames[k][1])
}

// Layer is one ring of referral around a won account: Potential accounts,
// each referred with probability Referral and, once referred, won with
// probability Conversion, bringing Revenue each. The zero Layer reaches
// nobody.
type Layer struct {
	Kind                 LayerKind
	Potential            int
	Referral, Conversion float64 // fractions in [0, 1]
	Revenue              decimal.Decimal
}

// LayerReach is what a layer adds. The zero LayerReach adds nothing.
type LayerReach struct {
	Kind LayerKind
	// Expected accounts won, n·r·c, and their standard deviation
	// √(n·r·c·(1 − r·c)) (each account independently referred and won).
	Expected, StdDev float64
	// Revenue is Expected × the layer's revenue per account, rounded to
	// the cent half away from zero; RevenueSD its standard deviation.
	Revenue, RevenueSD decimal.Decimal
}

// Expansion is the layered referral model's total. The zero Expansion is
// no expansion.
type Expansion struct {
	Layers           []LayerReach
	Expected, StdDev float64 // accounts, layers independent
	// Revenue is the sum of the layers' Revenue; RevenueSD its standard
	// deviation.
	Revenue   decimal.Decimal
	RevenueSD decimal.Decimal
}

// MaxPotential bounds a layer's potential accounts.
const MaxPotential = 1_000_000_000

// Expand evaluates the layers of volume expansion: each layer's potential ×
// referral probability × conversion, the expected accounts won, their
// spread (binomial within a layer, layers independent) and the revenue they
// add. Errors wrap [ErrInvalidOption] (a potential below zero or above
// [MaxPotential], an unknown kind), [ErrInvalidProbability] or
// [ErrInvalidAmount].
func Expand(layers []Layer) (Expansion, error) {
	e, err := expand(layers)
	return e, wrap(err)
}

func expand(layers []Layer) (Expansion, error) {
	var out Expansion
	var v, rv float64
	var revAcc money.Acc
	for i, l := range layers {
		what := fmt.Sprintf("layer %d (%s)", i+1, l.Kind.Title("en"))
		if l.Kind > Industry || l.Potential < 0 || l.Potential > MaxPotential {
			return Expansion{}, fmt.Errorf("%s: kind %d, potential %d: %w", what, l.Kind, l.Potential, ErrInvalidOption)
		}
		if err := fraction(what+" referral probability", l.Referral); err != nil {
			return Expansion{}, err
		}
		if err := fraction(what+" conversion", l.Conversion); err != nil {
			return Expansion{}, err
		}
		c, err := cents(what+" revenue per account", l.Revenue, true)
		if err != nil {
			return Expansion{}, err
		}
		pr := l.Referral * l.Conversion
		n := float64(l.Potential)
		lr := LayerReach{Kind: l.Kind, Expected: n * pr, StdDev: math.Sqrt(n * pr * (1 - pr))}
		per := float64(c) / 100
		if lr.Revenue, err = money.Cent().RoundFloat(lr.Expected*per, money.HalfAwayFromZero); err != nil {
			return Expansion{}, fmt.Errorf("%s: %w", what, err)
		}
		if lr.RevenueSD, err = money.Cent().RoundFloat(lr.StdDev*per, money.HalfAwayFromZero); err != nil {
			return Expansion{}, fmt.Errorf("%s: %w", what, err)
		}
		out.Layers = append(out.Layers, lr)
		out.Expected += lr.Expected
		v += lr.StdDev * lr.StdDev
		n1, _ := money.Cent().Count(lr.Revenue)
		revAcc.Add(n1)
		rv += lr.StdDev * per * lr.StdDev * per
	}
	out.StdDev = math.Sqrt(v)
	total, err := revAcc.Result()
	if err != nil {
		return Expansion{}, fmt.Errorf("total revenue: %w", err)
	}
	out.Revenue = amount(total)
	if out.RevenueSD, err = money.Cent().RoundFloat(math.Sqrt(rv), money.HalfAwayFromZero); err != nil {
		return Expansion{}, err
	}
	return out, nil
}
