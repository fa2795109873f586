/* test_csvio.c — every CSV the pipeline writes parses back with libcsv to the
 * same fields: commas, quotes, newlines, spaces and Chinese included. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "../pipeline/csvio.h"

static const char *const fields[][4] = {
	{ "doc", "label", "column", "value" },
	{ "a,b", "\"三公\"经费", "2024年预算数 / 基本支出", "1664.80" },
	{ "line\nbreak", " leading", "trailing ", "" },
	{ "", "政府办公厅（室）及相关机构事务", "crlf\r\nx", "-12.30" },
};

typedef struct {
	int rows;
} seen;

static int check_row(void *ctx, char **f, int n, long record)
{
	seen *s = ctx;
	cr_assert_eq(n, 4, "record %ld has %d fields", record, n);
	for (int i = 0; i < 4; i++)
		cr_assert_str_eq(f[i], fields[record - 1][i], "record %ld field %d", record, i);
	s->rows++;
	return 0;
}

static void round_trip(int bom)
{
	char *path = g_strdup_printf("%s/bx-csv-%d-%d.csv", g_get_tmp_dir(), (int)getpid(), bom);
	csv_out o;
	bx_err err;
	seen s = { 0 };
	gchar *raw = NULL;

	cr_assert_eq(csvout_open(&o, path, bom, &err), 0);
	for (size_t r = 0; r < G_N_ELEMENTS(fields); r++)
		csvout_row(&o, 4, fields[r]);
	cr_assert_eq(csvout_commit(&o, &err), 0, "%s", err.msg);
	cr_assert(g_file_get_contents(path, &raw, NULL, NULL));
	cr_assert_eq(bom, strncmp(raw, "\xEF\xBB\xBF", 3) == 0);
	cr_assert(g_str_has_prefix(raw + (bom ? 3 : 0), "doc,label,column,value\n"), "unquoted header");
	g_free(raw);
	cr_assert_eq(csvin_read(path, check_row, &s, &err), 0, "%s", err.msg);
	cr_assert_eq(s.rows, 4);
	unlink(path);
	g_free(path);
}

Test(csvio, round_trip)
{
	round_trip(0);
}

Test(csvio, round_trip_with_bom)
{
	round_trip(1);
}

static int count_row(void *ctx, char **f, int n, long record)
{
	(void)f;
	(void)n;
	(void)record;
	((seen *)ctx)->rows++;
	return 0;
}

Test(csvio, stray_quote_refused_with_record)
{
	char *path = g_strdup_printf("%s/bx-csv-bad-%d.csv", g_get_tmp_dir(), (int)getpid());
	bx_err err;
	seen s = { 0 };
	FILE *fp = fopen(path, "w");
	fputs("a,b\n\"x\"y,z\n", fp);
	fclose(fp);
	cr_assert_eq(csvin_read(path, count_row, &s, &err), -1);
	cr_assert_eq(err.line, 2, "record %ld", err.line);
	cr_assert(strstr(err.msg, "parse error") != NULL, "message: %s", err.msg);
	unlink(path);
	g_free(path);
}
