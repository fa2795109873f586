/* reconcile.h — the reconcile stage: the checks of rules/checks.rules on one document.
 *
 * Every check instance gets a status: pass (equal), rounding (the difference is
 * within what the rounding of the printed terms explains: half a unit of the last
 * printed digit per rounded term), fail, not_applicable (the relation does not
 * apply to this table; the message says why) or insufficient_data (what was
 * missing).  The families (code trees, totals, row identities, 收支 balance,
 * totals and names across tables, the narrative against the tables and its own
 * arithmetic, disclosure lint, the tables a template requires) are listed in
 * docs/RULES.md and evaluated in reconcile_tables.c, reconcile_text.c and
 * reconcile_narrative.c; the checks across documents (prior-doc) are run by
 * collect (crossdoc.h), not here.
 * Output: DIR/reconcile.csv (columns in README.md), atomically.
 */
#ifndef BX_RECONCILE_H
#define BX_RECONCILE_H

#include "err.h"
#include "status.h"

typedef struct {
	const char *segments, *grid, *rules, *out;
	const char *narrative; /* narrative.csv of the document, or NULL: no narrative checks */
	int bom;
	double rounding_factor; /* multiplies the rounding tolerance; 1 by default */
} reconcile_opts;

typedef struct {
	long pass, rounding, fail, not_applicable, insufficient_data;
} reconcile_counts;

/* Returns 0 with *COUNTS filled, or -1 with ERR set. */
int reconcile_run(const reconcile_opts *o, reconcile_counts *counts, bx_err *err);

#endif
