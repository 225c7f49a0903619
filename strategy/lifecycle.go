package strategy

import (
	"fmt"
	"math"
)

// Stage is a product life-cycle stage. The zero Stage is [Introduction].
type Stage uint8

const (
	Introduction Stage = iota // 导入期
	Growth                    // 成长期
	Maturity                  // 成熟期
	Decline                   // 衰退期
)

var stageNames = nameTable{
	{"introduction", "introduction", "导入期"},
	{"growth", "growth", "成长期"},
	{"maturity", "maturity", "成熟期"},
	{"decline", "decline", "衰退期"},
}

// Valid reports whether s is one of the four stages.
func (s Stage) Valid() bool { return stageNames.valid(uint8(s)) }

// String returns the stage's key ("introduction", …).
func (s Stage) String() string { return stageNames.key("Stage", uint8(s)) }

// Title returns the stage's name in English ("en") or Chinese ("zh").
func (s Stage) Title(lang string) string { return stageNames.title("Stage", uint8(s), lang) }

// MarshalText writes the stage's key; an invalid stage wraps
// [ErrInvalidOption].
func (s Stage) MarshalText() ([]byte, error) {
	return stageNames.marshal("Stage", uint8(s), ErrInvalidOption)
}

// UnmarshalText reads what [ParseStage] accepts.
func (s *Stage) UnmarshalText(b []byte) error {
	v, err := ParseStage(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseStage reads a stage's key or English name (any case) or its Chinese
// name; anything else wraps [ErrInvalidOption].
func ParseStage(s string) (Stage, error) {
	v, err := stageNames.parse("Stage", s, ErrInvalidOption)
	return Stage(v), err
}

// StageRule selects how [DetectStage] reads a sales series. The zero
// StageRule is [GrowthRule].
type StageRule uint8

const (
	// GrowthRule reads the growth rate and its trend (after Polli & Cook
	// 1969, who classify stages by the percentage change of sales): with g
	// the growth of the last window over the window before and a the
	// change of g from the window before that,
	//
	//	g < −Flat                  decline
	//	|g| ≤ Flat                 maturity
	//	g > Flat and a > 0         introduction (growth accelerating)
	//	g > Flat and a ≤ 0         growth (growth slowing)
	//
	// It needs three windows of sales.
	GrowthRule StageRule = iota
	// BassRule fits the Bass model to the series (as per-period adoptions)
	// and reads the position on the curve: introduction until the adopters
	// reach 16 % of the market (Rogers' innovators and early adopters),
	// growth until the peak, maturity from the peak until 84 % (the late
	// majority), decline after.
	BassRule
)

// StageOptions configures [DetectStage]. The zero StageOptions is the
// growth rule with windows of 3 periods and a flat band of 5 %.
type StageOptions struct {
	Rule StageRule
	// Window is the periods per window of the growth rule, 1 … 1000;
	// 0 means 3.
	Window int
	// Flat is the growth per window, a fraction in [0, 1), within which
	// sales count as flat; 0 means 0.05.
	Flat float64
}

// StageResult is a detected stage and the figures behind it. The zero
// StageResult is the introduction stage with no evidence.
type StageResult struct {
	Stage Stage
	Rule  StageRule
	// Growth is g, Acceleration a (growth rule).
	Growth, Acceleration float64
	// Bass is the fitted curve and Adopted = F(n) its share adopted by the
	// last period (Bass rule); PeakTime the time of its peak.
	Bass     Bass
	Adopted  float64
	PeakTime float64
}

// DetectStage places a product's sales series (per period, oldest first)
// on the life cycle by opt.Rule. Errors wrap [ErrInvalidSeries] (too
// short, a NaN, infinite or negative value, a zero window the growth
// rule divides by), [ErrInvalidOption] or those of [FitBass].
func DetectStage(sales []float64, opt StageOptions) (StageResult, error) {
	r, err := detectStage(sales, opt)
	return r, wrap(err)
}

func detectStage(sales []float64, opt StageOptions) (StageResult, error) {
	w, flat := opt.Window, opt.Flat
	if w == 0 {
		w = 3
	}
	if flat == 0 {
		flat = 0.05
	}
	if opt.Rule > BassRule || w < 1 || w > 1000 || !(flat > 0 && flat < 1) {
		return StageResult{}, fmt.Errorf("stage options %+v: %w", opt, ErrInvalidOption)
	}
	for t, x := range sales {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return StageResult{}, fmt.Errorf("period %d sales %v: %w", t+1, x, ErrInvalidSeries)
		}
	}
	if opt.Rule == BassRule {
		f, err := fitBass(sales)
		if err != nil {
			return StageResult{}, err
		}
		n := float64(len(sales))
		r := StageResult{Rule: BassRule, Bass: f.Bass, Adopted: bassF(f.P, f.Q, n)}
		r.PeakTime, _ = f.Bass.Peak()
		switch {
		case r.Adopted < 0.16:
			r.Stage = Introduction
		case n < r.PeakTime:
			r.Stage = Growth
		case r.Adopted < 0.84:
			r.Stage = Maturity
		default:
			r.Stage = Decline
		}
		return r, nil
	}
	n := len(sales)
	if n < 3*w || n > MaxHistory {
		return StageResult{}, fmt.Errorf("%d periods: the growth rule needs three windows of %d (and at most %d): %w", n, w, MaxHistory, ErrInvalidSeries)
	}
	sum := func(k int) float64 { // window k back from the end, 0 the last
		s := 0.0
		for _, x := range sales[n-(k+1)*w : n-k*w] {
			s += x
		}
		return s
	}
	s0, s1, s2 := sum(0), sum(1), sum(2)
	if s1 == 0 || s2 == 0 {
		return StageResult{}, fmt.Errorf("a window of zero sales: growth undefined: %w", ErrInvalidSeries)
	}
	g, gPrev := s0/s1-1, s1/s2-1
	if math.IsInf(g, 0) || math.IsInf(gPrev, 0) || math.IsNaN(g-gPrev) || math.IsInf(g-gPrev, 0) {
		return StageResult{}, fmt.Errorf("windows of %v, %v, %v: growth beyond the float range: %w", s2, s1, s0, ErrInvalidSeries)
	}
	r := StageResult{Rule: GrowthRule, Growth: g, Acceleration: g - gPrev}
	switch {
	case g < -flat:
		r.Stage = Decline
	case g <= flat:
		r.Stage = Maturity
	case r.Acceleration > 0:
		r.Stage = Introduction
	default:
		r.Stage = Growth
	}
	return r, nil
}

// ShareGoal is the market-share objective of a stage. The zero ShareGoal
// is [BuildShare].
type ShareGoal uint8

const (
	BuildShare   ShareGoal = iota // win first customers and set the standard
	GrowShare                     // grow faster than the market
	HoldShare                     // defend share, raise profit per customer
	HarvestShare                  // take cash, cut cost, or exit
)

// ShareStrategy is the course's market-share strategy for a life-cycle
// stage, in English and Chinese. The zero ShareStrategy is invalid.
type ShareStrategy struct {
	Stage   Stage
	Goal    ShareGoal
	English string
	Chinese string
}

var shareStrategies = [4]ShareStrategy{
	{Introduction, BuildShare,
		"Build share: win the lead customers and reference accounts, set the standard, educate the market; accept low profit.",
		"抢占份额：拿下标杆客户和样板项目，建立标准、教育市场；接受低利润。"},
	{Growth, GrowShare,
		"Grow share faster than the market: widen the range and the channels, scale up before competitors do, lock in key accounts.",
		"扩大份额：增长快于市场，扩充产品线和渠道，抢先形成规模，锁定关键客户。"},
	{Maturity, HoldShare,
		"Hold share: defend key accounts with service and solutions, cross-sell, cut cost to serve, compete on value rather than price.",
		"维持份额：以服务和解决方案守住关键客户，交叉销售，降低服务成本，以价值而非价格竞争。"},
	{Decline, HarvestShare,
		"Harvest: keep the profitable accounts, cut investment and range, raise price where customers are locked in, or exit in time.",
		"收割：保留盈利客户，削减投入和品种，对锁定客户提价，或适时退出。"},
}

// ShareStrategyFor returns the market-share strategy of stage s; false for
// an invalid stage.
func ShareStrategyFor(s Stage) (ShareStrategy, bool) {
	if !s.Valid() {
		return ShareStrategy{}, false
	}
	return shareStrategies[s], true
}

// Text returns the strategy in English ("en") or Chinese ("zh").
func (s ShareStrategy) Text(lang string) string {
	if lang == "zh" {
		return s.Chinese
	}
	return s.English
}
