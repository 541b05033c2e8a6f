package ui

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/stretchr/testify/assert"
)

// The frame's own join gives what lipgloss.JoinVertical gives.
func TestJoinBlocksIsJoinVerticalLeft(t *testing.T) {
	cases := [][]string{
		{"header", "body\nline two is longer", "", "footer"},
		{"\x1b[1mbold\x1b[0m", "é東 wide", "x\n\ny", ""},
		{"", "", "", ""},
	}
	for _, parts := range cases {
		blocks := make([]block, len(parts))
		for i, p := range parts {
			blocks[i].update(p)
		}
		assert.Equal(t, lipgloss.JoinVertical(lipgloss.Left, parts...), joinBlocks(blocks), "%q", parts)
	}
}

func TestBlockUpdateReportsChange(t *testing.T) {
	var b block
	assert.True(t, b.update(""), "the first text is a change, even empty")
	assert.False(t, b.update(""))
	assert.True(t, b.update("a"))
	assert.False(t, b.update("a"))
}

func TestItoa(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 120: "120", -45: "-45"} {
		assert.Equal(t, want, itoa(n))
	}
}
