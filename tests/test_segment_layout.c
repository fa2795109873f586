/* test_segment_layout.c — segmenting layouts built in memory with known answers:
 * running headers and footers dropped, a paragraph broken by a page break joined,
 * a table continued on the next page kept as one table. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "../pipeline/layout.h"
#include "../pipeline/rules.h"
#include "../pipeline/segment.h"

static void line(layout_page *pg, double y, const char *text, double x1)
{
	layout_page_add_line(pg, 72, y, x1, y + 12, 12, "-", text);
}

static layout_doc *three_pages(void)
{
	layout_doc *d = layout_doc_new();
	g_free(d->input);
	d->input = g_strdup("pdf");
	for (int p = 1; p <= 3; p++) {
		layout_page *pg = layout_page_new(p, 595, 842);
		char footer[32];
		g_snprintf(footer, sizeof footer, "- %d -", p);
		line(pg, 30, "上海市某某局2024年度部门决算", 300); /* running header */
		if (p == 1) {
			line(pg, 100, "一、收入支出决算总体情况说明", 300);
			line(pg, 130, "本年收入合计100.00万元，与上年相比增加10.00万元，主要原因是", 523);
			line(pg, 790, "业务量增加", 523); /* runs on past the page break */
		} else if (p == 2) {
			line(pg, 100, "和人员增加。", 200);
			line(pg, 130, "二、收入决算情况说明", 300);
			line(pg, 160, "本年收入合计100.00万元。", 300);
		} else {
			line(pg, 100, "三、支出决算情况说明", 300);
			line(pg, 130, "本年支出合计100.00万元。", 300);
		}
		line(pg, 815, footer, 320); /* running footer: a page number */
		g_ptr_array_add(d->pages, pg);
	}
	return d;
}

Test(segment_layout, running_headers_and_page_breaks)
{
	bx_err err;
	rules_set *rs = rules_load("rules/segment.rules", &err);
	layout_doc *d = three_pages();
	segments *s;

	cr_assert_not_null(rs, "%s", err.msg);
	s = segment_layout(d, rs);
	cr_assert_eq(s->headings->len, 3);
	cr_assert_str_eq(g_array_index(s->headings, seg_heading, 1).text, "二、收入决算情况说明");
	for (guint i = 0; i < s->paras->len; i++) {
		const char *t = g_array_index(s->paras, seg_para, i).text;
		cr_assert_null(strstr(t, "某某局2024年度部门决算"), "running header kept in '%s'", t);
		cr_assert_null(strstr(t, "- 2 -"), "page number kept in '%s'", t);
	}
	cr_assert_str_eq(g_array_index(s->paras, seg_para, 0).text,
	                 "本年收入合计100.00万元，与上年相比增加10.00万元，主要原因是业务量增加和人员增加。",
	                 "a sentence broken by a page break is one paragraph");
	segments_free(s);
	layout_doc_free(d);
	rules_free(rs);
}

/* A table over two pages: the repeated title and the unit line on page 2 do not
 * start a second table. */
Test(segment_layout, table_continued_on_next_page)
{
	bx_err err;
	rules_set *rs = rules_load("rules/segment.rules", &err);
	layout_doc *d = layout_doc_new();
	segments *s;

	g_free(d->input);
	d->input = g_strdup("pdf");
	for (int p = 1; p <= 2; p++) {
		layout_page *pg = layout_page_new(p, 842, 595);
		line(pg, 60, "一般公共预算财政拨款支出决算表", 500);
		line(pg, 80, "单位：万元", 700);
		line(pg, 100, "科目编码\t科目名称\t决算数", 700);
		line(pg, 120, p == 1 ? "201\t一般公共服务支出\t10.00" : "208\t社会保障和就业支出\t5.00", 700);
		g_ptr_array_add(d->pages, pg);
	}
	cr_assert_not_null(rs, "%s", err.msg);
	s = segment_layout(d, rs);
	cr_assert_eq(s->tables->len, 1, "%u tables", s->tables->len);
	cr_assert_str_eq(g_array_index(s->tables, seg_table, 0).kind, "final_gpb_expense");
	cr_assert_eq(g_array_index(s->tables, seg_table, 0).first, 1);
	cr_assert_eq(g_array_index(s->tables, seg_table, 0).last, 2);
	segments_free(s);
	layout_doc_free(d);
	rules_free(rs);
}
