package tiering

import (
	"fmt"
	"math"
	"slices"
)

// ABCClass is a class of the ABC analysis. The zero ABCClass is [ClassA].
type ABCClass uint8

// The ABC classes, most valuable first.
const (
	ClassA ABCClass = iota // the few customers that make most of the value
	ClassB                 // the middle
	ClassC                 // the many that make little
)

// String returns "A", "B" or "C".
func (c ABCClass) String() string {
	if c <= ClassC {
		return string(rune('A' + c))
	}
	return fmt.Sprintf("ABCClass(%d)", uint8(c))
}

// ABCOptions configures [ABC]. The zero ABCOptions is the classic
// cumulative-value rule with cuts at 80 % and 95 % of the value.
type ABCOptions struct {
	// ByCount classifies by head count instead of cumulative value: the
	// top Cuts[0] of customers are A, up to Cuts[1] B, the rest C.
	ByCount bool
	// Cuts are the two increasing cumulative fractions in (0, 1] at which A
	// and B end. Zero means 0.8 and 0.95 by value, 0.2 and 0.5 by count.
	Cuts [2]float64
}

// ABC classifies customers by value: by cumulative share of the total
// positive value (customers, from the most valuable down, are A until they
// make Cuts[0] of it, B until Cuts[1], C beyond; the customer whose value
// crosses a cut belongs to the class it completes) or by head count
// (ByCount, the counts rounded half away from zero). Equal values share a
// class, as in [Assign]; customers with a value of zero or less are C.
// Errors wrap [ErrNoValues], [ErrNotFinite] or [ErrInvalidOption] (cuts
// outside (0, 1], given as percentages, or not increasing). values is not
// modified.
func ABC(values []float64, opt ABCOptions) ([]ABCClass, error) {
	out, err := abc(values, opt)
	return out, wrap(err)
}

func abc(values []float64, opt ABCOptions) ([]ABCClass, error) {
	if len(values) == 0 {
		return nil, ErrNoValues
	}
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("value %d: %v: %w", i, v, ErrNotFinite)
		}
	}
	cuts := opt.Cuts
	if cuts == [2]float64{} {
		cuts = [2]float64{0.8, 0.95}
		if opt.ByCount {
			cuts = [2]float64{0.2, 0.5}
		}
	}
	if !(cuts[0] > 0 && cuts[0] < cuts[1] && cuts[1] <= 1) {
		return nil, fmt.Errorf("abc cuts %v: increasing fractions in (0, 1] (not percentages): %w", cuts, ErrInvalidOption)
	}
	ranked := slices.Clone(values)
	slices.Sort(ranked)
	slices.Reverse(ranked)
	var heads []int
	if opt.ByCount {
		n := float64(len(ranked))
		heads = []int{int(math.Round(cuts[0] * n)), int(math.Round(cuts[1] * n))}
	} else {
		heads = valueCuts(ranked, cuts[:])
	}
	bounds := cutValues(ranked, heads)
	out := make([]ABCClass, len(values))
	for i, v := range values {
		switch {
		case v > 0 && v >= bounds[0]:
			out[i] = ClassA
		case v > 0 && v >= bounds[1]:
			out[i] = ClassB
		default:
			out[i] = ClassC
		}
	}
	return out, nil
}

// XYZClass is a class of the XYZ analysis of demand variability. The zero
// XYZClass is [ClassX].
type XYZClass uint8

// The XYZ classes, steadiest first.
const (
	ClassX XYZClass = iota // steady demand
	ClassY                 // fluctuating demand
	ClassZ                 // irregular demand
)

// String returns "X", "Y" or "Z".
func (c XYZClass) String() string {
	if c <= ClassZ {
		return string(rune('X' + c))
	}
	return fmt.Sprintf("XYZClass(%d)", uint8(c))
}

// XYZ classifies customers by the variability of their demand: the
// coefficient of variation (population standard deviation over mean) of each
// customer's series of period values is X up to cuts[0], Y up to cuts[1] and
// Z above; zero cuts mean 0.5 and 1.0. A series whose mean is not positive
// (no demand, or returns outweighing it) is Z. Errors wrap [ErrNoValues] (no
// series, or an empty one), [ErrNotFinite] or [ErrInvalidOption] (cuts not
// positive and increasing).
func XYZ(series [][]float64, cuts [2]float64) ([]XYZClass, error) {
	if len(series) == 0 {
		return nil, wrap(ErrNoValues)
	}
	if cuts == [2]float64{} {
		cuts = [2]float64{0.5, 1.0}
	}
	if !(cuts[0] > 0 && cuts[0] < cuts[1]) || math.IsInf(cuts[1], 0) {
		return nil, wrap(fmt.Errorf("xyz cuts %v: %w", cuts, ErrInvalidOption))
	}
	out := make([]XYZClass, len(series))
	for i, s := range series {
		if len(s) == 0 {
			return nil, wrap(fmt.Errorf("series %d: %w", i, ErrNoValues))
		}
		var sum float64
		for k, v := range s {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, wrap(fmt.Errorf("series %d, period %d: %v: %w", i, k+1, v, ErrNotFinite))
			}
			sum += v
		}
		mean := sum / float64(len(s))
		if !(mean > 0) || math.IsInf(mean, 0) {
			out[i] = ClassZ
			continue
		}
		var ss float64
		for _, v := range s {
			ss += (v - mean) * (v - mean)
		}
		cv := math.Sqrt(ss/float64(len(s))) / mean
		switch {
		case cv <= cuts[0]:
			out[i] = ClassX
		case cv <= cuts[1]:
			out[i] = ClassY
		default:
			out[i] = ClassZ
		}
	}
	return out, nil
}

// CrossTable counts customers by ABC class (rows A, B, C) and XYZ class
// (columns X, Y, Z). It returns an error wrapping [ErrInvalidOption] when
// the slices differ in length or hold an unknown class.
func CrossTable(abc []ABCClass, xyz []XYZClass) ([3][3]int, error) {
	var t [3][3]int
	if len(abc) != len(xyz) {
		return t, wrap(fmt.Errorf("%d ABC and %d XYZ classes: %w", len(abc), len(xyz), ErrInvalidOption))
	}
	for i := range abc {
		if abc[i] > ClassC || xyz[i] > ClassZ {
			return [3][3]int{}, wrap(fmt.Errorf("customer %d: classes %d, %d: %w", i, abc[i], xyz[i], ErrInvalidOption))
		}
		t[abc[i]][xyz[i]]++
	}
	return t, nil
}
