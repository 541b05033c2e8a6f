package apiclient

import (
	"context"
	"strings"

	"loyaltydesk/apiclient/wire"
)

// FieldType is the type of a customer or transaction field (manage_fields).
type FieldType string

// The field types of manage_fields.
const (
	FieldText FieldType = "Text"
	FieldDate FieldType = "Date" // YYYY-MM-DD
	FieldPick FieldType = "Pick" // one of the choices
	FieldList FieldType = "List" // several choices, sent joined with ListSeparator
)

// ListSeparator joins the choices of a List field.
const ListSeparator = ", "

// FieldDef is one field as the merchant set it up: standard customer fields
// (first_name, email, …) and numbered ones (custom_field_N) alike.
type FieldDef struct {
	Name     string // form name: first_name, custom_field_2, …
	Label    string // the merchant's name for it
	Show     bool
	Required bool
	Type     FieldType
	Choices  []string
}

// Number is N of a custom_field_N, or false for a standard field.
func (d FieldDef) Number() (int, bool) { return customFieldNumber(d.Name) }

// Title is the field's name for screens: the merchant's label, else a
// readable form of its name.
func (d FieldDef) Title() string {
	if l := strings.TrimSpace(d.Label); l != "" {
		return l
	}
	if n, ok := d.Number(); ok {
		return "Field " + itoa(n)
	}
	s := strings.ReplaceAll(d.Name, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// SplitList reads a List field's value into its choices.
func SplitList(v string) []string {
	var out []string
	for _, part := range strings.Split(v, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// JoinList writes choices as a List field's value.
func JoinList(choices []string) string { return strings.Join(choices, ListSeparator) }

// CustomerFields lists every customer field as the merchant set them up
// (manage_fields action=list, API 1.6 with user_api_key).
func (c *Client) CustomerFields(ctx context.Context) ([]FieldDef, error) {
	return c.fields(ctx, "customer fields", "manage_fields")
}

// TransactionFields lists the account's transaction fields
// (transaction_fields action=list, same shape); their values go on
// record_activity as custom_field_N.
func (c *Client) TransactionFields(ctx context.Context) ([]FieldDef, error) {
	return c.fields(ctx, "transaction fields", "transaction_fields")
}

func (c *Client) fields(ctx context.Context, op, callType string) ([]FieldDef, error) {
	form := c.form(callType, authAPIKey16)
	form.Set("action", "list")
	root, err := c.call(ctx, op, form)
	if err != nil {
		return nil, err
	}
	list := root.Find("fields")
	var out []FieldDef
	for _, n := range list.All("field") {
		out = append(out, fieldFromNode(n))
	}
	return out, nil
}

func fieldFromNode(n *wire.Node) FieldDef {
	d := FieldDef{
		Name: strings.TrimSpace(n.Get("name")), Label: n.Get("label"),
		Show: !isNo(n.Get("show")), Required: yes(n.Get("required")),
		Type: fieldType(n.Get("type")),
	}
	for _, ch := range n.Child("choices").All("choice") {
		if ch.Text != "" {
			d.Choices = append(d.Choices, ch.Text)
		}
	}
	return d
}

// fieldType reads a type in any letter case; an unknown one is Text.
func fieldType(s string) FieldType {
	for _, t := range []FieldType{FieldText, FieldDate, FieldPick, FieldList} {
		if strings.EqualFold(strings.TrimSpace(s), string(t)) {
			return t
		}
	}
	return FieldText
}

func isNo(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "n", "no", "false", "0":
		return true
	}
	return false
}
