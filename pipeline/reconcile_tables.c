/* reconcile_tables.c — the checks inside and across the tables of a document:
 * code trees (parent = Σ children), 合计 rows, row identities (总计 = 基本支出 +
 * 项目支出), totals across tables, one name per code, the tables a template
 * requires and the note an empty table needs.  Rules and VALUE syntax: docs/RULES.md. */
#include "reconcileInt.h"
#include "number.h"

#include <glib.h>
#include <math.h>
#include <string.h>

void reconcile_tables_tree(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t)
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
			if (!reconcile_numeric_col(t, c))
				continue;
			pv = reconcile_value(t, p, c, &pdec, &pres);
			for (long k = t->header_rows; k < t->rows; k++) {
				const char *kc = t->row[k].code;
				int dec, pr;
				double v;
				if (strlen(kc) != pl + 2 || strncmp(kc, pc, pl) != 0)
					continue;
				v = reconcile_value(t, k, c, &dec, &pr);
				sum += v;
				nchild++;
				anyval |= pr;
				if (pr)
					tol += reconcile_half_unit(dec);
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
				tol += reconcile_half_unit(pdec);
			tol *= x->o->rounding_factor;
			reconcile_compare(x, r, scope, pv, sum, tol, where, "parent vs sum of its children");
			g_free(scope);
			g_free(where);
		}
	}
	if (!any) {
		char *scope = g_strdup_printf("table %03ld", st->no);
		reconcile_emit(x, r, "not_applicable", scope, 0, 0, 0, 0, scope,
		               "no parent code with children and amounts");
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
		*sum += reconcile_value(t, k, c, &dec, &pr);
		*anyval |= pr;
		if (pr)
			*tol += reconcile_half_unit(dec);
	}
	return n;
}

/* Each 合计/总计 row = the sum of the top-level codes of its block: the rows since
 * the previous total when it closes a block (人员经费合计 under its items), else
 * the rows after it up to the next total (合计 printed first). */
void reconcile_tables_total(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t)
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
			if (!reconcile_numeric_col(t, c) || !rec_block(t, from, to, c, &sum, &tol, &anyval))
				continue;
			tv = reconcile_value(t, p, c, &tdec, &tpres);
			if (!tpres && !anyval)
				continue;
			if (tpres)
				tol += reconcile_half_unit(tdec);
			tol *= x->o->rounding_factor;
			scope = g_strdup_printf("table %03ld %s / %s", st->no, t->row[p].label, t->path[c]);
			where = g_strdup_printf("table %03ld (%s) row %ld %s, column '%s', page %ld", st->no, st->kind,
			                        p + 1, t->row[p].label, t->path[c], t->row[p].page);
			reconcile_compare(x, r, scope, tv, sum, tol, where, "total row vs sum of top-level codes");
			instances++;
			g_free(scope);
			g_free(where);
		}
	}
	if (instances == 0) {
		scope = g_strdup_printf("table %03ld", st->no);
		reconcile_emit(x, r, totals == 0 ? "insufficient_data" : "not_applicable", scope, 0, 0, 0, 0, scope,
		               totals == 0 ? "no 合计/总计 row found" : "no top-level subject codes with amounts");
		g_free(scope);
	}
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
		total = reconcile_value(t, row, cols[0], &dec, &pres);
		tol = pres ? reconcile_half_unit(dec) : 0;
		any = pres;
		for (guint k = 1; k < n; k++) {
			int d2, p2;
			sum += reconcile_value(t, row, cols[k], &d2, &p2);
			if (p2)
				tol += reconcile_half_unit(d2);
			any |= p2;
		}
		if (!any)
			continue;
		tol *= x->o->rounding_factor;
		scope = g_strdup_printf("table %03ld %s %s / %s", st->no, t->row[row].code, t->row[row].label,
		                        t->path[cols[0]]);
		where =
		    g_strdup_printf("table %03ld (%s) row %ld %s %s, column '%s', page %ld", st->no, st->kind, row + 1,
		                    t->row[row].code, t->row[row].label, t->path[cols[0]], t->row[row].page);
		reconcile_compare(x, r, scope, total, sum, tol, where, "total column vs sum of its parts");
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
void reconcile_tables_row_sum(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t)
{
	const char *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 8);
	guint n = g_strv_length(spec);
	pcre2_code **re = g_new0(pcre2_code *, n ? n : 1);
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	long instances = 0, groups = 0;
	int ok = n >= 3 && n <= 8 && md != NULL;

	for (guint k = 0; k < n && ok; k++)
		ok = (re[k] = rules_compile_year(spec[k], "")) != NULL;
	for (long c0 = 0; ok && c0 < t->cols; c0++) {
		long cols[8], end = t->cols;
		const char *suffix;
		int found = 1;
		if (!t->path[c0][0] ||
		    pcre2_match(re[0], (PCRE2_SPTR)t->path[c0], PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
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
		reconcile_emit(x, r, "not_applicable", scope, 0, 0, 0, 0, scope,
		               !ok      ? "malformed SEVERITY@TOTAL;PART;… in the rule"
		               : groups ? "no row with amounts"
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
const char *reconcile_tables_code_label(rec_ctx *x, const grids *g, pcre2_code *kinds, pcre2_match_data *md,
                                        const char *code, char **where)
{
	for (guint ti = 0; ti < x->s->tables->len; ti++) {
		const seg_table *st = &g_array_index(x->s->tables, seg_table, ti);
		grid_table *t = reconcile_grid(g, st->no);
		if (!t || pcre2_match(kinds, (PCRE2_SPTR)st->kind, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
			continue;
		for (long r = t->header_rows; r < t->rows; r++)
			if (!strcmp(t->row[r].code, code) && *t->row[r].label) {
				*where = g_strdup_printf("table %03ld (%s) row %ld, page %ld", st->no, st->kind, r + 1,
				                         t->row[r].page);
				return t->row[r].label;
			}
	}
	return NULL;
}

/* One side of a cross-table check: the sum, over the rows matching ROW of the
 * first table of KINDS that has such rows, of the first numeric column matching
 * COL ({year}: the document's year), in 万元.  Returns the number of cells
 * summed (0: not found). */
static int rec_side(rec_ctx *x, const grids *g, gchar **spec, pcre2_match_data *md, double *sum, double *tol,
                    char **where)
{
	pcre2_code *re[3];
	int cells = 0;
	for (int k = 0; k < 3; k++)
		re[k] = rules_compile_year(spec[k], segments_meta(x->s, "year"));
	*sum = *tol = 0;
	for (guint ti = 0; ti < x->s->tables->len && re[0] && re[1] && re[2] && !cells; ti++) {
		const seg_table *st = &g_array_index(x->s->tables, seg_table, ti);
		grid_table *t = reconcile_grid(g, st->no);
		long col = -1;
		if (!t || pcre2_match(re[0], (PCRE2_SPTR)st->kind, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
			continue;
		for (long c = 0; c < t->cols && col < 0; c++)
			if (reconcile_numeric_col(t, c) &&
			    pcre2_match(re[2], (PCRE2_SPTR)t->path[c], PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0)
				col = c;
		for (long r = t->header_rows; col >= 0 && r < t->rows; r++) {
			int dec, pres;
			double v;
			if (pcre2_match(re[1], (PCRE2_SPTR)t->row[r].label, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
				continue;
			v = reconcile_value(t, r, col, &dec, &pres);
			*sum += reconcile_wan(v, st->unit);
			*tol += reconcile_wan(reconcile_half_unit(dec), st->unit);
			cells++;
			if (!*where)
				*where =
				    g_strdup_printf("table %03ld (%s) row %ld %s, column '%s', page %ld", st->no,
				                    st->kind, r + 1, t->row[r].label, t->path[col], t->row[r].page);
		}
	}
	for (int k = 0; k < 3; k++)
		if (re[k])
			pcre2_code_free(re[k]);
	return cells;
}

/* cross-total: VALUE is SEVERITY@KINDS;ROW;COL#KINDS;ROW;COL: the two sides
 * (see rec_side) are equal (函数表 基本支出 合计 = 经济分类表 合计); with "#<="
 * between them the first is at most the second (the 基本支出 economic line
 * 30217 公务接待费 against the 三公 table, which counts 项目支出 too). */
void reconcile_tables_cross_total(rec_ctx *x, const rule *r, const grids *g)
{
	const char *at = strchr(r->value, '@');
	gchar **sides = g_strsplit(at ? at + 1 : "", "#", 2);
	int atmost = g_strv_length(sides) == 2 && g_str_has_prefix(sides[1], "<=");
	gchar **a = g_strv_length(sides) == 2 ? g_strsplit(sides[0], ";", 3) : NULL;
	gchar **b = g_strv_length(sides) == 2 ? g_strsplit(sides[1] + (atmost ? 2 : 0), ";", 3) : NULL;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	double sa, ta, sb, tb;
	char *wa = NULL, *wb = NULL;

	if (!a || !b || g_strv_length(a) != 3 || g_strv_length(b) != 3 || !md) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed SEVERITY@KINDS;ROW;COL#KINDS;ROW;COL");
	} else if (!rec_side(x, g, a, md, &sa, &ta, &wa) || !rec_side(x, g, b, md, &sb, &tb, &wb)) {
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "one of the two tables or rows is absent");
	} else {
		char *where = g_strdup_printf("%s; %s", wa, wb);
		double tol = (ta + tb) * x->o->rounding_factor;
		if (atmost && sa <= sb + 1e-6) {
			char *msg = g_strdup_printf("at most: %.2f in one table, %.2f in the other", sa, sb);
			reconcile_emit(x, r, "pass", "document", sa, sb, tol, 1, where, msg);
			g_free(msg);
		} else {
			reconcile_compare(x, r, "document", sa, sb, tol, where,
			                  atmost ? "at most the other table's figure"
			                         : "total in one table vs the other");
		}
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
void reconcile_tables_code_label_same(rec_ctx *x, rules_set *rs, const rule *r, const grids *g)
{
	GHashTable *first =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free); /* code -> "label\x1fwhere" */
	GHashTable *done = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	long instances = 0;
	size_t st, en;

	for (guint ti = 0; ti < x->s->tables->len; ti++) {
		const seg_table *stb = &g_array_index(x->s->tables, seg_table, ti);
		grid_table *t = reconcile_grid(g, stb->no);
		if (!t || !rules_exec(rs, r, stb->kind, 0, &st, &en))
			continue;
		for (long row = t->header_rows; row < t->rows; row++) {
			const char *code = t->row[row].code;
			char *key, *where;
			const char *seen;
			if (!*code || !*t->row[row].label)
				continue;
			key = rec_label_key(t->row[row].label);
			where = g_strdup_printf("table %03ld (%s) row %ld, page %ld", stb->no, stb->kind, row + 1,
			                        t->row[row].page);
			seen = g_hash_table_lookup(first, code);
			if (!seen) {
				g_hash_table_insert(first, g_strdup(code),
				                    g_strconcat(key, "\x1f", t->row[row].label, "\x1f", where, NULL));
			} else if (!g_hash_table_contains(done, code)) {
				gchar **f = g_strsplit(seen, "\x1f", 3);
				char *scope = g_strdup_printf("code %s", code);
				char *both = g_strdup_printf("%s; %s", f[2], where);
				if (strcmp(f[0], key) != 0) {
					char *msg = g_strdup_printf("code %s is '%s' in one table, '%s' in another",
					                            code, f[1], t->row[row].label);
					reconcile_emit(x, r, "fail", scope, 0, 0, 0, 0, both, msg);
					g_free(msg);
				} else {
					reconcile_emit(x, r, "pass", scope, 0, 0, 0, 0, both, t->row[row].label);
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
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "no code appears in two tables");
	g_hash_table_unref(first);
	g_hash_table_unref(done);
}

/* required: VALUE is SEVERITY@DOCKIND (budget or final); a document of that kind
 * must have a table whose kind matches PATTERN (not applicable to a document
 * with no table at all: a narrative extracted without its tables). */
void reconcile_tables_required(rec_ctx *x, rules_set *rs, const rule *r)
{
	const char *at = strchr(r->value, '@'), *kind = segments_meta(x->s, "kind");
	size_t st, en;
	char *msg;
	if (!at || strcmp(at + 1, kind) != 0 || x->s->tables->len == 0) {
		msg = x->s->tables->len == 0 && at && !strcmp(at + 1, kind)
		          ? g_strdup("the document has no table at all (a narrative without its tables)")
		          : g_strdup_printf("required of %s documents; this one is '%s'", at ? at + 1 : "?",
		                            *kind ? kind : "unknown");
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", msg);
		g_free(msg);
		return;
	}
	for (guint k = 0; k < x->s->tables->len; k++) {
		const seg_table *t = &g_array_index(x->s->tables, seg_table, k);
		if (rules_exec(rs, r, t->kind, 0, &st, &en)) {
			char *where = g_strdup_printf("table %03ld, page %ld", t->no, t->first);
			reconcile_emit(x, r, "pass", "document", 0, 0, 0, 0, where, t->title);
			g_free(where);
			return;
		}
	}
	msg = g_strdup_printf("no table of kind %s: the template requires it", r->pattern);
	reconcile_emit(x, r, "fail", "document", 0, 0, 0, 0, "document", msg);
	g_free(msg);
}

/* empty-note: a table of the kinds PATTERN matches that has no amount must say
 * why (此表无数据 / 故本表为空). */
void reconcile_tables_empty_note(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t)
{
	char *scope = g_strdup_printf("table %03ld", st->no);
	char *where = g_strdup_printf("table %03ld (%s) '%s', page %ld", st->no, st->kind, st->title, st->first);
	int amounts = 0;
	for (long i = 0; i < t->rows * t->cols && !amounts; i++)
		amounts = !strcmp(t->cell[i].type, "number") && g_ascii_strtod(t->cell[i].value, NULL) != 0;
	if (amounts)
		reconcile_emit(x, r, "not_applicable", scope, 0, 0, 0, 0, where, "the table has amounts");
	else if (*st->note)
		reconcile_emit(x, r, "pass", scope, 0, 0, 0, 0, where, st->note);
	else
		reconcile_emit(x, r, "fail", scope, 0, 0, 0, 0, where, "an empty table without a note saying why");
	g_free(scope);
	g_free(where);
}

static int rec_is(pcre2_code *re, pcre2_match_data *md, const char *s)
{
	return pcre2_match(re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0;
}

/* line-sum: in a table whose lines print no code (a 收支总表), a total line = the
 * sum of the lines next to it, per numeric column.  VALUE is
 * SEVERITY@TOTAL;PART;DIR: regexes over the cell's label (the text on its left);
 * the parts are the contiguous lines after (DIR after) or before (before) the
 * total whose label matches PART; blank cells read as zero. */
void reconcile_tables_line_sum(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t)
{
	const char *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 3);
	pcre2_code *total = g_strv_length(spec) == 3 ? rules_compile_year(spec[0], "") : NULL,
	           *part = total ? rules_compile_year(spec[1], "") : NULL;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	long instances = 0;
	int step = g_strv_length(spec) == 3 && !strcmp(spec[2], "before") ? -1 : 1;

	if (!total || !part || !md) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed SEVERITY@TOTAL;PART;DIR");
		goto out;
	}
	for (long c = 0; c < t->cols; c++) {
		if (!reconcile_numeric_col(t, c))
			continue;
		for (long row = t->header_rows; row < t->rows; row++) {
			char *label = grid_cell_label(t, row, c);
			double tv, sum = 0, tol;
			int dec, pres, any = 0;
			long n = 0;
			if (strcmp(grid_at(t, row, c)->type, "number") != 0 || !rec_is(total, md, label)) {
				g_free(label);
				continue;
			}
			tv = reconcile_value(t, row, c, &dec, &pres);
			tol = reconcile_half_unit(dec);
			for (long k = row + step; k >= t->header_rows && k < t->rows; k += step) {
				char *pl = grid_cell_label(t, k, c);
				int pd, pp, is = rec_is(part, md, pl);
				g_free(pl);
				if (!is)
					break;
				sum += reconcile_value(t, k, c, &pd, &pp);
				if (pp)
					tol += reconcile_half_unit(pd);
				any |= pp;
				n++;
			}
			if (n && any) {
				char *scope =
				    g_strdup_printf("table %03ld %s / %s", st->no, label, grid_cell_path(t, row, c));
				char *where = g_strdup_printf("table %03ld (%s) row %ld %s, column '%s', page %ld",
				                              st->no, st->kind, row + 1, label,
				                              grid_cell_path(t, row, c), t->row[row].page);
				reconcile_compare(x, r, scope, tv, sum, tol * x->o->rounding_factor, where,
				                  "total line vs sum of the lines it totals");
				instances++;
				g_free(scope);
				g_free(where);
			}
			g_free(label);
		}
	}
	if (!instances) {
		char *scope = g_strdup_printf("table %03ld", st->no);
		reconcile_emit(x, r, "not_applicable", scope, 0, 0, 0, 0, scope, "no total line with its lines");
		g_free(scope);
	}
out:
	if (total)
		pcre2_code_free(total);
	if (part)
		pcre2_code_free(part);
	if (md)
		pcre2_match_data_free(md);
	g_strfreev(spec);
}

/* The class (3-digit) row of the first table of KINDS named NAME, or whose cell
 * in the first numeric column matching FCOL (*CP) equals V to DEC decimals when
 * NAME is NULL; -1 when none. */
static long rec_class_row(rec_ctx *x, const grids *g, pcre2_code *kinds, pcre2_code *fcol, pcre2_match_data *md,
                          const char *name, double v, int dec, grid_table **tp, const seg_table **sp, long *cp)
{
	for (guint ti = 0; ti < x->s->tables->len; ti++) {
		const seg_table *st = &g_array_index(x->s->tables, seg_table, ti);
		grid_table *t = reconcile_grid(g, st->no);
		if (!t || !rec_is(kinds, md, st->kind))
			continue;
		for (long r = t->header_rows; r < t->rows; r++) {
			if (strlen(t->row[r].code) != 3)
				continue;
			for (long c = 0; c < t->cols; c++) {
				int d, p;
				double w;
				if (!reconcile_numeric_col(t, c) || !rec_is(fcol, md, t->path[c]))
					continue;
				w = reconcile_value(t, r, c, &d, &p);
				if (name ? !strcmp(t->row[r].label, name) : p && fabs(w - v) < 0.5 * pow(10, -dec)) {
					*tp = t;
					*sp = st;
					*cp = c;
					return r;
				}
				break; /* the first such column only */
			}
		}
		return -1; /* the first table of KINDS only */
	}
	return -1;
}

/* class-line: a class line of a summary table (no code printed: （八）社会保障和
 * 就业支出) against its class row (3-digit code) in the function table.  VALUE is
 * SEVERITY@SUMCOL;FKINDS;STRIP;FCOL: the summary's columns compared, the
 * function table's kinds, the numbering STRIP removes from a line's label, and
 * the function table's column (the first numeric one matching FCOL, where
 * {year} stands for the document's year).  A line
 * named like a class compares its amount with the class's first numeric cell;
 * a line that names no class but prints a class's amount is a name fail
 * (一般公共预算支出 printed where 201 一般公共服务支出 stands). */
void reconcile_tables_class_line(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t, const grids *g)
{
	const char *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 4);
	pcre2_code *sumcol = g_strv_length(spec) == 4 ? rules_compile_year(spec[0], "") : NULL;
	pcre2_code *fkinds = sumcol ? rules_compile_year(spec[1], "") : NULL,
	           *strip = fkinds ? rules_compile_year(spec[2], "") : NULL, *fcol = NULL;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	long instances = 0;

	if (strip) /* {year} in FCOL stands for the document's year */
		fcol = rules_compile_year(spec[3], segments_meta(x->s, "year"));
	if (!fcol || !md) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed SEVERITY@SUMCOL;FKINDS;STRIP;FCOL");
		goto out;
	}
	for (long c = 0; c < t->cols; c++) {
		if (!reconcile_numeric_col(t, c))
			continue;
		for (long row = t->header_rows; row < t->rows; row++) {
			const char *path = grid_cell_path(t, row, c);
			char *label, *name, *scope, *where;
			grid_table *ft = NULL;
			const seg_table *fst = NULL;
			double v;
			int dec, pres;
			long fr, fc = 0;
			if (!rec_is(sumcol, md, path) || strcmp(grid_at(t, row, c)->type, "number") != 0)
				continue;
			v = reconcile_value(t, row, c, &dec, &pres);
			label = grid_cell_label(t, row, c);
			{
				/* the label without its numbering (STRIP's match removed) */
				GString *s = g_string_new(label);
				if (pcre2_match(strip, (PCRE2_SPTR)label, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0) {
					const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
					g_string_erase(s, (gssize)ov[0], (gssize)(ov[1] - ov[0]));
				}
				name = g_string_free(s, FALSE);
			}
			fr = rec_class_row(x, g, fkinds, fcol, md, name, 0, 0, &ft, &fst, &fc);
			scope = g_strdup_printf("table %03ld %s / %s", st->no, label, path);
			if (fr >= 0) {
				int fd, fp;
				double fv;
				fv = reconcile_value(ft, fr, fc, &fd, &fp);
				where = g_strdup_printf(
				    "table %03ld (%s) row %ld, page %ld; table %03ld (%s) row %ld %s %s, column '%s', "
				    "page %ld",
				    st->no, st->kind, row + 1, t->row[row].page, fst->no, fst->kind, fr + 1,
				    ft->row[fr].code, ft->row[fr].label, ft->path[fc], ft->row[fr].page);
				reconcile_compare(x, r, scope, v, fv,
				                  (reconcile_half_unit(dec) + reconcile_half_unit(fd)) *
				                      x->o->rounding_factor,
				                  where, "class line vs the class in the function table");
				instances++;
				g_free(where);
			} else if (g_str_has_suffix(name, "支出") && v != 0 &&
			           (fr = rec_class_row(x, g, fkinds, fcol, md, NULL, v, dec, &ft, &fst, &fc)) >= 0) {
				char *msg = g_strdup_printf(
				    "the line '%s' prints %s, the amount of class %s '%s' in table %03ld", label,
				    grid_at(t, row, c)->text, ft->row[fr].code, ft->row[fr].label, fst->no);
				where = g_strdup_printf(
				    "table %03ld (%s) row %ld, page %ld; table %03ld (%s) row %ld, page %ld", st->no,
				    st->kind, row + 1, t->row[row].page, fst->no, fst->kind, fr + 1, ft->row[fr].page);
				reconcile_emit(x, r, "fail", scope, 0, 0, 0, 0, where, msg);
				instances++;
				g_free(msg);
				g_free(where);
			}
			g_free(scope);
			g_free(name);
			g_free(label);
		}
	}
	if (!instances) {
		char *scope = g_strdup_printf("table %03ld", st->no);
		reconcile_emit(x, r, "not_applicable", scope, 0, 0, 0, 0, scope,
		               "no class line found in a function table");
		g_free(scope);
	}
out:
	if (sumcol)
		pcre2_code_free(sumcol);
	if (fkinds)
		pcre2_code_free(fkinds);
	if (strip)
		pcre2_code_free(strip);
	if (fcol)
		pcre2_code_free(fcol);
	if (md)
		pcre2_match_data_free(md);
	g_strfreev(spec);
}

/* The first cell of T, row by row, whose key "PATH | LABEL" matches RE and that
 * holds a number or nothing: its value (blank: 0), decimals, whether printed,
 * row and label (g_free).  Returns 0 when no such cell exists. */
static int rec_keyed(grid_table *t, pcre2_code *re, pcre2_match_data *md, double *v, int *dec, int *pres, long *row,
                     char **label)
{
	for (long r = t->header_rows; r < t->rows; r++)
		for (long c = 0; c < t->cols; c++) {
			const char *ty = grid_at(t, r, c)->type;
			char *lab, *key;
			int hit;
			if (strcmp(ty, "number") != 0 && !(strcmp(ty, "blank") == 0 && reconcile_numeric_col(t, c)))
				continue;
			lab = grid_cell_label(t, r, c);
			key = g_strdup_printf("%s | %s", grid_cell_path(t, r, c), lab);
			hit = rec_is(re, md, key);
			g_free(key);
			if (hit) {
				*v = reconcile_value(t, r, c, dec, pres);
				*row = r;
				*label = lab;
				return 1;
			}
			g_free(lab);
		}
	return 0;
}

/* balance: in a 收支总表, one cell = the sum of others (收入总计 = 支出总计;
 * 收入总计 = 本年收入合计 + 上年结转).  VALUE is SEVERITY@TOTAL;PART;PART…:
 * regexes over a cell's key "PATH | LABEL" (its column path and the text on its
 * left; VALUE holds no space: write \s); each names the first such cell, a blank one reading zero; a PART
 * written ?RE may be absent.  Not applicable unless TOTAL and every required
 * part are printed. */
void reconcile_tables_balance(rec_ctx *x, const rule *r, const seg_table *st, grid_table *t)
{
	const char *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", -1);
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	double total = 0, sum = 0, tol = 0;
	long trow = 0, n = 0;
	int ok = g_strv_length(spec) >= 2 && md, dec, pres;
	GString *parts = g_string_new(NULL);
	char *tlabel = NULL;

	for (guint k = 0; ok && spec[k]; k++) {
		int optional = spec[k][0] == '?';
		pcre2_code *re = rules_compile_year(spec[k] + optional, "");
		double v;
		long row;
		char *label;
		if (!re) {
			ok = 0;
			break;
		}
		if (rec_keyed(t, re, md, &v, &dec, &pres, &row, &label)) {
			if (k == 0) {
				total = v;
				trow = row;
				tlabel = label;
			} else {
				sum += v;
				n++;
				g_string_append_printf(parts, "%s%s", parts->len ? " + " : "", label);
				g_free(label);
			}
			if (pres)
				tol += reconcile_half_unit(dec);
		} else if (!optional) {
			ok = k ? -1 : -2;
		}
		pcre2_code_free(re);
		if (ok < 0)
			break;
	}
	{
		char *scope = g_strdup_printf("table %03ld", st->no);
		if (ok > 0 && n) {
			char *where = g_strdup_printf("table %03ld (%s) row %ld, page %ld", st->no, st->kind, trow + 1,
			                              t->row[trow].page);
			char *what = g_strdup_printf("%s vs %s", tlabel, parts->str);
			g_free(scope);
			scope = g_strdup_printf("table %03ld %s", st->no, what);
			reconcile_compare(x, r, scope, total, sum, tol * x->o->rounding_factor, where, what);
			g_free(where);
			g_free(what);
		} else {
			reconcile_emit(x, r, ok == 0 ? "insufficient_data" : "not_applicable", scope, 0, 0, 0, 0, scope,
			               ok == 0 ? "malformed SEVERITY@TOTAL;PART…"
			                       : "the table does not print these lines");
		}
		g_free(scope);
	}
	g_free(tlabel);
	g_string_free(parts, TRUE);
	if (md)
		pcre2_match_data_free(md);
	g_strfreev(spec);
}

/* The first numeric column of T whose path matches RE, or -1. */
static long rec_first_col(grid_table *t, pcre2_code *re, pcre2_match_data *md)
{
	for (long c = 0; c < t->cols; c++)
		if (reconcile_numeric_col(t, c) && rec_is(re, md, t->path[c]))
			return c;
	return -1;
}

/* The first table of KINDS with a numeric column matching COL, and that column. */
static grid_table *rec_table_col(rec_ctx *x, const grids *g, pcre2_code *kinds, pcre2_code *col, pcre2_match_data *md,
                                 const seg_table **sp, long *cp)
{
	for (guint ti = 0; ti < x->s->tables->len; ti++) {
		const seg_table *st = &g_array_index(x->s->tables, seg_table, ti);
		grid_table *t = reconcile_grid(g, st->no);
		if (t && rec_is(kinds, md, st->kind) && (*cp = rec_first_col(t, col, md)) >= 0) {
			*sp = st;
			return t;
		}
	}
	return NULL;
}

/* code-amount: a code's amount is the same in two tables of the same money (the
 * 一般公共预算 function table and the 部门支出总表 of a department funded by the
 * 一般公共预算 alone).  PATTERN selects table A; VALUE is
 * SEVERITY@KINDS;COL;GKINDS;GROW;GTOTAL;GPART: table B's kinds, the column compared
 * in both ({year}: the document's year), and the guard: in the first table of
 * GKINDS, the row matching GROW holds the same amount in its GTOTAL and GPART
 * columns (all income is 一般公共预算), else the check does not apply. */
void reconcile_tables_code_amount(rec_ctx *x, const rule *r, const grids *g)
{
	const char *at = strchr(r->value, '@'), *year = segments_meta(x->s, "year");
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 6);
	pcre2_code *re[6] = { NULL };
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	const seg_table *sa = NULL, *sb = NULL, *sg = NULL;
	grid_table *ta = NULL, *tb = NULL, *tg = NULL;
	long ca = -1, cb = -1, cg = -1, cp = -1, instances = 0;
	int ok = g_strv_length(spec) == 6 && md;

	for (int k = 0; ok && k < 6; k++)
		ok = (re[k] = rules_compile_year(spec[k], year)) != NULL;
	if (!ok) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed SEVERITY@KINDS;COL;GKINDS;GROW;GTOTAL;GPART");
		goto out;
	}
	ta = rec_table_col(x, g, r->re, re[1], md, &sa, &ca);
	tb = rec_table_col(x, g, re[0], re[1], md, &sb, &cb);
	tg = rec_table_col(x, g, re[2], re[4], md, &sg, &cg);
	if (tg)
		cp = rec_first_col(tg, re[5], md);
	if (!ta || !tb || !tg || cp < 0) {
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "the two tables, or the income table that tells their money is the same, are absent");
		goto out;
	}
	{
		/* the guard: all income is of the one kind */
		long gr = -1;
		int d1, d2, p1, p2;
		for (long row = tg->header_rows; row < tg->rows && gr < 0; row++)
			if (rec_is(re[3], md, tg->row[row].label))
				gr = row;
		if (gr < 0 || fabs(reconcile_value(tg, gr, cg, &d1, &p1) - reconcile_value(tg, gr, cp, &d2, &p2)) >
		                  reconcile_half_unit(d1) + reconcile_half_unit(d2)) {
			char *why = g_strdup_printf(
			    "table %03ld (%s): income other than '%s' (the two tables hold other money)", sg->no,
			    sg->kind, tg->path[cp]);
			reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", why);
			g_free(why);
			goto out;
		}
	}
	for (long ra = ta->header_rows; ra < ta->rows; ra++) {
		const char *code = ta->row[ra].code;
		if (!*code)
			continue;
		for (long rb = tb->header_rows; rb < tb->rows; rb++) {
			int da, db, pa, pb;
			double va, vb;
			char *scope, *where;
			if (strcmp(tb->row[rb].code, code) != 0)
				continue;
			va = reconcile_wan(reconcile_value(ta, ra, ca, &da, &pa), sa->unit);
			vb = reconcile_wan(reconcile_value(tb, rb, cb, &db, &pb), sb->unit);
			scope =
			    g_strdup_printf("code %s %s: table %03ld / %03ld", code, ta->row[ra].label, sa->no, sb->no);
			where = g_strdup_printf(
			    "table %03ld (%s) row %ld, column '%s', page %ld; table %03ld (%s) row %ld, "
			    "column '%s', page %ld",
			    sa->no, sa->kind, ra + 1, ta->path[ca], ta->row[ra].page, sb->no, sb->kind, rb + 1,
			    tb->path[cb], tb->row[rb].page);
			reconcile_compare(x, r, scope, va, vb,
			                  (reconcile_wan(reconcile_half_unit(da), sa->unit) +
			                   reconcile_wan(reconcile_half_unit(db), sb->unit)) *
			                      x->o->rounding_factor,
			                  where, "the code's amount in one table vs the other");
			instances++;
			g_free(scope);
			g_free(where);
			break;
		}
	}
	if (!instances)
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", "no code in both tables");
out:
	for (int k = 0; k < 6; k++)
		if (re[k])
			pcre2_code_free(re[k]);
	if (md)
		pcre2_match_data_free(md);
	g_strfreev(spec);
}
