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
