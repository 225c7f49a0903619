package target

import "testing"

func TestTitles(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Revenue.Title("zh"), "销售额"}, {Collection.Title("zh-CN"), "回款额"}, {Profit.Title("zh"), "利润"},
		{Expense.Title("zh"), "费用"}, {Revenue.Title("en"), "revenue"}, {Metric("deals").Title("zh"), "deals"},
		{Revenue.Title(""), "revenue"},
		{LevelTitle("region", "zh"), "区域"}, {LevelTitle("industry", "zh"), "行业"}, {LevelTitle("customer", "zh"), "客户"},
		{LevelTitle("project", "zh"), "项目"}, {LevelTitle("company", "zh"), "公司"}, {LevelTitle("region", "en"), "region"},
		{LevelTitle("level-7", "zh"), "level-7"},
		{OnTrack.Title("zh"), "正常"}, {AtRisk.Title("zh"), "风险"}, {Ahead.Title("en"), "ahead"}, {Status(99).Title("zh"), "Status(99)"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestSeasonalMethodTitle(t *testing.T) {
	if got := YearlyShares.Title("zh"); got != "年度占比法" {
		t.Errorf("YearlyShares.Title(zh) = %q", got)
	}
	if got := MovingAverageRatio.Title("en"); got != "moving-average-ratio" {
		t.Errorf("MovingAverageRatio.Title(en) = %q", got)
	}
}
