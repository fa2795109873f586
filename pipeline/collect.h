/* collect.h — the run-level outputs and the progress line.
 *
 * collect_run reads OUT/.bx/docs.list and writes OUT/documents.csv, OUT/facts.csv
 * and OUT/reconcile.csv (each document's rows in run order under one header,
 * re-serialised through csvio so the result is valid CSV whatever the parts) and
 * OUT/report.html (one self-contained page: documents, their tables, check counts
 * by status, every fail with where it is, and every error).  A document whose
 * stages did not finish gets a failed row in documents.csv, never no row.
 * collect_tick records one finished document in OUT/.bx/progress and returns the
 * progress line ("12/40 documents, 33.2 pages/s, 1 failed").
 */
#ifndef BX_COLLECT_H
#define BX_COLLECT_H

#include "err.h"

typedef struct {
	long docs, failed, partial, checks_fail, checks_total;
} collect_summary;

/* RULES: the checks file whose prior-doc rules run across the documents
 * (crossdoc.h), their records appended to OUT/reconcile.csv; NULL: none. */
int collect_run(const char *out, int bom, const char *rules, collect_summary *sum, bx_err *err);

/* The number of failed check instances in OUT/reconcile.csv, or -1 with ERR
 * set; with SEVERITY (error, warning), only those of checks of that severity in
 * the rules file RULES. */
long collect_failed(const char *out, const char *rules, const char *severity, bx_err *err);

/* Starts the progress record of a run (OUT/.bx/progress). Returns 0 or -1. */
int collect_start(const char *out, bx_err *err);

/* Returns the progress line (g_free) or NULL with ERR set. */
char *collect_tick(const char *out, const char *doc, bx_err *err);

/* The summary line of document DOC of run OUT (g_free): its status, pages and
 * check instances by status ("doc: ok, 21 pages; 302 pass, 9 rounding, 14 fail,
 * …"; "no checks" and why when its reconcile.csv is unreadable), or NULL with
 * ERR set when its document.csv is unreadable. */
char *collect_doc_line(const char *out, const char *doc, bx_err *err);

#endif
