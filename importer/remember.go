package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"loyaltydesk/internal/safefile"
)

// A mapping confirmed for a file's header is remembered in the state
// directory, keyed by the set of its column names (folded as normalizeName
// does, in any order), so that next month's export of the same system is
// mapped the same way: pre-filled in the wizard, used by the headless
// command (where --map still overrides it).

// mappingsFile is the file of remembered mappings in the state directory.
const mappingsFile = "import-mappings.json"

// maxRemembered bounds the file; the oldest mappings go first.
const maxRemembered = 200

type rememberedMapping struct {
	// Columns maps each column's name, as in the file, to its profile
	// header ("" skipped).
	Columns   map[string]string `json:"columns"`
	DateOrder string            `json:"date_order,omitempty"`
	Saved     time.Time         `json:"saved"`
}

// headerKey identifies a set of column names; ok is false when the header
// cannot key a mapping (none, or two columns with one name).
func headerKey(header []string) (string, bool) {
	names := make([]string, 0, len(header))
	for _, h := range header {
		names = append(names, normalizeName(h))
	}
	slices.Sort(names)
	if len(names) == 0 || len(slices.Compact(slices.Clone(names))) != len(names) {
		return "", false
	}
	sum := sha256.Sum256([]byte(strings.Join(names, "\x00")))
	return hex.EncodeToString(sum[:12]), true
}

func readRemembered(stateDir string) (map[string]rememberedMapping, error) {
	data, err := os.ReadFile(filepath.Join(stateDir, mappingsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]rememberedMapping{}, nil
	}
	if err != nil {
		return nil, err
	}
	all := map[string]rememberedMapping{}
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, errors.New("the remembered import mappings cannot be read (" + mappingsFile + " in the state folder); delete it to start afresh")
	}
	return all, nil
}

// Recall returns the mapping remembered for a header (and the date order
// it had), or nil when there is none.
func Recall(stateDir string, header []string, columns int) (*Mapping, error) {
	key, ok := headerKey(header)
	if !ok || stateDir == "" {
		return nil, nil
	}
	all, err := readRemembered(stateDir)
	if err != nil {
		return nil, err
	}
	rm, found := all[key]
	if !found {
		return nil, nil
	}
	byName := map[string]string{}
	for name, h := range rm.Columns {
		byName[normalizeName(name)] = h
	}
	m := NewMapping(max(columns, len(header)))
	for col, name := range header {
		if h := byName[normalizeName(name)]; h != "" && isProfileHeader(h) && m.Column(h) < 0 {
			m.cols[col] = h
		}
	}
	if order, err := ParseDateOrder(rm.DateOrder); err == nil {
		m.dateOrder = order
	}
	return m, nil
}

// Remember saves the mapping confirmed for a header (mode 0600). A header
// that cannot key a mapping is not remembered.
func Remember(stateDir string, header []string, m *Mapping) error {
	key, ok := headerKey(header)
	if !ok || stateDir == "" {
		return nil
	}
	all, err := readRemembered(stateDir)
	if err != nil {
		all = map[string]rememberedMapping{}
	}
	rm := rememberedMapping{Columns: map[string]string{}, DateOrder: m.dateOrder.Flag(), Saved: time.Now().UTC()}
	for col, name := range header {
		rm.Columns[name] = m.Header(col)
	}
	all[key] = rm
	for len(all) > maxRemembered {
		oldest := ""
		for k, v := range all {
			if oldest == "" || v.Saved.Before(all[oldest].Saved) {
				oldest = k
			}
		}
		delete(all, oldest)
	}
	data, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return err
	}
	return safefile.WriteFile(filepath.Join(stateDir, mappingsFile), data)
}
