package imonggo

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"loyaltydesk/internal/safefile"
)

// maxPasses bounds how often a window is paged again because customers
// changed while it was being read.
const maxPasses = 4

// SyncOptions configure a Sync.
type SyncOptions struct {
	// StateDir holds the sync state, one small JSON file per account.
	StateDir string
	// Full ignores the stored date and fetches every customer (--full).
	Full bool
	// Progress, when set, is told how many customers were fetched so far
	// after each page.
	Progress func(fetched int)
}

// Sync is the document's incremental sync for one account: fetch the
// customers updated since the stored date, hand them over, and store the
// new date only once the caller says the import succeeded.
type Sync struct {
	client *Client
	opts   SyncOptions
	path   string
}

// Changes are the customers updated since the previous sync.
type Changes struct {
	// Customers are the changed customers that are not deleted, by id.
	Customers []Customer
	// Deleted are changed customers marked deleted (status D), by id. They
	// are for the user to review: the loyalty side is not touched.
	Deleted []Customer
	// Mark is what Commit stores once the import succeeded.
	Mark Mark
}

// Mark is the window a Changes covers: updated after Since (zero on a first
// or full sync) up to Until (the account's last update then).
type Mark struct {
	Since time.Time
	Until time.Time
	path  string
	full  bool
}

// syncState is the state file: the document's previous_last_updated_date.
type syncState struct {
	Account                 string    `json:"account"`
	PreviousLastUpdatedDate time.Time `json:"previous_last_updated_date"`
}

// NewSync returns the sync of the client's account, keeping its state in
// opts.StateDir.
func NewSync(c *Client, opts SyncOptions) (*Sync, error) {
	if strings.TrimSpace(opts.StateDir) == "" {
		return nil, badArg("state directory", "a directory for the sync state is required")
	}
	name := "imonggo-" + safeFileName(c.Account()) + ".json"
	return &Sync{client: c, opts: opts, path: filepath.Join(opts.StateDir, name)}, nil
}

func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 128 && (r == '-' || r == '_' || r == '.' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return r
		}
		return '_'
	}, s)
}

// StatePath is the file holding the stored date.
func (s *Sync) StatePath() string { return s.path }

// Previous returns the stored date: zero before the first committed sync.
func (s *Sync) Previous() (time.Time, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("imonggo sync: cannot read the state file %s: %w", s.path, err)
	}
	var st syncState
	if err := json.Unmarshal(data, &st); err != nil {
		return time.Time{}, fmt.Errorf("imonggo sync: the state file %s is damaged (%v); run a full sync to rewrite it", s.path, err)
	}
	if st.Account != s.client.Account() {
		return time.Time{}, fmt.Errorf("imonggo sync: the state file %s belongs to account %q, not %q", s.path, st.Account, s.client.Account())
	}
	return st.PreviousLastUpdatedDate.UTC(), nil
}

// Changes fetches the customers updated after the stored date (all of them
// on a first or full sync) up to the account's last update. Nothing is
// stored: call Commit with Changes.Mark once they are imported.
func (s *Sync) Changes(ctx context.Context) (Changes, error) {
	var since time.Time
	if !s.opts.Full {
		var err error
		if since, err = s.Previous(); err != nil {
			return Changes{}, err
		}
	}
	until, err := s.client.LastUpdatedAt(ctx)
	if err != nil {
		return Changes{}, err
	}
	mark := Mark{Since: since, Until: until, path: s.path, full: s.opts.Full}
	switch {
	case until.IsZero() || until.Equal(since):
		return Changes{Mark: mark}, nil
	case until.Before(since):
		return Changes{}, fmt.Errorf("imonggo sync: the account's last update (%s) is older than the last sync (%s); "+
			"the account may have been reset: run a full sync", until.Format(time.RFC3339), since.Format(time.RFC3339))
	}
	found, err := s.fetchStable(ctx, since, until)
	if err != nil {
		return Changes{}, err
	}
	return split(found, mark), nil
}

// fetchStable pages through the window until a pass ran with no customer
// changing meanwhile: a change moves customers out of the window, which
// shifts the later pages, so a pass during changes may skip some.
func (s *Sync) fetchStable(ctx context.Context, since, until time.Time) (map[int64]Customer, error) {
	found := map[int64]Customer{}
	seen := until
	for pass := 1; ; pass++ {
		if err := s.fetchWindow(ctx, since, until, found); err != nil {
			return nil, err
		}
		latest, err := s.client.LastUpdatedAt(ctx)
		if err != nil {
			return nil, err
		}
		if !latest.After(seen) {
			return found, nil
		}
		if pass == maxPasses {
			return nil, errors.New("imonggo sync: customers kept changing while they were read; try again in a moment")
		}
		seen = latest
	}
}

// fetchWindow reads pages of 100 from page 1 until an empty one.
func (s *Sync) fetchWindow(ctx context.Context, since, until time.Time, found map[int64]Customer) error {
	inPass := map[int64]bool{}
	for page := 1; ; page++ {
		list, err := s.client.List(ctx, ListOptions{Filter: Filter{After: since, To: until}, Page: page, PerPage: MaxPerPage})
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return nil
		}
		fresh := 0
		for _, c := range list {
			if !inPass[c.ID] {
				fresh++
				inPass[c.ID] = true
			}
			found[c.ID] = c
		}
		if fresh == 0 {
			return fmt.Errorf("imonggo sync: page %d repeats customers already read; the service seems to ignore paging", page)
		}
		if s.opts.Progress != nil {
			s.opts.Progress(len(found))
		}
	}
}

func split(found map[int64]Customer, mark Mark) Changes {
	ch := Changes{Mark: mark}
	for _, c := range found {
		if c.Deleted() {
			ch.Deleted = append(ch.Deleted, c)
		} else {
			ch.Customers = append(ch.Customers, c)
		}
	}
	byID := func(a, b Customer) int { return cmp.Compare(a.ID, b.ID) }
	slices.SortFunc(ch.Customers, byID)
	slices.SortFunc(ch.Deleted, byID)
	return ch
}

// Commit stores the mark's date as previous_last_updated_date: call it only
// after the import of its Changes succeeded. An incremental mark never
// moves the date back (another sync may have committed a later one).
func (s *Sync) Commit(m Mark) error {
	if m.path != s.path {
		return errors.New("imonggo sync: this mark comes from another account's sync")
	}
	if m.Until.IsZero() {
		return nil // the account has no customers yet: nothing to remember
	}
	if !m.full {
		if current, err := s.Previous(); err == nil && current.After(m.Until) {
			return nil
		}
	}
	return s.write(syncState{Account: s.client.Account(), PreviousLastUpdatedDate: m.Until.UTC()})
}

// Reset forgets the stored date: the next sync fetches everything.
func (s *Sync) Reset() error {
	err := os.Remove(s.path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("imonggo sync: cannot remove the state file: %w", err)
	}
	return nil
}

// write replaces the state file atomically, readable by the owner only.
func (s *Sync) write(st syncState) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("imonggo sync: %w", err)
	}
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("imonggo sync: cannot create the state directory: %w", err)
	}
	if err := safefile.WriteFile(s.path, append(data, '\n')); err != nil {
		return fmt.Errorf("imonggo sync: cannot store the state: %w", err)
	}
	return nil
}
