package ui

import "github.com/charmbracelet/bubbles/progress"

// NewProgress returns a progress bar in the theme's colours, on the
// session's renderer; draw it with ViewAs (no animation).
func (s *Styles) NewProgress(width int) progress.Model {
	fill, empty := s.theme.BarFill.Dark, s.theme.Border.Dark
	if !s.Renderer.HasDarkBackground() {
		fill, empty = s.theme.BarFill.Light, s.theme.Border.Light
	}
	p := progress.New(progress.WithSolidFill(fill), progress.WithWidth(width),
		progress.WithoutPercentage(), progress.WithColorProfile(s.Renderer.ColorProfile()))
	p.EmptyColor = empty
	return p
}
