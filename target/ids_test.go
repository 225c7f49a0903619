package target

import (
	"bytes"
	"errors"
	"testing"
)

// TestPortableIDs checks that NewTree refuses IDs that a file cannot carry
// and that every ID it accepts survives the plan CSV, the plan JSON and the
// actuals CSV unchanged.
func TestPortableIDs(t *testing.T) {
	for _, id := range []string{"a\rb", "bad\xffutf8", "nul\x00"} {
		if _, err := NewTree([]Node{{ID: "CO"}, {ID: id, Parent: "CO"}}); !errors.Is(err, ErrInvalidID) {
			t.Errorf("NewTree(id %q) error = %v, want ErrInvalidID", id, err)
		}
		if _, err := NewTree([]Node{{ID: "CO", Name: id}}); !errors.Is(err, ErrInvalidID) {
			t.Errorf("NewTree(name %q) error = %v, want ErrInvalidID", id, err)
		}
	}
	ids := []string{" A", "A", "A ", `quo"te`, "com,ma", "new\nline", "北京", "tab\tid"}
	rows := []Node{{ID: "CO"}}
	for _, id := range ids {
		rows = append(rows, Node{ID: id, Parent: "CO"})
	}
	p := MustNewPlan(Spec{Tree: MustNewTree(rows), Calendar: Calendar{StartYear: 2027},
		Targets: []Target{{Metric: Revenue, Annual: dec("1200")}}})

	var csvBuf bytes.Buffer
	if err := p.WriteCSV(&csvBuf); err != nil {
		t.Fatal(err)
	}
	q, err := ReadCSV(&csvBuf, dec("0.01"))
	if err != nil {
		t.Fatalf("ReadCSV(WriteCSV()) error: %v", err)
	}
	if got, want := q.Tree().Children("CO"), p.Tree().Children("CO"); len(got) != len(want) {
		t.Fatalf("CSV round trip children = %q, want %q", got, want)
	} else {
		for k := range got {
			if got[k] != want[k] {
				t.Errorf("CSV round trip child %d = %q, want %q", k, got[k], want[k])
			}
		}
	}

	js, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	qj, err := ReadJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatalf("ReadJSON(MarshalJSON()) error: %v", err)
	}
	for k, id := range qj.Tree().Children("CO") {
		if id != ids[k] {
			t.Errorf("JSON round trip child %d = %q, want %q", k, id, ids[k])
		}
	}

	a := NewActuals(p)
	for k, id := range ids {
		if err := a.Set(id, Revenue, M1, dec("1").Mul(dec(string(rune('1'+k))))); err != nil {
			t.Fatal(err)
		}
	}
	var ab bytes.Buffer
	if err := a.WriteCSV(&ab); err != nil {
		t.Fatal(err)
	}
	b, err := ReadActualsCSV(&ab, p)
	if err != nil {
		t.Fatalf("ReadActualsCSV(WriteCSV()) error: %v", err)
	}
	for _, id := range ids {
		want, _, _ := a.Amount(id, Revenue, M1)
		got, _, err := b.Amount(id, Revenue, M1)
		if err != nil || !got.Equal(want) {
			t.Errorf("actuals round trip %q = %s, %v; want %s", id, got, err, want)
		}
	}
}
