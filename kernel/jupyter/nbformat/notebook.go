package nbformat

// The nbformat version this package writes.
const (
	FormatMajor = 4
	FormatMinor = 5
)

// CellType is the kind of a cell.
type CellType string

// The cell types of nbformat 4.
const (
	Markdown CellType = "markdown"
	Code     CellType = "code"
	Raw      CellType = "raw"
)

// The output types of nbformat 4.
const (
	OutputStream        = "stream"
	OutputDisplayData   = "display_data"
	OutputExecuteResult = "execute_result"
	OutputError         = "error"
)

// Notebook is an nbformat 4 notebook.
type Notebook struct {
	// Format and FormatMinor are the nbformat version read; Marshal always
	// writes 4.5.
	Format, FormatMinor int
	// Metadata is the notebook's metadata (kernelspec, language_info, ...).
	Metadata map[string]any
	// Cells are the cells in order.
	Cells []*Cell
	// Extra holds the top-level fields this package does not know.
	Extra map[string]any
}

// Cell is one cell of a notebook.
type Cell struct {
	// ID is the cell id of nbformat 4.5: 1 to 64 of [a-zA-Z0-9_-].
	ID string
	// Type is markdown, code or raw.
	Type CellType
	// Source is the cell's text, with its lines joined.
	Source string
	// Metadata is the cell's metadata (tags, ...).
	Metadata map[string]any
	// ExecutionCount is the prompt number of a code cell; nil means never
	// run.
	ExecutionCount *int
	// Outputs are the outputs of a code cell.
	Outputs []*Output
	// Attachments are the files a markdown or raw cell embeds, by name;
	// nil when the cell has none.
	Attachments map[string]MimeBundle
	// Extra holds the fields of the cell this package does not know.
	Extra map[string]any
}

// MimeBundle maps a MIME type to its value. Text values are strings with
// their lines joined; JSON values (application/json, application/*+json)
// are decoded JSON; image/png and other binary types are base64 strings.
type MimeBundle map[string]any

// Text returns the value of mime as a string and whether it is one.
func (b MimeBundle) Text(mime string) (string, bool) {
	s, ok := b[mime].(string)
	return s, ok
}

// Output is one output of a code cell.
type Output struct {
	// Type is stream, display_data, execute_result or error.
	Type string
	// Name is the stream's name: stdout or stderr.
	Name string
	// Text is the stream's text.
	Text string
	// Data is the MIME bundle of display_data and execute_result.
	Data MimeBundle
	// Metadata is the metadata of display_data and execute_result.
	Metadata map[string]any
	// ExecutionCount is the prompt number of an execute_result.
	ExecutionCount *int
	// EName, EValue and Traceback describe an error.
	EName, EValue string
	Traceback     []string
	// Extra holds the fields of the output this package does not know.
	Extra map[string]any
}

// Tags returns the cell's metadata tags.
func (c *Cell) Tags() []string {
	list, _ := c.Metadata["tags"].([]any)
	var tags []string
	for _, t := range list {
		if s, ok := t.(string); ok {
			tags = append(tags, s)
		}
	}
	return tags
}

// HasTag reports whether the cell's metadata tags include tag.
func (c *Cell) HasTag(tag string) bool {
	for _, t := range c.Tags() {
		if t == tag {
			return true
		}
	}
	return false
}

// IntPtr returns a pointer to n, for execution counts.
func IntPtr(n int) *int { return &n }
