package ui

import "github.com/charmbracelet/bubbles/textinput"

// NewTextInput returns a text input in the app's styles, not yet focused.
// Its ctrl+v is off: it would read the clipboard of the machine the app
// runs on, which over SSH is not the user's (terminals paste by
// themselves, as bracketed paste).
func NewTextInput(st *Styles, prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.PromptStyle = st.InputPrompt
	in.TextStyle = st.InputText
	in.PlaceholderStyle = st.Faint
	in.KeyMap.Paste.SetEnabled(false)
	return in
}
