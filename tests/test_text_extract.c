/* test_text_extract.c — text inputs: every line of each seed appears in the
 * layout with its tab-separated cells intact; markup and artifacts removed. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "../extractors/extract.h"
#include "../pipeline/layout.h"
#include "../pipeline/normalize.h"

static layout_doc *extract_file(const char *in)
{
	char *out = g_strdup_printf("%s/bx-text-%d.bxl", g_get_tmp_dir(), (int)getpid());
	extract_opts o;
	bx_status st;
	bx_err err;
	layout_doc *d;

	extract_opts_init(&o);
	o.input = in;
	o.output = out;
	cr_assert_eq(extract_run(&o, &st, &err), 0, "%s", err.msg);
	d = layout_read(out, &err);
	cr_assert_not_null(d, "%s", err.msg);
	unlink(out);
	g_free(out);
	return d;
}

/* Expected layout text of a seed line: markup removed, normalised, trailing spaces cut. */
static char *expected_line(const char *raw)
{
	GString *s = g_string_new(NULL);
	char *n;
	for (const char *p = raw; *p;) {
		if (*p == '<' && (g_ascii_isalpha(p[1]) || p[1] == '/')) {
			const char *gt = strchr(p, '>');
			if (gt) {
				p = gt + 1;
				continue;
			}
		}
		if (p[0] == '*' && p[1] == '*') {
			p += 2;
			continue;
		}
		g_string_append_c(s, *p++);
	}
	n = normalize_text(s->str);
	g_string_free(s, TRUE);
	/* trailing spaces and CR go; trailing TABs are empty cells and stay */
	for (size_t k = strlen(n); k > 0 && (n[k - 1] == ' ' || n[k - 1] == '\r'); k--)
		n[k - 1] = '\0';
	return n;
}

Test(text_extract, seeds_round_trip)
{
	const char *seeds[] = { "000_c2b4d63b8c9ccf28", "001_83c8dc19851a9adc", "002_a76c5e7673ca46c8",
	                        "003_c3e83a99f8a00b71", "004_67cab9fc0809f1f8" };
	for (size_t i = 0; i < G_N_ELEMENTS(seeds); i++) {
		char *path = g_strdup_printf("corpus/seeds/%s.txt", seeds[i]);
		gchar *data = NULL;
		gchar **lines;
		layout_doc *d = extract_file(path);
		layout_page *pg;
		guint k = 0;
		long checked = 0, tabbed = 0;

		cr_assert_eq(d->status, BX_OK);
		cr_assert_eq(d->pages->len, 1);
		pg = g_ptr_array_index(d->pages, 0);
		cr_assert(g_file_get_contents(path, &data, NULL, NULL));
		lines = g_strsplit(data, "\n", -1);
		for (int n = 0; lines[n]; n++) {
			char *want, *raw = lines[n];
			const char *got;
			if (raw[strspn(raw, " \t\r")] == '\0')
				continue;
			while (*raw == '#')
				raw++;
			while (*raw == ' ')
				raw++;
			want = expected_line(raw);
			if (!*want) {
				g_free(want);
				continue;
			}
			cr_assert_lt(k, pg->lines->len, "%s: line %d missing from the layout", path, n + 1);
			got = g_array_index(pg->lines, layout_line, k).text;
			cr_assert_str_eq(got, want, "%s: line %d", path, n + 1);
			tabbed += strchr(got, '\t') != NULL;
			checked++;
			k++;
			g_free(want);
		}
		cr_assert_eq(k, pg->lines->len, "%s: layout has extra lines", path);
		/* 001 is a final-accounts narrative without tables */
		cr_assert_gt(tabbed, i == 1 ? 0 : 20, "%s: tab-separated rows kept (%ld)", path, tabbed);
		cr_assert_gt(checked, 100);
		g_strfreev(lines);
		g_free(data);
		layout_doc_free(d);
		g_free(path);
	}
}

Test(text_extract, markup_and_artifacts)
{
	char *in = g_strdup_printf("%s/bx-md-%d.md", g_get_tmp_dir(), (int)getpid());
	const char *md = "## 二、部门收支总体情况 ##\r\n\r\n<p>收入预算１，６６４．８０万元，比上年增加<b>14.62</b>万元。</p>\n"
	                 "[bookmark: _GoBack]指标\t\\geq\t500\n\f第二页，－12.30\n";
	layout_doc *d;
	layout_page *p1, *p2;
	cr_assert(g_file_set_contents(in, md, -1, NULL));
	d = extract_file(in);
	cr_assert_eq(d->pages->len, 2, "form feed starts a page");
	p1 = g_ptr_array_index(d->pages, 0);
	p2 = g_ptr_array_index(d->pages, 1);
	cr_assert_eq(p1->lines->len, 3);
	cr_assert_str_eq(g_array_index(p1->lines, layout_line, 0).mark, "h2");
	cr_assert_str_eq(g_array_index(p1->lines, layout_line, 0).text, "二、部门收支总体情况");
	cr_assert_str_eq(g_array_index(p1->lines, layout_line, 1).text, "收入预算1,664.80万元，比上年增加14.62万元。");
	cr_assert_str_eq(g_array_index(p1->lines, layout_line, 2).text, "指标\t≥\t500");
	cr_assert_str_eq(g_array_index(p2->lines, layout_line, 0).text, "第二页，-12.30");
	layout_doc_free(d);
	unlink(in);
	g_free(in);
}
