/* err.h — the error record every library function fills instead of printing.
 *
 * A library function that can fail takes a `bx_err *` last and returns a status;
 * on failure it fills the record with a one-line lowercase message (no trailing
 * period, offending values quoted) and, when the failure is about an input file,
 * the file name and 1-based line.  Only the programs in cmd/ print it.
 */
#ifndef BX_ERR_H
#define BX_ERR_H

#include <stddef.h>

typedef struct {
	char msg[512];
	char file[512];
	long line; /* 0 when the error is not about a line of a file */
} bx_err;

/* Sets ERR (may be NULL) to the formatted message, no file. Returns -1. */
int err_set(bx_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets ERR (may be NULL) to a message about FILE:LINE. Returns -1. */
int err_at(bx_err *err, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Writes "file:line: msg" (or "msg") into BUF of size LEN; returns BUF. */
const char *err_format(const bx_err *err, char *buf, size_t len);

#endif
