package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

// FrameRate is the most frames a second a session draws: Bubble Tea's
// highest. A typed key waits for the next frame; at its default of 60 that
// alone is up to 16.7 ms, the whole budget from keystroke to redraw. A
// frame with nothing changed is not sent.
const FrameRate = 120

// frameCache keeps the parts of the last frame and what they were made
// from. Bubble Tea asks for a frame after every message; most messages (a
// timer, a key a page ignores, an answer for another page) change nothing
// drawn, and such a frame then costs a few comparisons instead of
// measuring and padding every line again.
type frameCache struct {
	headerKey headerKey
	header    string

	footerKey string
	footer    string

	bodyIn       string
	bodyW, bodyH int
	bodyOut      string

	blocks [4]block
	frame  string
}

// block is one part of the frame split into lines, with their widths.
type block struct {
	text   string
	lines  []string
	widths []int
	widest int
	set    bool
}

// update takes the part's new text; it reports whether it changed.
func (b *block) update(text string) bool {
	if b.set && text == b.text {
		return false
	}
	b.text, b.set = text, true
	b.lines = strings.Split(text, "\n")
	b.widths, b.widest = b.widths[:0], 0
	for _, l := range b.lines {
		w := ansi.StringWidth(l)
		b.widths = append(b.widths, w)
		b.widest = max(b.widest, w)
	}
	return true
}

// joinBlocks is lipgloss.JoinVertical(lipgloss.Left, …) of the blocks,
// from the widths measured when each block last changed.
func joinBlocks(blocks []block) string {
	widest, size := 0, 0
	for i := range blocks {
		widest = max(widest, blocks[i].widest)
		size += len(blocks[i].text) + 1
	}
	var out strings.Builder
	out.Grow(size + widest*8)
	for i := range blocks {
		for j, line := range blocks[i].lines {
			if i > 0 || j > 0 {
				out.WriteByte('\n')
			}
			out.WriteString(line)
			for range widest - blocks[i].widths[j] {
				out.WriteByte(' ')
			}
		}
	}
	return out.String()
}

// headerKey is everything the header is drawn from.
type headerKey struct {
	width   int
	title   string
	biz     string
	conn    connState
	session Session
}

// frameView is View's drawing: header, the clipped page, status line and
// footer, each taken from the cache when what it is made from is unchanged.
func (a *App) frameView() string {
	_, h := a.contentSize()
	parts := [4]string{a.cachedHeader(), a.cachedBody(a.body(), a.width, h), a.statusLine(), a.cachedFooter()}
	f := &a.frame
	changed := f.frame == ""
	for i, p := range parts {
		changed = f.blocks[i].update(p) || changed
	}
	if changed {
		f.frame = joinBlocks(f.blocks[:])
	}
	return f.frame
}

func (a *App) cachedHeader() string {
	k := headerKey{width: a.width, title: a.pages[a.active].Title(), conn: a.conn, session: a.c.Session}
	if a.account != nil {
		k.biz = a.account.BizName
	}
	if k != a.frame.headerKey || a.frame.header == "" {
		a.frame.headerKey, a.frame.header = k, a.header()
	}
	return a.frame.header
}

func (a *App) cachedBody(body string, w, h int) string {
	f := &a.frame
	if body != f.bodyIn || w != f.bodyW || h != f.bodyH || f.bodyOut == "" {
		f.bodyIn, f.bodyW, f.bodyH, f.bodyOut = body, w, h, clip(body, w, h)
	}
	return f.bodyOut
}

func (a *App) cachedFooter() string {
	k := a.footerKey()
	if k != a.frame.footerKey || a.frame.footer == "" {
		a.frame.footerKey, a.frame.footer = k, a.footer()
	}
	return a.frame.footer
}

// footerKey names the footer's bindings as they would be drawn.
func (a *App) footerKey() string {
	var b strings.Builder
	b.Grow(256)
	b.WriteString(itoa(a.width))
	switch {
	case a.confirm != nil:
		b.WriteString("|confirm")
	case a.menu != nil:
		b.WriteString("|menu")
	default:
		for _, k := range (shellHelp{a}).ShortHelp() {
			writeBinding(&b, k)
		}
	}
	return b.String()
}

func writeBinding(b *strings.Builder, k key.Binding) {
	if !k.Enabled() {
		return
	}
	h := k.Help()
	b.WriteByte(0)
	b.WriteString(h.Key)
	b.WriteByte(1)
	b.WriteString(h.Desc)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	neg := n < 0
	if neg {
		n = -n
	}
	for ; n > 0; n /= 10 {
		i--
		buf[i] = byte('0' + n%10)
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}
