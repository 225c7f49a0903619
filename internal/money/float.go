package money

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// Float64 returns d rounded to the nearest float64, the value of
// d.InexactFloat64() (±Inf beyond the float64 range), but without the
// big.Rat that decimal builds for a coefficient of more than 53 bits: a
// coefficient that fits in int64 goes through strconv's correctly rounded
// parser instead, several times faster. Trees of a hundred thousand
// weights read from float64 data have 17-digit coefficients throughout.
func Float64(d decimal.Decimal) float64 {
	if e := d.Exponent(); e >= -400 && e <= 400 && d.NumDigits() <= 18 {
		var buf [48]byte
		b := strconv.AppendInt(buf[:0], d.CoefficientInt64(), 10)
		b = append(b, 'e')
		b = strconv.AppendInt(b, int64(e), 10)
		if f, err := strconv.ParseFloat(string(b), 64); err == nil {
			return f
		}
	}
	return d.InexactFloat64()
}
