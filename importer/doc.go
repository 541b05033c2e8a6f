// Package importer is the customers batch import (seed 001) as plain Go:
//
//	Source → ReadTable → AutoMap/Mapping → Validate → Plan.Prepare(Options) →
//	Job.Preview(existing) → Job.Upload(uploader) → Result (+ <name>.rejected.csv)
//
// Every stage is a function or a value the TUI wizard and the headless
// command both drive; none of it knows about Bubble Tea. Only Upload,
// LoadExisting, ReadTable, SniffFile, Sample.SniffSheet, Recall, Remember,
// FindResumable, Resume and the rejected-file writer do I/O; the rest is
// pure and fast enough to run in a screen's Cmd.
//
// # The files merchants have
//
//   - A source is delimited text (BOM, CRLF, Windows-1252, quoted
//     separators) or an Excel workbook (workbook.go: excelize, a sheet's rows
//     streamed, date cells read as YYYY-MM-DD, text cells as typed).
//   - Column names are recognised in seven languages, with typos and the
//     merchant's own labels (recognize.go, names.go); Unrecognised lists the
//     rest with the nearest field, and Mapping.Identifies tells whether the
//     columns that name and tell apart customers were found.
//   - A mapping confirmed for a set of column names is remembered in the
//     state directory (remember.go) and recalled for the next such file.
//   - Dates are read per column in the order its values show (dateorder.go)
//     or the order given; identical rows collapse into one (collapse.go).
//   - Job.Preview lists the matched rows that would rename a customer
//     (rename.go); Job.SetAside keeps rows out of the upload with a reason.
//   - Table.WithRow fixes a row by hand; validating again re-checks it
//     (edit.go).
//
// # Rows are kept compactly
//
// A Table holds every field of every row in one byte buffer with end
// offsets, so a million rows cost a few bytes of overhead each, and
// validation runs over the buffer without building a string per value.
//
// # Resuming safely
//
// Upload writes a journal (JSON lines, mode 0600) in the state directory the
// caller gives. It records the import's identity (source path, content
// hash, mapping and options), then "send" before each chunk goes out and
// "done" with the server's counts when it is answered. When the same import
// is uploaded again (Resume after a restart, or the headless command run a
// second time on the same file with the same choices) the finished chunks
// are skipped and sending goes on from the first unfinished one.
//
// A chunk whose outcome is unknown (sent, then the connection broke, the
// answer was cut or the server answered 5xx) may or may not have been
// applied. It is re-sent only when that is harmless:
//
//   - Every row is matched by the server on its code, or, without a code, on
//     its card number (seed 001). A row with either is applied again to the
//     same customer, so in modes update and yes re-sending gives the same
//     result, and in mode ignore the second attempt skips it.
//   - A row with neither would become a second new customer. So, unless
//     Options.NoGeneratedCodes is set, such a row is sent with a
//     client-generated 16-digit code, derived from the content hash of the
//     source and the row's number (GeneratedCode): the same row of the same
//     data always gets the same code, and a re-sent row finds the customer
//     the first attempt created. Collisions with customers' own codes are as
//     unlikely as with the server's random codes (16 digits).
//   - auto_add adds to the balance each time it is applied, so in modes
//     update and yes a chunk holding auto_add values is not re-sent blindly.
//
// A chunk that cannot be re-sent harmlessly stops the upload with an
// *UncertainError; the caller chooses (RunConfig.Uncertain) to re-send it or
// to set its rows aside (they go to the rejected file, marked as of unknown
// outcome).
//
// # Blank cells in mode update
//
// The API has no "leave as is" for one cell: a batch's columns apply to
// every row, and a blank value blanks the field. With Options.KeepBlanks
// (mode update only) a chunk is sent as several requests, its rows grouped
// by which columns they give, each request carrying only those columns and
// always the one rows are matched on (code, else card_number). The journal
// still works per chunk: a chunk is done when all its requests were
// answered. One without an answer leaves the whole chunk of unknown outcome
// as above (within one run the requests already answered are not sent
// again; a resume sends the whole chunk). A refusal after other requests of
// the chunk were applied keeps the chunk of unknown outcome too.
//
// A chunk the server refuses (status="error") changes nothing there; when
// the message names a line of Profiles_Data, that row is set aside as
// rejected with the server's message and the rest of the chunk is sent again.
package importer
