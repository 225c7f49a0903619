package target

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/hugepage"
	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Node is one row of an organisation tree: a company, region, industry,
// customer, project or any other unit that receives a share of a target.
//
// The zero Node has no ID and is invalid in a tree.
type Node struct {
	// ID identifies the node; it must be non-empty, unique, free of '/',
	// valid UTF-8 and free of carriage returns and NUL bytes, so that every
	// file the plan writes reads back with the same ID. Name and Level
	// follow the same rules but may be empty.
	ID string
	// Parent is the parent's ID, empty for the root.
	Parent string
	// Name is a display name; empty means the ID.
	Name string
	// Level names the node's level; empty means [DefaultLevel] of its depth.
	Level string
	// Weight is the node's explicit weight, used by [Explicit] splits.
	Weight decimal.Decimal
	// Potential is the node's potential or capacity (addressable spend,
	// sales capacity), used by [Potential] and [HistoryPotential] splits.
	Potential decimal.Decimal
	// History holds the node's past results, oldest first, one value per
	// period (typically a year of revenue). A node without history of its
	// own has the sum of its children's, aligned on the most recent period.
	History []decimal.Decimal
}

// DefaultLevel returns the level name of a node at the given depth when its
// row names none: "company" for the root, then "region", "industry",
// "customer", "project", and "level-5", "level-6" … below.
func DefaultLevel(depth int) string {
	switch depth {
	case 0:
		return "company"
	case 1:
		return "region"
	case 2:
		return "industry"
	case 3:
		return "customer"
	case 4:
		return "project"
	}
	return fmt.Sprintf("level-%d", depth)
}

var levelChinese = map[string]string{"company": "公司", "region": "区域", "industry": "行业", "customer": "客户", "project": "项目"}

// LevelTitle returns a level's name for display: the level itself, or for
// a Chinese language tag ("zh", "zh-CN", …) and one of the default levels
// of [DefaultLevel], the course's Chinese: 公司, 区域, 行业, 客户, 项目.
func LevelTitle(level, tag string) string {
	if zh, ok := levelChinese[level]; ok && lang.Chinese(tag) {
		return zh
	}
	return level
}

// Tree is an immutable organisation tree of any depth. Build it with
// [NewTree], [TreeBuilder] or [ReadTree]. Its methods are safe for
// concurrent use. Children keep the order of the rows, and that order is
// the tie-break of every split.
//
// The zero Tree is not usable: build one with [NewTree], [TreeBuilder] or
// [ReadTree].
type Tree struct {
	nodes     []Node  // index order = pre-order
	parent    []int32 // -1 for the root
	kidStart  []int32 // node i's children are kidFlat[kidStart[i]:kidStart[i+1]]
	kidFlat   []int   // positions of every node's children, in row order, node after node
	depth     []int32
	byID      idIndex     // position of each ID
	history   [][]float64 // own or aggregated history, oldest first
	potential []float64   // Potential as float64
}

// NewTree builds a tree from flat rows, one per node, in any order: exactly
// one row has an empty Parent (the root) and every other row names an
// existing parent. Node order in the tree is depth-first, children in the
// order of the rows.
//
// Errors name the row (1-based) and wrap [ErrInvalidID], [ErrDuplicateID],
// [ErrUnknownParent], [ErrOrphan] (no root, or a second one), [ErrCycle] or
// [ErrNegativeWeight] (a negative weight, potential or history value). The
// rows are copied; the caller's slice is not kept or modified.
func NewTree(rows []Node) (*Tree, error) {
	res, err := newTree(rows)
	return res, wrap(err)
}

// newTree is [NewTree] with its errors not yet prefixed.
func newTree(rows []Node) (*Tree, error) {
	t, _, err := buildTree(rows, false)
	return t, err
}

// buildTree is NewTree that also returns the index of the row at fault, or
// −1. With adopt, rows are the tree's to keep, their histories already
// copied: when they are in depth-first order and fill most of their
// capacity, they become the tree's nodes instead of being copied.
func buildTree(rows []Node, adopt bool) (*Tree, int, error) {
	if len(rows) > maxIndexed {
		return nil, -1, fmt.Errorf("tree: %d rows, at most %d: %w", len(rows), maxIndexed, ErrInvalidID)
	}
	idx := newIDIndex(len(rows), rows) // row of each ID, then its position
	// The checks of a row alone, and the potentials, run first, in chunks
	// on several goroutines for a large tree; the loop over the rows in
	// order then indexes the IDs and finds the root, and gives the first
	// row at fault the error it would have had from all checks in order.
	pot := make([]float64, len(rows))
	chunks := (len(rows) + ownerChunk - 1) / ownerChunk
	firstBad := make([]int, chunks)
	parallelFor(chunks, len(rows) >= parallelRows, func(k int) {
		firstBad[k] = len(rows)
		for i := k * ownerChunk; i < min(len(rows), (k+1)*ownerChunk); i++ {
			if checkRowID(i, rows[i]) != nil || checkRowValues(i, rows[i], &pot[i]) != nil {
				firstBad[k] = i
				return
			}
		}
	})
	bad := len(rows)
	for _, i := range firstBad {
		bad = min(bad, i)
	}
	root := -1
	for i, r := range rows[:min(len(rows), bad+1)] {
		if i == bad {
			if err := checkRowID(i, r); err != nil {
				return nil, i, err
			}
		}
		if j, fresh := idx.insert(i); !fresh {
			return nil, i, fmt.Errorf("tree row %d: id %q already on row %d: %w", i+1, r.ID, j+1, ErrDuplicateID)
		}
		if r.Parent == "" {
			if root >= 0 {
				return nil, i, fmt.Errorf("tree row %d: id %q has no parent but row %d (%q) is the root: %w",
					i+1, r.ID, root+1, rows[root].ID, ErrOrphan)
			}
			root = i
		}
		if i == bad {
			return nil, i, checkRowValues(i, r, &pot[i])
		}
	}
	if root < 0 {
		return nil, -1, fmt.Errorf("tree: no row without parent: %w", ErrOrphan)
	}
	// Children by row, in row order, as one backing array cut per parent
	// (a count, then a fill): one allocation instead of one per parent.
	// start[p+1] counts p's children, then ends p's block; the fill,
	// last row first, moves it down to the block's start, so that p's
	// children end up in flat[start[p+1]:start[p+2]].
	par := make([]int, len(rows))
	start := make([]int, len(rows)+2)
	lastParent, last := "", -1 // rows usually come grouped by parent
	for i, r := range rows {
		par[i] = -1
		if r.Parent == "" {
			continue
		}
		p := last
		if r.Parent != lastParent || last < 0 {
			var ok bool
			if p, ok = idx.get(r.Parent); !ok {
				return nil, i, fmt.Errorf("tree row %d: id %q: parent %q: %w", i+1, r.ID, r.Parent, ErrUnknownParent)
			}
			lastParent, last = r.Parent, p
		}
		par[i] = p
		start[p+1]++
	}
	for i := range rows {
		start[i+2] += start[i+1]
	}
	flat := make([]int, start[len(rows)+1])
	for i := len(par) - 1; i >= 0; i-- {
		if p := par[i]; p >= 0 {
			start[p+1]--
			flat[start[p+1]] = i
		}
	}
	rowKids := func(row int) []int { return flat[start[row+1]:start[row+2]] }
	t := &Tree{
		byID:      idx,
		potential: make([]float64, 0, len(rows)),
		parent:    make([]int32, 0, len(rows)),
		depth:     make([]int32, 0, len(rows)),
		kidStart:  make([]int32, len(rows)+1),
		kidFlat:   make([]int, 0, len(flat)),
	}
	// Depth-first walk from the root with an explicit stack.
	type frame struct{ row, parent, depth int }
	stack := []frame{{root, -1, 0}}
	rowPos := par // position of each row, −1 below no root; par is no longer needed
	for i := range rowPos {
		rowPos[i] = -1
	}
	inOrder := true // so far, every row is at its own position
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		pos := len(t.parent)
		rowPos[f.row] = pos
		inOrder = inOrder && pos == f.row
		t.parent = append(t.parent, int32(f.parent))
		t.depth = append(t.depth, int32(f.depth))
		t.potential = append(t.potential, pot[f.row])
		ks := rowKids(f.row)
		t.kidStart[pos] = int32(len(t.kidFlat))
		t.kidFlat = append(t.kidFlat, ks...)
		for k := len(ks) - 1; k >= 0; k-- {
			stack = append(stack, frame{ks[k], pos, f.depth + 1})
		}
	}
	if len(t.parent) < len(rows) {
		for i, p := range rowPos {
			if p < 0 {
				return nil, i, fmt.Errorf("tree row %d: id %q is not below the root: %w", i+1, rows[i].ID, ErrCycle)
			}
		}
	}
	t.nodes = treeNodes(rows, rowPos, t.depth, adopt && inOrder && cap(rows)-len(rows) <= len(rows)/4)
	// A node's children were put down as rows in the order of the
	// positions; now they become positions.
	for k, row := range t.kidFlat {
		t.kidFlat[k] = rowPos[row]
	}
	t.kidStart[len(t.nodes)] = int32(len(t.kidFlat))
	t.byID.remap(rowPos, t.nodes)
	t.aggregateHistory()
	return t, -1, nil
}

// treeNodes returns the nodes of a tree from its rows, rowPos[i] being row
// i's position, with their default names and levels. With adopt, the rows
// are in depth-first order and are the nodes, their histories already
// copied; otherwise they are copied, with their histories.
func treeNodes(rows []Node, rowPos []int, depth []int32, adopt bool) []Node {
	nodes := rows[:len(rows):len(rows)]
	if !adopt {
		nodes = make([]Node, len(rows))
		hugepage.Advise(nodes) // the largest of a big tree's slices
		for i, r := range rows {
			r.History = append([]decimal.Decimal(nil), r.History...)
			nodes[rowPos[i]] = r
		}
	}
	for pos := range nodes {
		n := &nodes[pos]
		if n.Level == "" {
			n.Level = DefaultLevel(int(depth[pos]))
		}
		if n.Name == "" {
			n.Name = n.ID
		}
	}
	return nodes
}

// parallelRows is the number of rows from which NewTree checks them on
// several goroutines.
const parallelRows = 1 << 15

// checkRowID returns the error of row i's ID, name and level, nil when
// they are valid.
func checkRowID(i int, r Node) error {
	if r.ID == "" || strings.Contains(r.ID, "/") || !portable(r.ID) {
		return fmt.Errorf("tree row %d: id %q: %w", i+1, r.ID, ErrInvalidID)
	}
	if !portable(r.Name) || !portable(r.Level) {
		return fmt.Errorf("tree row %d: id %q: name %q or level %q: %w", i+1, r.ID, r.Name, r.Level, ErrInvalidID)
	}
	return nil
}

// checkRowValues returns the error of row i's weight, potential and
// history, nil when they are valid, and sets *pot to the potential as a
// float64.
func checkRowValues(i int, r Node, pot *float64) error {
	if r.Weight.Sign() < 0 || r.Potential.Sign() < 0 {
		return fmt.Errorf("tree row %d: id %q: weight or potential: %w", i+1, r.ID, ErrNegativeWeight)
	}
	if *pot = money.Float64(r.Potential); !finite(*pot) {
		return fmt.Errorf("tree row %d: id %q: potential %s is beyond float64: %w", i+1, r.ID, r.Potential, ErrInvalidWeight)
	}
	for k, h := range r.History {
		if h.Sign() < 0 {
			return fmt.Errorf("tree row %d: id %q: history %d: %s: %w", i+1, r.ID, k+1, h, ErrNegativeWeight)
		}
		if !finite(money.Float64(h)) {
			return fmt.Errorf("tree row %d: id %q: history %d: %s is beyond float64: %w", i+1, r.ID, k+1, h, ErrInvalidHistory)
		}
	}
	return nil
}

// portable reports whether s survives a round trip through the plan's CSV
// and JSON files unchanged: valid UTF-8 without carriage returns (CSV
// readers turn "\r\n" into "\n"; JSON replaces invalid bytes) or NUL bytes.
func portable(s string) bool {
	for i := range len(s) { // ASCII, the usual case, byte by byte
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return utf8.ValidString(s[i:]) && !strings.ContainsAny(s[i:], "\r\x00")
		case c == '\r' || c == 0:
			return false
		}
	}
	return true
}

// finite reports whether a history value or potential, converted to f, is
// finite with room to sum: they are weighed in float64, so a value such as
// 1e400 would become infinite and silently even out a split.
func finite(f float64) bool {
	return !math.IsInf(f, 0) && math.Abs(f) <= 1e300
}

// historyOf returns the own or aggregated history of node i, nil without.
func (t *Tree) historyOf(i int) []float64 {
	if t.history == nil {
		return nil
	}
	return t.history[i]
}

// MustNewTree is like [NewTree] but panics on error. Use it only for trees
// fixed in code, in tests and examples.
func MustNewTree(rows []Node) *Tree {
	t, err := NewTree(rows)
	if err != nil {
		panic(fmt.Sprintf("target.NewTree(%d rows) failed: %v", len(rows), err))
	}
	return t
}

// aggregateHistory fills t.history: a node's own history, or the sum of its
// children's aligned on the most recent period. A tree without any history
// keeps it nil (see [Tree.historyOf]).
func (t *Tree) aggregateHistory() {
	if !slices.ContainsFunc(t.nodes, func(n Node) bool { return len(n.History) > 0 }) {
		return
	}
	t.history = make([][]float64, len(t.nodes))
	for i := len(t.nodes) - 1; i >= 0; i-- { // children come after parents
		if h := t.nodes[i].History; len(h) > 0 {
			f := make([]float64, len(h))
			for k, v := range h {
				f[k] = money.Float64(v)
			}
			t.history[i] = f
			continue
		}
		n := 0
		for _, c := range t.kids(i) {
			n = max(n, len(t.history[c]))
		}
		if n == 0 {
			continue
		}
		sum := make([]float64, n)
		for _, c := range t.kids(i) {
			h := t.history[c]
			for k, v := range h {
				sum[n-len(h)+k] += v
			}
		}
		t.history[i] = sum
	}
}

// Levels returns the level names of the tree's nodes, each once, in the
// order of their first node (depth-first): the keys that [Spec.Weights] and
// [Target.Weights] may use.
func (t *Tree) Levels() []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range t.nodes {
		if !seen[n.Level] {
			seen[n.Level] = true
			out = append(out, n.Level)
		}
	}
	return out
}

// Len returns the number of nodes.
func (t *Tree) Len() int { return len(t.nodes) }

// Root returns the root's ID.
func (t *Tree) Root() string { return t.nodes[0].ID }

// Node returns the node with the given ID, its Level and Name filled in.
func (t *Tree) Node(id string) (Node, bool) {
	i, ok := t.byID.get(id)
	if !ok {
		return Node{}, false
	}
	n := t.nodes[i]
	n.History = append([]decimal.Decimal(nil), n.History...)
	return n, true
}

// Index returns the position of the node with the given ID in the order of
// [Tree.Nodes] (depth-first, 0 for the root), the index of its profile in
// [Spec.NodeProfiles]; ok is false when the tree has no such node.
func (t *Tree) Index(id string) (i int, ok bool) {
	return t.byID.get(id)
}

// kids returns the positions of node i's children, in row order; its
// capacity ends with them.
func (t *Tree) kids(i int) []int {
	lo, hi := t.kidStart[i], t.kidStart[i+1]
	return t.kidFlat[lo:hi:hi]
}

// Nodes returns every node in depth-first order, parents before children.
func (t *Tree) Nodes() []Node {
	out := make([]Node, len(t.nodes))
	for i := range t.nodes {
		out[i], _ = t.Node(t.nodes[i].ID)
	}
	return out
}

// Children returns the IDs of id's children in row order; nil for a leaf or an
// unknown ID.
func (t *Tree) Children(id string) []string {
	i, ok := t.byID.get(id)
	if !ok {
		return nil
	}
	out := make([]string, len(t.kids(i)))
	for k, c := range t.kids(i) {
		out[k] = t.nodes[c].ID
	}
	return out
}

// Parent returns the ID of id's parent, and false for the root or an unknown ID.
func (t *Tree) Parent(id string) (string, bool) {
	i, ok := t.byID.get(id)
	if !ok || t.parent[i] < 0 {
		return "", false
	}
	return t.nodes[t.parent[i]].ID, true
}

// Depth returns the depth of id (0 for the root), or −1 for an unknown ID.
func (t *Tree) Depth(id string) int {
	i, ok := t.byID.get(id)
	if !ok {
		return -1
	}
	return int(t.depth[i])
}

// Path returns the IDs from the root to id joined by '/', or "" for an
// unknown ID.
func (t *Tree) Path(id string) string {
	i, ok := t.byID.get(id)
	if !ok {
		return ""
	}
	return t.path(i)
}

func (t *Tree) path(i int) string {
	var parts []string
	for ; i >= 0; i = int(t.parent[i]) {
		parts = append(parts, t.nodes[i].ID)
	}
	var b strings.Builder
	for k := len(parts) - 1; k >= 0; k-- {
		b.WriteString(parts[k])
		if k > 0 {
			b.WriteByte('/')
		}
	}
	return b.String()
}

// Leaves returns the IDs of the nodes without children, in depth-first order.
func (t *Tree) Leaves() []string {
	var out []string
	for i, n := range t.nodes {
		if len(t.kids(i)) == 0 {
			out = append(out, n.ID)
		}
	}
	return out
}
