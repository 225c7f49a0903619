package relationship

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// lookupName returns the index of s in the first of the name tables that
// holds it, case and surrounding space ignored.
func lookupName(s string, tables ...[]string) (int, bool) {
	t := strings.TrimSpace(s)
	for _, names := range tables {
		for k, n := range names {
			if strings.EqualFold(n, t) {
				return k, true
			}
		}
	}
	return 0, false
}

// parseName returns the index of s among names (case and surrounding space
// ignored), or an error wrapping [ErrInvalidOption].
func parseName(kind, s string, names []string) (int, error) {
	if k, ok := lookupName(s, names); ok {
		return k, nil
	}
	return 0, fmt.Errorf("%s %q, want one of %s: %w", kind, s, strings.Join(names, ", "), ErrInvalidOption)
}

// marshalName is MarshalText for an enumeration whose value v indexes
// names.
func marshalName(kind string, names []string, v uint8) ([]byte, error) {
	if int(v) >= len(names) {
		return nil, wrap(fmt.Errorf("%s %d: %w", kind, v, ErrInvalidOption))
	}
	return []byte(names[v]), nil
}

// unmarshalName is UnmarshalText for an enumeration: the index of b in the
// first table that holds it (names, then alternatives such as Chinese).
func unmarshalName[T ~uint8](dst *T, b []byte, kind string, names []string, alt ...[]string) error {
	k, ok := lookupName(string(b), append([][]string{names}, alt...)...)
	if !ok {
		_, err := parseName(kind, string(b), names)
		return wrap(err)
	}
	*dst = T(k)
	return nil
}

var (
	levelNames = []string{"executive", "management", "operational"}
	gradeNames = []string{"-", "A", "B", "C", "D"}
)

// MarshalText returns the type's name; JSON uses it.
func (c CostType) MarshalText() ([]byte, error) {
	return marshalName("cost type", costTypeNames[:], uint8(c))
}

// UnmarshalText reads a name as [ParseCostType] does.
func (c *CostType) UnmarshalText(b []byte) error {
	return unmarshalName(c, b, "cost type", costTypeNames[:])
}

// MarshalText returns the lever's name.
func (k LeverKind) MarshalText() ([]byte, error) {
	return marshalName("lever kind", leverNames, uint8(k))
}

// UnmarshalText reads a lever name as [LeverKind.String] gives it.
func (k *LeverKind) UnmarshalText(b []byte) error {
	return unmarshalName(k, b, "lever kind", leverNames)
}

// MarshalText returns the role's name.
func (r Role) MarshalText() ([]byte, error) { return marshalName("role", roleNames, uint8(r)) }

// UnmarshalText reads a role name.
func (r *Role) UnmarshalText(b []byte) error { return unmarshalName(r, b, "role", roleNames) }

// MarshalText returns the step's English name.
func (s Step) MarshalText() ([]byte, error) { return marshalName("step", stepNames, uint8(s)) }

// UnmarshalText reads a step's English or Chinese name.
func (s *Step) UnmarshalText(b []byte) error {
	return unmarshalName(s, b, "step", stepNames, stepChinese)
}

// MarshalText returns the level's name.
func (l Level) MarshalText() ([]byte, error) { return marshalName("level", levelNames, uint8(l)) }

// UnmarshalText reads a level name.
func (l *Level) UnmarshalText(b []byte) error { return unmarshalName(l, b, "level", levelNames) }

// MarshalText returns the activity's name.
func (k ActivityKind) MarshalText() ([]byte, error) {
	return marshalName("activity", activityNames, uint8(k))
}

// UnmarshalText reads an activity name.
func (k *ActivityKind) UnmarshalText(b []byte) error {
	return unmarshalName(k, b, "activity", activityNames)
}

// MarshalText returns A … D, or "-" for no grade.
func (g Grade) MarshalText() ([]byte, error) { return marshalName("grade", gradeNames, uint8(g)) }

// UnmarshalText reads A … D (either case) or "-".
func (g *Grade) UnmarshalText(b []byte) error { return unmarshalName(g, b, "grade", gradeNames) }

// MarshalText returns the rung's English name.
func (r Rung) MarshalText() ([]byte, error) { return marshalName("rung", rungNames[:], uint8(r)) }

// UnmarshalText reads a rung as [ParseRung] does.
func (r *Rung) UnmarshalText(b []byte) error {
	x, err := ParseRung(string(b))
	*r = x
	return err
}

// MarshalJSON writes the costs as an object keyed by type name, amounts as
// strings: {"search": "4000", …}.
func (c Costs) MarshalJSON() ([]byte, error) {
	m := make(map[string]decimal.Decimal, NumCostTypes)
	for t, a := range c {
		m[costTypeNames[t]] = a
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads the object [Costs.MarshalJSON] writes; a type left
// out is zero, an unknown type wraps [ErrInvalidOption].
func (c *Costs) UnmarshalJSON(b []byte) error {
	var m map[string]decimal.Decimal
	if err := json.Unmarshal(b, &m); err != nil {
		return wrap(fmt.Errorf("costs: %w", err))
	}
	var out Costs
	for k := range out {
		out[k] = decimal.Zero
	}
	for name, a := range m {
		t, err := parseName("cost type", name, costTypeNames[:])
		if err != nil {
			return wrap(err)
		}
		out[t] = a
	}
	*c = out
	return nil
}

// MarshalJSON writes the scores as an object keyed by dimension name.
func (s Scores) MarshalJSON() ([]byte, error) {
	m := make(map[string]float64, NumDimensions)
	for d, v := range s {
		m[dimensionNames[d]] = v
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads the object [Scores.MarshalJSON] writes; a dimension
// left out scores zero, an unknown one wraps [ErrInvalidOption].
func (s *Scores) UnmarshalJSON(b []byte) error {
	var m map[string]float64
	if err := json.Unmarshal(b, &m); err != nil {
		return wrap(fmt.Errorf("scores: %w", err))
	}
	var out Scores
	for name, v := range m {
		d, err := parseName("dimension", name, dimensionNames[:])
		if err != nil {
			return wrap(err)
		}
		out[d] = v
	}
	*s = out
	return nil
}
