package imonggo

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The document's samples, as printed in seed 004.
const (
	sampleGet = `<?xml version="1.0" encoding="UTF-8"?>
<customer>
  <alternate_code nil="true"></alternate_code>
  <birthday nil="true"></birthday>
  <city nil="true"></city>
  <code>000001</code>
  <company_name nil="true"></company_name>
  <country nil="true"></country>
  <customer_type_id nil="true"></customer_type_id>
  <email nil="true"></email>
  <fax nil="true"></fax>
  <first_name>Customer</first_name>
  <id>11</id>
  <last_name>1</last_name>
  <mobile nil="true"></mobile>
  <name>Customer 1</name>
  <remark nil="true"></remark>
  <state></state>
  <status>D</status>
  <street nil="true"></street>
  <tax_exempt>false</tax_exempt>
  <telephone nil="true"></telephone>
  <tin nil="true"></tin>
  <zipcode nil="true"></zipcode>
  <customer_type_name nil="true"></customer_type_name>
  <discount_text></discount_text>
  <birthdate nil="true"></birthdate>
  <utc_created_at>2011-04-21T02:38:27Z</utc_created_at>
  <utc_updated_at>2011-04-21T02:54:55Z</utc_updated_at>
</customer>`

	sampleCreate = `<?xml version="1.0" encoding="UTF-8"?>
<customer>
  <alternate_code nil="true"></alternate_code>
  <birthday nil="true"></birthday>
  <city nil="true"></city>
  <code>000002</code>
  <company_name nil="true"></company_name>
  <country nil="true"></country>
  <customer_type_id nil="true"></customer_type_id>
  <email nil="true"></email>
  <fax nil="true"></fax>
  <first_name>John</first_name>
  <id>12</id>
  <last_name>Smith</last_name>
  <mobile nil="true"></mobile>
  <name>John Smith</name>
  <remark nil="true"></remark>
  <state></state>
  <status nil="true"></status>
  <street nil="true"></street>
  <tax_exempt>false</tax_exempt>
  <telephone nil="true"></telephone>
  <tin nil="true"></tin>
  <zipcode nil="true"></zipcode>
  <customer_type_name nil="true"></customer_type_name>
  <discount_text></discount_text>
  <birthdate nil="true"></birthdate>
  <utc_created_at>2011-04-21T03:01:51Z</utc_created_at>
  <utc_updated_at>2011-04-21T03:01:51Z</utc_updated_at>
</customer>`

	sampleCount = `<?xml version="1.0" encoding="UTF-8"?>
<hash>
  <count type="integer">7</count>
</hash>`

	sampleLastUpdated = `<?xml version="1.0" encoding="UTF-8"?>
<hash>
  <last-updated-at>2011-04-13 04:37:45</last-updated-at>
</hash>`
)

func TestDecodeDocumentGetSample(t *testing.T) {
	c, err := decodeCustomer("get", []byte(sampleGet))
	require.NoError(t, err)
	require.Equal(t, int64(11), c.ID)
	require.Equal(t, "000001", *c.Code)
	require.Equal(t, "Customer", *c.FirstName)
	require.Equal(t, "1", *c.LastName)
	require.Equal(t, "Customer 1", *c.Name)
	require.True(t, c.Deleted())
	require.False(t, *c.TaxExempt)
	require.Equal(t, "", *c.State, "an empty element without nil is an empty value")
	require.Equal(t, "", *c.DiscountText)
	for name, p := range map[string]*string{
		"alternate_code": c.AlternateCode, "city": c.City, "company_name": c.CompanyName,
		"country": c.Country, "email": c.Email, "fax": c.Fax, "mobile": c.Mobile,
		"remark": c.Remark, "street": c.Street, "telephone": c.Telephone, "tin": c.TIN,
		"zipcode": c.Zipcode, "customer_type_name": c.CustomerTypeName,
	} {
		require.Nil(t, p, name)
	}
	require.Nil(t, c.Birthday)
	require.Nil(t, c.Birthdate)
	require.Nil(t, c.CustomerTypeID)
	require.Equal(t, time.Date(2011, 4, 21, 2, 38, 27, 0, time.UTC), c.UTCCreatedAt)
	require.Equal(t, time.Date(2011, 4, 21, 2, 54, 55, 0, time.UTC), c.UTCUpdatedAt)
}

func TestDecodeDocumentCreateSample(t *testing.T) {
	c, err := decodeCustomer("create", []byte(sampleCreate))
	require.NoError(t, err)
	require.Equal(t, int64(12), c.ID)
	require.Equal(t, "000002", *c.Code)
	require.Equal(t, "John Smith", *c.Name)
	require.Nil(t, c.Status)
	require.False(t, c.Deleted())
	require.Equal(t, c.UTCCreatedAt, c.UTCUpdatedAt)
}

func TestDecodeDocumentHashes(t *testing.T) {
	var count struct {
		Count string `xml:"count"`
	}
	require.NoError(t, decodeRoot("count", []byte(sampleCount), []string{"hash"}, &count))
	require.Equal(t, "7", count.Count)

	var last struct {
		Dashed *element `xml:"last-updated-at"`
	}
	require.NoError(t, decodeRoot("last", []byte(sampleLastUpdated), []string{"hash"}, &last))
	ts, err := parseTimestamp(last.Dashed.Text)
	require.NoError(t, err)
	require.Equal(t, time.Date(2011, 4, 13, 4, 37, 45, 0, time.UTC), ts)
}

func TestParseTimestampForms(t *testing.T) {
	want := time.Date(2011, 4, 13, 4, 37, 45, 0, time.UTC)
	for _, s := range []string{"2011-04-13 04:37:45", "2011-04-13T04:37:45Z", "2011-04-13T12:37:45+08:00", " 2011-04-13 04:37:45 UTC "} {
		got, err := parseTimestamp(s)
		require.NoError(t, err, s)
		require.True(t, want.Equal(got), s)
		require.Equal(t, time.UTC, got.Location(), s)
	}
	_, err := parseTimestamp("13/04/2011")
	require.Error(t, err)
}

func TestDecodeTypedFields(t *testing.T) {
	body := `<customer><id>5</id><tax_exempt>true</tax_exempt><customer_type_id type="integer">3</customer_type_id>
<birthdate>1980-02-29</birthdate><birthday></birthday><future_field>x</future_field><email>a&amp;b@example.com</email></customer>`
	c, err := decodeCustomer("get", []byte(body))
	require.NoError(t, err)
	require.True(t, *c.TaxExempt)
	require.Equal(t, int64(3), *c.CustomerTypeID)
	require.Equal(t, Date{1980, time.February, 29}, *c.Birthdate)
	require.Nil(t, c.Birthday, "an empty typed element is no value")
	require.Equal(t, "a&b@example.com", *c.Email)
}

func TestDecodeBadFieldNamesIt(t *testing.T) {
	_, err := decodeCustomer("get", []byte(`<customer><id>5</id><tax_exempt>maybe</tax_exempt></customer>`))
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	require.Contains(t, de.Error(), "tax_exempt")
}

func TestDecodeCutOffBody(t *testing.T) {
	for _, cut := range []int{len(sampleGet) / 2, len(sampleGet) - 3, 60} {
		_, err := decodeCustomer("get", []byte(sampleGet[:cut]))
		var de *DecodeError
		require.ErrorAs(t, err, &de, "cut at %d", cut)
		require.Contains(t, de.Detail, "ended half-way", "cut at %d", cut)
	}
}

func TestDecodeWrongRoot(t *testing.T) {
	_, err := decodeCustomer("get", []byte(sampleCount))
	require.ErrorContains(t, err, "expected <customer>, got <hash>")
	_, err = decodeCustomer("get", nil)
	require.ErrorContains(t, err, "no <customer>")
}

func TestMarshalSendsOnlySetWritableFields(t *testing.T) {
	first, last := "Kevin B", "Example"
	status := "D"
	c := Customer{ID: 17, FirstName: &first, LastName: &last, Status: &status, TaxExempt: new(true),
		Birthdate: &Date{1990, time.May, 7}, UTCUpdatedAt: time.Now()}
	out, err := xml.Marshal(c)
	require.NoError(t, err)
	require.Equal(t, "<customer><first_name>Kevin B</first_name><last_name>Example</last_name>"+
		"<tax_exempt>true</tax_exempt><birthdate>1990-05-07</birthdate></customer>", string(out))
}

func TestMarshalEscapesAndKeepsEmpty(t *testing.T) {
	name, email := "Ann <&> Co", ""
	out, err := xml.Marshal(Customer{Name: &name, Email: &email})
	require.NoError(t, err)
	require.True(t, strings.Contains(string(out), "<name>Ann &lt;&amp;&gt; Co</name>"), string(out))
	require.Contains(t, string(out), "<email></email>", "an empty string clears the field")
}

func TestRoundTripThroughMarshal(t *testing.T) {
	orig, err := decodeCustomer("get", []byte(sampleCreate))
	require.NoError(t, err)
	out, err := xml.Marshal(orig)
	require.NoError(t, err)
	back, err := decodeCustomer("rt", out)
	require.NoError(t, err)
	require.Equal(t, orig.Name, back.Name)
	require.Equal(t, orig.Code, back.Code)
	require.Equal(t, orig.TaxExempt, back.TaxExempt)
	require.Zero(t, back.ID, "the id is never sent")
}
