package importer

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

var existingCustomers = []apiclient.Customer{
	{Code: "A1", CardNumber: "100", FirstName: "Ana", LastName: "Silva", Email: "ana@example.com", City: "Porto"},
	{Code: "B2", CardNumber: "200", FirstName: "Ben", LastName: "Ng", City: "Perth"},
	{Code: "D4", CardNumber: "777", FirstName: "Dee"},
	{Code: "E5", CardNumber: "777", FirstName: "Eli"},
	{Code: "F6", FirstName: "Fay"},
}

// previewJob: A1 matched by code, 200 by card (no code), 777 ambiguous,
// X9 new, a row without code or card new (generated code), F6 by code.
func previewJob(t *testing.T, o Options) *Job {
	return prepare(t, writeFile(t, "p.csv", "code,card,first name,city,pin\n"+
		"A1,101,Anabela,,1234\n"+
		",200,Benjamin,Perth,\n"+
		",777,Who,,\n"+
		"X9,900,Xena,Oslo,\n"+
		",,Nobody,,\n"+
		"F6,,Fay,,\n"), o)
}

func TestPreviewCounts(t *testing.T) {
	pv := previewJob(t, Options{}).Preview(NewExisting(existingCustomers))
	assert.Equal(t, 3, pv.Matched())
	assert.Equal(t, []int{2}, pv.Ambiguous())
	assert.Equal(t, ModeCounts{Mode: apiclient.Overwrite, New: 2, Overwritten: 3, Ambiguous: 1}, pv.Counts(apiclient.Overwrite))
	assert.Equal(t, ModeCounts{Mode: apiclient.Update, New: 2, Updated: 3, Ambiguous: 1}, pv.Counts(apiclient.Update))
	assert.Equal(t, ModeCounts{Mode: apiclient.Ignore, New: 2, Skipped: 3, Ambiguous: 1}, pv.Counts(apiclient.Ignore))
}

func TestPreviewDiffUpdate(t *testing.T) {
	pv := previewJob(t, Options{}).Preview(NewExisting(existingCustomers))
	d := pv.Diff(apiclient.Update, 0)
	assert.Equal(t, RowDiff{Row: 0, Line: 2, Code: "A1", MatchedBy: "code", Changes: []Change{
		{Field: "card_number", Before: "100", After: "101"},
		{Field: "first_name", Before: "Ana", After: "Anabela"},
		{Field: "city", Before: "Porto", After: ""},
		{Field: "customer_PIN", After: SecretSet, BeforeUnknown: true, Secret: true},
	}}, d, "only imported fields; a blank imported value blanks; the PIN is not shown")

	d = pv.Diff(apiclient.Update, 1)
	assert.Equal(t, "B2", d.Code)
	assert.Equal(t, "card_number", d.MatchedBy)
	assert.Equal(t, []Change{
		{Field: "first_name", Before: "Ben", After: "Benjamin"},
		{Field: "customer_PIN", BeforeUnknown: true, Secret: true},
	}, d.Changes, "unchanged fields are left out; an imported blank PIN blanks it")
}

func TestPreviewDiffOverwrite(t *testing.T) {
	pv := previewJob(t, Options{CardNumberGenerate: 8}).Preview(NewExisting(existingCustomers))
	d := pv.Diff(apiclient.Overwrite, 1)
	assert.True(t, d.ClearsUnseen)
	assert.Equal(t, []Change{
		{Field: "first_name", Before: "Ben", After: "Benjamin"},
		{Field: "last_name", Before: "Ng", After: ""},
		{Field: "customer_password", BeforeUnknown: true, Secret: true},
		{Field: "customer_PIN", BeforeUnknown: true, Secret: true},
	}, d.Changes, "every field not imported is blanked")

	d = pv.Diff(apiclient.Overwrite, 2)
	assert.Equal(t, "F6", d.Code)
	assert.Equal(t, Change{Field: "card_number", Generated: true}, d.Changes[0], "left without a card, it gets a generated one")
}

func TestPreviewDiffIgnore(t *testing.T) {
	pv := previewJob(t, Options{}).Preview(NewExisting(existingCustomers))
	for i := range pv.Matched() {
		d := pv.Diff(apiclient.Ignore, i)
		assert.Empty(t, d.Changes)
		assert.False(t, d.ClearsUnseen)
	}
}

func TestPreviewUpdateGeneratesMissingCard(t *testing.T) {
	j := prepare(t, writeFile(t, "g.csv", "code,first name\nF6,Fay\nA1,Ana\n"), Options{CardNumberGenerate: 8})
	pv := j.Preview(NewExisting(existingCustomers))
	require.Equal(t, 2, pv.Matched())
	assert.Equal(t, []Change{{Field: "card_number", Generated: true}}, pv.Diff(apiclient.Update, 0).Changes)
	assert.Empty(t, pv.Diff(apiclient.Update, 1).Changes, "an existing card is kept")
}

func TestPreviewGeneratedCodeFindsEarlierImport(t *testing.T) {
	j := previewJob(t, Options{})
	code := GeneratedCode(j.plan.table.ContentHash(), 4)
	ex := NewExisting(append([]apiclient.Customer{{Code: code, FirstName: "Nobody"}}, existingCustomers...))
	pv := j.Preview(ex)
	assert.Equal(t, 4, pv.Matched(), "the row imported before is matched by its generated code")
}

func TestLoadExisting(t *testing.T) {
	var seen []int
	report := func(_ context.Context, f apiclient.ReportFilter, fn func(apiclient.Customer) error) error {
		if len(f.Campaigns) > 0 || f.Last != "" {
			return errors.New("the report must not be filtered")
		}
		for i := range 2500 {
			if err := fn(apiclient.Customer{Code: fmt.Sprint(i)}); err != nil {
				return err
			}
		}
		return nil
	}
	ex, err := LoadExisting(context.Background(), report, func(n int) { seen = append(seen, n) })
	require.NoError(t, err)
	assert.Equal(t, 2500, ex.Len())
	assert.Equal(t, []int{1000, 2000}, seen)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = LoadExisting(ctx, report, nil)
	assert.ErrorIs(t, err, context.Canceled)
}
