/* test_tables_expected.c — the tables stage against the table grids written by
 * reading the rendered pages of the real PDFs (corpus/expected/tables/<document>/
 * NNN.csv, see README.md there).  For every expected CSV the pipeline's stages run
 * in-process on corpus/real/<document>.pdf (extract -> layout -> segment with
 * rules/segment.rules -> tabulate with rules/tables.rules), and grid table NNN is
 * compared with the CSV cell by cell: row count, column count and the text of
 * every cell, with all whitespace removed and nothing else normalised.  Every
 * differing cell is logged (document, table, row, column, expected, found); the
 * test fails when any differed. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "../extractors/extract.h"
#include "../pipeline/csvio.h"
#include "../pipeline/grids.h"
#include "../pipeline/layout.h"
#include "../pipeline/rules.h"
#include "../pipeline/segment.h"
#include "../pipeline/tabulate.h"
#include "testutil.h"

#define EXPECTED_DIR "corpus/expected/tables"

/* csvin_read callback: each record appended to CTX (a GPtrArray of gchar **). */
static int collect_record(void *ctx, char **fields, int n, long record)
{
	GPtrArray *rows = ctx;
	gchar **row = g_new0(gchar *, (gsize)n + 1);
	(void)record;
	for (int i = 0; i < n; i++)
		row[i] = g_strdup(fields[i]);
	g_ptr_array_add(rows, row);
	return 0;
}

/* g_ptr_array_sort hands the comparison pointers to the elements. */
static gint cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The file names in DIR that end in SUFFIX (or, SUFFIX NULL, the sub-directories),
 * sorted, so that the log is in a stable order. */
static GPtrArray *list_dir(const char *dir, const char *suffix)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *f;

	cr_assert_not_null(d, "cannot open %s", dir);
	while ((f = g_dir_read_name(d)) != NULL) {
		char *path = g_build_filename(dir, f, NULL);
		int is_dir = g_file_test(path, G_FILE_TEST_IS_DIR);
		if (suffix ? !is_dir && g_str_has_suffix(f, suffix) : is_dir)
			g_ptr_array_add(names, g_strdup(f));
		g_free(path);
	}
	g_dir_close(d);
	g_ptr_array_sort(names, cmp_names);
	return names;
}

/* The grids of corpus/real/NAME.pdf, built by the pipeline's stages in-process. */
static grids *tabulate_doc(const char *name, rules_set *seg_rules, rules_set *tab_rules)
{
	char *src = g_strdup_printf("corpus/real/%s.pdf", name);
	char *out = NULL;
	extract_opts o;
	bx_status st;
	bx_err err;
	layout_doc *L;
	segments *s;
	grids *g;
	int fd;

	cr_assert(g_file_test(src, G_FILE_TEST_EXISTS), "no PDF %s for %s/%s", src, EXPECTED_DIR, name);
	fd = g_file_open_tmp("bx-tables-expected-XXXXXX.bxl", &out, NULL);
	cr_assert_geq(fd, 0, "cannot create a temporary file");
	g_close(fd, NULL);
	extract_opts_init(&o);
	o.input = src;
	o.output = out;
	if (extract_run(&o, &st, &err) != 0) {
		g_unlink(out);
		cr_assert_fail("%s: %s", src, err.msg);
	}
	L = layout_read(out, &err);
	g_unlink(out);
	cr_assert_not_null(L, "%s: %s", src, err.msg);
	s = segment_layout(L, seg_rules);
	g = tabulate(L, s, tab_rules);
	segments_free(s);
	layout_doc_free(L);
	g_free(out);
	g_free(src);
	return g;
}

static grid_table *find_table(grids *g, long no)
{
	for (guint i = 0; i < g->tables->len; i++) {
		grid_table *t = g_ptr_array_index(g->tables, i);
		if (t->no == no)
			return t;
	}
	return NULL;
}

/* Compares table NO of G with the expected rows WANT; logs every difference and
 * returns how many there were.  Rows and columns are logged 1-based, as the line
 * and field numbers of the expected CSV. */
static int compare_table(const char *name, long no, grids *g, GPtrArray *want, long *cells)
{
	grid_table *t = find_table(g, no);
	long wrows = (long)want->len, wcols = 0, rows, cols;
	int bad = 0;

	for (guint i = 0; i < want->len; i++)
		wcols = MAX(wcols, (long)g_strv_length(g_ptr_array_index(want, i)));
	*cells += wrows * wcols;
	if (!t) {
		cr_log_error("%s table %03ld: no such table found (expected %ld rows x %ld columns)", name, no, wrows, wcols);
		return 1;
	}
	if (t->rows != wrows) {
		cr_log_error("%s table %03ld: %ld rows found, %ld expected", name, no, t->rows, wrows);
		bad++;
	}
	if (t->cols != wcols) {
		cr_log_error("%s table %03ld: %ld columns found, %ld expected", name, no, t->cols, wcols);
		bad++;
	}
	rows = MAX(wrows, t->rows);
	cols = MAX(wcols, t->cols);
	for (long r = 0; r < rows; r++) {
		gchar **w = r < wrows ? g_ptr_array_index(want, r) : NULL;
		long wn = w ? (long)g_strv_length(w) : 0;
		for (long c = 0; c < cols; c++) {
			const char *we = c < wn ? w[c] : "";
			const char *fo = r < t->rows && c < t->cols ? grid_at(t, r, c)->text : "";
			char *ws = testutil_squeeze(we), *fs = testutil_squeeze(fo);
			if (strcmp(ws, fs) != 0) {
				char page[32] = "";
				if (r < t->rows)
					g_snprintf(page, sizeof page, " (page %ld)", t->row[r].page);
				cr_log_error("%s table %03ld row %ld col %ld%s: expected \"%s\", found \"%s\"", name, no, r + 1, c + 1,
				             page, we, fo);
				bad++;
			}
			g_free(ws);
			g_free(fs);
		}
	}
	return bad;
}

Test(tables_expected, every_expected_cell)
{
	bx_err err;
	rules_set *seg_rules = rules_load("rules/segment.rules", &err);
	rules_set *tab_rules;
	GPtrArray *docs;
	int bad = 0, ntables = 0;
	long cells = 0;

	cr_assert_not_null(seg_rules, "%s", err.msg);
	tab_rules = rules_load("rules/tables.rules", &err);
	cr_assert_not_null(tab_rules, "%s", err.msg);
	docs = list_dir(EXPECTED_DIR, NULL);
	for (guint di = 0; di < docs->len; di++) {
		const char *name = g_ptr_array_index(docs, di);
		char *dir = g_build_filename(EXPECTED_DIR, name, NULL);
		GPtrArray *files = list_dir(dir, ".csv");
		grids *g;

		cr_assert_geq(files->len, 3, "%s: at least 3 expected tables, found %u", dir, files->len);
		g = tabulate_doc(name, seg_rules, tab_rules);
		for (guint fi = 0; fi < files->len; fi++) {
			const char *f = g_ptr_array_index(files, fi);
			char *path = g_build_filename(dir, f, NULL);
			GPtrArray *want = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
			char *end = NULL;
			long no = strtol(f, &end, 10);
			int rc;

			cr_assert(no > 0 && end && !strcmp(end, ".csv"), "%s: the name must be NNN.csv", path);
			rc = csvin_read(path, collect_record, want, &err);
			cr_assert_eq(rc, 0, "%s: %s", path, rc < 0 ? err.msg : "read stopped");
			cr_assert_gt(want->len, 0, "%s is empty", path);
			bad += compare_table(name, no, g, want, &cells);
			ntables++;
			g_ptr_array_unref(want);
			g_free(path);
		}
		grids_free(g);
		g_ptr_array_unref(files);
		g_free(dir);
	}
	cr_log_info("%d expected tables, %ld expected cells, %d differences", ntables, cells, bad);
	cr_assert_eq(docs->len, 6, "expected tables for the 6 real PDFs, found %u documents", docs->len);
	g_ptr_array_unref(docs);
	rules_free(tab_rules);
	rules_free(seg_rules);
	cr_assert_eq(bad, 0, "%d differences (cells, row and column counts) in %d tables of %s, %ld cells (listed above)",
	             bad, ntables, EXPECTED_DIR, cells);
}
