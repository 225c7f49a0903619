package relationship

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/money"
)

// CostType is one of the course's five types of switching cost: what it
// would cost the customer to leave us for a rival. The zero CostType is
// [SearchCost].
type CostType uint8

const (
	// SearchCost is finding and evaluating another supplier.
	SearchCost CostType = iota
	// TrialCost is trying one: qualification, samples, set-up, and the
	// risk that the trial fails.
	TrialCost
	// LearningCost is learning to work with another product, process and
	// supplier.
	LearningCost
	// RelationshipCost is losing the personal relationships and the trust
	// built with us.
	RelationshipCost
	// LegalCost is contract penalties, lost contractual benefits and sunk
	// investments.
	LegalCost
)

// NumCostTypes is the number of switching-cost types.
const NumCostTypes = 5

var costTypeNames = [NumCostTypes]string{"search", "trial", "learning", "relationship", "legal"}

// String returns the type's name: search, trial, learning, relationship or
// legal.
func (c CostType) String() string {
	if c < NumCostTypes {
		return costTypeNames[c]
	}
	return fmt.Sprintf("CostType(%d)", uint8(c))
}

var costTypeChinese = [NumCostTypes]string{"搜寻成本", "尝试成本", "学习成本", "关系成本", "法律成本"}

// Title returns the cost type's name in English ([CostType.String]) or, for
// a Chinese language tag ("zh", "zh-CN", …), the course's Chinese: 搜寻成本,
// 尝试成本, 学习成本, 关系成本, 法律成本.
func (c CostType) Title(tag string) string {
	if c < NumCostTypes && lang.Chinese(tag) {
		return costTypeChinese[c]
	}
	return c.String()
}

// ParseCostType returns the cost type of a name as [CostType.String] gives
// it (case and surrounding space ignored); other names wrap
// [ErrInvalidOption].
func ParseCostType(s string) (CostType, error) {
	if k, ok := lookupName(s, costTypeNames[:]); ok {
		return CostType(k), nil
	}
	return 0, wrap(fmt.Errorf("cost type %q: %w", s, ErrInvalidOption))
}

// Category is one of the three kinds of switching cost of Burnham, Frels &
// Mahajan (2003), "Consumer switching costs: a typology, antecedents, and
// consequences", Journal of the Academy of Marketing Science 31(2). The
// zero Category is [Procedural].
type Category uint8

const (
	// Procedural costs are time and effort.
	Procedural Category = iota
	// Financial costs are money lost.
	Financial
	// Relational costs are bonds broken.
	Relational
)

// String returns procedural, financial or relational.
func (c Category) String() string {
	switch c {
	case Procedural:
		return "procedural"
	case Financial:
		return "financial"
	case Relational:
		return "relational"
	}
	return fmt.Sprintf("Category(%d)", uint8(c))
}

// Facet is one of the eight facets of switching cost of Burnham, Frels &
// Mahajan (2003). The zero Facet is [EconomicRisk].
type Facet uint8

const (
	EconomicRisk             Facet = iota // procedural: the risk of a worse outcome with an unknown supplier
	Evaluation                            // procedural: searching and evaluating
	LearningFacet                         // procedural: learning new skills and routines
	Setup                                 // procedural: setting up the new supplier
	BenefitLoss                           // financial: losing accrued benefits (discounts, points, terms)
	MonetaryLoss                          // financial: one-off outlays and sunk investments
	PersonalRelationshipLoss              // relational: losing the people one works with
	BrandRelationshipLoss                 // relational: losing the identification with the supplier
)

// NumFacets is the number of facets.
const NumFacets = 8

var facetNames = [NumFacets]string{"economic risk", "evaluation", "learning", "setup", "benefit loss", "monetary loss",
	"personal relationship loss", "brand relationship loss"}

// String returns the facet's name as the paper gives it, in lower case.
func (f Facet) String() string {
	if f < NumFacets {
		return facetNames[f]
	}
	return fmt.Sprintf("Facet(%d)", uint8(f))
}

// Category returns the facet's category: the first four are procedural,
// benefit and monetary loss financial, the two relationship losses
// relational.
func (f Facet) Category() Category {
	switch {
	case f <= Setup:
		return Procedural
	case f <= MonetaryLoss:
		return Financial
	}
	return Relational
}

// Facets returns the facets of Burnham, Frels & Mahajan that the course's
// cost type covers, this library's mapping: search → evaluation; trial →
// economic risk and setup; learning → learning; relationship → personal
// and brand relationship loss; legal → benefit and monetary loss.
func (c CostType) Facets() []Facet {
	switch c {
	case SearchCost:
		return []Facet{Evaluation}
	case TrialCost:
		return []Facet{EconomicRisk, Setup}
	case LearningCost:
		return []Facet{LearningFacet}
	case RelationshipCost:
		return []Facet{PersonalRelationshipLoss, BrandRelationshipLoss}
	case LegalCost:
		return []Facet{BenefitLoss, MonetaryLoss}
	}
	return nil
}

// Costs are one customer's switching costs by type, in money (currency with
// at most two decimals, each at most 10^16, so that sums stay within 10^18
// cents). The zero Costs is no switching cost at all.
type Costs [NumCostTypes]decimal.Decimal

// counts returns the costs in cents, checked: negative or fractional cents
// wrap [ErrInvalidAmount].
func (c Costs) counts() ([NumCostTypes]int64, int64, error) {
	var out [NumCostTypes]int64
	var acc money.Acc
	for t, a := range c {
		n, err := money.Cent().Count(a)
		if err != nil {
			return out, 0, fmt.Errorf("%s cost %s: %w", CostType(t), a, err)
		}
		if n < 0 {
			return out, 0, fmt.Errorf("%s cost %s is negative: %w", CostType(t), a, ErrInvalidAmount)
		}
		out[t] = n
		acc.Add(n)
	}
	total, err := acc.Result()
	if err != nil {
		return out, 0, fmt.Errorf("total switching cost: %w", err)
	}
	return out, total, nil
}

// Total returns the sum of the costs. Errors wrap [ErrInvalidAmount] (a
// negative cost or fractions of a cent) or [ErrOverflow].
func (c Costs) Total() (decimal.Decimal, error) {
	_, total, err := c.counts()
	if err != nil {
		return decimal.Decimal{}, wrap(err)
	}
	return money.Cent().Amount(total), nil
}

// ByCategory returns the costs summed by Burnham, Frels & Mahajan's
// category, each type split equally over its facets (to the cent, by the
// largest remainder, so that the categories sum to the total). Errors are
// those of [Costs.Total].
func (c Costs) ByCategory() ([3]decimal.Decimal, error) {
	var out [3]decimal.Decimal
	if _, _, err := c.counts(); err != nil {
		return out, wrap(err)
	}
	for k := range out {
		out[k] = decimal.Zero
	}
	for t, a := range c {
		fs := CostType(t).Facets()
		w := make([]decimal.Decimal, len(fs))
		for k := range w {
			w[k] = decimal.NewFromInt(1)
		}
		parts, err := money.SplitAmount(a, w, money.Cent())
		if err != nil {
			return out, wrap(fmt.Errorf("%s cost %s: %w", CostType(t), a, err))
		}
		for k, f := range fs {
			out[f.Category()] = out[f.Category()].Add(parts[k])
		}
	}
	return out, nil
}

// RatingScale turns ratings of switching costs into money, for accounts
// whose managers rate the costs rather than price them: a rating r of a
// type, Min ≤ r ≤ Max, is worth (r − Min) × PerPoint of that type. The zero
// RatingScale (Min = Max = 0) is invalid.
type RatingScale struct {
	Min, Max int   // the scale, Min < Max
	PerPoint Costs // money per point above Min, by type
}

// Costs converts ratings by type into money. Errors wrap
// [ErrInvalidOption] (Min ≥ Max, a rating off the scale) or
// [ErrInvalidAmount] (a negative or fractional-cent money per point).
func (s RatingScale) Costs(ratings [NumCostTypes]int) (Costs, error) {
	var out Costs
	if s.Min >= s.Max {
		return out, wrap(fmt.Errorf("rating scale %d … %d: %w", s.Min, s.Max, ErrInvalidOption))
	}
	per, _, err := s.PerPoint.counts()
	if err != nil {
		return out, wrap(fmt.Errorf("money per point: %w", err))
	}
	for t, r := range ratings {
		if r < s.Min || r > s.Max {
			return out, wrap(fmt.Errorf("%s rating %d off the scale %d … %d: %w", CostType(t), r, s.Min, s.Max, ErrInvalidOption))
		}
		n, err := money.Mul(per[t], int64(r-s.Min))
		if err != nil {
			return out, wrap(fmt.Errorf("%s rating %d: %w", CostType(t), r, err))
		}
		out[t] = money.Cent().Amount(n)
	}
	if _, _, err := out.counts(); err != nil {
		return out, wrap(err)
	}
	return out, nil
}

// LeverKind is one of the course's five levers that raise switching costs.
// The zero LeverKind is [DedicatedAssets].
type LeverKind uint8

const (
	// DedicatedAssets are assets we place with the customer (a storage
	// tank, a vending machine) that a rival would have to replace.
	DedicatedAssets LeverKind = iota
	// ExcellentService is service a rival would have to match.
	ExcellentService
	// ProcessEmbedding builds our product into the customer's processes.
	ProcessEmbedding
	// ProprietaryTechnology makes our product the specified one.
	ProprietaryTechnology
	// ExitBarriers are contracts, bundles and terms that make leaving cost
	// money.
	ExitBarriers
)

// String returns the lever's name.
func (k LeverKind) String() string {
	if int(k) < len(leverNames) {
		return leverNames[k]
	}
	return fmt.Sprintf("LeverKind(%d)", uint8(k))
}

var leverNames = []string{"dedicated assets", "excellent service", "process embedding", "proprietary technology", "exit barriers"}

// Lever is one action that raises a customer's switching costs: by how much
// for each type, and what it costs us, in money. The zero Lever raises
// nothing and costs nothing.
type Lever struct {
	Name   string          `json:"name"`
	Kind   LeverKind       `json:"kind"`
	Raises Costs           `json:"raises"` // the rise of each switching-cost type
	Cost   decimal.Decimal `json:"cost"`   // our cost of the lever, over the same horizon
}

// Effect returns the lever's rise of the total switching cost. Errors are
// those of [Costs.Total].
func (l Lever) Effect() (decimal.Decimal, error) { return l.Raises.Total() }

// Return returns the lever's effect per unit of its cost, effect / cost,
// and false when the lever costs nothing (or its money is invalid).
func (l Lever) Return() (float64, bool) {
	e, err := l.Effect()
	if err != nil || !l.Cost.IsPositive() {
		return 0, false
	}
	return e.Div(l.Cost).InexactFloat64(), true
}

// Profile is a ready-made lever: how its rise of the switching costs falls
// on the five types, as fractions summing to one. The zero Profile has no
// weights, which [Profile.Lever] refuses.
type Profile struct {
	Name    string
	Kind    LeverKind
	Weights [NumCostTypes]float64
}

// CaseProfiles returns the course's four cases as lever profiles. Which
// types each case raises follows the case; the fractions are this
// library's reading of it, to be replaced by the account's own:
//
//   - refrigerant storage tank (dedicated assets): the tank on the
//     customer's site must be replaced and requalified — trial 0.5, legal
//     0.3 (the asset contract), learning 0.2;
//   - tool vending machine (process embedding): tool issue runs through our
//     machine — learning 0.5, trial 0.3, relationship 0.2;
//   - bundled packaging contract (exit barriers): leaving one part means
//     re-sourcing the bundle — legal 0.7, search 0.3;
//   - specified by the customer's customer (proprietary technology): a
//     change needs the end customer's approval — trial 0.5, relationship
//     0.3, search 0.2.
func CaseProfiles() []Profile {
	return []Profile{
		{"refrigerant storage tank", DedicatedAssets, [NumCostTypes]float64{TrialCost: 0.5, LegalCost: 0.3, LearningCost: 0.2}},
		{"tool vending machine", ProcessEmbedding, [NumCostTypes]float64{LearningCost: 0.5, TrialCost: 0.3, RelationshipCost: 0.2}},
		{"bundled packaging contract", ExitBarriers, [NumCostTypes]float64{LegalCost: 0.7, SearchCost: 0.3}},
		{"specified by the customer's customer", ProprietaryTechnology, [NumCostTypes]float64{TrialCost: 0.5, RelationshipCost: 0.3, SearchCost: 0.2}},
	}
}

// Lever returns the profile as a lever that raises the total switching
// cost by rise, split over the types by the weights exactly to the cent
// (largest remainder), at the given cost. Errors wrap [ErrInvalidOption]
// (a weight that is negative, not finite, or weights that do not sum to
// one within 1e-9) or [ErrInvalidAmount] (negative or fractional-cent
// money).
func (p Profile) Lever(rise, cost decimal.Decimal) (Lever, error) {
	sum := 0.0
	w := make([]decimal.Decimal, NumCostTypes)
	for t, x := range p.Weights {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > 1 {
			return Lever{}, wrap(fmt.Errorf("profile %q: %s weight %v, want a fraction in [0, 1]: %w", p.Name, CostType(t), x, ErrInvalidOption))
		}
		sum += x
		w[t] = decimal.NewFromFloat(x)
	}
	if math.Abs(sum-1) > 1e-9 {
		return Lever{}, wrap(fmt.Errorf("profile %q: weights sum to %v, want 1: %w", p.Name, sum, ErrInvalidOption))
	}
	for _, a := range []decimal.Decimal{rise, cost} {
		if n, err := money.Cent().Count(a); err != nil || n < 0 {
			return Lever{}, wrap(fmt.Errorf("profile %q: amount %s, want whole cents ≥ 0: %w", p.Name, a, ErrInvalidAmount))
		}
	}
	parts, err := money.SplitAmount(rise, w, money.Cent())
	if err != nil {
		return Lever{}, wrap(err)
	}
	l := Lever{Name: p.Name, Kind: p.Kind, Cost: cost}
	copy(l.Raises[:], parts)
	return l, nil
}
