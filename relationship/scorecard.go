package relationship

import (
	"fmt"
	"math"

	"github.com/salesgrowth/salesgrowth/internal/lang"
)

// Dimension is one of the seven dimensions of the TQRDCES supplier
// scorecard. The zero Dimension is [Technology].
type Dimension uint8

const (
	Technology  Dimension = iota // technology and innovation
	Quality                      // product and process quality
	Response                     // responsiveness: service, problem solving
	Delivery                     // on time, in full
	Cost                         // price and total cost
	Environment                  // environmental performance
	Safety                       // safety and sustainability
)

// NumDimensions is the number of scorecard dimensions.
const NumDimensions = 7

var dimensionNames = [NumDimensions]string{"technology", "quality", "response", "delivery", "cost", "environment", "safety"}

// String returns the dimension's name.
func (d Dimension) String() string {
	if d < NumDimensions {
		return dimensionNames[d]
	}
	return fmt.Sprintf("Dimension(%d)", uint8(d))
}

var dimensionChinese = [NumDimensions]string{"技术", "质量", "响应", "交付", "成本", "环境", "安全"}

// Title returns the dimension's name in English ([Dimension.String]) or, for
// a Chinese language tag ("zh", "zh-CN", …), in Chinese: 技术, 质量, 响应,
// 交付, 成本, 环境, 安全 (the letters of TQRDCES).
func (d Dimension) Title(tag string) string {
	if d < NumDimensions && lang.Chinese(tag) {
		return dimensionChinese[d]
	}
	return d.String()
}

// Scores are a supplier's scores by dimension, each 0 … 100. The zero
// Scores is a supplier scoring zero everywhere.
type Scores [NumDimensions]float64

// Grade is a scorecard grade, A (best) to D. The zero Grade is no grade.
type Grade uint8

const (
	NoGrade Grade = iota // not rated
	GradeA               // preferred supplier
	GradeB               // approved
	GradeC               // conditional: improvement plan
	GradeD               // failing: at risk of replacement
)

// String returns A, B, C, D, or "-" for no grade.
func (g Grade) String() string {
	if g >= GradeA && g <= GradeD {
		return string(rune('A' + g - GradeA))
	}
	return "-"
}

// Scorecard weighs the TQRDCES dimensions into a total and a grade. The
// zero Scorecard has no weights, which [Scorecard.Rate] refuses; start
// from [DefaultScorecard].
type Scorecard struct {
	// Weights are the dimensions' fractions of the total, summing to one.
	Weights [NumDimensions]float64 `json:"weights"`
	// Gates are the minimum score per dimension (0 = no gate): a supplier
	// below any gate grades D whatever its total.
	Gates Scores `json:"gates"`
	// Cuts are the least totals of grades A, B and C, descending; a total
	// below Cuts[2] is D.
	Cuts [3]float64 `json:"cuts"`
}

// DefaultScorecard returns this library's default scorecard: weights
// technology 0.15, quality 0.25, response 0.15, delivery 0.15, cost 0.20,
// environment 0.05, safety 0.05; gates of 60 on quality and 50 on safety;
// grades A from 85, B from 70, C from 55.
func DefaultScorecard() Scorecard {
	return Scorecard{
		Weights: [NumDimensions]float64{0.15, 0.25, 0.15, 0.15, 0.20, 0.05, 0.05},
		Gates:   Scores{Quality: 60, Safety: 50},
		Cuts:    [3]float64{85, 70, 55},
	}
}

// Validate reports whether the scorecard is usable: weights fractions in
// [0, 1] summing to one within 1e-9, gates in 0 … 100, cuts descending in
// 0 … 100. Errors wrap [ErrInvalidOption].
func (s Scorecard) Validate() error { return wrap(s.validate()) }

func (s Scorecard) validate() error {
	sum := 0.0
	for d, w := range s.Weights {
		if !(w >= 0 && w <= 1) {
			return fmt.Errorf("scorecard: %s weight %v, want a fraction in [0, 1]: %w", Dimension(d), w, ErrInvalidOption)
		}
		sum += w
	}
	if math.Abs(sum-1) > 1e-9 {
		return fmt.Errorf("scorecard: weights sum to %v, want 1: %w", sum, ErrInvalidOption)
	}
	for d, g := range s.Gates {
		if !(g >= 0 && g <= 100) {
			return fmt.Errorf("scorecard: %s gate %v, want 0 … 100: %w", Dimension(d), g, ErrInvalidOption)
		}
	}
	c := s.Cuts
	if !(c[0] <= 100 && c[0] >= c[1] && c[1] >= c[2] && c[2] >= 0) {
		return fmt.Errorf("scorecard: grade cuts %v, want descending in 0 … 100: %w", c, ErrInvalidOption)
	}
	return nil
}

func checkScores(sc Scores) error {
	for d, v := range sc {
		if !(v >= 0 && v <= 100) {
			return fmt.Errorf("%s score %v, want 0 … 100: %w", Dimension(d), v, ErrInvalidOption)
		}
	}
	return nil
}

// Rating is a supplier's scorecard result. The zero Rating is no grade.
type Rating struct {
	Total  float64     // Σ weight × score, 0 … 100
	Grade  Grade       // by the cuts, D when a gate fails
	Failed []Dimension // the dimensions below their gate, in order
}

// Rate returns the total, the grade and the failed gates of one review. A
// failed gate grades D whatever the total. Errors wrap [ErrInvalidOption]
// (an invalid scorecard, a score outside 0 … 100 or NaN).
func (s Scorecard) Rate(sc Scores) (Rating, error) {
	r, err := s.rate(sc)
	return r, wrap(err)
}

func (s Scorecard) rate(sc Scores) (Rating, error) {
	if err := s.validate(); err != nil {
		return Rating{}, err
	}
	if err := checkScores(sc); err != nil {
		return Rating{}, err
	}
	var r Rating
	for d, v := range sc {
		r.Total += s.Weights[d] * v
		if v < s.Gates[d] {
			r.Failed = append(r.Failed, Dimension(d))
		}
	}
	switch {
	case len(r.Failed) > 0 || r.Total < s.Cuts[2]:
		r.Grade = GradeD
	case r.Total >= s.Cuts[0]:
		r.Grade = GradeA
	case r.Total >= s.Cuts[1]:
		r.Grade = GradeB
	default:
		r.Grade = GradeC
	}
	return r, nil
}

// Trend compares two reviews of one supplier. The zero Trend is no change.
type Trend struct {
	Before, After Rating
	Change        Scores      // after − before, by dimension
	Improved      []Dimension // dimensions that rose, in order
	Worsened      []Dimension // dimensions that fell, in order
}

// Trend rates both reviews and compares them. Errors are those of
// [Scorecard.Rate].
func (s Scorecard) Trend(before, after Scores) (Trend, error) {
	var t Trend
	var err error
	if t.Before, err = s.rate(before); err != nil {
		return Trend{}, wrap(fmt.Errorf("before: %w", err))
	}
	if t.After, err = s.rate(after); err != nil {
		return Trend{}, wrap(fmt.Errorf("after: %w", err))
	}
	for d := range NumDimensions {
		t.Change[d] = after[d] - before[d]
		switch {
		case t.Change[d] > 0:
			t.Improved = append(t.Improved, Dimension(d))
		case t.Change[d] < 0:
			t.Worsened = append(t.Worsened, Dimension(d))
		}
	}
	return t, nil
}

// Situation is a typical situation in which a customer changes supplier,
// with the scorecard dimensions that predict it. The zero Situation names
// nothing.
type Situation struct {
	Name       string
	Dimensions []Dimension
}

// SwitchSituations returns the checklist of seven typical situations in
// which a customer changes supplier, each mapped to the dimensions whose
// scores warn of it (this library's wording and mapping):
//
//  1. a quality failure reaches the customer's line or its customer — quality;
//  2. deliveries are late or short — delivery, response;
//  3. a rival offers a lower total cost — cost;
//  4. a new technology or product generation we do not offer — technology;
//  5. complaints are handled slowly — response, quality;
//  6. new rules or the customer's own targets on environment or safety — environment, safety;
//  7. a new buyer or management reviews the supplier base — every dimension
//     (the weakest score is what the review finds).
func SwitchSituations() []Situation {
	all := []Dimension{Technology, Quality, Response, Delivery, Cost, Environment, Safety}
	return []Situation{
		{"quality failure reaches the customer", []Dimension{Quality}},
		{"late or short deliveries", []Dimension{Delivery, Response}},
		{"a rival offers a lower total cost", []Dimension{Cost}},
		{"a technology shift we do not lead", []Dimension{Technology}},
		{"complaints handled slowly", []Dimension{Response, Quality}},
		{"new environmental or safety requirements", []Dimension{Environment, Safety}},
		{"a new buyer reviews the supplier base", all},
	}
}

// Warnings returns the situations of [SwitchSituations] that the review
// warns of: those with a predicting dimension scored below the grade-B cut
// or below its gate. Errors are those of [Scorecard.Rate].
func (s Scorecard) Warnings(sc Scores) ([]Situation, error) {
	if _, err := s.rate(sc); err != nil {
		return nil, wrap(err)
	}
	var out []Situation
	for _, st := range SwitchSituations() {
		for _, d := range st.Dimensions {
			if sc[d] < s.Cuts[1] || sc[d] < s.Gates[d] {
				out = append(out, st)
				break
			}
		}
	}
	return out, nil
}
