/* test_synthetic.c — tables drawn by bx-gen (corpus/gen) from known data, one per
 * style the tables stage must read: fully ruled, horizontal rules only, no rules,
 * merged header cells, 类|款|项 code columns, a wrapped label with amounts centred
 * in tall rows, a table over pages, two tables on one page; each in portrait
 * and landscape.  Every cell of every table is compared with the generator's
 * expected grid. */
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

/* Reads document NAME of DIR and compares each of its tables with its expected grid. */
static int run_doc(const char *dir, const char *name, rules_set *srs, rules_set *trs)
{
	char *pdf = g_strdup_printf("%s/%s.pdf", dir, name), *lay = g_strdup_printf("%s/%s.bxl", dir, name);
	extract_opts o;
	bx_status st;
	bx_err err;
	layout_doc *L;
	segments *s;
	grids *g;
	int bad = 0, ntables = 0;

	extract_opts_init(&o);
	o.input = pdf;
	o.output = lay;
	cr_assert_eq(extract_run(&o, &st, &err), 0, "%s", err.msg);
	cr_assert_eq(st, BX_OK, "%s: extraction status %d", name, st);
	L = layout_read(lay, &err);
	cr_assert_not_null(L, "%s", err.msg);
	s = segment_layout(L, srs);
	g = tabulate(L, s, trs);
	for (int k = 1;; k++) {
		char *csv = g_strdup_printf("%s/%s/%03d.csv", dir, name, k);
		if (!g_file_test(csv, G_FILE_TEST_EXISTS)) {
			g_free(csv);
			break;
		}
		ntables++;
		bad += compare(name, g, k, csv);
		g_free(csv);
	}
	if ((int)s->tables->len != ntables) {
		cr_log_error("%s: %u tables found, %d drawn", name, s->tables->len, ntables);
		bad++;
	}
	grids_free(g);
	segments_free(s);
	layout_doc_free(L);
	g_free(pdf);
	g_free(lay);
	return bad;
}

/* Draws two documents of STYLE (no planted error; portrait and landscape, or
 * portrait only when PORTRAIT) and compares their tables. */
static int run_style(const char *style, int portrait, const char *dir, rules_set *srs, rules_set *trs)
{
	char *sub = g_strdup_printf("%s/%s", dir, style);
	char *cmd = g_strdup_printf("build/bx-gen --style %s --plant none --docs 2 %s '%s'", style,
	                            portrait ? "--orient portrait" : "", sub);
	GDir *d;
	const char *f;
	int bad = 0, docs = 0;

	cr_assert_eq(system(cmd), 0, "%s", cmd);
	d = g_dir_open(sub, 0, NULL);
	cr_assert_not_null(d, "%s", sub);
	while ((f = g_dir_read_name(d)) != NULL) {
		if (g_str_has_suffix(f, ".pdf")) {
			char *name = g_strndup(f, strlen(f) - 4);
			bad += run_doc(sub, name, srs, trs);
			docs++;
			g_free(name);
		}
	}
	g_dir_close(d);
	cr_assert_eq(docs, 2, "%s: %d documents drawn", style, docs);
	g_free(cmd);
	g_free(sub);
	return bad;
}

Test(synthetic, every_style)
{
	const char *styles[] = { "ruled", "hrules", "norules", "splitcodes", "wrapped", "long", "twotables" };
	/* every style in portrait and landscape: in hrules and norules landscape, the
	 * spanning header 20XX年预算数, printed at the left of its span, lies in the
	 * wide gap between the names and the first amount column */
	const int portrait[] = { 0, 0, 0, 0, 0, 0, 0 };
	char *dir = g_dir_make_tmp("bx-gen-XXXXXX", NULL);
	char *rm = g_strdup_printf("rm -rf '%s'", dir);
	bx_err err;
	rules_set *srs = rules_load("rules/segment.rules", &err), *trs;
	int bad = 0;

	cr_assert_not_null(srs, "%s", err.msg);
	trs = rules_load("rules/tables.rules", &err);
	cr_assert_not_null(trs, "%s", err.msg);
	for (size_t i = 0; i < G_N_ELEMENTS(styles); i++) {
		int b = run_style(styles[i], portrait[i], dir, srs, trs);
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
