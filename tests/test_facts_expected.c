/* test_facts_expected.c — the facts of the seeds against the facts written by
 * reading them (corpus/expected/<seed>.facts.csv, see FACTS.md there): one fact
 * per numeric cell of every table, as (table, code, label, column, value).
 * For each seed the pipeline's stages run in-process into a temporary folder
 * (extract -> segment with rules/segment.rules -> tabulate with rules/tables.rules
 * -> emit_run), and the facts.csv written there is compared with the expected
 * file as a multiset of facts; column paths are compared with all whitespace
 * removed, everything else exactly.  Every missing and every extra fact is logged
 * with its seed; a seed's test fails when any differed.  Seed 001 has no table,
 * so no fact is expected from it (it has no expected file). */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "../extractors/extract.h"
#include "../pipeline/csvio.h"
#include "../pipeline/emit.h"
#include "../pipeline/segment.h"
#include "../pipeline/tabulate.h"
#include "testutil.h"

#define EXPECTED_DIR "corpus/expected"
#define SEEDS_DIR "corpus/seeds"

/* The fields a fact is compared on, in this order. */
static const char *const fact_fields[] = { "table", "code", "label", "column", "value" };
#define NFIELDS 5
#define COLUMN_FIELD 3

/* The facts of one file, in file order: each a string "table|code|label|column|value"
 * (column squeezed), the form in which facts are compared and logged. */
typedef struct {
	const char *path;
	int index[NFIELDS]; /* field number of each compared field, from the header */
	GPtrArray *facts;   /* char * */
	int bad;            /* records that could not be read */
} fact_file;

static int read_fact(void *ctx, char **fields, int n, long record)
{
	fact_file *ff = ctx;
	GString *key;

	if (record == 1) {
		for (int k = 0; k < NFIELDS; k++) {
			ff->index[k] = -1;
			for (int i = 0; i < n; i++)
				if (!strcmp(fields[i], fact_fields[k]))
					ff->index[k] = i;
			if (ff->index[k] < 0) {
				cr_log_error("%s: no column '%s' in the header", ff->path, fact_fields[k]);
				ff->bad++;
			}
		}
		return 0;
	}
	if (ff->bad)
		return 0;
	key = g_string_new(NULL);
	for (int k = 0; k < NFIELDS; k++) {
		int i = ff->index[k];
		const char *v = i < n ? fields[i] : NULL;
		if (!v) {
			cr_log_error("%s record %ld: %d fields, no '%s'", ff->path, record, n, fact_fields[k]);
			ff->bad++;
			v = "";
		}
		if (k)
			g_string_append_c(key, '|');
		if (k == COLUMN_FIELD) {
			char *sq = testutil_squeeze(v);
			g_string_append(key, sq);
			g_free(sq);
		} else {
			g_string_append(key, v);
		}
	}
	g_ptr_array_add(ff->facts, g_string_free(key, FALSE));
	return 0;
}

/* The facts of PATH (g_ptr_array_unref); an absent PATH with MAY_BE_ABSENT gives none. */
static GPtrArray *read_facts(const char *path, int may_be_absent)
{
	fact_file ff = { path, { 0 }, g_ptr_array_new_with_free_func(g_free), 0 };
	bx_err err;
	int rc;

	if (may_be_absent && !g_file_test(path, G_FILE_TEST_EXISTS))
		return ff.facts;
	rc = csvin_read(path, read_fact, &ff, &err);
	if (rc != 0) {
		g_ptr_array_unref(ff.facts);
		cr_assert_fail("%s: %s", path, rc < 0 ? err.msg : "read stopped");
	}
	if (ff.bad) {
		g_ptr_array_unref(ff.facts);
		cr_assert_fail("%s: %d unreadable records (listed above)", path, ff.bad);
	}
	return ff.facts;
}

/* How many times each fact of FACTS occurs (g_hash_table_unref). */
static GHashTable *count_facts(GPtrArray *facts)
{
	GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < facts->len; i++) {
		gpointer k = g_ptr_array_index(facts, i);
		g_hash_table_insert(h, k, GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(h, k)) + 1));
	}
	return h;
}

/* Logs each fact of A that B lacks (as a multiset difference, in A's order), with
 * WHAT ("missing" / "extra"); returns how many. */
static int log_difference(const char *seed, const char *what, GPtrArray *a, GPtrArray *b)
{
	GHashTable *left = count_facts(b);
	int n = 0;

	for (guint i = 0; i < a->len; i++) {
		gpointer k = g_ptr_array_index(a, i);
		int c = GPOINTER_TO_INT(g_hash_table_lookup(left, k));
		if (c > 0) {
			g_hash_table_insert(left, k, GINT_TO_POINTER(c - 1));
			continue;
		}
		cr_log_error("%s: %s fact [table|code|label|column|value] %s", seed, what, (const char *)k);
		n++;
	}
	g_hash_table_unref(left);
	return n;
}

/* Removes DIR and everything under it. */
static void remove_tree(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);

	if (d) {
		const char *f;
		while ((f = g_dir_read_name(d)) != NULL) {
			char *p = g_build_filename(dir, f, NULL);
			if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
				remove_tree(p);
			else
				g_unlink(p);
			g_free(p);
		}
		g_dir_close(d);
	}
	g_rmdir(dir);
}

/* Runs extract, segment, tabulate and emit on the seed into DIR; returns 0, or -1
 * with MSG set (g_free) naming the stage that failed. */
static int run_pipeline(const char *src, const char *dir, char **msg)
{
	char *lay = g_build_filename(dir, "layout.bxl", NULL), *seg = g_build_filename(dir, "segments.bxs", NULL);
	char *grid = g_build_filename(dir, "grid.bxg", NULL);
	emit_opts e = { seg, grid, "rules/narrative.rules", dir, 0 };
	extract_opts o;
	bx_status st;
	bx_err err;
	int rc = -1;

	extract_opts_init(&o);
	o.input = src;
	o.output = lay;
	if (extract_run(&o, &st, &err) != 0)
		*msg = g_strdup_printf("extract %s: %s", src, err.msg);
	else if (segment_run(lay, "rules/segment.rules", seg, &st, &err) != 0)
		*msg = g_strdup_printf("segment %s: %s", src, err.msg);
	else if (tabulate_run(lay, seg, "rules/tables.rules", grid, &st, &err) != 0)
		*msg = g_strdup_printf("tabulate %s: %s", src, err.msg);
	else if (emit_run(&e, &st, &err) != 0)
		*msg = g_strdup_printf("emit %s: %s", src, err.msg);
	else
		rc = 0;
	g_free(lay);
	g_free(seg);
	g_free(grid);
	return rc;
}

static void check_seed(const char *seed)
{
	char *src = g_strdup_printf("%s/%s.txt", SEEDS_DIR, seed);
	char *want_path = g_strdup_printf("%s/%s.facts.csv", EXPECTED_DIR, seed);
	char *dir, *got_path, *msg = NULL;
	GPtrArray *want, *got;
	int missing, extra;

	cr_assert(g_file_test(src, G_FILE_TEST_EXISTS), "no seed %s", src);
	/* seed 001 has no table: its expected file may be absent (= no fact) */
	want = read_facts(want_path, !strcmp(seed, "001_83c8dc19851a9adc"));
	dir = g_dir_make_tmp("bx-facts-expected-XXXXXX", NULL);
	cr_assert_not_null(dir, "cannot create a temporary folder");
	if (run_pipeline(src, dir, &msg) != 0) {
		remove_tree(dir);
		g_ptr_array_unref(want);
		cr_assert_fail("%s", msg);
	}
	got_path = g_build_filename(dir, "facts.csv", NULL);
	got = read_facts(got_path, 0);
	remove_tree(dir);

	missing = log_difference(seed, "missing", want, got);
	extra = log_difference(seed, "extra", got, want);
	cr_log_info("%s: %u facts expected, %u produced, %d missing, %d extra", seed, want->len, got->len, missing,
	            extra);

	g_ptr_array_unref(want);
	g_ptr_array_unref(got);
	g_free(got_path);
	g_free(want_path);
	g_free(src);
	g_free(dir);
	cr_assert_eq(missing + extra, 0, "%s: %d facts missing, %d extra (listed above)", seed, missing, extra);
}

/* seed 000: two-block 收支总表s, a 三公 row without label, four project tables labelled 表十一 */
Test(facts_expected, seed_000)
{
	check_seed("000_c2b4d63b8c9ccf28");
}

/* seed 001: a final-accounts narrative without any table: no fact at all */
Test(facts_expected, seed_001_no_table)
{
	check_seed("001_83c8dc19851a9adc");
}

/* seed 002: a table that lost its title and header with a page (表七), misaligned indicator rows */
Test(facts_expected, seed_002)
{
	check_seed("002_a76c5e7673ca46c8");
}

/* seed 003: markdown-titled tables, a two-year 三公 table with a misplaced year header */
Test(facts_expected, seed_003)
{
	check_seed("003_c3e83a99f8a00b71");
}

/* seed 004: tables continued with a repeated title and header, a project detail table, ten project tables */
Test(facts_expected, seed_004)
{
	check_seed("004_67cab9fc0809f1f8");
}
