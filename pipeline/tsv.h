/* tsv.h — the line grammar shared by every intermediate file.
 *
 * A record is one line: fields separated by one TAB, ended by LF.  Inside a text
 * field, backslash, TAB, LF and CR are written as \\ \t \n \r, so any text
 * survives a round trip; no other escape exists.  An empty text is written as
 * "-" only where the format says so (tsv does not invent it).  Lines longer
 * than TSV_MAX_LINE bytes are refused.  The per-format modules (layout.c,
 * segments.c, grids.c) are the only readers and writers of their files; this
 * module only knows lines and fields.
 */
#ifndef BX_TSV_H
#define BX_TSV_H

#include <stdio.h>
#include "err.h"

#define TSV_MAX_LINE (1L << 20)
#define TSV_MAX_FIELDS 64

/* Writes S escaped (no separator). Returns 0 or EOF on a write error. */
int tsv_put(FILE *fp, const char *s);

typedef struct {
	FILE *fp;
	const char *name; /* for messages */
	long lineno;
	char *buf;
	size_t cap;
	char *field[TSV_MAX_FIELDS];
	int nfield;
} tsv_reader;

/* Prepares R to read FP; NAME is kept (not copied) for messages. */
void tsv_reader_init(tsv_reader *r, FILE *fp, const char *name);
void tsv_reader_release(tsv_reader *r);

/* Reads the next record, splitting and unescaping its fields into r->field.
 * Returns 1 for a record, 0 at end of file, -1 with ERR set (file:line) for an
 * over-long line, a bad escape, too many fields or a read error. */
int tsv_next(tsv_reader *r, bx_err *err);

/* Parses field I of the current record as a double / long; -1 with ERR set on
 * a missing or malformed field. */
int tsv_double(tsv_reader *r, int i, double *out, bx_err *err);
int tsv_long(tsv_reader *r, int i, long *out, bx_err *err);

/* Reads the version line "MAGIC<TAB>VERSION" and refuses another magic or
 * version with a message naming both. */
int tsv_expect_header(tsv_reader *r, const char *magic, long version, bx_err *err);

#endif
