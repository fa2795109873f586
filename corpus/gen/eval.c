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
 * (whitespace aside), over all cells and over the numeric ones; for generated
 * documents with planted errors (findings.tsv), the recall of the expected fail
 * and rounding findings and the precision of the table-arithmetic findings
 * reported (code trees, totals, row and cross-table sums).  Exits 1 when the
 * totals fall under the minimums.
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
#include "../../pipeline/reconcile.h"
#include "../../pipeline/segment.h"
#include "../../pipeline/tabulate.h"

typedef struct {
	long tables_expected, tables_found, tables_right;
	long cells, cells_right, nums, nums_right;
	long findings_expected, findings_found, reported, reported_right; /* planted errors */
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
	a->findings_expected += b->findings_expected;
	a->findings_found += b->findings_found;
	a->reported += b->reported;
	a->reported_right += b->reported_right;
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

/* Whether CHECK is one of the table arithmetic checks the planted errors are
 * about (a generated page holds one table, so the checks of a whole disclosure,
 * such as the tables it requires, do not apply to it). */
static int eval_table_check(const char *check)
{
	static const char *const prefix[] = { "code-tree", "total-row", "row-", "three-public", "cross-" };
	for (size_t i = 0; i < G_N_ELEMENTS(prefix); i++)
		if (g_str_has_prefix(check, prefix[i]))
			return 1;
	return 0;
}

/* Reconciles S and G with rules/checks.rules and scores the fail and rounding
 * findings against EXPECTED (lines "check<TAB>status<TAB>scope text"). */
static void eval_findings(const segments *s, const grids *g, const char *expected, eval_score *sc)
{
	char *dir = g_dir_make_tmp("bx-eval-XXXXXX", NULL);
	char *seg = g_build_filename(dir, "s.bxs", NULL), *grid = g_build_filename(dir, "g.bxg", NULL);
	char *rec = g_build_filename(dir, "r.csv", NULL);
	reconcile_opts ro = { seg, grid, "rules/checks.rules", rec, NULL, 0, 1.0 };
	reconcile_counts n;
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	gchar *data = NULL, **want;
	bx_err err;

	if (!dir || segments_write(s, seg, &err) || grids_write(g, grid, &err) || reconcile_run(&ro, &n, &err) ||
	    csvin_read(rec, eval_keep, rows, &err) || !g_file_get_contents(expected, &data, NULL, NULL)) {
		fprintf(stderr, "bx-eval: findings: %s\n", err.msg);
		goto out;
	}
	want = g_strsplit(data, "\n", -1);
	for (int k = 0; want[k]; k++) {
		gchar **f = g_strsplit(want[k], "\t", 3);
		if (g_strv_length(f) == 3) {
			sc->findings_expected++;
			for (guint i = 1; i < rows->len; i++) {
				gchar **r = g_ptr_array_index(rows, i);
				if (g_strv_length(r) >= 4 && !strcmp(r[1], f[0]) && !strcmp(r[2], f[1]) && strstr(r[3], f[2])) {
					sc->findings_found++;
					break;
				}
			}
		}
		g_strfreev(f);
	}
	for (guint i = 1; i < rows->len; i++) {
		gchar **r = g_ptr_array_index(rows, i);
		int right = 0;
		if (g_strv_length(r) < 4 || (strcmp(r[2], "fail") && strcmp(r[2], "rounding")) || !eval_table_check(r[1]))
			continue;
		sc->reported++;
		for (int k = 0; want[k] && !right; k++) {
			gchar **f = g_strsplit(want[k], "\t", 3);
			right = g_strv_length(f) == 3 && !strcmp(r[1], f[0]) && !strcmp(r[2], f[1]) && strstr(r[3], f[2]);
			g_strfreev(f);
		}
		sc->reported_right += right;
		if (!right)
			printf("  unexpected %s %s: %s\n", r[2], r[1], r[3]);
	}
	g_strfreev(want);
out:
	unlink(seg);
	unlink(grid);
	unlink(rec);
	if (dir)
		rmdir(dir);
	g_free(data);
	g_free(seg);
	g_free(grid);
	g_free(rec);
	g_free(dir);
	g_ptr_array_unref(rows);
}

static void eval_print(const char *name, const eval_score *sc)
{
	printf("%-52s tables %3ld/%-3ld found %3ld  recall %6.2f%%  precision %6.2f%%  cells %5ld/%-5ld %6.2f%%  numeric %6.2f%%\n",
	       name, sc->tables_right, sc->tables_expected, sc->tables_found, eval_pct(sc->tables_right, sc->tables_expected),
	       eval_pct(sc->tables_right, sc->tables_found), sc->cells_right, sc->cells, eval_pct(sc->cells_right, sc->cells),
	       eval_pct(sc->nums_right, sc->nums));
	if (sc->findings_expected || sc->reported)
		printf("%-52s planted findings %ld/%ld found (recall %.2f%%), %ld/%ld reported expected (precision %.2f%%)\n", "",
		       sc->findings_found, sc->findings_expected, eval_pct(sc->findings_found, sc->findings_expected),
		       sc->reported_right, sc->reported, eval_pct(sc->reported_right, sc->reported));
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
	double min_cells = 0, min_recall = 0, min_findings = 0, min_precision = 0;
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
		else if (!strcmp(argv[i], "--min-findings"))
			min_findings = strtod(argv[i + 1], NULL);
		else if (!strcmp(argv[i], "--min-precision"))
			min_precision = strtod(argv[i + 1], NULL);
		else
			break;
	}
	if (argc - i != 2) {
		fputs("usage: bx-eval [--min-cells PCT] [--min-recall PCT] [--min-findings PCT] [--min-precision PCT]\n"
		      "               GENDIR CORPUSDIR\n", stderr);
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
			{
				char *fpath = g_strdup_printf("%s/findings.tsv", dir);
				if (g_file_test(fpath, G_FILE_TEST_EXISTS))
					eval_findings(s, g, fpath, &sc);
				g_free(fpath);
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
	if (total.findings_expected && eval_pct(total.findings_found, total.findings_expected) < min_findings) {
		printf("FAIL: planted-finding recall %.2f%% under %.2f%%\n", eval_pct(total.findings_found, total.findings_expected), min_findings);
		rc = 1;
	}
	if (total.reported && eval_pct(total.reported_right, total.reported) < min_precision) {
		printf("FAIL: finding precision %.2f%% under %.2f%%\n", eval_pct(total.reported_right, total.reported), min_precision);
		rc = 1;
	}
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
