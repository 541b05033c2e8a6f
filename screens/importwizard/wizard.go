// Package importwizard is the batch import wizard: a file (or the
// customers changed in an Imonggo POS) → format → mapping → validation →
// options → duplicate-mode preview → chunked upload → result. The work is
// the importer package's; this page walks the user through it, with every
// read and call in a tea.Cmd.
package importwizard

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/apiclient"
	"loyaltydesk/apiclient/imonggo"
	"loyaltydesk/importer"
	"loyaltydesk/ui"
	"loyaltydesk/ui/form"
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

var stepNames = [...]string{"Resume", "Source", "Format", "Mapping", "Validation", "Options", "Preview", "Upload", "Result"}

// Model is the wizard page.
type Model struct {
	c             *ui.Common
	width, height int
	step          step
	err           error // the last failure, shown under the current step

	// A command the user waits for: what it does, its sequence number
	// (answers of an abandoned one are dropped), how to stop it, and the
	// count it reported so far.
	busy       string
	seq        int
	stopBusy   context.CancelFunc
	busyCount  int
	countLabel string
	spin       spinner.Model

	resumable []importer.Resumable
	// presets are the choices of an interrupted Imonggo import, applied
	// when its customers are fetched again so that the import goes on.
	presets *importer.Options

	source  sourceState
	pos     posState
	file    string
	sample  *importer.Sample
	table   *importer.Table
	mapping *importer.Mapping
	column  int
	plan    *importer.Plan
	sendFix bool
	problem int // the selected problem of the validation list

	campaigns    []apiclient.Campaign
	campaignsErr error
	options      *form.Model

	existing  *importer.Existing
	job       *importer.Job
	preview   *importer.Preview
	mode      apiclient.DuplicateMode
	diffIndex int
	// confirming shows the question before the upload; importRenames
	// imports the "is this the same person?" rows instead of setting
	// them aside.
	confirming    bool
	importRenames bool
	// labels name the customer fields (the merchant's, else plain words);
	// remembered tells that the mapping was pre-filled from an earlier
	// import of the same columns.
	labels     importer.Labels
	remembered bool
	// fix is the row being fixed on the validation step; fixedRow the
	// last row fixed (-1 none), whose check the step reports.
	fix      *fixState
	fixedRow int

	up         *upload
	bar        progress.Model
	result     *importer.Result
	expected   *importer.ModeCounts // what the preview said the mode would do
	resultErr  error
	finished   string // what happened to the Imonggo sync date
	listScroll int    // of the Imonggo customers listed on the result

	retryDelay time.Duration // between re-sendings of a chunk; 0: the importer's
}

// sourceState is the first step: a typed path or a picked file, or the
// Imonggo POS.
type sourceState struct {
	path     textinput.Model
	picker   *picker
	imonggo  bool
	fullSync bool
	lastSync string // when the Imonggo changes were last imported; "" unknown
}

// posState is what an import from the Imonggo POS fetched.
type posState struct {
	sync     *imonggo.Sync
	changes  *imonggo.Changes
	codeless []imonggo.Customer
	rejected string // this sync's rejected rows file
}

// New builds the wizard page.
func New(c *ui.Common, _ any) ui.Page {
	in := ui.NewTextInput(c.Styles, "file › ", "path of a CSV, TSV, pipe-separated or Excel (.xlsx) file")
	in.CharLimit = 4096
	in.Focus()
	m := &Model{
		c: c, step: stepSource, sendFix: true, mode: apiclient.Update, fixedRow: -1,
		spin: spinner.New(spinner.WithSpinner(spinner.Line)),
		bar:  c.Styles.NewProgress(40),
	}
	m.source.path = in
	m.options = newOptionsForm(c)
	m.SetSize(80, 20)
	return m
}

// Init looks for interrupted imports, loads the campaigns and, with an
// Imonggo POS configured, when its changes were last imported.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(textinput.Blink, m.findResumable(), m.loadCampaigns(), m.loadLastSync(), m.loadLabels())
}

// Title names the page in the header.
func (m *Model) Title() string { return "Import customers" }

// SetSize sets the content area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.source.path.Width = max(w-12, 10)
	m.bar.Width = max(min(w-12, 60), 10)
	if m.source.picker != nil {
		m.source.picker.height = m.pickerRows()
	}
}

// Dirty is true from the mapping on until the result: the choices made
// (and an upload under way) would be lost.
func (m *Model) Dirty() bool { return m.step >= stepMapping && m.step < stepResult }

// LeavePrompt says what leaving costs at each stage.
func (m *Model) LeavePrompt() string {
	if m.step == stepUpload && m.up != nil && m.up.running {
		return "Leave while the import uploads? It goes on in the background; come back with " +
			m.c.Keys.Global.Import.Help().Key + " to follow it."
	}
	return "Leave the import for now? Nothing was sent yet; your choices wait here until you come back with " +
		m.c.Keys.Global.Import.Help().Key + "."
}

// CapturesKey gives printable keys to the text input that has focus: the
// path box, or the options form's card-number digits.
func (m *Model) CapturesKey(k tea.KeyMsg) bool {
	if m.busy != "" {
		return false
	}
	switch m.step {
	case stepSource:
		printable := k.Type == tea.KeyRunes || k.Type == tea.KeySpace
		return printable && !m.source.imonggo && m.source.picker == nil && !key.Matches(k, m.c.Keys.Global.Help)
	case stepOptions:
		return m.options.CapturesKey(k)
	case stepValidate:
		return m.fix != nil && m.fix.form.CapturesKey(k)
	}
	return false
}

// tag names the page and the command an answer belongs to: messages are
// broadcast to every live page, and a wizard started afresh is a new page.
// seq is 0 for answers that are not waited for (campaigns, the sync date).
type tag struct {
	m   *Model
	seq int
}

func (t tag) tagged() tag { return t }

// answer is the result of one of the page's commands; it applies itself.
type answer interface {
	tagged() tag
	apply(m *Model) tea.Cmd
}

// Update handles keys and the answers of the page's own commands.
func (m *Model) Update(msg tea.Msg) (ui.Page, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if m.step == stepResult && m.busy == "" && key.Matches(msg, m.c.Keys.Wizard.Next) {
			return m.startAfresh()
		}
		return m, m.handleKey(msg)
	case spinner.TickMsg:
		if m.busy == "" {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case countMsg:
		return m, m.applyCount(msg)
	case answer:
		t := msg.tagged()
		if t.m != m || t.seq != 0 && t.seq != m.seq {
			return m, nil
		}
		if t.seq != 0 {
			m.idle()
		}
		return m, msg.apply(m)
	}
	return m, m.updateInputs(msg)
}

// updateInputs passes other messages (the cursor's blinking, the picker's
// directory) to the inputs of the current step.
func (m *Model) updateInputs(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case m.step == stepOptions:
		m.options, cmd = m.options.Update(msg)
	case m.step == stepSource && m.source.picker == nil:
		m.source.path, cmd = m.source.path.Update(msg)
	}
	return cmd
}

// startAfresh replaces the page with a new wizard for another import.
func (m *Model) startAfresh() (ui.Page, tea.Cmd) {
	fresh := New(m.c, nil).(*Model)
	fresh.retryDelay = m.retryDelay
	fresh.SetSize(m.width, m.height)
	return fresh, fresh.Init()
}

// run starts a command the user waits for, showing what it does. The
// command gets a context that esc cancels and the tag its answer carries.
func (m *Model) run(what string, work func(ctx context.Context, t tag) tea.Msg) tea.Cmd {
	m.stopWaiting()
	ctx, cancel := context.WithCancel(m.c.Ctx)
	m.seq++
	m.busy, m.err, m.stopBusy, m.busyCount = what, nil, cancel, 0
	t := tag{m: m, seq: m.seq}
	return tea.Batch(m.spin.Tick, func() tea.Msg { return work(ctx, t) })
}

// idle ends the wait for a command that answered.
func (m *Model) idle() {
	if m.stopBusy != nil {
		m.stopBusy()
	}
	m.busy, m.stopBusy, m.busyCount, m.countLabel = "", nil, 0, ""
}

// stopWaiting abandons the command in flight: its answer will be dropped.
func (m *Model) stopWaiting() {
	if m.busy == "" {
		return
	}
	m.idle()
	m.seq++
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	if m.busy != "" {
		if key.Matches(k, m.c.Keys.Global.Back) {
			m.stopWaiting()
		}
		return nil
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
	}
	return m.resultKey(k)
}

// back goes one step back; from the first step it leaves the page.
func (m *Model) back() tea.Cmd {
	m.err = nil
	switch m.step {
	case stepResume, stepSource:
		return ui.Back()
	case stepMapping:
		if m.source.imonggo {
			m.step = stepSource
		} else {
			m.step = stepFormat
		}
	default:
		m.step--
	}
	return nil
}
