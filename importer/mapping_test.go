package importer

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAutoMapSynonyms(t *testing.T) {
	cases := map[string]string{
		"First Name": "first_name", "Given name": "first_name", "firstname": "first_name",
		"Surname": "last_name", "Family name": "last_name", "LAST_NAME": "last_name",
		"DOB": "custom_date", "Birthday": "custom_date", "Birth date": "custom_date",
		"Zip": "postal_code", "Zip code": "postal_code", "Postcode": "postal_code",
		"Mobile": "phone", "Cell": "phone", "Telephone": "phone",
		"E-mail": "email", "e_mail ": "email",
		"Address": "street1", "Address 2": "street2",
		"Card": "card_number", "Card No": "card_number", "Card no.": "card_number",
		"Customer ID": "code", "ID": "code",
		"Province": "state", "Town": "city", "PIN": "customer_PIN", "Username": "customer_username",
		"Notes": "custom_field", "Password": "customer_password", "Country": "country",
		"Bonus points": "auto_add",
	}
	for name, want := range cases {
		m := AutoMap([]string{name}, 1)
		assert.Equal(t, want, m.Header(0), name)
	}
}

func TestAutoMapPointsOnlySuggested(t *testing.T) {
	m := AutoMap([]string{"Points"}, 1)
	assert.Equal(t, "", m.Header(0), "auto_add adds to balances: not mapped by itself")
	h, auto := SuggestHeader("Points")
	assert.Equal(t, "auto_add", h)
	assert.False(t, auto)
}

func TestAutoMapNeverTwoColumnsToOneHeader(t *testing.T) {
	m := AutoMap([]string{"Mobile", "Phone", "Telephone", "Name", "E-mail", "Email address"}, 6)
	assert.Equal(t, []string{"", "phone", "", "", "email", ""}, m.Headers(), "the better-known name wins")
	m = AutoMap([]string{"Mobile", "Cell"}, 2)
	assert.Equal(t, []string{"phone", ""}, m.Headers())
}

func TestAssignDisplaces(t *testing.T) {
	m := AutoMap([]string{"Phone", "Mobile"}, 2)
	displaced, err := m.Assign(1, "phone")
	require.NoError(t, err)
	assert.Equal(t, 0, displaced)
	assert.Equal(t, []string{"", "phone"}, m.Headers())

	_, err = m.Assign(0, "telephone")
	assert.ErrorContains(t, err, "not a customer field")
	_, err = m.Assign(5, "phone")
	assert.ErrorContains(t, err, "no column 6")
}

func TestApplySpec(t *testing.T) {
	header := []string{"Kundennr", "Vorname", "Tel."}
	m := AutoMap(header, 3)
	require.NoError(t, m.ApplySpec(header, "Kundennr=code"))
	require.NoError(t, m.ApplySpec(header, "2=first name"))
	require.NoError(t, m.ApplySpec(header, "tel=phone"))
	assert.Equal(t, []string{"code", "first_name", "phone"}, m.Headers())
	require.NoError(t, m.ApplySpec(header, "3=skip"))
	assert.Equal(t, "", m.Header(2))

	assert.ErrorContains(t, m.ApplySpec(header, "Vorname"), "column=field")
	assert.ErrorContains(t, m.ApplySpec(header, "Nachname=last_name"), "no column is named")
	assert.ErrorContains(t, m.ApplySpec(header, "9=last_name"), "no column 9")
	assert.ErrorContains(t, m.ApplySpec(header, "1=shoe_size"), "not a customer field")
}

func TestMappingOf(t *testing.T) {
	m, err := MappingOf([]string{"code", "", "email"})
	require.NoError(t, err)
	assert.Equal(t, 2, m.Mapped())
	_, err = MappingOf([]string{"code", "code"})
	assert.ErrorContains(t, err, "both go to code")
}
