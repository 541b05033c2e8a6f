package importer

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The exports merchants bring, one header row per language: every column
// is recognised without help.
func TestAutoMapSevenLanguages(t *testing.T) {
	cases := map[string]struct {
		header []string
		want   []string
	}{
		"German": {
			[]string{"Kunden-Nr.", "Vorname", "Nachname", "E-Mail", "Telefon", "Geburtstag", "Straße", "PLZ", "Ort", "Bundesland", "Land", "Bemerkung"},
			[]string{"code", "first_name", "last_name", "email", "phone", "custom_date", "street1", "postal_code", "city", "state", "country", "custom_field"},
		},
		"French": {
			[]string{"N° client", "Prénom", "Nom", "Courriel", "Téléphone portable", "Date de naissance", "Adresse", "Code postal", "Ville", "Pays", "Carte de fidélité"},
			[]string{"code", "first_name", "last_name", "email", "phone", "custom_date", "street1", "postal_code", "city", "country", "card_number"},
		},
		"Spanish": {
			[]string{"Número de cliente", "Nombre", "Apellidos", "Correo electrónico", "Móvil", "Fecha de nacimiento", "Dirección", "C.P.", "Ciudad", "Provincia", "Nº tarjeta"},
			[]string{"code", "first_name", "last_name", "email", "phone", "custom_date", "street1", "postal_code", "city", "state", "card_number"},
		},
		"Italian": {
			[]string{"Codice cliente", "Nome", "Cognome", "Email", "Cellulare", "Data di nascita", "Indirizzo", "CAP", "Città", "Provincia", "Note", "Nome utente"},
			[]string{"code", "first_name", "last_name", "email", "phone", "custom_date", "street1", "postal_code", "city", "state", "custom_field", "customer_username"},
		},
		"Dutch": {
			[]string{"Klantnummer", "Voornaam", "Achternaam", "E-mailadres", "Telefoonnummer", "Geboortedatum", "Straat", "Postcode", "Woonplaats", "Land", "Klantenkaart"},
			[]string{"code", "first_name", "last_name", "email", "phone", "custom_date", "street1", "postal_code", "city", "country", "card_number"},
		},
		"Portuguese": {
			[]string{"Código do cliente", "Nome", "Apelido", "E-mail", "Telemóvel", "Data de nascimento", "Morada", "Código postal", "Localidade", "Distrito", "País", "Cartão"},
			[]string{"code", "first_name", "last_name", "email", "phone", "custom_date", "street1", "postal_code", "city", "state", "country", "card_number"},
		},
		"English": {
			[]string{"Customer #", "First Name", "Surname", "Email address", "Mobile No.", "Date of birth", "Address line 1", "Address line 2", "Town", "County", "Zip", "Card number"},
			[]string{"code", "first_name", "last_name", "email", "phone", "custom_date", "street1", "street2", "city", "state", "postal_code", "card_number"},
		},
	}
	for lang, c := range cases {
		m := AutoMap(c.header, len(c.header))
		assert.Equal(t, c.want, m.Headers(), lang)
		assert.Empty(t, defaultRecognizer.Unrecognised(c.header, m), lang)
	}
}

func TestNormalizeNameFoldsCaseAccentsPunctuationAndNumberMarks(t *testing.T) {
	for in, want := range map[string]string{
		"E-Mail":            "email",
		"  STRASSE ":        "strasse",
		"Straße":            "strasse",
		"Téléphone":         "telephone",
		"N° client":         "client",
		"Nº cliente":        "cliente",
		"Kunden-Nr.":        "kunden",
		"Card #":            "card",
		"Numéro de carte":   "carte",
		"Date of birth":     "datebirth",
		"Complément d'adr.": "complementadr",
	} {
		assert.Equal(t, want, normalizeName(in), in)
	}
}

func TestRecognizeToleratesTypos(t *testing.T) {
	for name, want := range map[string]string{
		"Vornmae":       "first_name", // swapped letters
		"Nachnme":       "last_name",
		"Telefonummer":  "phone",
		"Geburtsdatun":  "custom_date",
		"Postleitzhal":  "postal_code",
		"Achtenaam":     "last_name",
		"Emial address": "email",
	} {
		h, auto := SuggestHeader(name)
		assert.Equal(t, want, h, name)
		assert.True(t, auto, name)
	}
	for _, name := range []string{"Name", "Status", "Farbe", "Ortx", "Kommission"} {
		h, _ := SuggestHeader(name)
		assert.Empty(t, h, "%s is no field", name)
	}
}

// An exact name beats a name with a typo for the same field.
func TestAutoMapPrefersExactOverTypo(t *testing.T) {
	m := AutoMap([]string{"Emial", "E-Mail"}, 2)
	assert.Equal(t, []string{"", "email"}, m.Headers())
}

func TestUnrecognisedProposesTheNearestField(t *testing.T) {
	header := []string{"Kundenvorname", "Kundennachname", "E-Mail", "Lieblingsfarbe", "PLZ"}
	m := AutoMap(header, len(header))
	assert.Equal(t, []string{"", "", "email", "", "postal_code"}, m.Headers())
	assert.Equal(t, []Unknown{
		{Column: 0, Name: "Kundenvorname", Nearest: "first_name"},
		{Column: 1, Name: "Kundennachname", Nearest: "last_name"},
		{Column: 3, Name: "Lieblingsfarbe"},
	}, defaultRecognizer.Unrecognised(header, m))
	named, identified := m.Identifies()
	assert.False(t, named, "no name column was recognised")
	assert.True(t, identified)
}

// The merchant's own labels (manage_fields) name fields too, ahead of the
// built-in names.
func TestRecognizerUsesTheMerchantsLabels(t *testing.T) {
	r := NewRecognizer(Labels{"custom_field": "Lieblingsfarbe", "custom_date": "Kundenseit"})
	m := r.AutoMap([]string{"Lieblingsfarbe", "Kunden seit", "Bemerkung"}, 3)
	assert.Equal(t, []string{"custom_field", "custom_date", ""}, m.Headers())
}

// No name means two fields at once.
func TestKnownNamesNeverMeanTwoFields(t *testing.T) {
	seen := map[string]string{}
	for header, names := range knownNames {
		for _, n := range names {
			k := normalizeName(n)
			if other, ok := seen[k]; ok && other != header {
				t.Errorf("%q is both %s and %s", n, other, header)
			}
			seen[k] = header
		}
	}
}
