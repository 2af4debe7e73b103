package supervisor

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/worker"
)

// These tests drive comms through the worker's own code, with the scripted
// evaluator (see counterComm in script_test.go).

// openCounter runs a cell that opens counter name and returns its comm id.
func openCounter(t *testing.T, s *Supervisor, name string) string {
	t.Helper()
	o, events := run(t, s, "counter "+name)
	if o.Status != "ok" {
		t.Fatalf("outcome %+v", o)
	}
	for _, e := range events {
		if e.Kind == worker.CommOpen && e.TargetName == "test.counter" && e.Data["name"] == name {
			return e.CommID
		}
	}
	t.Fatalf("no comm_open among %v", kinds(events))
	return ""
}

// waitCall waits for a channel of a CommCall, failing the test after a
// minute.
func waitCall(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(time.Minute):
		t.Fatalf("%s did not happen within a minute", what)
	}
}

func addMsg(id string, n int) worker.CommMessage {
	return worker.CommMessage{Kind: worker.CommMsg, CommID: id, Data: map[string]any{"add": float64(n)}}
}

// Between cells a message's callbacks run before it is done, and what
// they produce goes to the message's handler.
func TestCommBetweenCellsRunsCallbacksBeforeDone(t *testing.T) {
	s := startScripted(t, Options{})
	id := openCounter(t, s, "c")
	h := &recorder{}
	call := s.StartComm(addMsg(id, 2), h)
	waitCall(t, call.Done, "done")
	select {
	case <-call.Finished:
	default:
		t.Fatal("Finished is open after Done while no cell runs")
	}
	if call.Err != nil {
		t.Fatal(call.Err)
	}
	events := h.snapshot()
	if got := streamText(events, "stdout"); got != "c saw 2\n" {
		t.Errorf("callback output %q, want %q (kinds %v)", got, "c saw 2\n", kinds(events))
	}
	if n := countKind(events, worker.CommMsg); n != 1 {
		t.Errorf("%d comm_msg events, want the callback's one: %v", n, kinds(events))
	}
	if _, events := run(t, s, "count c"); streamText(events, "stdout") != "c = 2\n" {
		t.Errorf("a later cell reads %q", streamText(events, "stdout"))
	}
}

// While a cell runs, messages are applied at once (the running cell sees
// them) and done without waiting; their callbacks run after the cell, and
// none of their output lands in it.
func TestCommDuringACellIsAppliedAtOnceAndCallbacksWait(t *testing.T) {
	s := startScripted(t, Options{})
	id := openCounter(t, s, "c")
	cellDone := make(chan []worker.Event, 1)
	cellRec := &recorder{}
	go func() {
		_, events := runRequest(t, s, worker.ExecRequest{Code: "out waiting\nwaitcount c 3\nout after"}, cellRec)
		cellDone <- events
	}()
	waitFor(t, func() bool { return strings.Contains(streamText(cellRec.snapshot(), "stdout"), "waiting") })
	var calls []*worker.CommCall
	var handlers []*recorder
	for i := 0; i < 3; i++ {
		h := &recorder{}
		call := s.StartComm(addMsg(id, 1), h)
		waitCall(t, call.Done, "done while the cell runs")
		calls, handlers = append(calls, call), append(handlers, h)
	}
	for i, call := range calls {
		if call.Err != nil {
			t.Fatalf("message %d: %v", i, call.Err)
		}
	}
	var events []worker.Event
	select {
	case events = <-cellDone:
	case <-time.After(time.Minute):
		t.Fatal("the cell never saw the count reach 3: messages wait for it")
	}
	if got, want := streamText(events, "stdout"), "waiting\nc reached 3\nafter\n"; got != want {
		t.Errorf("the cell's output %q, want %q (kinds %v)", got, want, kinds(events))
	}
	if n := countKind(events, worker.CommMsg); n != 0 {
		t.Errorf("callback comm messages landed in the cell: %v", kinds(events))
	}
	var saw []string
	for i, call := range calls {
		waitCall(t, call.Finished, "the postponed callbacks")
		saw = append(saw, streamText(handlers[i].snapshot(), "stdout"))
	}
	// The callbacks run after the cell, when all three were applied.
	if want := []string{"c saw 3\n", "c saw 3\n", "c saw 3\n"}; !reflect.DeepEqual(saw, want) {
		t.Errorf("callback outputs %q, want %q", saw, want)
	}
}

// A message sent before a cell is applied before the cell starts.
func TestCommBeforeACellIsAppliedFirst(t *testing.T) {
	s := startScripted(t, Options{})
	id := openCounter(t, s, "c")
	for i := 1; i <= 20; i++ {
		s.StartComm(addMsg(id, 1), &recorder{})
		_, events := run(t, s, "count c")
		if got, want := streamText(events, "stdout"), "c = "+strconv.Itoa(i)+"\n"; got != want {
			t.Fatalf("round %d: %q, want %q", i, got, want)
		}
	}
}

func TestCommInfoAndUnknownTargets(t *testing.T) {
	s := startScripted(t, Options{})
	id := openCounter(t, s, "c")
	var mu sync.Mutex
	var idle []worker.Event
	s.SetIdleHandler(func(e worker.Event) {
		mu.Lock()
		idle = append(idle, e)
		mu.Unlock()
	})
	info, err := s.CommInfo("")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(info, map[string]string{id: "test.counter"}) {
		t.Errorf("comm info %v", info)
	}
	if info, _ := s.CommInfo("jupyter.widget"); len(info) != 0 {
		t.Errorf("comm info for another target: %v", info)
	}
	// A comm for a target nobody registered is closed again; between
	// cells what the delivery sends goes to the message's handler.
	h := &recorder{}
	call := s.StartComm(worker.CommMessage{Kind: worker.CommOpen, CommID: "front-1", TargetName: "nobody"}, h)
	waitCall(t, call.Done, "done")
	if events := h.snapshot(); len(events) != 1 || events[0].Kind != worker.CommClose || events[0].CommID != "front-1" {
		t.Errorf("events %+v", events)
	}
	// An echo comm opened by the front end answers, with its buffers.
	h = &recorder{}
	waitCall(t, s.StartComm(worker.CommMessage{Kind: worker.CommOpen, CommID: "front-2", TargetName: "test.echo"}, h).Done, "open")
	waitCall(t, s.StartComm(worker.CommMessage{Kind: worker.CommMsg, CommID: "front-2", Data: map[string]any{"x": 1.0}, Buffers: [][]byte{{0, 1, 255}}}, h).Done, "msg")
	events := h.snapshot()
	if len(events) != 1 {
		t.Fatalf("echo events %+v", events)
	}
	echo := events[0]
	if echo.Kind != worker.CommMsg || echo.CommID != "front-2" || !reflect.DeepEqual(echo.Buffers, [][]byte{{0, 1, 255}}) ||
		!reflect.DeepEqual(echo.Data, map[string]any{"echo": map[string]any{"x": 1.0}}) {
		t.Errorf("echo %+v", echo)
	}
	// While a cell runs, what the delivery sends is still the message's
	// (a front end matches a state reply with its request by parent).
	cellRec := &recorder{}
	cellDone := make(chan struct{})
	go func() {
		defer close(cellDone)
		runRequest(t, s, worker.ExecRequest{Code: "out waiting\nwaitcount c 1"}, cellRec)
	}()
	waitFor(t, func() bool { return strings.Contains(streamText(cellRec.snapshot(), "stdout"), "waiting") })
	during := &recorder{}
	waitCall(t, s.StartComm(worker.CommMessage{Kind: worker.CommMsg, CommID: "front-2", Data: map[string]any{"y": 2.0}}, during).Done, "msg")
	s.StartComm(addMsg(id, 1), &recorder{})
	<-cellDone
	if n := countKind(cellRec.snapshot(), worker.CommMsg); n != 0 {
		t.Errorf("the echo during the cell went to the cell: %v", kinds(cellRec.snapshot()))
	}
	if events := during.snapshot(); len(events) != 1 || events[0].Kind != worker.CommMsg {
		t.Errorf("the echo during the cell: %+v", events)
	}
	// Between cells and messages, comm events go to the idle handler.
	run(t, s, "later c")
	waitFor(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(idle) == 1 && idle[0].Kind == worker.CommMsg && idle[0].CommID == id
	})
	info, _ = s.CommInfo("")
	if len(info) != 2 || info["front-2"] != "test.echo" {
		t.Errorf("comm info %v", info)
	}
	// Closing it removes it; a message for a closed comm is dropped.
	waitCall(t, s.StartComm(worker.CommMessage{Kind: worker.CommClose, CommID: "front-2"}, h).Done, "close")
	if info, _ := s.CommInfo(""); len(info) != 1 {
		t.Errorf("comm info after close %v", info)
	}
	waitCall(t, s.StartComm(worker.CommMessage{Kind: worker.CommMsg, CommID: "front-2"}, h).Done, "msg to a closed comm")
}

// An interrupt stops a callback that runs forever, which ends with an
// error for its message; the worker keeps its state.
func TestCommCallbackInterrupt(t *testing.T) {
	s := startScripted(t, Options{})
	id := openCounter(t, s, "c")
	s.StartComm(addMsg(id, 5), &recorder{})
	h := &recorder{}
	call := s.StartComm(worker.CommMessage{Kind: worker.CommMsg, CommID: id, Data: map[string]any{"spin": true}}, h)
	time.Sleep(50 * time.Millisecond)
	select {
	case <-call.Done:
		t.Fatal("done while its callback spins")
	default:
	}
	s.Interrupt()
	waitCall(t, call.Finished, "the interrupted callback's end")
	events := h.snapshot()
	if len(events) != 1 || events[0].Kind != worker.Error || !strings.Contains(events[0].EValue, "in a widget callback") {
		t.Fatalf("events %+v", events)
	}
	if _, events := run(t, s, "count c"); streamText(events, "stdout") != "c = 5\n" {
		t.Errorf("after the interrupt: %q", streamText(events, "stdout"))
	}
}

// Messages in flight fail when the worker ends; with no worker they fail
// at once.
func TestCommWhenTheWorkerEnds(t *testing.T) {
	s := startScripted(t, Options{InterruptGrace: 200 * time.Millisecond})
	id := openCounter(t, s, "c")
	cellDone := make(chan struct{})
	go func() {
		defer close(cellDone)
		run(t, s, "block")
	}()
	time.Sleep(100 * time.Millisecond)
	call := s.StartComm(addMsg(id, 1), &recorder{})
	waitCall(t, call.Done, "done while the cell blocks")
	s.Interrupt() // block ignores it: the worker is killed
	waitCall(t, call.Finished, "the end of the message whose callbacks waited")
	if !errors.Is(call.Err, errWorkerEnded) {
		t.Errorf("err %v, want errWorkerEnded", call.Err)
	}
	<-cellDone
	// The new worker has no such comm.
	if info, err := s.CommInfo(""); err != nil || len(info) != 0 {
		t.Errorf("comm info %v %v", info, err)
	}
}

func countKind(events []worker.Event, k worker.EventKind) int {
	n := 0
	for _, e := range events {
		if e.Kind == k {
			n++
		}
	}
	return n
}

// waitFor polls cond for up to a minute.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatal("condition not met within a minute")
		case <-time.After(5 * time.Millisecond):
		}
	}
}
