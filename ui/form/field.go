package form

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Kind says what a field holds, how it is edited and how it is checked.
type Kind int

// The kinds of field.
const (
	Text        Kind = iota
	Secret           // text that is never shown (a password)
	Digits           // 0–9 only (a card number, a PIN with Masked)
	Number           // a decimal number, optionally signed
	Date             // YYYY-MM-DD
	DateTime         // YYYY.MM.DD HH:MM:SS
	Choice           // one of Options, or none
	MultiChoice      // several of Options; the value joins them with commas
	Bool             // a checkbox; the value is "true" or "false"
)

// Option is one entry of a choice: the value stored and the label shown.
type Option struct {
	Value string
	Label string
}

// Options makes options whose labels are their values.
func Options(values ...string) []Option {
	out := make([]Option, len(values))
	for i, v := range values {
		out[i] = Option{Value: v, Label: v}
	}
	return out
}

// Field describes one input of a form.
type Field struct {
	Key   string
	Label string
	Kind  Kind
	// Masked hides the value everywhere it could be drawn (Secret implies
	// it); Changes reports it as ••••.
	Masked bool
	// Hint is shown beside the input, such as the expected format. Date and
	// DateTime fields get theirs by default.
	Hint        string
	Placeholder string
	// Section starts a titled group of fields when it differs from the
	// previous field's.
	Section   string
	Options   []Option
	Required  bool
	ReadOnly  bool
	CharLimit int
	// Validate runs after the kind's own check, on a non-empty value
	// (trimmed unless masked). Its message is shown beside the field, so it
	// must never quote a masked value.
	Validate func(string) error
}

func (f Field) masked() bool { return f.Masked || f.Kind == Secret }

func (f Field) typed() bool {
	switch f.Kind {
	case Choice, MultiChoice, Bool:
		return false
	}
	return true
}

// The formats of Date and DateTime fields, as shown to the user.
const (
	DateFormat     = "YYYY-MM-DD"
	DateTimeFormat = "YYYY.MM.DD HH:MM:SS"
)

func (f Field) charLimit() int {
	switch {
	case f.CharLimit > 0:
		return f.CharLimit
	case f.Kind == Date:
		return len("2006-01-02")
	case f.Kind == DateTime:
		return len("2006.01.02 15:04:05")
	}
	return 256
}

func (f Field) hint() string {
	if f.Hint != "" {
		return f.Hint
	}
	switch f.Kind {
	case Date:
		return DateFormat
	case DateTime:
		return DateTimeFormat
	case Number:
		return "a number"
	case Choice, MultiChoice:
		return "space to pick"
	}
	return ""
}

// The checks of the kinds. Their messages never quote the value.
var (
	ErrDate     = errors.New("not a date: use " + DateFormat + ", e.g. 1970-07-14")
	ErrDateTime = errors.New("not a date and time: use " + DateTimeFormat + ", e.g. 2012.07.28 22:59:59")
	ErrDigits   = errors.New("digits 0–9 only")
	ErrNumber   = errors.New("not a number: digits with an optional - and one decimal point, e.g. 12.5")
	ErrEmail    = errors.New("not an email address: it looks like name@example.com")
	ErrRequired = errors.New("required")
	ErrChoice   = errors.New("not one of the choices")
)

// CheckDate accepts a real calendar date written YYYY-MM-DD.
func CheckDate(s string) error {
	if len(s) != 10 {
		return ErrDate
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return ErrDate
	}
	return nil
}

// CheckDateTime accepts YYYY.MM.DD HH:MM:SS.
func CheckDateTime(s string) error {
	if len(s) != 19 {
		return ErrDateTime
	}
	if _, err := time.Parse("2006.01.02 15:04:05", s); err != nil {
		return ErrDateTime
	}
	return nil
}

// CheckDigits accepts 0–9 only.
func CheckDigits(s string) error {
	for _, r := range s {
		if r < '0' || r > '9' {
			return ErrDigits
		}
	}
	return nil
}

var numberRE = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)$`)

// CheckNumber accepts a decimal number such as 12, -3 or 12.50.
func CheckNumber(s string) error {
	if !numberRE.MatchString(s) {
		return ErrNumber
	}
	return nil
}

// emailRE is a shape check only (something@domain.tld); the server has the
// last word.
var emailRE = regexp.MustCompile(`^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$`)

// CheckEmail accepts text shaped like an email address.
func CheckEmail(s string) error {
	if !emailRE.MatchString(s) {
		return ErrEmail
	}
	return nil
}

// check validates a normalised value in full.
func (f Field) check(v string) error {
	if v == "" || (f.Kind == Bool && v == "false") {
		if f.Required {
			return ErrRequired
		}
		return nil
	}
	if err := f.kindCheck(v); err != nil {
		return err
	}
	if f.Validate != nil {
		return f.Validate(v)
	}
	return nil
}

func (f Field) kindCheck(v string) error {
	switch f.Kind {
	case Digits:
		return CheckDigits(v)
	case Number:
		return CheckNumber(v)
	case Date:
		return CheckDate(v)
	case DateTime:
		return CheckDateTime(v)
	case Choice:
		if !f.hasOption(v) {
			return ErrChoice
		}
	case MultiChoice:
		for _, p := range splitList(v) {
			if !f.hasOption(p) {
				return ErrChoice
			}
		}
	}
	return nil
}

// earlyError reports input that can never become valid by typing more, so
// it is shown while the user is still typing; an incomplete value waits
// until the field is left.
func (f Field) earlyError(v string) error {
	switch f.Kind {
	case Digits:
		return CheckDigits(v)
	case Number:
		if strings.Trim(v, "+-0123456789.") != "" {
			return ErrNumber
		}
	case Date:
		if !fitsPattern(v, "dddd-dd-dd") {
			return ErrDate
		}
	case DateTime:
		if !fitsPattern(v, "dddd.dd.dd dd:dd:dd") {
			return ErrDateTime
		}
	}
	return nil
}

// fitsPattern reports whether v is a prefix of the pattern's shape, where d
// stands for a digit.
func fitsPattern(v, pattern string) bool {
	if len(v) > len(pattern) {
		return false
	}
	for i := 0; i < len(v); i++ {
		p, c := pattern[i], v[i]
		if p == 'd' && (c < '0' || c > '9') || p != 'd' && c != p {
			return false
		}
	}
	return true
}

func (f Field) hasOption(v string) bool {
	return slices.ContainsFunc(f.Options, func(o Option) bool { return o.Value == v })
}

func (f Field) label(v string) string {
	for _, o := range f.Options {
		if o.Value == v && o.Label != "" {
			return o.Label
		}
	}
	return v
}

// normalise brings a value into the form the field keeps: text is trimmed
// (a masked value is kept exactly), a choice list follows the options'
// order, a checkbox is "true" or "false".
func (f Field) normalise(v string) string {
	switch f.Kind {
	case Bool:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "yes", "y", "1", "on":
			return "true"
		}
		return "false"
	case MultiChoice:
		return strings.Join(f.orderChoices(splitList(v)), ",")
	case Choice:
		return strings.TrimSpace(v)
	}
	if f.masked() {
		return v
	}
	return strings.TrimSpace(v)
}

// orderChoices sorts picked values into option order; values that are not
// options (kept from the server) go last, in their own order.
func (f Field) orderChoices(picked []string) []string {
	var out []string
	for _, o := range f.Options {
		if slices.Contains(picked, o.Value) {
			out = append(out, o.Value)
		}
	}
	for _, p := range picked {
		if !f.hasOption(p) && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
