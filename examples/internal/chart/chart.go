// Package chart draws the example programs' charts with gonum.org/v1/plot
// and writes them as PNG and SVG: titles, axis labels with units, legends
// and amounts with thousands separators. Only the examples import it; the
// library packages never depend on a plotting library.
//
// The SVG output is deterministic for a given input (fonts are referenced
// by name, not embedded), so tests compare it with golden files. PNGs are
// rasterised with the Liberation fonts gonum embeds, which have no CJK
// glyphs: a chart with Chinese labels is legible in SVG, where the viewer
// falls back to a CJK font, and the examples draw PNGs in English.
package chart

import (
	"bytes"
	"flag"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Size is the size every chart is drawn at.
const (
	Width  = 20 * vg.Centimeter
	Height = 12 * vg.Centimeter
)

// Palette is the series colours, from the Okabe–Ito palette that readers
// with colour-vision deficiencies can tell apart.
var Palette = []color.RGBA{
	{0x00, 0x72, 0xb2, 0xff}, {0xe6, 0x9f, 0x00, 0xff}, {0x00, 0x9e, 0x73, 0xff}, {0xd5, 0x5e, 0x00, 0xff},
	{0x56, 0xb4, 0xe9, 0xff}, {0xcc, 0x79, 0xa7, 0xff}, {0xf0, 0xe4, 0x42, 0xff}, {0x00, 0x00, 0x00, 0xff},
}

// Colour returns the k-th series colour.
func Colour(k int) color.Color { return Palette[k%len(Palette)] }

// Grouping formats v with thousands separators and the given decimals:
// 1234567.891 with 2 is "1,234,567.89".
func Grouping(v float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Amounts is a plot.Ticker for money axes: five to ten labelled ticks at
// round steps (1, 2 or 5 times a power of ten), with thousands separators,
// after dividing by Scale (1e6 for an axis in millions; zero means 1).
type Amounts struct{ Scale float64 }

// Ticks returns the ticks between lo and hi.
func (a Amounts) Ticks(lo, hi float64) []plot.Tick {
	scale := a.Scale
	if scale == 0 {
		scale = 1
	}
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return []plot.Tick{{Value: lo, Label: Grouping(lo/scale, 2)}}
	}
	raw := (hi - lo) / scale / 8
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	step := pow
	for _, m := range []float64{1, 2, 5, 10} {
		if m*pow >= raw {
			step = m * pow
			break
		}
	}
	decimals := max(0, int(math.Ceil(-math.Log10(step)-1e-9)))
	var ticks []plot.Tick
	first := math.Ceil(lo/scale/step - 1e-9)
	for k := first; k*step*scale <= hi*(1+1e-12) && len(ticks) < 50; k++ {
		v := k * step
		ticks = append(ticks, plot.Tick{Value: v * scale, Label: Grouping(v, decimals)})
		// One unlabelled minor tick half way.
		if mid := (k + 0.5) * step * scale; mid <= hi {
			ticks = append(ticks, plot.Tick{Value: mid})
		}
	}
	return ticks
}

// Headroom sets the y axis from zero to 1.3 times top, leaving the upper
// part of the chart to the legend.
func Headroom(p *plot.Plot, top float64) {
	p.Y.Min, p.Y.Max = 0, 1.3*top
}

// New returns a plot with a title and axis labels, its legend at the top
// left.
func New(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	return p
}

// Series is one named row of values, one per category.
type Series struct {
	Name   string
	Values []float64
}

// StackedBars adds series stacked on each other over the categories, the
// first at the bottom, each in its palette colour and in the legend.
func StackedBars(p *plot.Plot, categories []string, series []Series) error {
	var below *plotter.BarChart
	return addBars(p, categories, series, barWidth(len(categories), 1), func(_ int, b *plotter.BarChart) {
		if below != nil {
			b.StackOn(below)
		}
		below = b
	})
}

// GroupedBars adds series side by side in each category.
func GroupedBars(p *plot.Plot, categories []string, series []Series) error {
	w := barWidth(len(categories), len(series))
	return addBars(p, categories, series, w, func(k int, b *plotter.BarChart) {
		b.Offset = w * vg.Length(2*k-len(series)+1) / 2
	})
}

// addBars adds a bar chart of width w per series, in its palette colour
// and in the legend, placed by place, and labels the x axis.
func addBars(p *plot.Plot, categories []string, series []Series, w vg.Length, place func(k int, b *plotter.BarChart)) error {
	for k, s := range series {
		if len(s.Values) != len(categories) {
			return fmt.Errorf("chart: series %q has %d values for %d categories", s.Name, len(s.Values), len(categories))
		}
		b, err := plotter.NewBarChart(plotter.Values(s.Values), w)
		if err != nil {
			return fmt.Errorf("chart: series %q: %w", s.Name, err)
		}
		b.Color, b.LineStyle.Width = Colour(k), 0
		place(k, b)
		p.Add(b)
		p.Legend.Add(s.Name, b)
	}
	p.NominalX(categories...)
	return nil
}

// barWidth fits n groups of k bars into the chart's plotting width.
func barWidth(n, k int) vg.Length {
	return Width * 0.75 / vg.Length(max(1, n*k)) * 0.8
}

// Render returns the chart drawn in format "png" or "svg".
func Render(p *plot.Plot, format string) ([]byte, error) {
	wt, err := p.WriterTo(Width, Height, format)
	if err != nil {
		return nil, fmt.Errorf("chart %q: %w", p.Title.Text, err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart %q: %w", p.Title.Text, err)
	}
	return buf.Bytes(), nil
}

// Output says where an example writes its charts: a directory for PNGs, one
// for SVGs, either empty for none.
type Output struct{ PNG, SVG string }

// Flags defines the examples' -png and -svg flags on fs, into the Output
// it returns.
func Flags(fs *flag.FlagSet) *Output {
	var o Output
	fs.StringVar(&o.PNG, "png", "", "write the charts as PNG into `dir`")
	fs.StringVar(&o.SVG, "svg", "", "write the charts as SVG into `dir`")
	return &o
}

// Enabled reports whether any chart is to be written.
func (o Output) Enabled() bool { return o.PNG != "" || o.SVG != "" }

// Save writes the chart made by draw as name.png into o.PNG and name.svg
// into o.SVG, creating the directories; draw gets the language to label in
// ("en" for the PNG, lang for the SVG) and is called once per format. The
// files written are reported on w.
func (o Output) Save(w io.Writer, name, lang string, draw func(lang string) (*plot.Plot, error)) error {
	for _, f := range []struct{ dir, ext, lang string }{{o.PNG, "png", "en"}, {o.SVG, "svg", lang}} {
		if f.dir == "" {
			continue
		}
		p, err := draw(f.lang)
		if err != nil {
			return err
		}
		b, err := Render(p, f.ext)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(f.dir, 0o755); err != nil {
			return err
		}
		path := filepath.Join(f.dir, name+"."+f.ext)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(w, "Chart written to %s\n", path)
	}
	return nil
}

// Line is a named polyline over category positions 0, 1, …; Dashed draws
// it dashed (a forecast).
type Line struct {
	Name   string
	X, Y   []float64
	Dashed bool
}

// Lines adds the lines, each in its palette colour with points, and labels
// the x axis with the categories (none: a numeric x axis).
func Lines(p *plot.Plot, categories []string, lines []Line) error {
	for k, l := range lines {
		if len(l.X) != len(l.Y) {
			return fmt.Errorf("chart: line %q has %d x and %d y", l.Name, len(l.X), len(l.Y))
		}
		xys := make(plotter.XYs, len(l.X))
		for i := range xys {
			xys[i].X, xys[i].Y = l.X[i], l.Y[i]
		}
		ln, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			return fmt.Errorf("chart: line %q: %w", l.Name, err)
		}
		ln.Color, pts.Color = Colour(k), Colour(k)
		ln.Width = vg.Points(1.5)
		if l.Dashed {
			ln.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		}
		if len(xys) > 30 { // a curve: points would blur it
			p.Add(ln)
			p.Legend.Add(l.Name, ln)
			continue
		}
		if len(xys) == 1 { // a marked point: large and filled, no line
			pts.Radius, pts.Shape = vg.Points(4), draw.CircleGlyph{}
			p.Add(pts)
			p.Legend.Add(l.Name, pts)
			continue
		}
		p.Add(ln, pts)
		p.Legend.Add(l.Name, ln, pts)
	}
	if len(categories) > 0 {
		p.NominalX(categories...)
	}
	return nil
}

// Waterfall adds a waterfall of the steps: each a bar from the running
// total before it to the running total after it (green up, vermilion down),
// then a last bar from zero to the total, labelled totalName; the legend
// names the colours upName, downName and totalName.
func Waterfall(p *plot.Plot, labels []string, steps []float64, upName, downName, totalName string) error {
	if len(labels) != len(steps) {
		return fmt.Errorf("chart: %d labels for %d steps", len(labels), len(steps))
	}
	half := 0.35
	rect := func(x, y0, y1 float64, c color.Color) error {
		poly, err := plotter.NewPolygon(plotter.XYs{{X: x - half, Y: y0}, {X: x + half, Y: y0}, {X: x + half, Y: y1}, {X: x - half, Y: y1}})
		if err != nil {
			return err
		}
		poly.Color, poly.LineStyle.Width = c, 0
		p.Add(poly)
		return nil
	}
	up, down, total := Palette[2], Palette[3], Palette[0]
	sum := 0.0
	for k, s := range steps {
		c := up
		if s < 0 {
			c = down
		}
		if err := rect(float64(k), sum, sum+s, c); err != nil {
			return fmt.Errorf("chart: step %q: %w", labels[k], err)
		}
		sum += s
	}
	if err := rect(float64(len(steps)), 0, sum, total); err != nil {
		return fmt.Errorf("chart: total: %w", err)
	}
	// Room below the lowest bar and, for the legend, above the highest.
	lo, hi, run := min(0, sum), max(0, sum), 0.0
	for _, s := range steps {
		run += s
		lo, hi = min(lo, run), max(hi, run)
	}
	span := max(hi-lo, 1)
	p.Y.Min, p.Y.Max = lo-0.05*span, hi+0.3*span
	for _, e := range []struct {
		name string
		c    color.Color
	}{{upName, up}, {downName, down}, {totalName, total}} {
		sw, err := plotter.NewPolygon(plotter.XYs{{X: 0, Y: 0}})
		if err != nil {
			return err
		}
		sw.Color, sw.LineStyle.Width = e.c, 0
		p.Legend.Add(e.name, sw)
	}
	p.NominalX(append(append([]string(nil), labels...), totalName)...)
	return nil
}

// Band is a shaded stretch of the x axis, such as a relationship phase.
type Band struct {
	Name     string
	From, To float64
}

// Bands shades the bands from lo to hi on the y axis in light tints of the
// palette, behind whatever is added after them, each in the legend.
func Bands(p *plot.Plot, bands []Band, lo, hi float64) error {
	for k, b := range bands {
		poly, err := plotter.NewPolygon(plotter.XYs{{X: b.From, Y: lo}, {X: b.To, Y: lo}, {X: b.To, Y: hi}, {X: b.From, Y: hi}})
		if err != nil {
			return fmt.Errorf("chart: band %q: %w", b.Name, err)
		}
		c := Palette[(k+4)%len(Palette)]
		poly.Color, poly.LineStyle.Width = color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0x38}, 0
		p.Add(poly)
		p.Legend.Add(b.Name, poly)
	}
	return nil
}

// Pyramid adds a pyramid of levels, the first at the bottom: each a
// horizontal bar centred on zero whose width is its value, labelled on the
// y axis with labels.
func Pyramid(p *plot.Plot, labels []string, values []float64) error {
	if len(labels) != len(values) {
		return fmt.Errorf("chart: %d labels for %d levels", len(labels), len(values))
	}
	ticks := make([]plot.Tick, len(labels))
	for k, v := range values {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("chart: level %q is %v", labels[k], v)
		}
		y := float64(k)
		poly, err := plotter.NewPolygon(plotter.XYs{{X: -v / 2, Y: y - 0.42}, {X: v / 2, Y: y - 0.42}, {X: v / 2, Y: y + 0.42}, {X: -v / 2, Y: y + 0.42}})
		if err != nil {
			return err
		}
		poly.Color, poly.LineStyle.Width = Colour(len(values)-1-k), 0
		p.Add(poly)
		ticks[k] = plot.Tick{Value: y, Label: labels[k]}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.6, float64(len(values))-0.4
	return nil
}

// HeatMap adds a matrix of values in [0, 1] as cells shaded from white to
// blue, each with its value in per cent; rows are drawn bottom up, so row 0
// is the lowest.
func HeatMap(p *plot.Plot, rows, cols []string, v [][]float64) error {
	if len(v) != len(rows) {
		return fmt.Errorf("chart: %d rows of values for %d row labels", len(v), len(rows))
	}
	var labels plotter.XYLabels
	for i, row := range v {
		if len(row) != len(cols) {
			return fmt.Errorf("chart: row %q has %d values for %d columns", rows[i], len(row), len(cols))
		}
		for j, x := range row {
			if !(x >= 0 && x <= 1) {
				return fmt.Errorf("chart: cell %q, %q is %v, want a share in [0, 1]", rows[i], cols[j], x)
			}
			fx, fy := float64(j), float64(i)
			poly, err := plotter.NewPolygon(plotter.XYs{{X: fx - 0.5, Y: fy - 0.5}, {X: fx + 0.5, Y: fy - 0.5}, {X: fx + 0.5, Y: fy + 0.5}, {X: fx - 0.5, Y: fy + 0.5}})
			if err != nil {
				return err
			}
			b := Palette[0]
			mix := func(c uint8) uint8 { return uint8(255 - x*(255-float64(c))) }
			poly.Color = color.RGBA{R: mix(b.R), G: mix(b.G), B: mix(b.B), A: 0xff}
			poly.LineStyle.Color, poly.LineStyle.Width = color.White, vg.Points(1)
			p.Add(poly)
			labels.XYs = append(labels.XYs, plotter.XY{X: fx, Y: fy})
			labels.Labels = append(labels.Labels, Grouping(100*x, 1)+" %")
		}
	}
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return err
	}
	for k := range lb.TextStyle {
		lb.TextStyle[k].XAlign, lb.TextStyle[k].YAlign = -0.5, -0.5
	}
	p.Add(lb)
	xt, yt := make([]plot.Tick, len(cols)), make([]plot.Tick, len(rows))
	for j, c := range cols {
		xt[j] = plot.Tick{Value: float64(j), Label: c}
	}
	for i, r := range rows {
		yt[i] = plot.Tick{Value: float64(i), Label: r}
	}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.ConstantTicks(xt), plot.ConstantTicks(yt)
	p.X.Min, p.X.Max = -0.5, float64(len(cols))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(rows))-0.5
	return nil
}
