//go:build !linux

package hugepage

// Advise does nothing on this system: it has no transparent huge pages
// that a program can ask for.
func Advise[T any](s []T) {}
