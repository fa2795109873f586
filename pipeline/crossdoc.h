/* crossdoc.h — checks across the documents of one run.
 *
 * A `prior-doc` rule of rules/checks.rules (docs/RULES.md) says where a document
 * prints the previous year's figures (the 2024年预算数 column of a 2025 budget)
 * and where the previous year's document of the same issuer and kind prints the
 * same figures as its own (the 2024 budget's 合计 column).  crossdoc_run pairs
 * the documents of a run by issuer, kind and year, reads each one's facts.csv
 * and returns one reconcile.csv record per compared figure (pass, rounding,
 * fail), per figure the earlier document lacks (insufficient_data), or one
 * not_applicable record for a document with no earlier one in the run.
 */
#ifndef BX_CROSSDOC_H
#define BX_CROSSDOC_H

#include <glib.h>
#include "rules.h"

/* OUT: the run folder; DOCS: documents.csv records (char ** of 10 fields:
 * doc, source, sha256, pages, kind, issuer, year, amount_unit, status, error);
 * RS: the checks rules (its prior-doc rules run).  Returns the records (the
 * array frees them); a document whose facts.csv cannot be read has no facts. */
GPtrArray *crossdoc_run(const char *out, GPtrArray *docs, rules_set *rs);

#endif
