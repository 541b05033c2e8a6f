// Package importwizard is the batch import wizard: a file (or the
// customers changed in an Imonggo POS) → format → mapping → validation →
// options → duplicate-mode preview → chunked upload → result. The work is
// the importer package's; this page only walks the user through it, with
// every read and call in a tea.Cmd.
package importwizard

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/imonggo"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
)

type step int

const (
	stepResume step = iota // offered only when an import was interrupted
	stepSource
	stepFormat
	stepMapping
	stepValidate
	stepOptions
	stepPreview
	stepUpload
	stepResult
)

var stepNames = []string{"Resume", "Source", "Format", "Mapping", "Validation", "Options", "Preview", "Upload", "Result"}

// Model is the wizard page.
type Model struct {
	c             *ui.Common
	width, height int
	step          step
	busy          string // what a Cmd in flight is doing; "" when idle
	err           error  // the last failure, shown on the current step
	spin          spinner.Model

	resumable []importer.Resumable

	// source
	path      textinput.Model
	useImongo bool
	fullSync  bool
	sync      *imonggo.Sync
	changes   *imonggo.Changes

	// format, mapping, validation
	file    string
	sample  *importer.Sample
	table   *importer.Table
	mapping *importer.Mapping
	column  int
	plan    *importer.Plan
	sendFix bool
	scroll  int

	// options
	campaigns   []apiclient.Campaign
	chosen      map[string]bool
	optCursor   int
	cardDigits  int
	noUndo      bool
	existing    *importer.Existing
	loaded      int
	job         *importer.Job
	preview     *importer.Preview
	mode        apiclient.DuplicateMode
	diffScroll  int
	uploadState *upload
	result      *importer.Result
	bar         progress.Model
}

// New builds the wizard page.
func New(c *ui.Common, _ any) ui.Page {
	in := ui.NewTextInput(c.Styles, "file › ", "path of a CSV, TSV or pipe-separated file")
	in.Focus()
	return &Model{
		c: c, step: stepSource, path: in, chosen: map[string]bool{}, sendFix: true,
		mode: apiclient.Update, spin: spinner.New(spinner.WithSpinner(spinner.Line)),
		bar: c.Styles.NewProgress(40),
	}
}

// Init looks for an interrupted import and loads the campaigns.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(textinput.Blink, m.findResumable(), m.loadCampaigns())
}

// Title names the page in the header.
func (m *Model) Title() string { return "Import customers" }

// SetSize sets the content area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.path.Width = max(w-12, 10)
	m.bar.Width = max(min(w-20, 60), 10)
}

// Dirty is true from the mapping on: the choices made would be lost.
func (m *Model) Dirty() bool { return m.step >= stepMapping && m.step < stepResult }

// LeavePrompt says what leaving costs at each stage.
func (m *Model) LeavePrompt() string {
	if m.step == stepUpload && m.uploadState != nil && m.uploadState.running {
		return "Leave the import while it uploads? It stops after the current chunk; the journal lets you resume it later."
	}
	return "Leave the import? The mapping and options chosen so far are lost (nothing was sent yet)."
}

// CapturesKey gives the path box every printable key.
func (m *Model) CapturesKey(k tea.KeyMsg) bool {
	printable := k.Type == tea.KeyRunes || k.Type == tea.KeySpace
	return printable && m.step == stepSource && !m.useImongo && !key.Matches(k, m.c.Keys.Global.Help)
}

// Update handles keys and the answers of the page's own commands.
func (m *Model) Update(msg tea.Msg) (ui.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if m.busy != "" && !key.Matches(msg, m.c.Keys.Wizard.Cancel) {
			return m, nil
		}
		return m, m.handleKey(msg)
	case spinner.TickMsg:
		if m.busy == "" {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	if r, ok := msg.(result); ok {
		if r.owner() != m {
			return m, nil
		}
		m.busy = ""
		return m, r.apply(m)
	}
	var cmd tea.Cmd
	m.path, cmd = m.path.Update(msg)
	return m, cmd
}

// result is the answer of one of the page's commands; it applies itself.
type result interface {
	owner() *Model
	apply(m *Model) tea.Cmd
}

// run starts a command for the page, showing what it does meanwhile.
func (m *Model) run(what string, cmd tea.Cmd) tea.Cmd {
	m.busy, m.err = what, nil
	return tea.Batch(m.spin.Tick, cmd)
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	if key.Matches(k, m.c.Keys.Global.Back) && m.step != stepUpload {
		return m.back()
	}
	switch m.step {
	case stepResume:
		return m.resumeKey(k)
	case stepSource:
		return m.sourceKey(k)
	case stepFormat:
		return m.formatKey(k)
	case stepMapping:
		return m.mappingKey(k)
	case stepValidate:
		return m.validateKey(k)
	case stepOptions:
		return m.optionsKey(k)
	case stepPreview:
		return m.previewKey(k)
	case stepUpload:
		return m.uploadKey(k)
	case stepResult:
		return m.resultKey(k)
	}
	return nil
}

// back goes one step back; from the first step it leaves the page.
func (m *Model) back() tea.Cmd {
	m.err = nil
	switch m.step {
	case stepResume, stepSource, stepResult:
		return ui.Back()
	case stepFormat:
		m.step = stepSource
	case stepMapping:
		if m.useImongo {
			m.step = stepSource
		} else {
			m.step = stepFormat
		}
	default:
		m.step--
	}
	return nil
}

func (m *Model) ctx() context.Context { return m.c.Ctx }

// ShortHelp lists the keys of the current step.
func (m *Model) ShortHelp() []key.Binding {
	w, back := m.c.Keys.Wizard, m.c.Keys.Global.Back
	switch m.step {
	case stepResume:
		return []key.Binding{w.Resume, w.Discard, w.Next}
	case stepSource:
		return []key.Binding{w.Next, w.Up, w.Down, back}
	case stepFormat, stepMapping, stepPreview:
		return []key.Binding{w.Left, w.Right, w.Up, w.Down, w.Next, back}
	case stepValidate, stepOptions:
		return []key.Binding{w.Up, w.Down, w.Toggle, w.Next, back}
	case stepUpload:
		return []key.Binding{w.Cancel}
	}
	return []key.Binding{w.Next, back}
}

// FullHelp lists every key of the wizard.
func (m *Model) FullHelp() [][]key.Binding {
	w := m.c.Keys.Wizard
	return [][]key.Binding{{w.Next, w.Up, w.Down, w.Left, w.Right}, {w.Toggle, w.Cancel, w.Resume, w.Discard}}
}
