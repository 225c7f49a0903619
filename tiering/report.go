package tiering

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/textwidth"
)

// Report is the customer pyramid of an [Assignment]: one row per tier, in
// tier order (transactional first). The zero Report has no customers.
type Report struct {
	// Customers is the number of customers and Total the sum of their
	// values, in the values' unit; ProfitShare is Total over the sum of the
	// positive values (the four tiers' shares add up to it; zero when no
	// value is positive); Mean and Median are of all values.
	Customers                        int
	Total, ProfitShare, Mean, Median float64
	// Rows holds the tiers, indexed by [Tier].
	Rows [NumTiers]TierRow
}

// TierRow is one tier of a [Report]. Shares are fractions (0.05 = 5 %). The
// zero TierRow is an empty tier.
type TierRow struct {
	Tier Tier
	// Count is the number of customers; CustomerShare their share of all.
	Count         int
	CustomerShare float64
	// Total is the sum of the tier's values; ProfitShare its share of the
	// total positive value (negative for a tier whose losses outweigh its
	// profits; zero when no customer has a positive value), so that the
	// shares of the four tiers sum to Total/Positive.
	Total, ProfitShare float64
	// Mean and Median are of the tier's values (zero for an empty tier).
	Mean, Median float64
	// Lower is the bound the method drew for the tier (−Inf for
	// transactional, which has none).
	Lower float64
	// LossMakers counts the customers with a negative value.
	LossMakers int
}

// NewReport builds the pyramid of the values and their assignment. Errors
// wrap [ErrInvalidOption] when the assignment is not of these values (other
// lengths) and [ErrNotFinite] for a non-finite value.
func NewReport(values []float64, a Assignment) (Report, error) {
	if len(values) != len(a.Tiers) || len(a.LossMaker) != len(a.Tiers) {
		return Report{}, wrap(fmt.Errorf("report: %d values for %d assigned customers: %w", len(values), len(a.Tiers), ErrInvalidOption))
	}
	r := Report{Customers: len(values)}
	var positive float64
	byTier := make([][]float64, NumTiers)
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Report{}, wrap(fmt.Errorf("report: value %d: %v: %w", i, v, ErrNotFinite))
		}
		t := a.Tiers[i]
		if t > Strategic {
			return Report{}, wrap(fmt.Errorf("report: customer %d: tier %d: %w", i, t, ErrInvalidOption))
		}
		byTier[t] = append(byTier[t], v)
		r.Total += v
		positive += max(v, 0)
	}
	if positive > 0 {
		r.ProfitShare = r.Total / positive
	}
	r.Mean, r.Median = meanMedian(values, r.Total)
	for t := range NumTiers {
		vs := byTier[t]
		row := TierRow{Tier: Tier(t), Count: len(vs), Lower: math.Inf(-1)}
		if t > 0 {
			row.Lower = a.Bounds[t-1]
		}
		if len(values) > 0 {
			row.CustomerShare = float64(len(vs)) / float64(len(values))
		}
		for _, v := range vs {
			row.Total += v
			if v < 0 {
				row.LossMakers++
			}
		}
		if positive > 0 {
			row.ProfitShare = row.Total / positive
		}
		row.Mean, row.Median = meanMedian(vs, row.Total)
		r.Rows[t] = row
	}
	return r, nil
}

// meanMedian returns the mean and median of vs, whose sum is total (zero
// for none).
func meanMedian(vs []float64, total float64) (mean, median float64) {
	m := len(vs)
	if m == 0 {
		return 0, 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	if m%2 == 1 {
		median = s[m/2]
	} else {
		median = s[m/2-1]/2 + s[m/2]/2
	}
	return total / float64(m), median
}

// WriteText writes the pyramid as aligned text: a text pyramid, strategic
// at the top, with each tier's count and profit share, then a table of every
// measure.
func (r Report) WriteText(w io.Writer) error { return r.writeText(w, "en") }

// WriteTextIn is [Report.WriteText] in a language: for a Chinese tag ("zh",
// "zh-CN", …) the headers and tier names are the course's Chinese, columns
// aligned by display width; any other tag writes English.
func (r Report) WriteTextIn(w io.Writer, tag string) error { return r.writeText(w, tag) }

func (r Report) writeText(w io.Writer, tag string) error {
	zh := lang.Chinese(tag)
	T := func(en, cn string) string { return lang.Pick(tag, en, cn) }
	name := func(t Tier) string { return textwidth.PadRight(t.Title(tag), 13) }
	bw := bufio.NewWriter(w)
	const width = 48
	for t := Strategic; ; t-- {
		row := r.Rows[t]
		// The pyramid widens from the top: a quarter of the width per tier.
		n := width * (int(t)*-1 + NumTiers) / NumTiers
		bar := strings.Repeat("█", n)
		pad := strings.Repeat(" ", (width-n)/2)
		if zh {
			fmt.Fprintf(bw, "%s%s%s  %s %s %6d 个客户  占利润 %6.1f %%\n", pad, bar, pad, textwidth.PadRight(t.Chinese(), 6),
				textwidth.PadRight(t.String(), 13), row.Count, 100*row.ProfitShare)
		} else {
			fmt.Fprintf(bw, "%s%s%s  %-13s %s %6d customers  %6.1f %% of profit\n", pad, bar, pad, row.Tier, row.Tier.Chinese(), row.Count, 100*row.ProfitShare)
		}
		if t == Transactional {
			break
		}
	}
	heads := []string{T("tier", "层级"), T("count", "客户数"), T("share", "占比"), T("total", "合计"), T("profit", "利润占比"),
		T("mean", "平均"), T("median", "中位数"), T("lower bound", "下限"), T("loss", "亏损")}
	widths := []int{13, 8, 8, 16, 8, 14, 14, 14, 6}
	var b strings.Builder
	for k, h := range heads {
		if k == 0 {
			b.WriteString(textwidth.PadRight(h, widths[k]))
		} else {
			b.WriteString(" " + textwidth.PadLeft(h, widths[k]))
		}
	}
	fmt.Fprintf(bw, "\n%s\n", b.String())
	for t := Strategic; ; t-- {
		row := r.Rows[t]
		fmt.Fprintf(bw, "%s %8d %7.1f%% %16.2f %7.1f%% %14.2f %14.2f %14s %6d\n", name(t), row.Count, 100*row.CustomerShare,
			row.Total, 100*row.ProfitShare, row.Mean, row.Median, T(formatBound(row.Lower), formatBoundZh(row.Lower)), row.LossMakers)
		if t == Transactional {
			break
		}
	}
	fmt.Fprintf(bw, "%s %8d %7.1f%% %16.2f %7.1f%% %14.2f %14.2f\n", textwidth.PadRight(T("all", "全部"), 13), r.Customers, 100.0, r.Total, 100*r.ProfitShare, r.Mean, r.Median)
	return bw.Flush()
}

// formatBoundZh is formatBound in Chinese.
func formatBoundZh(v float64) string {
	if math.IsInf(v, 1) {
		return "未达到"
	}
	return formatBound(v)
}

func formatBound(v float64) string {
	switch {
	case math.IsInf(v, -1):
		return "-"
	case math.IsInf(v, 1):
		return "none reached"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// reportHeader returns the header of [Report.WriteCSV].
func reportHeader() []string {
	return []string{"tier", "count", "customer_share", "total", "profit_share", "mean", "median", "lower", "loss_makers"}
}

// WriteCSV writes one line per tier, transactional first, then a line "all"
// for the whole base (its lower bound empty), with the header
// tier,count,customer_share,total,profit_share,mean,median,lower,loss_makers;
// numbers are written in the shortest form that reads back to the same
// float64 ("-Inf" and "+Inf" for open bounds). [ReadReportCSV] reads it back.
func (r Report) WriteCSV(w io.Writer) error { return r.WriteCSVWith(w, CSVOptions{}) }

// CSVOptions configures [Report.WriteCSVWith]. The zero value writes what
// [Report.WriteCSV] writes.
type CSVOptions struct {
	// Lang is the language of the header, the tier names and the "all"
	// line: a Chinese tag ("zh", "zh-CN", …) writes 层级, 客户数, …, the
	// tiers' Chinese names and 全部; anything else English.
	Lang string
	// BOM starts the file with a UTF-8 byte-order mark, so that Excel reads
	// the Chinese as UTF-8.
	BOM bool
}

// reportHeaderZh is the Chinese header of the report CSV.
var reportHeaderZh = []string{"层级", "客户数", "客户占比", "合计", "利润占比", "平均", "中位数", "下限", "亏损客户数"}

// WriteCSVWith is [Report.WriteCSV] for a spreadsheet: Chinese headers and
// names and a byte-order mark on request. [ReadReportCSV] reads either
// form back to the same report.
func (r Report) WriteCSVWith(w io.Writer, opt CSVOptions) error {
	if opt.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return wrap(err)
		}
	}
	header, all := reportHeader(), "all"
	if lang.Chinese(opt.Lang) {
		header, all = reportHeaderZh, "全部"
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return wrap(err)
	}
	for _, row := range r.Rows {
		rec := []string{row.Tier.Title(opt.Lang), strconv.Itoa(row.Count), fnum(row.CustomerShare), fnum(row.Total),
			fnum(row.ProfitShare), fnum(row.Mean), fnum(row.Median), fnum(row.Lower), strconv.Itoa(row.LossMakers)}
		if err := cw.Write(rec); err != nil {
			return wrap(err)
		}
	}
	loss := 0
	for _, row := range r.Rows {
		loss += row.LossMakers
	}
	allRec := []string{all, strconv.Itoa(r.Customers), "1", fnum(r.Total), fnum(r.ProfitShare), fnum(r.Mean), fnum(r.Median), "", strconv.Itoa(loss)}
	if err := cw.Write(allRec); err != nil {
		return wrap(err)
	}
	cw.Flush()
	return wrap(cw.Error())
}

func fnum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// ReadReportCSV reads a report written by [Report.WriteCSV] or
// [Report.WriteCSVWith] (English or Chinese, with or without a byte-order
// mark): the four tiers and the "all" (全部) line once each, in any order. Errors wrap [ErrSyntax] (a
// malformed line or number, a missing or repeated line) or [ErrUnknownTier],
// and name the line.
func ReadReportCSV(rd io.Reader) (Report, error) {
	r, err := readReportCSV(rd)
	return r, wrap(err)
}

func readReportCSV(rd io.Reader) (Report, error) {
	header := reportHeader()
	cr := csv.NewReader(rd)
	cr.FieldsPerRecord = len(header)
	head, err := cr.Read()
	if err != nil {
		return Report{}, fmt.Errorf("line 1: %v: %w", err, ErrSyntax)
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff")
	}
	if !slices.Equal(head, header) && !slices.Equal(head, reportHeaderZh) {
		return Report{}, fmt.Errorf("line 1: header %q, want %q: %w", head, header, ErrSyntax)
	}
	var r Report
	var seen [NumTiers]bool
	sawAll := false
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Report{}, fmt.Errorf("line %d: %v: %w", line, err, ErrSyntax)
		}
		if rec[0] == "all" || rec[0] == "全部" {
			if sawAll {
				return Report{}, fmt.Errorf("line %d: \"all\" twice: %w", line, ErrSyntax)
			}
			sawAll = true
			c, err := strconv.Atoi(rec[1])
			if err != nil || c < 0 {
				return Report{}, fmt.Errorf("line %d, field \"count\": %q: %w", line, rec[1], ErrSyntax)
			}
			r.Customers = c
			for k, dst := range []*float64{&r.Total, &r.ProfitShare, &r.Mean, &r.Median} {
				v, err := strconv.ParseFloat(rec[3+k], 64)
				if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
					return Report{}, fmt.Errorf("line %d, field %q: %q: %w", line, header[3+k], rec[3+k], ErrSyntax)
				}
				*dst = v
			}
			continue
		}
		t, err := ParseTier(rec[0])
		if err != nil {
			return Report{}, fmt.Errorf("line %d: tier %q: %w", line, rec[0], ErrUnknownTier)
		}
		if seen[t] {
			return Report{}, fmt.Errorf("line %d: tier %s twice: %w", line, t, ErrSyntax)
		}
		seen[t] = true
		row := TierRow{Tier: t}
		ints := []*int{&row.Count, &row.LossMakers}
		for k, col := range []int{1, 8} {
			v, err := strconv.Atoi(rec[col])
			if err != nil || v < 0 {
				return Report{}, fmt.Errorf("line %d, field %q: %q: %w", line, header[col], rec[col], ErrSyntax)
			}
			*ints[k] = v
		}
		floats := []*float64{&row.CustomerShare, &row.Total, &row.ProfitShare, &row.Mean, &row.Median, &row.Lower}
		for k, col := range []int{2, 3, 4, 5, 6, 7} {
			v, err := strconv.ParseFloat(rec[col], 64)
			if err != nil || math.IsNaN(v) || (math.IsInf(v, 0) && col != 7) {
				return Report{}, fmt.Errorf("line %d, field %q: %q: %w", line, header[col], rec[col], ErrSyntax)
			}
			*floats[k] = v
		}
		r.Rows[t] = row
	}
	for t, ok := range seen {
		if !ok {
			return Report{}, fmt.Errorf("tier %s missing: %w", Tier(t), ErrSyntax)
		}
	}
	if !sawAll {
		return Report{}, fmt.Errorf("line \"all\" missing: %w", ErrSyntax)
	}
	return r, nil
}

// jsonReport is the JSON form of a report: bounds as strings so that ±Inf
// survive.
type jsonReport struct {
	Customers   int           `json:"customers"`
	Total       float64       `json:"total"`
	ProfitShare float64       `json:"profitShare"`
	Mean        float64       `json:"mean"`
	Median      float64       `json:"median"`
	Rows        []jsonTierRow `json:"tiers"`
}

type jsonTierRow struct {
	Tier          string  `json:"tier"`
	Count         int     `json:"count"`
	CustomerShare float64 `json:"customerShare"`
	Total         float64 `json:"total"`
	ProfitShare   float64 `json:"profitShare"`
	Mean          float64 `json:"mean"`
	Median        float64 `json:"median"`
	Lower         string  `json:"lower"`
	LossMakers    int     `json:"lossMakers"`
}

// MarshalJSON encodes the report; the bounds are strings ("-Inf" for the
// base tier). [Report.UnmarshalJSON] reads it back.
func (r Report) MarshalJSON() ([]byte, error) {
	jr := jsonReport{Customers: r.Customers, Total: r.Total, ProfitShare: r.ProfitShare, Mean: r.Mean, Median: r.Median}
	for _, row := range r.Rows {
		jr.Rows = append(jr.Rows, jsonTierRow{row.Tier.String(), row.Count, row.CustomerShare, row.Total,
			row.ProfitShare, row.Mean, row.Median, fnum(row.Lower), row.LossMakers})
	}
	return json.Marshal(jr)
}

// UnmarshalJSON decodes a report written by [Report.MarshalJSON]; on error
// r is unchanged. Errors wrap [ErrSyntax] or [ErrUnknownTier].
func (r *Report) UnmarshalJSON(b []byte) error {
	var jr jsonReport
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&jr); err != nil {
		return wrap(fmt.Errorf("report: %v: %w", err, ErrSyntax))
	}
	if len(jr.Rows) != NumTiers {
		return wrap(fmt.Errorf("report: %d tiers, want %d: %w", len(jr.Rows), NumTiers, ErrSyntax))
	}
	out := Report{Customers: jr.Customers, Total: jr.Total, ProfitShare: jr.ProfitShare, Mean: jr.Mean, Median: jr.Median}
	var seen [NumTiers]bool
	for _, jrow := range jr.Rows {
		t, err := ParseTier(jrow.Tier)
		if err != nil {
			return err
		}
		if seen[t] {
			return wrap(fmt.Errorf("report: tier %s twice: %w", t, ErrSyntax))
		}
		seen[t] = true
		lower, err := strconv.ParseFloat(jrow.Lower, 64)
		if err != nil || math.IsNaN(lower) {
			return wrap(fmt.Errorf("report: lower bound %q: %w", jrow.Lower, ErrSyntax))
		}
		out.Rows[t] = TierRow{t, jrow.Count, jrow.CustomerShare, jrow.Total, jrow.ProfitShare, jrow.Mean, jrow.Median, lower, jrow.LossMakers}
	}
	*r = out
	return nil
}
