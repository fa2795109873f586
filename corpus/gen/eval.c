/* eval.c — bx-eval: accuracy of the pipeline against ground truth, one line per
 * document, then by style, by orientation and by planted error, and a total.
 *
 * usage: bx-eval [--min-cells PCT] [--min-recall PCT] [--min-findings PCT]
 *                [--min-precision PCT] [--min-facts PCT] GENDIR CORPUSDIR
 * GENDIR holds documents made by bx-gen (NAME.pdf with NAME/NNN.csv,
 * NAME/facts.csv and NAME/findings.tsv; NAME is NNNN-style-orientation-plant)
 * and may hold, under GENDIR/.., nothing else of interest; CORPUSDIR is corpus/:
 * the PDFs under real/ with expected/<name>.inventory.tsv and, where read by
 * hand, expected/tables/<name>/NNN.csv, and the documents printed once by
 * LibreOffice under office/ (NAME.pdf with office/NAME/NNN.csv, facts.csv and
 * findings.tsv, scored like generated ones).  For each document:
 *  - table detection recall and precision (a found table counts when it is the
 *    expected table of that number: the generated tables by number, the real
 *    ones by title);
 *  - cell accuracy: expected cells found in the same row and column with the
 *    same text (whitespace aside; a full-width print reads as its ASCII truth,
 *    a blank printed "-" or "—" as itself) or, for an amount or a percentage,
 *    typed as one with the same value (without separators: （12.30） is
 *    -12.30), over all cells and over the numeric ones;
 *  - with facts.csv, the pipeline runs on through the emit stage and its facts
 *    (table, code, label, column path, value, unit) are matched one to one with
 *    the expected ones: recall over the expected, precision over those emitted;
 *  - with findings.tsv, the pipeline runs on to the narrative facts and the
 *    reconciliation, and the expected fail and rounding findings are matched
 *    (recall) as are the findings it reports in the families the generator
 *    plants (code trees, totals, row sums, cross-table totals, narrative
 *    amounts, codes and names, shares, growth, listed parts, template
 *    leftovers: precision).
 * Every missed cell and finding, every unexpected finding, and every missed and
 * unexpected fact (up to eight of each a document) is printed with its
 * document.  Exits 1 when the totals fall under the minimums (--min-facts: fact
 * recall and precision each).
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../extractors/extract.h"
#include "../../pipeline/csvio.h"
#include "../../pipeline/emit.h"
#include "../../pipeline/grids.h"
#include "../../pipeline/layout.h"
#include "../../pipeline/number.h"
#include "../../pipeline/reconcile.h"
#include "../../pipeline/segment.h"
#include "../../pipeline/tabulate.h"

typedef struct {
	long docs, tables_expected, tables_found, tables_right;
	long cells, cells_right, nums, nums_right;
	long findings_expected, findings_found, reported, reported_right; /* planted errors */
	long facts_expected, facts_reported, facts_found;                  /* facts.csv: matched one to one */
} eval_score;

/* A named score (a style, an orientation, a planted kind), in first-seen order. */
typedef struct {
	char *name;
	eval_score sc;
} eval_group;

#define EVAL_SHOW 8 /* misses printed per document */

static void eval_add(eval_score *a, const eval_score *b)
{
	a->docs += b->docs;
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
	a->facts_expected += b->facts_expected;
	a->facts_found += b->facts_found;
	a->facts_reported += b->facts_reported;
}

static void eval_group_add(GPtrArray *groups, const char *name, const eval_score *sc)
{
	eval_group *g = NULL;
	for (guint i = 0; i < groups->len && !g; i++)
		if (!strcmp(((eval_group *)g_ptr_array_index(groups, i))->name, name))
			g = g_ptr_array_index(groups, i);
	if (!g) {
		g = g_new0(eval_group, 1);
		g->name = g_strdup(name);
		g_ptr_array_add(groups, g);
	}
	eval_add(&g->sc, sc);
}

static void eval_group_free(gpointer p)
{
	eval_group *g = p;
	g_free(g->name);
	g_free(g);
}

static double eval_pct(long a, long b)
{
	return b ? 100.0 * (double)a / (double)b : 100.0;
}

/* 1 (and a FAIL line naming WHAT) when A of B, B not 0, is under MIN percent. */
static int eval_floor(const char *what, long a, long b, double min)
{
	if (!b || eval_pct(a, b) >= min)
		return 0;
	printf("FAIL: %s %.2f%% under %.2f%%\n", what, eval_pct(a, b), min);
	return 1;
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

/* Scores the cells of table NO of G against the expected grid in CSV; prints
 * the misses of document DOC (up to EVAL_SHOW, counted in *SHOWN). */
static void eval_cells(const char *doc, const grids *g, long no, const char *csv, eval_score *sc, int *shown)
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
			char *a = eval_squeeze(want[c]), *b = NULL, *v = NULL;
			num_type nt = number_parse(a, &v);
			int num = nt == NUM_NUMBER, right = 0;
			if (t && (long)r < t->rows && c < t->cols) {
				const grid_cell *x = grid_at(t, (long)r, c);
				b = eval_squeeze(x->text);
				/* the same text, or an amount typed as one with the same value */
				right = !strcmp(a, b) || (v && !strcmp(x->type, number_type_name(nt)) && !strcmp(x->value, v));
			}
			g_free(v);
			if (*a) {
				sc->cells++;
				sc->cells_right += right;
				sc->nums += num;
				sc->nums_right += num && right;
				if (!right && (*shown)++ < EVAL_SHOW)
					printf("  miss %s table %03ld row %u col %ld: expected '%s', found %s%s%s\n", doc, no, r + 1,
					       c + 1, a, b ? "'" : "", b ? b : "no such cell", b ? "'" : "");
			}
			g_free(a);
			g_free(b);
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

	fflush(stdout); /* extraction forks: nothing buffered may be written twice */
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

/* Whether CHECK is one of the checks the planted errors are about: table
 * arithmetic, the narrative against the tables and itself (amounts, codes and
 * their names, shares, growth, listed parts) and the template's alternatives
 * left in place (the checks of a whole disclosure, such as the tables it
 * requires, do not apply to two tables). */
static int eval_table_check(const char *check)
{
	static const char *const prefix[] = { "code-tree", "total-row", "row-",      "three-public",  "cross-",
	                                      "na-",       "share-",    "growth-",   "code-name",     "item-budget",
	                                      "parts-",    "lint-template" };
	for (size_t i = 0; i < G_N_ELEMENTS(prefix); i++)
		if (g_str_has_prefix(check, prefix[i]))
			return 1;
	return 0;
}

/* Removes DIR and the files and folders under it. */
static void eval_rmtree(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *f;
	while (d && (f = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, f, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_DIR))
			eval_rmtree(p);
		else if (unlink(p) != 0)
			fprintf(stderr, "bx-eval: cannot remove '%s'\n", p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	if (rmdir(dir) != 0)
		fprintf(stderr, "bx-eval: cannot remove '%s'\n", dir);
}

/* Whether reconcile row R is the expected finding LINE ("check<TAB>status<TAB>scope text"). */
static int eval_finding_is(gchar **r, const char *line)
{
	gchar **f = g_strsplit(line, "\t", 3);
	int same = g_strv_length(f) == 3 && g_strv_length(r) >= 4 && !strcmp(r[1], f[0]) && !strcmp(r[2], f[1]) &&
	           strstr(r[3], f[2]) != NULL;
	g_strfreev(f);
	return same;
}

/* The key a fact is matched by: table, code, label, column, value and unit
 * joined by '|': fields F[TABLE] and F[CODE] with the four after it. */
static char *eval_fact_key(gchar **f, int table, int code)
{
	return g_strjoin("|", f[table], f[code], f[code + 1], f[code + 2], f[code + 3], f[code + 4], NULL);
}

/* Scores the facts the emit stage wrote (GOT, its facts.csv: doc,table,kind,page,
 * row,code,label,column,value,unit) against the expected ones (WANT, bx-gen's
 * facts.csv: table,code,label,column,value,unit), each one matched once: recall
 * over the expected, precision over the emitted; misses and extras of DOC are
 * printed (up to EVAL_SHOW each). */
static void eval_facts(const char *doc, const char *got, const char *want, eval_score *sc)
{
	GPtrArray *g = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	GPtrArray *w = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	GHashTable *left = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL); /* key -> count */
	int missed = 0, extra = 0;
	bx_err err;

	if (csvin_read(got, eval_keep, g, &err) || csvin_read(want, eval_keep, w, &err)) {
		fprintf(stderr, "bx-eval: facts of %s: %s\n", doc, err.msg);
		goto out;
	}
	for (guint i = 1; i < g->len; i++) {
		gchar **f = g_ptr_array_index(g, i);
		char *k;
		if (g_strv_length(f) < 10)
			continue;
		k = eval_fact_key(f, 1, 5);
		g_hash_table_replace(left, k, GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(left, k)) + 1));
		sc->facts_reported++;
	}
	for (guint i = 1; i < w->len; i++) {
		gchar **f = g_ptr_array_index(w, i);
		char *k;
		int n;
		if (g_strv_length(f) < 6)
			continue;
		k = eval_fact_key(f, 0, 1);
		n = GPOINTER_TO_INT(g_hash_table_lookup(left, k));
		sc->facts_expected++;
		if (n > 0) {
			g_hash_table_insert(left, g_strdup(k), GINT_TO_POINTER(n - 1));
			sc->facts_found++;
		} else if (missed++ < EVAL_SHOW) {
			printf("  missed fact %s: %s\n", doc, k);
		}
		g_free(k);
	}
	{
		GHashTableIter it;
		gpointer k, n;
		g_hash_table_iter_init(&it, left);
		while (g_hash_table_iter_next(&it, &k, &n))
			if (GPOINTER_TO_INT(n) > 0 && extra++ < EVAL_SHOW)
				printf("  unexpected fact %s: %s\n", doc, (const char *)k);
	}
out:
	g_hash_table_unref(left);
	g_ptr_array_unref(g);
	g_ptr_array_unref(w);
}

/* Runs S and G on through the emit stage (tables, facts, narrative facts) and
 * the checks (rules/checks.rules) of document DOC, and scores its facts against
 * TRUTH/facts.csv and its fail and rounding findings against TRUTH/findings.tsv,
 * each when the file exists. */
static void eval_downstream(const char *doc, const segments *s, const grids *g, const char *truth, eval_score *sc)
{
	char *dir = g_dir_make_tmp("bx-eval-XXXXXX", NULL);
	char *seg = g_build_filename(dir, "s.bxs", NULL), *grid = g_build_filename(dir, "g.bxg", NULL);
	char *rec = g_build_filename(dir, "r.csv", NULL), *narr = g_build_filename(dir, "narrative.csv", NULL);
	char *facts = g_build_filename(dir, "facts.csv", NULL), *wfacts = g_build_filename(truth, "facts.csv", NULL);
	char *expected = g_build_filename(truth, "findings.tsv", NULL);
	emit_opts eo = { seg, grid, "rules/narrative.rules", dir, 0 };
	reconcile_opts ro = { seg, grid, "rules/checks.rules", rec, narr, 0, 1.0 };
	reconcile_counts n;
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	gchar *data = NULL, **want;
	bx_status st;
	bx_err err;

	if (!dir || segments_write(s, seg, &err) || grids_write(g, grid, &err) || emit_run(&eo, &st, &err) ||
	    reconcile_run(&ro, &n, &err) || csvin_read(rec, eval_keep, rows, &err)) {
		fprintf(stderr, "bx-eval: findings of %s: %s\n", doc, dir ? err.msg : "no temporary folder");
		goto out;
	}
	if (g_file_test(wfacts, G_FILE_TEST_EXISTS))
		eval_facts(doc, facts, wfacts, sc);
	if (!g_file_test(expected, G_FILE_TEST_EXISTS))
		goto out;
	if (!g_file_get_contents(expected, &data, NULL, NULL)) {
		fprintf(stderr, "bx-eval: cannot read '%s'\n", expected);
		goto out;
	}
	want = g_strsplit(data, "\n", -1);
	for (int k = 0; want[k]; k++) {
		int found = 0;
		if (!*want[k])
			continue;
		sc->findings_expected++;
		for (guint i = 1; i < rows->len && !found; i++)
			found = eval_finding_is(g_ptr_array_index(rows, i), want[k]);
		sc->findings_found += found;
		if (!found)
			printf("  missed %s: %s\n", doc, want[k]);
	}
	for (guint i = 1; i < rows->len; i++) {
		gchar **r = g_ptr_array_index(rows, i);
		int right = 0;
		if (g_strv_length(r) < 4 || (strcmp(r[2], "fail") && strcmp(r[2], "rounding")) || !eval_table_check(r[1]))
			continue;
		sc->reported++;
		for (int k = 0; want[k] && !right; k++)
			right = *want[k] && eval_finding_is(r, want[k]);
		sc->reported_right += right;
		if (!right)
			printf("  unexpected %s: %s %s: %s\n", doc, r[2], r[1], r[3]);
	}
	g_strfreev(want);
out:
	if (dir)
		eval_rmtree(dir);
	g_free(data);
	g_free(seg);
	g_free(grid);
	g_free(rec);
	g_free(narr);
	g_free(facts);
	g_free(wfacts);
	g_free(expected);
	g_free(dir);
	g_ptr_array_unref(rows);
}

static void eval_print(const char *name, const eval_score *sc)
{
	printf("%-44s tables %4ld/%-4ld found %4ld  recall %6.2f%%  precision %6.2f%%  cells %6ld/%-6ld %6.2f%%  numeric %6.2f%%",
	       name, sc->tables_right, sc->tables_expected, sc->tables_found, eval_pct(sc->tables_right, sc->tables_expected),
	       eval_pct(sc->tables_right, sc->tables_found), sc->cells_right, sc->cells, eval_pct(sc->cells_right, sc->cells),
	       eval_pct(sc->nums_right, sc->nums));
	if (sc->facts_expected || sc->facts_reported)
		printf("  facts %ld/%ld (recall %.2f%%), %ld/%ld emitted expected (precision %.2f%%)", sc->facts_found,
		       sc->facts_expected, eval_pct(sc->facts_found, sc->facts_expected), sc->facts_found,
		       sc->facts_reported, eval_pct(sc->facts_found, sc->facts_reported));
	if (sc->findings_expected || sc->reported)
		printf("  findings %ld/%ld (recall %.2f%%), %ld/%ld reported expected (precision %.2f%%)", sc->findings_found,
		       sc->findings_expected, eval_pct(sc->findings_found, sc->findings_expected), sc->reported_right,
		       sc->reported, eval_pct(sc->reported_right, sc->reported));
	printf("\n");
}

static void eval_print_groups(const char *what, GPtrArray *groups)
{
	printf("== by %s\n", what);
	for (guint i = 0; i < groups->len; i++) {
		const eval_group *g = g_ptr_array_index(groups, i);
		char *label = g_strdup_printf("%s %s (%ld docs)", what, g->name, g->sc.docs);
		eval_print(label, &g->sc);
		g_free(label);
	}
}

static gint eval_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted names in DIR ending in SUFFIX (with DIGITS, only those that start
 * with a digit: the tables NNN.csv beside facts.csv). */
static GPtrArray *eval_list(const char *dir, const char *suffix, int digits)
{
	GPtrArray *v = g_ptr_array_new_with_free_func(g_free);
	GDir *d = g_dir_open(dir, 0, NULL);
	if (d) {
		const char *f;
		while ((f = g_dir_read_name(d)) != NULL)
			if (g_str_has_suffix(f, suffix) && (!digits || g_ascii_isdigit(f[0])))
				g_ptr_array_add(v, g_strndup(f, strlen(f) - strlen(suffix)));
		g_dir_close(d);
	}
	g_ptr_array_sort(v, eval_cmp);
	return v;
}

/* Scores the documents of DIR with their expected tables by number (NAME/NNN.csv)
 * and findings (NAME/findings.tsv), each under PREFIX; adds each to TOTAL and to
 * the groups of its name's fields (NNNN-style-orientation-plant). */
static void eval_generated(const char *gdir, const char *prefix, rules_set *srs, rules_set *trs, eval_score *total,
                           GPtrArray *groups[3])
{
	GPtrArray *names = eval_list(gdir, ".pdf", 0);
	for (guint k = 0; k < names->len; k++) {
		const char *nm = g_ptr_array_index(names, k);
		char *pdf = g_strdup_printf("%s/%s.pdf", gdir, nm), *dir = g_strdup_printf("%s/%s", gdir, nm);
		char *label = g_strdup_printf("%s %s", prefix, nm), *fpath = g_strdup_printf("%s/findings.tsv", dir);
		char *cpath = g_strdup_printf("%s/facts.csv", dir);
		GPtrArray *csvs = eval_list(dir, ".csv", 1);
		gchar **field = g_strsplit(nm, "-", 4);
		eval_score sc = { 0 };
		segments *s;
		grids *g;
		int shown = 0;

		sc.docs = 1;
		sc.tables_expected = csvs->len;
		if (eval_run(pdf, srs, trs, &s, &g) == 0) {
			sc.tables_found = s->tables->len;
			for (guint c = 0; c < csvs->len; c++) {
				char *csv = g_strdup_printf("%s/%s.csv", dir, (char *)g_ptr_array_index(csvs, c));
				long no = strtol(g_ptr_array_index(csvs, c), NULL, 10);
				long before = sc.cells_right, cells = sc.cells;
				eval_cells(nm, g, no, csv, &sc, &shown);
				if (no <= (long)s->tables->len && 2 * (sc.cells_right - before) >= sc.cells - cells)
					sc.tables_right++;
				g_free(csv);
			}
			if (g_file_test(fpath, G_FILE_TEST_EXISTS) || g_file_test(cpath, G_FILE_TEST_EXISTS))
				eval_downstream(nm, s, g, dir, &sc);
			segments_free(s);
			grids_free(g);
		}
		if (shown > EVAL_SHOW)
			printf("  (%d more misses in %s)\n", shown - EVAL_SHOW, nm);
		eval_print(label, &sc);
		eval_add(total, &sc);
		for (int f = 0; f < 3; f++)
			if (g_strv_length(field) == 4)
				eval_group_add(groups[f], field[f + 1], &sc);
		g_strfreev(field);
		g_ptr_array_unref(csvs);
		g_free(fpath);
		g_free(cpath);
		g_free(label);
		g_free(pdf);
		g_free(dir);
	}
	g_ptr_array_unref(names);
}

int main(int argc, char **argv)
{
	double min_cells = 0, min_recall = 0, min_findings = 0, min_precision = 0, min_facts = 0;
	eval_score total = { 0 }, gen_total = { 0 };
	bx_err err;
	rules_set *srs, *trs;
	GPtrArray *groups[3];
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
		else if (!strcmp(argv[i], "--min-facts"))
			min_facts = strtod(argv[i + 1], NULL);
		else
			break;
	}
	if (argc - i != 2) {
		fputs("usage: bx-eval [--min-cells PCT] [--min-recall PCT] [--min-findings PCT] [--min-precision PCT]\n"
		      "               [--min-facts PCT] GENDIR CORPUSDIR\n", stderr);
		return 64;
	}
	srs = rules_load("rules/segment.rules", &err);
	trs = srs ? rules_load("rules/tables.rules", &err) : NULL;
	if (!trs) {
		fprintf(stderr, "bx-eval: %s\n", err.msg);
		rules_free(srs);
		return 66;
	}
	for (int f = 0; f < 3; f++)
		groups[f] = g_ptr_array_new_with_free_func(eval_group_free);
	/* generated documents, and those printed once by LibreOffice: expected tables by number */
	eval_generated(argv[i], "generated", srs, trs, &gen_total, groups);
	{
		char *odir = g_strdup_printf("%s/office", argv[i + 1]);
		eval_generated(odir, "office", srs, trs, &gen_total, groups);
		g_free(odir);
	}
	eval_add(&total, &gen_total);
	/* the real PDFs: tables by title, cells where read by hand */
	{
		char *edir = g_strdup_printf("%s/expected", argv[i + 1]);
		GPtrArray *names = eval_list(edir, ".inventory.tsv", 0);
		for (guint k = 0; k < names->len; k++) {
			const char *nm = g_ptr_array_index(names, k);
			char *pdf = g_strdup_printf("%s/real/%s.pdf", argv[i + 1], nm);
			char *inv = g_strdup_printf("%s/%s.inventory.tsv", edir, nm), *tdir = g_strdup_printf("%s/tables/%s", edir, nm);
			gchar *data = NULL, **lines;
			eval_score sc = { 0 };
			segments *s;
			grids *g;
			int header = 1, shown = 0;
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
				GPtrArray *csvs = eval_list(tdir, ".csv", 1);
				for (guint c = 0; c < csvs->len; c++) {
					char *csv = g_strdup_printf("%s/%s.csv", tdir, (char *)g_ptr_array_index(csvs, c));
					eval_cells(nm, g, strtol(g_ptr_array_index(csvs, c), NULL, 10), csv, &sc, &shown);
					g_free(csv);
				}
				g_ptr_array_unref(csvs);
			}
			sc.docs = 1;
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
	eval_print_groups("style", groups[0]);
	eval_print_groups("orientation", groups[1]);
	eval_print_groups("plant", groups[2]);
	eval_print("generated and office documents", &gen_total);
	eval_print("TOTAL", &total);
	rc |= eval_floor("planted-finding recall", total.findings_found, total.findings_expected, min_findings);
	rc |= eval_floor("finding precision", total.reported_right, total.reported, min_precision);
	rc |= eval_floor("fact recall", total.facts_found, total.facts_expected, min_facts);
	rc |= eval_floor("fact precision", total.facts_found, total.facts_reported, min_facts);
	rc |= eval_floor("numeric-cell accuracy", total.nums_right, total.nums, min_cells);
	rc |= eval_floor("table recall", total.tables_right, total.tables_expected, min_recall);
	rules_free(srs);
	rules_free(trs);
	for (int f = 0; f < 3; f++)
		g_ptr_array_unref(groups[f]);
	return rc;
}
