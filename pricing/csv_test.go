package pricing

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRespondentsCSV(t *testing.T) {
	in := "id,Too_Cheap,cheap,expensive,too_expensive,weight\n" +
		"a,1,2,4,6,\n" +
		"b,2,3.5,5,7,2\n"
	rs, err := ReadRespondentsCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Respondent{{TooCheap: 1, Cheap: 2, Expensive: 4, TooExpensive: 6}, {TooCheap: 2, Cheap: 3.5, Expensive: 5, TooExpensive: 7, Weight: 2}}
	if diff := cmp.Diff(want, rs); diff != "" {
		t.Error(diff)
	}
	var buf bytes.Buffer
	if err := WriteRespondentsCSV(&buf, survey5); err != nil {
		t.Fatal(err)
	}
	back, err := ReadRespondentsCSV(&buf)
	if err != nil || !cmp.Equal(back, survey5) {
		t.Errorf("round trip: %v\n%s", err, cmp.Diff(survey5, back))
	}
	bad := []struct {
		name, in, where string
		want            error
	}{
		{"empty", "", "line 1", ErrSyntax},
		{"no too_expensive", "too_cheap,cheap,expensive\n1,2,3\n", "too_expensive", ErrSyntax},
		{"not a number", "too_cheap,cheap,expensive,too_expensive\n1,2,x,4\n", "line 2, field expensive", ErrSyntax},
		{"negative", "too_cheap,cheap,expensive,too_expensive\n1,2,3,4\n1,-2,3,4\n", "line 3, field cheap", ErrInvalidAnswer},
		{"NaN", "too_cheap,cheap,expensive,too_expensive\nNaN,2,3,4\n", "line 2, field too_cheap", ErrInvalidAnswer},
		{"short row", "too_cheap,cheap,expensive,too_expensive\n1,2\n", "line 2", ErrSyntax},
		{"fractional intent", "too_cheap,cheap,expensive,too_expensive,intent_cheap\n1,2,3,4,2.5\n", "intent_cheap", ErrInvalidAnswer},
	}
	for _, b := range bad {
		_, err := ReadRespondentsCSV(strings.NewReader(b.in))
		if !errors.Is(err, b.want) || !strings.Contains(err.Error(), b.where) || strings.Count(err.Error(), "pricing: ") != 1 {
			t.Errorf("%s: %v, want %v at %q", b.name, err, b.want, b.where)
		}
	}
}

func FuzzReadRespondentsCSV(f *testing.F) {
	var buf bytes.Buffer
	_ = WriteRespondentsCSV(&buf, survey5)
	f.Add(buf.String())
	f.Add("too_cheap,cheap,expensive,too_expensive\n1,2,3,4\n")
	f.Add("id,cheap,too_cheap,expensive,too_expensive,weight\nx,2,1,3,4,\n")
	f.Fuzz(func(t *testing.T, in string) {
		rs, err := ReadRespondentsCSV(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrInvalidAnswer) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := WriteRespondentsCSV(&out, rs); err != nil {
			t.Fatal(err)
		}
		back, err := ReadRespondentsCSV(&out)
		if err != nil || !cmp.Equal(rs, back) {
			t.Fatalf("round trip: %v", err)
		}
		// Whatever was read, the analysis returns or refuses it cleanly.
		if _, err := VanWestendorp(rs, PSMOptions{}); err != nil && !errors.Is(err, ErrNoRespondents) && !errors.Is(err, ErrInvalidAnswer) && !errors.Is(err, ErrNoCrossing) {
			t.Fatalf("VanWestendorp: %v", err)
		}
	})
}
