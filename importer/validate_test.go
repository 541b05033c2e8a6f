package importer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"loyaltydesk/apiclient"
)

func TestDateConversion(t *testing.T) {
	converted := map[string]string{
		"1970-7-4":            "1970-07-04",
		"1970/07/14":          "1970-07-14",
		"1970.07.14":          "1970-07-14",
		"14/07/1970":          "1970-07-14",
		"14.07.1970":          "1970-07-14",
		"14-07-1970":          "1970-07-14",
		"07/14/1970":          "1970-07-14",
		"04/04/2010":          "2010-04-04",
		"July 14 1970":        "1970-07-14",
		"July 14, 1970":       "1970-07-14",
		"14 July 1970":        "1970-07-14",
		"14th of July 1970":   "1970-07-14",
		"Tue, 14 Jul 1970":    "1970-07-14",
		"14-Jul-1970":         "1970-07-14",
		"1970-Jul-14":         "1970-07-14",
		"Sept 3 2001":         "2001-09-03",
		"1970-07-14 00:00:00": "1970-07-14",
		"1970-07-14T10:30Z":   "1970-07-14",
		"7/14/1970 0:00":      "1970-07-14",
		"2000-2-29":           "2000-02-29",
	}
	for in, want := range converted {
		verdict, fix, _ := checkDate([]byte(in))
		assert.Equal(t, dateConverted, verdict, in)
		assert.Equal(t, want, fix, in)
	}
	refused := map[string]dateVerdict{
		"04-06-05":    dateAmbiguous,
		"04/03/2010":  dateAmbiguous,
		"14/07/70":    dateAmbiguous,
		"14-Jul-70":   dateAmbiguous,
		"1970-14-07":  dateInvalid,
		"1970-02-30":  dateInvalid,
		"2001-2-29":   dateInvalid,
		"31/31/1970":  dateInvalid,
		"yesterday":   dateInvalid,
		"19700714":    dateInvalid,
		"1970-07":     dateInvalid,
		"Jul 1970":    dateInvalid,
		"12:00":       dateInvalid,
		"1970-07-14x": dateInvalid,
	}
	for in, want := range refused {
		verdict, fix, why := checkDate([]byte(in))
		assert.Equal(t, want, verdict, in)
		assert.Empty(t, fix, in)
		assert.Contains(t, why, "YYYY-MM-DD", in)
	}
	verdict, _, why := checkDate([]byte("04/03/2010"))
	assert.Equal(t, dateAmbiguous, verdict)
	assert.Equal(t, "could be 4 March 2010 or 3 April 2010; write it as YYYY-MM-DD", why)
	verdict, _, _ = checkDate([]byte("1970-07-14"))
	assert.Equal(t, dateISO, verdict)
}

func validate(t *testing.T, text string, opts ...func(*Mapping)) *Plan {
	t.Helper()
	tbl := readString(t, text, Format{Delimiter: ',', Header: true})
	m := AutoMap(tbl.Header(), tbl.Columns())
	for _, o := range opts {
		o(m)
	}
	p, err := Validate(tbl, m)
	require.NoError(t, err)
	return p
}

func TestValidateRowStatuses(t *testing.T) {
	p := validate(t, "Code,First name,Email,DOB,PIN,Shoe size\n"+
		"1,Ana,ana@example.com,1970-07-14,1234,40\n"+ // line 2: valid
		"2,Ben,ben@example.com,July 14 1970,,41\n"+ // 3: fixable (says nothing of the order)
		"3,Cleo,not-an-email,,,\n"+ // 4: rejected
		"4,Dan,,04/03/2010,,\n"+ // 5: rejected (ambiguous)
		"5,Eve,,,12a4,\n"+ // 6: rejected (PIN)
		"6,Fay\n"+ // 7: rejected (width)
		"7,,,,,42\n") // 8: valid (only code imported; shoe size skipped)
	assert.Equal(t, Counts{Rows: 7, Valid: 2, Fixable: 1, Rejected: 4}, p.Counts())
	assert.Equal(t, []Status{Valid, Fixable, Rejected, Rejected, Rejected, Rejected, Valid},
		[]Status{p.Status(0), p.Status(1), p.Status(2), p.Status(3), p.Status(4), p.Status(5), p.Status(6)})

	probs := p.Problems()
	require.Len(t, probs, 5)
	assert.Equal(t, Problem{Row: 1, Line: 3, Column: 3, Header: "custom_date", Status: Fixable,
		Value: "July 14 1970", Fix: "1970-07-14", Reason: "converted to YYYY-MM-DD"}, probs[0])
	assert.Equal(t, 4, probs[1].Line)
	assert.Equal(t, "email", probs[1].Header)
	assert.Equal(t, 5, probs[2].Line)
	assert.Contains(t, probs[2].Reason, "could be")
	assert.Equal(t, Problem{Row: 4, Line: 6, Column: 4, Header: "customer_PIN", Status: Rejected,
		Reason: "must be digits only"}, probs[3], "a PIN is never shown")
	assert.Equal(t, Problem{Row: 5, Line: 7, Column: -1, Status: Rejected,
		Reason: "has 2 values; the header has 6 columns"}, probs[4])
	assert.Equal(t, "1970-07-14", p.value(1, mappedCol{col: 3}), "the fix is what is sent")
	assert.Equal(t, probs[0:1], p.RowProblems(1))
}

func TestValidateDuplicates(t *testing.T) {
	p := validate(t, "code,card,first name\n"+
		"A1,100,Ana\n"+
		"A2,200,Ben\n"+
		" A1 ,300,Ana again\n"+
		"A3,200,Cleo\n"+
		",,Dan\n"+
		",,Eve\n"+
		"A4,100,Fay\n")
	assert.Equal(t, []Status{Rejected, Rejected, Rejected, Rejected, Valid, Valid, Rejected},
		[]Status{p.Status(0), p.Status(1), p.Status(2), p.Status(3), p.Status(4), p.Status(5), p.Status(6)},
		"every row of a group is rejected; blanks are not duplicates")
	var reasons []string
	for _, pr := range p.Problems() {
		reasons = append(reasons, pr.Reason)
	}
	assert.Equal(t, []string{
		"the same code is on line 4", "the same card number is on line 8",
		"the same card number is on line 5",
		"the same code is on line 2",
		"the same card number is on line 3",
		"the same card number is on line 2",
	}, reasons)
}

func TestValidateEmptyRowAndMapping(t *testing.T) {
	p := validate(t, "code,name,other\n,,x\n")
	assert.Equal(t, Rejected, p.Status(0))
	assert.Equal(t, "has no value in any imported column", p.Problems()[0].Reason)

	tbl := readString(t, "a,b\n1,2\n", Format{Delimiter: ',', Header: true})
	_, err := Validate(tbl, NewMapping(2))
	assert.ErrorIs(t, err, ErrNothingMapped)
}

func TestValidateLineBreakRejected(t *testing.T) {
	p := validate(t, "code,street\n1,\"Apt 3\nBlock B\"\n2,Main St\n")
	assert.Equal(t, Rejected, p.Status(0))
	assert.Contains(t, p.Problems()[0].Reason, "line break")
	assert.Equal(t, Valid, p.Status(1))
}

func TestValidateInvalidUTF8(t *testing.T) {
	p := validate(t, "code,first name\n1,Jos\xe9\n")
	assert.Equal(t, Rejected, p.Status(0))
	assert.Contains(t, p.Problems()[0].Reason, "UTF-8")
}

func TestWireDelimiter(t *testing.T) {
	t.Run("pipe when no value holds one", func(t *testing.T) {
		p := validate(t, "code,notes\n1,\"a, b\"\n2,\"tab\there\"\n")
		assert.Equal(t, apiclient.DelimPipe, p.Wire())
		assert.Equal(t, 0, p.Counts().Rejected)
	})
	t.Run("tab when a value holds a pipe", func(t *testing.T) {
		p := validate(t, "code,notes\n1,a|b\n2,\"c, d\"\n")
		assert.Equal(t, apiclient.DelimTab, p.Wire())
		assert.Equal(t, 0, p.Counts().Rejected)
	})
	t.Run("comma when pipe and tab are taken", func(t *testing.T) {
		p := validate(t, "code,notes\n1,a|b\n2,\"c\td\"\n")
		assert.Equal(t, apiclient.DelimComma, p.Wire())
	})
	t.Run("all taken: the fewest rows are rejected", func(t *testing.T) {
		p := validate(t, "code,notes\n1,a|b\n2,\"c\td\"\n3,\"e,f\"\n4,\"g,h\"\n5,i|j\n6,plain\n")
		assert.Equal(t, apiclient.DelimTab, p.Wire())
		assert.Equal(t, Counts{Rows: 6, Valid: 5, Rejected: 1}, p.Counts())
		assert.Equal(t, Rejected, p.Status(1))
		pr := p.Problems()[0]
		assert.Equal(t, "custom_field", pr.Header)
		assert.Contains(t, pr.Reason, "every delimiter")
	})
	t.Run("skipped columns do not count", func(t *testing.T) {
		p := validate(t, "code,notes,other\n1,x,a|b\n")
		assert.Equal(t, apiclient.DelimPipe, p.Wire())
	})
	t.Run("rejected rows do not count", func(t *testing.T) {
		p := validate(t, "code,email\n1,a|b\n")
		assert.Equal(t, apiclient.DelimPipe, p.Wire())
	})
}

func TestEmailShape(t *testing.T) {
	for _, ok := range []string{"a@b.co", "first.last+tag@mail.example.com"} {
		assert.True(t, emailShape([]byte(ok)), ok)
	}
	for _, bad := range []string{"a", "@b.co", "a@b", "a@@b.co", "a b@c.co", "a@b..co", "a@b.co;c@d.co", "a@.co", "a@b.co."} {
		assert.False(t, emailShape([]byte(bad)), bad)
	}
}

func TestValidateKeepsSecretsOut(t *testing.T) {
	p := validate(t, "code,password,pin\n1,hunter2,12x\n1,s3cret,99\n")
	for _, pr := range p.Problems() {
		if pr.Header == "customer_password" || pr.Header == "customer_PIN" {
			assert.Empty(t, pr.Value)
		}
		for _, s := range []string{"hunter2", "s3cret", "12x"} {
			assert.False(t, strings.Contains(pr.Reason, s))
		}
	}
}

func TestValidateTrailingDelimiter(t *testing.T) {
	p := validate(t, "code,first name\n1,Ana,\n2,Ben,,\n3,Cleo,x\n")
	assert.Equal(t, []Status{Valid, Valid, Rejected}, []Status{p.Status(0), p.Status(1), p.Status(2)},
		"empty fields after the last column are a trailing delimiter; a value there is a misaligned row")
}

func TestValidateMappingBeyondFile(t *testing.T) {
	tbl := readString(t, "a,b\n1,2\n", Format{Delimiter: ',', Header: true})
	m := NewMapping(3)
	_, err := m.Assign(2, "email")
	require.NoError(t, err)
	_, err = Validate(tbl, m)
	assert.ErrorContains(t, err, "only 2 columns")
}
