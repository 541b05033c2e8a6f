package ui

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme names colours by role; each has a light and a dark variant.
type Theme struct {
	Accent    lipgloss.AdaptiveColor
	Text      lipgloss.AdaptiveColor
	Faint     lipgloss.AdaptiveColor
	Border    lipgloss.AdaptiveColor
	Success   lipgloss.AdaptiveColor
	Warning   lipgloss.AdaptiveColor
	Error     lipgloss.AdaptiveColor
	Selection lipgloss.AdaptiveColor
	BarFill   lipgloss.AdaptiveColor
}

// DefaultTheme is the app's one theme.
func DefaultTheme() Theme {
	return Theme{
		Accent:    lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#B69CFF"},
		Text:      lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#EAEAEA"},
		Faint:     lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8C8C8C"},
		Border:    lipgloss.AdaptiveColor{Light: "#B8B8B8", Dark: "#4A4A4A"},
		Success:   lipgloss.AdaptiveColor{Light: "#1B7F3B", Dark: "#5FD38D"},
		Warning:   lipgloss.AdaptiveColor{Light: "#8A5A00", Dark: "#F2C14E"},
		Error:     lipgloss.AdaptiveColor{Light: "#B3261E", Dark: "#FF7A70"},
		Selection: lipgloss.AdaptiveColor{Light: "#E4DCFF", Dark: "#3B2F6B"},
		BarFill:   lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#9D85F2"},
	}
}

// Styles is every style of the app, built from one session's renderer.
// Nothing that carries meaning relies on colour alone: errors are marked
// with words or symbols, selection with reverse video.
type Styles struct {
	Renderer *lipgloss.Renderer
	theme    Theme

	Header      lipgloss.Style
	HeaderTitle lipgloss.Style
	HeaderInfo  lipgloss.Style
	Footer      lipgloss.Style

	StatusInfo    lipgloss.Style
	StatusSuccess lipgloss.Style
	StatusError   lipgloss.Style

	Title    lipgloss.Style
	Subtitle lipgloss.Style
	Label    lipgloss.Style
	Value    lipgloss.Style
	Faint    lipgloss.Style
	Accent   lipgloss.Style
	Success  lipgloss.Style
	Warning  lipgloss.Style
	Error    lipgloss.Style
	Key      lipgloss.Style

	Box        lipgloss.Style
	FocusedBox lipgloss.Style
	Dialog     lipgloss.Style
	Selected   lipgloss.Style
	TableHead  lipgloss.Style
	Bar        lipgloss.Style
	BarEmpty   lipgloss.Style

	InputPrompt  lipgloss.Style
	InputText    lipgloss.Style
	InputFocused lipgloss.Style
	InputBlurred lipgloss.Style
	StepActive   lipgloss.Style
	StepDone     lipgloss.Style
	StepTodo     lipgloss.Style
}

// NewStyles builds the styles on a renderer. With noColor, the renderer is
// switched to plain text (bold, underline and reverse still show).
func NewStyles(r *lipgloss.Renderer, t Theme, noColor bool) *Styles {
	if noColor {
		r.SetColorProfile(termenv.Ascii)
	}
	s := &Styles{Renderer: r, theme: t}
	border := lipgloss.RoundedBorder()
	if noColor {
		border = lipgloss.NormalBorder()
	}
	s.Header = r.NewStyle().Bold(true).Foreground(t.Text).BorderStyle(lipgloss.NormalBorder()).BorderBottom(true).BorderForeground(t.Border)
	s.HeaderTitle = r.NewStyle().Bold(true).Foreground(t.Accent)
	s.HeaderInfo = r.NewStyle().Foreground(t.Faint)
	s.Footer = r.NewStyle().Foreground(t.Faint)
	s.StatusInfo = r.NewStyle().Foreground(t.Text)
	s.StatusSuccess = r.NewStyle().Foreground(t.Success).Bold(true)
	s.StatusError = r.NewStyle().Foreground(t.Error).Bold(true)
	s.Title = r.NewStyle().Bold(true).Foreground(t.Accent)
	s.Subtitle = r.NewStyle().Bold(true).Foreground(t.Text)
	s.Label = r.NewStyle().Foreground(t.Faint)
	s.Value = r.NewStyle().Foreground(t.Text)
	s.Faint = r.NewStyle().Foreground(t.Faint)
	s.Accent = r.NewStyle().Foreground(t.Accent)
	s.Success = r.NewStyle().Foreground(t.Success)
	s.Warning = r.NewStyle().Foreground(t.Warning)
	s.Error = r.NewStyle().Foreground(t.Error).Bold(true)
	s.Key = r.NewStyle().Bold(true).Foreground(t.Accent)
	s.Box = r.NewStyle().Border(border).BorderForeground(t.Border).Padding(0, 1)
	s.FocusedBox = r.NewStyle().Border(lipgloss.ThickBorder()).BorderForeground(t.Accent).Padding(0, 1)
	s.Dialog = r.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(t.Accent).Padding(1, 2)
	s.Selected = r.NewStyle().Reverse(true).Bold(true)
	s.TableHead = r.NewStyle().Bold(true).Underline(true).Foreground(t.Text)
	s.Bar = r.NewStyle().Foreground(t.BarFill)
	s.BarEmpty = r.NewStyle().Foreground(t.Border)
	s.InputPrompt = r.NewStyle().Bold(true).Foreground(t.Accent)
	s.InputText = r.NewStyle().Foreground(t.Text)
	s.InputFocused = r.NewStyle().Border(border).BorderForeground(t.Accent)
	s.InputBlurred = r.NewStyle().Border(border).BorderForeground(t.Border)
	s.StepActive = r.NewStyle().Bold(true).Reverse(true)
	s.StepDone = r.NewStyle().Foreground(t.Success)
	s.StepTodo = r.NewStyle().Foreground(t.Faint)
	return s
}

// Wrap breaks text into lines of at most w cells.
func (s *Styles) Wrap(text string, w int) string {
	return s.Renderer.NewStyle().Width(max(w, 10)).Render(text)
}

// Block pads text to a block exactly w cells wide, for side-by-side layout.
func (s *Styles) Block(text string, w int) string {
	return s.Renderer.NewStyle().Width(max(w, 1)).MaxWidth(max(w, 1)).Render(text)
}
