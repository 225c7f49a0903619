//go:build linux

package hugepage

import (
	"syscall"
	"unsafe"
)

// hugeSize is the size of a transparent huge page on amd64 and arm64.
const hugeSize = 2 << 20

// Advise asks the kernel to back the whole 2 MiB pages inside s's backing
// array (its capacity) with huge pages (madvise MADV_HUGEPAGE). Call it
// on a slice just made and not yet written; it is safe on any slice and
// ignores every error, the advice being only a hint.
func Advise[T any](s []T) {
	s = s[:cap(s)]
	n := uintptr(len(s)) * unsafe.Sizeof(*new(T))
	if n < MinBytes {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	lo := (start + hugeSize - 1) &^ (hugeSize - 1)
	hi := (start + n) &^ (hugeSize - 1)
	if hi <= lo {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), n)
	_ = syscall.Madvise(b[lo-start:hi-start], madvHugepage)
}

// madvHugepage is MADV_HUGEPAGE, not in package syscall.
const madvHugepage = 14
