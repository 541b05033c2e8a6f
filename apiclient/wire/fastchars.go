package wire

import (
	"unicode/utf8"
)

// Byte classes of the scanner.
var (
	nameStart     [256]bool // may start a name the scanner handles
	plainNameByte [256]bool // may continue one (':' and non-ASCII excluded)
	textStop      [256]bool // ends a run of plain text
	attrStop      [256]bool // ends a run of a quoted attribute value
)

func init() {
	for c := 0; c < 256; c++ {
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
		nameStart[c] = letter
		plainNameByte[c] = letter || '0' <= c && c <= '9' || c == '.' || c == '-'
		special := c < 0x20 && c != '\t' && c != '\n' || c >= utf8.RuneSelf || c == '&' || c == '<' || c == '\r'
		textStop[c] = special || c == ']'
		attrStop[c] = special || c == '"' || c == '\''
	}
}

// charData appends decoded character data from p.i to dst: text up to '<'
// (quote 0) or an attribute value up to its quote.
func (p *unitParser) charData(dst []byte, quote byte) []byte {
	stop := &textStop
	if quote != 0 {
		stop = &attrStop
	}
	b := p.b
	for p.ok() {
		start := p.i
		for p.i < len(b) && !stop[b[p.i]] {
			p.i++
		}
		dst = append(dst, b[start:p.i]...)
		if !p.has(1) {
			break
		}
		c := b[p.i]
		switch {
		case quote == 0 && c == '<', quote != 0 && c == quote:
			return dst
		case c == '"' || c == '\'':
			dst = append(dst, c)
			p.i++
		case c == '&':
			dst = p.entity(dst)
		case c == '\r':
			dst = p.carriageReturn(dst)
		case c == ']':
			dst = p.bracket(dst)
		case c >= utf8.RuneSelf:
			dst = p.multiByte(dst)
		default:
			p.fail() // '<' in a quoted value, or a control character
		}
	}
	return dst
}

// carriageReturn writes "\r\n" and a lone "\r" as "\n", as encoding/xml does.
func (p *unitParser) carriageReturn(dst []byte) []byte {
	if !p.has(2) {
		return dst
	}
	p.i++
	if p.b[p.i] == '\n' {
		p.i++
	}
	return append(dst, '\n')
}

// bracket writes a ']'; "]]>" outside CDATA is an error left to encoding/xml.
func (p *unitParser) bracket(dst []byte) []byte {
	if !p.has(3) {
		return dst
	}
	if p.b[p.i+1] == ']' && p.b[p.i+2] == '>' {
		p.fail()
		return dst
	}
	p.i++
	return append(dst, ']')
}

// multiByte copies one UTF-8 encoded character that XML allows.
func (p *unitParser) multiByte(dst []byte) []byte {
	rest := p.b[p.i:]
	if !utf8.FullRune(rest) {
		p.state = scanMore
		return dst
	}
	r, size := utf8.DecodeRune(rest)
	if r == utf8.RuneError && size == 1 || !isXMLChar(r) {
		p.fail()
		return dst
	}
	p.i += size
	return append(dst, rest[:size]...)
}

// maxEntity is the longest reference the scanner decodes, without & and ;.
const maxEntity = 10

// entity decodes &lt; &gt; &amp; &apos; &quot; &#n; and &#xh; at p.i.
// encoding/xml's lenient mode keeps other references as written; those go
// to encoding/xml.
func (p *unitParser) entity(dst []byte) []byte {
	rest := p.b[p.i+1:]
	semi := -1
	for k := 0; k < len(rest) && k <= maxEntity; k++ {
		if rest[k] == ';' {
			semi = k
			break
		}
	}
	if semi < 0 {
		if len(rest) <= maxEntity {
			p.state = scanMore
		} else {
			p.fail()
		}
		return dst
	}
	r, ok := entityRune(rest[:semi])
	if !ok {
		p.fail()
		return dst
	}
	p.i += semi + 2
	return utf8.AppendRune(dst, r)
}

func entityRune(ref []byte) (rune, bool) {
	switch string(ref) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	if ref[1] == 'x' {
		return charRef(ref[2:], 16)
	}
	return charRef(ref[1:], 10)
}

// charRef reads the digits of a character reference; a character XML
// does not allow is left to encoding/xml.
func charRef(digits []byte, base rune) (rune, bool) {
	if len(digits) == 0 || len(digits) > 8 {
		return 0, false
	}
	var r rune
	for _, c := range digits {
		d, ok := digitValue(c, base)
		if !ok {
			return 0, false
		}
		r = r*base + d
	}
	return r, isXMLChar(r)
}

func digitValue(c byte, base rune) (rune, bool) {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0'), true
	case base == 16 && 'a' <= c && c <= 'f':
		return rune(c-'a') + 10, true
	case base == 16 && 'A' <= c && c <= 'F':
		return rune(c-'A') + 10, true
	}
	return 0, false
}

// isXMLChar is encoding/xml's isInCharacterRange.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// appendChecked appends CDATA content, writing "\r\n" and "\r" as "\n";
// false if it holds a character XML does not allow.
func appendChecked(dst, src []byte) ([]byte, bool) {
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\r':
			dst = append(dst, '\n')
			if i++; i < len(src) && src[i] == '\n' {
				i++
			}
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 || !isXMLChar(r) {
				return dst, false
			}
			dst = append(dst, src[i:i+size]...)
			i += size
		case c < 0x20 && c != '\t' && c != '\n':
			return dst, false
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst, true
}
