package clp

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"
)

// TestReferenceTable compares every quantity of testdata/reference.csv,
// computed at 40 digits by testdata/reference.py from the papers' formulas,
// with the library: relative error at most 1e-10 (absolute 1e-300 where the
// truth underflows), never NaN, and a value wherever the truth is finite.
func TestReferenceTable(t *testing.T) {
	f, err := os.Open("testdata/reference.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	worst := map[string]float64{}
	for i, row := range rows[1:] {
		var v [9]float64
		for k := range v {
			if v[k], err = strconv.ParseFloat(row[k+2], 64); err != nil {
				t.Fatalf("line %d: %v", i+2, err)
			}
		}
		want, err := strconv.ParseFloat(row[10], 64)
		if err != nil {
			t.Fatalf("line %d: %v", i+2, err)
		}
		c := Customer{X: v[4], Tx: v[5], T: v[6]}
		var got float64
		key := row[0] + " " + row[1]
		switch key {
		case "bgnbd E":
			got = BGNBD{v[0], v[1], v[2], v[3]}.ExpectedPurchases(v[7])
		case "bgnbd palive":
			got = BGNBD{v[0], v[1], v[2], v[3]}.PAlive(c)
		case "bgnbd CE":
			got = BGNBD{v[0], v[1], v[2], v[3]}.ConditionalExpectedPurchases(v[7], c)
		case "mbgnbd E":
			got = MBGNBD{v[0], v[1], v[2], v[3]}.ExpectedPurchases(v[7])
		case "mbgnbd palive":
			got = MBGNBD{v[0], v[1], v[2], v[3]}.PAlive(c)
		case "mbgnbd CE":
			got = MBGNBD{v[0], v[1], v[2], v[3]}.ConditionalExpectedPurchases(v[7], c)
		case "sbg DERL":
			got, err = SBG{v[0], v[1]}.DERL(v[7], int(v[4]))
			if err != nil {
				t.Errorf("line %d: %s%v: %v", i+2, key, row[2:10], err)
				continue
			}
		default:
			t.Fatalf("line %d: unknown quantity %q", i+2, key)
		}
		rel := math.Abs(got-want) / math.Abs(want)
		if want == 0 || math.Abs(want) < 1e-300 {
			rel = math.Abs(got-want) / 1e-300
		}
		if !(rel <= 1e-10) {
			t.Errorf("line %d: %s%v = %.17g, want %.17g (relative error %.2g)", i+2, key, row[2:10], got, want, rel)
		}
		if !(rel <= worst[key]) {
			worst[key] = rel
		}
	}
	for k, w := range worst {
		t.Log(fmt.Sprintf("%-14s worst relative error %.2g", k, w))
	}
}
