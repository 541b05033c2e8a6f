// Package form is the form component of loyaltydesk's editing screens (the
// customer form, the account settings): typed fields (text, masked secret,
// digits, number, date, date-time, choice, multi-choice, checkbox), a check
// per field shown beside it as the user types, the original values to tell
// what changed, focus moving with the keys of keymap.Form, and scrolling
// when the form is taller than its area.
//
// Why not huh (v1.0.0), which the module also carries: a huh field cannot
// be left while its value is invalid, and a group refuses to advance, so
// the user cannot "fill everything, then be taken to the first error on
// save"; a huh form that was submitted is finished for good (State
// completed, Update does nothing), so a save that fails would mean
// rebuilding it and restoring every value and the focus; its errors show as
// a marker in the title rather than in words beside the field; its themes
// are built with lipgloss.NewStyle on the global renderer, which is wrong
// for an SSH session with its own renderer; its keys are its own KeyMap,
// so the bindings of keymap/ and the app's help would be duplicated; and
// dirty tracking, the changed-fields diff and the summary before saving
// would be ours anyway. So each field here is a bubbles textinput (or a
// small choice list), with everything else in this package.
//
// A Model never does I/O; the screen owns saving, drafts and server errors
// (SetError puts a server's message beside a field).
package form
