/* gen.c — bx-gen: synthetic disclosure pages with known answers, drawn with cairo.
 *
 * usage: bx-gen STYLE OUTDIR
 * Writes OUTDIR/STYLE.pdf and OUTDIR/STYLE/NNN.csv, the expected grid of each table
 * in the pipeline's table CSV convention (header rows then body rows; a merged
 * cell's text in its top-left cell; CSV quoting by libcsv through csvio).  The
 * data is seed 000's 一般公共预算财政拨款支出预算表 (corpus/seeds), in 万元.
 * Styles (each a case the tables stage must read right):
 *   ruled        a fully ruled grid with merged two-level header cells
 *   hrules       horizontal rules only (三线表)
 *   norules      no rules at all
 *   splitcodes   ruled, codes printed as 类 | 款 | 项 columns
 *   wrapped      ruled, a long name wrapping inside its cell, amounts centred in tall rows
 *   threepages   ruled, the table runs over three pages, title and header repeated
 *   landscape    ruled, on a landscape page
 *   twotables    two ruled tables on one page
 * and, on the ruled style, planted errors with the findings a checker must
 * report, written to OUTDIR/STYLE/findings.tsv (check, status, scope text):
 *   plant-cents    行政运行 717.20 printed 717.23: its parent 20103 no longer
 *                  adds up, beyond rounding (fail; 201 still equals 20103)
 *   plant-large    行政单位离退休 83.06 printed 93.06: 20805 and 208 fail
 *   plant-total    合计 总计 1,664.80 printed 1,664.90: the total row fails
 *   plant-rounding 一般行政管理事务 126.00 printed 126.01: a difference rounding
 *                  explains (rounding, not fail)
 * Text uses the WenQuanYi Zen Hei font (Debian fonts-wqy-zenhei).
 */
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "../../pipeline/csvio.h"

typedef struct {
	const char *code, *name, *total, *basic, *project;
} gen_row;

static gen_row gen_rows[] = {
	{ "", "合计", "1,664.80", "1,374.44", "290.36" },
	{ "201", "一般公共服务支出", "1,292.91", "1,002.55", "290.36" },
	{ "20103", "政府办公厅（室）及相关机构事务", "1,292.91", "1,002.55", "290.36" },
	{ "2010301", "行政运行", "717.20", "717.20", "" },
	{ "2010302", "一般行政管理事务", "126.00", "", "126.00" },
	{ "2010350", "事业运行", "285.35", "285.35", "" },
	{ "2010399", "其他政府办公厅（室）及相关机构事务支出", "164.36", "", "164.36" },
	{ "208", "社会保障和就业支出", "220.64", "220.64", "" },
	{ "20805", "行政事业单位养老支出", "220.64", "220.64", "" },
	{ "2080501", "行政单位离退休", "83.06", "83.06", "" },
	{ "2080505", "机关事业单位基本养老保险缴费支出", "91.72", "91.72", "" },
	{ "2080506", "机关事业单位职业年金缴费支出", "45.86", "45.86", "" },
	{ "210", "卫生健康支出", "73.30", "73.30", "" },
	{ "21011", "行政事业单位医疗", "73.30", "73.30", "" },
	{ "2101101", "行政单位医疗", "47.33", "47.33", "" },
	{ "2101102", "事业单位医疗", "13.09", "13.09", "" },
	{ "2101103", "公务员医疗补助", "5.12", "5.12", "" },
	{ "2101199", "其他行政事业单位医疗支出", "7.76", "7.76", "" },
	{ "221", "住房保障支出", "77.95", "77.95", "" },
	{ "22102", "住房改革支出", "77.95", "77.95", "" },
	{ "2210201", "住房公积金", "77.95", "77.95", "" },
};
#define GEN_NROWS (int)G_N_ELEMENTS(gen_rows)

typedef struct {
	int rules;      /* 2 full grid, 1 horizontal only, 0 none */
	int split;      /* 类 | 款 | 项 code columns */
	int wrap;       /* narrow name column: long names wrap, rows grow */
	int rows_per_page;
	double pw, ph;
} gen_style;

typedef struct {
	cairo_t *cr;
	const gen_style *st;
	double x[9];   /* column edges */
	int ncol;      /* columns */
} gen_table;

static void gen_text(cairo_t *cr, double x, double y, double size, const char *s)
{
	cairo_set_font_size(cr, size);
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

static double gen_width(cairo_t *cr, double size, const char *s)
{
	cairo_text_extents_t e;
	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

static void gen_hline(cairo_t *cr, double x0, double x1, double y)
{
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
}

static void gen_vline(cairo_t *cr, double x, double y0, double y1)
{
	cairo_move_to(cr, x, y0);
	cairo_line_to(cr, x, y1);
	cairo_stroke(cr);
}

/* Splits S into lines of at most WIDTH points (CJK text breaks anywhere). */
static GPtrArray *gen_wrap(cairo_t *cr, double size, const char *s, double width)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	GString *cur = g_string_new(NULL);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		GString *tryit = g_string_new(cur->str);
		g_string_append_len(tryit, p, g_utf8_next_char(p) - p);
		if (cur->len && gen_width(cr, size, tryit->str) > width) {
			g_ptr_array_add(lines, g_strdup(cur->str));
			g_string_truncate(cur, 0);
		}
		g_string_append_len(cur, p, g_utf8_next_char(p) - p);
		g_string_free(tryit, TRUE);
	}
	if (cur->len)
		g_ptr_array_add(lines, g_strdup(cur->str));
	g_string_free(cur, TRUE);
	return lines;
}

/* The text of row R (-1, -2: header rows) in column C, as the expected grid has it. */
static const char *gen_cell(const gen_style *st, int r, int c, char part[3][8])
{
	const gen_row *row = &gen_rows[r];
	int ncode = st->split ? 3 : 1;
	if (c < ncode) {
		if (!st->split)
			return row->code;
		memset(part, 0, 24);
		if (strlen(row->code) >= 3)
			memcpy(part[0], row->code, 3);
		if (strlen(row->code) >= 5)
			memcpy(part[1], row->code + 3, 2);
		if (strlen(row->code) >= 7)
			memcpy(part[2], row->code + 5, 2);
		return part[c];
	}
	switch (c - ncode) {
	case 0: return row->name;
	case 1: return row->total;
	case 2: return row->basic;
	default: return row->project;
	}
}

/* Draws the header of table T at Y; returns the Y below it. */
static double gen_header(gen_table *t, double y)
{
	cairo_t *cr = t->cr;
	const gen_style *st = t->st;
	int ncode = st->split ? 3 : 1;
	double h = 18, fs = 9;
	double mid = t->x[ncode + 1];
	/* row 1: 功能分类科目 over the code and name columns, 2024年预算数 over the amounts */
	gen_text(cr, t->x[0] + 4, y + 13, fs, "功能分类科目");
	gen_text(cr, mid + 4, y + 13, fs, "2024年预算数");
	/* row 2: the column names */
	if (st->split) {
		gen_text(cr, t->x[0] + 4, y + h + 13, fs, "类");
		gen_text(cr, t->x[1] + 4, y + h + 13, fs, "款");
		gen_text(cr, t->x[2] + 4, y + h + 13, fs, "项");
	} else {
		gen_text(cr, t->x[0] + 4, y + h + 13, fs, "科目编码");
	}
	gen_text(cr, t->x[ncode] + 4, y + h + 13, fs, "科目名称");
	gen_text(cr, t->x[ncode + 1] + 4, y + h + 13, fs, "总计");
	gen_text(cr, t->x[ncode + 2] + 4, y + h + 13, fs, "基本支出");
	gen_text(cr, t->x[ncode + 3] + 4, y + h + 13, fs, "项目支出");
	if (st->rules == 2) {
		gen_hline(cr, t->x[0], t->x[t->ncol], y);
		gen_hline(cr, t->x[0], t->x[t->ncol], y + h); /* under the merged cells: whole width */
		gen_vline(cr, t->x[0], y, y + 2 * h);
		gen_vline(cr, mid, y, y + 2 * h);
		gen_vline(cr, t->x[t->ncol], y, y + 2 * h);
		for (int c = 1; c < t->ncol; c++)
			if (c != ncode + 1)
				gen_vline(cr, t->x[c], y + h, y + 2 * h);
	} else if (st->rules == 1) {
		gen_hline(cr, t->x[0], t->x[t->ncol], y);
	}
	return y + 2 * h;
}

/* Draws body rows FROM..TO-1 at Y; returns the Y below them. */
static double gen_body(gen_table *t, double y, int from, int to)
{
	cairo_t *cr = t->cr;
	const gen_style *st = t->st;
	int ncode = st->split ? 3 : 1;
	double fs = 9;
	char part[3][8];

	if (st->rules >= 1)
		gen_hline(cr, t->x[0], t->x[t->ncol], y);
	for (int r = from; r < to; r++) {
		GPtrArray *name = gen_wrap(cr, fs, gen_rows[r].name, t->x[ncode + 1] - t->x[ncode] - 8);
		double h = 16 + 11 * (double)(name->len - 1) + (st->wrap ? 10 : 0);
		double base = y + h / 2 + 3.5; /* amounts and codes centred in the row */
		for (int c = 0; c < t->ncol; c++) {
			const char *txt = gen_cell(st, r, c, part);
			if (c == ncode) {
				double ly = y + (h - 11 * (double)name->len) / 2 + 9;
				for (guint k = 0; k < name->len; k++)
					gen_text(cr, t->x[c] + 4, ly + 11 * k, fs, g_ptr_array_index(name, k));
			} else if (*txt) {
				double w = gen_width(cr, fs, txt);
				double x = c > ncode ? t->x[c + 1] - 4 - w : t->x[c] + 4; /* amounts right-aligned */
				gen_text(cr, x, base, fs, txt);
			}
		}
		if (st->rules == 2) {
			for (int c = 0; c <= t->ncol; c++)
				gen_vline(cr, t->x[c], y, y + h);
			gen_hline(cr, t->x[0], t->x[t->ncol], y + h);
		}
		y += h;
		g_ptr_array_unref(name);
	}
	if (st->rules == 1)
		gen_hline(cr, t->x[0], t->x[t->ncol], y);
	return y;
}

static void gen_layout(gen_table *t, double left, double width)
{
	const gen_style *st = t->st;
	int ncode = st->split ? 3 : 1;
	double codew = st->split ? 30 : 60, namew = st->wrap ? 120 : 210;
	double amount = (width - codew * ncode - namew) / 3;
	t->ncol = ncode + 4;
	t->x[0] = left;
	for (int c = 1; c <= ncode; c++)
		t->x[c] = t->x[c - 1] + codew;
	t->x[ncode + 1] = t->x[ncode] + namew;
	for (int c = ncode + 2; c <= t->ncol; c++)
		t->x[c] = t->x[c - 1] + amount;
}

static double gen_title(cairo_t *cr, double pw, double y, const char *title)
{
	gen_text(cr, (pw - gen_width(cr, 14, title)) / 2, y, 14, title);
	gen_text(cr, pw - 150, y + 22, 9, "单位：万元");
	return y + 30;
}

/* The expected grid of the table, rows FROM..TO-1 of the data. */
static int gen_expected(const char *path, const gen_style *st, int from, int to)
{
	int ncode = st->split ? 3 : 1;
	csv_out o;
	bx_err err;
	char part[3][8];

	if (csvout_open(&o, path, 0, &err) != 0)
		return -1;
	csvout_field(&o, "功能分类科目");
	for (int c = 1; c < ncode + 1; c++)
		csvout_field(&o, "");
	csvout_field(&o, "2024年预算数");
	csvout_field(&o, "");
	csvout_field(&o, "");
	csvout_end(&o);
	if (st->split) {
		csvout_field(&o, "类");
		csvout_field(&o, "款");
		csvout_field(&o, "项");
	} else {
		csvout_field(&o, "科目编码");
	}
	csvout_row(&o, 4, (const char *[]){ "科目名称", "总计", "基本支出", "项目支出" });
	for (int r = from; r < to; r++) {
		for (int c = 0; c < ncode + 4; c++)
			csvout_field(&o, gen_cell(st, r, c, part));
		csvout_end(&o);
	}
	return csvout_commit(&o, &err);
}

/* Plants the error of STYLE in the data and writes its expected findings. */
static int gen_plant(const char *style, const char *out)
{
	static const struct {
		const char *style;
		int row;
		const char *total, *basic, *project;
		const char *findings; /* check \t status \t scope text, lines */
	} plants[] = {
		{ "plant-cents", 3, "717.23", "717.23", "",
		  "code-tree-function\tfail\t20103 / 2024年预算数 / 总计\n"
		  "code-tree-function\tfail\t20103 / 2024年预算数 / 基本支出\n" },
		{ "plant-large", 9, "93.06", "93.06", "",
		  "code-tree-function\tfail\t20805 / 2024年预算数 / 总计\n"
		  "code-tree-function\tfail\t20805 / 2024年预算数 / 基本支出\n" },
		{ "plant-total", 0, "1,664.90", "1,374.44", "290.36",
		  "total-row-function\tfail\t合计 / 2024年预算数 / 总计\n"
		  "row-basic-project\tfail\t合计 / 2024年预算数 / 总计\n" },
		{ "plant-rounding", 4, "126.01", "", "126.01",
		  "code-tree-function\trounding\t20103 / 2024年预算数 / 总计\n"
		  "code-tree-function\trounding\t20103 / 2024年预算数 / 项目支出\n" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(plants); i++) {
		char *dir, *path;
		int ok;
		if (strcmp(style, plants[i].style) != 0)
			continue;
		gen_rows[plants[i].row].total = plants[i].total;
		gen_rows[plants[i].row].basic = plants[i].basic;
		gen_rows[plants[i].row].project = plants[i].project;
		dir = g_strdup_printf("%s/%s", out, style);
		path = g_strdup_printf("%s/findings.tsv", dir);
		g_mkdir_with_parents(dir, 0777);
		ok = g_file_set_contents(path, plants[i].findings, -1, NULL);
		g_free(dir);
		g_free(path);
		return ok ? 0 : -1;
	}
	return -1;
}

int main(int argc, char **argv)
{
	gen_style st = { 2, 0, 0, GEN_NROWS, 595, 842 };
	const char *style, *out;
	char *pdf, *dir, *e1;
	cairo_surface_t *surf;
	cairo_t *cr;
	gen_table t;
	double y;
	int two = 0, rc = 0;
	const char *title = "2024年某某局一般公共预算财政拨款支出预算表";

	if (argc != 3) {
		fputs("usage: bx-gen STYLE OUTDIR\n", stderr);
		return 64;
	}
	style = argv[1];
	out = argv[2];
	if (!strcmp(style, "hrules"))
		st.rules = 1;
	else if (!strcmp(style, "norules"))
		st.rules = 0;
	else if (!strcmp(style, "splitcodes"))
		st.split = 1;
	else if (!strcmp(style, "wrapped"))
		st.wrap = 1;
	else if (!strcmp(style, "threepages"))
		st.rows_per_page = 8;
	else if (!strcmp(style, "landscape"))
		st.pw = 842, st.ph = 595;
	else if (!strcmp(style, "twotables"))
		two = 1;
	else if (g_str_has_prefix(style, "plant-")) {
		if (gen_plant(style, out) != 0) {
			fprintf(stderr, "bx-gen: unknown style '%s'\n", style);
			return 64;
		}
	}
	else if (strcmp(style, "ruled") != 0 && !g_str_has_prefix(style, "plant-")) {
		fprintf(stderr, "bx-gen: unknown style '%s'\n", style);
		return 64;
	}
	pdf = g_strdup_printf("%s/%s.pdf", out, style);
	dir = g_strdup_printf("%s/%s", out, style);
	g_mkdir_with_parents(dir, 0777);
	surf = cairo_pdf_surface_create(pdf, st.pw, st.ph);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
	cr = cairo_create(surf);
	cairo_select_font_face(cr, "WenQuanYi Zen Hei", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_line_width(cr, 0.75);
	t.cr = cr;
	t.st = &st;
	gen_layout(&t, 50, st.pw - 100);
	if (two) {
		/* the first eight rows, then the rest as a second table titled for the 208 class on */
		y = gen_title(cr, st.pw, 60, title);
		y = gen_header(&t, y);
		y = gen_body(&t, y, 0, 7);
		y = gen_title(cr, st.pw, y + 40, "2024年某某局部门支出总表");
		y = gen_header(&t, y);
		gen_body(&t, y, 7, GEN_NROWS);
		char *e2 = g_strdup_printf("%s/002.csv", dir);
		e1 = g_strdup_printf("%s/001.csv", dir);
		rc = gen_expected(e1, &st, 0, 7) | gen_expected(e2, &st, 7, GEN_NROWS);
		g_free(e2);
	} else {
		for (int from = 0; from < GEN_NROWS; from += st.rows_per_page) {
			int to = from + st.rows_per_page < GEN_NROWS ? from + st.rows_per_page : GEN_NROWS;
			if (from)
				cairo_show_page(cr);
			y = gen_title(cr, st.pw, 60, title);
			y = gen_header(&t, y);
			gen_body(&t, y, from, to);
		}
		e1 = g_strdup_printf("%s/001.csv", dir);
		rc = gen_expected(e1, &st, 0, GEN_NROWS);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "bx-gen: cannot write '%s': %s\n", pdf, cairo_status_to_string(cairo_surface_status(surf)));
		rc = 1;
	}
	cairo_surface_destroy(surf);
	g_free(e1);
	g_free(pdf);
	g_free(dir);
	return rc ? 70 : 0;
}
