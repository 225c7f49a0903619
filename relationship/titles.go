package relationship

import (
	"github.com/salesgrowth/salesgrowth/internal/lang"
)

// The Chinese names of the enumerations that Title gives.
var (
	roleChinese     = []string{"决策者", "影响者", "使用者", "把关者", "教练"}
	levelChinese    = []string{"高层", "管理层", "执行层"}
	leverChinese    = []string{"专用资产", "卓越服务", "流程嵌入", "专有技术", "退出壁垒"}
	categoryChinese = []string{"程序性", "财务性", "关系性"}
	facetChinese    = [NumFacets]string{"经济风险", "评估", "学习", "安装调试", "利益损失", "金钱损失", "人际关系损失", "品牌关系损失"}
	riskChinese     = map[string]string{
		RiskSingleThreaded:   "单线联系",
		RiskOpponent:         "有影响力的反对者",
		RiskUncoveredDecider: "未建立关系的决策者",
		RiskChampionLeaving:  "支持者即将离开",
		RiskGiftOverLimit:    "礼品超出政策上限",
		RiskNoOwner:          "有影响力的联系人无人负责",
	}
)

// title picks names[v] for a Chinese tag and en otherwise (also for a value
// outside the table).
func title(tag, en string, v int, names []string) string {
	if v < len(names) && lang.Chinese(tag) {
		return names[v]
	}
	return en
}

// Title returns the role's name in English ([Role.String]) or, for a
// Chinese language tag ("zh", "zh-CN", …), in Chinese: 决策者, 影响者,
// 使用者, 把关者, 教练.
func (r Role) Title(tag string) string { return title(tag, r.String(), int(r), roleChinese) }

// Title returns the level's name in English ([Level.String]) or, for a
// Chinese language tag, 高层, 管理层 or 执行层.
func (l Level) Title(tag string) string { return title(tag, l.String(), int(l), levelChinese) }

// Title returns the lever's name in English ([LeverKind.String]) or, for a
// Chinese language tag, 专用资产, 卓越服务, 流程嵌入, 专有技术 or 退出壁垒.
func (k LeverKind) Title(tag string) string { return title(tag, k.String(), int(k), leverChinese) }

// Title returns the category's name in English ([Category.String]) or, for
// a Chinese language tag, 程序性, 财务性 or 关系性.
func (c Category) Title(tag string) string { return title(tag, c.String(), int(c), categoryChinese) }

// Title returns the facet's name in English ([Facet.String]) or, for a
// Chinese language tag, in Chinese (经济风险, 评估, …).
func (f Facet) Title(tag string) string { return title(tag, f.String(), int(f), facetChinese[:]) }

// RiskTitle returns the text of a decision-maker map risk (a Risk's Kind)
// in English as it is, or for a Chinese language tag in Chinese; an unknown
// kind stays as given.
func RiskTitle(kind, tag string) string {
	if zh, ok := riskChinese[kind]; ok && lang.Chinese(tag) {
		return zh
	}
	return kind
}
