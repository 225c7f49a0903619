package main

import (
	"bytes"
	"flag"
	"testing"

	"github.com/salesgrowth/salesgrowth/examples/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestRunGolden(t *testing.T) {
	golden.Run(t, run, *update,
		golden.Case{Name: "growthplan"},
		golden.Case{Name: "growthplan_zh", Args: []string{"-lang", "zh"}},
		golden.Case{Name: "growthplan_p60_seed7", Args: []string{"-p", "0.6", "-seed", "7", "-customers", "2000"}},
	)
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{{"-p", "80"}, {"-p", "0"}, {"-customers", "3"}, {"-seed", "x"}, {"-p", "0.99"}} {
		var out bytes.Buffer
		if err := run(&out, args); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

// TestRunCharts renders the growth plan's charts in both formats and
// compares the SVGs with their golden files.
func TestRunCharts(t *testing.T) {
	svgs, _ := golden.Charts(t, run, nil, "portfolio_distribution", "frontier", "bass")
	for name, svg := range svgs {
		golden.Check(t, "chart_"+name+".svg", svg, *update)
	}
}
