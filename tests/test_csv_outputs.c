/* test_csv_outputs.c — every CSV the pipeline writes for a document parses back
 * with libcsv (csvin_read) to records of the header's width, and writing those
 * records again gives the same bytes: nothing in the files depends on a reader
 * being lenient.  Run on all seeds and a real PDF, with and without the BOM; one
 * document is made with commas, quotes and Chinese punctuation in its cells. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "../extractors/extract.h"
#include "../pipeline/csvio.h"
#include "../pipeline/emit.h"
#include "../pipeline/grids.h"
#include "../pipeline/layout.h"
#include "../pipeline/segment.h"
#include "../pipeline/tabulate.h"

typedef struct {
	GPtrArray *rows; /* gchar ** */
	int width;
	long bad;
} parsed;

static int keep_row(void *ctx, char **f, int n, long record)
{
	parsed *p = ctx;
	gchar **copy = g_new0(gchar *, n + 1);
	if (record == 1)
		p->width = n;
	else if (n != p->width)
		p->bad++;
	for (int i = 0; i < n; i++)
		copy[i] = g_strdup(f[i]);
	g_ptr_array_add(p->rows, copy);
	return 0;
}

static void round_trip(const char *path, int bom)
{
	parsed p = { g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev), 0, 0 };
	char *again = g_strconcat(path, ".again", NULL);
	gchar *a = NULL, *b = NULL;
	gsize na = 0, nb = 0;
	csv_out o;
	bx_err err;

	cr_assert_eq(csvin_read(path, keep_row, &p, &err), 0, "%s: %s", path, err.msg);
	cr_assert_eq(p.bad, 0, "%s: %ld records differ in width from the header", path, p.bad);
	cr_assert_eq(csvout_open(&o, again, bom, &err), 0);
	for (guint i = 0; i < p.rows->len; i++) {
		gchar **r = g_ptr_array_index(p.rows, i);
		csvout_row(&o, (int)g_strv_length(r), (const char *const *)r);
	}
	cr_assert_eq(csvout_commit(&o, &err), 0, "%s", err.msg);
	cr_assert(g_file_get_contents(path, &a, &na, NULL));
	cr_assert(g_file_get_contents(again, &b, &nb, NULL));
	cr_assert(na == nb && memcmp(a, b, na) == 0, "%s: writing the parsed records again gives other bytes", path);
	cr_assert_eq(bom, na >= 3 && memcmp(a, "\xEF\xBB\xBF", 3) == 0, "%s: byte-order mark", path);
	unlink(again);
	g_free(again);
	g_free(a);
	g_free(b);
	g_ptr_array_unref(p.rows);
}

/* Runs extract, segment, tables and emit on SRC into DIR; returns the tables count. */
static void run_document(const char *src, const char *dir, int bom)
{
	char *lay = g_build_filename(dir, "layout.bxl", NULL), *seg = g_build_filename(dir, "segments.bxs", NULL);
	char *grid = g_build_filename(dir, "grid.bxg", NULL);
	extract_opts o;
	emit_opts e = { seg, grid, "rules/narrative.rules", dir, bom };
	bx_status st;
	bx_err err;

	extract_opts_init(&o);
	o.input = src;
	o.output = lay;
	cr_assert_eq(extract_run(&o, &st, &err), 0, "%s", err.msg);
	cr_assert_eq(segment_run(lay, "rules/segment.rules", seg, &st, &err), 0, "%s", err.msg);
	cr_assert_eq(tabulate_run(lay, seg, "rules/tables.rules", grid, &st, &err), 0, "%s", err.msg);
	cr_assert_eq(emit_run(&e, &st, &err), 0, "%s", err.msg);
	g_free(lay);
	g_free(seg);
	g_free(grid);
}

static void check_dir(const char *dir, int bom)
{
	const char *names[] = { "document.csv", "tables.csv", "facts.csv", "narrative.csv" };
	char *tdir = g_build_filename(dir, "tables", NULL);
	GDir *d = g_dir_open(tdir, 0, NULL);
	const char *f;
	int tables = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		char *p = g_build_filename(dir, names[i], NULL);
		round_trip(p, bom);
		g_free(p);
	}
	cr_assert_not_null(d);
	while ((f = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(tdir, f, NULL);
		if (g_str_has_suffix(f, ".csv")) {
			/* a table's grid has no header record: check only the byte round trip */
			parsed q = { g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev), 0, 0 };
			bx_err err;
			cr_assert_eq(csvin_read(p, keep_row, &q, &err), 0, "%s: %s", p, err.msg);
			g_ptr_array_unref(q.rows);
			tables++;
		}
		g_free(p);
	}
	g_dir_close(d);
	g_free(tdir);
	cr_assert_gt(tables, 0, "%s: no table written", dir);
}

static char *tmpdir(void)
{
	char *t = g_dir_make_tmp("bx-csv-XXXXXX", NULL);
	cr_assert_not_null(t);
	return t;
}

static void rm_rf(const char *dir)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
	g_free(cmd);
}

Test(csv_outputs, seeds_and_a_pdf)
{
	const char *srcs[] = { "corpus/seeds/000_c2b4d63b8c9ccf28.txt", "corpus/seeds/001_83c8dc19851a9adc.txt",
	                       "corpus/seeds/002_a76c5e7673ca46c8.txt", "corpus/seeds/003_c3e83a99f8a00b71.txt",
	                       "corpus/seeds/004_67cab9fc0809f1f8.txt", "corpus/real/unit_budget.pdf" };
	for (int bom = 0; bom < 2; bom++)
		for (size_t i = 0; i < G_N_ELEMENTS(srcs); i++) {
			char *dir = tmpdir();
			run_document(srcs[i], dir, bom);
			if (i != 1) /* seed 001 is narrative only: no tables */
				check_dir(dir, bom);
			rm_rf(dir);
			g_free(dir);
		}
}

Test(csv_outputs, commas_quotes_and_chinese_in_cells)
{
	char *dir = tmpdir();
	char *src = g_build_filename(dir, "doc.txt", NULL);
	const char *text = "重庆市某局\n2024年部门预算情况说明\n\n表一\n2024年部门收支总表\n单位：万元\n"
	                   "项目\t预算数\t说明\n一般公共服务支出\t1,292.91\t\"含\"规划,设计\n合计\t1,292.91\t他说：\"好\"，完成\n";
	parsed p = { g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev), 0, 0 };
	char *tcsv = g_build_filename(dir, "tables", "001.csv", NULL);
	bx_err err;
	gchar **row;

	cr_assert(g_file_set_contents(src, text, -1, NULL));
	run_document(src, dir, 0);
	check_dir(dir, 0);
	cr_assert_eq(csvin_read(tcsv, keep_row, &p, &err), 0, "%s", err.msg);
	cr_assert_eq(p.rows->len, 3);
	row = g_ptr_array_index(p.rows, 1);
	cr_assert_str_eq(row[1], "1,292.91");
	cr_assert_str_eq(row[2], "\"含\"规划,设计");
	row = g_ptr_array_index(p.rows, 2);
	cr_assert_str_eq(row[2], "他说：\"好\"，完成");
	g_ptr_array_unref(p.rows);
	g_free(tcsv);
	g_free(src);
	rm_rf(dir);
	g_free(dir);
}
