/* reconcileInt.h — private to the reconcile stage: the evaluation context, the
 * document's texts and narrative facts, the helpers every family uses
 * (reconcile.c) and the evaluators of each family of checks:
 * reconcile_tables.c (inside and across tables), reconcile_text.c (the
 * document's wording) and reconcile_narrative.c (the narrative's amounts).
 * Every evaluator emits at least one row per rule and document: a result for
 * each instance, or one not_applicable / insufficient_data row saying why. */
#ifndef BX_RECONCILE_INT_H
#define BX_RECONCILE_INT_H
#include "csvio.h"
#include "grids.h"
#include "reconcile.h"
#include "rules.h"
#include "segments.h"

#include <glib.h>

/* The evaluation of one document: output, inputs, options and counts. */
typedef struct {
	csv_out *c;
	const segments *s;
	const reconcile_opts *o;
	reconcile_counts *n;
} rec_ctx;

/* A piece of the document's own wording, for the lint and year families. */
typedef struct {
	const char *text, *what; /* the text; "narrative 二/（一）" / "heading" / "table 003 title" */
	long page;
} rec_text;

/* An amount, share or change the narrative states (a narrative.csv row). */
typedef struct {
	char *section, *subject, *measure, *value, *unit, *sentence;
	long page;
} rec_fact;

/* Writes one check instance and counts its status.  HAVE_NUMBERS: whether
 * EXPECTED, ACTUAL and TOL are printed (else blank). */
void reconcile_emit(rec_ctx *x, const rule *r, const char *status, const char *scope, double expected, double actual,
                    double tol, int have_numbers, const char *where, const char *message);
/* Emits pass, rounding (within TOL) or fail for EXPECTED against ACTUAL. */
void reconcile_compare(rec_ctx *x, const rule *r, const char *scope, double expected, double actual, double tol,
                       const char *where, const char *what);
/* Whether column C of T holds a number in its body. */
int reconcile_numeric_col(grid_table *t, long c);
/* Value of a cell (blank reads as zero); *DEC its printed decimals, *PRESENT whether printed. */
double reconcile_value(grid_table *t, long r, long c, int *dec, int *present);
/* Half a unit of the last of DEC printed decimals. */
double reconcile_half_unit(int dec);
/* The grid of table NO, or NULL. */
grid_table *reconcile_grid(const grids *g, long no);
/* V rounded half away from zero to DEC decimals (563.045 → 563.05). */
double reconcile_round(double v, int dec);
/* V in 万元 (UNIT 元 is divided by 10,000). */
double reconcile_wan(double v, const char *unit);

/* reconcile_tables.c: tree, total, row-sum on one table of the rule's kinds;
 * cross-total, code-label, required over the document */
void reconcile_tables_tree(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t);
void reconcile_tables_total(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t);
void reconcile_tables_row_sum(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t);
void reconcile_tables_empty_note(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t);
void reconcile_tables_balance(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t);
void reconcile_tables_line_sum(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t);
void reconcile_tables_class_line(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t, const grids *g);
void reconcile_tables_cross_total(rec_ctx *x, const rule *r, const grids *g);
void reconcile_tables_code_label_same(rec_ctx *x, rules_set *rs, const rule *r, const grids *g);
void reconcile_tables_required(rec_ctx *x, rules_set *rs, const rule *r);
void reconcile_tables_code_amount(rec_ctx *x, const rule *r, const grids *g);
/* The label a table of KINDS gives CODE (owned by G), or NULL; *WHERE (g_free) says where. */
const char *reconcile_tables_code_label(rec_ctx *x, const grids *g, pcre2_code *kinds, pcre2_match_data *md,
                                        const char *code, char **where);

/* reconcile_text.c: lint, year and compare-word over TEXTS (rec_text) */
void reconcile_text_lint(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts);
void reconcile_text_year(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts);
void reconcile_text_compare_word(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts);

/* reconcile_narrative.c: FACTS are rec_fact, TEXTS rec_text */
void reconcile_narrative_amount(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts, const grids *g);
void reconcile_narrative_code_name(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts, const grids *g);
void reconcile_narrative_share(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts);
void reconcile_narrative_item_budget(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts);
void reconcile_narrative_growth(rec_ctx *x, const rule *r, GArray *facts);
void reconcile_narrative_parts(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts);
void reconcile_narrative_restated(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts);
void reconcile_narrative_growth_table(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts, const grids *g);

#endif
