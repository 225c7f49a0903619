package relationship

import "testing"

func TestTitles(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{SearchCost.Title("zh"), "搜寻成本"}, {LegalCost.Title("zh"), "法律成本"}, {SearchCost.Title("en"), "search"},
		{CostType(9).Title("zh"), "CostType(9)"},
		{Rung(0).Title("zh"), "一般供应商"}, {StrategicPartner.Title("zh"), "战略伙伴"}, {StrategicPartner.Title("en"), "strategic partner"},
		{Technology.Title("zh"), "技术"}, {Safety.Title("zh"), "安全"}, {Delivery.Title("en"), "delivery"},
		{Step(2).Title("zh"), "信任"}, {Step(2).Title("en"), "trust"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
