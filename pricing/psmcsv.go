package pricing

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/salesgrowth/salesgrowth/internal/lang"
)

// PSMCSV configures [PSM.WriteCSV]. The zero value writes English names
// without a byte-order mark.
type PSMCSV struct {
	// Lang is the language of the names: a Chinese tag ("zh", "zh-CN", …)
	// writes 最优价格, 价格, 太便宜, …; anything else English.
	Lang string
	// BOM starts the file with a UTF-8 byte-order mark, so that Excel reads
	// the Chinese as UTF-8.
	BOM bool
}

// psmKeys are the summary rows of the PSM CSV, English and Chinese.
var psmKeys = [2][9]string{
	{"opp", "ipp", "pmc", "pme", "respondents", "inconsistent", "weight", "nms_reach_price", "nms_revenue_price"},
	{"最优价格", "无差异价格", "边际便宜点", "边际昂贵点", "有效答卷", "不一致答卷", "总权重", "NMS最高购买率价格", "NMS最高收入价格"},
}

// psmColumns are the curve columns, English and Chinese.
var psmColumns = [2][9]string{
	{"price", "too_cheap", "cheap", "expensive", "too_expensive", "not_cheap", "not_expensive", "nms_reach", "nms_revenue"},
	{"价格", "太便宜", "便宜", "贵", "太贵", "不便宜", "不贵", "NMS购买率", "NMS收入"},
}

// maxPSMPrices bounds the grid rows [ReadPSMCSV] reads.
const maxPSMPrices = MaxRespondents * 4

// WriteCSV writes the analysis as a spreadsheet opens it: first one row per
// result (the four price points, the respondents, the inconsistent ones,
// the total weight and, with Newton–Miller–Smith, its two prices), a name
// and a value; then a header row and one row per grid price with the six
// curves (and NMS reach and revenue). Numbers are written in the shortest
// form that reads back to the same float64. [ReadPSMCSV] reads either
// language back to an equal PSM.
func (p PSM) WriteCSV(w io.Writer, opt PSMCSV) error {
	return wrap(p.writeCSV(w, opt))
}

func (p PSM) writeCSV(w io.Writer, opt PSMCSV) error {
	n := len(p.Prices)
	for _, c := range [][]float64{p.TooCheap, p.Cheap, p.Expensive, p.TooExpensive, p.NotCheap, p.NotExpensive} {
		if len(c) != n {
			return fmt.Errorf("psm csv: a curve of %d values for %d prices: %w", len(c), n, ErrInvalidOption)
		}
	}
	if p.NMS != nil && (len(p.NMS.Reach) != n || len(p.NMS.Revenue) != n) {
		return fmt.Errorf("psm csv: NMS curves of %d and %d values for %d prices: %w", len(p.NMS.Reach), len(p.NMS.Revenue), n, ErrInvalidOption)
	}
	zh := 0
	if lang.Chinese(opt.Lang) {
		zh = 1
	}
	if opt.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	keys := psmKeys[zh]
	vals := []string{g(p.OPP), g(p.IPP), g(p.PMC), g(p.PME), strconv.Itoa(p.Respondents), strconv.Itoa(p.Inconsistent), g(p.Weight)}
	if p.NMS != nil {
		vals = append(vals, g(p.NMS.ReachPrice), g(p.NMS.RevenuePrice))
	}
	for k, v := range vals {
		if err := cw.Write([]string{keys[k], v}); err != nil {
			return err
		}
	}
	cols := psmColumns[zh][:7]
	if p.NMS != nil {
		cols = psmColumns[zh][:]
	}
	if err := cw.Write(cols); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	for i := range p.Prices {
		rec[0], rec[1], rec[2], rec[3] = g(p.Prices[i]), g(p.TooCheap[i]), g(p.Cheap[i]), g(p.Expensive[i])
		rec[4], rec[5], rec[6] = g(p.TooExpensive[i]), g(p.NotCheap[i]), g(p.NotExpensive[i])
		if p.NMS != nil {
			rec[7], rec[8] = g(p.NMS.Reach[i]), g(p.NMS.Revenue[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func g(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// ReadPSMCSV reads what [PSM.WriteCSV] writes, in English or Chinese, with
// or without a byte-order mark. Errors name the line and wrap [ErrSyntax]
// (a missing or repeated result, an unknown name, a cell that is not a
// number or not finite, curves of the wrong width, more than
// 4 × [MaxRespondents] prices).
func ReadPSMCSV(r io.Reader) (PSM, error) {
	p, err := readPSMCSV(r)
	return p, wrap(err)
}

func readPSMCSV(r io.Reader) (PSM, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	var p PSM
	var seen [9]bool
	line := 0
	num := func(s, what string) (float64, error) {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("line %d, %s: %q: %w", line, what, s, ErrSyntax)
		}
		return v, nil
	}
	// The results, up to the header of the curves.
	var cols int
	for {
		rec, err := cr.Read()
		line++
		if errors.Is(err, io.EOF) {
			return PSM{}, fmt.Errorf("line %d: no curves header: %w", line, ErrSyntax)
		}
		if err != nil {
			return PSM{}, fmt.Errorf("line %d: %v: %w", line, err, ErrSyntax)
		}
		if line == 1 {
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
		}
		if c := curveHeader(rec); c > 0 {
			cols = c
			break
		}
		k := keyIndex(rec[0])
		if k < 0 || len(rec) != 2 {
			return PSM{}, fmt.Errorf("line %d: %q is not a result name and value: %w", line, rec[0], ErrSyntax)
		}
		if seen[k] {
			return PSM{}, fmt.Errorf("line %d: %s twice: %w", line, psmKeys[0][k], ErrSyntax)
		}
		seen[k] = true
		v, err := num(rec[1], psmKeys[0][k])
		if err != nil {
			return PSM{}, err
		}
		switch k {
		case 0, 1, 2, 3, 6:
			*[]*float64{&p.OPP, &p.IPP, &p.PMC, &p.PME, nil, nil, &p.Weight}[k] = v
		case 4, 5:
			if v < 0 || v != math.Trunc(v) || v > math.MaxInt32 {
				return PSM{}, fmt.Errorf("line %d, %s: %q: %w", line, psmKeys[0][k], rec[1], ErrSyntax)
			}
			*[]*int{&p.Respondents, &p.Inconsistent}[k-4] = int(v)
		case 7, 8:
			if p.NMS == nil {
				p.NMS = &NMS{}
			}
			*[]*float64{&p.NMS.ReachPrice, &p.NMS.RevenuePrice}[k-7] = v
		}
	}
	for k := range 7 {
		if !seen[k] {
			return PSM{}, fmt.Errorf("line %d: no %s: %w", line, psmKeys[0][k], ErrSyntax)
		}
	}
	if hasNMS := cols == 9; seen[7] != hasNMS || seen[8] != hasNMS {
		return PSM{}, fmt.Errorf("line %d: NMS prices and NMS columns must come together: %w", line, ErrSyntax)
	}
	dst := []*[]float64{&p.Prices, &p.TooCheap, &p.Cheap, &p.Expensive, &p.TooExpensive, &p.NotCheap, &p.NotExpensive}
	if p.NMS != nil {
		dst = append(dst, &p.NMS.Reach, &p.NMS.Revenue)
	}
	for {
		rec, err := cr.Read()
		line++
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return PSM{}, fmt.Errorf("line %d: %v: %w", line, err, ErrSyntax)
		}
		if len(rec) != cols {
			return PSM{}, fmt.Errorf("line %d: %d cells, want %d: %w", line, len(rec), cols, ErrSyntax)
		}
		if len(p.Prices) >= maxPSMPrices {
			return PSM{}, fmt.Errorf("line %d: more than %d prices: %w", line, maxPSMPrices, ErrSyntax)
		}
		for k, cell := range rec {
			v, err := num(cell, psmColumns[0][k])
			if err != nil {
				return PSM{}, err
			}
			*dst[k] = append(*dst[k], v)
		}
	}
	return p, nil
}

// keyIndex returns the index of a result name in either language, or −1.
func keyIndex(s string) int {
	s = strings.TrimSpace(s)
	for _, names := range psmKeys {
		for k, n := range names {
			if strings.EqualFold(n, s) {
				return k
			}
		}
	}
	return -1
}

// curveHeader returns the number of columns when rec is the curves' header
// in either language (7, or 9 with NMS), else 0.
func curveHeader(rec []string) int {
	for _, names := range psmColumns {
		if len(rec) != 7 && len(rec) != 9 {
			return 0
		}
		ok := true
		for k, h := range rec {
			if !strings.EqualFold(strings.TrimSpace(h), names[k]) {
				ok = false
				break
			}
		}
		if ok {
			return len(rec)
		}
	}
	return 0
}
