/* csvio.h — the CSV files users load: writing them (RFC 4180 through libcsv,
 * UTF-8, "\n" line ends, optional byte-order mark) and reading them back.
 *
 * A field is quoted, by libcsv, only when it holds a comma, a quote, CR, LF, or
 * leading or trailing spaces; otherwise it is written as is.  Files are written
 * atomically (atomic.h).  The reader strips a leading BOM and hands each record
 * to a callback; it is the only CSV parser of the project.
 */
#ifndef BX_CSVIO_H
#define BX_CSVIO_H

#include "atomic.h"
#include "err.h"

typedef struct {
	atomic_file af;
	int nfield; /* fields written on the current record */
	int failed;
} csv_out;

/* Opens PATH for writing; BOM non-zero writes a UTF-8 byte-order mark first. */
int csvout_open(csv_out *o, const char *path, int bom, bx_err *err);
void csvout_field(csv_out *o, const char *s);
void csvout_fieldf(csv_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void csvout_long(csv_out *o, long v);
/* Ends the current record. */
void csvout_end(csv_out *o);
/* Writes a whole record of N fields. */
void csvout_row(csv_out *o, int n, const char *const *fields);
/* Commits (0) or fails with ERR set (-1); either way O is released. */
int csvout_commit(csv_out *o, bx_err *err);
void csvout_abort(csv_out *o);

/* Called for each record: FIELDS[0..N-1] (NUL-terminated, owned by the reader),
 * RECORD 1-based.  A non-zero return stops the reading with that value. */
typedef int (*csvin_fn)(void *ctx, char **fields, int n, long record);

/* Reads PATH. Returns 0, the callback's non-zero value, or -1 with ERR set for a
 * missing file or a parse error (strict mode: a stray quote is an error). */
int csvin_read(const char *path, csvin_fn fn, void *ctx, bx_err *err);

#endif
