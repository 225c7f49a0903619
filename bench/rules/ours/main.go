// Command ours times strategy.AssociationRules on a purchase CSV, the Go
// side of the association-rule benchmark: it prints the seconds to read
// the file, the seconds to mine the rules, their count and a checksum
// of their measures that the pandas peer prints too.
//
//	go run ./bench/rules/ours -support 0.001 -confidence 0.1 purchases.csv
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/salesgrowth/salesgrowth/strategy"
)

func main() {
	support := flag.Float64("support", 0.001, "minimum support")
	confidence := flag.Float64("confidence", 0.1, "minimum confidence")
	maxItems := flag.Int("max-items", 2, "largest itemset")
	flag.Parse()
	f, err := os.Open(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	t0 := time.Now()
	b, err := strategy.ReadBasketsCSV(f)
	f.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	t1 := time.Now()
	rules, err := strategy.AssociationRules(b.Items, strategy.RuleOptions{MinSupport: *support, MinConfidence: *confidence, MaxItems: *maxItems})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	t2 := time.Now()
	var sum float64
	for _, r := range rules {
		sum += r.Support + r.Confidence + r.Lift
	}
	fmt.Printf("go read %.3f s mine %.3f s baskets %d rules %d checksum %.9f\n", t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds(), len(b.IDs), len(rules), sum)
}
