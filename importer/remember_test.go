package importer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRememberedMappingForTheSameHeaders(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	header := []string{"Nr", "Vorname", "Farbe", "Geb."}
	m, err := Recall(dir, header, 4)
	require.NoError(t, err)
	assert.Nil(t, m, "nothing remembered yet")

	confirmed := AutoMap(header, 4)
	_, err = confirmed.Assign(0, "code")
	require.NoError(t, err)
	_, err = confirmed.Assign(2, "custom_field")
	require.NoError(t, err)
	_, err = confirmed.Assign(3, "custom_date")
	require.NoError(t, err)
	confirmed.SetDateOrder(DMY)
	require.NoError(t, Remember(dir, header, confirmed))
	info, err := os.Stat(filepath.Join(dir, mappingsFile))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	// Next month's export: the same columns, in another order and case.
	next := []string{"vorname", "GEB", "nr", "Farbe"}
	m, err = Recall(dir, next, 4)
	require.NoError(t, err)
	require.NotNil(t, m)
	assert.Equal(t, []string{"first_name", "custom_date", "code", "custom_field"}, m.Headers())
	assert.Equal(t, DMY, m.DateOrder())

	m, err = Recall(dir, []string{"Nr", "Vorname", "Farbe"}, 3)
	require.NoError(t, err)
	assert.Nil(t, m, "another set of headers has its own mapping")
}

func TestRememberedMappingsFileBroken(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, mappingsFile), []byte("{not json"), 0o600))
	_, err := Recall(dir, []string{"a"}, 1)
	assert.ErrorContains(t, err, "delete it to start afresh")
	require.NoError(t, Remember(dir, []string{"a"}, AutoMap([]string{"a"}, 1)), "saving starts the file afresh")
}
