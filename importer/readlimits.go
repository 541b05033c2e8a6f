package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// Bounds on what an import file may hold: a customers file has short
// lines of text. A file that breaks them is the wrong file (a picture, an
// archive, /dev/zero), and reading it on would only fill the memory.
const (
	// maxLineBytes bounds one line, or one record whose quoted value runs
	// over several lines.
	maxLineBytes = 1 << 20
	// defaultMaxImportBytes bounds the data of one import: over a million
	// customers of ordinary length.
	defaultMaxImportBytes = 256 << 20
)

// maxImportBytes is defaultMaxImportBytes; tests lower it.
var maxImportBytes int64 = defaultMaxImportBytes

// ErrNotText is a file holding bytes no text file has.
var ErrNotText = errors.New("not a text file (it holds NUL bytes: a picture, an archive or a program?); " +
	"save the customers as CSV and try again")

func errLineTooLong(line int) error {
	return &FormatError{Line: line, Msg: fmt.Sprintf("the line is longer than %d MiB; is this the right file?", maxLineBytes>>20)}
}

func errQuoteTooLong(line int) error {
	return &FormatError{Line: line, Msg: fmt.Sprintf("a quoted value starts here and runs over %d MiB; is a closing quote missing?", maxLineBytes>>20)}
}

func errNotTextLine(line int) error {
	return &FormatError{Line: line, Msg: ErrNotText.Error()}
}

// tooLargeError is ErrTooLarge with the bound in words.
type tooLargeError struct{}

func (tooLargeError) Error() string {
	return fmt.Sprintf("the file holds more than %d MiB of customer data; split it into several imports", maxImportBytes>>20)
}

func (tooLargeError) Unwrap() error { return ErrTooLarge }

// ctxFile reads f until ctx ends: a read that waits (a pipe, a terminal)
// is woken by a deadline, and no read starts after the end, so Ctrl-C
// stops reading at once even on an endless input.
type ctxFile struct {
	ctx  context.Context
	f    *os.File
	stop func() bool
}

func newCtxFile(ctx context.Context, f *os.File) *ctxFile {
	c := &ctxFile{ctx: ctx, f: f}
	c.stop = context.AfterFunc(ctx, func() { _ = f.SetReadDeadline(time.Now()) })
	return c
}

func (c *ctxFile) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.f.Read(p)
	if err != nil && c.ctx.Err() != nil {
		return n, c.ctx.Err()
	}
	return n, err
}

func (c *ctxFile) Close() error {
	c.stop()
	return c.f.Close()
}

var _ io.ReadCloser = (*ctxFile)(nil)

func rowBytes(fields [][]byte) int {
	n := 0
	for _, f := range fields {
		n += len(f)
	}
	return n
}
