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
		golden.Case{Name: "keyaccount"},
		golden.Case{Name: "keyaccount_zh", Args: []string{"-lang", "zh"}},
		golden.Case{Name: "keyaccount_stays", Args: []string{"-advantage", "120000"}},
		golden.Case{Name: "keyaccount_two_levers", Args: []string{"-advantage", "250000"}},
		golden.Case{Name: "keyaccount_lost", Args: []string{"-advantage", "600000"}},
	)
}

// TestJSONFlag reads the account from a file: the same report as the
// embedded default.
func TestJSONFlag(t *testing.T) {
	var a, b bytes.Buffer
	if err := run(&a, nil); err != nil {
		t.Fatal(err)
	}
	if err := run(&b, []string{"-json", "account.json"}); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("-json account.json differs from the embedded account")
	}
}

func TestRunErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"name": 1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-json", "missing.json"}, {"-json", bad}, {"-advantage", "lots"}, {"-advantage", "0.001"}, {"extra"}} {
		var out bytes.Buffer
		if err := run(&out, args); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

// TestRunCharts renders the switching-cost chart in both formats and
// compares the SVG with its golden file.
func TestRunCharts(t *testing.T) {
	svgs, _ := golden.Charts(t, run, nil, "switching_costs")
	for name, svg := range svgs {
		golden.Check(t, "chart_"+name+".svg", svg, *update)
	}
}
