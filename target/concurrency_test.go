package target

import (
	"sync"
	"testing"
)

// TestConcurrentUse builds plans from one spec and reads one plan from many
// goroutines at once; run with -race it shows that trees, specs and the read
// methods share no mutable state.
func TestConcurrentUse(t *testing.T) {
	tree := benchTree(3, 3, 5, 2)
	spec := benchSpec(tree)
	want := MustNewPlan(spec)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := NewPlan(spec)
			if err != nil {
				errs <- err.Error()
				return
			}
			if !sameAmounts(p, want) {
				errs <- "concurrent NewPlan differs"
			}
			for _, n := range tree.Nodes() {
				if _, err := want.Amount(n.ID, Revenue, Period(g%numPeriods)); err != nil {
					errs <- err.Error()
				}
				if _, err := tree.Shares(n.ID, WeightSource{Method: Explicit}); err != nil && len(tree.Children(n.ID)) > 0 {
					errs <- err.Error()
				}
			}
			if mm := want.Check(); mm != nil {
				errs <- mm[0].String()
			}
			c := want.Clone()
			if err := c.Lock(tree.Leaves()[g], Revenue, FY, dec("1000")); err != nil {
				errs <- err.Error()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
