/* test_findings_expected.c — what the reconcile stage reports on the corpus
 * against the findings established by hand (corpus/expected/findings, README
 * there).
 *
 * checks.tsv bridges the hand-written findings to the checker: each line names
 * a finding (FILE:LINE of a findings file), the document (under corpus/), and
 * the check id, status and a scope substring of the reconcile.csv row that
 * reports it, with an exact instance count when several rows share one line.
 * unchecked.tsv lists the findings no rule reports yet, each with the reason.
 *
 * Three tests:
 *  - accounted: every fail/rounding row of every findings file (and every
 *    planted.tsv row visible to a rule) is in checks.tsv or unchecked.tsv, so
 *    a finding can only go unreported by being listed as such;
 *  - recall, per document: each checks.tsv line has its reconcile row(s);
 *  - precision, per document: every fail the stage reports is a checks.tsv
 *    line of that document with status fail; a fail that is not is an
 *    unexpected finding (an extraction mistake or a wrong rule) and fails.
 * Every document of corpus/seeds and corpus/real is run in-process (extract,
 * segment, tables, emit, reconcile with the narrative) into a temporary folder;
 * a document with no line in checks.tsv must report no fail at all. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "../extractors/extract.h"
#include "../pipeline/csvio.h"
#include "../pipeline/emit.h"
#include "../pipeline/reconcile.h"
#include "../pipeline/segment.h"
#include "../pipeline/tabulate.h"

#define FINDINGS "corpus/expected/findings"

/* One line of checks.tsv. */
typedef struct {
	char *finding, *document, *check, *status, *scope;
	long count; /* exact number of rows, or 0: at least one */
} fx_line;

static void fx_line_clear(gpointer p)
{
	fx_line *l = p;
	g_free(l->finding);
	g_free(l->document);
	g_free(l->check);
	g_free(l->status);
	g_free(l->scope);
}

/* The data lines of a TSV file with a header line ('#' lines skipped), each
 * split on tabs (g_strfreev). */
static GPtrArray *fx_tsv(const char *path)
{
	GPtrArray *v = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	gchar *data = NULL, **lines;
	cr_assert(g_file_get_contents(path, &data, NULL, NULL), "cannot read %s", path);
	lines = g_strsplit(data, "\n", -1);
	for (int i = 1; lines[i]; i++)
		if (lines[i][0] && lines[i][0] != '#')
			g_ptr_array_add(v, g_strsplit(lines[i], "\t", -1));
		else
			g_ptr_array_add(v, NULL); /* keeps the index = line number - 2 */
	g_strfreev(lines);
	g_free(data);
	return v;
}

static GArray *fx_checks(void)
{
	GPtrArray *t = fx_tsv(FINDINGS "/checks.tsv");
	GArray *a = g_array_new(FALSE, TRUE, sizeof(fx_line));
	g_array_set_clear_func(a, fx_line_clear);
	for (guint i = 0; i < t->len; i++) {
		gchar **f = g_ptr_array_index(t, i);
		fx_line l;
		if (!f)
			continue;
		cr_assert_geq(g_strv_length(f), 5, "checks.tsv line %u: %u fields", i + 2, g_strv_length(f));
		l.finding = g_strdup(f[0]);
		l.document = g_strdup(f[1]);
		l.check = g_strdup(f[2]);
		l.status = g_strdup(f[3]);
		l.scope = g_strdup(f[4]);
		l.count = f[5] ? strtol(f[5], NULL, 10) : 0;
		g_array_append_val(a, l);
	}
	g_ptr_array_unref(t);
	return a;
}

static int fx_keep(void *ctx, char **f, int n, long record)
{
	gchar **copy = g_new0(gchar *, n + 1);
	(void)record;
	for (int i = 0; i < n; i++)
		copy[i] = g_strdup(f[i]);
	g_ptr_array_add(ctx, copy);
	return 0;
}

/* Runs the pipeline on corpus/DOC and returns reconcile.csv's records (header first). */
static GPtrArray *fx_reconcile(const char *doc)
{
	char *dir = g_dir_make_tmp("bx-findings-XXXXXX", NULL), *src = g_build_filename("corpus", doc, NULL);
	char *lay = g_build_filename(dir, "layout.bxl", NULL), *seg = g_build_filename(dir, "segments.bxs", NULL);
	char *grid = g_build_filename(dir, "grid.bxg", NULL), *nar = g_build_filename(dir, "narrative.csv", NULL);
	char *rec = g_build_filename(dir, "reconcile.csv", NULL), *cmd;
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	emit_opts e = { seg, grid, "rules/narrative.rules", dir, 0 };
	reconcile_opts ro = { seg, grid, "rules/checks.rules", rec, nar, 0, 1.0 };
	reconcile_counts n;
	extract_opts o;
	bx_status st;
	bx_err err;

	cr_assert_not_null(dir);
	extract_opts_init(&o);
	o.input = src;
	o.output = lay;
	cr_assert_eq(extract_run(&o, &st, &err), 0, "%s: %s", doc, err.msg);
	cr_assert_eq(segment_run(lay, "rules/segment.rules", seg, &st, &err), 0, "%s: %s", doc, err.msg);
	cr_assert_eq(tabulate_run(lay, seg, "rules/tables.rules", grid, &st, &err), 0, "%s: %s", doc, err.msg);
	cr_assert_eq(emit_run(&e, &st, &err), 0, "%s: %s", doc, err.msg);
	cr_assert_eq(reconcile_run(&ro, &n, &err), 0, "%s: %s", doc, err.msg);
	cr_assert_eq(csvin_read(rec, fx_keep, rows, &err), 0, "%s: %s", doc, err.msg);
	cmd = g_strdup_printf("rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
	g_free(cmd);
	g_free(dir);
	g_free(src);
	g_free(lay);
	g_free(seg);
	g_free(grid);
	g_free(nar);
	g_free(rec);
	return rows;
}

/* reconcile.csv columns: doc,check,status,scope,... */
static int fx_match(const fx_line *l, gchar **r)
{
	return g_strv_length(r) >= 4 && !strcmp(r[1], l->check) && !strcmp(r[2], l->status) && strstr(r[3], l->scope);
}

static void fx_document(const char *doc)
{
	GArray *lines = fx_checks();
	GPtrArray *rows = fx_reconcile(doc);
	int bad = 0;

	for (guint k = 0; k < lines->len; k++) {
		const fx_line *l = &g_array_index(lines, fx_line, k);
		long found = 0;
		if (strcmp(l->document, doc) != 0)
			continue;
		for (guint i = 1; i < rows->len; i++)
			found += fx_match(l, g_ptr_array_index(rows, i));
		if (found == 0 || (l->count && found != l->count)) {
			cr_log_error("%s: %s expects %s %s '%s' (%ld rows), reported %ld", doc, l->finding, l->status, l->check,
			             l->scope, l->count ? l->count : 1, found);
			bad++;
		}
	}
	for (guint i = 1; i < rows->len; i++) {
		gchar **r = g_ptr_array_index(rows, i);
		int expected = 0;
		if (g_strv_length(r) < 10 || strcmp(r[2], "fail") != 0)
			continue;
		for (guint k = 0; k < lines->len && !expected; k++) {
			const fx_line *l = &g_array_index(lines, fx_line, k);
			expected = !strcmp(l->document, doc) && fx_match(l, r);
		}
		if (!expected) {
			cr_log_error("%s: unexpected fail %s '%s' at %s: %s", doc, r[1], r[3], r[8], r[9]);
			bad++;
		}
	}
	g_ptr_array_unref(rows);
	g_array_unref(lines);
	cr_assert_eq(bad, 0, "%s: %d findings differ from corpus/expected/findings", doc, bad);
}

/* Whether REF (FILE:LINE) is named in column 0 of T. */
static int fx_named(GPtrArray *t, const char *ref)
{
	for (guint i = 0; i < t->len; i++) {
		gchar **f = g_ptr_array_index(t, i);
		if (f && f[0] && !strcmp(f[0], ref))
			return 1;
	}
	return 0;
}

Test(findings, every_finding_is_checked_or_listed_unchecked)
{
	GPtrArray *checks = fx_tsv(FINDINGS "/checks.tsv"), *unchecked = fx_tsv(FINDINGS "/unchecked.tsv");
	GDir *d = g_dir_open(FINDINGS, 0, NULL);
	const char *name;
	int bad = 0, seen = 0;

	cr_assert_not_null(d);
	while ((name = g_dir_read_name(d)) != NULL) {
		char *path;
		GPtrArray *t;
		int planted = !strcmp(name, "planted.tsv");
		if (!g_str_has_suffix(name, ".tsv") || !strcmp(name, "checks.tsv") || !strcmp(name, "unchecked.tsv"))
			continue;
		path = g_build_filename(FINDINGS, name, NULL);
		t = fx_tsv(path);
		for (guint i = 0; i < t->len; i++) {
			gchar **f = g_ptr_array_index(t, i);
			char *ref;
			if (!f || g_strv_length(f) < 7)
				continue;
			if (planted ? !g_str_has_prefix(f[6], "yes") : strcmp(f[0], "fail") && strcmp(f[0], "rounding"))
				continue;
			ref = g_strdup_printf("%s:%u", name, i + 2);
			seen++;
			if (!fx_named(checks, ref) && !fx_named(unchecked, ref)) {
				cr_log_error("%s is neither in checks.tsv nor in unchecked.tsv", ref);
				bad++;
			}
			g_free(ref);
		}
		g_ptr_array_unref(t);
		g_free(path);
	}
	g_dir_close(d);
	g_ptr_array_unref(checks);
	g_ptr_array_unref(unchecked);
	cr_assert_gt(seen, 100, "only %d findings read", seen);
	cr_assert_eq(bad, 0, "%d findings unaccounted for", bad);
}

Test(findings, seed_000)
{
	fx_document("seeds/000_c2b4d63b8c9ccf28.txt");
}

Test(findings, seed_001)
{
	fx_document("seeds/001_83c8dc19851a9adc.txt");
}

Test(findings, seed_002)
{
	fx_document("seeds/002_a76c5e7673ca46c8.txt");
}

Test(findings, seed_003)
{
	fx_document("seeds/003_c3e83a99f8a00b71.txt");
}

Test(findings, seed_004)
{
	fx_document("seeds/004_67cab9fc0809f1f8.txt");
}

Test(findings, unit_budget)
{
	fx_document("real/unit_budget.pdf");
}

Test(findings, original)
{
	fx_document("real/上海市普陀区财政局2024年度部门决算.pdf");
}

Test(findings, planted)
{
	fx_document("real/24年普陀区财政局（测试问题版本）.pdf");
}

Test(findings, planning)
{
	fx_document("real/上海市普陀区规划和自然资源局 2024 年度部门决算.pdf");
}

Test(findings, social_work)
{
	fx_document("real/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf");
}

Test(findings, template)
{
	fx_document("real/附件2：部门决算模板.pdf");
}


/* Every document of the corpus is one of the tests above. */
Test(findings, every_corpus_document_is_run)
{
	const char *run[] = { "000_c2b4d63b8c9ccf28.txt", "001_83c8dc19851a9adc.txt", "002_a76c5e7673ca46c8.txt",
	                      "003_c3e83a99f8a00b71.txt", "004_67cab9fc0809f1f8.txt", "unit_budget.pdf",
	                      "上海市普陀区财政局2024年度部门决算.pdf", "24年普陀区财政局（测试问题版本）.pdf",
	                      "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf",
	                      "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf", "附件2：部门决算模板.pdf" };
	const char *dirs[] = { "corpus/seeds", "corpus/real" };
	for (size_t k = 0; k < G_N_ELEMENTS(dirs); k++) {
		GDir *d = g_dir_open(dirs[k], 0, NULL);
		const char *name;
		cr_assert_not_null(d);
		while ((name = g_dir_read_name(d)) != NULL) {
			int in = 0;
			for (size_t i = 0; i < G_N_ELEMENTS(run) && !in; i++)
				in = !strcmp(run[i], name);
			cr_expect(in, "%s/%s is not run by test_findings_expected", dirs[k], name);
		}
		g_dir_close(d);
	}
}
