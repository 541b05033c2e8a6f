package wire

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// streamed is everything a stream function produced for one input.
type streamed struct {
	Items []*Node
	Root  *Node
	Err   string
}

type streamFunc func(r io.Reader, item string, fn func(root, child *Node) error) (*Node, error)

// stopAfter makes fn fail after that many items (0: never).
func collect(stream streamFunc, r io.Reader, stopAfter int) streamed {
	var out streamed
	root, err := stream(r, "customer", func(root, child *Node) error {
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

// cloneNode deep-copies n with empty slices as nil, so trees from the fast
// path (which reuses nodes) compare equal to the reference's.
func cloneNode(n *Node) *Node {
	if n == nil {
		return nil
	}
	c := &Node{Name: n.Name, Text: n.Text, Nil: n.Nil}
	if len(n.Attrs) > 0 {
		c.Attrs = append([]Attr(nil), n.Attrs...)
	}
	for _, ch := range n.Children {
		c.Children = append(c.Children, cloneNode(ch))
	}
	return c
}

func fastWith(minRead int) streamFunc {
	return func(r io.Reader, item string, fn func(root, child *Node) error) (*Node, error) {
		return newFastStream(r, item, fn, minRead).run()
	}
}

// checkSame decodes doc with encoding/xml and with the fast scanner (read in
// pieces of several sizes) and requires the same items, root and error.
func checkSame(t *testing.T, doc []byte, stopAfter int) {
	t.Helper()
	want := collect(StreamXML, bytes.NewReader(doc), stopAfter)
	for _, minRead := range []int{fastBufSize, 1, 7, 64} {
		got := collect(fastWith(minRead), bytes.NewReader(doc), stopAfter)
		if !assert.Equal(t, want, got, "minRead %d, document %q", minRead, doc) {
			return
		}
	}
	got := collect(StreamXMLFast, iotest.OneByteReader(bytes.NewReader(doc)), stopAfter)
	assert.Equal(t, want, got, "one byte at a time, document %q", doc)
}

// handedOver reports whether the fast path left doc to encoding/xml.
func handedOver(t *testing.T, doc string) bool {
	t.Helper()
	s := newFastStream(strings.NewReader(doc), "customer", func(root, child *Node) error { return nil }, 16)
	_, err := s.run()
	require.NoError(t, err)
	return s.handed
}

const sampleReport = `<?xml version="1.0" encoding="UTF-8"?>
<response status="success">
<customer>
<first_name>Jane</first_name>
<last_name>Doe</last_name>
<phone>555-5555</phone>
<email>jdoe@email.com</email>
<address1>123 Main St.</address1>
<address2>Apt 3G</address2>
<city>Anytown</city>
<state>ND</state>
<zip>12345</zip>
<country>NZ</country>
<custom1>She likes cheese!</custom1>
<custom_date>1970-07-14</custom_date>
<customer_username>jdoe123</customer_username>
<customer_code>4137071924090694</customer_code>
<card_number>11111111</card_number>
</customer>
<customer>
<first_name>Jim &amp; &#74;o &#x4A;o</first_name>
<last_name><![CDATA[Mc<Doe>]]></last_name>
<phone nil="true"/>
<email></email>
<address1 kind='home' note="a &quot;b&quot;">1 &lt;High&gt; St</address1>
<!-- a comment -->
<city>Zürich 東京 🎉</city>
</customer>
</response>
`

func TestStreamXMLFastMatchesOnSamples(t *testing.T) {
	for name, doc := range map[string]string{
		"report":           sampleReport,
		"crlf":             strings.ReplaceAll(sampleReport, "\n", "\r\n"),
		"bare cr":          strings.ReplaceAll(sampleReport, "\n", "\r"),
		"condensed":        strings.ReplaceAll(sampleReport, "\n", ""),
		"tabs and spaces":  strings.ReplaceAll(sampleReport, "\n", " \t\n  "),
		"error":            `<response status="error"><error>Error message</error></response>`,
		"error then items": `<response status="error"><error>x</error><customer><code>1</code></customer></response>`,
		"mixed text":       `<response><customer> a <b>x</b> c <d/> e </customer></response>`,
		"nested items":     `<response><other><customer><code>1</code></customer></other></response>`,
		"comments":         "<!-- head --><response><!--x--><customer><!----><code>1<!-- - -->2</code></customer><!-- y --></response>",
		"doctype":          `<!DOCTYPE response [<!ENTITY e "v">]><response><customer><code>&e;</code></customer></response>`,
		"namespaces":       `<r:response xmlns:r="urn:r" xmlns:xsi="urn:x"><customer><code xsi:nil="true"/></customer></r:response>`,
		"trailing":         `<response><customer/></response> garbage <<<`,
	} {
		t.Run(name, func(t *testing.T) { checkSame(t, []byte(doc), 0) })
	}
}

func TestStreamXMLFastMatchesOnErrors(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":             ``,
		"text only":         `hello`,
		"broken tags":       `<response><batch><customers><new>2<new><updated>1<updated><customers></batch></response>`,
		"mismatch":          `<response><customer><code>1</cod></customer></response>`,
		"bad entity":        `<response><customer><code>&bogus;</code></customer></response>`,
		"bad char ref":      `<response><customer><code>&#0;&#xD800;</code></customer></response>`,
		"nul":               "<response><customer><code>a\x00b</code></customer></response>",
		"invalid utf8":      "<response><customer><code>a\xffb</code></customer></response>",
		"cdata end in text": `<response><customer><code>a]]>b</code></customer></response>`,
		"lt in attr":        `<response><customer a="<"/></response>`,
		"bare attr":         `<response><customer checked><code>1</code></customer></response>`,
		"unquoted attr":     `<response><customer a=b><code>1</code></customer></response>`,
		"bad comment":       `<response><!-- a -- b --><customer/></response>`,
		"pi inside":         `<response><?php echo 1; ?><customer/></response>`,
		"latin1":            `<?xml version="1.0" encoding="ISO-8859-1"?><response/>`,
		"self closing root": `<response status="success"/>`,
		"extra close":       `<response></customer></response>`,
		"root text":         `<response>stray<customer/></response>`,
	} {
		t.Run(name, func(t *testing.T) { checkSame(t, []byte(doc), 0) })
	}
}

func TestStreamXMLFastTruncatedEverywhere(t *testing.T) {
	for cut := 0; cut <= len(sampleReport); cut++ {
		checkSame(t, []byte(sampleReport[:cut]), 0)
	}
}

func TestStreamXMLFastCallerErrorStops(t *testing.T) {
	for stop := 1; stop <= 2; stop++ {
		checkSame(t, []byte(sampleReport), stop)
	}
}

func TestStreamXMLFastLineNumbersAfterHandOver(t *testing.T) {
	doc := "<response>\n<customer>\n<code>1</code>\n</customer>\n\n<customer>\n<code>\n\n&#0;</code>\n"
	got := collect(StreamXMLFast, strings.NewReader(doc), 0)
	assert.Len(t, got.Items, 1)
	assert.Contains(t, got.Err, "line 9")
	checkSame(t, []byte(doc), 0)
}

func TestStreamXMLFastKeepsToItsOwnPath(t *testing.T) {
	assert.False(t, handedOver(t, sampleReport), "the sample report should not need encoding/xml")
	assert.False(t, handedOver(t, strings.ReplaceAll(sampleReport, "\n", "\r\n")))
	assert.True(t, handedOver(t, `<response><customer><code>&bogus;</code></customer></response>`))
}

func TestStreamXMLFastReusesItemNodes(t *testing.T) {
	var first *Node
	_, err := StreamXMLFast(strings.NewReader(sampleReport), "customer", func(root, child *Node) error {
		if first == nil {
			first = child
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, "Jim & Jo Jo", first.Get("first_name"), "the node of the first customer is reused for the next")
}

func TestStreamXMLFastLongChildGrowsTheBuffer(t *testing.T) {
	long := strings.Repeat("&amp;x", 100_000)
	doc := fmt.Sprintf("<response><customer><note>%s</note></customer><error>%s</error></response>", long, long)
	checkSame(t, []byte(doc), 0)
	assert.False(t, handedOver(t, doc))
}

// A read error midway is met by both paths after the same items.
func TestStreamXMLFastReadError(t *testing.T) {
	broken := func() io.Reader {
		return io.MultiReader(strings.NewReader(sampleReport[:600]), iotest.ErrReader(errors.New("connection reset")))
	}
	want := collect(StreamXML, broken(), 0)
	got := collect(StreamXMLFast, broken(), 0)
	assert.Equal(t, want, got)
	assert.Contains(t, got.Err, "connection reset")
}

func FuzzFastXMLMatchesEncodingXML(f *testing.F) {
	f.Add([]byte(sampleReport), uint8(0), uint8(0))
	f.Add([]byte(strings.ReplaceAll(sampleReport, "\n", "\r\n")), uint8(3), uint8(1))
	f.Add([]byte(`<response status="error"><error>Error message</error></response>`), uint8(1), uint8(0))
	f.Add([]byte(`<response><batch><customers><new>2<new><updated>1<updated><customers></batch></response>`), uint8(2), uint8(0))
	f.Add([]byte("<response><customer a='1' b=\"&#x41;\" nil=\"true\"><c><![CDATA[x]]>y<!-- z --></c></customer></response>"), uint8(5), uint8(0))
	f.Fuzz(func(t *testing.T, doc []byte, readSize, stopAfter uint8) {
		want := collect(StreamXML, bytes.NewReader(doc), int(stopAfter%4))
		got := collect(fastWith(int(readSize)+1), bytes.NewReader(doc), int(stopAfter%4))
		if !assert.Equal(t, want, got) {
			t.Fatalf("document %q", doc)
		}
	})
}

// genDoc writes a random report-like document, mostly well formed, with
// the constructs and the slips a server might print.
func genDoc(r *rand.Rand) []byte {
	var b bytes.Buffer
	pick := func(opts ...string) string { return opts[r.IntN(len(opts))] }
	if r.IntN(2) == 0 {
		b.WriteString(pick(`<?xml version="1.0" encoding="UTF-8"?>`, `<?xml version="1.0"?>`, "\ufeff<?xml version='1.0'?>", "<!-- c -->", `<!DOCTYPE response>`))
		b.WriteString(pick("\n", "\r\n", "", " "))
	}
	b.WriteString(pick(`<response status="success">`, `<response status='error'>`, `<response>`, `<response  status = "success" >`))
	for range r.IntN(6) {
		genElement(r, &b, pick("customer", "customer", "customer", "error", "other"), 0)
		b.WriteString(pick("\n", "\r\n", "", " \t", "<!-- x -->", "\r"))
	}
	b.WriteString(pick("</response>", "</response >", "</response>\n", ""))
	doc := b.Bytes()
	if r.IntN(8) == 0 {
		doc = doc[:r.IntN(len(doc)+1)]
	}
	return doc
}

func genElement(r *rand.Rand, b *bytes.Buffer, name string, depth int) {
	pick := func(opts ...string) string { return opts[r.IntN(len(opts))] }
	b.WriteString("<" + name)
	for range r.IntN(3) {
		b.WriteString(pick(` nil="true"`, ` nil='false'`, ` a="1"`, ` b='x &amp; &#x41;'`, "\n c=\"\r\n\"", ` d="&quot;<"`, ` e=x`))
	}
	if r.IntN(6) == 0 {
		b.WriteString(pick("/>", " />"))
		return
	}
	b.WriteString(">")
	for range r.IntN(5) {
		switch r.IntN(4) {
		case 0:
			if depth < 3 {
				genElement(r, b, pick("first_name", "code", "city", "campaigns", "campaign", "x.y-z"), depth+1)
			}
		default:
			b.WriteString(pick("Jane", " Doe ", "&amp;", "&lt;&gt;&apos;&quot;", "&#233;", "&#x1F600;", "&#0;", "&bogus;", "&amp",
				"<![CDATA[a<b]]>", "<!-- note -->", "\r\n", "\r", "\n  ", "é東", "\x01", "\xff", "]]>", "]]", "]", "\u00a0", "&#xA0;",
				"<![CDATA[\r\nx\ry]]>", "<![CDATA[\x02]]>", "<![CDATA[\xc3]]>", "<![CDATA[é]]>", "<![CDAT", "<!DOCTYPE x>", "<?pi x?>",
				"&#x4a;", "&#xZ;", "&#12a;", "&#X41;", "&#;", "&#99999999;", "&#xFFFE;", "<:a/>", "<1a/>", "<a:b/>", "</>", "<a\xc3\xa9/>"))
		}
	}
	b.WriteString(pick("</"+name+">", "</"+name+" >", "</"+name+">", "</"+name+">", "</wrong>", ""))
}

func TestStreamXMLFastDeepNesting(t *testing.T) {
	depth := maxDepth + 10
	doc := "<response><customer>" + strings.Repeat("<a>", depth) + "x" + strings.Repeat("</a>", depth) + "</customer></response>"
	checkSame(t, []byte(doc), 0)
}

func TestStreamXMLFastMatchesOnGeneratedDocuments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		doc := genDoc(r)
		checkSame(t, doc, r.IntN(3))
		if t.Failed() {
			return
		}
	}
}

// Items are handed over as they arrive, not when the body ends.
func TestStreamXMLFastStreamsAsDataArrives(t *testing.T) {
	pr, pw := io.Pipe()
	got := make(chan string)
	done := make(chan error, 1)
	go func() {
		_, err := StreamXMLFast(pr, "customer", func(root, child *Node) error {
			got <- child.Get("code")
			return nil
		})
		done <- err
	}()
	write := func(s string) {
		_, err := pw.Write([]byte(s))
		require.NoError(t, err)
	}
	write(`<response status="success"><customer><code>1</code></customer>`)
	assert.Equal(t, "1", <-got)
	write("<customer><code>2</co")
	write("de></customer>")
	assert.Equal(t, "2", <-got)
	write("</response>")
	require.NoError(t, pw.Close())
	require.NoError(t, <-done)
}
