package hugepage

import (
	"slices"
	"testing"
)

// Advise is only a hint: whatever the slice, its contents, length and
// capacity stay as they were, and it never panics.
func TestAdviseKeepsContents(t *testing.T) {
	for _, n := range []int{0, 1, 1000, MinBytes/8 - 1, MinBytes / 8, 3 * MinBytes / 8} {
		s := make([]int64, n, n+7)
		for i := range s {
			s[i] = int64(i*i) - 5
		}
		want := slices.Clone(s)
		Advise(s)
		Advise(s[:0])
		if !slices.Equal(s, want) || len(s) != n || cap(s) != n+7 {
			t.Fatalf("n = %d: Advise changed the slice", n)
		}
	}
	Advise[byte](nil)
	Advise(make([]struct{}, 1<<30)) // zero-sized elements: no bytes to advise
}
