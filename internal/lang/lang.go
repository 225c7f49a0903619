// Package lang matches the language tags that the packages' Title methods
// take: the names of the course's concepts in English or in the course's
// Chinese (simplified characters).
package lang

import "strings"

// Chinese reports whether tag names Chinese: "zh" or a BCP 47 tag whose
// primary subtag is zh ("zh-CN", "zh-Hans", "zh_TW"), in any case. Every
// Chinese tag gets the course's simplified characters.
func Chinese(tag string) bool {
	if len(tag) < 2 || !strings.EqualFold(tag[:2], "zh") {
		return false
	}
	return len(tag) == 2 || tag[2] == '-' || tag[2] == '_'
}

// Pick returns zh when tag is Chinese and en otherwise: English is the
// language of every other tag, including the empty one.
func Pick(tag, en, zh string) string {
	if Chinese(tag) {
		return zh
	}
	return en
}
