package comm

import (
	"reflect"
	"strings"
	"sync"
	"testing"
)

// sent records what the comms publish.
type sent struct {
	mu   sync.Mutex
	msgs []string
}

func (s *sent) Publish(kind Kind, commID, target string, m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, string(kind)+" "+target+" "+commIDTag(commID)+" "+formatData(m.Data))
}

// commIDTag hides generated ids, keeps the ones a test chose.
func commIDTag(id string) string {
	if strings.HasPrefix(id, "fe-") {
		return id
	}
	return "id"
}

func formatData(d map[string]any) string {
	if d == nil {
		return "{}"
	}
	keys := []string{}
	for k := range d {
		keys = append(keys, k)
	}
	return strings.Join(keys, ",")
}

func withTransport(t *testing.T) *sent {
	s := &sent{}
	old := SetTransport(s)
	t.Cleanup(func() { SetTransport(old) })
	return s
}

func TestOpenSendCloseAndDeliver(t *testing.T) {
	out := withTransport(t)
	var got []string
	c := Open("t.one", Message{Data: map[string]any{"state": 1}}, func(kind Kind, m Message) Work {
		got = append(got, string(kind))
		return func() { got = append(got, "work") }
	})
	c.Send(Message{Data: map[string]any{"x": 1}})
	if Info("t.one")[c.ID()] != "t.one" || len(Info("other")) != 0 {
		t.Errorf("info %v", Info(""))
	}
	w, err := Deliver(MsgKind, c.ID(), "", Message{})
	if err != nil || w == nil {
		t.Fatalf("deliver: %v %v", w, err)
	}
	w()
	c.Close(Message{})
	c.Send(Message{Data: map[string]any{"late": 1}}) // dropped: closed
	if _, err := Deliver(MsgKind, c.ID(), "", Message{}); err == nil {
		t.Error("a message to a closed comm was delivered")
	}
	if want := []string{"comm_msg", "work"}; !reflect.DeepEqual(got, want) {
		t.Errorf("handler saw %v, want %v", got, want)
	}
	want := []string{"comm_open t.one id state", "comm_msg t.one id x", "comm_close t.one id {}"}
	if !reflect.DeepEqual(out.msgs, want) {
		t.Errorf("published %q\nwant %q", out.msgs, want)
	}
}

func TestFrontEndOpens(t *testing.T) {
	out := withTransport(t)
	RegisterTarget("t.echo", func(c *Comm, m Message) Work {
		c.Handle(func(kind Kind, m Message) Work {
			if kind == MsgKind {
				c.Send(m)
			}
			return nil
		})
		return nil
	})
	if _, err := Deliver(OpenKind, "fe-1", "t.echo", Message{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Deliver(OpenKind, "fe-1", "t.echo", Message{}); err == nil {
		t.Error("a second comm_open with the same id was accepted")
	}
	if _, err := Deliver(MsgKind, "fe-1", "", Message{Data: map[string]any{"hi": 1}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Deliver(OpenKind, "fe-2", "t.nobody", Message{}); err == nil || !strings.Contains(err.Error(), "t.nobody") {
		t.Errorf("unknown target: %v", err)
	}
	if _, err := Deliver(CloseKind, "fe-1", "", Message{}); err != nil {
		t.Fatal(err)
	}
	if Lookup("fe-1") != nil {
		t.Error("a closed comm is still open")
	}
	want := []string{"comm_msg t.echo fe-1 hi", "comm_close t.nobody fe-2 {}"}
	if !reflect.DeepEqual(out.msgs, want) {
		t.Errorf("published %q\nwant %q", out.msgs, want)
	}
}

func TestPanickingHandlerIsAnError(t *testing.T) {
	withTransport(t)
	c := Open("t.bad", Message{}, func(Kind, Message) Work { panic("boom") })
	defer c.Close(Message{})
	if _, err := Deliver(MsgKind, c.ID(), "", Message{}); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err %v", err)
	}
}
