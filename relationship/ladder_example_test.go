package relationship_test

import (
	"fmt"
	"os"

	"github.com/salesgrowth/salesgrowth/relationship"
)

func ExampleLadder_Place() {
	p, _ := relationship.DefaultLadder().Place(relationship.Standing{
		ShareOfWallet: 0.45, Grade: relationship.GradeB, ContractYears: 2, JointInitiatives: 1,
	})
	fmt.Println(p.Rung, p.Rung.Chinese(), "→", p.Next)
	for _, m := range p.Missing {
		fmt.Println(" -", m)
	}
	// Output:
	// core supplier 核心供应商 → strategic partner
	//  - share of wallet 45 % of the 60 % needed
	//  - scorecard grade B, A or better needed
	//  - contract of 2 years, 3 needed
	//  - 1 joint initiatives, 3 needed
	//  - executive sponsorship on both sides
}

func ExampleAnalyzeMap() {
	contacts := []relationship.Contact{
		{Name: "Zhang", Role: relationship.DecisionMaker, Influence: 0.9, Attitude: 1, Owner: "GM",
			Evidence: []relationship.Evidence{{Step: relationship.Goodwill}, {Step: relationship.Trust}}},
		{Name: "Li", Role: relationship.Influencer, Level: relationship.Management, Influence: 0.6, Attitude: -2, Owner: "KAM"},
		{Name: "Zhao", Role: relationship.User, Level: relationship.Operational, Influence: 0.2, Attitude: 2, RisingStar: true},
	}
	visits := []relationship.Activity{{Contact: "Li", Kind: relationship.Visit}}
	r, _ := relationship.AnalyzeMap(contacts, visits, relationship.MapOptions{})
	fmt.Printf("coverage %.0f%%, support %+.2f\n", 100*r.Coverage, r.Support)
	for _, c := range contacts {
		fmt.Println(c.Name, c.Step(), c.Step().Chinese())
	}
	for _, k := range r.Risks {
		if k.Contact == "" {
			fmt.Println("risk:", k.Kind)
			continue
		}
		fmt.Println("risk:", k.Kind, "—", k.Contact)
	}
	fmt.Println("rising stars:", r.RisingStars)
	// Output:
	// coverage 88%, support +0.03
	// Zhang trust 信任
	// Li none 无
	// Zhao none 无
	// risk: single-threaded
	// risk: influential opponent — Li
	// rising stars: [Zhao]
}

func ExampleContact_Step() {
	c := relationship.Contact{Name: "Wang", Evidence: []relationship.Evidence{
		{Step: relationship.Goodwill, Note: "joined the plant tour"},
		{Step: relationship.Interest, Note: "our audit cut his scrap rate"}, // trust not shown yet
	}}
	fmt.Println(c.Step())
	c.Evidence = append(c.Evidence, relationship.Evidence{Step: relationship.Trust, Note: "shared the capacity plan"})
	fmt.Println(c.Step())
	// Output:
	// goodwill
	// interest
}

func ExampleReadAccount() {
	f, err := os.Open("../examples/keyaccount/account.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	a, err := relationship.ReadAccount(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := a.Analyze()
	fmt.Println(a.Name)
	fmt.Println("switches:", r.Decision.Switches, "margin", r.Decision.Margin)
	fmt.Println("grade", r.Rating.Grade, "rung", r.Placement.Rung)
	// Output:
	// Huadong Precision Castings
	// switches: true margin -33000
	// grade B rung major supplier
}

func ExampleParseRung() {
	r, err := relationship.ParseRung("战略伙伴")
	fmt.Println(r, err)
	_, err = relationship.ParseRung("best friend")
	fmt.Println(err)
	// Output:
	// strategic partner <nil>
	// relationship: rung "best friend": invalid relationship option
}
