package importer

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

func TestRenamesAreTheirOwnGroup(t *testing.T) {
	ex := NewExisting([]apiclient.Customer{
		{Code: "C1", CardNumber: "11111111", FirstName: "Jane", LastName: "Doe"},
		{Code: "C2", CardNumber: "22222222", FirstName: "Jon", LastName: "Smith"},
		{Code: "C3", CardNumber: "33333333", FirstName: "Ana", LastName: "Silva"},
		{Code: "C4", CardNumber: "44444444", FirstName: "Marie", LastName: "Curie"},
		{Code: "C5", CardNumber: "55555555"},
	})
	p := validate(t, "card,first name,last name\n"+
		"11111111,Jasmine,Flores\n"+ // a different person
		"22222222,John,Smith\n"+ // the same, spelled out
		"33333333,Ana,Silva-Costa\n"+ // married
		"44444444,Curie,Marie\n"+ // swapped
		"55555555,Eve,Fox\n"+ // had no name
		"66666666,New,Person\n") // new
	j, err := p.Prepare(Options{Mode: apiclient.Update, Campaigns: []string{"1"}, NoGeneratedCodes: true})
	require.NoError(t, err)
	pv := j.Preview(ex)
	want := []Rename{{Row: 0, Line: 2, Code: "C1", MatchedBy: "card_number", Key: "11111111", Before: "Jane Doe", After: "Jasmine Flores"}}
	assert.Equal(t, want, pv.Renames(apiclient.Update))
	assert.Equal(t, want, pv.Renames(apiclient.Overwrite))
	assert.Empty(t, pv.Renames(apiclient.Ignore), "ignore changes no one")
	assert.Same(t, &pv.Renames(apiclient.Update)[0], &pv.Renames(apiclient.Update)[0], "worked out once per mode, not on every frame")

	aside, err := j.SetAsideRenames(pv.Renames(apiclient.Update))
	require.NoError(t, err)
	assert.Equal(t, 5, aside.Rows())
	assert.Equal(t, 6, j.Rows(), "the job set aside from is unchanged")
	assert.NotEqual(t, j.ID(), aside.ID(), "what is set aside is part of the import")
	assert.Equal(t, 4, aside.Preview(ex).Counts(apiclient.Update).Updated, "the renamed customer is not updated")
	for _, mode := range []apiclient.DuplicateMode{apiclient.Overwrite, apiclient.Update, apiclient.Ignore} {
		sent := j.Preview(ex).Counts(mode)
		if r := pv.Renames(mode); len(r) > 0 {
			sentJob, err := j.SetAsideRenames(r)
			require.NoError(t, err)
			sent = sentJob.Preview(ex).Counts(mode)
		}
		assert.Equal(t, sent, pv.CountsSettingAsideRenames(mode), "mode %s: the counts are those of the rows sent", mode)
	}
	assert.Equal(t, 4, pv.CountsSettingAsideRenames(apiclient.Overwrite).Overwritten)

	path := filepath.Join(t.TempDir(), "rejected.csv")
	require.NoError(t, aside.writeRejected(path, newJournalState()))
	recs := readCSV(t, path)
	require.Len(t, recs, 2)
	assert.Equal(t, "2", recs[1][0])
	assert.Contains(t, recs[1][1], `would rename customer C1 from "Jane Doe" to "Jasmine Flores"`)
}

// Headless and the wizard upload the job set aside from; a resumed import
// sets the same rows aside again.
func TestSetAsideRowsSurviveResume(t *testing.T) {
	path := writeFile(t, "c.csv", "code,first name,last name\nC1,Jasmine,Flores\nC2,Bob,Ray\n")
	tbl, err := ReadTable(context.Background(), File(path, Format{Delimiter: ',', Header: true}))
	require.NoError(t, err)
	p, err := Validate(tbl, AutoMap(tbl.Header(), tbl.Columns()))
	require.NoError(t, err)
	j, err := p.Prepare(Options{Mode: apiclient.Update, Campaigns: []string{"1"}})
	require.NoError(t, err)
	j, err = j.SetAside([]int{0}, func(int) string { return "set aside" })
	require.NoError(t, err)
	r := Resumable{ID: j.ID(), Path: path, Options: j.opts, start: journalStart{identityRecord: j.identityRecord()}}
	again, err := Resume(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, j.ID(), again.ID())
	assert.Equal(t, 1, again.Rows())
}
