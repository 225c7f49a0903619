package pkgerr

import (
	"errors"
	"fmt"
	"testing"
)

func TestWrap(t *testing.T) {
	base := errors.New("bad")
	e := Wrap("pkg", fmt.Errorf("ctx: %w", base))
	if e.Error() != "pkg: ctx: bad" || !errors.Is(e, base) {
		t.Errorf("Wrap = %q", e)
	}
	if nested := Wrap("pkg", fmt.Errorf("outer: %w", e)); nested.Error() != "pkg: outer: ctx: bad" || !errors.Is(nested, base) {
		t.Errorf("Wrap of a wrapped error = %q", nested)
	}
	if again := Wrap("pkg", e); again != e {
		t.Errorf("Wrap twice = %q", again)
	}
	mapped := errors.New("mapped")
	tr := Wrap("pkg", base, func(e error) error { return fmt.Errorf("%w (%w)", e, mapped) })
	if !errors.Is(tr, mapped) || Wrap("pkg", tr, func(error) error { panic("translated twice") }) != tr {
		t.Errorf("translate: %v", tr)
	}
	if Wrap("pkg", nil) != nil {
		t.Error("Wrap(nil) != nil")
	}
}
