/* reconcile_narrative.c — the checks of what the narrative states: amounts
 * against the table cells they name, code names and amounts against the tables,
 * shares, growth rates and restated amounts recomputed from the narrative's own
 * figures.  Facts come from narrative.csv (rec_fact). */
#include "reconcileInt.h"
#include "number.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Whether T prints no number in its body (an empty table). */
static int rec_table_blank(grid_table *t)
{
	for (long c = 0; c < t->cols; c++)
		if (reconcile_numeric_col(t, c))
			return 0;
	return 1;
}

/* narrative-amount: PATTERN matches the fact's subject; VALUE is
 * "SEVERITY@KINDS;ROW;COLUMN": tables whose kind matches KINDS, the row whose label is
 * the subject (ROW "=") or matches ROW, the first numeric column whose path
 * matches COLUMN.  Passes when any such cell equals the stated amount once
 * rounded to its printed decimals. */
void reconcile_narrative_amount(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts, const grids *g)
{
	const char *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 3);
	pcre2_code *re[3] = { NULL, NULL, NULL };
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	long instances = 0;

	for (int k = 0; k < 3 && spec[k]; k++) {
		if (k == 1 && !strcmp(spec[k], "="))
			continue;
		re[k] = rules_compile_year(spec[k], segments_meta(x->s, "year"));
	}
	if (g_strv_length(spec) != 3 || !re[0] || !re[2] || (strcmp(spec[1], "=") && !re[1]) || !md) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed KINDS;ROW;COLUMN in the rule");
		goto out;
	}
	for (guint i = 0; i < facts->len; i++) {
		const rec_fact *f = &g_array_index(facts, rec_fact, i);
		double stated, best = 0, bestdiff = G_MAXDOUBLE;
		int dec, found = 0;
		char *bestwhere = NULL, *scope, *where;
		size_t st, en;
		if (strcmp(f->measure, "amount") || strcmp(f->unit, "万元") ||
		    !rules_exec(rs, r, f->subject, 0, &st, &en))
			continue;
		stated = g_ascii_strtod(f->value, NULL);
		dec = number_decimals(f->value);
		for (guint ti = 0; ti < x->s->tables->len; ti++) {
			const seg_table *stb = &g_array_index(x->s->tables, seg_table, ti);
			grid_table *t = reconcile_grid(g, stb->no);
			if (!t || pcre2_match(re[0], (PCRE2_SPTR)stb->kind, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
				continue;
			for (long rr = t->header_rows; rr < t->rows; rr++) {
				const char *lab = t->row[rr].label;
				int row_ok = re[1] ? pcre2_match(re[1], (PCRE2_SPTR)lab, PCRE2_ZERO_TERMINATED, 0, 0,
				                                 md, NULL) > 0
				                   : !strcmp(lab, f->subject);
				if (!row_ok)
					continue;
				for (long c = 0; c < t->cols; c++) {
					int d2, pres;
					double v, diff;
					if (!reconcile_numeric_col(t, c) ||
					    pcre2_match(re[2], (PCRE2_SPTR)t->path[c], PCRE2_ZERO_TERMINATED, 0, 0, md,
					                NULL) <= 0)
						continue;
					v = reconcile_wan(reconcile_value(t, rr, c, &d2, &pres), stb->unit);
					diff = fabs(v - stated);
					found = 1;
					if (diff < bestdiff) {
						bestdiff = diff;
						best = v;
						g_free(bestwhere);
						bestwhere = g_strdup_printf(
						    "table %03ld (%s) row %ld %s, column '%s', page %ld", stb->no,
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
				bestwhere = g_strdup_printf("table %03ld (%s) prints no amount, page %ld", stb->no,
				                            stb->kind, stb->first);
			}
		}
		scope = g_strdup_printf("narrative %s: %s %s万元", f->section, f->subject, f->value);
		where = g_strdup_printf("narrative %s, page %ld; %s", f->section, f->page,
		                        bestwhere ? bestwhere : "no table row");
		if (!found) {
			reconcile_emit(x, r, "insufficient_data", scope, 0, 0, 0, 0, where,
			               "no table row and column for this subject");
		} else {
			double tol = reconcile_half_unit(dec) * x->o->rounding_factor;
			char *msg = g_strdup_printf("stated %s万元, table %.4f万元", f->value, best);
			const char *status = fabs(reconcile_round(best, dec) - stated) < 1e-6 ? "pass"
			                     : bestdiff <= tol + 1e-9                         ? "rounding"
			                                                                      : "fail";
			reconcile_emit(x, r, status, scope, stated, best, tol, 1, where, msg);
			g_free(msg);
		}
		instances++;
		g_free(scope);
		g_free(where);
		g_free(bestwhere);
	}
	if (!instances)
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "the narrative states no amount for this subject");
out:
	for (int k = 0; k < 3; k++)
		if (re[k])
			pcre2_code_free(re[k]);
	if (md)
		pcre2_match_data_free(md);
	g_strfreev(spec);
}

/* Emits one instance about fact F, located at its sentence; SCOPE and MSG are
 * taken (g_free'd). */
static void rec_emit_fact(rec_ctx *x, const rule *r, const char *status, const rec_fact *f, char *scope,
                          double expected, double actual, double tol, char *msg)
{
	char *where = g_strdup_printf("narrative %s, page %ld: %s", f->section, f->page, f->sentence);
	reconcile_emit(x, r, status, scope, expected, actual, tol, 1, where, msg);
	g_free(scope);
	g_free(where);
	g_free(msg);
}

/* Status of a recomputed figure EXPECT against STATED (printed with its
 * decimals): pass when EXPECT rounds to it, rounding within TOL, else fail. */
static const char *rec_recomputed(double expect, const char *stated_text, double tol)
{
	double stated = g_ascii_strtod(stated_text, NULL);
	if (fabs(reconcile_round(expect, number_decimals(stated_text)) - stated) < 1e-9)
		return "pass";
	return fabs(expect - stated) <= tol + 1e-9 ? "rounding" : "fail";
}

/* The amount the narrative states after a full code (group value, in 万元 or
 * 元) against the first numeric cell of that code's row in a table of KINDS. */
static void rec_code_amount(rec_ctx *x, rules_set *rs, const rule *r, const rec_text *t, const grids *g,
                            pcre2_code *kinds, pcre2_match_data *md, const char *code)
{
	char *value = rules_group(rs, r, t->text, "value"), *unit = rules_group(rs, r, t->text, "unit");
	if (value && *value && strlen(code) == 7) {
		for (guint ti = 0; ti < x->s->tables->len; ti++) {
			const seg_table *stb = &g_array_index(x->s->tables, seg_table, ti);
			grid_table *gt = reconcile_grid(g, stb->no);
			if (!gt ||
			    pcre2_match(kinds, (PCRE2_SPTR)stb->kind, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
				continue;
			for (long row = gt->header_rows; row < gt->rows; row++) {
				if (strcmp(gt->row[row].code, code) != 0)
					continue;
				for (long c = 0; c < gt->cols; c++) {
					int dec, pres;
					double v, stated;
					char *plain = NULL, *scope, *where, *msg;
					if (!reconcile_numeric_col(gt, c))
						continue;
					if (number_parse(value, &plain) != NUM_NUMBER)
						plain = g_strdup(value);
					v = reconcile_wan(reconcile_value(gt, row, c, &dec, &pres), stb->unit);
					stated = g_ascii_strtod(plain, NULL);
					if (unit && !strcmp(unit, "元"))
						v *= 10000.0; /* compare in the unit the narrative uses */
					scope = g_strdup_printf("%s: %s %s%s", t->what, code, value, unit ? unit : "");
					where = g_strdup_printf(
					    "%s, page %ld; table %03ld (%s) row %ld, column '%s', page %ld", t->what,
					    t->page, stb->no, stb->kind, row + 1, gt->path[c], gt->row[row].page);
					msg =
					    g_strdup_printf("stated %s%s, table %.4f万元", value, unit ? unit : "", v);
					reconcile_emit(x, r,
					               rec_recomputed(v, plain,
					                              reconcile_half_unit(number_decimals(plain)) *
					                                  x->o->rounding_factor),
					               scope, stated, v, reconcile_half_unit(number_decimals(plain)), 1,
					               where, msg);
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
void reconcile_narrative_code_name(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts, const grids *g)
{
	const char *at = strchr(r->value, '@');
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	pcre2_code *kinds = NULL;
	long instances = 0;

	if (at)
		kinds = rules_compile_year(at + 1, "");
	if (!kinds || !md) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed SEVERITY@KINDS in the rule");
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
					label = reconcile_tables_code_label(x, g, kinds, md, code, &tw);
					scope = g_strdup_printf("%s: %s (%s)", t->what, name, code);
					where = g_strdup_printf("%s, page %ld; %s", t->what, t->page,
					                        tw ? tw : "no table row");
					if (!label) {
						reconcile_emit(x, r, "insufficient_data", scope, 0, 0, 0, 0, where,
						               "no table row has this code");
					} else {
						char *msg = g_strdup_printf(
						    "the narrative names %s '%s', the table '%s'", code, name, label);
						reconcile_emit(x, r, !strcmp(label, name) ? "pass" : "fail", scope, 0,
						               0, 0, 0, where, msg);
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
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "the narrative names no subject with its code");
out:
	if (kinds)
		pcre2_code_free(kinds);
	if (md)
		pcre2_match_data_free(md);
}

/* share: a share (占 x%) = its amount / the total it is a share of, x 100.  The
 * amount is the nearest amount before the share in its sentence; the total is
 * the nearest amount before that, in the same section, whose subject matches
 * PATTERN and which is not smaller. */
void reconcile_narrative_share(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts)
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
			double tol = (2 * reconcile_half_unit(number_decimals(f->value)) +
			              100.0 / bv * reconcile_half_unit(number_decimals(a->value)) +
			              100.0 * av / (bv * bv) * reconcile_half_unit(number_decimals(b->value))) *
			             x->o->rounding_factor;
			rec_emit_fact(x, r, rec_recomputed(expect, f->value, tol), f,
			              g_strdup_printf("narrative %s: %s %s%%", f->section, f->subject, f->value), stated,
			              expect, tol,
			              g_strdup_printf("share %s%% stated; %s万元 of %s (%s万元) is %.2f%%", f->value,
			                              a->value, b->subject, b->value, expect));
			instances++;
		}
	}
	if (!instances)
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "no share stated with its amount and a total before it");
}

/* item-budget: a numbered item opens with its amount (…行政单位离退休（01项）56.12万元。)
 * and restates it later (2026年预算安排57.8万元): an amount in a sentence that
 * PATTERN matches equals the nearest amount of an earlier sentence of the same
 * section. */
void reconcile_narrative_item_budget(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts)
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
			if (!strcmp(c->measure, "amount") && strcmp(c->sentence, f->sentence) != 0 &&
			    !strcmp(c->unit, f->unit)) {
				o = c;
				break;
			}
		}
		if (!o)
			continue;
		{
			double a = g_ascii_strtod(o->value, NULL), b = g_ascii_strtod(f->value, NULL);
			double tol = (reconcile_half_unit(number_decimals(o->value)) +
			              reconcile_half_unit(number_decimals(f->value))) *
			             x->o->rounding_factor;
			rec_emit_fact(x, r,
			              fabs(a - b) < 1e-9          ? "pass"
			              : fabs(a - b) <= tol + 1e-9 ? "rounding"
			                                          : "fail",
			              f,
			              g_strdup_printf("narrative %s: %s%s restated as %s%s", f->section, o->value, o->unit,
			                              f->value, f->unit),
			              a, b, tol,
			              g_strdup_printf("the item opens with %s%s and then states %s%s", o->value, o->unit,
			                              f->value, f->unit));
			instances++;
		}
	}
	if (!instances)
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "no item restates its amount");
}

/* growth: in a sentence that states a prior amount P, an amount A and a change
 * in percent C (or in amount D): C = (A - P) / P x 100 and D = A - P, within
 * what the rounding of the printed figures explains. */
void reconcile_narrative_growth(rec_ctx *x, const rule *r, GArray *facts)
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
			if (pct && fabs(pv) < 1e-9)
				continue;
			expect = pct ? (av - pv) / pv * 100.0 : av - pv;
			tol = reconcile_half_unit(number_decimals(f->value)) +
			      (pct ? (100.0 / fabs(pv)) * reconcile_half_unit(number_decimals(a->value)) +
			                 (100.0 * fabs(av) / (pv * pv)) * reconcile_half_unit(number_decimals(p->value))
			           : reconcile_half_unit(number_decimals(a->value)) +
			                 reconcile_half_unit(number_decimals(p->value)));
			tol *= x->o->rounding_factor;
			rec_emit_fact(x, r, rec_recomputed(expect, f->value, tol), f,
			              g_strdup_printf("narrative %s: %s %s%s", f->section, f->subject, f->value, f->unit),
			              stated, expect, tol,
			              g_strdup_printf("change %s%s stated; from %s万元 to %s万元 it is %.2f%s", f->value,
			                              f->unit, p->value, a->value, expect, pct ? "%" : "万元"));
			instances++;
		}
	}
	if (!instances)
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "no sentence states a prior amount, an amount and their change");
}

/* The first cell, in a table whose kind matches KINDS, of a row whose label
 * matches ROW and the first numeric column whose path matches COL: its value in
 * 万元 and printed decimals, and where it is (g_free).  Returns 0 when none. */
static int rec_cell(rec_ctx *x, const grids *g, pcre2_code *kinds, pcre2_code *row, pcre2_code *col,
                    pcre2_match_data *md, double *v, int *dec, char **where)
{
	for (guint ti = 0; ti < x->s->tables->len; ti++) {
		const seg_table *stb = &g_array_index(x->s->tables, seg_table, ti);
		grid_table *t = reconcile_grid(g, stb->no);
		if (!t || pcre2_match(kinds, (PCRE2_SPTR)stb->kind, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
			continue;
		for (long rr = t->header_rows; rr < t->rows; rr++) {
			if (pcre2_match(row, (PCRE2_SPTR)t->row[rr].label, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0)
				continue;
			for (long c = 0; c < t->cols; c++) {
				int pres;
				if (!reconcile_numeric_col(t, c) ||
				    pcre2_match(col, (PCRE2_SPTR)t->path[c], PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <=
				        0)
					continue;
				*v = reconcile_wan(reconcile_value(t, rr, c, dec, &pres), stb->unit);
				*where =
				    g_strdup_printf("table %03ld (%s) row %ld %s, column '%s', page %ld", stb->no,
				                    stb->kind, rr + 1, t->row[rr].label, t->path[c], t->row[rr].page);
				return 1;
			}
		}
	}
	return 0;
}

/* growth-table: a sentence matching PATTERN (group `year`: 比2024年) states an
 * amount A and its change D against that year, whose figure stands in a
 * prior-year column of a table.  VALUE is SEVERITY@KINDS;ROW;COLUMN;SUBJECT:
 * regexes, COLUMN with {year} replaced by the sentence's year; SUBJECT selects
 * the change facts checked.  D = A - P within the rounding of the three figures. */
void reconcile_narrative_growth_table(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts, const grids *g)
{
	const char *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 4);
	pcre2_code *kinds = NULL, *row = NULL, *subj = NULL;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	long instances = 0;

	if (g_strv_length(spec) == 4) {
		kinds = rules_compile_year(spec[0], "");
		row = rules_compile_year(spec[1], "");
		subj = rules_compile_year(spec[3], "");
	}
	if (!kinds || !row || !subj || !md) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed SEVERITY@KINDS;ROW;COLUMN;SUBJECT in the rule");
		goto out;
	}
	for (guint i = 0; i < facts->len; i++) {
		const rec_fact *f = &g_array_index(facts, rec_fact, i), *a = NULL;
		size_t st, en;
		char *year, *colre, *where = NULL, *scope;
		pcre2_code *col;
		double pv = 0;
		int pdec = 0, found = 0;
		if (strcmp(f->measure, "change_amount") || strcmp(f->unit, "万元") ||
		    pcre2_match(subj, (PCRE2_SPTR)f->subject, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0 ||
		    !rules_exec(rs, r, f->sentence, 0, &st, &en))
			continue;
		for (guint k = i; k-- > 0;) {
			const rec_fact *o = &g_array_index(facts, rec_fact, k);
			if (strcmp(o->sentence, f->sentence) != 0)
				break;
			if (!strcmp(o->measure, "amount") && !strcmp(o->subject, f->subject) &&
			    !strcmp(o->unit, "万元")) {
				a = o;
				break;
			}
		}
		year = rules_group(rs, r, f->sentence, "year");
		if (!a || !year) {
			g_free(year);
			continue;
		}
		colre = rules_year_pattern(spec[2], year);
		col = rules_compile_year(colre, "");
		if (col) {
			found = rec_cell(x, g, kinds, row, col, md, &pv, &pdec, &where);
			pcre2_code_free(col);
		}
		scope = g_strdup_printf("narrative %s: %s %s%s against %s", f->section, f->subject, f->value, f->unit,
		                        year);
		if (!found) {
			char *msg = g_strdup_printf("no table column for %s (%s)", year, colre);
			reconcile_emit(x, r, "insufficient_data", scope, 0, 0, 0, 0, f->section, msg);
			g_free(msg);
		} else {
			double av = g_ascii_strtod(a->value, NULL), stated = g_ascii_strtod(f->value, NULL);
			double expect = av - pv;
			double tol = (reconcile_half_unit(number_decimals(f->value)) +
			              reconcile_half_unit(number_decimals(a->value)) + reconcile_half_unit(pdec)) *
			             x->o->rounding_factor;
			char *w =
			    g_strdup_printf("narrative %s, page %ld: %s; %s", f->section, f->page, f->sentence, where);
			char *msg = g_strdup_printf("change %s万元 stated; from %.2f万元 (%s) to %s万元 it is %.2f万元",
			                            f->value, pv, year, a->value, expect);
			reconcile_emit(x, r, rec_recomputed(expect, f->value, tol), scope, stated, expect, tol, 1, w,
			               msg);
			g_free(w);
			g_free(msg);
		}
		instances++;
		g_free(scope);
		g_free(where);
		g_free(colre);
		g_free(year);
	}
	if (!instances)
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "no sentence states an amount and its change against a year");
out:
	if (kinds)
		pcre2_code_free(kinds);
	if (row)
		pcre2_code_free(row);
	if (subj)
		pcre2_code_free(subj);
	if (md)
		pcre2_match_data_free(md);
	g_strfreev(spec);
}

/* Whether section CHILD is a direct child of PARENT ("五/（三）/1" of "五/（三）"). */
static int rec_child_section(const char *parent, const char *child)
{
	size_t n = strlen(parent);
	return !strncmp(child, parent, n) && child[n] == '/' && !strchr(child + n + 1, '/');
}

/* parts: a total the narrative states (subject matching PATTERN) = the sum of
 * the parts it lists.  VALUE is SEVERITY@SCOPE;PARTS: with SCOPE `same`, the
 * parts are the facts after the total in its section, of the same measure and
 * unit, whose subject matches PARTS, each subject once, up to the next total;
 * with `children`, the first such fact of each direct child section (the
 * numbered items under 五/（三）).  Two parts at least; rounding within half a
 * unit of each printed figure. */
void reconcile_narrative_parts(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts)
{
	const char *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 2);
	pcre2_code *parts = NULL;
	pcre2_match_data *md = NULL;
	long instances = 0;
	int children = 0;

	if (g_strv_length(spec) == 2 && (!strcmp(spec[0], "same") || (children = !strcmp(spec[0], "children"))))
		parts = rules_compile_year(spec[1], "");
	md = parts ? pcre2_match_data_create_from_pattern(parts, NULL) : NULL;
	if (!md) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed SEVERITY@SCOPE;PARTS");
		goto out;
	}
	for (guint i = 0; i < facts->len; i++) {
		const rec_fact *f = &g_array_index(facts, rec_fact, i);
		GString *list = g_string_new(NULL);
		GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
		double sum = 0, tol = reconcile_half_unit(number_decimals(f->value));
		long n = 0;
		size_t st, en;
		if (strcmp(f->measure, "amount") && strcmp(f->measure, "change_amount") &&
		    strcmp(f->measure, "prior_amount"))
			goto next;
		if (!rules_exec(rs, r, f->subject, 0, &st, &en))
			goto next;
		for (guint k = i + 1; k < facts->len; k++) {
			const rec_fact *o = &g_array_index(facts, rec_fact, k);
			int in = children ? rec_child_section(f->section, o->section) : !strcmp(o->section, f->section);
			if (!in) {
				if (children && !strncmp(o->section, f->section, strlen(f->section)))
					continue; /* a deeper section */
				break;
			}
			if (strcmp(o->measure, f->measure) || strcmp(o->unit, f->unit))
				continue;
			if (!children && rules_exec(rs, r, o->subject, 0, &st, &en))
				break; /* the next total */
			if (pcre2_match(parts, (PCRE2_SPTR)o->subject, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0 ||
			    g_hash_table_contains(seen, children ? o->section : o->subject))
				continue;
			g_hash_table_add(seen, children ? o->section : o->subject);
			sum += g_ascii_strtod(o->value, NULL);
			tol += reconcile_half_unit(number_decimals(o->value));
			g_string_append_printf(list, "%s%s %s", n ? " + " : "", o->subject, o->value);
			n++;
		}
		if (n >= 2) {
			double stated = g_ascii_strtod(f->value, NULL);
			tol *= x->o->rounding_factor;
			rec_emit_fact(x, r, rec_recomputed(sum, f->value, tol), f,
			              g_strdup_printf("narrative %s: %s %s %s%s", f->section, f->subject, f->measure,
			                              f->value, f->unit),
			              stated, sum, tol,
			              g_strdup_printf("stated %s%s; its %ld parts %s sum to %.2f", f->value, f->unit, n,
			                              list->str, sum));
			instances++;
		}
	next:
		g_hash_table_unref(seen);
		g_string_free(list, TRUE);
	}
	if (!instances)
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "the narrative lists no parts of such a total");
out:
	if (md)
		pcre2_match_data_free(md);
	if (parts)
		pcre2_code_free(parts);
	g_strfreev(spec);
}

/* restated: a figure the narrative states in one section and restates in
 * another (the 公务接待费 increase, 4.49 in 三/（一）, 4.5 in 三/（二）).  PATTERN
 * selects the subjects, VALUE is SEVERITY@MEASURES (a regex).  Two facts of one
 * subject, measure and unit in different sections whose values agree within the
 * rounding of the two printed figures are one figure: pass when equal, rounding
 * otherwise.  Facts that differ more are other figures (a change against the
 * budget and one against last year), not compared. */
void reconcile_narrative_restated(rec_ctx *x, rules_set *rs, const rule *r, GArray *facts)
{
	const char *at = strchr(r->value, '@');
	pcre2_code *measures = rules_compile_year(at ? at + 1 : "", "");
	pcre2_match_data *md = measures ? pcre2_match_data_create_from_pattern(measures, NULL) : NULL;
	long instances = 0;

	if (!md) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed SEVERITY@MEASURES");
		goto out;
	}
	for (guint i = 0; i < facts->len; i++) {
		const rec_fact *f = &g_array_index(facts, rec_fact, i);
		size_t st, en;
		if (pcre2_match(measures, (PCRE2_SPTR)f->measure, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) <= 0 ||
		    !rules_exec(rs, r, f->subject, 0, &st, &en))
			continue;
		for (guint k = i + 1; k < facts->len; k++) {
			const rec_fact *o = &g_array_index(facts, rec_fact, k);
			double a = g_ascii_strtod(f->value, NULL), b = g_ascii_strtod(o->value, NULL), tol;
			if (!strcmp(o->section, f->section) || strcmp(o->subject, f->subject) ||
			    strcmp(o->measure, f->measure) || strcmp(o->unit, f->unit))
				continue;
			tol = (reconcile_half_unit(number_decimals(f->value)) +
			       reconcile_half_unit(number_decimals(o->value))) *
			      x->o->rounding_factor;
			if (fabs(a - b) <= tol + 1e-9) {
				char *scope = g_strdup_printf("narrative %s and %s: %s %s %s / %s", f->section,
				                              o->section, f->subject, f->measure, f->value, o->value);
				char *where =
				    g_strdup_printf("narrative %s, page %ld: %s; narrative %s, page %ld: %s",
				                    f->section, f->page, f->sentence, o->section, o->page, o->sentence);
				char *msg = g_strdup_printf("%s %s stated as %s and as %s", f->subject, f->measure,
				                            f->value, o->value);
				reconcile_emit(x, r, fabs(a - b) < 1e-9 ? "pass" : "rounding", scope, a, b, tol, 1,
				               where, msg);
				instances++;
				g_free(scope);
				g_free(where);
				g_free(msg);
			}
		}
	}
	if (!instances)
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "no figure restated in another section");
out:
	if (md)
		pcre2_match_data_free(md);
	if (measures)
		pcre2_code_free(measures);
}
