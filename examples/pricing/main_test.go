package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesgrowth/salesgrowth/examples/internal/golden"
	"github.com/salesgrowth/salesgrowth/pricing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestRunGolden(t *testing.T) {
	golden.Run(t, run, *update,
		golden.Case{Name: "pricing"},
		golden.Case{Name: "pricing_zh", Args: []string{"-lang", "zh"}},
		golden.Case{Name: "pricing_5pct_40margin", Args: []string{"-cut", "0.05", "-margin", "0.40"}},
		golden.Case{Name: "pricing_large_survey", Args: []string{"-respondents", "5000", "-seed", "3"}},
	)
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{{"-cut", "8"}, {"-margin", "30"}, {"-cut", "0.5", "-margin", "0.3"}, {"-respondents", "3"}, {"-cut", "x"}} {
		var out bytes.Buffer
		if err := run(&out, args); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

// TestRunCharts renders the survey charts in both formats and compares the
// SVGs with their golden files.
func TestRunCharts(t *testing.T) {
	svgs, _ := golden.Charts(t, run, nil, "van_westendorp", "gabor_granger")
	for name, svg := range svgs {
		golden.Check(t, "chart_"+name+".svg", svg, *update)
	}
}

// TestRunWritesPSMCSV checks that the survey results written for a
// spreadsheet, in Chinese with a byte-order mark, read back.
func TestRunWritesPSMCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "psm.csv")
	var out bytes.Buffer
	if err := run(&out, []string{"-lang", "zh", "-bom", "-psm-csv", path}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := pricing.ReadPSMCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	if p.Respondents != 391 || p.OPP != 11000 || p.NMS == nil {
		t.Errorf("read back %d respondents, OPP %v, NMS %v", p.Respondents, p.OPP, p.NMS != nil)
	}
}
