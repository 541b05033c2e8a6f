package main

import (
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/internal/ttyin"
)

// controllingTerminal is where a local app reads its keys.
const controllingTerminal = "/dev/tty"

// withLocalKeys gives Bubble Tea the terminal opened through ttyin, whose
// reads wait in Go's poller, and returns what closes it once the program
// has ended (Bubble Tea cannot cancel a read of a reader it did not open).
// Without a controlling terminal, or where the poller cannot wait on one,
// Bubble Tea keeps its own input.
func withLocalKeys() (tea.ProgramOption, func()) {
	return keysFrom(controllingTerminal)
}

func keysFrom(path string) (tea.ProgramOption, func()) {
	term, err := ttyin.Open(path)
	if err != nil {
		return func(*tea.Program) {}, func() {}
	}
	return tea.WithInput(term), func() { _ = term.Close() }
}
