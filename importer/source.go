package importer

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Source is where the rows of an import come from: a file today, a point of
// sale (Imonggo) tomorrow.
type Source interface {
	// Name is what the user knows the source by (a file name).
	Name() string
	// Open starts reading the rows from the beginning.
	Open(ctx context.Context) (RowReader, error)
}

// RowReader hands out a source's rows one at a time.
type RowReader interface {
	// Header returns the column names, or nil when the data has none.
	Header() []string
	// Next returns the next row's fields and the 1-based line of the source
	// it starts on, or io.EOF after the last row. The fields are only valid
	// until the next call.
	Next() (fields [][]byte, line int, err error)
	Close() error
}

// sizeHinter is a RowReader that knows about how many bytes it will hand out.
type sizeHinter interface{ SizeHint() int64 }

// FileSource is a delimited text file (CSV, TSV, pipe, semicolon) or an
// Excel workbook (Format.Workbook).
type FileSource struct {
	Path   string
	Format Format
}

// File returns the file at path, read with the format (see SniffFile).
func File(path string, f Format) *FileSource {
	return &FileSource{Path: path, Format: f}
}

// Name returns the file's base name.
func (s *FileSource) Name() string { return filepath.Base(s.Path) }

// Open opens the file.
func (s *FileSource) Open(ctx context.Context) (RowReader, error) {
	if err := s.Format.check(); err != nil {
		return nil, err
	}
	if s.Format.Workbook {
		r, err := newWorkbookReader(s.Path, s.Format)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.Name(), err)
		}
		return r, nil
	}
	f, err := os.Open(s.Path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", s.Name(), unwrapPathError(err))
	}
	size := int64(0)
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			f.Close()
			return nil, fmt.Errorf("%s is a folder, not a file", s.Name())
		}
		size = st.Size()
	}
	cf := newCtxFile(ctx, f)
	r, err := newRecordReader(bufio.NewReaderSize(cf, 1<<20), s.Format, cf)
	if err != nil {
		cf.Close()
		return nil, fmt.Errorf("%s: %w", s.Name(), err)
	}
	r.size = size
	return r, nil
}

// unwrapPathError drops the *PathError wrapper, whose text repeats the path.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// RowsSource is rows already in memory, such as the Imonggo customers
// mapped by imonggo.ProfileRows. Rows are numbered from 1 as their line.
type RowsSource struct {
	Label   string
	Columns []string // nil when there is no header
	Rows    [][]string
}

// Name returns the label.
func (s *RowsSource) Name() string { return s.Label }

// Open starts at the first row.
func (s *RowsSource) Open(context.Context) (RowReader, error) {
	return &rowsReader{src: s}, nil
}

type rowsReader struct {
	src    *RowsSource
	next   int
	fields [][]byte
}

func (r *rowsReader) Header() []string { return r.src.Columns }

func (r *rowsReader) Next() ([][]byte, int, error) {
	if r.next >= len(r.src.Rows) {
		return nil, 0, io.EOF
	}
	row := r.src.Rows[r.next]
	r.next++
	r.fields = r.fields[:0]
	for _, v := range row {
		r.fields = append(r.fields, []byte(v))
	}
	return r.fields, r.next, nil
}

func (r *rowsReader) Close() error { return nil }

// RejectedPath is where the rejected rows of an import of the file at path
// are written: next to it, as <name>.rejected.csv.
func RejectedPath(path string) string {
	dir, base := filepath.Split(path)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	return filepath.Join(dir, base+".rejected.csv")
}
