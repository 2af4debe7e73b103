package kernel

import (
	"runtime"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

func TestKernelInfoOnShellAndControl(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{opts: Options{Version: "1.2.3"}})
	for _, ch := range []client.Channel{client.Shell, client.Control} {
		t.Run(ch.String(), func(t *testing.T) {
			resp, err := k.KernelInfo(testContext(t), ch)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Reply.Header.MsgType != "kernel_info_reply" || resp.Reply.Header.Version != "5.3" {
				t.Fatalf("reply header %+v", resp.Reply.Header)
			}
			c := content(t, resp.Reply)
			for key, want := range map[string]any{
				"status": "ok", "protocol_version": "5.3", "implementation": "descent", "implementation_version": "1.2.3",
			} {
				if c[key] != want {
					t.Errorf("%s = %v, want %v", key, c[key], want)
				}
			}
			li := c["language_info"].(map[string]any)
			wantLang := map[string]any{
				"name": "go", "version": languageVersion(runtime.Version()), "mimetype": "text/x-go",
				"file_extension": ".go", "pygments_lexer": "go", "codemirror_mode": "go", "nbconvert_exporter": "script",
			}
			for key, want := range wantLang {
				if li[key] != want {
					t.Errorf("language_info.%s = %v, want %v", key, li[key], want)
				}
			}
			if b, _ := c["banner"].(string); b == "" {
				t.Error("empty banner")
			}
			links, _ := c["help_links"].([]any)
			if len(links) == 0 || !strings.HasPrefix(links[0].(map[string]any)["url"].(string), RepositoryURL) {
				t.Errorf("help_links %v", c["help_links"])
			}
			checkWrapped(t, resp.Reply.ParentHeader.MsgID, resp.IOPub)
			if len(resp.IOPub) != 2 {
				t.Errorf("iopub %v, want busy and idle only", client.Types(resp.IOPub))
			}
		})
	}
}

// TestEveryRequestIsWrappedInBusyIdle sends each kind of request and checks
// the reply type and the IOPub messages between busy and idle.
func TestEveryRequestIsWrappedInBusyIdle(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	tests := []struct {
		ch        client.Channel
		msgType   string
		content   map[string]any
		wantReply string // "" when the message has no reply
		wantInner []string
	}{
		{client.Shell, "kernel_info_request", map[string]any{}, "kernel_info_reply", nil},
		{client.Control, "kernel_info_request", map[string]any{}, "kernel_info_reply", nil},
		{client.Shell, "execute_request", map[string]any{"code": "print x", "silent": false}, "execute_reply", []string{"execute_input", "stream"}},
		{client.Shell, "is_complete_request", map[string]any{"code": "x := 1"}, "is_complete_reply", nil},
		{client.Shell, "complete_request", map[string]any{"code": "fm", "cursor_pos": 2}, "complete_reply", nil},
		{client.Shell, "inspect_request", map[string]any{"code": "fmt", "cursor_pos": 1, "detail_level": 0}, "inspect_reply", nil},
		{client.Shell, "history_request", map[string]any{"hist_access_type": "tail", "n": 3}, "history_reply", nil},
		{client.Shell, "comm_info_request", map[string]any{}, "comm_info_reply", nil},
		{client.Shell, "comm_open", map[string]any{"comm_id": "c1", "target_name": "jupyter.widget", "data": map[string]any{}}, "", []string{"comm_close"}},
		{client.Shell, "comm_msg", map[string]any{"comm_id": "c1", "data": map[string]any{}}, "", nil},
		{client.Shell, "made_up_request", map[string]any{}, "", nil},
		{client.Control, "made_up_request", map[string]any{}, "", nil},
		{client.Control, "interrupt_request", map[string]any{}, "interrupt_reply", nil},
		{client.Shell, "execute_request", map[string]any{"code": 42}, "execute_reply", nil},
		{client.Shell, "complete_request", map[string]any{"code": []int{1}}, "complete_reply", nil},
	}
	for _, tt := range tests {
		t.Run(tt.ch.String()+"/"+tt.msgType, func(t *testing.T) {
			m, err := k.NewRequest(tt.msgType, tt.content)
			if err != nil {
				t.Fatal(err)
			}
			call, err := k.Send(tt.ch, m, client.CallOptions{NoReply: tt.wantReply == ""})
			if err != nil {
				t.Fatal(err)
			}
			resp, err := call.Wait(testContext(t))
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantReply != "" && resp.Reply.Header.MsgType != tt.wantReply {
				t.Errorf("reply %s, want %s", resp.Reply.Header.MsgType, tt.wantReply)
			}
			checkWrapped(t, m.Header.MsgID, resp.IOPub)
			inner := client.Types(resp.IOPub[1 : len(resp.IOPub)-1])
			if !equalStrings(inner, tt.wantInner) && !(len(inner) == 0 && len(tt.wantInner) == 0) {
				t.Errorf("between busy and idle: %v, want %v", inner, tt.wantInner)
			}
		})
	}
	// A request whose reply never comes would leave its call open; the
	// anomaly check at cleanup also catches replies to no-reply messages.
}

func TestCommOpenIsClosedAndCommInfoIsEmpty(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	ctx := testContext(t)
	m, _ := k.NewRequest("comm_open", map[string]any{"comm_id": "abc", "target_name": "anything", "data": map[string]any{}})
	call, err := k.Send(client.Shell, m, client.CallOptions{NoReply: true})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := call.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	closeMsg := resp.IOPub[1]
	if c := content(t, closeMsg); closeMsg.Header.MsgType != "comm_close" || c["comm_id"] != "abc" {
		t.Errorf("got %s %v, want comm_close for abc", closeMsg.Header.MsgType, c)
	}
	info, err := k.Request(ctx, client.Shell, "comm_info_request", map[string]any{"target_name": "x"})
	if err != nil {
		t.Fatal(err)
	}
	c := content(t, info.Reply)
	if comms, ok := c["comms"].(map[string]any); !ok || len(comms) != 0 || c["status"] != "ok" {
		t.Errorf("comm_info_reply %v", c)
	}
}

func TestIsCompleteOverTheWire(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	ctx := testContext(t)
	tests := []struct {
		code, status, indent string
	}{
		{"x := 1", "complete", ""},
		{"for i := 0; i < 3; i++ {", "incomplete", "    "},
		{"x := := 3", "invalid", ""},
	}
	for _, tt := range tests {
		r, _, err := k.IsComplete(ctx, tt.code)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != tt.status || r.Indent != tt.indent {
			t.Errorf("%q: %q %q, want %q %q", tt.code, r.Status, r.Indent, tt.status, tt.indent)
		}
	}
}

func TestCompleteAndInspectConvertCursors(t *testing.T) {
	fake := newFakeBackend()
	b := &introspectingBackend{fakeBackend: fake}
	k := startKernel(t, b, kernelSetup{})
	ctx := testContext(t)
	if _, err := k.Execute(ctx, "set größe 1\nset grün 2\nset x 3", client.ExecuteOptions{}); err != nil {
		t.Fatal(err)
	}
	// "ä := grö": ä and ö are 2 bytes each. The cursor at the end is code
	// point 8 and byte 10; "grö" starts at code point 5, byte 6.
	code := "ä := grö"
	r, _, err := k.Complete(ctx, code, 8)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.cursor(); got != 10 {
		t.Errorf("backend got byte cursor %d, want 10", got)
	}
	if r.Status != "ok" || len(r.Matches) != 1 || r.Matches[0] != "größe" || r.CursorStart != 5 || r.CursorEnd != 8 || r.Metadata == nil {
		t.Errorf("complete_reply %+v, want [größe] 5..8", r)
	}
	// "x + grün": cursor at code point 6 (inside grün) is byte 6.
	in, _, err := k.Inspect(ctx, "x + grün", 6, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.cursor(); got != 6 {
		t.Errorf("backend got byte cursor %d, want 6", got)
	}
	if !in.Found || in.Data["text/plain"] != "grün = 2 (detail 1)" || in.Metadata == nil {
		t.Errorf("inspect_reply %+v", in)
	}
}

func TestCompleteAndInspectWithoutBackendSupport(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	ctx := testContext(t)
	r, _, err := k.Complete(ctx, "fmt.Pri", 7)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != "ok" || r.Matches == nil || len(r.Matches) != 0 || r.CursorStart != 7 || r.CursorEnd != 7 || r.Metadata == nil {
		t.Errorf("complete_reply %+v, want no matches at 7", r)
	}
	in, _, err := k.Inspect(ctx, "fmt", 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if in.Status != "ok" || in.Found || in.Data == nil || in.Metadata == nil {
		t.Errorf("inspect_reply %+v, want found false", in)
	}
}

func TestCursorConversions(t *testing.T) {
	code := "aé✓😀b" // bytes: a1 é2 ✓3 😀4 b1 → rune starts at 0,1,3,6,10; length 11
	tests := []struct {
		points, bytes int
	}{
		{0, 0}, {1, 1}, {2, 3}, {3, 6}, {4, 10}, {5, 11}, {9, 11}, {-1, 0},
	}
	for _, tt := range tests {
		if got := byteOffset(code, tt.points); got != tt.bytes {
			t.Errorf("byteOffset(%d) = %d, want %d", tt.points, got, tt.bytes)
		}
	}
	back := []struct{ bytes, points int }{{0, 0}, {1, 1}, {3, 2}, {6, 3}, {10, 4}, {11, 5}, {50, 5}, {-3, 0}}
	for _, tt := range back {
		if got := codePoints(code, tt.bytes); got != tt.points {
			t.Errorf("codePoints(%d) = %d, want %d", tt.bytes, got, tt.points)
		}
	}
	five, over := 5, 99
	if cursorPos(code, nil) != 5 || cursorPos(code, &five) != 5 || cursorPos(code, &over) != 5 {
		t.Error("cursorPos must default and clamp to the code's length in code points")
	}
}

func TestHistoryRequests(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	ctx := testContext(t)
	cells := []string{"result 6", "set a 1", "result 6", "print hi", "result 7"}
	for _, c := range cells {
		if _, err := k.Execute(ctx, c, client.ExecuteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := k.Execute(ctx, "result 8", client.ExecuteOptions{SkipHistory: true}); err != nil {
		t.Fatal(err)
	}
	type entry struct {
		line  int
		input string
	}
	str := func(s string) *string { return &s }
	tests := []struct {
		name       string
		fields     map[string]any
		want       []entry
		wantOutput []*string
	}{
		{"tail 2", map[string]any{"hist_access_type": "tail", "n": 2}, []entry{{4, "print hi"}, {5, "result 7"}}, nil},
		{"tail with output", map[string]any{"hist_access_type": "tail", "n": 3, "output": true},
			[]entry{{3, "result 6"}, {4, "print hi"}, {5, "result 7"}}, []*string{str("6"), nil, str("7")}},
		{"tail more than stored", map[string]any{"hist_access_type": "tail", "n": 50}, []entry{{1, "result 6"}, {2, "set a 1"}, {3, "result 6"}, {4, "print hi"}, {5, "result 7"}}, nil},
		{"range stop exclusive", map[string]any{"hist_access_type": "range", "session": 0, "start": 2, "stop": 3}, []entry{{2, "set a 1"}}, nil},
		{"range open end", map[string]any{"hist_access_type": "range", "session": 1, "start": 4}, []entry{{4, "print hi"}, {5, "result 7"}}, nil},
		{"range other session", map[string]any{"hist_access_type": "range", "session": -1, "start": 1}, []entry{}, nil},
		{"search", map[string]any{"hist_access_type": "search", "pattern": "result*"}, []entry{{1, "result 6"}, {3, "result 6"}, {5, "result 7"}}, nil},
		{"search unique", map[string]any{"hist_access_type": "search", "pattern": "result 6", "unique": true}, []entry{{3, "result 6"}}, nil},
		{"search n", map[string]any{"hist_access_type": "search", "pattern": "re?ult*", "n": 2}, []entry{{3, "result 6"}, {5, "result 7"}}, nil},
		{"search class", map[string]any{"hist_access_type": "search", "pattern": "result [7-9]"}, []entry{{5, "result 7"}}, nil},
	}
	for _, tt := range tests {
		got, resp, err := k.History(ctx, tt.fields)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		checkWrapped(t, resp.Reply.ParentHeader.MsgID, resp.IOPub)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d entries %+v, want %+v", tt.name, len(got), got, tt.want)
			continue
		}
		for i, e := range got {
			if e.Session != 1 || e.Line != tt.want[i].line || e.Input != tt.want[i].input {
				t.Errorf("%s: entry %d = %+v, want session 1 %+v", tt.name, i, e, tt.want[i])
			}
			if tt.wantOutput != nil {
				w := tt.wantOutput[i]
				if (w == nil) != (e.Output == nil) || (w != nil && *w != *e.Output) {
					t.Errorf("%s: entry %d output %v, want %v", tt.name, i, e.Output, w)
				}
			}
		}
	}
}

// TestRepliesCarryTheRequestHeader checks the header fields of a reply and
// its IOPub messages against the request.
func TestRepliesCarryTheRequestHeader(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	resp, err := k.KernelInfo(testContext(t), client.Shell)
	if err != nil {
		t.Fatal(err)
	}
	all := append([]*wire.Message{resp.Reply}, resp.IOPub...)
	seen := map[string]bool{}
	for _, m := range all {
		h := m.Header
		if h.Version != "5.3" || h.Session != k.srv.Session() || h.MsgID == "" || h.Date == "" || h.Username == "" {
			t.Errorf("header %+v", h)
		}
		if seen[h.MsgID] {
			t.Errorf("msg_id %s reused", h.MsgID)
		}
		seen[h.MsgID] = true
		if m.ParentHeader.Session != k.Session() || m.ParentHeader.MsgType != "kernel_info_request" {
			t.Errorf("parent header %+v is not the request's", m.ParentHeader)
		}
	}
}
