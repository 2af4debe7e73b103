package transport

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
	"testing/iotest"

	"github.com/go-zeromq/zmq4"
)

// expectedFilter is what the frame reader must let through of in, worked
// out in one pass over the whole input, the way RFC 23 lays frames out:
// the bytes zmq4 may read, and whether the reader must refuse the stream
// (a message over max) at that point.
func expectedFilter(in []byte, greeting int, max int64, subscriptionsOnly bool) (out []byte, refused bool) {
	if len(in) <= greeting {
		return in, false
	}
	out = append(out, in[:greeting]...)
	in = in[greeting:]
	type frame struct {
		flags      byte
		size       uint64
		hlen       int
		whole      bool // header and body are all in the input
		hasHeader  bool
		firstKnown bool // the first body byte is in the input
	}
	parse := func(b []byte) frame {
		var f frame
		if len(b) < 2 {
			return f
		}
		f.flags, f.hlen, f.size = b[0], 2, uint64(b[1])
		if f.flags&flagLong != 0 {
			if len(b) < 9 {
				return f
			}
			f.hlen, f.size = 9, binary.BigEndian.Uint64(b[1:9])
		}
		f.hasHeader = true
		f.firstKnown = uint64(len(b)-f.hlen) >= 1
		f.whole = uint64(len(b)-f.hlen) >= f.size
		return f
	}
	var msg int64
	for len(in) > 0 {
		f := parse(in)
		if !f.hasHeader {
			return out, false
		}
		if msg == 0 && subscriptionsOnly {
			isSub := f.flags&(flagMore|flagCommand) == 0 && f.size >= 1 && f.size <= maxSubscription
			if isSub && !f.firstKnown {
				return out, false // cannot tell yet
			}
			if !isSub || in[f.hlen] > 1 {
				// Dropped: skip the whole message, checking its size.
				var charged int64
				for {
					f := parse(in)
					if !f.hasHeader {
						return out, false
					}
					charged += frameCost + int64(min(f.size, uint64(max)+1))
					if f.size > uint64(max) || charged > max {
						return out, true
					}
					if !f.whole {
						return out, false
					}
					in = in[f.hlen+int(f.size):]
					if f.flags&flagMore == 0 {
						break
					}
				}
				continue
			}
		}
		msg += frameCost
		if f.size > uint64(max) || msg+int64(f.size) > max {
			return out, true
		}
		msg += int64(f.size)
		if !f.whole {
			return append(out, in...), false
		}
		out = append(out, in[:f.hlen+int(f.size)]...)
		in = in[f.hlen+int(f.size):]
		if f.flags&flagMore == 0 {
			msg = 0
		}
	}
	return out, false
}

// FuzzFrameReader feeds arbitrary bytes, in arbitrary pieces, through the
// frame reader and compares what comes out with expectedFilter. The reader
// must never panic, never pass a byte of a frame over the limit, and pass
// everything else unchanged.
func FuzzFrameReader(f *testing.F) {
	f.Add(zmtpMessage([]byte("hello"), []byte("world")), uint8(0), int64(1000), false, uint8(7))
	f.Add(append(zmtpGreeting(), zmtpReady("Socket-Type", "DEALER")...), uint8(64), int64(100), false, uint8(3))
	f.Add(zmtpFrameHeader(0, 1<<60, true), uint8(0), int64(1<<20), false, uint8(1))
	f.Add(append(zmtpMessage([]byte{1}), zmtpMessage([]byte("junk"), []byte("x"))...), uint8(0), int64(100), true, uint8(2))
	f.Add([]byte{flagCommand, 5, 4, 'P', 'I', 'N', 'G', 0, 1, 1}, uint8(0), int64(50), true, uint8(5))
	f.Fuzz(func(t *testing.T, in []byte, greeting uint8, max int64, subscriptionsOnly bool, piece uint8) {
		if max <= 0 {
			max = 1
		}
		g := int(greeting) % (greetingSize + 1)
		var src io.Reader = bytes.NewReader(in)
		if piece%2 == 1 {
			src = iotest.HalfReader(src)
		}
		if piece%3 == 0 {
			src = iotest.OneByteReader(src)
		}
		r := newFrameReader(bufio.NewReaderSize(src, 16), g, max, subscriptionsOnly)
		var got []byte
		buf := make([]byte, 1+int(piece)%13)
		var err error
		for {
			var n int
			n, err = r.Read(buf)
			got = append(got, buf[:n]...)
			if err != nil {
				break
			}
		}
		want, refused := expectedFilter(in, g, max, subscriptionsOnly)
		var rf *refusedFrame
		if refused != errors.As(err, &rf) {
			t.Fatalf("refused = %v, want %v (err %v)", errors.As(err, &rf), refused, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("passed %d bytes % x\nwant %d bytes % x", len(got), got, len(want), want)
		}
	})
}

// FuzzCheckReady feeds arbitrary READY command bodies to the handshake
// check. Whatever it lets through, zmq4's own metadata parser (which has no
// bounds checks) must parse without a panic, and find the same socket type.
func FuzzCheckReady(f *testing.F) {
	ready := func(props ...string) []byte { return zmtpReady(props...)[2:] }
	f.Add(ready("Socket-Type", "DEALER", "Identity", "abc"))
	f.Add(ready())
	f.Add(append(ready(), 0))
	f.Add(append(ready(), 200, 'a'))
	f.Add(append(ready(), 1, 'a', 0xff, 0xff, 0xff, 0xff))
	f.Add([]byte{9, 'R'})
	f.Fuzz(func(t *testing.T, body []byte) {
		socketType, err := checkReady(body)
		if err != nil {
			return
		}
		md := zmq4.Metadata{}
		if err := md.UnmarshalZMTP(body[1+int(body[0]):]); err != nil {
			t.Fatalf("zmq4 rejects metadata the check accepted: %v", err)
		}
		if md["Socket-Type"] != socketType {
			t.Fatalf("socket type %q, zmq4 reads %q", socketType, md["Socket-Type"])
		}
	})
}
