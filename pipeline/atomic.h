/* atomic.h — output files that appear whole or not at all.
 *
 * atomic_open creates a temporary file next to PATH (".NAME.tmp-XXXXXX"), the
 * caller writes through af->fp, and atomic_commit flushes, fsyncs and renames it
 * into place.  atomic_abort (or a crash) leaves PATH untouched; a stale temporary
 * left by a killed run is never taken for the output and is removed by the next
 * atomic_open of the same PATH.
 */
#ifndef BX_ATOMIC_H
#define BX_ATOMIC_H

#include <stdio.h>
#include "err.h"

typedef struct {
	FILE *fp;
	char *path; /* final name */
	char *tmp;  /* temporary name */
} atomic_file;

/* Opens a temporary for PATH. Returns 0, or -1 with ERR set (nothing to release). */
int atomic_open(atomic_file *af, const char *path, bx_err *err);

/* Closes and renames into place. Returns 0, or -1 with ERR set (temporary removed).
 * Either way AF is released. */
int atomic_commit(atomic_file *af, bx_err *err);

/* Closes and removes the temporary; safe on a zeroed or committed AF. */
void atomic_abort(atomic_file *af);

/* Creates directory PATH and its parents (mode 0777 & ~umask). Returns 0 or -1. */
int atomic_mkdirs(const char *path, bx_err *err);

#endif
