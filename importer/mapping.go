package importer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"loyaltydesk/apiclient"
)

// Mapping sends each column of a table to one profile header
// (apiclient.ProfileHeaders) or skips it. No header is given to two
// columns.
type Mapping struct {
	cols      []string  // by column; "" skips it
	dateOrder DateOrder // how custom_date values are read; DateAuto infers it
}

// NewMapping returns a mapping of columns columns, all skipped.
func NewMapping(columns int) *Mapping {
	return &Mapping{cols: make([]string, columns)}
}

// MappingOf rebuilds a mapping from Headers' output.
func MappingOf(headers []string) (*Mapping, error) {
	m := NewMapping(len(headers))
	for col, h := range headers {
		if h == "" {
			continue
		}
		if !isProfileHeader(h) {
			return nil, fmt.Errorf("column %d: %q is not a customer field", col+1, h)
		}
		if other := m.Column(h); other >= 0 {
			return nil, fmt.Errorf("columns %d and %d both go to %s", other+1, col+1, h)
		}
		m.cols[col] = h
	}
	return m, nil
}

// AutoMap maps the columns whose names are recognised in any of the seven
// languages (Recognizer.AutoMap without the merchant's labels).
func AutoMap(header []string, columns int) *Mapping {
	return defaultRecognizer.AutoMap(header, columns)
}

// Clone returns an independent copy.
func (m *Mapping) Clone() *Mapping {
	return &Mapping{cols: slices.Clone(m.cols), dateOrder: m.dateOrder}
}

// Columns returns the number of columns.
func (m *Mapping) Columns() int { return len(m.cols) }

// Header returns the profile header of a column, "" when skipped.
func (m *Mapping) Header(col int) string {
	if col < 0 || col >= len(m.cols) {
		return ""
	}
	return m.cols[col]
}

// Headers returns the header of every column ("" for skipped ones).
func (m *Mapping) Headers() []string { return slices.Clone(m.cols) }

// Column returns the column mapped to a profile header, or -1.
func (m *Mapping) Column(header string) int { return slices.Index(m.cols, header) }

// Mapped returns how many columns are imported.
func (m *Mapping) Mapped() int {
	n := 0
	for _, h := range m.cols {
		if h != "" {
			n++
		}
	}
	return n
}

// Assign maps a column to a profile header ("" skips it). A column that had
// that header loses it and is skipped; its number is returned (-1 when
// none), so a screen can say so.
func (m *Mapping) Assign(col int, header string) (displaced int, err error) {
	if col < 0 || col >= len(m.cols) {
		return -1, fmt.Errorf("there is no column %d", col+1)
	}
	if header != "" && !isProfileHeader(header) {
		return -1, fmt.Errorf("%q is not a customer field; choose one of %s", header, strings.Join(apiclient.ProfileHeaders, ", "))
	}
	displaced = -1
	if other := m.Column(header); header != "" && other >= 0 && other != col {
		m.cols[other] = ""
		displaced = other
	}
	m.cols[col] = header
	return displaced, nil
}

// Skip leaves a column out of the import.
func (m *Mapping) Skip(col int) {
	if col >= 0 && col < len(m.cols) {
		m.cols[col] = ""
	}
}

// ApplySpec applies a command-line mapping "column=header". The column is
// its 1-based number or its name in the file's header; the header is a
// profile header (or a known name for one), or "skip" / "-" / "" to leave
// the column out.
func (m *Mapping) ApplySpec(fileHeader []string, spec string) error {
	colText, target, ok := strings.Cut(spec, "=")
	if !ok {
		return fmt.Errorf("--map %q: write it as column=field, e.g. \"E-mail=email\" or \"3=phone\"", spec)
	}
	col, err := findColumn(fileHeader, len(m.cols), strings.TrimSpace(colText))
	if err != nil {
		return fmt.Errorf("--map %q: %w", spec, err)
	}
	header, err := profileHeaderNamed(strings.TrimSpace(target))
	if err != nil {
		return fmt.Errorf("--map %q: %w", spec, err)
	}
	_, err = m.Assign(col, header)
	return err
}

func findColumn(fileHeader []string, columns int, s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 || n > columns {
			return -1, fmt.Errorf("there is no column %d (the file has %d)", n, columns)
		}
		return n - 1, nil
	}
	for i, name := range fileHeader {
		if strings.EqualFold(strings.TrimSpace(name), s) {
			return i, nil
		}
	}
	want := normalizeName(s)
	for i, name := range fileHeader {
		if normalizeName(name) == want {
			return i, nil
		}
	}
	if len(fileHeader) == 0 {
		return -1, fmt.Errorf("the file has no header row: name the column by its number")
	}
	return -1, fmt.Errorf("no column is named %q", s)
}

func profileHeaderNamed(s string) (string, error) {
	switch strings.ToLower(s) {
	case "", "-", "skip", "none":
		return "", nil
	}
	if isProfileHeader(s) {
		return s, nil
	}
	if syn, ok := defaultRecognizer.recognize(s); ok {
		return syn.header, nil
	}
	return "", fmt.Errorf("%q is not a customer field; choose one of %s, or skip", s, strings.Join(apiclient.ProfileHeaders, ", "))
}

func isProfileHeader(h string) bool { return slices.Contains(apiclient.ProfileHeaders, h) }

// SuggestHeader returns the profile header a column name stands for, and
// whether AutoMap maps it by itself. Names that would add to balances
// ("Points", "Balance") are only suggested: auto_add adds its value to the
// first campaign every time a row is imported, which is rarely what a
// points column exported from another system means.
func SuggestHeader(name string) (header string, auto bool) {
	return defaultRecognizer.Suggest(name)
}
