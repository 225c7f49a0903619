package relationship

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// parseName returns the index of s among names (case and surrounding space
// ignored), or an error wrapping [ErrInvalidOption].
func parseName(kind, s string, names []string) (int, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for k, n := range names {
		if n == t {
			return k, nil
		}
	}
	return 0, fmt.Errorf("%s %q, want one of %s: %w", kind, s, strings.Join(names, ", "), ErrInvalidOption)
}

func text(ok bool, s string, kind string, v uint8) ([]byte, error) {
	if !ok {
		return nil, wrap(fmt.Errorf("%s %d: %w", kind, v, ErrInvalidOption))
	}
	return []byte(s), nil
}

// MarshalText returns the type's name; JSON uses it.
func (c CostType) MarshalText() ([]byte, error) {
	return text(c < NumCostTypes, c.String(), "cost type", uint8(c))
}

// UnmarshalText reads a name as [ParseCostType] does.
func (c *CostType) UnmarshalText(b []byte) error {
	k, err := parseName("cost type", string(b), costTypeNames[:])
	*c = CostType(k)
	return wrap(err)
}

// MarshalText returns the lever's name.
func (k LeverKind) MarshalText() ([]byte, error) {
	return text(k <= ExitBarriers, k.String(), "lever kind", uint8(k))
}

// UnmarshalText reads a lever name as [LeverKind.String] gives it.
func (k *LeverKind) UnmarshalText(b []byte) error {
	names := make([]string, ExitBarriers+1)
	for i := range names {
		names[i] = LeverKind(i).String()
	}
	i, err := parseName("lever kind", string(b), names)
	*k = LeverKind(i)
	return wrap(err)
}

// MarshalText returns the role's name.
func (r Role) MarshalText() ([]byte, error) {
	return text(int(r) < len(roleNames), r.String(), "role", uint8(r))
}

// UnmarshalText reads a role name.
func (r *Role) UnmarshalText(b []byte) error {
	i, err := parseName("role", string(b), roleNames)
	*r = Role(i)
	return wrap(err)
}

// MarshalText returns the step's English name.
func (s Step) MarshalText() ([]byte, error) {
	return text(int(s) < len(stepNames), s.String(), "step", uint8(s))
}

// UnmarshalText reads a step's English or Chinese name.
func (s *Step) UnmarshalText(b []byte) error {
	i, err := parseName("step", string(b), stepNames)
	if err != nil {
		if j, err2 := parseName("step", string(b), stepChinese); err2 == nil {
			i, err = j, nil
		}
	}
	*s = Step(i)
	return wrap(err)
}

// MarshalText returns the level's name.
func (l Level) MarshalText() ([]byte, error) {
	return text(l <= Operational, l.String(), "level", uint8(l))
}

// UnmarshalText reads a level name.
func (l *Level) UnmarshalText(b []byte) error {
	i, err := parseName("level", string(b), []string{"executive", "management", "operational"})
	*l = Level(i)
	return wrap(err)
}

// MarshalText returns the activity's name.
func (k ActivityKind) MarshalText() ([]byte, error) {
	return text(int(k) < len(activityNames), k.String(), "activity", uint8(k))
}

// UnmarshalText reads an activity name.
func (k *ActivityKind) UnmarshalText(b []byte) error {
	i, err := parseName("activity", string(b), activityNames)
	*k = ActivityKind(i)
	return wrap(err)
}

// MarshalText returns A … D, or "-" for no grade.
func (g Grade) MarshalText() ([]byte, error) {
	return text(g <= GradeD, g.String(), "grade", uint8(g))
}

// UnmarshalText reads A … D (either case) or "-".
func (g *Grade) UnmarshalText(b []byte) error {
	i, err := parseName("grade", string(b), []string{"-", "a", "b", "c", "d"})
	*g = Grade(i)
	return wrap(err)
}

// MarshalText returns the rung's English name.
func (r Rung) MarshalText() ([]byte, error) {
	return text(r < NumRungs, r.String(), "rung", uint8(r))
}

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
