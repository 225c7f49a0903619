package main

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/salesgrowth/salesgrowth/examples/internal/golden"
	"github.com/salesgrowth/salesgrowth/tiering"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestRunGolden(t *testing.T) {
	golden.Run(t, run, *update,
		golden.Case{Name: "tierpyramid"},
		golden.Case{Name: "tierpyramid_zh", Args: []string{"-lang", "zh"}},
		golden.Case{Name: "tierpyramid_natural_breaks", Args: []string{"-method", "natural-breaks", "-customers", "500"}},
		golden.Case{Name: "tierpyramid_csv", Args: []string{"-format", "csv", "-shares", "0.1,0.2,0.3,0.4"}},
		golden.Case{Name: "tierpyramid_csv_zh", Args: []string{"-format", "csv", "-lang", "zh", "-bom"}},
	)
}

// TestCSVReadsBack checks that the pyramid the example writes reads back.
func TestCSVReadsBack(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, []string{"-format", "csv"}); err != nil {
		t.Fatal(err)
	}
	r, err := tiering.ReadReportCSV(&out)
	if err != nil || r.Customers != 2000 {
		t.Fatalf("ReadReportCSV = %d customers, %v", r.Customers, err)
	}
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{{"-method", "magic"}, {"-shares", "5,15,30,50"}, {"-shares", "0.5,0.5"}, {"-format", "xml"}, {"-customers", "3"}} {
		var out bytes.Buffer
		if err := run(&out, args); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

func TestReportWidth(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, nil); err != nil {
		t.Fatal(err)
	}
	for k, line := range strings.Split(out.String(), "\n") {
		if n := len([]rune(line)); n > 132 {
			t.Errorf("line %d is %d columns: %q", k+1, n, line)
		}
	}
}

// TestRunCharts renders the pyramid and the migration heat map in both
// formats and compares the SVGs with their golden files.
func TestRunCharts(t *testing.T) {
	svgs, _ := golden.Charts(t, run, nil, "pyramid", "migration")
	for name, svg := range svgs {
		golden.Check(t, "chart_"+name+".svg", svg, *update)
	}
}
