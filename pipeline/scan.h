/* scan.h — maps a run's input tree to document ids and working folders.
 *
 * scan_run walks IN recursively (hidden entries and OUT itself skipped, symlinks
 * to files followed), takes every .pdf, .txt and .md file (any letter case), and
 * for each not matched by a glob pattern of IN/.bxignore (one a line, on the
 * path relative to IN, '#' comments) makes OUT/<id>/ with `source` (a symlink to the input's absolute
 * path, so make sees the input's modification time) and `source.name` (its path
 * relative to IN).  The id is the file name reduced to ASCII letters, digits,
 * '-', '_' and '.', cut to 40 bytes, then '-' and the first 8 hex digits of the
 * SHA-256 of the relative path: stable across runs and machines, safe in make
 * and shell, distinct for equal names in different folders.  It writes
 * OUT/.bx/docs.mk ("DOCS := id ...", sorted by relative path) and the same ids,
 * one a line, in OUT/.bx/docs.list.  A file is only
 * rewritten when its content changes, so a rerun with nothing new touches nothing.
 */
#ifndef BX_SCAN_H
#define BX_SCAN_H

#include "err.h"

/* Returns the number of documents found (>= 0), or -1 with ERR set. */
long scan_run(const char *in, const char *out, bx_err *err);

/* Returns the id of relative path REL (g_free). */
char *scan_doc_id(const char *rel);

#endif
