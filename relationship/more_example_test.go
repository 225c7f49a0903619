package relationship_test

import (
	"bytes"
	"fmt"

	"github.com/salesgrowth/salesgrowth/relationship"
)

func ExampleCosts_ByCategory() {
	c := relationship.Costs{money("18000"), money("65000"), money("24000"), money("30000"), money("15000")}
	total, _ := c.Total()
	cat, _ := c.ByCategory()
	fmt.Println(total, cat[relationship.Procedural], cat[relationship.Financial], cat[relationship.Relational])
	// Output: 152000 107000 15000 30000
}

func ExampleCaseProfiles() {
	for _, p := range relationship.CaseProfiles() {
		fmt.Printf("%-37s %s\n", p.Name, p.Kind)
	}
	// Output:
	// refrigerant storage tank              dedicated assets
	// tool vending machine                  process embedding
	// bundled packaging contract            exit barriers
	// specified by the customer's customer  proprietary technology
}

func ExampleShareOfWallet() {
	s, _ := relationship.ShareOfWallet(money("1450000"), money("4800000"))
	fmt.Printf("%.4f\n", s)
	_, err := relationship.ShareOfWallet(money("5"), money("4"))
	fmt.Println(err != nil)
	// Output:
	// 0.3021
	// true
}

func ExampleScorecard_Validate() {
	s := relationship.DefaultScorecard()
	fmt.Println(s.Validate())
	s.Weights[relationship.Quality] = 25 // a percentage
	fmt.Println(s.Validate())
	// Output:
	// <nil>
	// relationship: scorecard: quality weight 25, want a fraction in [0, 1]: invalid relationship option
}

func ExampleParseCostType() {
	t, err := relationship.ParseCostType("Legal")
	fmt.Println(t, err, t.Facets())
	// Output: legal <nil> [benefit loss monetary loss]
}

func ExampleAccount_WriteJSON() {
	a := relationship.Account{
		Name:     "Minimal",
		Contacts: []relationship.Contact{{Name: "Gao", Role: relationship.Coach, Influence: 1, Attitude: 2}},
	}
	var buf bytes.Buffer
	_ = a.WriteJSON(&buf)
	back, err := relationship.ReadAccount(&buf)
	fmt.Println(err, back.Name, back.Contacts[0].Role)
	// Output: <nil> Minimal coach
}
