package clp

import "math"

// fastLog returns ln x for every float64, within one unit in the last place
// of the exact value (math.Log's bound): a table lookup and a polynomial
// instead of math.Log's division, at about a third of its time. The
// likelihoods and predictions of the transaction models take a handful of
// logarithms a customer, which made math.Log the largest single cost of
// scoring a million customers.
//
// The method is the table-driven reduction of Tang (1990), as in current C
// libraries: x = 2ᵏ·z with z in [0.686, 1.371), z ≈ cᵢ for one of 128
// centres, r = z/cᵢ − 1 computed exactly enough by one fused multiply-add
// (|r| < 2⁻⁸), and
//
//	ln x = k·ln 2 + ln cᵢ + log1p(r),
//
// with log1p(r) by its Taylor polynomial to r⁷ (the rest is below 2⁻⁶⁰ of
// r), ln cᵢ in two parts (the first a multiple of 2⁻³², the second the
// rest to 2⁻⁸⁵) and the rounding error of the leading sum carried. The
// interval around 1 has the centre 1 exactly, so that ln x keeps its
// relative precision as x → 1. Zero, negative, subnormal and non-finite
// arguments go to math.Log.
func fastLog(x float64) float64 {
	ix := math.Float64bits(x)
	if ix-0x0010000000000000 >= 0x7ff0000000000000-0x0010000000000000 {
		return math.Log(x) // ±0, negative, subnormal, Inf or NaN
	}
	tmp := ix - logOff
	e := &logTab[(tmp>>(52-logTableBits))%logN]
	k := float64(int64(tmp) >> 52)
	z := math.Float64frombits(ix - tmp&(0xfff<<52))
	r := math.FMA(z, e.invc, -1)
	r2 := r * r
	p := r2 * ((-1.0/2 + r*(1.0/3)) + r2*(-1.0/4+r*(1.0/5)) + r2*r2*(-1.0/6+r*(1.0/7)))
	// k·ln2Hi and logc are multiples of 2⁻³² below 2¹⁰: w is exact; and
	// |w| ≥ |r| unless w = 0, so w − hi + r is hi's rounding error.
	w := k*ln2Hi + e.logc
	hi := w + r
	return hi + ((w - hi + r) + (k*ln2Lo + e.logcLo) + p)
}

const (
	logTableBits = 7
	logN         = 1 << logTableBits
	// logOff puts x = 1 in the middle of its interval: the reduced z runs
	// over [2^−0.5444…, 2^0.4555…), each interval 2⁴⁵ bit patterns wide.
	logOff = 0x3fe6000000000000 - 1<<(52-logTableBits-1)
	// ln2Hi has its last 21 bits zero, so that k·ln2Hi is exact for every
	// exponent; ln2Hi + ln2Lo is ln 2 to 2⁻⁸⁵.
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
)

// logEntry is one interval's 1/c, and −ln(1/c) = ln c as logc + logcLo.
type logEntry struct{ invc, logc, logcLo float64 }

// logTab is in logtab.go, written by TestLogTable (go test ./clp -run
// TestLogTable -update), which checks it and expTab against their 160-bit
// derivations.

// fastExp returns eˣ for every float64, within one unit in the last place
// of the exact value (math.Exp's bound), at about half math.Exp's time:
// x = k·ln2/128 + r with k an integer and |r| ≤ ln2/256, so that
//
//	eˣ = 2^⌊k/128⌋ · 2^((k mod 128)/128) · eʳ,
//
// with the 128 powers 2^(j/128) from a table in two parts and eʳ − 1 by its
// Taylor polynomial to r⁵ (the rest is below 2⁻⁶⁰). Arguments beyond
// ±708, where the result leaves the normal range, and NaN go to math.Exp.
func fastExp(x float64) float64 {
	if !(math.Abs(x) <= 708) {
		return math.Exp(x) // ±Inf, NaN, overflow, underflow and subnormal results
	}
	// kd = round(x·128/ln 2), by the float64 rounding of adding 1.5·2⁵².
	const shift = 0x1.8p52
	kd := x*(expN/math.Ln2) + shift - shift
	k := int64(kd) // |k| < 2¹⁷
	r := x - kd*expLn2HiN - kd*expLn2LoN
	e := &expTab[k&(expN-1)]
	r2 := r * r
	p := r + r2*((1.0/2+r*(1.0/6))+r2*(1.0/24+r*(1.0/120)))
	y := e.hi + (e.hi*p + e.lo*(1+p))
	return math.Float64frombits(math.Float64bits(y) + uint64(k>>expTableBits)<<52)
}

const (
	expTableBits = 7
	expN         = 1 << expTableBits
	// expLn2HiN is ln 2/128 with its last 17 bits zero, so that k·expLn2HiN
	// is exact for |k| < 2¹⁷; expLn2HiN + expLn2LoN is ln 2/128 to 10⁻³⁰.
	expLn2HiN = 0x1.62e42fefa0000p-8
	expLn2LoN = 0x1.cf79abc9e3b3ap-47
)

// expEntry is 2^(j/128) as hi + lo.
type expEntry struct{ hi, lo float64 }

// expTab is in logtab.go with logTab, written and checked by TestLogTable.
