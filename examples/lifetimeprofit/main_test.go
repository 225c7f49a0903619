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
		golden.Case{Name: "lifetimeprofit"},
		golden.Case{Name: "lifetimeprofit_rate15", Args: []string{"-rate", "0.15"}},
		golden.Case{Name: "lifetimeprofit_zh", Args: []string{"-lang", "zh"}},
	)
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`[{"id":"X","history":[1],"phases":[{"phase":"boom","periods":1}]}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`[{`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-rate", "-2"}, {"-accounts", bad}, {"-accounts", broken}, {"-accounts", filepath.Join(dir, "none.json")}} {
		var out bytes.Buffer
		if err := run(&out, args); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

// TestRunCharts renders every account's chart in both formats, and compares
// Boreal Steel's SVG, English and Chinese, with its golden file.
func TestRunCharts(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		svgs, _ := golden.Charts(t, run, []string{"-lang", lang},
			"lifetime_BOREAL", "lifetime_TUNDRA", "lifetime_MERIDIAN", "lifetime_FJORD", "lifetime_HARBOR")
		golden.Check(t, "chart_lifetime_BOREAL_"+lang+".svg", svgs["lifetime_BOREAL"], *update)
	}
}
