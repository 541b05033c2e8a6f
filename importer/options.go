package importer

import (
	"errors"
	"fmt"
	"strings"

	"loyaltydesk/apiclient"
)

// NoUndoAdvice is the documents' advice on no_undo, for the options screen.
const NoUndoAdvice = "Leave \"no undo\" off while you are still trying an import: an undo state is saved, " +
	"so a wrong import can be taken back in the admin interface. Once the file layout is known to be right " +
	"and the import is automated, turn it on to keep the list of undo states short."

// ChunkBytesDefault is the default size of one request: Profiles_Data is
// sent as form data, and a megabyte keeps a request quick to send and
// below the body limits servers and proxies commonly set.
const ChunkBytesDefault = 1 << 20

// Options are the choices of an import besides the mapping.
type Options struct {
	// Mode is what happens to a customer that already exists (required).
	Mode apiclient.DuplicateMode `json:"mode"`
	// Campaigns new and updated customers are enrolled in (at least one);
	// auto_add goes to the first.
	Campaigns []string `json:"campaigns"`
	// CardNumberGenerate, when not 0, has the server generate card numbers
	// of that many digits (4 to 19) for customers left without one.
	CardNumberGenerate int `json:"card_number_generate,omitempty"`
	// NoUndo asks the server not to save an undo state (see NoUndoAdvice).
	NoUndo bool `json:"no_undo,omitempty"`
	// NoGeneratedCodes sends rows without code and card number as they are
	// (the server gives them random codes). Re-sending such a row after a
	// lost answer would create the customer twice, so it is then not done
	// without asking (see the package documentation).
	NoGeneratedCodes bool `json:"no_generated_codes,omitempty"`
	// KeepBlanks, in mode update, makes a blank cell leave the customer's
	// field as it is instead of blanking it (say, a POS with no email for
	// the customer). A batch's columns apply to all its rows, so each chunk
	// is sent as several requests, one per set of columns its rows give.
	// In modes yes and ignore it changes nothing.
	KeepBlanks bool `json:"keep_blanks,omitempty"`
	// RejectFixable sets aside fixable rows instead of sending them fixed.
	RejectFixable bool `json:"reject_fixable,omitempty"`
	// ChunkRows caps the rows of one request (0: no cap but the size).
	ChunkRows int `json:"chunk_rows,omitempty"`
	// ChunkBytes caps the form data of one request (0: ChunkBytesDefault).
	ChunkBytes int `json:"chunk_bytes,omitempty"`
}

// Check reports the first problem with the options.
func (o Options) Check() error {
	switch o.Mode {
	case apiclient.Overwrite, apiclient.Update, apiclient.Ignore:
	case "":
		return errors.New("choose what happens to customers that already exist: overwrite (yes), update or ignore")
	default:
		return fmt.Errorf("the duplicate mode must be yes (overwrite), update or ignore, not %q", o.Mode)
	}
	if len(o.Campaigns) == 0 {
		return errors.New("choose at least one campaign to enrol the customers in")
	}
	for _, id := range o.Campaigns {
		if id == "" || strings.ContainsAny(id, " \t\r\n,|") {
			return fmt.Errorf("%q is not a campaign ID", id)
		}
	}
	if g := o.CardNumberGenerate; g != 0 && (g < 4 || g > 19) {
		return fmt.Errorf("generated card numbers must have 4 to 19 digits, not %d", g)
	}
	if o.ChunkRows < 0 || o.ChunkBytes < 0 {
		return errors.New("chunk sizes cannot be negative")
	}
	if o.ChunkBytes != 0 && o.ChunkBytes < 4<<10 {
		return fmt.Errorf("a chunk of %d bytes is too small (at least 4 KB)", o.ChunkBytes)
	}
	return nil
}

// ParseMode reads a duplicate mode as the command line gives it: yes or
// overwrite, update, ignore or skip.
func ParseMode(s string) (apiclient.DuplicateMode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "overwrite":
		return apiclient.Overwrite, nil
	case "update":
		return apiclient.Update, nil
	case "ignore", "skip":
		return apiclient.Ignore, nil
	}
	return "", fmt.Errorf("--mode %q: use overwrite (yes), update or ignore", s)
}

// ParseCampaigns splits a campaign list written "123,456" (or with the
// API's "|,|").
func ParseCampaigns(s string) []string {
	s = strings.ReplaceAll(s, "|,|", ",")
	var out []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}
