package display

import "github.com/google/uuid"

// Handle is an output that can be replaced in place: Show it once, then
// Update it as often as needed (a progress line, a figure redrawn while an
// optimizer runs). Front ends match the two by the handle's ID.
type Handle struct {
	id string
}

// NewHandle returns a Handle with a fresh, unique ID; nothing is shown
// until Show or Update.
func NewHandle() *Handle { return &Handle{id: uuid.NewString()} }

// ID returns the display_id that ties this handle's outputs together.
func (h *Handle) ID() string { return h.id }

// Show displays v as a new output tied to h (display_data).
func (h *Handle) Show(v any) { h.send(DisplayData, v) }

// Update replaces every output shown through h with v
// (update_display_data). Front ends ignore an Update of a handle that was
// never shown in the notebook.
func (h *Handle) Update(v any) { h.send(UpdateDisplayData, v) }

// send publishes v with h's ID.
func (h *Handle) send(kind Kind, v any) {
	data, metadata := Bundle(v)
	publish(Output{Kind: kind, Data: data, Metadata: metadata, DisplayID: h.id})
}
