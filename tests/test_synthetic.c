/* test_synthetic.c — tables drawn by bx-gen (corpus/gen) from known data, one per
 * style the tables stage must read: fully ruled, horizontal rules only, no rules,
 * merged header cells, 类|款|项 code columns, a wrapped label with amounts centred
 * in tall rows, a table over three pages, a landscape page, two tables on one
 * page.  Every cell of every table is compared with the generator's expected grid. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "../extractors/extract.h"
#include "../pipeline/csvio.h"
#include "../pipeline/grids.h"
#include "../pipeline/layout.h"
#include "../pipeline/segment.h"
#include "../pipeline/tabulate.h"

static char *squeeze(const char *s)
{
	GString *o = g_string_new(NULL);
	for (; *s; s++)
		if (!g_ascii_isspace(*s))
			g_string_append_c(o, *s);
	return g_string_free(o, FALSE);
}

static int keep(void *ctx, char **f, int n, long record)
{
	gchar **copy = g_new0(gchar *, n + 1);
	(void)record;
	for (int i = 0; i < n; i++)
		copy[i] = g_strdup(f[i]);
	g_ptr_array_add(ctx, copy);
	return 0;
}

/* Compares table NO of G with the expected CSV; returns the number of differences. */
static int compare(const char *style, const grids *g, long no, const char *csv)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	grid_table *t = NULL;
	bx_err err;
	int bad = 0;

	cr_assert_eq(csvin_read(csv, keep, rows, &err), 0, "%s", err.msg);
	for (guint i = 0; i < g->tables->len; i++)
		if (((grid_table *)g_ptr_array_index(g->tables, i))->no == no)
			t = g_ptr_array_index(g->tables, i);
	if (!t) {
		cr_log_error("%s: table %03ld not found", style, no);
		g_ptr_array_unref(rows);
		return 1;
	}
	if ((long)rows->len != t->rows || (rows->len && (long)g_strv_length(g_ptr_array_index(rows, 0)) != t->cols)) {
		cr_log_error("%s table %03ld: %ld x %ld found, %u x %u expected", style, no, t->rows, t->cols, rows->len,
		             rows->len ? g_strv_length(g_ptr_array_index(rows, 0)) : 0);
		bad++;
	}
	for (long r = 0; r < t->rows && r < (long)rows->len; r++) {
		gchar **want = g_ptr_array_index(rows, r);
		for (long c = 0; c < t->cols && c < (long)g_strv_length(want); c++) {
			char *a = squeeze(want[c]), *b = squeeze(grid_at(t, r, c)->text);
			if (strcmp(a, b)) {
				cr_log_error("%s table %03ld row %ld col %ld: expected '%s', found '%s'", style, no, r + 1, c + 1, a, b);
				bad++;
			}
			g_free(a);
			g_free(b);
		}
	}
	g_ptr_array_unref(rows);
	return bad;
}

static int run_style(const char *style, const char *dir, rules_set *srs, rules_set *trs)
{
	char *cmd = g_strdup_printf("build/bx-gen %s '%s'", style, dir);
	char *pdf = g_strdup_printf("%s/%s.pdf", dir, style), *lay = g_strdup_printf("%s/%s.bxl", dir, style);
	extract_opts o;
	bx_status st;
	bx_err err;
	layout_doc *L;
	segments *s;
	grids *g;
	int bad = 0, ntables = !strcmp(style, "twotables") ? 2 : 1;

	cr_assert_eq(system(cmd), 0, "%s", cmd);
	extract_opts_init(&o);
	o.input = pdf;
	o.output = lay;
	cr_assert_eq(extract_run(&o, &st, &err), 0, "%s", err.msg);
	cr_assert_eq(st, BX_OK, "%s: extraction status %d", style, st);
	L = layout_read(lay, &err);
	cr_assert_not_null(L, "%s", err.msg);
	s = segment_layout(L, srs);
	if ((int)s->tables->len != ntables) {
		cr_log_error("%s: %u tables found, %d drawn", style, s->tables->len, ntables);
		bad++;
	}
	g = tabulate(L, s, trs);
	for (int k = 1; k <= ntables; k++) {
		char *csv = g_strdup_printf("%s/%s/%03d.csv", dir, style, k);
		bad += compare(style, g, k, csv);
		g_free(csv);
	}
	grids_free(g);
	segments_free(s);
	layout_doc_free(L);
	g_free(cmd);
	g_free(pdf);
	g_free(lay);
	return bad;
}

Test(synthetic, every_style)
{
	const char *styles[] = { "ruled", "hrules", "norules", "splitcodes", "wrapped", "threepages", "landscape",
	                         "twotables" };
	char *dir = g_dir_make_tmp("bx-gen-XXXXXX", NULL);
	char *rm = g_strdup_printf("rm -rf '%s'", dir);
	bx_err err;
	rules_set *srs = rules_load("rules/segment.rules", &err), *trs;
	int bad = 0;

	cr_assert_not_null(srs, "%s", err.msg);
	trs = rules_load("rules/tables.rules", &err);
	cr_assert_not_null(trs, "%s", err.msg);
	for (size_t i = 0; i < G_N_ELEMENTS(styles); i++) {
		int b = run_style(styles[i], dir, srs, trs);
		if (b)
			cr_log_error("style %s: %d differences", styles[i], b);
		bad += b;
	}
	rules_free(srs);
	rules_free(trs);
	cr_assert_eq(system(rm), 0);
	g_free(rm);
	g_free(dir);
	cr_assert_eq(bad, 0, "%d differences from the generated tables (listed above)", bad);
}
