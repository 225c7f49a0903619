package lang

import "testing"

func TestChinese(t *testing.T) {
	for _, tt := range []struct {
		tag  string
		want bool
	}{
		{"zh", true}, {"ZH", true}, {"zh-CN", true}, {"zh-Hans", true}, {"zh_TW", true},
		{"", false}, {"en", false}, {"z", false}, {"zhx", false}, {"zho", false}, {"en-zh", false}, {"de", false},
	} {
		if got := Chinese(tt.tag); got != tt.want {
			t.Errorf("Chinese(%q) = %v, want %v", tt.tag, got, tt.want)
		}
	}
	if got := Pick("zh-CN", "revenue", "销售额"); got != "销售额" {
		t.Errorf("Pick(zh-CN) = %q", got)
	}
	if got := Pick("fr", "revenue", "销售额"); got != "revenue" {
		t.Errorf("Pick(fr) = %q", got)
	}
}
