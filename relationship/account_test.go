package relationship

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readExample(t testing.TB) []byte {
	b, err := os.ReadFile("../examples/keyaccount/account.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAccountRoundTrip(t *testing.T) {
	a, err := ReadAccount(bytes.NewReader(readExample(t)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := a.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadAccount(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, back); diff != "" {
		t.Errorf("round trip (-read +reread):\n%s", diff)
	}
	r1, _ := a.Analyze()
	r2, _ := back.Analyze()
	if diff := cmp.Diff(r1, r2); diff != "" {
		t.Errorf("round trip changed the analysis:\n%s", diff)
	}
}

func TestReadAccountErrors(t *testing.T) {
	good := string(readExample(t))
	tests := []struct {
		name, in string
		want     error
	}{
		{"not JSON", "{", ErrSyntax},
		{"unknown field", strings.Replace(good, `"name"`, `"nmae"`, 1), ErrSyntax},
		{"trailing data", good + "{}", ErrSyntax},
		{"unknown role", strings.Replace(good, `"gatekeeper"`, `"doorman"`, 1), ErrInvalidOption},
		{"unknown cost type", strings.Replace(good, `"search": "18000"`, `"seach": "18000"`, 1), ErrInvalidOption},
		{"negative cost", strings.Replace(good, `"18000"`, `"-18000"`, 1), ErrInvalidAmount},
		{"influence as a percentage", strings.Replace(good, `"influence": 0.9`, `"influence": 90`, 1), ErrInvalidOption},
		{"score over 100", strings.Replace(good, `"technology": 82`, `"technology": 820`, 1), ErrInvalidOption},
		{"wallet rank beyond brands", strings.Replace(good, `"rank": 2`, `"rank": 4`, 1), ErrInvalidOption},
		{"no contacts", strings.Replace(good, `"contacts": [`, `"contacts": [], "x": [`, 1), ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadAccount(strings.NewReader(tt.in))
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if strings.Count(err.Error(), "relationship: ") != 1 {
				t.Errorf("prefix not once: %q", err)
			}
		})
	}
}

func FuzzReadAccount(f *testing.F) {
	f.Add(string(readExample(f)))
	f.Add(`{"name":"x","switching_costs":{},"rival_advantage":"0","scores":{},"contacts":[{"name":"a","role":"coach","level":"executive","influence":1,"attitude":0}],"map_options":{"gift_limit":"0"}}`)
	f.Fuzz(func(t *testing.T, in string) {
		a, err := ReadAccount(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrInvalidOption) && !errors.Is(err, ErrInvalidAmount) &&
				!errors.Is(err, ErrOverflow) && !errors.Is(err, ErrTooMany) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := a.WriteJSON(&buf); err != nil {
			t.Fatalf("a read account cannot be written: %v", err)
		}
		back, err := ReadAccount(&buf)
		if err != nil || !cmp.Equal(a, back) {
			t.Fatalf("round trip: %v\n%s", err, buf.String())
		}
	})
}
