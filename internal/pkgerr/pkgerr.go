// Package pkgerr gives the library packages one way to prefix their errors:
// the outermost exported function adds the package's prefix once, and an
// error that already carries it is returned as it is.
//
// The zero value of no type here is used; the package is stateless and safe
// for concurrent use.
package pkgerr

import "strings"

// prefixed is an error as an exported function returns it.
type prefixed struct {
	prefix string
	err    error
}

// Error puts the prefix in front once: a prefix that an exported function
// called on the way added inside the message (an error it returned, wrapped
// by the caller's context) is dropped there.
func (e *prefixed) Error() string {
	p := e.prefix + ": "
	return p + strings.ReplaceAll(e.err.Error(), p, "")
}
func (e *prefixed) Unwrap() error { return e.err }

// Wrap returns err with "prefix: " in front of its message, unless err is
// nil or already carries a prefix added by Wrap. Before prefixing, each
// translate function is applied in turn (a package maps the money kernel's
// sentinels onto its own this way); an error already prefixed is not
// translated again. The result unwraps to err, so errors.Is and errors.As
// see through it.
func Wrap(prefix string, err error, translate ...func(error) error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*prefixed); ok {
		return err
	}
	for _, f := range translate {
		err = f(err)
	}
	return &prefixed{prefix, err}
}
