// Command ours is the Go side of the plan side-by-side benchmark against
// ../shared/bench/plan_run.py: it reads the same raw little-endian float64
// files (the weights of regions, industries, customers and projects and a
// 12-month season per leaf, shape.txt), builds the organisation tree from
// rows (through a target.TreeBuilder, the profiles by position in
// Spec.NodeProfiles) and the exact 4-metric plan with target.NewPlan (every
// node, metric and period stored, as the peer's exact_rollup mode), and
// prints the seconds of each step by its own clock, in the peer's layout.
// Its input arrays are advised to huge pages, as numpy's fromfile gets them
// from numpy's allocator.
//
//	go run ./bench/plan/ours [-reps N] [-cpuprofile F] [-memprofile F] [-out FILE] DIR
//
// -out writes the leaf × metric × month cells as int64 cents in the peer's
// order (metric, region, industry, customer, project, month), so that
// cmp(1) can check that both sides give the same plan.
package main

import (
	"bufio"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/hugepage"
	"github.com/salesgrowth/salesgrowth/target"
)

// totals are the peer's annual targets in cents, one per metric.
var totals = [4]int64{120_000_000_00, 100_000_000_00, 18_000_000_00, 9_000_000_00}

var metrics = [4]target.Metric{target.Revenue, target.Collection, target.Profit, target.Expense}

func main() {
	reps := flag.Int("reps", 1, "repetitions of tree and plan")
	profile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	out := flag.String("out", "", "write the leaf cells as int64 to this file")
	memprofile := flag.String("memprofile", "", "write an allocation profile to this file at the end")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: ours [-reps N] [-cpuprofile F] [-out FILE] DIR")
		os.Exit(2)
	}
	if *memprofile != "" {
		runtime.MemProfileRate = 4096
	}
	if err := run(flag.Arg(0), *reps, *profile, *out); err != nil {
		fmt.Fprintln(os.Stderr, "ours:", err)
		os.Exit(1)
	}
	if *memprofile != "" {
		runtime.GC() // publishes the allocations since the last cycle
		f, err := os.Create(*memprofile)
		if err == nil {
			err = pprof.Lookup("allocs").WriteTo(f, 0)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "ours:", err)
			os.Exit(1)
		}
	}
}

// input is what the peer reads: the shape and the five weight arrays.
type input struct {
	r, i, c, p             int
	wr, wi, wc, wp, season []float64
}

func run(dir string, reps int, profile, out string) error {
	t0 := time.Now()
	in, err := read(dir)
	if err != nil {
		return err
	}
	tRead := time.Since(t0)
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var p *target.Plan
	for range reps {
		runtime.GC()
		t1 := time.Now()
		spec, err := in.spec()
		if err != nil {
			return err
		}
		t2 := time.Now()
		if p, err = target.NewPlan(spec); err != nil {
			return err
		}
		t3 := time.Now()
		fmt.Printf("go plan exact_rollup leaves=%d cells=%d read=%.4fs tree=%.4fs plan=%.4fs tree+plan=%.4fs\n",
			in.r*in.i*in.c*in.p, 4*in.r*in.i*in.c*in.p*12, tRead.Seconds(), t2.Sub(t1).Seconds(), t3.Sub(t2).Seconds(), t3.Sub(t1).Seconds())
	}
	for k, m := range metrics {
		y, err := p.Amount(p.Tree().Root(), m, target.FY)
		if err != nil {
			return err
		}
		if y.Shift(2).IntPart() != totals[k] {
			return fmt.Errorf("%s: year %s is not the target", m, y)
		}
	}
	if out != "" {
		return write(out, p, in)
	}
	return nil
}

func read(dir string) (input, error) {
	var in input
	b, err := os.ReadFile(dir + "/shape.txt")
	if err != nil {
		return in, err
	}
	if _, err := fmt.Sscan(string(b), &in.r, &in.i, &in.c, &in.p); err != nil {
		return in, fmt.Errorf("%s/shape.txt: %w", dir, err)
	}
	leaves := in.r * in.i * in.c * in.p
	for _, f := range []struct {
		name string
		dst  *[]float64
		n    int
	}{
		{"w_r", &in.wr, in.r}, {"w_i", &in.wi, in.r * in.i}, {"w_c", &in.wc, in.r * in.i * in.c},
		{"w_p", &in.wp, leaves}, {"season", &in.season, 12 * leaves},
	} {
		v, err := readFloats(dir+"/"+f.name+".f64", f.n)
		if err != nil {
			return in, err
		}
		*f.dst = v
	}
	return in, nil
}

// readFloats reads a file of exactly n little-endian float64 values in
// chunks of 64 KiB, so that the file is not held twice in memory.
func readFloats(path string, n int) ([]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return nil, err
	} else if st.Size() != 8*int64(n) {
		return nil, fmt.Errorf("%s: %d bytes, want %d", path, st.Size(), 8*n)
	}
	v := make([]float64, n)
	hugepage.Advise(v) // as numpy's allocator does for arrays of 4 MiB and more
	buf := make([]byte, 1<<16)
	for k := 0; k < n; {
		b := buf[:8*min(len(buf)/8, n-k)]
		if _, err := io.ReadFull(f, b); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for ; len(b) > 0; b = b[8:] {
			v[k] = math.Float64frombits(binary.LittleEndian.Uint64(b))
			k++
		}
	}
	return v, nil
}

// spec builds the tree from rows, as a user would from a table of the
// organisation: one row per node with its weight, and a profile per leaf.
// The rows go through a target.TreeBuilder in depth-first order, so that
// the tree keeps them, and the profiles are given by position
// (Spec.NodeProfiles), the rows' order being the tree's.
func (in input) spec() (target.Spec, error) {
	leaves := in.r * in.i * in.c * in.p
	nodes := 1 + in.r + in.r*in.i + in.r*in.i*in.c + leaves
	var b target.TreeBuilder
	b.Grow(nodes)
	b.Add(target.Node{ID: "co"})
	profiles := make([]target.Profile, nodes) // zero: no profile of its own
	hugepage.Advise(profiles)
	var buf []byte
	id := func(prefix byte, k int) string {
		buf = strconv.AppendInt(append(buf[:0], prefix), int64(k), 10)
		return string(buf)
	}
	for r := range in.r {
		rid := id('R', r)
		b.Add(target.Node{ID: rid, Parent: "co", Potential: decimal.NewFromFloat(in.wr[r])})
		for i := range in.i {
			ii := r*in.i + i
			iid := id('I', ii)
			b.Add(target.Node{ID: iid, Parent: rid, Potential: decimal.NewFromFloat(in.wi[ii])})
			for c := range in.c {
				ci := ii*in.c + c
				cid := id('C', ci)
				b.Add(target.Node{ID: cid, Parent: iid, Potential: decimal.NewFromFloat(in.wc[ci])})
				for p := range in.p {
					pi := ci*in.p + p
					b.Add(target.Node{ID: id('P', pi), Parent: cid, Potential: decimal.NewFromFloat(in.wp[pi])})
					copy(profiles[b.Len()-1][:], in.season[12*pi:12*pi+12])
				}
			}
		}
	}
	tree, err := b.Build()
	if err != nil {
		return target.Spec{}, err
	}
	spec := target.Spec{
		Tree:           tree,
		Calendar:       target.Calendar{StartYear: 2026},
		DefaultWeights: target.WeightSource{Method: target.Potential},
		NodeProfiles:   profiles,
	}
	for k, m := range metrics {
		spec.Targets = append(spec.Targets, target.Target{Metric: m, Annual: decimal.New(totals[k], -2)})
	}
	return spec, nil
}

// write writes the leaf cells in the peer's order.
func write(path string, p *target.Plan, in input) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	leaves := in.r * in.i * in.c * in.p
	var buf [8]byte
	for _, m := range metrics {
		for pi := range leaves {
			ms, err := p.Amounts("P"+strconv.Itoa(pi), m)
			if err != nil {
				return err
			}
			for _, a := range ms[:12] {
				binary.LittleEndian.PutUint64(buf[:], uint64(a.Shift(2).IntPart()))
				w.Write(buf[:])
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
