/* reconcile.c — evaluating the checks of a document (see reconcile.h). */
#include "reconcile.h"
#include "csvio.h"
#include "grids.h"
#include "number.h"
#include "rules.h"
#include "segments.h"

#include <glib.h>
#include <math.h>
#include <string.h>

static const char *const rec_head[] = { "doc", "check", "status", "scope", "expected", "actual",
	"difference", "tolerance", "where", "message" };

typedef struct {
	csv_out *c;
	const segments *s;
	const reconcile_opts *o;
	reconcile_counts *n;
} rec_ctx;

static void rec_emit(rec_ctx *x, const rule *r, const char *status, const char *scope, double expected,
                     double actual, double tol, int have_numbers, const char *where, const char *message)
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
static void rec_compare(rec_ctx *x, const rule *r, const char *scope, double expected, double actual,
                        double tol, const char *where, const char *what)
{
	double diff = fabs(actual - expected);
	const char *st = diff < 1e-6 ? "pass" : diff <= tol + 1e-6 ? "rounding" : "fail";
	char *msg = g_strdup_printf("%s: printed %.2f, sum %.2f", what, expected, actual);
	rec_emit(x, r, st, scope, expected, actual, tol, 1, where, msg);
	g_free(msg);
}

static int rec_numeric_col(grid_table *t, long c)
{
	for (long r = t->header_rows; r < t->rows; r++)
		if (!strcmp(grid_at(t, r, c)->type, "number"))
			return 1;
	return 0;
}

/* Value of a cell (blank reads as zero); *DEC gets its printed decimals. */
static double rec_value(grid_table *t, long r, long c, int *dec, int *present)
{
	grid_cell *x = grid_at(t, r, c);
	*present = !strcmp(x->type, "number");
	*dec = *present ? number_decimals(x->value) : 0;
	return *present ? g_ascii_strtod(x->value, NULL) : 0.0;
}

static double rec_half_unit(int dec)
{
	return 0.5 * pow(10.0, -dec);
}

static void rec_tree(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t)
{
	int any = 0;
	for (long p = t->header_rows; p < t->rows; p++) {
		const char *pc = t->row[p].code;
		size_t pl = strlen(pc);
		if (pl != 3 && pl != 5)
			continue;
		for (long c = 0; c < t->cols; c++) {
			double sum = 0, tol = 0, pv;
			int pdec, pres, nchild = 0, anyval = 0;
			char *scope, *where;
			if (!rec_numeric_col(t, c))
				continue;
			pv = rec_value(t, p, c, &pdec, &pres);
			for (long k = t->header_rows; k < t->rows; k++) {
				const char *kc = t->row[k].code;
				int dec, pr;
				double v;
				if (strlen(kc) != pl + 2 || strncmp(kc, pc, pl) != 0)
					continue;
				v = rec_value(t, k, c, &dec, &pr);
				sum += v;
				nchild++;
				anyval |= pr;
				if (pr)
					tol += rec_half_unit(dec);
			}
			if (nchild == 0)
				break; /* no children: no instance for this parent */
			if (!pres && !anyval)
				continue;
			any = 1;
			scope = g_strdup_printf("table %03ld %s / %s", st->no, pc, t->path[c]);
			where = g_strdup_printf("table %03ld (%s) row %ld code %s %s, column '%s', page %ld", st->no,
			                        st->kind, p + 1, pc, t->row[p].label, t->path[c], t->row[p].page);
			if (pres)
				tol += rec_half_unit(pdec);
			tol *= x->o->rounding_factor;
			rec_compare(x, r, scope, pv, sum, tol, where, "parent vs sum of its children");
			g_free(scope);
			g_free(where);
		}
	}
	if (!any) {
		char *scope = g_strdup_printf("table %03ld", st->no);
		rec_emit(x, r, "not_applicable", scope, 0, 0, 0, 0, scope, "no parent code with children and amounts");
		g_free(scope);
	}
}

/* Sums column C over the 3-digit codes of rows FROM..TO-1; returns how many rows had one. */
static int rec_block(grid_table *t, long from, long to, long c, double *sum, double *tol, int *anyval)
{
	int n = 0;
	for (long k = from; k < to; k++) {
		int dec, pr;
		if (strlen(t->row[k].code) != 3)
			continue;
		n++;
		*sum += rec_value(t, k, c, &dec, &pr);
		*anyval |= pr;
		if (pr)
			*tol += rec_half_unit(dec);
	}
	return n;
}

/* Each 合计/总计 row = the sum of the top-level codes of its block: the rows since
 * the previous total when it closes a block (人员经费合计 under its items), else
 * the rows after it up to the next total (合计 printed first). */
static void rec_total(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t)
{
	long prev = t->header_rows, instances = 0, totals = 0;
	char *scope;

	for (long p = t->header_rows; p < t->rows; p++) {
		long from, to, next;
		int before;
		if (strcmp(t->row[p].role, "total") != 0)
			continue;
		totals++;
		for (next = p + 1; next < t->rows && strcmp(t->row[next].role, "total") != 0; next++)
			;
		{
			double s0 = 0, t0 = 0;
			int a0 = 0;
			before = rec_block(t, prev, p, 0, &s0, &t0, &a0) > 0;
		}
		from = before ? prev : p + 1;
		to = before ? p : next;
		prev = p + 1;
		for (long c = 0; c < t->cols; c++) {
			double sum = 0, tol = 0, tv;
			int tdec, tpres, anyval = 0;
			char *where;
			if (!rec_numeric_col(t, c) || !rec_block(t, from, to, c, &sum, &tol, &anyval))
				continue;
			tv = rec_value(t, p, c, &tdec, &tpres);
			if (!tpres && !anyval)
				continue;
			if (tpres)
				tol += rec_half_unit(tdec);
			tol *= x->o->rounding_factor;
			scope = g_strdup_printf("table %03ld %s / %s", st->no, t->row[p].label, t->path[c]);
			where = g_strdup_printf("table %03ld (%s) row %ld %s, column '%s', page %ld", st->no, st->kind,
			                        p + 1, t->row[p].label, t->path[c], t->row[p].page);
			rec_compare(x, r, scope, tv, sum, tol, where, "total row vs sum of top-level codes");
			instances++;
			g_free(scope);
			g_free(where);
		}
	}
	if (instances == 0) {
		scope = g_strdup_printf("table %03ld", st->no);
		rec_emit(x, r, totals == 0 ? "insufficient_data" : "not_applicable", scope, 0, 0, 0, 0, scope,
		         totals == 0 ? "no 合计/总计 row found" : "no top-level subject codes with amounts");
		g_free(scope);
	}
}

static grid_table *rec_grid(const grids *g, long no)
{
	for (guint i = 0; i < g->tables->len; i++) {
		grid_table *t = g_ptr_array_index(g->tables, i);
		if (t->no == no)
			return t;
	}
	return NULL;
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
		csvout_row(&c, G_N_ELEMENTS(rec_head), rec_head);
		for (size_t i = 0; i < rs->n; i++) {
			const rule *r = &rs->v[i];
			for (guint k = 0; k < s->tables->len; k++) {
				const seg_table *st = &g_array_index(s->tables, seg_table, k);
				grid_table *t = rec_grid(g, st->no);
				if (!t || pcre2_match(r->re, (PCRE2_SPTR)st->kind, PCRE2_ZERO_TERMINATED, 0, 0, rs->md, NULL) <= 0)
					continue;
				if (!strcmp(r->cls, "tree"))
					rec_tree(&x, r, st, t);
				else if (!strcmp(r->cls, "total"))
					rec_total(&x, r, st, t);
			}
		}
		rc = csvout_commit(&c, err);
	}
	grids_free(g);
	segments_free(s);
	rules_free(rs);
	return rc;
}
