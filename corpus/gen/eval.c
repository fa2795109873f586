/* eval.c — bx-eval: accuracy of the tables stage against ground truth, one line
 * per document and a total.
 *
 * usage: bx-eval [--min-cells PCT] [--min-recall PCT] GENDIR CORPUSDIR
 * GENDIR holds documents made by bx-gen (STYLE.pdf with STYLE/NNN.csv); CORPUSDIR
 * is corpus/ (the PDFs under real/ with expected/<name>.inventory.tsv and, where read by
 * hand, expected/tables/<name>/NNN.csv).  For each document: table detection
 * recall and precision (a found table counts when it is the expected table of
 * that number: the generated tables by number, the real ones by title), and cell
 * accuracy: expected cells found with the same text in the same row and column
 * (whitespace aside), over all cells and over the numeric ones.  Exits 1 when the
 * numeric-cell accuracy or the recall of the total falls under the minimums.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../extractors/extract.h"
#include "../../pipeline/csvio.h"
#include "../../pipeline/grids.h"
#include "../../pipeline/layout.h"
#include "../../pipeline/number.h"
#include "../../pipeline/segment.h"
#include "../../pipeline/tabulate.h"

typedef struct {
	long tables_expected, tables_found, tables_right;
	long cells, cells_right, nums, nums_right;
} eval_score;

static void eval_add(eval_score *a, const eval_score *b)
{
	a->tables_expected += b->tables_expected;
	a->tables_found += b->tables_found;
	a->tables_right += b->tables_right;
	a->cells += b->cells;
	a->cells_right += b->cells_right;
	a->nums += b->nums;
	a->nums_right += b->nums_right;
}

static double eval_pct(long a, long b)
{
	return b ? 100.0 * (double)a / (double)b : 100.0;
}

static char *eval_squeeze(const char *s)
{
	GString *o = g_string_new(NULL);
	for (; *s; s++)
		if (!g_ascii_isspace(*s))
			g_string_append_c(o, *s);
	return g_string_free(o, FALSE);
}

static int eval_keep(void *ctx, char **f, int n, long record)
{
	gchar **copy = g_new0(gchar *, n + 1);
	(void)record;
	for (int i = 0; i < n; i++)
		copy[i] = g_strdup(f[i]);
	g_ptr_array_add(ctx, copy);
	return 0;
}

/* Scores the cells of table NO of G against the expected grid in CSV. */
static void eval_cells(const grids *g, long no, const char *csv, eval_score *sc)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	grid_table *t = NULL;
	bx_err err;

	if (csvin_read(csv, eval_keep, rows, &err) != 0) {
		fprintf(stderr, "bx-eval: %s\n", err.msg);
		g_ptr_array_unref(rows);
		return;
	}
	for (guint i = 0; i < g->tables->len; i++)
		if (((grid_table *)g_ptr_array_index(g->tables, i))->no == no)
			t = g_ptr_array_index(g->tables, i);
	for (guint r = 0; r < rows->len; r++) {
		gchar **want = g_ptr_array_index(rows, r);
		for (long c = 0; want[c]; c++) {
			char *a = eval_squeeze(want[c]);
			int num = number_parse(a, NULL) == NUM_NUMBER, right = 0;
			if (t && (long)r < t->rows && c < t->cols) {
				char *b = eval_squeeze(grid_at(t, (long)r, c)->text);
				right = !strcmp(a, b);
				g_free(b);
			}
			if (*a) {
				sc->cells++;
				sc->cells_right += right;
				sc->nums += num;
				sc->nums_right += num && right;
			}
			g_free(a);
		}
	}
	g_ptr_array_unref(rows);
}

/* Extracts, segments and tabulates PDF; returns the segments and grids. */
static int eval_run(const char *pdf, rules_set *srs, rules_set *trs, segments **s, grids **g)
{
	char *lay = g_strdup_printf("%s/bx-eval-%d.bxl", g_get_tmp_dir(), (int)getpid());
	extract_opts o;
	bx_status st;
	bx_err err;
	layout_doc *L;

	extract_opts_init(&o);
	o.input = pdf;
	o.output = lay;
	if (extract_run(&o, &st, &err) != 0 || !(L = layout_read(lay, &err))) {
		fprintf(stderr, "bx-eval: %s: %s\n", pdf, err.msg);
		unlink(lay);
		g_free(lay);
		return -1;
	}
	*s = segment_layout(L, srs);
	*g = tabulate(L, *s, trs);
	layout_doc_free(L);
	unlink(lay);
	g_free(lay);
	return 0;
}

static void eval_print(const char *name, const eval_score *sc)
{
	printf("%-52s tables %3ld/%-3ld found %3ld  recall %6.2f%%  precision %6.2f%%  cells %5ld/%-5ld %6.2f%%  numeric %6.2f%%\n",
	       name, sc->tables_right, sc->tables_expected, sc->tables_found, eval_pct(sc->tables_right, sc->tables_expected),
	       eval_pct(sc->tables_right, sc->tables_found), sc->cells_right, sc->cells, eval_pct(sc->cells_right, sc->cells),
	       eval_pct(sc->nums_right, sc->nums));
}

static gint eval_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted names in DIR ending in SUFFIX. */
static GPtrArray *eval_list(const char *dir, const char *suffix)
{
	GPtrArray *v = g_ptr_array_new_with_free_func(g_free);
	GDir *d = g_dir_open(dir, 0, NULL);
	if (d) {
		const char *f;
		while ((f = g_dir_read_name(d)) != NULL)
			if (g_str_has_suffix(f, suffix))
				g_ptr_array_add(v, g_strndup(f, strlen(f) - strlen(suffix)));
		g_dir_close(d);
	}
	g_ptr_array_sort(v, eval_cmp);
	return v;
}

int main(int argc, char **argv)
{
	double min_cells = 0, min_recall = 0;
	eval_score total = { 0 };
	bx_err err;
	rules_set *srs, *trs;
	GPtrArray *names;
	int i = 1, rc = 0;

	for (; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2) {
		if (!strcmp(argv[i], "--min-cells"))
			min_cells = strtod(argv[i + 1], NULL);
		else if (!strcmp(argv[i], "--min-recall"))
			min_recall = strtod(argv[i + 1], NULL);
		else
			break;
	}
	if (argc - i != 2) {
		fputs("usage: bx-eval [--min-cells PCT] [--min-recall PCT] GENDIR CORPUSDIR\n", stderr);
		return 64;
	}
	srs = rules_load("rules/segment.rules", &err);
	trs = srs ? rules_load("rules/tables.rules", &err) : NULL;
	if (!trs) {
		fprintf(stderr, "bx-eval: %s\n", err.msg);
		rules_free(srs);
		return 66;
	}
	/* generated documents: expected tables by number */
	names = eval_list(argv[i], ".pdf");
	for (guint k = 0; k < names->len; k++) {
		const char *nm = g_ptr_array_index(names, k);
		char *pdf = g_strdup_printf("%s/%s.pdf", argv[i], nm), *dir = g_strdup_printf("%s/%s", argv[i], nm);
		GPtrArray *csvs = eval_list(dir, ".csv");
		eval_score sc = { 0 };
		segments *s;
		grids *g;
		if (eval_run(pdf, srs, trs, &s, &g) == 0) {
			sc.tables_expected = csvs->len;
			sc.tables_found = s->tables->len;
			for (guint c = 0; c < csvs->len; c++) {
				char *csv = g_strdup_printf("%s/%s.csv", dir, (char *)g_ptr_array_index(csvs, c));
				long no = strtol(g_ptr_array_index(csvs, c), NULL, 10);
				long before = sc.cells_right, cells = sc.cells;
				eval_cells(g, no, csv, &sc);
				if (no <= (long)s->tables->len && 2 * (sc.cells_right - before) >= sc.cells - cells)
					sc.tables_right++;
				g_free(csv);
			}
			segments_free(s);
			grids_free(g);
		}
		char *label = g_strdup_printf("generated %s", nm);
		eval_print(label, &sc);
		eval_add(&total, &sc);
		g_free(label);
		g_ptr_array_unref(csvs);
		g_free(pdf);
		g_free(dir);
	}
	g_ptr_array_unref(names);
	/* the real PDFs: tables by title, cells where read by hand */
	{
		char *edir = g_strdup_printf("%s/expected", argv[i + 1]);
		names = eval_list(edir, ".inventory.tsv");
		for (guint k = 0; k < names->len; k++) {
			const char *nm = g_ptr_array_index(names, k);
			char *pdf = g_strdup_printf("%s/real/%s.pdf", argv[i + 1], nm);
			char *inv = g_strdup_printf("%s/%s.inventory.tsv", edir, nm), *tdir = g_strdup_printf("%s/tables/%s", edir, nm);
			gchar *data = NULL, **lines;
			eval_score sc = { 0 };
			segments *s;
			grids *g;
			int header = 1;
			if (!g_file_test(pdf, G_FILE_TEST_EXISTS) || !g_file_get_contents(inv, &data, NULL, NULL) ||
			    eval_run(pdf, srs, trs, &s, &g) != 0) {
				g_free(data);
				g_free(pdf);
				g_free(inv);
				g_free(tdir);
				continue;
			}
			lines = g_strsplit(data, "\n", -1);
			sc.tables_found = s->tables->len;
			for (int l = 0; lines[l]; l++) {
				gchar **f;
				if (!*lines[l] || lines[l][0] == '#')
					continue;
				if (header) {
					header = 0;
					continue;
				}
				f = g_strsplit(lines[l], "\t", -1);
				sc.tables_expected++;
				for (guint t = 0; t < s->tables->len && g_strv_length(f) > 2; t++) {
					const seg_table *st = &g_array_index(s->tables, seg_table, t);
					char *a = eval_squeeze(st->title), *b = eval_squeeze(!strcmp(f[1], "-") ? "" : f[1]);
					int same = !strcmp(a, b) && !strcmp(st->kind, f[2]);
					g_free(a);
					g_free(b);
					if (same) {
						sc.tables_right++;
						break;
					}
				}
				g_strfreev(f);
			}
			{
				GPtrArray *csvs = eval_list(tdir, ".csv");
				for (guint c = 0; c < csvs->len; c++) {
					char *csv = g_strdup_printf("%s/%s.csv", tdir, (char *)g_ptr_array_index(csvs, c));
					eval_cells(g, strtol(g_ptr_array_index(csvs, c), NULL, 10), csv, &sc);
					g_free(csv);
				}
				g_ptr_array_unref(csvs);
			}
			eval_print(nm, &sc);
			eval_add(&total, &sc);
			g_strfreev(lines);
			segments_free(s);
			grids_free(g);
			g_free(data);
			g_free(pdf);
			g_free(inv);
			g_free(tdir);
		}
		g_ptr_array_unref(names);
		g_free(edir);
	}
	eval_print("TOTAL", &total);
	printf("reconciliation against planted findings: not measured yet (the generator plants no errors)\n");
	if (eval_pct(total.nums_right, total.nums) < min_cells) {
		printf("FAIL: numeric-cell accuracy %.2f%% under %.2f%%\n", eval_pct(total.nums_right, total.nums), min_cells);
		rc = 1;
	}
	if (eval_pct(total.tables_right, total.tables_expected) < min_recall) {
		printf("FAIL: table recall %.2f%% under %.2f%%\n", eval_pct(total.tables_right, total.tables_expected), min_recall);
		rc = 1;
	}
	rules_free(srs);
	rules_free(trs);
	return rc;
}
