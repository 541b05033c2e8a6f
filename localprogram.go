package main

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
)

// localProgram is a Bubble Tea program on this terminal, reading keys as
// keys says (withLocalKeys) and ended by ctx, which untilInterrupted ends
// on SIGINT and SIGTERM; the program then gives the terminal back.
// Bubble Tea's own signal handler is left out: it sends its QuitMsg without
// watching the program's end, so when ctx's end wins the race the send
// blocks for ever, and so does the shutdown that waits for it — the
// terminal stayed raw (charmbracelet/bubbletea#1806).
func localProgram(ctx context.Context, model tea.Model, keys tea.ProgramOption, opts ...tea.ProgramOption) *tea.Program {
	opts = append(opts, tea.WithContext(ctx), tea.WithoutSignalHandler(), keys)
	return tea.NewProgram(model, opts...)
}
