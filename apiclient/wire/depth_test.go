package wire

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// nested yields open, ten million times, then close as often: an answer
// of 30–50 MB made on the fly, never held in memory.
func nested(open, inner, close string, levels int) io.Reader {
	return io.MultiReader(
		&repeatReader{unit: open, left: levels},
		strings.NewReader(inner),
		&repeatReader{unit: close, left: levels},
	)
}

type repeatReader struct {
	unit string
	left int
	pos  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && r.left > 0 {
		c := copy(p[n:], r.unit[r.pos:])
		n += c
		r.pos += c
		if r.pos == len(r.unit) {
			r.pos = 0
			r.left--
		}
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

const tenMillion = 10_000_000

// A hostile answer nested ten million levels deep is refused quickly, not
// with a fatal stack overflow (JSON) or gigabytes of open elements (XML).
func TestDeepNestingIsRefused(t *testing.T) {
	decoders := map[string]func() error{
		"DecodeJSON": func() error {
			_, err := DecodeJSON(nested(`{"a":`, `1`, `}`, tenMillion), "response")
			return err
		},
		"DecodeJSON arrays": func() error {
			_, err := DecodeJSON(io.MultiReader(strings.NewReader(`{"a":`), nested(`[`, `1`, `]`, tenMillion), strings.NewReader(`}`)), "response")
			return err
		},
		"StreamJSON": func() error {
			_, err := StreamJSON(nested(`{"b":`, `1`, `}`, tenMillion), "response", "customer", func(_, _ *Node) error { return nil })
			return err
		},
		"StreamJSON item": func() error {
			_, err := StreamJSON(io.MultiReader(strings.NewReader(`{"customer":[`), nested(`{"a":`, `1`, `}`, tenMillion), strings.NewReader(`]}`)),
				"response", "customer", func(_, _ *Node) error { return nil })
			return err
		},
		"DecodeXML": func() error {
			_, err := DecodeXML(nested(`<a>`, `x`, `</a>`, tenMillion))
			return err
		},
		"StreamXML": func() error {
			_, err := StreamXML(nested(`<a>`, `x`, `</a>`, tenMillion), "customer", func(_, _ *Node) error { return nil })
			return err
		},
		"StreamXMLFast": func() error {
			_, err := StreamXMLFast(io.MultiReader(strings.NewReader(`<response>`), nested(`<customer>`, `x`, `</customer>`, tenMillion), strings.NewReader(`</response>`)),
				"customer", func(_, _ *Node) error { return nil })
			return err
		},
	}
	for name, decode := range decoders {
		err := decode()
		require.Error(t, err, name)
		require.Contains(t, err.Error(), "nested deeper than", name)
	}
}

// Real answers are a handful of levels deep; a hundred is still fine.
func TestModestNestingIsAccepted(t *testing.T) {
	_, err := DecodeJSON(nested(`{"a":`, `1`, `}`, 100), "response")
	require.NoError(t, err)
	_, err = DecodeXML(nested(`<a>`, `x`, `</a>`, 100))
	require.NoError(t, err)
}
