package strategy

import (
	"fmt"
	"strings"

	"github.com/salesgrowth/salesgrowth/internal/lang"
)

// nameTable holds the text forms of a small enumeration: for each value, its
// key (the text form JSON uses), its English and its Chinese name.
type nameTable [][3]string

func (t nameTable) valid(v uint8) bool { return int(v) < len(t) }

// key is v's key, or "kind(v)" for a value outside the table.
func (t nameTable) key(kind string, v uint8) string {
	if !t.valid(v) {
		return fmt.Sprintf("%s(%d)", kind, v)
	}
	return t[v][0]
}

// title is v's name in English or, for a Chinese tag ("zh", "zh-CN", …),
// in Chinese; other languages get English, invalid values their key.
func (t nameTable) title(kind string, v uint8, tag string) string {
	if !t.valid(v) {
		return t.key(kind, v)
	}
	return lang.Pick(tag, t[v][1], t[v][2])
}

// marshal is MarshalText: the key, or an error wrapping sentinel.
func (t nameTable) marshal(kind string, v uint8, sentinel error) ([]byte, error) {
	if !t.valid(v) {
		return nil, wrap(fmt.Errorf("%s: %w", t.key(kind, v), sentinel))
	}
	return []byte(t[v][0]), nil
}

// parse reads a key, an English name (any case) or a Chinese name.
func (t nameTable) parse(kind, s string, sentinel error) (uint8, error) {
	low := strings.ToLower(strings.TrimSpace(s))
	for v, n := range t {
		if low == n[0] || low == n[1] || low == n[2] {
			return uint8(v), nil
		}
	}
	return 0, wrap(fmt.Errorf("%s %q: %w", strings.ToLower(kind), s, sentinel))
}
