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

/* Whether T prints no number in its body (an empty table). */
static int rec_table_blank(grid_table *t)
{
	for (long c = 0; c < t->cols; c++)
		if (rec_numeric_col(t, c))
			return 0;
	return 1;
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

/* A piece of the document's own wording, for the lint and year families. */
typedef struct {
	const char *text, *what; /* the text; "narrative 二/（一）" / "heading" / "table 003 title" */
	long page;
} rec_text;

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
		char *w1 = g_strdup_printf("table %03ld title", st->no), *w2 = g_strdup_printf("table %03ld note", st->no);
		rec_text t1 = { st->title, w1, st->first }, t2 = { st->note, w2, st->last };
		g_ptr_array_add(owned, w1);
		g_ptr_array_add(owned, w2);
		g_array_append_val(v, t1);
		if (*st->note)
			g_array_append_val(v, t2);
	}
	return v;
}

/* Up to 24 characters either side of bytes FROM..TO of TEXT, for a message. */
static char *rec_context(const char *text, size_t from, size_t to)
{
	const char *a = text + from, *b = text + to;
	for (int k = 0; k < 24 && a > text; k++)
		a = g_utf8_prev_char(a);
	for (int k = 0; k < 24 && *b; k++)
		b = g_utf8_next_char(b);
	return g_strndup(a, (gsize)(b - a));
}

/* lint: every match of the rule's pattern in the document's wording is a fail;
 * none is one pass.  lint-unit / lint-dept apply only to documents of that scope. */
static void rec_lint(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts)
{
	const char *scope = segments_meta(x->s, "scope");
	long found = 0;

	if ((!strcmp(r->cls, "lint-unit") && strcmp(scope, "unit") != 0) ||
	    (!strcmp(r->cls, "lint-dept") && strcmp(scope, "dept") != 0)) {
		char *why = g_strdup_printf("applies to %s documents; this one is '%s'", r->cls + 5, *scope ? scope : "unknown");
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", why);
		g_free(why);
		return;
	}
	for (guint i = 0; i < texts->len; i++) {
		const rec_text *t = &g_array_index(texts, rec_text, i);
		size_t off = 0, st, en;
		while (off < strlen(t->text) && rules_exec(rs, r, t->text, off, &st, &en)) {
			char *m = g_strndup(t->text + st, en - st), *ctx = rec_context(t->text, st, en);
			char *where = g_strdup_printf("%s, page %ld", t->what, t->page);
			char *msg = g_strdup_printf("'%s' in: %s", m, ctx);
			rec_emit(x, r, "fail", t->what, 0, 0, 0, 0, where, msg);
			found++;
			g_free(m);
			g_free(ctx);
			g_free(where);
			g_free(msg);
			off = en > st ? en : st + 1;
		}
	}
	if (!found) {
		char *msg = g_strdup_printf("not found in %u headings, paragraphs, titles and notes", texts->len);
		rec_emit(x, r, "pass", "document", 0, 0, 0, 0, "document", msg);
		g_free(msg);
	}
}

/* year: a year (named group year) in a heading, a table title or a title-like
 * paragraph must be the document's year. */
static void rec_year(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts)
{
	const char *year = segments_meta(x->s, "year"), *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 2);
	long checked = 0, want;

	/* VALUE SEVERITY@DOCKIND;OFFSET: every text of a DOCKIND document, the year
	 * expected being the document's plus OFFSET; plain SEVERITY: titles only */
	if (!*year) {
		rec_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "document", "the document's year was not found");
		goto out;
	}
	if (at && (g_strv_length(spec) != 2 || strcmp(spec[0], segments_meta(x->s, "kind")) != 0)) {
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		         g_strv_length(spec) == 2 ? "the rule is for another kind of document" : "malformed VALUE");
		goto out;
	}
	want = strtol(year, NULL, 10) + (at ? strtol(spec[1], NULL, 10) : 0);
	for (guint i = 0; i < texts->len; i++) {
		const rec_text *t = &g_array_index(texts, rec_text, i);
		size_t st, en, off = 0;
		/* headings, table titles and title-like paragraphs (short, no sentence:
		 * 第三部分 …2024年度部门决算情况说明) */
		if (!at && strcmp(t->what, "heading") != 0 && !g_str_has_suffix(t->what, " title") &&
		    (g_utf8_strlen(t->text, -1) > 40 || strstr(t->text, "。") || strstr(t->text, "，")))
			continue;
		while (rules_exec(rs, r, t->text, off, &st, &en)) {
			char *y = rules_group(rs, r, t->text, "year");
			char *where = g_strdup_printf("%s, page %ld", t->what, t->page);
			checked++;
			if (y && strtol(y, NULL, 10) != want) {
				char *msg = g_strdup_printf("year %s in '%s', expected %ld (the document's year is %s)", y, t->text, want,
				                            year);
				rec_emit(x, r, "fail", t->what, (double)want, g_ascii_strtod(y, NULL), 0, 1, where, msg);
				g_free(msg);
			} else {
				rec_emit(x, r, "pass", t->what, 0, 0, 0, 0, where, t->text);
			}
			g_free(where);
			g_free(y);
			if (!at)
				break; /* a title is checked once */
			off = en > st ? en : st + 1;
		}
	}
	if (!checked)
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		         at ? "no text names such a date" : "no heading or title names a year");
out:
	g_strfreev(spec);
}

/* ---- narrative checks ---- */

typedef struct {
	char *section, *subject, *measure, *value, *unit, *sentence;
	long page;
} rec_fact;

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

/* A value in 万元: tables in 元 are divided by 10,000. */
static double rec_wan(double v, const char *unit)
{
	return !strcmp(unit, "元") ? v / 10000.0 : v;
}

/* narrative-amount: PATTERN matches the fact's subject; VALUE is
 * "SEVERITY@KINDS;ROW;COLUMN": tables whose kind matches KINDS, the row whose label is
 * the subject (ROW "=") or matches ROW, the first numeric column whose path
 * matches COLUMN.  Passes when any such cell equals the stated amount once
 * rounded to its printed decimals. */
static void rec_narrative_amount(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts, const grids *g)
{
	const char *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 3);
	pcre2_code *re[3] = { NULL, NULL, NULL };
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	long instances = 0;

	for (int k = 0; k < 3 && spec[k]; k++) {
		int ec;
		PCRE2_SIZE eo;
		if (k == 1 && !strcmp(spec[k], "="))
			continue;
		re[k] = pcre2_compile((PCRE2_SPTR)spec[k], PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
	}
	if (g_strv_length(spec) != 3 || !re[0] || !re[2] || (strcmp(spec[1], "=") && !re[1]) || !md) {
		rec_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules", "malformed KINDS;ROW;COLUMN in the rule");
		goto out;
	}
	for (guint i = 0; i < facts->len; i++) {
		const rec_fact *f = &g_array_index(facts, rec_fact, i);
		double stated, best = 0, bestdiff = G_MAXDOUBLE;
		int dec, found = 0;
		char *bestwhere = NULL, *scope, *where;
		size_t st, en;
		if (strcmp(f->measure, "amount") || strcmp(f->unit, "万元") || !rules_exec(rs, r, f->subject, 0, &st, &en))
			continue;
		stated = g_ascii_strtod(f->value, NULL);
		dec = number_decimals(f->value);
		for (guint ti = 0; ti < x->s->tables->len; ti++) {
			const seg_table *stb = &g_array_index(x->s->tables, seg_table, ti);
			grid_table *t = rec_grid(g, stb->no);
			if (!t || pcre2_match(re[0], (PCRE2_SPTR)stb->kind, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
				continue;
			for (long rr = t->header_rows; rr < t->rows; rr++) {
				const char *lab = t->row[rr].label;
				int row_ok = re[1] ? pcre2_match(re[1], (PCRE2_SPTR)lab, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0
				                   : !strcmp(lab, f->subject);
				if (!row_ok)
					continue;
				for (long c = 0; c < t->cols; c++) {
					int d2, pres;
					double v, diff;
					if (!rec_numeric_col(t, c) ||
					    pcre2_match(re[2], (PCRE2_SPTR)t->path[c], PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
						continue;
					v = rec_wan(rec_value(t, rr, c, &d2, &pres), stb->unit);
					diff = fabs(v - stated);
					found = 1;
					if (diff < bestdiff) {
						bestdiff = diff;
						best = v;
						g_free(bestwhere);
						bestwhere = g_strdup_printf("table %03ld (%s) row %ld %s, column '%s', page %ld", stb->no,
						                            stb->kind, rr + 1, lab, t->path[c], t->row[rr].page);
					}
					break; /* the first matching column of the row */
				}
			}
			/* a table that prints no amount at all reports zero in whatever cell
			 * the rule names (an emptied 三公 table against its stated budget) */
			if (!found && rec_table_blank(t)) {
				found = 1;
				bestdiff = stated;
				best = 0;
				g_free(bestwhere);
				bestwhere = g_strdup_printf("table %03ld (%s) prints no amount, page %ld", stb->no, stb->kind, stb->first);
			}
		}
		scope = g_strdup_printf("narrative %s: %s %s万元", f->section, f->subject, f->value);
		where = g_strdup_printf("narrative %s, page %ld; %s", f->section, f->page, bestwhere ? bestwhere : "no table row");
		if (!found) {
			rec_emit(x, r, "insufficient_data", scope, 0, 0, 0, 0, where, "no table row and column for this subject");
		} else {
			double tol = rec_half_unit(dec) * x->o->rounding_factor;
			char *msg = g_strdup_printf("stated %s万元, table %.4f万元", f->value, best);
			const char *status = fabs(round(best * pow(10, dec)) / pow(10, dec) - stated) < 1e-6 ? "pass"
			                   : bestdiff <= tol + 1e-9 ? "rounding" : "fail";
			rec_emit(x, r, status, scope, stated, best, tol, 1, where, msg);
			g_free(msg);
		}
		instances++;
		g_free(scope);
		g_free(where);
		g_free(bestwhere);
	}
	if (!instances)
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", "the narrative states no amount for this subject");
out:
	for (int k = 0; k < 3; k++)
		if (re[k])
			pcre2_code_free(re[k]);
	if (md)
		pcre2_match_data_free(md);
	g_strfreev(spec);
}

/* Whether column C of T ends with SUFFIX (any when SUFFIX is empty) and its path
 * without that suffix matches RE. */
static int rec_col_is(grid_table *t, long c, pcre2_code *re, pcre2_match_data *md, const char *suffix)
{
	const char *p = t->path[c];
	size_t n = strlen(p), k = strlen(suffix);
	char *stem;
	int ok;
	if (!*p || (k && (n < k || strcmp(p + n - k, suffix) != 0)))
		return 0;
	stem = g_strndup(p, n - k);
	if (k && g_str_has_suffix(stem, " / "))
		stem[strlen(stem) - 3] = '\0';
	ok = pcre2_match(re, (PCRE2_SPTR)stem, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0;
	g_free(stem);
	return ok;
}

/* Checks every row of T: column COLS[0] = the sum of COLS[1..N-1]. */
static long rec_row_sum_cols(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t, const long *cols, guint n)
{
	long instances = 0;
	for (long row = t->header_rows; row < t->rows; row++) {
		double total, sum = 0, tol;
		int dec, pres, any;
		char *scope, *where;
		total = rec_value(t, row, cols[0], &dec, &pres);
		tol = pres ? rec_half_unit(dec) : 0;
		any = pres;
		for (guint k = 1; k < n; k++) {
			int d2, p2;
			sum += rec_value(t, row, cols[k], &d2, &p2);
			if (p2)
				tol += rec_half_unit(d2);
			any |= p2;
		}
		if (!any)
			continue;
		tol *= x->o->rounding_factor;
		scope = g_strdup_printf("table %03ld %s %s / %s", st->no, t->row[row].code, t->row[row].label, t->path[cols[0]]);
		where = g_strdup_printf("table %03ld (%s) row %ld %s %s, column '%s', page %ld", st->no, st->kind, row + 1,
		                        t->row[row].code, t->row[row].label, t->path[cols[0]], t->row[row].page);
		rec_compare(x, r, scope, total, sum, tol, where, "total column vs sum of its parts");
		instances++;
		g_free(scope);
		g_free(where);
	}
	return instances;
}

/* row-sum: VALUE is "SEVERITY@TOTAL;PART;PART…" (regexes over column paths);
 * PATTERN selects the tables by kind.  For every column matching TOTAL, each
 * part is the first column on its right, before the next total, whose path
 * ends like the total's sub-column (TOTAL's named group `sub`: …/ 预算数) and,
 * without that ending, matches PART; in
 * every row with amounts, total = the sum of the parts (总计 = 基本支出 + 项目支出). */
static void rec_row_sum(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t)
{
	const char *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 8);
	guint n = g_strv_length(spec);
	pcre2_code **re = g_new0(pcre2_code *, n ? n : 1);
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	long instances = 0, groups = 0;
	int ok = n >= 3 && n <= 8 && md != NULL;

	for (guint k = 0; k < n && ok; k++) {
		int ec;
		PCRE2_SIZE eo;
		re[k] = pcre2_compile((PCRE2_SPTR)spec[k], PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
		ok = re[k] != NULL;
	}
	for (long c0 = 0; ok && c0 < t->cols; c0++) {
		long cols[8], end = t->cols;
		const char *suffix;
		int found = 1;
		if (!t->path[c0][0] || pcre2_match(re[0], (PCRE2_SPTR)t->path[c0], PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
			continue;
		/* the parts of a total stand to its right, up to the next total of the
		 * same sub-column (a second year block, 预算数 / 决算数); the sub-column
		 * is the TOTAL pattern's group `sub` */
		{
			int gn = pcre2_substring_number_from_name(re[0], (PCRE2_SPTR) "sub");
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			suffix = gn > 0 && ov[2 * gn] != PCRE2_UNSET ? t->path[c0] + ov[2 * gn] : "";
		}
		for (long c = c0 + 1; c < t->cols; c++)
			if (rec_col_is(t, c, re[0], md, "") && (!*suffix || g_str_has_suffix(t->path[c], suffix))) {
				end = c;
				break;
			}
		cols[0] = c0;
		for (guint k = 1; k < n && found; k++) {
			cols[k] = -1;
			for (long c = c0 + 1; c < end && cols[k] < 0; c++)
				if (rec_col_is(t, c, re[k], md, suffix))
					cols[k] = c;
			found = cols[k] >= 0;
		}
		if (!found)
			continue;
		groups++;
		instances += rec_row_sum_cols(x, r, st, t, cols, n);
	}
	if (!instances) {
		char *scope = g_strdup_printf("table %03ld", st->no);
		rec_emit(x, r, "not_applicable", scope, 0, 0, 0, 0, scope,
		         !ok ? "malformed SEVERITY@TOTAL;PART;… in the rule" : groups ? "no row with amounts"
		                                                                  : "the table lacks the total or part columns");
		g_free(scope);
	}
	for (guint k = 0; k < n; k++)
		if (re[k])
			pcre2_code_free(re[k]);
	g_free(re);
	if (md)
		pcre2_match_data_free(md);
	g_strfreev(spec);
}

/* The label of the first row with CODE in a table of KINDS (regex), and where. */
static const char *rec_code_label(rec_ctx *x, const grids *g, pcre2_code *kinds, pcre2_match_data *md,
                                  const char *code, char **where)
{
	for (guint ti = 0; ti < x->s->tables->len; ti++) {
		const seg_table *st = &g_array_index(x->s->tables, seg_table, ti);
		grid_table *t = rec_grid(g, st->no);
		if (!t || pcre2_match(kinds, (PCRE2_SPTR)st->kind, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
			continue;
		for (long r = t->header_rows; r < t->rows; r++)
			if (!strcmp(t->row[r].code, code) && *t->row[r].label) {
				*where = g_strdup_printf("table %03ld (%s) row %ld, page %ld", st->no, st->kind, r + 1, t->row[r].page);
				return t->row[r].label;
			}
	}
	return NULL;
}

static const char *rec_recomputed(double expect, const char *stated_text, double tol);

/* The amount the narrative states after a full code (group value, in 万元 or
 * 元) against the first numeric cell of that code's row in a table of KINDS. */
static void rec_code_amount(rec_ctx *x, rules_set *rs, const rule *r, const rec_text *t, const grids *g,
                            pcre2_code *kinds, pcre2_match_data *md, const char *code)
{
	char *value = rules_group(rs, r, t->text, "value"), *unit = rules_group(rs, r, t->text, "unit");
	if (value && *value && strlen(code) == 7) {
		for (guint ti = 0; ti < x->s->tables->len; ti++) {
			const seg_table *stb = &g_array_index(x->s->tables, seg_table, ti);
			grid_table *gt = rec_grid(g, stb->no);
			if (!gt || pcre2_match(kinds, (PCRE2_SPTR)stb->kind, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
				continue;
			for (long row = gt->header_rows; row < gt->rows; row++) {
				if (strcmp(gt->row[row].code, code) != 0)
					continue;
				for (long c = 0; c < gt->cols; c++) {
					int dec, pres;
					double v, stated;
					char *plain, *w, *scope, *where, *msg;
					if (!rec_numeric_col(gt, c))
						continue;
					plain = g_strdup(value);
					v = rec_wan(rec_value(gt, row, c, &dec, &pres), stb->unit);
					for (w = plain; *w; w++)
						if (*w == ',')
							memmove(w, w + 1, strlen(w));
					stated = g_ascii_strtod(plain, NULL);
					if (unit && !strcmp(unit, "元"))
						v *= 10000.0; /* compare in the unit the narrative uses */
					scope = g_strdup_printf("%s: %s %s%s", t->what, code, value, unit ? unit : "");
					where = g_strdup_printf("%s, page %ld; table %03ld (%s) row %ld, column '%s', page %ld", t->what, t->page,
					                        stb->no, stb->kind, row + 1, gt->path[c], gt->row[row].page);
					msg = g_strdup_printf("stated %s%s, table %.4f万元", value, unit ? unit : "", v);
					rec_emit(x, r, rec_recomputed(v, plain, rec_half_unit(number_decimals(plain)) * x->o->rounding_factor),
					         scope, stated, v, rec_half_unit(number_decimals(plain)), 1, where, msg);
					g_free(plain);
					g_free(scope);
					g_free(where);
					g_free(msg);
					break;
				}
				g_free(value);
				g_free(unit);
				return;
			}
		}
	}
	g_free(value);
	g_free(unit);
}

/* code-name: the narrative names a subject with its code (医疗卫生与计划生育支出
 * （210类）…（11款）…（01项）); PATTERN captures name1/code1 (类), and optionally
 * name2/code2 (款) and name3/code3 (项); VALUE is SEVERITY@KINDS.  Each name must be
 * the label the tables give that code. */
static void rec_code_name(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts, const grids *g)
{
	const char *at = strchr(r->value, '@');
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	pcre2_code *kinds = NULL;
	long instances = 0;
	int ec;
	PCRE2_SIZE eo;

	if (at)
		kinds = pcre2_compile((PCRE2_SPTR)(at + 1), PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
	if (!kinds || !md) {
		rec_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules", "malformed SEVERITY@KINDS in the rule");
		goto out;
	}
	for (guint i = 0; i < texts->len; i++) {
		const rec_text *t = &g_array_index(texts, rec_text, i);
		size_t off = 0, st, en;
		if (!g_str_has_prefix(t->what, "narrative"))
			continue;
		while (off < strlen(t->text) && rules_exec(rs, r, t->text, off, &st, &en)) {
			char *code = g_strdup("");
			for (int lv = 1; lv <= 3; lv++) {
				char gname[8], gcode[8];
				char *name, *part, *tw = NULL;
				g_snprintf(gname, sizeof gname, "name%d", lv);
				g_snprintf(gcode, sizeof gcode, "code%d", lv);
				name = rules_group(rs, r, t->text, gname);
				part = rules_group(rs, r, t->text, gcode);
				if (name && part && *part) {
					char *full = g_strconcat(code, part, NULL), *scope, *where;
					const char *label;
					g_free(code);
					code = full;
					label = rec_code_label(x, g, kinds, md, code, &tw);
					scope = g_strdup_printf("%s: %s (%s)", t->what, name, code);
					where = g_strdup_printf("%s, page %ld; %s", t->what, t->page, tw ? tw : "no table row");
					if (!label) {
						rec_emit(x, r, "insufficient_data", scope, 0, 0, 0, 0, where, "no table row has this code");
					} else {
						char *msg = g_strdup_printf("the narrative names %s '%s', the table '%s'", code, name, label);
						rec_emit(x, r, !strcmp(label, name) ? "pass" : "fail", scope, 0, 0, 0, 0, where, msg);
						g_free(msg);
					}
					instances++;
					g_free(scope);
					g_free(where);
					g_free(tw);
				}
				g_free(name);
				g_free(part);
				/* rules_group reads the last match: re-run it for the next level */
				rules_exec(rs, r, t->text, st, &st, &en);
			}
			rec_code_amount(x, rs, r, t, g, kinds, md, code);
			rules_exec(rs, r, t->text, st, &st, &en);
			g_free(code);
			off = en > st ? en : st + 1;
		}
	}
	if (!instances)
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", "the narrative names no subject with its code");
out:
	if (kinds)
		pcre2_code_free(kinds);
	if (md)
		pcre2_match_data_free(md);
}

/* Status of a recomputed figure EXPECT against STATED (printed with its
 * decimals): pass when EXPECT rounds to it, rounding within TOL, else fail. */
static const char *rec_recomputed(double expect, const char *stated_text, double tol)
{
	double stated = g_ascii_strtod(stated_text, NULL), p = pow(10, number_decimals(stated_text));
	if (fabs(round(expect * p) / p - stated) < 1e-9)
		return "pass";
	return fabs(expect - stated) <= tol + 1e-9 ? "rounding" : "fail";
}

/* share: a share (占 x%) = its amount / the total it is a share of, x 100.  The
 * amount is the nearest amount before the share in its sentence; the total is
 * the nearest amount before that, in the same section, whose subject matches
 * PATTERN and which is not smaller. */
static void rec_share(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts)
{
	long instances = 0;
	for (guint i = 0; i < facts->len; i++) {
		const rec_fact *f = &g_array_index(facts, rec_fact, i), *a = NULL, *b = NULL;
		guint ai = 0;
		size_t st, en;
		if (strcmp(f->measure, "share") != 0)
			continue;
		for (guint k = i; k-- > 0;) {
			const rec_fact *o = &g_array_index(facts, rec_fact, k);
			if (strcmp(o->sentence, f->sentence) != 0)
				break;
			if (!strcmp(o->measure, "amount")) {
				a = o;
				ai = k;
				break;
			}
		}
		for (guint k = ai; a && k-- > 0;) {
			const rec_fact *o = &g_array_index(facts, rec_fact, k);
			if (strcmp(o->section, f->section) != 0)
				break;
			if (!strcmp(o->measure, "amount") && !strcmp(o->unit, a->unit) &&
			    g_ascii_strtod(o->value, NULL) >= g_ascii_strtod(a->value, NULL) &&
			    rules_exec(rs, r, o->subject, 0, &st, &en)) {
				b = o;
				break;
			}
		}
		if (!a || !b || g_ascii_strtod(b->value, NULL) <= 0)
			continue;
		{
			double av = g_ascii_strtod(a->value, NULL), bv = g_ascii_strtod(b->value, NULL);
			double stated = g_ascii_strtod(f->value, NULL), expect = av / bv * 100.0;
			/* a whole unit of the share's last digit: publishers round shares so that
			 * they add up to 100% */
			double tol = (2 * rec_half_unit(number_decimals(f->value)) + 100.0 / bv * rec_half_unit(number_decimals(a->value)) +
			              100.0 * av / (bv * bv) * rec_half_unit(number_decimals(b->value))) * x->o->rounding_factor;
			char *scope = g_strdup_printf("narrative %s: %s %s%%", f->section, f->subject, f->value);
			char *where = g_strdup_printf("narrative %s, page %ld: %s", f->section, f->page, f->sentence);
			char *msg = g_strdup_printf("share %s%% stated; %s万元 of %s (%s万元) is %.2f%%", f->value, a->value,
			                            b->subject, b->value, expect);
			rec_emit(x, r, rec_recomputed(expect, f->value, tol), scope, stated, expect, tol, 1, where, msg);
			instances++;
			g_free(scope);
			g_free(where);
			g_free(msg);
		}
	}
	if (!instances)
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		         "no share stated with its amount and a total before it");
}

/* One side of a cross-table check: the sum, over the rows matching ROW of the
 * first table of KINDS that has such rows, of the first numeric column matching
 * COL, in 万元.  Returns the number of cells summed (0: not found). */
static int rec_side(rec_ctx *x, const grids *g, gchar **spec, pcre2_match_data *md, double *sum, double *tol,
                    char **where)
{
	pcre2_code *re[3];
	int ec, cells = 0;
	PCRE2_SIZE eo;
	for (int k = 0; k < 3; k++)
		re[k] = pcre2_compile((PCRE2_SPTR)spec[k], PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
	*sum = *tol = 0;
	for (guint ti = 0; ti < x->s->tables->len && re[0] && re[1] && re[2] && !cells; ti++) {
		const seg_table *st = &g_array_index(x->s->tables, seg_table, ti);
		grid_table *t = rec_grid(g, st->no);
		long col = -1;
		if (!t || pcre2_match(re[0], (PCRE2_SPTR)st->kind, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
			continue;
		for (long c = 0; c < t->cols && col < 0; c++)
			if (rec_numeric_col(t, c) && pcre2_match(re[2], (PCRE2_SPTR)t->path[c], PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0)
				col = c;
		for (long r = t->header_rows; col >= 0 && r < t->rows; r++) {
			int dec, pres;
			double v;
			if (pcre2_match(re[1], (PCRE2_SPTR)t->row[r].label, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
				continue;
			v = rec_value(t, r, col, &dec, &pres);
			*sum += rec_wan(v, st->unit);
			*tol += rec_wan(rec_half_unit(dec), st->unit);
			cells++;
			if (!*where)
				*where = g_strdup_printf("table %03ld (%s) row %ld %s, column '%s', page %ld", st->no, st->kind, r + 1,
				                         t->row[r].label, t->path[col], t->row[r].page);
		}
	}
	for (int k = 0; k < 3; k++)
		if (re[k])
			pcre2_code_free(re[k]);
	return cells;
}

/* cross-total: VALUE is SEVERITY@KINDS;ROW;COL#KINDS;ROW;COL: the two sides
 * (see rec_side) are equal (函数表 基本支出 合计 = 经济分类表 合计). */
static void rec_cross_total(rec_ctx *x, const rule *r, const grids *g)
{
	const char *at = strchr(r->value, '@');
	gchar **sides = g_strsplit(at ? at + 1 : "", "#", 2);
	gchar **a = g_strv_length(sides) == 2 ? g_strsplit(sides[0], ";", 3) : NULL;
	gchar **b = g_strv_length(sides) == 2 ? g_strsplit(sides[1], ";", 3) : NULL;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	double sa, ta, sb, tb;
	char *wa = NULL, *wb = NULL;

	if (!a || !b || g_strv_length(a) != 3 || g_strv_length(b) != 3 || !md) {
		rec_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules", "malformed SEVERITY@KINDS;ROW;COL#KINDS;ROW;COL");
	} else if (!rec_side(x, g, a, md, &sa, &ta, &wa) || !rec_side(x, g, b, md, &sb, &tb, &wb)) {
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", "one of the two tables or rows is absent");
	} else {
		char *where = g_strdup_printf("%s; %s", wa, wb);
		rec_compare(x, r, "document", sa, sb, (ta + tb) * x->o->rounding_factor, where, "total in one table vs the other");
		g_free(where);
	}
	g_free(wa);
	g_free(wb);
	g_strfreev(a);
	g_strfreev(b);
	g_strfreev(sides);
	if (md)
		pcre2_match_data_free(md);
}

/* A label compared across tables: spaces removed, half-width brackets as full-width. */
static char *rec_label_key(const char *s)
{
	GString *o = g_string_new(NULL);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isspace(c))
			continue;
		g_string_append_unichar(o, c == '(' ? 0xFF08 : c == ')' ? 0xFF09 : c);
	}
	return g_string_free(o, FALSE);
}

/* code-label: a subject code has one name wherever it appears in the tables of
 * the kinds PATTERN matches. */
static void rec_code_label_same(rec_ctx *x, rules_set *rs, const rule *r, const grids *g)
{
	GHashTable *first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free); /* code -> "label\x1fwhere" */
	GHashTable *done = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	long instances = 0;
	size_t st, en;

	for (guint ti = 0; ti < x->s->tables->len; ti++) {
		const seg_table *stb = &g_array_index(x->s->tables, seg_table, ti);
		grid_table *t = rec_grid(g, stb->no);
		if (!t || !rules_exec(rs, r, stb->kind, 0, &st, &en))
			continue;
		for (long row = t->header_rows; row < t->rows; row++) {
			const char *code = t->row[row].code;
			char *key, *where;
			const char *seen;
			if (!*code || !*t->row[row].label)
				continue;
			key = rec_label_key(t->row[row].label);
			where = g_strdup_printf("table %03ld (%s) row %ld, page %ld", stb->no, stb->kind, row + 1, t->row[row].page);
			seen = g_hash_table_lookup(first, code);
			if (!seen) {
				g_hash_table_insert(first, g_strdup(code), g_strconcat(key, "\x1f", t->row[row].label, "\x1f", where, NULL));
			} else if (!g_hash_table_contains(done, code)) {
				gchar **f = g_strsplit(seen, "\x1f", 3);
				char *scope = g_strdup_printf("code %s", code);
				char *both = g_strdup_printf("%s; %s", f[2], where);
				if (strcmp(f[0], key) != 0) {
					char *msg = g_strdup_printf("code %s is '%s' in one table, '%s' in another", code, f[1], t->row[row].label);
					rec_emit(x, r, "fail", scope, 0, 0, 0, 0, both, msg);
					g_free(msg);
				} else {
					rec_emit(x, r, "pass", scope, 0, 0, 0, 0, both, t->row[row].label);
				}
				g_hash_table_add(done, g_strdup(code));
				instances++;
				g_free(scope);
				g_free(both);
				g_strfreev(f);
			}
			g_free(key);
			g_free(where);
		}
	}
	if (!instances)
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", "no code appears in two tables");
	g_hash_table_unref(first);
	g_hash_table_unref(done);
}

/* required: VALUE is SEVERITY@DOCKIND (budget or final); a document of that kind
 * must have a table whose kind matches PATTERN (not applicable to a document
 * with no table at all: a narrative extracted without its tables). */
static void rec_required(rec_ctx *x, rules_set *rs, const rule *r)
{
	const char *at = strchr(r->value, '@'), *kind = segments_meta(x->s, "kind");
	size_t st, en;
	char *msg;
	if (!at || strcmp(at + 1, kind) != 0 || x->s->tables->len == 0) {
		msg = x->s->tables->len == 0 && at && !strcmp(at + 1, kind)
		    ? g_strdup("the document has no table at all (a narrative without its tables)")
		    : g_strdup_printf("required of %s documents; this one is '%s'", at ? at + 1 : "?", *kind ? kind : "unknown");
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", msg);
		g_free(msg);
		return;
	}
	for (guint k = 0; k < x->s->tables->len; k++) {
		const seg_table *t = &g_array_index(x->s->tables, seg_table, k);
		if (rules_exec(rs, r, t->kind, 0, &st, &en)) {
			char *where = g_strdup_printf("table %03ld, page %ld", t->no, t->first);
			rec_emit(x, r, "pass", "document", 0, 0, 0, 0, where, t->title);
			g_free(where);
			return;
		}
	}
	msg = g_strdup_printf("no table of kind %s: the template requires it", r->pattern);
	rec_emit(x, r, "fail", "document", 0, 0, 0, 0, "document", msg);
	g_free(msg);
}

/* empty-note: a table of the kinds PATTERN matches that has no amount must say
 * why (此表无数据 / 故本表为空). */
static void rec_empty_note(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t)
{
	char *scope = g_strdup_printf("table %03ld", st->no);
	char *where = g_strdup_printf("table %03ld (%s) '%s', page %ld", st->no, st->kind, st->title, st->first);
	int amounts = 0;
	for (long i = 0; i < t->rows * t->cols && !amounts; i++)
		amounts = !strcmp(t->cell[i].type, "number") && g_ascii_strtod(t->cell[i].value, NULL) != 0;
	if (amounts)
		rec_emit(x, r, "not_applicable", scope, 0, 0, 0, 0, where, "the table has amounts");
	else if (*st->note)
		rec_emit(x, r, "pass", scope, 0, 0, 0, 0, where, st->note);
	else
		rec_emit(x, r, "fail", scope, 0, 0, 0, 0, where, "an empty table without a note saying why");
	g_free(scope);
	g_free(where);
}

/* item-budget: a numbered item opens with its amount (…行政单位离退休（01项）56.12万元。)
 * and restates it later (2026年预算安排57.8万元): an amount in a sentence that
 * PATTERN matches equals the nearest amount of an earlier sentence of the same
 * section. */
static void rec_item_budget(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts)
{
	long instances = 0;
	for (guint i = 0; i < facts->len; i++) {
		const rec_fact *f = &g_array_index(facts, rec_fact, i), *o = NULL;
		size_t st, en;
		if (strcmp(f->measure, "amount") || !rules_exec(rs, r, f->sentence, 0, &st, &en))
			continue;
		for (guint k = i; k-- > 0;) {
			const rec_fact *c = &g_array_index(facts, rec_fact, k);
			if (strcmp(c->section, f->section) != 0)
				break;
			if (!strcmp(c->measure, "amount") && strcmp(c->sentence, f->sentence) != 0 && !strcmp(c->unit, f->unit)) {
				o = c;
				break;
			}
		}
		if (!o)
			continue;
		{
			double a = g_ascii_strtod(o->value, NULL), b = g_ascii_strtod(f->value, NULL);
			double tol = (rec_half_unit(number_decimals(o->value)) + rec_half_unit(number_decimals(f->value))) *
			             x->o->rounding_factor;
			char *scope = g_strdup_printf("narrative %s: %s%s restated as %s%s", f->section, o->value, o->unit, f->value, f->unit);
			char *where = g_strdup_printf("narrative %s, page %ld: %s", f->section, f->page, f->sentence);
			char *msg = g_strdup_printf("the item opens with %s%s and then states %s%s", o->value, o->unit, f->value, f->unit);
			rec_emit(x, r, fabs(a - b) < 1e-9 ? "pass" : fabs(a - b) <= tol + 1e-9 ? "rounding" : "fail", scope, a, b, tol, 1,
			         where, msg);
			instances++;
			g_free(scope);
			g_free(where);
			g_free(msg);
		}
	}
	if (!instances)
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", "no item restates its amount");
}

/* growth: in a sentence that states a prior amount P, an amount A and a change
 * in percent C (or in amount D): C = (A - P) / P x 100 and D = A - P, within
 * what the rounding of the printed figures explains. */
static void rec_growth(rec_ctx *x, const rule *r, GArray *facts)
{
	long instances = 0;
	for (guint i = 0; i < facts->len; i++) {
		const rec_fact *f = &g_array_index(facts, rec_fact, i);
		const rec_fact *p = NULL, *a = NULL;
		if (strcmp(f->measure, "change_percent") && strcmp(f->measure, "change_amount"))
			continue;
		for (guint k = 0; k < facts->len; k++) {
			const rec_fact *o = &g_array_index(facts, rec_fact, k);
			if (strcmp(o->sentence, f->sentence) || o->page != f->page)
				continue;
			if (!strcmp(o->measure, "prior_amount") && !p && !strcmp(o->unit, "万元"))
				p = o;
			else if (!strcmp(o->measure, "amount") && p && !a && !strcmp(o->unit, "万元"))
				a = o;
		}
		if (!p || !a)
			continue;
		{
			double pv = g_ascii_strtod(p->value, NULL), av = g_ascii_strtod(a->value, NULL);
			double stated = g_ascii_strtod(f->value, NULL), expect, tol;
			int pct = !strcmp(f->measure, "change_percent");
			char *scope, *where, *msg;
			if (pct && fabs(pv) < 1e-9)
				continue;
			expect = pct ? (av - pv) / pv * 100.0 : av - pv;
			tol = rec_half_unit(number_decimals(f->value)) +
			      (pct ? (100.0 / fabs(pv)) * rec_half_unit(number_decimals(a->value)) +
			                 (100.0 * fabs(av) / (pv * pv)) * rec_half_unit(number_decimals(p->value))
			           : rec_half_unit(number_decimals(a->value)) + rec_half_unit(number_decimals(p->value)));
			tol *= x->o->rounding_factor;
			scope = g_strdup_printf("narrative %s: %s %s%s", f->section, f->subject, f->value, f->unit);
			where = g_strdup_printf("narrative %s, page %ld: %s", f->section, f->page, f->sentence);
			msg = g_strdup_printf("change %s%s stated; from %s万元 to %s万元 it is %.2f%s", f->value,
			                      f->unit, p->value, a->value, expect, pct ? "%" : "万元");
			rec_emit(x, r, rec_recomputed(expect, f->value, tol), scope, stated, expect, tol, 1, where, msg);
			instances++;
			g_free(scope);
			g_free(where);
			g_free(msg);
		}
	}
	if (!instances)
		rec_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		         "no sentence states a prior amount, an amount and their change");
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
			if (g_str_has_prefix(r->cls, "lint")) {
				rec_lint(&x, rs, r, texts);
				continue;
			}
			if (!strcmp(r->cls, "year")) {
				rec_year(&x, rs, r, texts);
				continue;
			}
			if (!strcmp(r->cls, "code-label")) {
				rec_code_label_same(&x, rs, r, g);
				continue;
			}
			if (!strcmp(r->cls, "cross-total")) {
				rec_cross_total(&x, r, g);
				continue;
			}
			if (!strcmp(r->cls, "required")) {
				rec_required(&x, rs, r);
				continue;
			}
			if (!strcmp(r->cls, "code-name")) {
				rec_code_name(&x, rs, r, texts, g);
				continue;
			}
			if (!strcmp(r->cls, "narrative-amount") || !strcmp(r->cls, "growth") || !strcmp(r->cls, "share") ||
			    !strcmp(r->cls, "item-budget")) {
				if (!have_facts)
					rec_emit(&x, r, "insufficient_data", "document", 0, 0, 0, 0, "document",
					         "no narrative.csv given or readable");
				else if (r->cls[0] == 'n')
					rec_narrative_amount(&x, rs, r, facts, g);
				else if (r->cls[0] == 's')
					rec_share(&x, rs, r, facts);
				else if (r->cls[0] == 'i')
					rec_item_budget(&x, rs, r, facts);
				else
					rec_growth(&x, r, facts);
				continue;
			}
			for (guint k = 0; k < s->tables->len; k++) {
				const seg_table *st = &g_array_index(s->tables, seg_table, k);
				grid_table *t = rec_grid(g, st->no);
				if (!t || pcre2_match(r->re, (PCRE2_SPTR)st->kind, PCRE2_ZERO_TERMINATED, 0, 0, rs->md, NULL) <= 0)
					continue;
				tables++;
				if (!strcmp(r->cls, "tree"))
					rec_tree(&x, r, st, t);
				else if (!strcmp(r->cls, "empty-note"))
					rec_empty_note(&x, r, st, t);
				else if (!strcmp(r->cls, "row-sum"))
					rec_row_sum(&x, r, st, t);
				else if (!strcmp(r->cls, "total"))
					rec_total(&x, r, st, t);
			}
			if (!tables)
				rec_emit(&x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
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
