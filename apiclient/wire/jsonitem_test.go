package wire

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// streamJSONTokens is StreamJSON reading every element token by token:
// the reference the one-Decode-per-element path must match.
func streamJSONTokens(r io.Reader, rootName, item string, fn func(root, child *Node) error) (*Node, error) {
	return streamJSON(r, rootName, item, fn, decodeValue)
}

func collectJSON(stream func(io.Reader, string, string, func(root, child *Node) error) (*Node, error), doc []byte, stopAfter int) streamed {
	var out streamed
	root, err := stream(bytes.NewReader(doc), "response", "customer", func(root, child *Node) error {
		out.Items = append(out.Items, cloneNode(child))
		if stopAfter > 0 && len(out.Items) == stopAfter {
			return errors.New("caller stops")
		}
		return nil
	})
	out.Root = cloneNode(root)
	if err != nil {
		out.Err = err.Error()
	}
	return out
}

// sameJSONResult compares two streams. encoding/json words a syntax error
// differently for Token and Decode ("expected comma after array element"
// against "invalid character '0' after array element"), so errors are
// compared by kind only.
func sameJSONResult(t *testing.T, want, got streamed, doc []byte) bool {
	t.Helper()
	want.Err, got.Err = jsonErrorKind(want.Err), jsonErrorKind(got.Err)
	return assert.Equal(t, want, got, "document %q", doc)
}

func jsonErrorKind(msg string) string {
	for _, kind := range []string{"", "caller stops", "JSON ends before", "malformed JSON"} {
		if strings.HasPrefix(msg, kind) && (kind != "" || msg == "") {
			return kind
		}
	}
	return msg
}

func checkSameJSON(t *testing.T, doc []byte, stopAfter int) {
	t.Helper()
	want := collectJSON(streamJSONTokens, doc, stopAfter)
	got := collectJSON(StreamJSON, doc, stopAfter)
	sameJSONResult(t, want, got, doc)
}

const sampleJSONReport = `{"status":"success","customer":[
 {"first_name":"Jane","last_name":"Doe \u0026 Sons","phone":null,"zip":12345,"vip":true,"gold":false,
  "custom1":"She likes \"cheese\" \\ \/ \b\f\n\r\t é 東 \ud83c\udf89 \ud800 \udc00x \u00e9","campaigns":{"campaign":[{"campaign_id":"1"},{"campaign_id":"2"}]}},
 {"first_name":"Jim","first_name":"dup","empty":"","list":[1,[2,3],{"a":"b"}],"obj":{}},
 null, "text", 1.5e3, [ {"nested":"array"} ], {}
]}`

func TestStreamJSONMatchesTokenPath(t *testing.T) {
	docs := []string{
		sampleJSONReport,
		strings.ReplaceAll(sampleJSONReport, "\n", ""),
		`{"status":"error","error":"Error message"}`,
		`{"customer":{"first_name":"single"},"status":"success"}`,
		`{"status":"success","customer":[]}`,
		"{\"customer\":[{\"a\":\"\xff\xfe bad utf8\"}]}",
		`{"customer":[{"a":1},{"a":2 "b":3}]}`,
		`{"customer":[{"a":1},{"a":tru}]}`,
		`{"customer":[{"a":1},`,
		`{"customer":"scalar"}`,
		`[1,2]`,
		``,
	}
	for _, doc := range docs {
		for stop := range 3 {
			checkSameJSON(t, []byte(doc), stop)
		}
	}
	for cut := range len(sampleJSONReport) {
		checkSameJSON(t, []byte(sampleJSONReport[:cut]), 0)
	}
}

func TestStreamJSONMatchesTokenPathOnGeneratedDocuments(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		root, err := DecodeXML(bytes.NewReader(genDoc(r)))
		if err != nil {
			continue
		}
		var b bytes.Buffer
		if err := root.WriteJSON(&b, r.IntN(2) == 0); err != nil {
			t.Fatal(err)
		}
		checkSameJSON(t, b.Bytes(), r.IntN(3))
		if t.Failed() {
			return
		}
	}
}

func FuzzStreamJSONMatchesTokenPath(f *testing.F) {
	f.Add([]byte(sampleJSONReport), uint8(0))
	f.Add([]byte(`{"status":"error","error":"Error message"}`), uint8(1))
	f.Fuzz(func(t *testing.T, doc []byte, stopAfter uint8) {
		want := collectJSON(streamJSONTokens, doc, int(stopAfter%4))
		got := collectJSON(StreamJSON, doc, int(stopAfter%4))
		if !sameJSONResult(t, want, got, doc) {
			t.FailNow()
		}
	})
}
