/* test_tree_consistency.c — the second net over the tables of the real PDFs:
 * in every function- and economic-code table, every parent code equals the sum
 * of its children in every numeric column (within the rounding of the printed
 * figures), except the breaks the printed documents themselves contain, listed
 * with their pages in corpus/expected/tree_exceptions.tsv.  A misread cell almost
 * always breaks one of these sums; every break is printed. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "../extractors/extract.h"
#include "../pipeline/csvio.h"
#include "../pipeline/reconcile.h"
#include "../pipeline/segment.h"
#include "../pipeline/tabulate.h"

typedef struct {
	const char *doc;
	GHashTable *expected; /* "doc|table|code|column" */
	int unexpected, seen_expected, instances;
} tree_ctx;

static int tree_row(void *ctx, char **f, int n, long record)
{
	tree_ctx *t = ctx;
	if (record == 1 || n < 10 || !g_str_has_prefix(f[1], "code-tree"))
		return 0;
	t->instances++;
	if (!strcmp(f[2], "fail")) {
		/* scope: "table NNN CODE / COLUMN" */
		gchar **p = g_strsplit(f[3], " ", 4);
		char *key = NULL;
		if (g_strv_length(p) == 4) {
			const char *col = strstr(f[3], " / ") ? strstr(f[3], " / ") + 3 : "";
			key = g_strdup_printf("%s|%s|%s|%s", t->doc, p[1], p[2], col);
		}
		if (key && g_hash_table_contains(t->expected, key)) {
			t->seen_expected++;
		} else {
			cr_log_error("%s: break not in tree_exceptions.tsv: %s (printed %s, sum %s) at %s", t->doc, f[3], f[4], f[5], f[8]);
			t->unexpected++;
		}
		g_free(key);
		g_strfreev(p);
	}
	return 0;
}

Test(tree_consistency, real_pdfs)
{
	const char *docs[] = { "24年普陀区财政局（测试问题版本）", "unit_budget", "上海市普陀区规划和自然资源局 2024 年度部门决算",
	                       "上海市普陀区财政局2024年度部门决算", "中共上海市普陀区委社会工作部 2024 年度部门决算",
	                       "附件2：部门决算模板" };
	GHashTable *expected = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	gchar *data = NULL;
	gchar **lines;
	char *dir = g_dir_make_tmp("bx-tree-XXXXXX", NULL);
	int unexpected = 0, seen = 0, instances = 0, listed = 0;

	cr_assert(g_file_get_contents("corpus/expected/tree_exceptions.tsv", &data, NULL, NULL));
	lines = g_strsplit(data, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		gchar **f = g_strsplit(lines[i], "\t", -1);
		if (lines[i][0] != '#' && g_strv_length(f) == 5 && strcmp(f[0], "file") != 0) {
			g_hash_table_add(expected, g_strdup_printf("%s|%s|%s|%s", f[0], f[1], f[2], f[3]));
			listed++;
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
	g_free(data);
	for (size_t d = 0; d < G_N_ELEMENTS(docs); d++) {
		char *src = g_strdup_printf("corpus/real/%s.pdf", docs[d]);
		char *lay = g_build_filename(dir, "l.bxl", NULL), *seg = g_build_filename(dir, "s.bxs", NULL);
		char *grid = g_build_filename(dir, "g.bxg", NULL), *rec = g_build_filename(dir, "r.csv", NULL);
		extract_opts o;
		reconcile_opts ro = { seg, grid, "rules/checks.rules", rec, NULL, 0, 1.0 };
		reconcile_counts n;
		tree_ctx t = { docs[d], expected, 0, 0, 0 };
		bx_status st;
		bx_err err;

		extract_opts_init(&o);
		o.input = src;
		o.output = lay;
		cr_assert_eq(extract_run(&o, &st, &err), 0, "%s", err.msg);
		cr_assert_eq(segment_run(lay, "rules/segment.rules", seg, &st, &err), 0, "%s", err.msg);
		cr_assert_eq(tabulate_run(lay, seg, "rules/tables.rules", grid, &st, &err), 0, "%s", err.msg);
		cr_assert_eq(reconcile_run(&ro, &n, &err), 0, "%s", err.msg);
		cr_assert_eq(csvin_read(rec, tree_row, &t, &err), 0, "%s", err.msg);
		unexpected += t.unexpected;
		seen += t.seen_expected;
		instances += t.instances;
		unlink(lay);
		unlink(seg);
		unlink(grid);
		unlink(rec);
		g_free(lay);
		g_free(seg);
		g_free(grid);
		g_free(rec);
		g_free(src);
	}
	rmdir(dir);
	g_free(dir);
	g_hash_table_unref(expected);
	cr_assert_gt(instances, 200, "only %d parent-code instances checked: tables lost?", instances);
	cr_assert_eq(unexpected, 0, "%d parent codes break their sums beyond what the documents print (listed above)", unexpected);
	cr_assert_eq(seen, listed, "%d of the %d listed document errors were not found", listed - seen, listed);
}
