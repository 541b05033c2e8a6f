package importwizard

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
)

// countMsg is how far a long command got (customers fetched, say). Its
// listener is started again after each, until the command's answer comes.
type countMsg struct {
	tag
	n      int
	counts <-chan int
	done   <-chan tea.Msg
}

// runCounting is run for work that reports a count as it goes; label
// words the count ("%d read so far"). The count travels on a channel that
// a listening command reads, so the work never waits for the screen.
func (m *Model) runCounting(what, label string, work func(ctx context.Context, t tag, report func(int)) tea.Msg) tea.Cmd {
	counts := make(chan int, 1)
	done := make(chan tea.Msg, 1) // the answer never blocks, even when nobody listens any more
	start := m.run(what, func(ctx context.Context, t tag) tea.Msg {
		done <- work(ctx, t, func(n int) { latest(counts, n) })
		return nil
	})
	m.countLabel = label
	return tea.Batch(start, listenCounts(tag{m: m, seq: m.seq}, counts, done))
}

// latest puts v on the channel, replacing a value not read yet; there is
// one sender per channel.
func latest[T any](ch chan T, v T) {
	for {
		select {
		case ch <- v:
			return
		default:
		}
		select {
		case <-ch:
		default:
		}
	}
}

func listenCounts(t tag, counts <-chan int, done <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-done:
			return msg
		case n := <-counts:
			return countMsg{tag: t, n: n, counts: counts, done: done}
		}
	}
}

func (m *Model) applyCount(c countMsg) tea.Cmd {
	if c.m != m || c.seq != m.seq {
		return nil // abandoned: its answer is dropped too
	}
	m.busyCount = c.n
	return listenCounts(c.tag, c.counts, c.done)
}
