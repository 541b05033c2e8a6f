//go:build tools

package main

import (
	_ "github.com/BurntSushi/toml"
	_ "github.com/charmbracelet/bubbles/help"
	_ "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/huh"
	_ "github.com/charmbracelet/lipgloss"
	_ "github.com/charmbracelet/wish"
	_ "github.com/charmbracelet/x/exp/teatest"
	_ "github.com/stretchr/testify/require"
	_ "golang.org/x/crypto/ssh"
)
