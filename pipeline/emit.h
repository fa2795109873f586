/* emit.h — the emit stage: the per-document CSV files of the contract.
 *
 * From segments.bxs and grid.bxg, emit_run writes into DIR: tables/NNN.csv (each
 * table as its grid), tables.csv, facts.csv (every number cell of a body or total
 * row), narrative.csv (amounts, shares and changes the narrative states, by the
 * `fact` and `subject` rules of rules/narrative.rules) and document.csv.
 * Column lists are in README.md; files are written atomically, stale
 * tables/NNN.csv beyond the current count are removed.
 */
#ifndef BX_EMIT_H
#define BX_EMIT_H

#include "err.h"
#include "status.h"

typedef struct {
	const char *segments, *grid, *rules, *dir;
	int bom;
} emit_opts;

/* Returns 0 and sets *STATUS (the document's), or -1 with ERR set. */
int emit_run(const emit_opts *o, bx_status *status, bx_err *err);

#endif
