// Package nbformat reads and writes Jupyter notebooks (nbformat 4, written
// as nbformat 4.5) and turns the IOPub messages of an executed cell into
// notebook outputs the way nbclient does.
//
// Reading accepts a multi-line string either as one string or as a list of
// lines, gives every cell a valid, unique id (nbformat 4.5) and keeps the
// fields this package does not know in Extra, so that they are written back.
// Writing follows nbformat: keys sorted, one-space indentation, and source,
// stream text and text-like MIME values split into lists of lines.
package nbformat
