package display

import (
	"fmt"
	"os"
	"sync/atomic"
)

// Kind says what an Output does to the cell's output area.
type Kind int

// The kinds of Output, one per Jupyter message type.
const (
	// DisplayData adds an output (display_data).
	DisplayData Kind = iota + 1
	// UpdateDisplayData replaces the output shown earlier with the same
	// DisplayID (update_display_data).
	UpdateDisplayData
	// ClearOutput clears the cell's output area (clear_output); with Wait
	// the front end clears it only when the next output arrives.
	ClearOutput
)

// String returns the Jupyter message type of k.
func (k Kind) String() string {
	switch k {
	case DisplayData:
		return "display_data"
	case UpdateDisplayData:
		return "update_display_data"
	case ClearOutput:
		return "clear_output"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Output is one display message: a MIME bundle (Data, Metadata) for
// DisplayData and UpdateDisplayData, or a clear request (Wait) for
// ClearOutput.
type Output struct {
	Kind      Kind
	Data      map[string]any
	Metadata  map[string]any
	DisplayID string
	Wait      bool
}

// publisher is the one piece of global state of this package: the function
// the kernel's worker process registers to deliver outputs. It is nil
// outside a kernel, where outputs fall back to text on standard output.
var publisher atomic.Pointer[func(Output)]

// SetPublisher registers p as the receiver of every Output and returns the
// previous receiver (nil if there was none). Passing nil restores the
// plain-text fallback. The kernel's worker process calls it once at start;
// p must be safe to call from several goroutines and must return only once
// the output is delivered, so that outputs stay in program order.
func SetPublisher(p func(Output)) func(Output) {
	var old *func(Output)
	if p == nil {
		old = publisher.Swap(nil)
	} else {
		old = publisher.Swap(&p)
	}
	if old == nil {
		return nil
	}
	return *old
}

// publish delivers o to the registered publisher, or writes its plain-text
// form to standard output when there is none.
func publish(o Output) {
	if p := publisher.Load(); p != nil {
		(*p)(o)
		return
	}
	if o.Kind == ClearOutput {
		return
	}
	if text, ok := o.Data[MIMEText].(string); ok {
		fmt.Fprintln(os.Stdout, text)
	}
}
