package nbformat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// errNotOutput marks a message type that is not an output.
var errNotOutput = errors.New("not an output message")

// OutputFromMessage converts a stream, display_data, execute_result or error
// message to the output nbformat stores for it, as nbformat's
// output_from_msg does. update_display_data converts as display_data.
func OutputFromMessage(m *wire.Message) (*Output, error) {
	content, err := decodeContent(m)
	if err != nil {
		return nil, err
	}
	return outputFromContent(m.Header.MsgType, content)
}

func decodeContent(m *wire.Message) (map[string]any, error) {
	content := map[string]any{}
	if len(m.Content) == 0 {
		return content, nil
	}
	dec := json.NewDecoder(bytes.NewReader(m.Content))
	dec.UseNumber()
	if err := dec.Decode(&content); err != nil {
		return nil, fmt.Errorf("%s content: %w", m.Header.MsgType, err)
	}
	if content == nil {
		return nil, fmt.Errorf("%s content is null", m.Header.MsgType)
	}
	return content, nil
}

func outputFromContent(msgType string, content map[string]any) (*Output, error) {
	fail := func(err error) (*Output, error) { return nil, fmt.Errorf("%s: %w", msgType, err) }
	var err error
	switch msgType {
	case "stream":
		o := &Output{Type: OutputStream}
		if err := require(content, "name", "text"); err != nil {
			return fail(err)
		}
		if o.Name, err = stringField(content, "name"); err != nil {
			return fail(err)
		}
		if o.Text, err = multiline(content, "text"); err != nil {
			return fail(err)
		}
		return o, nil
	case "display_data", "update_display_data", "execute_result":
		o := &Output{Type: OutputDisplayData}
		if err := require(content, "data"); err != nil {
			return fail(err)
		}
		data, err := objectField(content, "data")
		if err != nil {
			return fail(err)
		}
		o.Data = rejoinBundle(data)
		if o.Metadata, err = objectField(content, "metadata"); err != nil {
			return fail(err)
		}
		if msgType == "execute_result" {
			o.Type = OutputExecuteResult
			if err := require(content, "execution_count"); err != nil {
				return fail(err)
			}
			if o.ExecutionCount, err = intField(content, "execution_count"); err != nil {
				return fail(err)
			}
		}
		return o, nil
	case "error":
		o := &Output{Type: OutputError}
		if err := require(content, "ename", "evalue", "traceback"); err != nil {
			return fail(err)
		}
		if o.EName, err = stringField(content, "ename"); err != nil {
			return fail(err)
		}
		if o.EValue, err = stringField(content, "evalue"); err != nil {
			return fail(err)
		}
		if o.Traceback, err = stringList(content["traceback"]); err != nil {
			return fail(fmt.Errorf("traceback: %w", err))
		}
		if o.Traceback == nil {
			o.Traceback = []string{}
		}
		return o, nil
	}
	return nil, fmt.Errorf("%s: %w", msgType, errNotOutput)
}

func require(content map[string]any, keys ...string) error {
	for _, k := range keys {
		if _, ok := content[k]; !ok {
			return fmt.Errorf("no %s field", k)
		}
	}
	return nil
}

// displayID returns content.transient.display_id, or "".
func displayID(content map[string]any) string {
	transient, _ := content["transient"].(map[string]any)
	id, _ := transient["display_id"].(string)
	return id
}
