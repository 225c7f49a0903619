package target

import (
	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/hugepage"
)

// TreeBuilder collects the rows of a tree one at a time, as they are read
// from a table, and builds the tree from them: [TreeBuilder.Build] is
// [NewTree] of the rows in the order they were added. It is for large
// organisations: it keeps the rows in memory of its own, backed by huge
// pages where the operating system offers them, and when the rows come
// depth-first (each node right after its parent or after the subtree of
// the sibling before it, as [Tree.Nodes] lists them) the tree keeps them
// as its nodes instead of a copy, so that a program holds the rows once.
//
// The zero TreeBuilder has no rows and is ready to use. A TreeBuilder is
// not safe for concurrent use; the tree it builds is.
type TreeBuilder struct {
	rows []Node
}

// Grow makes room for n more rows, so that the next n calls of
// [TreeBuilder.Add] do not move the rows already added. It panics if n is
// negative.
func (b *TreeBuilder) Grow(n int) {
	if n < 0 {
		panic("target: TreeBuilder.Grow: negative count")
	}
	if cap(b.rows)-len(b.rows) < n {
		b.realloc(len(b.rows) + n)
	}
}

// realloc moves the rows to new storage of capacity c.
func (b *TreeBuilder) realloc(c int) {
	rows := make([]Node, len(b.rows), c)
	hugepage.Advise(rows)
	copy(rows, b.rows)
	b.rows = rows
}

// Add appends a row; its History is copied, so that the caller may reuse
// it. Rows are checked by [TreeBuilder.Build].
func (b *TreeBuilder) Add(n Node) {
	if len(b.rows) == cap(b.rows) {
		b.realloc(max(2*cap(b.rows), 64))
	}
	n.History = append([]decimal.Decimal(nil), n.History...)
	b.rows = append(b.rows, n)
}

// Len returns the number of rows added since the builder was made or last
// built.
func (b *TreeBuilder) Len() int { return len(b.rows) }

// Build returns the tree of the rows added, as [NewTree] would, its errors
// naming the rows by the order of their [TreeBuilder.Add], 1-based. The
// builder is then empty, whether or not the rows made a tree.
func (b *TreeBuilder) Build() (*Tree, error) {
	rows := b.rows
	b.rows = nil
	t, _, err := buildTree(rows, true)
	return t, wrap(err)
}
