// Command gen writes the purchase log of the association-rule benchmark:
// long CSV (customer,product), a fixed seed, products of Zipf-like
// popularity and co-purchase structure (each product has two companions
// bought with it half of the time).
//
//	go run ./bench/rules/gen -lines 1000000 -products 1000 > purchases.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
)

func main() {
	lines := flag.Int("lines", 1_000_000, "purchase lines")
	products := flag.Int("products", 1000, "products")
	perCustomer := flag.Int("per", 10, "mean lines per customer")
	seed := flag.Uint64("seed", 1, "seed")
	flag.Parse()
	r := rand.New(rand.NewPCG(*seed, 2))
	// Popularity ∝ 1/(k+10).
	cum := make([]float64, *products)
	s := 0.0
	for k := range cum {
		s += 1 / float64(k+10)
		cum[k] = s
	}
	pick := func() int {
		u := r.Float64() * s
		lo, hi := 0, len(cum)-1
		for lo < hi {
			m := (lo + hi) / 2
			if cum[m] < u {
				lo = m + 1
			} else {
				hi = m
			}
		}
		return lo
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	fmt.Fprintln(w, "customer,product")
	written, c := 0, 0
	for written < *lines {
		c++
		n := 1 + int(math.Round(r.ExpFloat64()*float64(*perCustomer-1)))
		for k := 0; k < n && written < *lines; k++ {
			p := pick()
			fmt.Fprintf(w, "C%07d,P%04d\n", c, p)
			written++
			for _, comp := range []int{(p*7 + 3) % *products, (p*13 + 5) % *products} {
				if written < *lines && r.Float64() < 0.5 {
					fmt.Fprintf(w, "C%07d,P%04d\n", c, comp)
					written++
				}
			}
		}
	}
}
