package customer

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"loyaltydesk/internal/safefile"
)

// draft is the unsaved form kept on disk, so that a crash or a closed
// terminal loses nothing. The password and the PIN are left out: a draft
// file is plain JSON in the state directory, and a secret has no business
// outliving the session in clear; the restore question says so.
type draft struct {
	SavedAt time.Time `json:"saved_at"`
	New     bool      `json:"new"`
	// Code is the customer's code (edit) or the code generated for a new
	// one, which a retry must reuse.
	Code   string            `json:"code"`
	Values map[string]string `json:"values"`
	// MaybeSaved: a save was sent and its answer never came, so the server
	// may hold the record already (the next save checks first).
	MaybeSaved bool `json:"maybe_saved,omitempty"`
}

// drafts reads and writes one form's draft file. Writes run in commands,
// so they may finish out of order; each carries a sequence number taken in
// Update and an older one is dropped.
type drafts struct {
	dir string

	mu   sync.Mutex
	done int
}

func newDrafts(stateDir string) *drafts {
	if stateDir == "" {
		return &drafts{}
	}
	return &drafts{dir: filepath.Join(stateDir, "drafts")}
}

// draftName is the file of a form: customer-new.json, or the code with
// anything but letters, digits, - and _ replaced.
func draftName(isNew bool, code string) string {
	if isNew || code == "" {
		return "customer-new.json"
	}
	safe := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, code)
	return "customer-" + safe + ".json"
}

func (d *drafts) load(name string) (*draft, error) {
	if d.dir == "" {
		return nil, nil
	}
	b, err := os.ReadFile(filepath.Join(d.dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var dr draft
	if err := json.Unmarshal(b, &dr); err != nil {
		return nil, errors.New("the draft file is damaged: " + name)
	}
	return &dr, nil
}

// write stores a draft atomically with mode 0600, unless a newer operation
// already ran.
func (d *drafts) write(seq int, name string, dr draft) error {
	if d.dir == "" {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if seq <= d.done {
		return nil
	}
	d.done = seq
	b, err := json.MarshalIndent(dr, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(d.dir, 0o700); err != nil {
		return err
	}
	return safefile.WriteFile(filepath.Join(d.dir, name), b)
}

// remove deletes drafts, unless a newer operation already ran.
func (d *drafts) remove(seq int, names ...string) error {
	if d.dir == "" {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if seq <= d.done {
		return nil
	}
	d.done = seq
	var errs []error
	for _, n := range names {
		if err := os.Remove(filepath.Join(d.dir, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Messages of the draft commands; id is the form instance.
type (
	draftLoadedMsg struct {
		id    int64
		draft *draft
		err   error
	}
	draftTickMsg  struct{ id int64 }
	draftSavedMsg struct {
		id  int64
		err error
	}
)

const draftEvery = 2 * time.Second

func draftTick(id int64) tea.Cmd {
	return tea.Tick(draftEvery, func(time.Time) tea.Msg { return draftTickMsg{id} })
}

func (m *Model) loadDraft() tea.Cmd {
	id, d, name := m.id, m.drafts, m.draftName()
	return func() tea.Msg {
		dr, err := d.load(name)
		return draftLoadedMsg{id: id, draft: dr, err: err}
	}
}

func (m *Model) draftName() string { return draftName(m.isNew, m.code) }

// snapshot is the draft of the form as it is, secrets left out.
func (m *Model) snapshot() draft {
	values := m.form.Pending()
	for _, k := range secretKeys {
		delete(values, k)
	}
	return draft{SavedAt: time.Now(), New: m.isNew, Code: m.code, Values: values, MaybeSaved: m.maybeSaved}
}

// saveDraft writes the draft if the form changed since the last write (or
// removes it when nothing is left unsaved). It is called on leaving a
// field, on the draft tick and after a failed save.
func (m *Model) saveDraft() tea.Cmd {
	if !m.draftsOn || m.form.Revision() == m.draftRev && m.maybeSaved == m.draftMaybe {
		return nil
	}
	m.draftRev, m.draftMaybe = m.form.Revision(), m.maybeSaved
	m.draftSeq++
	seq, d, name, id := m.draftSeq, m.drafts, m.draftName(), m.id
	if !m.form.Dirty() && !m.maybeSaved {
		return func() tea.Msg { return draftSavedMsg{id, d.remove(seq, name)} }
	}
	dr := m.snapshot()
	return func() tea.Msg { return draftSavedMsg{id, d.write(seq, name, dr)} }
}

// dropDrafts removes the drafts of the given names (after a save).
func (m *Model) dropDrafts(names ...string) tea.Cmd {
	m.draftSeq++
	m.draftRev, m.draftMaybe = m.form.Revision(), false
	seq, d, id := m.draftSeq, m.drafts, m.id
	return func() tea.Msg { return draftSavedMsg{id, d.remove(seq, names...)} }
}
