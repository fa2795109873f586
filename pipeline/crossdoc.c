/* crossdoc.c — the prior-year figures of a document against the earlier
 * document of the same issuer in the run (see crossdoc.h).
 *
 * Rule: "ID prior-doc SEVERITY@ROW;PRIORCOL;CURCOL KINDS".  For document D of
 * year Y and the document E of the same issuer and kind (budget/final) of year
 * Y-1: every fact of D in a table whose kind matches KINDS, in a column whose
 * path matches PRIORCOL, in a row whose label matches ROW (or, ROW "code", in
 * every row with a subject code), is compared with E's fact of a table of the
 * same kind, same label (or code), in the first column matching CURCOL.  In
 * PRIORCOL and CURCOL, {prior} stands for Y-1.  Amounts in 元 are compared in
 * 万元; the tolerance is half a unit of each figure's last printed digit. */
#include "crossdoc.h"
#include "csvio.h"
#include "number.h"
#include "rules.h"

#include <math.h>
#include <string.h>

/* facts.csv columns used */
enum { F_TABLE = 1, F_KIND = 2, F_ROW = 4, F_CODE = 5, F_LABEL = 6, F_COLUMN = 7, F_VALUE = 8, F_UNIT = 9, F_N = 10 };
/* documents.csv columns used */
enum { D_DOC = 0, D_KIND = 4, D_ISSUER = 5, D_YEAR = 6, D_STATUS = 8 };

static int cd_keep(void *ctx, char **f, int n, long record)
{
	char **copy;
	if (record == 1 || n < F_N)
		return 0;
	copy = g_new0(char *, n + 1);
	for (int i = 0; i < n; i++)
		copy[i] = g_strdup(f[i]);
	g_ptr_array_add(ctx, copy);
	return 0;
}

/* The facts of DOC (an empty array when its facts.csv cannot be read). */
static GPtrArray *cd_facts(const char *out, const char *doc)
{
	char *path = g_build_filename(out, doc, "facts.csv", NULL);
	GPtrArray *v = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	bx_err err;
	if (csvin_read(path, cd_keep, v, &err) != 0)
		g_ptr_array_set_size(v, 0);
	g_free(path);
	return v;
}

static int cd_is(pcre2_code *re, pcre2_match_data *md, const char *s)
{
	return pcre2_match(re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0;
}

static double cd_wan(const char *value, const char *unit)
{
	double v = g_ascii_strtod(value, NULL);
	return !strcmp(unit, "元") ? v / 10000.0 : v;
}

static void cd_add(GPtrArray *rows, const char *doc, const rule *r, const char *status, const char *scope,
                   const char *e, const char *a, const char *d, const char *t, const char *where, const char *msg)
{
	char **row = g_new0(char *, 11);
	const char *f[10] = { doc, r->id, status, scope, e, a, d, t, where, msg };
	for (int i = 0; i < 10; i++)
		row[i] = g_strdup(f[i]);
	g_ptr_array_add(rows, row);
}

/* The earlier document of D's issuer and kind (year - 1) among DOCS, or NULL. */
static char **cd_earlier(GPtrArray *docs, char **d)
{
	long year = strtol(d[D_YEAR], NULL, 10);
	for (guint i = 0; i < docs->len; i++) {
		char **e = g_ptr_array_index(docs, i);
		if (e != d && *e[D_ISSUER] && !strcmp(e[D_ISSUER], d[D_ISSUER]) && !strcmp(e[D_KIND], d[D_KIND]) &&
		    strtol(e[D_YEAR], NULL, 10) == year - 1 && strcmp(e[D_STATUS], "failed") != 0)
			return e;
	}
	return NULL;
}

/* Compares D's prior-year facts with E's own (rule R: ROW, PRIOR, CUR compiled). */
static long cd_compare(GPtrArray *rows, const rule *r, char **d, char **e, GPtrArray *fd, GPtrArray *fe,
                       const char *rowspec, pcre2_code *row, pcre2_code *prior, pcre2_code *cur, pcre2_match_data *md)
{
	int by_code = !strcmp(rowspec, "code");
	long n = 0;
	for (guint i = 0; i < fd->len; i++) {
		char **a = g_ptr_array_index(fd, i), **b = NULL;
		char *scope, *where;
		if (!cd_is(r->re, md, a[F_KIND]) || !cd_is(prior, md, a[F_COLUMN]) ||
		    (by_code ? !*a[F_CODE] : !cd_is(row, md, a[F_LABEL])))
			continue;
		for (guint k = 0; k < fe->len && !b; k++) {
			char **c = g_ptr_array_index(fe, k);
			if (!strcmp(c[F_KIND], a[F_KIND]) && cd_is(cur, md, c[F_COLUMN]) &&
			    (by_code ? !strcmp(c[F_CODE], a[F_CODE]) : !strcmp(c[F_LABEL], a[F_LABEL])))
				b = c;
		}
		scope = g_strdup_printf("table %s %s%s%s / %s against %s", a[F_TABLE], a[F_CODE], *a[F_CODE] ? " " : "",
		                        a[F_LABEL], a[F_COLUMN], e[D_DOC]);
		if (!b) {
			char *msg =
			    g_strdup_printf("%s (%s) prints no %s for this row", e[D_DOC], e[D_YEAR], a[F_KIND]);
			where = g_strdup_printf("table %s row %s", a[F_TABLE], a[F_ROW]);
			cd_add(rows, d[D_DOC], r, "insufficient_data", scope, "", "", "", "", where, msg);
			g_free(msg);
		} else {
			double va = cd_wan(a[F_VALUE], a[F_UNIT]), vb = cd_wan(b[F_VALUE], b[F_UNIT]);
			double tol =
			    0.5 * pow(10, -number_decimals(a[F_VALUE])) / (strcmp(a[F_UNIT], "元") ? 1 : 10000.0) +
			    0.5 * pow(10, -number_decimals(b[F_VALUE])) / (strcmp(b[F_UNIT], "元") ? 1 : 10000.0);
			double diff = fabs(va - vb);
			char e1[64], a1[64], d1[64], t1[64], *msg;
			g_snprintf(e1, sizeof e1, "%.2f", va);
			g_snprintf(a1, sizeof a1, "%.2f", vb);
			g_snprintf(d1, sizeof d1, "%.2f", vb - va);
			g_snprintf(t1, sizeof t1, "%.2f", tol);
			where = g_strdup_printf("table %s row %s; %s table %s row %s, column '%s'", a[F_TABLE],
			                        a[F_ROW], e[D_DOC], b[F_TABLE], b[F_ROW], b[F_COLUMN]);
			msg = g_strdup_printf("%s prints %s万元 for %s; %s, the %s document, prints %s万元", d[D_DOC],
			                      e1, e[D_YEAR], e[D_DOC], e[D_YEAR], a1);
			cd_add(rows, d[D_DOC], r,
			       diff < 1e-6          ? "pass"
			       : diff <= tol + 1e-6 ? "rounding"
			                            : "fail",
			       scope, e1, a1, d1, t1, where, msg);
			g_free(msg);
		}
		g_free(scope);
		g_free(where);
		n++;
	}
	return n;
}

GPtrArray *crossdoc_run(const char *out, GPtrArray *docs, rules_set *rs)
{
	GPtrArray *rows;
	GHashTable *facts;

	rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	facts = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
	for (size_t i = 0; i < rs->n; i++) {
		const rule *r = &rs->v[i];
		const char *at = strchr(r->value, '@');
		gchar **spec;
		if (strcmp(r->cls, "prior-doc") != 0)
			continue;
		spec = g_strsplit(at ? at + 1 : "", ";", 3);
		for (guint k = 0; k < docs->len; k++) {
			char **d = g_ptr_array_index(docs, k), **e;
			long year;
			pcre2_code *row, *prior, *cur;
			pcre2_match_data *md;
			if (g_strv_length(d) < 10 || !strcmp(d[D_STATUS], "failed"))
				continue;
			e = cd_earlier(docs, d);
			if (!e || g_strv_length(spec) != 3) {
				char *msg = g_strv_length(spec) != 3
				                ? g_strdup("malformed SEVERITY@ROW;PRIORCOL;CURCOL")
				                : g_strdup_printf("no %s document of %s for %ld in this run", d[D_KIND],
				                                  *d[D_ISSUER] ? d[D_ISSUER] : "its issuer",
				                                  strtol(d[D_YEAR], NULL, 10) - 1);
				cd_add(rows, d[D_DOC], r,
				       g_strv_length(spec) != 3 ? "insufficient_data" : "not_applicable", "document",
				       "", "", "", "", "document", msg);
				g_free(msg);
				continue;
			}
			year = strtol(d[D_YEAR], NULL, 10);
			row = rules_compile_year(spec[0], d[D_YEAR]);
			prior = rules_compile_year(spec[1], d[D_YEAR]);
			cur = rules_compile_year(spec[2], d[D_YEAR]);
			md = pcre2_match_data_create(4, NULL);
			if (!g_hash_table_contains(facts, d[D_DOC]))
				g_hash_table_insert(facts, d[D_DOC], cd_facts(out, d[D_DOC]));
			if (!g_hash_table_contains(facts, e[D_DOC]))
				g_hash_table_insert(facts, e[D_DOC], cd_facts(out, e[D_DOC]));
			if (!row || !prior || !cur || !md ||
			    cd_compare(rows, r, d, e, g_hash_table_lookup(facts, d[D_DOC]),
			               g_hash_table_lookup(facts, e[D_DOC]), spec[0], row, prior, cur, md) == 0) {
				char *msg = g_strdup_printf("%s prints no figure for %ld where the rule looks",
				                            d[D_DOC], year - 1);
				cd_add(rows, d[D_DOC], r, "not_applicable", "document", "", "", "", "", "document",
				       msg);
				g_free(msg);
			}
			if (row)
				pcre2_code_free(row);
			if (prior)
				pcre2_code_free(prior);
			if (cur)
				pcre2_code_free(cur);
			if (md)
				pcre2_match_data_free(md);
		}
		g_strfreev(spec);
	}
	g_hash_table_unref(facts);
	return rows;
}
