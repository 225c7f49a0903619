package tiering

import (
	"fmt"
	"math"
)

// Criterion is one weighted criterion of a portfolio axis, scored per
// customer on the caller's scale. The zero Criterion has no weight.
type Criterion struct {
	Name   string
	Weight float64 // non-negative; the weights of an axis need not sum to one
}

// GridOptions configures [PortfolioGrid]. The zero GridOptions is the 2 × 2
// grid cut at the middle of each axis's scores with McDonald's labels.
type GridOptions struct {
	// Attractiveness and Strength are the criteria of the two axes
	// (customer attractiveness; relationship strength or our competitive
	// position). Each needs at least one positive weight.
	Attractiveness, Strength []Criterion
	// Cuts are the axis scores at which the cells change, ascending: one
	// cut for a 2 × 2 grid, two for 3 × 3. Nil means one cut at the mean of
	// the lowest and highest score of each axis.
	AttractivenessCuts, StrengthCuts []float64
	// Labels names the cells, indexed [attractiveness][strength] from low
	// to high; nil means McDonald's for 2 × 2 (streamline, status, star,
	// strategic) and "low/medium/high attractiveness, low/medium/high strength"
	// for 3 × 3.
	Labels [][]string
}

// GridCell is one customer's place in the grid. The zero GridCell is the
// low-low cell with zero scores.
type GridCell struct {
	Attractiveness, Strength float64 // weighted mean scores
	Row, Col                 int     // cell: attractiveness row, strength column, 0 = low
	Label                    string
}

// PortfolioGrid places each customer in the key-account portfolio grid:
// customer attractiveness against relationship strength, each the weighted
// mean of the customer's criterion scores, in 2 × 2 cells with the labels of
// Malcolm McDonald's key-account portfolio (streamline for low/low, status
// for low attractiveness and high strength, star for high attractiveness
// and low strength, strategic for both high) or 3 × 3 cells. scores[i] holds customer i's scores on the
// attractiveness criteria followed by the strength criteria. A score equal
// to a cut is in the upper cell. Errors wrap [ErrNoValues], [ErrNotFinite]
// or [ErrInvalidOption] (no positive weight, a score row of another length,
// cuts not ascending or of different counts per axis, labels of the wrong
// shape).
func PortfolioGrid(scores [][]float64, opt GridOptions) ([]GridCell, error) {
	out, err := portfolioGrid(scores, opt)
	return out, wrap(err)
}

func portfolioGrid(scores [][]float64, opt GridOptions) ([]GridCell, error) {
	if len(scores) == 0 {
		return nil, ErrNoValues
	}
	na, ns := len(opt.Attractiveness), len(opt.Strength)
	weightSum := func(cs []Criterion, axis string) (float64, error) {
		var s float64
		for _, c := range cs {
			if !(c.Weight >= 0) || math.IsInf(c.Weight, 0) {
				return 0, fmt.Errorf("grid: %s criterion %q weight %v: %w", axis, c.Name, c.Weight, ErrInvalidOption)
			}
			s += c.Weight
		}
		if s == 0 {
			return 0, fmt.Errorf("grid: no %s criterion with a positive weight: %w", axis, ErrInvalidOption)
		}
		return s, nil
	}
	wa, err := weightSum(opt.Attractiveness, "attractiveness")
	if err != nil {
		return nil, err
	}
	ws, err := weightSum(opt.Strength, "strength")
	if err != nil {
		return nil, err
	}
	out := make([]GridCell, len(scores))
	loA, hiA, loS, hiS := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i, row := range scores {
		if len(row) != na+ns {
			return nil, fmt.Errorf("grid: customer %d has %d scores, want %d: %w", i, len(row), na+ns, ErrInvalidOption)
		}
		var a, s float64
		for k, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("grid: customer %d, score %d: %v: %w", i, k+1, v, ErrNotFinite)
			}
			if k < na {
				a += opt.Attractiveness[k].Weight * v
			} else {
				s += opt.Strength[k-na].Weight * v
			}
		}
		out[i].Attractiveness, out[i].Strength = a/wa, s/ws
		loA, hiA = min(loA, a/wa), max(hiA, a/wa)
		loS, hiS = min(loS, s/ws), max(hiS, s/ws)
	}
	ca, cs := opt.AttractivenessCuts, opt.StrengthCuts
	if ca == nil {
		ca = []float64{(loA + hiA) / 2}
	}
	if cs == nil {
		cs = []float64{(loS + hiS) / 2}
	}
	if len(ca) != len(cs) || len(ca) < 1 || len(ca) > 2 || !ascending(ca) || !ascending(cs) {
		return nil, fmt.Errorf("grid: cuts %v and %v: one or two ascending cuts per axis, as many on each: %w", ca, cs, ErrInvalidOption)
	}
	n := len(ca) + 1
	labels := opt.Labels
	if labels == nil {
		if n == 2 {
			labels = [][]string{{"streamline", "status"}, {"star", "strategic"}}
		} else {
			names := []string{"low", "medium", "high"}
			labels = make([][]string, 3)
			for r := range 3 {
				labels[r] = make([]string, 3)
				for c := range 3 {
					labels[r][c] = names[r] + " attractiveness, " + names[c] + " strength"
				}
			}
		}
	}
	if len(labels) != n {
		return nil, fmt.Errorf("grid: %d label rows for %d cells per axis: %w", len(labels), n, ErrInvalidOption)
	}
	for _, r := range labels {
		if len(r) != n {
			return nil, fmt.Errorf("grid: a label row of %d for %d cells: %w", len(r), n, ErrInvalidOption)
		}
	}
	cell := func(v float64, cuts []float64) int {
		k := 0
		for k < len(cuts) && v >= cuts[k] {
			k++
		}
		return k
	}
	for i := range out {
		out[i].Row, out[i].Col = cell(out[i].Attractiveness, ca), cell(out[i].Strength, cs)
		out[i].Label = labels[out[i].Row][out[i].Col]
	}
	return out, nil
}

func ascending(v []float64) bool {
	for k, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) || (k > 0 && x <= v[k-1]) {
			return false
		}
	}
	return true
}
