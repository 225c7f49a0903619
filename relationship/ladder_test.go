package relationship

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPlace(t *testing.T) {
	l := DefaultLadder()
	tests := []struct {
		name    string
		s       Standing
		want    Rung
		missing []string
	}{
		{"new account", Standing{ShareOfWallet: 0.05}, GeneralSupplier, []string{"share of wallet 5 % of the 20 % needed", "scorecard grade -, C or better needed"}},
		{"major", Standing{ShareOfWallet: 0.3, Grade: GradeB}, MajorSupplier, []string{"share of wallet 30 % of the 40 % needed", "contract of 0 years, 1 needed", "0 joint initiatives, 1 needed"}},
		{"core", Standing{ShareOfWallet: 0.65, Grade: GradeB, ContractYears: 2, JointInitiatives: 3}, CoreSupplier,
			[]string{"scorecard grade B, A or better needed", "contract of 2 years, 3 needed", "executive sponsorship on both sides"}},
		{"partner", Standing{ShareOfWallet: 0.7, Grade: GradeA, ContractYears: 5, JointInitiatives: 4, ExecutiveSponsor: true}, StrategicPartner, nil},
		// A high share does not skip a rung whose grade is missed.
		{"share without grade", Standing{ShareOfWallet: 0.9, Grade: GradeD, ContractYears: 5, JointInitiatives: 9, ExecutiveSponsor: true}, GeneralSupplier,
			[]string{"scorecard grade D, C or better needed"}},
	}
	for _, tt := range tests {
		p, err := l.Place(tt.s)
		if err != nil {
			t.Fatal(err)
		}
		if p.Rung != tt.want || !cmp.Equal(p.Missing, tt.missing) {
			t.Errorf("%s: %s missing %q, want %s %q", tt.name, p.Rung, p.Missing, tt.want, tt.missing)
		}
	}
	for _, s := range []Standing{{ShareOfWallet: 25}, {ContractYears: -1}, {JointInitiatives: -1}, {Grade: 9}} {
		if _, err := l.Place(s); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("Place(%+v): %v", s, err)
		}
	}
	for r := range Rung(NumRungs) {
		for _, name := range []string{r.String(), r.Chinese()} {
			if back, err := ParseRung(name); err != nil || back != r {
				t.Errorf("ParseRung(%q) = %v, %v", name, back, err)
			}
		}
	}
}

func TestAnalyzeMap(t *testing.T) {
	ev := func(steps ...Step) []Evidence {
		var out []Evidence
		for _, s := range steps {
			out = append(out, Evidence{Step: s, Note: s.String()})
		}
		return out
	}
	contacts := []Contact{
		{Name: "Wang", Role: DecisionMaker, Level: Executive, Influence: 0.9, Attitude: 1, Evidence: ev(Goodwill, Trust, Interest), Owner: "GM", VIP: true},
		{Name: "Li", Role: Influencer, Level: Management, Influence: 0.6, Attitude: -1, Evidence: ev(Goodwill), Owner: "KAM"},
		{Name: "Zhao", Role: User, Level: Operational, Influence: 0.2, Attitude: 2, Evidence: ev(Goodwill, Interest), Owner: "KAM", RisingStar: true},
		{Name: "Chen", Role: Coach, Level: Management, Influence: 0.3, Attitude: 2, Evidence: ev(Goodwill, Trust), Leaving: true},
	}
	acts := []Activity{{Contact: "Li", Kind: StudyTour}, {Contact: "Zhao", Kind: Gift, Value: d("300")}, {Contact: "Zhao", Kind: Gift, Value: d("250")}}
	r, err := AnalyzeMap(contacts, acts, MapOptions{GiftLimit: d("500")})
	if err != nil {
		t.Fatal(err)
	}
	// Covered: Wang (trust, owner), Li (activity, owner), Zhao (activity,
	// owner); Chen has no owner. 1.7 of 2.0.
	if got, want := r.Coverage, 1.7/2.0; got != want {
		t.Errorf("coverage %v, want %v", got, want)
	}
	// (0.9 − 0.6 + 0.4 + 0.6) / 4.
	if got, want := r.Support, 1.3/4; got < want-1e-15 || got > want+1e-15 {
		t.Errorf("support %v, want %v", got, want)
	}
	// Zhao's evidence skips trust: goodwill only.
	if want := [5]int{0, 2, 1, 1, 0}; r.Steps != want {
		t.Errorf("steps %v, want %v", r.Steps, want)
	}
	wantRisks := []Risk{{RiskOpponent, "Li"}, {RiskGiftOverLimit, "Zhao"}, {RiskChampionLeaving, "Chen"}}
	if diff := cmp.Diff(wantRisks, r.Risks); diff != "" {
		t.Errorf("risks (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string][]string{"GM": {"Wang"}, "KAM": {"Li", "Zhao"}}, r.Team); diff != "" {
		t.Error(diff)
	}
	if !cmp.Equal(r.Gaps, []string{"Chen"}) {
		t.Errorf("gaps %v", r.Gaps)
	}
	if !cmp.Equal(r.RisingStars, []string{"Zhao"}) || !cmp.Equal(r.VIPs, []string{"Wang"}) {
		t.Errorf("flags %v %v", r.RisingStars, r.VIPs)
	}
	// One trusted contact only, and a decision maker nobody knows.
	thin := []Contact{{Name: "Sun", Influence: 1, Owner: "KAM"}, {Name: "Zhou", Role: User, Influence: 0.1, Evidence: ev(Goodwill, Trust)}}
	r, _ = AnalyzeMap(thin, nil, MapOptions{})
	want := []Risk{{Kind: RiskSingleThreaded}, {RiskUncoveredDecider, "Sun"}}
	if diff := cmp.Diff(want, r.Risks); diff != "" {
		t.Errorf("thin account risks (-want +got):\n%s", diff)
	}
	bad := []struct {
		name string
		c    []Contact
		a    []Activity
		opt  MapOptions
		want error
	}{
		{"none", nil, nil, MapOptions{}, ErrInvalidOption},
		{"influence as a percentage", []Contact{{Name: "A", Influence: 60}}, nil, MapOptions{}, ErrInvalidOption},
		{"attitude 3", []Contact{{Name: "A", Influence: 1, Attitude: 3}}, nil, MapOptions{}, ErrInvalidOption},
		{"twice", []Contact{{Name: "A", Influence: 1}, {Name: "A"}}, nil, MapOptions{}, ErrInvalidOption},
		{"no influence", []Contact{{Name: "A"}}, nil, MapOptions{}, ErrInvalidOption},
		{"unknown contact", []Contact{{Name: "A", Influence: 1}}, []Activity{{Contact: "B"}}, MapOptions{}, ErrInvalidOption},
		{"negative gift", []Contact{{Name: "A", Influence: 1}}, []Activity{{Contact: "A", Kind: Gift, Value: d("-1")}}, MapOptions{}, ErrInvalidAmount},
	}
	for _, b := range bad {
		if _, err := AnalyzeMap(b.c, b.a, b.opt); !errors.Is(err, b.want) {
			t.Errorf("%s: %v, want %v", b.name, err, b.want)
		}
	}
}
