package golden

import (
	"strings"
	"testing"
)

func TestFirstDiff(t *testing.T) {
	tests := []struct {
		name      string
		want, got string
		contains  []string
	}{
		{"changed line", "a\nb\nc\n", "a\nB\nc\n", []string{"line 2", "want    2: b", "got     2: B"}},
		{"output shorter", "a\nb\n", "a\n", []string{"line 2", "want    2: b", "got     2: "}},
		{"output longer", "a\n", "a\nb\nc", []string{"line 2", "got     2: b", "got     3: c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := firstDiff([]byte(tt.want), []byte(tt.got), 3)
			for _, c := range tt.contains {
				if !strings.Contains(d, c) {
					t.Errorf("firstDiff(%q, %q) = %q, want it to contain %q", tt.want, tt.got, d, c)
				}
			}
		})
	}
}
