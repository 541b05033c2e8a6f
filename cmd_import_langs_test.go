package main

import (
	"loyaltydesk/apiclient/fakeserver"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// export is one merchant's file and what should land on the server.
type export struct {
	name string
	// write makes the file in dir and returns its path.
	write func(t *testing.T, dir string) string
	want  []landed
}

// landed is a customer as the fake server should hold it afterwards.
type landed struct {
	code, first, last, phone, city, birthday string
}

// crlf ends every line with CR LF, as Windows programs write.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func textFile(name string, content func() []byte) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		require.NoError(t, writeBytes(path, content()))
		return path
	}
}

func windows1252(t *testing.T, s string) []byte {
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

// workbook writes rows to the first sheet of an .xlsx; time.Time values
// become real date cells shown in dateFormat, strings text cells.
func workbook(name, dateFormat string, rows [][]any) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		t.Helper()
		f := excelize.NewFile()
		defer f.Close()
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
		require.NoError(t, err)
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			require.NoError(t, f.SetSheetRow("Sheet1", cell, &r))
			for j, v := range r {
				if _, ok := v.(time.Time); ok {
					c, _ := excelize.CoordinatesToCellName(j+1, i+1)
					require.NoError(t, f.SetCellStyle("Sheet1", c, c, style))
				}
			}
		}
		path := filepath.Join(dir, name)
		require.NoError(t, f.SaveAs(path))
		return path
	}
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func sevenExports(t *testing.T) []export {
	return []export{
		{
			name: "German: Windows-1252, semicolons, CRLF, dd.mm.yyyy, an identical row twice",
			write: textFile("kunden.csv", func() []byte {
				return windows1252(t, crlf("Kundennummer;Vorname;Nachname;E-Mail;Telefon;Geburtstag;Straße;PLZ;Ort\n"+
					"DE-1;Jürgen;Groß;juergen@example.de;+49 351 4711;14.07.1970;Hauptstraße 5;01067;Dresden\n"+
					"DE-2;Anna;Weiß;anna@example.de;0171 1234567;03.02.1985;\"Am Markt 1; Hinterhaus\";80331;München\n"+
					"DE-1;Jürgen;Groß;juergen@example.de;+49 351 4711;14.07.1970;Hauptstraße 5;01067;Dresden\n"))
			}),
			want: []landed{{"DE-1", "Jürgen", "Groß", "+49 351 4711", "Dresden", "1970-07-14"}, {"DE-2", "Anna", "Weiß", "0171 1234567", "München", "1985-02-03"}},
		},
		{
			name: "French: UTF-8 with BOM, semicolons, CRLF, quoted separators, day-first",
			write: textFile("clients.csv", func() []byte {
				return []byte("\ufeff" + crlf("N° client;Prénom;Nom;Courriel;Téléphone portable;Date de naissance;Adresse;Code postal;Ville\n"+
					"FR-1;Élodie;Lefèvre;elodie@example.fr;06 12 34 56 78;25/12/1990;\"12, rue de la Paix; bât. B\";75002;Paris\n"+
					"FR-2;François;Dupont;francois@example.fr;07 98 76 54 32;01/02/1975;3 place Bellecour;69002;Lyon\n"))
			}),
			want: []landed{{"FR-1", "Élodie", "Lefèvre", "06 12 34 56 78", "Paris", "1990-12-25"}, {"FR-2", "François", "Dupont", "07 98 76 54 32", "Lyon", "1975-02-01"}},
		},
		{
			name: "Spanish: a workbook with date cells in dd/mm/yyyy and text postal codes",
			write: workbook("clientes.xlsx", "dd/mm/yyyy", [][]any{
				{"Número de cliente", "Nombre", "Apellidos", "Correo electrónico", "Móvil", "Fecha de nacimiento", "Dirección", "C.P.", "Ciudad"},
				{"ES-1", "José", "García López", "jose@example.es", "612 345 678", day(1980, 3, 4), "Calle Mayor 1", "08001", "Barcelona"},
				{"ES-2", "María", "Núñez", "maria@example.es", "699 000 111", day(1992, 11, 30), "Gran Vía 22", "28013", "Madrid"},
			}),
			want: []landed{{"ES-1", "José", "García López", "612 345 678", "Barcelona", "1980-03-04"}, {"ES-2", "María", "Núñez", "699 000 111", "Madrid", "1992-11-30"}},
		},
		{
			name: "Italian: Windows-1252, commas, quoted commas, CRLF",
			write: textFile("clienti.csv", func() []byte {
				return windows1252(t, crlf("Codice cliente,Nome,Cognome,Email,Cellulare,Data di nascita,Indirizzo,CAP,Città\n"+
					"IT-1,Niccolò,Ricci,nicco@example.it,333 1234567,31/01/1988,\"Via Roma, 10\",00184,Roma\n"+
					"IT-2,Lucia,D'Amico,lucia@example.it,347 7654321,05/06/1979,\"Corso Como, 2\",20154,Milano\n"))
			}),
			want: []landed{{"IT-1", "Niccolò", "Ricci", "333 1234567", "Roma", "1988-01-31"}, {"IT-2", "Lucia", "D'Amico", "347 7654321", "Milano", "1979-06-05"}},
		},
		{
			name: "Dutch: a workbook with date cells in d-m-yyyy",
			write: workbook("klanten.xlsx", "d-m-yyyy", [][]any{
				{"Klantnummer", "Voornaam", "Achternaam", "E-mailadres", "Telefoonnummer", "Geboortedatum", "Straat", "Postcode", "Woonplaats"},
				{"NL-1", "Sanne", "de Vries", "sanne@example.nl", "06-12345678", day(1995, 8, 9), "Prinsengracht 263", "1016 GV", "Amsterdam"},
				{"NL-2", "Joost", "van Dijk", "joost@example.nl", "010-1234567", day(1969, 1, 2), "Coolsingel 40", "3011 AD", "Rotterdam"},
			}),
			want: []landed{{"NL-1", "Sanne", "de Vries", "06-12345678", "Amsterdam", "1995-08-09"}, {"NL-2", "Joost", "van Dijk", "010-1234567", "Rotterdam", "1969-01-02"}},
		},
		{
			name: "Portuguese: tab-separated, BOM, CRLF",
			write: textFile("clientes-pt.txt", func() []byte {
				return []byte("\ufeff" + crlf("Nº cliente\tNome\tApelido\tE-mail\tTelemóvel\tData de nascimento\tMorada\tCódigo postal\tLocalidade\n"+
					"PT-1\tJoão\tConceição\tjoao@example.pt\t912 345 678\t20/10/1983\tRua Augusta 100\t1100-053\tLisboa\n"+
					"PT-2\tInês\tAraújo\tines@example.pt\t936 111 222\t07/03/1991\tAvenida dos Aliados 5\t4000-064\tPorto\n"))
			}),
			want: []landed{{"PT-1", "João", "Conceição", "912 345 678", "Lisboa", "1983-10-20"}, {"PT-2", "Inês", "Araújo", "936 111 222", "Porto", "1991-03-07"}},
		},
		{
			name: "English: commas, quoted commas, month-first dates",
			write: textFile("customers.csv", func() []byte {
				return []byte("Customer #,First Name,Surname,Email address,Mobile No.,Date of birth,Address line 1,Town,Zip\n" +
					"EN-1,Mary,O'Neil,mary@example.com,(555) 010-2030,12/25/1977,\"1 Main St, Apt 4\",Springfield,01101\n" +
					"EN-2,Tom,Baker,tom@example.com,555-0199,03/04/1960,\"22 Elm St, Suite 9\",Boston,02108\n")
			}),
			want: []landed{{"EN-1", "Mary", "O'Neil", "(555) 010-2030", "Springfield", "1977-12-25"}, {"EN-2", "Tom", "Baker", "555-0199", "Boston", "1960-03-04"}},
		},
	}
}

// Exports in seven languages, with the usual mess, import headless with no
// --map: names, phones, cities and birthdays land on the server.
func TestImportExportsInSevenLanguages(t *testing.T) {
	for _, e := range sevenExports(t) {
		t.Run(e.name, func(t *testing.T) {
			h := newHeadless(t)
			path := e.write(t, h.dir)

			r := h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--fix-dates", "--yes")

			require.NoError(t, r.err)
			assert.NotContains(t, r.out, "Not recognised")
			assert.NotContains(t, r.out, "custom_date")
			for _, w := range e.want {
				c, ok := h.loyalty.Customer(w.code)
				require.True(t, ok, w.code)
				assert.Equal(t, w, landed{w.code, c.FirstName, c.LastName, c.Phone, c.City, c.CustomDate})
			}
		})
	}
}

// The German export's identical row is imported once, and the summary
// says so.
func TestImportCollapsesIdenticalRows(t *testing.T) {
	h := newHeadless(t)
	path := sevenExports(t)[0].write(t, h.dir)
	r := h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--fix-dates", "--yes")
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "Checked 3 rows: 0 valid, 2 sent with dates converted to YYYY-MM-DD, 0 rejected; 1 row identical to an earlier row, imported once.")
	assert.Contains(t, r.out, "Geburtstag: dates read day-first (14.07.1970 can only be day-first; --date-order changes it).")
	assert.Equal(t, []string{"DE-1", "DE-2"}, h.batchCodes(t))
}

func writeBytes(path string, b []byte) error { return os.WriteFile(path, b, 0o600) }

// A German export whose name columns are not recognised is refused
// headless (exit 1, listing them), unless --skip-unknown.
func TestImportRefusesUnrecognisedNamingColumns(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "export.csv", "Kundenvorname;Kundenzuname;E-Mail;PLZ;Lieblingsfarbe\nJürgen;Groß;j@example.de;01067;blau\n")
	before := h.loyalty.CustomerCount()

	r := h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--yes")

	require.Equal(t, 1, r.code)
	assert.Contains(t, r.out, `Not recognised, skipped: "Kundenvorname" (First name?), "Kundenzuname" (Last name?), "Lieblingsfarbe".`)
	assert.ErrorContains(t, r.err, "no column was recognised as a first or last name")
	assert.ErrorContains(t, r.err, `--map "Kundenvorname=first_name"`)
	assert.Equal(t, before, h.loyalty.CustomerCount(), "nothing was imported")

	r = h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--yes", "--skip-unknown")
	require.NoError(t, r.err)
	assert.Equal(t, before+1, h.loyalty.CustomerCount())

	r = h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--yes",
		"--map", "Kundenvorname=first_name", "--map", "Kundenzuname=last_name")
	require.NoError(t, r.err, "mapped by hand, the rest is only listed")
}

// A row that would give customer 11111111 clearly different names is set
// aside headless, unless --allow-renames.
func TestImportSetsAsideRenames(t *testing.T) {
	h := newHeadless(t)
	path := h.file(t, "cards.csv", "Card number,First name,Last name,City\n"+
		fakeserver.DemoCard+",Jasmine,Flores,Lyon\n"+
		"90000001,Ann,Lee,Perth\n")

	r := h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--yes")

	require.Equal(t, exitRejected, r.code)
	assert.Contains(t, r.out, "Is this the same person? 1 row would give a customer clearly different names; set aside (add --allow-renames to import them):\n"+
		"  line 2, Card number 11111111: Jane Doe → Jasmine Flores\n")
	assert.Contains(t, r.out, "Preview (mode update; the account has 20 customers): 1 new, 0 updated, 1 rejected.")
	jane, _ := h.loyalty.Customer(fakeserver.DemoCode)
	assert.Equal(t, "Doe", jane.LastName)
	recs := readCSV(t, filepath.Join(h.dir, "cards.rejected.csv"))
	require.Len(t, recs, 2)
	assert.Contains(t, recs[1][1], `would rename customer `+fakeserver.DemoCode+` from "Jane Doe" to "Jasmine Flores"`)

	r = h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--yes", "--allow-renames")
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "imported, as --allow-renames says")
	jane, _ = h.loyalty.Customer(fakeserver.DemoCode)
	assert.Equal(t, "Flores", jane.LastName)
}

func TestImportSheetAndDateOrderFlags(t *testing.T) {
	h := newHeadless(t)
	path := workbook("two.xlsx", "dd/mm/yyyy", [][]any{{"ignored"}})(t, h.dir)
	r := h.importFile(t, "import", path, "--mode", "update", "--campaigns", campaign, "--yes", "--sheet", "Kunden")
	require.Equal(t, 1, r.code)
	assert.ErrorContains(t, r.err, `the workbook has no sheet "Kunden"; its sheets are "Sheet1"`)

	csvPath := h.file(t, "dates.csv", "code,first name,birthday\nD1,Ann,03/02/1985\n")
	r = h.importFile(t, "import", csvPath, "--mode", "update", "--campaigns", campaign, "--yes", "--fix-dates", "--date-order", "mdy")
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "birthday: dates read month-first (--date-order).")
	ann, _ := h.loyalty.Customer("D1")
	assert.Equal(t, "1985-03-02", ann.CustomDate)

	r = h.importFile(t, "import", csvPath, "--mode", "update", "--campaigns", campaign, "--yes", "--sheet", "x")
	assert.ErrorContains(t, r.err, "only an Excel workbook has sheets")
	r = h.importFile(t, "import", csvPath, "--mode", "update", "--campaigns", campaign, "--yes", "--date-order", "ydm")
	assert.ErrorContains(t, r.err, "use dmy")
}

// A mapping given once with --map is remembered for the same columns:
// the next file imports without it; --map still overrides.
func TestImportRemembersTheMapping(t *testing.T) {
	h := newHeadless(t)
	first := h.file(t, "march.csv", "Kd;Rufname;Farbe\nR1;Ann;blau\n")
	r := h.importFile(t, "import", first, "--mode", "update", "--campaigns", campaign, "--yes",
		"--map", "Kd=code", "--map", "Farbe=custom_field")
	require.NoError(t, r.err)

	next := h.file(t, "april.csv", "kd;farbe;rufname\nR2;grün;Bea\n")
	r = h.importFile(t, "import", next, "--mode", "update", "--campaigns", campaign, "--yes")
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "Using the mapping remembered for these columns (--map changes it).")
	assert.Contains(t, r.out, "Columns: kd → Customer code, farbe → Note, rufname → First name.")
	bea, ok := h.loyalty.Customer("R2")
	require.True(t, ok)
	assert.Equal(t, []string{"Bea", "grün"}, []string{bea.FirstName, bea.CustomField})

	r = h.importFile(t, "import", next, "--mode", "update", "--campaigns", campaign, "--yes", "--dry-run", "--map", "farbe=skip")
	require.NoError(t, r.err)
	assert.Contains(t, r.out, "Columns: kd → Customer code, farbe (skipped), rufname → First name.")
}
