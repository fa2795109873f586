/* test_formats.c — every intermediate format: write -> read round trip, a wrong
 * version refused with a clear message, a malformed line refused with file:line,
 * a truncated file refused. */
#include <criterion/criterion.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../pipeline/grids.h"
#include "../pipeline/layout.h"
#include "../pipeline/segments.h"

static char *tmp_path(const char *name)
{
	return g_strdup_printf("%s/bx-test-%d-%s", g_get_tmp_dir(), (int)getpid(), name);
}

static void put_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fputs(text, fp);
	cr_assert_eq(fclose(fp), 0);
}

static layout_doc *sample_layout(void)
{
	layout_doc *d = layout_doc_new();
	layout_page *pg = layout_page_new(1, 595.3, 841.9);
	g_free(d->doc);
	d->doc = g_strdup("doc-1");
	g_free(d->source);
	d->source = g_strdup("子目录/（测试） 预算\t说明.pdf");
	layout_page_add_line(pg, 10, 20, 300, 32, 12, "h2", "收入\t1,664.80\\n");
	layout_page_add_word(pg, 10, 20, 40, 32, 12, "收入");
	layout_page_add_word(pg, 200, 20, 300, 32, 12, "1,664.80\\n");
	layout_page_add_word(pg, 310, 20, 313, 32, 12, "");  /* no text: no word */
	layout_page_add_word(pg, 320, 20, 323, 32, 12, "-"); /* a blank printed as a dash */
	layout_page_add_rule(pg, 0, 5, 18, 590, 18, 0.5);
	layout_page_add_rule(pg, 1, 100, 18, 100, 400, 0.75);
	layout_page_flag(pg, "garbled");
	g_ptr_array_add(d->pages, pg);
	return d;
}

/* The sha256 of a PDF is written after its pages are read: the head holds a
 * placeholder of its width that layout_patch_sha256 fills in place. */
Test(layout, sha256_filled_in_later)
{
	char *path = tmp_path("layout-sha.bxl");
	const char *hex = "d45e923176f9fe4b6533829d3a2fe67f8cbcd55d07099dabf73aca62701f8eb5";
	layout_doc *d = sample_layout(), *r;
	FILE *fp = fopen(path, "w+");
	long at = -1;
	bx_err err;

	cr_assert_not_null(fp);
	cr_assert_eq(layout_write_head(fp, d, &at, &err), 0);
	cr_assert_gt(at, 0);
	cr_assert_eq(layout_write_page(fp, g_ptr_array_index(d->pages, 0), &err), 0);
	cr_assert_neq(layout_patch_sha256(fp, at, "not-hex", &err), 0, "a malformed hash is refused");
	cr_assert_eq(layout_patch_sha256(fp, at, hex, &err), 0, "%s", err.msg);
	cr_assert_eq(layout_write_tail(fp, BX_OK, "", &err), 0);
	fclose(fp);
	r = layout_read(path, &err);
	cr_assert_not_null(r, "%s", err.msg);
	cr_assert_str_eq(r->sha256, hex);
	cr_assert_eq(r->pages->len, 1, "the pages after the head are intact");
	layout_doc_free(r);
	layout_doc_free(d);
	unlink(path);
	g_free(path);
}

Test(layout, round_trip)
{
	char *path = tmp_path("layout.bxl");
	layout_doc *d = sample_layout(), *r;
	FILE *fp = fopen(path, "w");
	bx_err err;

	cr_assert_not_null(fp);
	cr_assert_eq(layout_write_head(fp, d, NULL, &err), 0);
	cr_assert_eq(layout_write_page(fp, g_ptr_array_index(d->pages, 0), &err), 0);
	cr_assert_eq(layout_write_tail(fp, BX_PARTIAL, "garbled text on pages 1", &err), 0);
	fclose(fp);
	r = layout_read(path, &err);
	cr_assert_not_null(r, "%s", err.msg);
	cr_assert_str_eq(r->doc, "doc-1");
	cr_assert_str_eq(r->source, "子目录/（测试） 预算\t说明.pdf");
	cr_assert_eq(r->pages->len, 1);
	{
		layout_page *pg = g_ptr_array_index(r->pages, 0);
		cr_assert_float_eq(pg->width, 595.3, 0.001);
		cr_assert_str_eq(pg->orient, "portrait");
		cr_assert(layout_page_has_flag(pg, "garbled"));
		cr_assert_eq(pg->lines->len, 1);
		layout_line *l = &g_array_index(pg->lines, layout_line, 0);
		cr_assert_str_eq(l->text, "收入\t1,664.80\\n");
		cr_assert_str_eq(l->mark, "h2");
		cr_assert_eq(l->nword, 3);
		cr_assert_str_eq(g_array_index(pg->words, layout_word, 1).text, "1,664.80\\n");
		cr_assert_str_eq(g_array_index(pg->words, layout_word, 2).text, "-");
		cr_assert_eq(pg->hrules->len, 1);
		cr_assert_eq(pg->vrules->len, 1);
		cr_assert_float_eq(g_array_index(pg->vrules, layout_rule, 0).y1, 400, 0.001);
	}
	cr_assert_eq(r->status, BX_PARTIAL);
	cr_assert_str_eq(r->error, "garbled text on pages 1");
	layout_doc_free(r);
	layout_doc_free(d);
	unlink(path);
	g_free(path);
}

Test(layout, version_mismatch_refused)
{
	char *path = tmp_path("v2.bxl");
	bx_err err;
	put_file(path, "bx-layout\t2\ndoc\tx\nend\n");
	cr_assert_null(layout_read(path, &err));
	cr_assert(strstr(err.msg, "version 2") && strstr(err.msg, "version 1"), "message: %s", err.msg);
	cr_assert_eq(err.line, 1);
	unlink(path);
	g_free(path);
}

Test(layout, malformed_line_refused_with_file_and_line)
{
	char *path = tmp_path("bad.bxl");
	bx_err err;
	char buf[1200];
	put_file(path, "bx-layout\t1\ndoc\tx\npage\t1\t595\t842\tportrait\t-\nline\t1\t2\tthree\t4\t12\t-\ttext\nend\n");
	cr_assert_null(layout_read(path, &err));
	cr_assert_eq(err.line, 4);
	cr_assert_str_eq(err.file, path);
	cr_assert(strstr(err.msg, "not a number") != NULL, "message: %s", err.msg);
	err_format(&err, buf, sizeof buf);
	cr_assert(strstr(buf, ":4: ") != NULL, "formatted: %s", buf);
	unlink(path);
	g_free(path);
}

Test(layout, unknown_record_and_truncation_refused)
{
	char *path = tmp_path("trunc.bxl");
	bx_err err;
	put_file(path, "bx-layout\t1\ndoc\tx\npage\t1\t595\t842\tportrait\t-\n");
	cr_assert_null(layout_read(path, &err));
	cr_assert(strstr(err.msg, "truncated") != NULL, "message: %s", err.msg);
	put_file(path, "bx-layout\t1\nfrobnicate\t1\nend\n");
	cr_assert_null(layout_read(path, &err));
	cr_assert_eq(err.line, 2);
	put_file(path, "bx-layout\t1\nline\t1\t2\t3\t4\t5\t-\tno page");
	cr_assert_null(layout_read(path, &err));
	put_file(path, "not a layout\n");
	cr_assert_null(layout_read(path, &err));
	cr_assert(strstr(err.msg, "not a bx-layout file") != NULL, "message: %s", err.msg);
	unlink(path);
	g_free(path);
}

Test(segments, round_trip_and_refusals)
{
	char *path = tmp_path("s.bxs");
	segments *s = segments_new("doc-2"), *r;
	seg_heading h = { 2, 1, g_strdup("一、部门主要职能") };
	seg_para p = { 3, g_strdup("二/（一）"), g_strdup("收入预算"), g_strdup("收入预算1664.8万元，\t其中…") };
	seg_table t = { 1, g_strdup("表一"), g_strdup("财政拨款收支总表"), g_strdup("fiscal_summary"), g_strdup("万元"),
	                g_strdup(""), g_strdup("t-fiscal-summary"), 4, 5 };
	seg_region g = { 1, 4, 3, 20 };
	bx_err err;

	segments_add_meta(s, "year", "2024", "p1:l2 rule meta-year");
	g_array_append_val(s->headings, h);
	g_array_append_val(s->paras, p);
	g_array_append_val(s->tables, t);
	g_array_append_val(s->regions, g);
	cr_assert_eq(segments_write(s, path, &err), 0, "%s", err.msg);
	r = segments_read(path, &err);
	cr_assert_not_null(r, "%s", err.msg);
	cr_assert_str_eq(segments_meta(r, "year"), "2024");
	cr_assert_eq(r->headings->len, 1);
	cr_assert_str_eq(g_array_index(r->headings, seg_heading, 0).text, "一、部门主要职能");
	cr_assert_str_eq(g_array_index(r->paras, seg_para, 0).text, "收入预算1664.8万元，\t其中…");
	cr_assert_str_eq(g_array_index(r->paras, seg_para, 0).heading, "收入预算");
	cr_assert_str_eq(g_array_index(r->tables, seg_table, 0).kind, "fiscal_summary");
	cr_assert_str_eq(g_array_index(r->tables, seg_table, 0).note, "");
	cr_assert_eq(g_array_index(r->tables, seg_table, 0).last, 5);
	cr_assert_eq(g_array_index(r->regions, seg_region, 0).to, 20);
	segments_free(r);
	segments_free(s);
	put_file(path, "bx-segments\t9\nend\n");
	cr_assert_null(segments_read(path, &err));
	cr_assert(strstr(err.msg, "version 9") != NULL);
	put_file(path, "bx-segments\t1\nregion\t1\t1\t0\t3\nend\n");
	cr_assert_null(segments_read(path, &err));
	cr_assert_eq(err.line, 2);
	unlink(path);
	g_free(path);
}

Test(grids, round_trip_and_refusals)
{
	char *path = tmp_path("g.bxg");
	grids *g = grids_new("doc-3"), *r;
	grid_table *t = grids_add_table(g, 1, "ruled", 2, 3), *u;
	bx_err err;

	t->header_rows = 1;
	g_free(t->path[2]);
	t->path[2] = g_strdup("2024年预算数 / 基本支出");
	grid_set(t, 0, 2, "text", "", "基本支出");
	grid_set(t, 1, 0, "code", "", "2010301");
	grid_set(t, 1, 2, "number", "1664.80", "1,664.80");
	grid_set(t, 0, 1, "blank", "", "-"); /* a blank printed as a dash keeps its text */
	g_free(t->row[1].code);
	t->row[1].code = g_strdup("2010301");
	grid_at(t, 1, 2)->path = g_strdup("权重 (%)");
	cr_assert_eq(grids_write(g, path, &err), 0, "%s", err.msg);
	r = grids_read(path, &err);
	cr_assert_not_null(r, "%s", err.msg);
	u = g_ptr_array_index(r->tables, 0);
	cr_assert_eq(u->rows, 2);
	cr_assert_eq(u->cols, 3);
	cr_assert_eq(u->header_rows, 1);
	cr_assert_str_eq(u->path[2], "2024年预算数 / 基本支出");
	cr_assert_str_eq(grid_at(u, 1, 2)->value, "1664.80");
	cr_assert_str_eq(grid_at(u, 1, 2)->text, "1,664.80");
	cr_assert_str_eq(grid_at(u, 1, 1)->type, "blank");
	cr_assert_str_eq(grid_at(u, 0, 1)->type, "blank");
	cr_assert_str_eq(grid_at(u, 0, 1)->text, "-");
	cr_assert_str_eq(grid_at(u, 1, 2)->path, "权重 (%)");
	cr_assert_null(grid_at(u, 1, 0)->path);
	cr_assert_str_eq(u->row[1].code, "2010301");
	grids_free(r);
	grids_free(g);
	put_file(path, "bx-grid\t3\ntable\t1\truled\t2\t2\t0\t1\ncell\t1\t5\t0\ttext\t-\tx\nend\n");
	cr_assert_null(grids_read(path, &err));
	cr_assert_eq(err.line, 3);
	cr_assert(strstr(err.msg, "out of range") != NULL, "message: %s", err.msg);
	unlink(path);
	g_free(path);
}
