package pricing

import (
	"fmt"

	"github.com/salesgrowth/salesgrowth/internal/lang"
)

// Strategy is a named pricing strategy with its description, in English
// and in the course's Chinese. The zero Strategy is unnamed.
type Strategy struct {
	Name, Chinese string
	Description   string
}

// Stage is a product's life-cycle stage. The zero Stage is [Introduction].
type Stage uint8

const (
	Introduction Stage = iota // 导入期
	Growth                    // 成长期
	Maturity                  // 成熟期
	Decline                   // 衰退期
)

var stageNames = [...][2]string{{"introduction", "导入期"}, {"growth", "成长期"}, {"maturity", "成熟期"}, {"decline", "衰退期"}}

// String returns the stage's English name.
func (s Stage) String() string {
	if int(s) < len(stageNames) {
		return stageNames[s][0]
	}
	return fmt.Sprintf("Stage(%d)", uint8(s))
}

// Chinese returns the stage's Chinese name.
func (s Stage) Chinese() string {
	if int(s) < len(stageNames) {
		return stageNames[s][1]
	}
	return s.String()
}

// Title returns the stage's name in English ([Stage.String]) or, for a
// Chinese language tag ("zh", "zh-CN", …), [Stage.Chinese].
func (s Stage) Title(tag string) string { return lang.Pick(tag, s.String(), s.Chinese()) }

// StageStrategies returns the pricing strategies of a life-cycle stage:
// skimming or penetration at introduction; a price that follows the
// segments entering in growth; defending share and margin against rivals
// in maturity; harvesting or withdrawing in decline. Unknown stages give
// nil.
func StageStrategies(s Stage) []Strategy {
	switch s {
	case Introduction:
		return []Strategy{
			{"skimming", "撇脂定价", "a high launch price for the customers who value the novelty most, lowered step by step; fits a protected, clearly better product with inelastic early demand"},
			{"penetration", "渗透定价", "a low launch price to win volume and share fast; fits elastic demand, scale economies and a product rivals can copy"},
		}
	case Growth:
		return []Strategy{{"segment pricing", "分层定价", "prices per segment as new customers enter, keeping the premium where the product is differentiated and cutting where volume grows with price"}}
	case Maturity:
		return []Strategy{{"value defence", "价值防御", "defend share and margin with value added, bundles and service instead of list-price cuts; answer price attacks selectively"}}
	case Decline:
		return []Strategy{{"harvest", "收割定价", "hold or raise the price to the loyal remainder and cut cost to serve, or withdraw; price to clear stock before exit"}}
	}
	return nil
}

// Position is a supplier's competitive position. The zero Position is
// [Leader].
type Position uint8

const (
	Leader     Position = iota // 领导者
	Challenger                 // 挑战者
	Follower                   // 跟随者
	Nicher                     // 补缺者
)

var positionStrategies = [...]Strategy{
	{"leader", "领导者", "sets the market's price level; defends it with value and selective responses rather than cuts that the whole market would follow"},
	{"challenger", "挑战者", "attacks where the leader is weak, on a better value/price ratio in chosen segments, not a general price war"},
	{"follower", "跟随者", "prices close to the leader and competes on service, terms and cost"},
	{"nicher", "补缺者", "a premium for specialised value in a segment the large suppliers serve badly"},
}

// String returns the position's English name.
func (p Position) String() string {
	if int(p) < len(positionStrategies) {
		return positionStrategies[p].Name
	}
	return fmt.Sprintf("Position(%d)", uint8(p))
}

// PositionStrategy returns the pricing strategy of a competitive position;
// the zero Strategy for an unknown one.
func PositionStrategy(p Position) Strategy {
	if int(p) < len(positionStrategies) {
		return positionStrategies[p]
	}
	return Strategy{}
}

// Level is low, medium or high on an axis such as price, quality or
// differentiation. The zero Level is [Low].
type Level uint8

// The three levels, in increasing order.
const (
	Low Level = iota
	Medium
	High
)

// String returns low, medium or high.
func (l Level) String() string {
	switch l {
	case Low:
		return "low"
	case Medium:
		return "medium"
	case High:
		return "high"
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

var priceQuality = [3][3]Strategy{ // [quality][price]
	High:   {{"super value", "超值", "high quality at a low price"}, {"high value", "高价值", "high quality at a medium price"}, {"premium", "优质高价", "high quality at a high price"}},
	Medium: {{"good value", "优良价值", "medium quality at a low price"}, {"medium value", "中等价值", "medium quality at a medium price"}, {"overcharging", "高价", "medium quality at a high price"}},
	Low:    {{"economy", "经济", "low quality at a low price"}, {"false economy", "虚假经济", "low quality at a medium price"}, {"rip-off", "骗取", "low quality at a high price: customers do not come back"}},
}

// PriceQuality returns the strategy of Kotler's price–quality grid for a
// quality and a price level; the zero Strategy for unknown levels.
func PriceQuality(quality, price Level) Strategy {
	if quality > High || price > High {
		return Strategy{}
	}
	return priceQuality[quality][price]
}

// ProductLineStrategies returns the product-line pricing strategies: line,
// optional-product, captive-product, by-product and bundle pricing.
func ProductLineStrategies() []Strategy {
	return []Strategy{
		{"product line", "产品线定价", "price steps between the models of a line that match the differences customers see"},
		{"optional product", "选择品定价", "a base price and priced options"},
		{"captive product", "专属产品定价", "a low price for the system, margin on the consumables or service it needs"},
		{"by-product", "副产品定价", "any price above the cost of disposal lowers the main product's cost"},
		{"bundle", "捆绑定价", "a bundle priced below the sum of its parts, to sell more and raise switching costs"},
	}
}

// SolutionPrinciples returns the principles of pricing a solution: price
// the outcome, share the risk, price the whole life.
func SolutionPrinciples() []Strategy {
	return []Strategy{
		{"price the outcome", "按结果定价", "charge for the result the customer gets (uptime, output, savings), not for the parts"},
		{"share the risk", "风险共担", "take part of the customer's risk (guarantees, gain sharing) and be paid for it"},
		{"price the whole life", "全生命周期定价", "price against the customer's life-cycle cost, not the purchase price"},
	}
}

// Recommendation is the strategy [Recommend] proposes and why. The zero
// Recommendation is empty.
type Recommendation struct {
	Strategy Strategy
	Why      []string
}

// Recommend proposes a pricing strategy from the life-cycle stage, the
// competitive position and the product's differentiation, by this
// library's rules, and says why: at introduction, skimming when
// differentiation is high, else penetration; later a leader or nicher
// with high differentiation defends value, a challenger attacks with value
// for money, a follower follows the leader; in decline, harvest. Errors
// wrap [ErrInvalidOption] (an unknown stage, position or level).
func Recommend(s Stage, p Position, differentiation Level) (Recommendation, error) {
	if s > Decline || p > Nicher || differentiation > High {
		return Recommendation{}, wrap(fmt.Errorf("stage %d, position %d, differentiation %d: %w", s, p, differentiation, ErrInvalidOption))
	}
	st := StageStrategies(s)
	r := Recommendation{}
	switch {
	case s == Introduction && differentiation == High:
		r.Strategy = st[0]
		r.Why = append(r.Why, "a new, clearly differentiated product: early buyers pay for the novelty")
	case s == Introduction:
		r.Strategy = st[1]
		r.Why = append(r.Why, "a new product without a lasting edge: win volume before rivals copy it")
	case s == Decline:
		r.Strategy = st[0]
		r.Why = append(r.Why, "a declining market: keep the margin on the loyal remainder")
	case differentiation == High && (p == Leader || p == Nicher):
		r.Strategy = Strategy{"value pricing", "价值定价", "price on the value delivered (EVC) and defend it with service and switching costs"}
		r.Why = append(r.Why, fmt.Sprintf("a %s with high differentiation can hold a premium", p))
	case p == Challenger:
		r.Strategy = PositionStrategy(Challenger)
		r.Why = append(r.Why, "a challenger wins on a better value/price ratio in chosen segments")
	case p == Follower || differentiation == Low:
		r.Strategy = PositionStrategy(Follower)
		r.Why = append(r.Why, "little differentiation: stay close to the market price and compete on cost and service")
	default:
		r.Strategy = st[0]
		r.Why = append(r.Why, fmt.Sprintf("the %s stage's strategy for a %s", s, p))
	}
	r.Why = append(r.Why, fmt.Sprintf("stage: %s (%s); position: %s; differentiation: %s", s, s.Chinese(), p, differentiation))
	return r, nil
}
