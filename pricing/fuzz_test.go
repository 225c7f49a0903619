package pricing

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
)

// floats reads little-endian float64s from b.
func floats(b []byte) []float64 {
	out := make([]float64, len(b)/8)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return out
}

func FuzzVanWestendorp(f *testing.F) {
	seed := make([]byte, 0, 5*4*8)
	for _, r := range survey5[:5] {
		for _, v := range []float64{r.TooCheap, r.Cheap, r.Expensive, r.TooExpensive} {
			seed = binary.LittleEndian.AppendUint64(seed, math.Float64bits(v))
		}
	}
	f.Add(seed, uint8(0))
	f.Add(seed, uint8(0xff))
	f.Fuzz(func(t *testing.T, b []byte, o uint8) {
		v := floats(b)
		var rs []Respondent
		for i := 0; i+4 <= len(v) && len(rs) < 200; i += 4 {
			rs = append(rs, Respondent{TooCheap: v[i], Cheap: v[i+1], Expensive: v[i+2], TooExpensive: v[i+3], IntentCheap: int(o % 6), IntentExpensive: int(o/6) % 6})
		}
		opt := PSMOptions{Range: RangeDefinition(o & 1), Crossing: CrossingMethod(o >> 1 & 1), ECDF: ECDFConvention(o >> 2 & 1), Multiple: Multiple(o >> 3 & 3)}
		p, err := VanWestendorp(rs, opt)
		if err != nil {
			if !errors.Is(err, ErrInvalidAnswer) && !errors.Is(err, ErrNoRespondents) && !errors.Is(err, ErrNoCrossing) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		for _, x := range []float64{p.OPP, p.IPP, p.PMC, p.PME} {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < p.Prices[0] || x > p.Prices[len(p.Prices)-1] {
				t.Fatalf("price point %v outside the grid %v … %v", x, p.Prices[0], p.Prices[len(p.Prices)-1])
			}
		}
		if p.NMS != nil {
			for _, r := range p.NMS.Reach {
				if !(r >= 0 && r <= 1) {
					t.Fatalf("reach %v", r)
				}
			}
		}
	})
}

func FuzzGaborGranger(f *testing.F) {
	f.Add([]byte{10, 1, 20, 1, 24, 0, 30, 0, 10, 0, 20, 1}, 0.0)
	f.Fuzz(func(t *testing.T, b []byte, cost float64) {
		var as []GGAnswer
		for i := 0; i+1 < len(b) && len(as) < 500; i += 2 {
			as = append(as, GGAnswer{Respondent: string(rune('a' + i%7)), Price: float64(b[i]), Buy: b[i+1]&1 == 1})
		}
		g, err := GaborGranger(as, GGOptions{UnitCost: cost})
		if err != nil {
			if !errors.Is(err, ErrNoRespondents) && !errors.Is(err, ErrInvalidOption) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		for i, p := range g.Points {
			if i > 0 && (p.Demand > g.Points[i-1].Demand+1e-12 || p.Price <= g.Points[i-1].Price) {
				t.Fatalf("demand rises or prices unsorted at %d: %+v", i, g.Points)
			}
			if math.IsNaN(p.Elasticity) || math.IsInf(p.Elasticity, 0) {
				t.Fatalf("elasticity %v", p.Elasticity)
			}
		}
	})
}
