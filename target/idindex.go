package target

import (
	"hash/maphash"
	"math/bits"
)

// idIndex finds a node by its ID: an open-addressing table with linear
// probing whose slots hold an index into nodes (or −1), the IDs themselves
// staying in nodes. A Go map[string]int of a million-node tree took 52 MB
// and most of NewTree's time to clear and fault in; this table takes
// 4 bytes a slot at a load of at most two thirds. It is read-only once
// built, so safe for concurrent lookups. Its zero value finds nothing.
type idIndex struct {
	seed  maphash.Seed
	slots []int32
	nodes []Node
}

// maxIndexed bounds the nodes an idIndex holds, so that an index fits in
// its int32 slots.
const maxIndexed = 1<<31 - 1

// newIDIndex returns an empty index for up to n nodes keyed by nodes[v].ID.
// It panics if n exceeds maxIndexed, a programmer error ([NewTree] checks).
func newIDIndex(n int, nodes []Node) idIndex {
	if n > maxIndexed {
		panic("target: idIndex over maxIndexed nodes")
	}
	size := 1 << bits.Len(uint(n+n/2)) // more than 1.5 n slots: load below 2/3
	slots := make([]int32, size)
	for i := range slots {
		slots[i] = -1
	}
	return idIndex{seed: maphash.MakeSeed(), slots: slots, nodes: nodes}
}

// insert adds v under nodes[v].ID, or returns the index already there and
// false.
func (x *idIndex) insert(v int) (int, bool) {
	id := x.nodes[v].ID
	mask := uint64(len(x.slots) - 1)
	for h := maphash.String(x.seed, id) & mask; ; h = (h + 1) & mask {
		switch s := x.slots[h]; {
		case s < 0:
			x.slots[h] = int32(v)
			return v, true
		case x.nodes[s].ID == id:
			return int(s), false
		}
	}
}

// get returns the index of the node with this ID.
func (x idIndex) get(id string) (int, bool) {
	if len(x.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(x.slots) - 1)
	for h := maphash.String(x.seed, id) & mask; ; h = (h + 1) & mask {
		s := x.slots[h]
		if s < 0 {
			return 0, false
		}
		if x.nodes[s].ID == id {
			return int(s), true
		}
	}
}

// pos returns the index of the node with this ID, 0 (the root) when there
// is none: for IDs known to be present.
func (x idIndex) pos(id string) int {
	i, _ := x.get(id)
	return i
}

// has reports whether a node has this ID.
func (x idIndex) has(id string) bool {
	_, ok := x.get(id)
	return ok
}

// remap replaces every index v by to[v] and keys the index by nodes, for
// an index built over rows that moved to new positions. to must be a
// permutation of the indexes present, with nodes[to[v]].ID the old key of v.
func (x *idIndex) remap(to []int, nodes []Node) {
	for h, s := range x.slots {
		if s >= 0 {
			x.slots[h] = int32(to[s])
		}
	}
	x.nodes = nodes
}
