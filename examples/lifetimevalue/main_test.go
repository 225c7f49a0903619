package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesgrowth/salesgrowth/examples/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestRunGolden(t *testing.T) {
	golden.Run(t, run, *update,
		golden.Case{Name: "lifetimevalue"},
		golden.Case{Name: "lifetimevalue_zh", Args: []string{"-lang", "zh"}},
	)
}

// TestRunEventLog runs the example on the CDNOW sample when the shared data
// are present.
func TestRunEventLog(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "cdnow_sample_elog.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("reference data not available: %v", err)
	}
	var out bytes.Buffer
	if err := run(&out, []string{"-elog", path}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2357 customers", "r 0.243", "α 4.414", "the log has 1882"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("sampleid,date,sales\n1,1997-01-01,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-elog", bad}, {"-elog", filepath.Join(dir, "none.csv")}, {"-elog", bad, "-calibration", "x"}} {
		var out bytes.Buffer
		if err := run(&out, args); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

// TestRunCharts renders P(alive) against recency on the embedded base
// (its SVG against the golden file) and, on the CDNOW sample when the
// reference data is there, the weekly tracking chart in both formats.
func TestRunCharts(t *testing.T) {
	svgs, dir := golden.Charts(t, run, nil, "palive_recency")
	golden.Check(t, "chart_palive_recency.svg", svgs["palive_recency"], *update)
	if _, err := os.Stat(filepath.Join(dir, "tracking.svg")); err == nil {
		t.Error("a tracking chart without an event log")
	}
	path := filepath.Join("..", "..", "..", "shared", "data", "cdnow_sample_elog.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("reference data not available: %v", err)
	}
	svgs, _ = golden.Charts(t, run, []string{"-elog", path}, "tracking")
	if !bytes.Contains(svgs["tracking"], []byte("Cumulative repeat transactions")) {
		t.Error("tracking chart without its title")
	}
}
