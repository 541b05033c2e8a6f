// Package wire holds the loyalty API's response tree: one Node shape that
// both the XML and the JSON forms of a response decode into and encode from.
//
// The JSON convention (api-reference.md ⚑): an element becomes a key of its
// parent object; repeated children become an array; an element that has
// neither children nor attributes becomes a string; attributes become keys
// of the element's object; nil="true" becomes null.
package wire

// Node is one element of a response.
type Node struct {
	Name     string
	Attrs    []Attr
	Text     string
	Nil      bool
	Children []*Node
}

// Attr is one attribute of an element.
type Attr struct {
	Name, Value string
}

// NewNode returns an element with the given name.
func NewNode(name string) *Node { return &Node{Name: name} }

// Add appends children and returns n, for building trees inline.
func (n *Node) Add(children ...*Node) *Node {
	n.Children = append(n.Children, children...)
	return n
}

// AddText appends a text-only child.
func (n *Node) AddText(name, text string) *Node {
	n.Children = append(n.Children, &Node{Name: name, Text: text})
	return n
}

// SetAttr sets an attribute, replacing an earlier value.
func (n *Node) SetAttr(name, value string) *Node {
	for i := range n.Attrs {
		if n.Attrs[i].Name == name {
			n.Attrs[i].Value = value
			return n
		}
	}
	n.Attrs = append(n.Attrs, Attr{name, value})
	return n
}

// Attr returns an attribute's value. In JSON, attributes and text-only
// children cannot be told apart, so a text-only child of that name counts too.
func (n *Node) Attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attrs {
		if a.Name == name {
			return a.Value
		}
	}
	if c := n.Child(name); c != nil && len(c.Children) == 0 {
		return c.Text
	}
	return ""
}

// Child returns the first direct child with the name, or nil.
func (n *Node) Child(name string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// All returns every direct child with the name.
func (n *Node) All(name string) []*Node {
	if n == nil {
		return nil
	}
	var out []*Node
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// Find returns the first descendant (depth first) with the name, or nil.
func (n *Node) Find(name string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
		if f := c.Find(name); f != nil {
			return f
		}
	}
	return nil
}

// Get returns the text of the direct child with the name, or "".
func (n *Node) Get(name string) string {
	if c := n.Child(name); c != nil {
		return c.Text
	}
	return ""
}

// Has reports whether a direct child with the name exists.
func (n *Node) Has(name string) bool { return n.Child(name) != nil }
