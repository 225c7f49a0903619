package tiering_test

import (
	"fmt"

	"github.com/salesgrowth/salesgrowth/tiering"
)

func ExampleNaturalBreaks() {
	bounds, err := tiering.NaturalBreaks([]float64{5, 8, 9, 12, 15}, 3)
	fmt.Println(bounds, err)
	// Output: [5 5 9 15] <nil>
}

// Lifetime profit of twelve accounts in thousands, in four natural classes:
// the pyramid's tiers from the data instead of fixed thresholds. The
// loss-maker is not set apart: its distance from the small accounts is less
// than the gap to the large ones.
func ExampleClassifyBreaks() {
	profit := []float64{-40, 3, 5, 6, 8, 12, 15, 48, 55, 61, 240, 310}
	b, err := tiering.ClassifyBreaks(profit, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("bounds", b.Bounds, "counts", b.Counts)
	fmt.Printf("GVF %.4f; an account of 50 is in class %d\n", b.GVF(), b.Class(50))
	// Output:
	// bounds [-40 15 61 240 310] counts [7 3 1 1]
	// GVF 0.9821; an account of 50 is in class 1
}

func ExampleBreaks_GVF() {
	b, _ := tiering.ClassifyBreaks([]float64{1, 2, 10, 11}, 2)
	fmt.Printf("%.4f\n", b.GVF())
	// Output: 0.9878
}

func ExampleBreaks_Class() {
	b, _ := tiering.ClassifyBreaks([]float64{1, 2, 10, 11}, 2)
	fmt.Println(b.Class(0), b.Class(2), b.Class(5), b.Class(100))
	// Output: 0 0 1 1
}

func ExampleBreaks_K() {
	b, _ := tiering.ClassifyBreaks([]float64{1, 2, 10, 11}, 2)
	fmt.Println(b.K())
	// Output: 2
}

// The fewest classes that explain 95 % of the variance.
func ExampleBreaksForGVF() {
	values := []float64{1, 2, 3, 10, 11, 12, 50, 51, 52, 200}
	b, ok, err := tiering.BreaksForGVF(values, 0.95, 6)
	fmt.Println(b.K(), ok, err, b.Bounds)
	// Output: 3 true <nil> [1 12 52 200]
}
