/* reconcile.c — evaluating the checks of a document (see reconcile.h): loads
 * the rules, the segments, the grids and the narrative facts, hands each rule
 * to the evaluator of its family (reconcile_tables.c, reconcile_text.c,
 * reconcile_narrative.c) and writes one reconcile.csv row per check instance;
 * the shared helpers of reconcileInt.h live here. */
#include "reconcile.h"
#include "reconcileInt.h"
#include "csvio.h"
#include "grids.h"
#include "number.h"
#include "rules.h"
#include "segments.h"

#include <glib.h>
#include <math.h>
#include <string.h>

static const char *const rec_head[] = { "doc",    "check",      "status",    "scope", "expected",
	                                "actual", "difference", "tolerance", "where", "message" };

void reconcile_emit(rec_ctx *x, const rule *r, const char *status, const char *scope, double expected, double actual,
                    double tol, int have_numbers, const char *where, const char *message)
{
	char e[64] = "", a[64] = "", d[64] = "", t[64] = "";
	if (have_numbers) {
		g_snprintf(e, sizeof e, "%.2f", expected);
		g_snprintf(a, sizeof a, "%.2f", actual);
		g_snprintf(d, sizeof d, "%.2f", actual - expected);
		g_snprintf(t, sizeof t, "%.2f", tol);
	}
	csvout_row(x->c, 10, (const char *[]){ x->s->doc, r->id, status, scope, e, a, d, t, where, message });
	if (!strcmp(status, "pass"))
		x->n->pass++;
	else if (!strcmp(status, "rounding"))
		x->n->rounding++;
	else if (!strcmp(status, "fail"))
		x->n->fail++;
	else if (!strcmp(status, "not_applicable"))
		x->n->not_applicable++;
	else
		x->n->insufficient_data++;
}

/* Compares and emits one instance. */
void reconcile_compare(rec_ctx *x, const rule *r, const char *scope, double expected, double actual, double tol,
                       const char *where, const char *what)
{
	double diff = fabs(actual - expected);
	const char *st = diff < 1e-6 ? "pass" : diff <= tol + 1e-6 ? "rounding" : "fail";
	char *msg = g_strdup_printf("%s: printed %.2f, sum %.2f", what, expected, actual);
	reconcile_emit(x, r, st, scope, expected, actual, tol, 1, where, msg);
	g_free(msg);
}

int reconcile_numeric_col(grid_table *t, long c)
{
	for (long r = t->header_rows; r < t->rows; r++)
		if (!strcmp(grid_at(t, r, c)->type, "number"))
			return 1;
	return 0;
}

/* Value of a cell (blank reads as zero); *DEC gets its printed decimals. */
double reconcile_value(grid_table *t, long r, long c, int *dec, int *present)
{
	grid_cell *x = grid_at(t, r, c);
	*present = !strcmp(x->type, "number");
	*dec = *present ? number_decimals(x->value) : 0;
	return *present ? g_ascii_strtod(x->value, NULL) : 0.0;
}

double reconcile_half_unit(int dec)
{
	return 0.5 * pow(10.0, -dec);
}

grid_table *reconcile_grid(const grids *g, long no)
{
	for (guint i = 0; i < g->tables->len; i++) {
		grid_table *t = g_ptr_array_index(g->tables, i);
		if (t->no == no)
			return t;
	}
	return NULL;
}

static GArray *rec_texts(const segments *s, GPtrArray *owned)
{
	GArray *v = g_array_new(FALSE, FALSE, sizeof(rec_text));
	for (guint i = 0; i < s->headings->len; i++) {
		const seg_heading *h = &g_array_index(s->headings, seg_heading, i);
		rec_text t = { h->text, "heading", h->page };
		g_array_append_val(v, t);
	}
	for (guint i = 0; i < s->paras->len; i++) {
		const seg_para *p = &g_array_index(s->paras, seg_para, i);
		char *what = g_strdup_printf("narrative %s", *p->section ? p->section : "(before the first heading)");
		rec_text t = { p->text, what, p->page };
		g_ptr_array_add(owned, what);
		g_array_append_val(v, t);
	}
	for (guint i = 0; i < s->tables->len; i++) {
		const seg_table *st = &g_array_index(s->tables, seg_table, i);
		char *w1 = g_strdup_printf("table %03ld title", st->no),
		     *w2 = g_strdup_printf("table %03ld note", st->no);
		rec_text t1 = { st->title, w1, st->first }, t2 = { st->note, w2, st->last };
		g_ptr_array_add(owned, w1);
		g_ptr_array_add(owned, w2);
		g_array_append_val(v, t1);
		if (*st->note)
			g_array_append_val(v, t2);
	}
	return v;
}

static int rec_fact_row(void *ctx, char **f, int n, long record)
{
	GArray *a = ctx;
	rec_fact x;
	if (record == 1 || n < 8)
		return 0;
	x.section = g_strdup(f[1]);
	x.page = strtol(f[2], NULL, 10);
	x.subject = g_strdup(f[3]);
	x.measure = g_strdup(f[4]);
	x.value = g_strdup(f[5]);
	x.unit = g_strdup(f[6]);
	x.sentence = g_strdup(f[7]);
	g_array_append_val(a, x);
	return 0;
}

static void rec_fact_clear(gpointer p)
{
	rec_fact *x = p;
	g_free(x->section);
	g_free(x->subject);
	g_free(x->measure);
	g_free(x->value);
	g_free(x->unit);
	g_free(x->sentence);
}

/* V rounded half away from zero to DEC decimals, as a publisher rounds a printed
 * figure; a value a binary fraction short of the half (563.045 stored as
 * 563.04499…) still rounds up. */
double reconcile_round(double v, int dec)
{
	double p = pow(10, dec);
	return round(v * p + (v >= 0 ? 1e-7 : -1e-7)) / p;
}

/* A value in 万元: tables in 元 are divided by 10,000. */
double reconcile_wan(double v, const char *unit)
{
	return !strcmp(unit, "元") ? v / 10000.0 : v;
}

int reconcile_run(const reconcile_opts *o, reconcile_counts *n, bx_err *err)
{
	rules_set *rs = rules_load(o->rules, err);
	segments *s = rs ? segments_read(o->segments, err) : NULL;
	grids *g = s ? grids_read(o->grid, err) : NULL;
	csv_out c;
	int rc = -1;

	memset(n, 0, sizeof *n);
	if (g && csvout_open(&c, o->out, o->bom, err) == 0) {
		rec_ctx x = { &c, s, o, n };
		GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
		GArray *texts = rec_texts(s, owned);
		GArray *facts = g_array_new(FALSE, TRUE, sizeof(rec_fact));
		int have_facts = 0;
		g_array_set_clear_func(facts, rec_fact_clear);
		if (o->narrative) {
			bx_err ferr;
			have_facts = csvin_read(o->narrative, rec_fact_row, facts, &ferr) == 0;
		}
		csvout_row(&c, G_N_ELEMENTS(rec_head), rec_head);
		for (size_t i = 0; i < rs->n; i++) {
			const rule *r = &rs->v[i];
			long tables = 0;
			if (!strcmp(r->cls, "prior-doc"))
				continue; /* across documents: bx-collect (crossdoc.h) */
			if (g_str_has_prefix(r->cls, "lint")) {
				reconcile_text_lint(&x, rs, r, texts);
				continue;
			}
			if (!strcmp(r->cls, "year")) {
				reconcile_text_year(&x, rs, r, texts);
				continue;
			}
			if (!strcmp(r->cls, "compare-word")) {
				reconcile_text_compare_word(&x, rs, r, texts);
				continue;
			}
			if (!strcmp(r->cls, "code-label")) {
				reconcile_tables_code_label_same(&x, rs, r, g);
				continue;
			}
			if (!strcmp(r->cls, "code-amount")) {
				reconcile_tables_code_amount(&x, r, g);
				continue;
			}
			if (!strcmp(r->cls, "cross-total")) {
				reconcile_tables_cross_total(&x, r, g);
				continue;
			}
			if (!strcmp(r->cls, "required")) {
				reconcile_tables_required(&x, rs, r);
				continue;
			}
			if (!strcmp(r->cls, "code-name")) {
				reconcile_narrative_code_name(&x, rs, r, texts, g);
				continue;
			}
			if (!strcmp(r->cls, "narrative-amount") || !strcmp(r->cls, "growth") ||
			    !strcmp(r->cls, "share") || !strcmp(r->cls, "item-budget") ||
			    !strcmp(r->cls, "growth-table") || !strcmp(r->cls, "parts") ||
			    !strcmp(r->cls, "restated")) {
				if (!have_facts)
					reconcile_emit(&x, r, "insufficient_data", "document", 0, 0, 0, 0, "document",
					               "no narrative.csv given or readable");
				else if (r->cls[0] == 'n')
					reconcile_narrative_amount(&x, rs, r, facts, g);
				else if (r->cls[0] == 's')
					reconcile_narrative_share(&x, rs, r, facts);
				else if (!strcmp(r->cls, "restated"))
					reconcile_narrative_restated(&x, rs, r, facts);
				else if (!strcmp(r->cls, "parts"))
					reconcile_narrative_parts(&x, rs, r, facts);
				else if (!strcmp(r->cls, "growth-table"))
					reconcile_narrative_growth_table(&x, rs, r, facts, g);
				else if (r->cls[0] == 'i')
					reconcile_narrative_item_budget(&x, rs, r, facts);
				else
					reconcile_narrative_growth(&x, r, facts);
				continue;
			}
			for (guint k = 0; k < s->tables->len; k++) {
				const seg_table *st = &g_array_index(s->tables, seg_table, k);
				grid_table *t = reconcile_grid(g, st->no);
				if (!t || pcre2_match(r->re, (PCRE2_SPTR)st->kind, PCRE2_ZERO_TERMINATED, 0, 0, rs->md,
				                      NULL) <= 0)
					continue;
				tables++;
				if (!strcmp(r->cls, "tree"))
					reconcile_tables_tree(&x, r, st, t);
				else if (!strcmp(r->cls, "empty-note"))
					reconcile_tables_empty_note(&x, r, st, t);
				else if (!strcmp(r->cls, "row-sum"))
					reconcile_tables_row_sum(&x, r, st, t);
				else if (!strcmp(r->cls, "balance"))
					reconcile_tables_balance(&x, r, st, t);
				else if (!strcmp(r->cls, "line-sum"))
					reconcile_tables_line_sum(&x, r, st, t);
				else if (!strcmp(r->cls, "class-line"))
					reconcile_tables_class_line(&x, r, st, t, g);
				else if (!strcmp(r->cls, "total"))
					reconcile_tables_total(&x, r, st, t);
			}
			if (!tables)
				reconcile_emit(&x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
				               "no table of the kinds this check applies to");
		}
		g_array_unref(texts);
		g_array_unref(facts);
		g_ptr_array_unref(owned);
		rc = csvout_commit(&c, err);
	}
	grids_free(g);
	segments_free(s);
	rules_free(rs);
	return rc;
}
