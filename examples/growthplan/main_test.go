package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
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
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(&out, []string{"-png", dir, "-svg", dir}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"portfolio_distribution", "frontier", "bass"} {
		png, err := os.ReadFile(filepath.Join(dir, name+".png"))
		if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 5000 {
			t.Fatalf("%s.png: %d bytes, %v", name, len(png), err)
		}
		svg, err := os.ReadFile(filepath.Join(dir, name+".svg"))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, "chart_"+name+".svg", svg, *update)
	}
}
