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

func TestMoreTitles(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Role(0).Title("zh"), "决策者"}, {Role(0).Title("en"), "decision maker"}, {Role(99).Title("zh"), Role(99).String()},
		{Executive.Title("zh"), "高层"}, {Operational.Title("en"), "operational"},
		{LeverKind(0).Title("zh"), "专用资产"}, {Procedural.Title("zh"), "程序性"}, {Relational.Title("en"), "relational"},
		{EconomicRisk.Title("zh"), "经济风险"}, {BrandRelationshipLoss.Title("zh"), "品牌关系损失"},
		{RiskTitle(RiskOpponent, "zh"), "有影响力的反对者"}, {RiskTitle(RiskOpponent, "en"), RiskOpponent}, {RiskTitle("other", "zh"), "other"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	// Every Chinese table covers its enumeration.
	if len(roleChinese) != len(roleNames) || len(levelChinese) != len(levelNames) || len(leverChinese) != len(leverNames) {
		t.Error("a Chinese name table does not match its English one")
	}
}
