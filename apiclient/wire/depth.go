package wire

import (
	"errors"
	"strconv"
)

// MaxDepth bounds how deeply an answer may nest objects, arrays or
// elements. Real answers are a handful of levels deep; a hostile one of
// millions would overflow the stack (JSON) or hold every open element (XML).
const MaxDepth = 1000

var errTooDeep = errors.New("the answer is nested deeper than " + strconv.Itoa(MaxDepth) + " levels")
