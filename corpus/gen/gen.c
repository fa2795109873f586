/* gen.c — bx-gen: synthetic disclosures with known answers, drawn with cairo.
 *
 * usage: bx-gen [--seed N] [--docs N] [--first N] [--style S] [--plant P]
 *               [--orient portrait|landscape] [--format pdf|html] OUTDIR
 * Writes, for each document NAME (NNNN-style-orientation-plant):
 *   OUTDIR/NAME.pdf            the document
 *   OUTDIR/NAME/NNN.csv        the expected grid of each table, in the pipeline's
 *                              table CSV convention (header rows then body rows; a
 *                              merged cell's text in its top-left cell)
 *   OUTDIR/NAME/facts.csv      the facts the document must yield (facts.csv of the
 *                              emit stage): table,code,label,column,value,unit, one
 *                              per printed amount of the two tables, from the data
 *   OUTDIR/NAME/findings.tsv   the findings a checker must report, one a line:
 *                              check TAB status TAB text of the scope (may be empty)
 * The data, the narrative and the planted errors come from gendata.c; documents
 * cycle through the styles (in portrait and landscape) and the plants, so any
 * --docs N from a fixed --seed gives the same files.  Styles (each a case the
 * tables stage must read right):
 *   ruled       fully ruled grid, merged two-level header cells
 *   hrules      horizontal rules only (三线表)
 *   norules     no rules at all
 *   splitcodes  ruled, function codes printed as 类 | 款 | 项 columns
 *   wrapped     ruled, a narrow name column: long names wrap, amounts centred in tall rows
 *   long        ruled, every class: the table runs over pages, title and header repeated
 *   twotables   the function and the economic table on one page
 * Each document has a function table and an economic basic-expenditure table,
 * in 万元 or 元 (the unit line says which), and most have narrative pages first.
 * Number forms cycle with the index (gendata.h): full-width digits in one amount
 * cell in three where they fit the column (１，２３４．５６; the truth holds
 * 1,234.56, as the extractor normalises it), negatives as -12.30 or （12.30）,
 * zeros printed blank, "-" or "—" (the truth holds the dash), and in some
 * landscape documents a share column 占比 ("12.3%"; a fact in %).
 * A figure too wide for its column (元 tables in portrait) is shrunk to fit, as
 * a spreadsheet prints it.  Text uses the WenQuanYi Zen Hei font (Debian
 * fonts-wqy-zenhei).
 * --format html writes NAME.html instead (NAME with the style "writer"): the same
 * data, narrative and tables as HTML for LibreOffice Writer to print once
 * (corpus/office/make-office.sh); the truth files are the same.
 */
#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../pipeline/csvio.h"
#include "gendata.h"

typedef struct {
	cairo_t *cr;
	const gendata_doc *d;
	double pw, ph;
	int rules;    /* 2 full grid, 1 horizontal only, 0 none */
	int wrap;     /* narrow name column: long names wrap, rows grow */
} gen_page;

typedef struct {
	const gendata_table *t;
	int split;     /* 类 | 款 | 项 code columns */
	double x[9];   /* column edges */
	int ncol;
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

/* Splits S into lines of at most WIDTH points: CJK text breaks between any two
 * characters, a run of digits and ASCII stays whole. */
static GPtrArray *gen_wrap(cairo_t *cr, double size, const char *s, double width)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	GString *cur = g_string_new(NULL);
	for (const char *p = s; *p;) {
		const char *q = g_utf8_next_char(p);
		if ((unsigned char)*p < 0x80)
			while ((unsigned char)*q && (unsigned char)*q < 0x80)
				q++;
		{
			GString *tryit = g_string_new(cur->str);
			g_string_append_len(tryit, p, q - p);
			if (cur->len && gen_width(cr, size, tryit->str) > width) {
				g_ptr_array_add(lines, g_strdup(cur->str));
				g_string_truncate(cur, 0);
			}
			g_string_free(tryit, TRUE);
		}
		g_string_append_len(cur, p, q - p);
		p = q;
	}
	if (cur->len)
		g_ptr_array_add(lines, g_strdup(cur->str));
	g_string_free(cur, TRUE);
	return lines;
}

/* The text of row R in column C, as the expected grid has it (newly allocated). */
static char *gen_cell(const gendata_doc *d, const gen_table *t, guint r, int c)
{
	const gendata_row *row = &g_array_index(t->t->rows, gendata_row, r);
	int ncode = t->split ? 3 : 1;
	if (c < ncode) {
		size_t len = strlen(row->code);
		if (!t->split)
			return g_strdup(row->code);
		if (c == 0)
			return g_strndup(row->code, len >= 3 ? 3 : 0);
		return len >= (size_t)(3 + 2 * c) ? g_strndup(row->code + 1 + 2 * c, 2) : g_strdup("");
	}
	if (c == ncode)
		return g_strdup(row->name);
	if (c - ncode - 1 == 3) { /* the share column */
		char *p = gendata_tenths(gendata_share_tenths(t->t, r)), *s = g_strconcat(p, "%", NULL);
		g_free(p);
		return s;
	}
	return gendata_amount(d, row->v[c - ncode - 1]);
}

/* Whether amount cell (R, C) of T is printed in full-width digits in a document
 * that has some (one cell in three, by position). */
static int gen_is_fullwidth(const gendata_doc *d, const gen_table *t, guint r, int c)
{
	guint h = (r + 1) * 2654435761u ^ ((guint)c + (t->t == &d->eco ? 17u : 0u)) * 40503u;
	return d->fullwidth && (h >> 7) % 3 == 0;
}

/* TXT with its digits, separators and minus in full-width forms (１，２３４．５６),
 * newly allocated. */
static char *gen_fullwidth(const char *txt)
{
	GString *o = g_string_new(NULL);
	for (const char *p = txt; *p; p++) {
		if (g_ascii_isdigit(*p))
			g_string_append_unichar(o, 0xFF10 + (gunichar)(*p - '0'));
		else if (*p == ',')
			g_string_append(o, "，");
		else if (*p == '.')
			g_string_append(o, "．");
		else if (*p == '-' && g_ascii_isdigit(p[1]))
			g_string_append(o, "－");
		else
			g_string_append_c(o, *p);
	}
	return g_string_free(o, FALSE);
}

/* Draws S centred between X0 and X1 on baseline Y. */
static void gen_centred(cairo_t *cr, double x0, double x1, double y, const char *s)
{
	gen_text(cr, (x0 + x1 - gen_width(cr, 9, s)) / 2, y, 9, s);
}

/* Draws the two header rows of T at Y: the first row's cells span the code and
 * name columns, and the amount columns, their text at their left; the second
 * row's texts are centred in their columns.  Returns the Y below them. */
static double gen_header(const gen_page *pg, const gen_table *t, double y)
{
	cairo_t *cr = pg->cr;
	int ncode = t->split ? 3 : 1;
	double h = 18, mid = t->x[ncode + 1];
	char *year = g_strdup_printf("%d年预算数", pg->d->year);

	gen_text(cr, t->x[0] + 4, y + 13, 9, t->t->subject);
	gen_text(cr, mid + 4, y + 13, 9, year);
	if (t->split) {
		gen_centred(cr, t->x[0], t->x[1], y + h + 13, "类");
		gen_centred(cr, t->x[1], t->x[2], y + h + 13, "款");
		gen_centred(cr, t->x[2], t->x[3], y + h + 13, "项");
	} else {
		gen_centred(cr, t->x[0], t->x[1], y + h + 13, "科目编码");
	}
	gen_centred(cr, t->x[ncode], t->x[ncode + 1], y + h + 13, "科目名称");
	for (int k = 0; k < gendata_ncols(t->t); k++)
		gen_centred(cr, t->x[ncode + 1 + k], t->x[ncode + 2 + k], y + h + 13, t->t->col[k]);
	if (pg->rules == 2) {
		gen_hline(cr, t->x[0], t->x[t->ncol], y);
		gen_hline(cr, t->x[0], t->x[t->ncol], y + h); /* under the merged cells: whole width */
		gen_vline(cr, t->x[0], y, y + 2 * h);
		gen_vline(cr, mid, y, y + 2 * h);
		gen_vline(cr, t->x[t->ncol], y, y + 2 * h);
		for (int c = 1; c < t->ncol; c++)
			if (c != ncode + 1)
				gen_vline(cr, t->x[c], y + h, y + 2 * h);
	} else if (pg->rules == 1) {
		gen_hline(cr, t->x[0], t->x[t->ncol], y);
	}
	g_free(year);
	return y + 2 * h;
}

static double gen_title(const gen_page *pg, double y, const char *title)
{
	gen_text(pg->cr, (pg->pw - gen_width(pg->cr, 14, title)) / 2, y, 14, title);
	gen_text(pg->cr, pg->pw - 150, y + 22, 9, pg->d->yuan ? "单位：元" : "单位：万元");
	return y + 30;
}

/* Height of row R of T (its name wrapped in the name column). */
static GPtrArray *gen_row_name(const gen_page *pg, const gen_table *t, guint r, double *h)
{
	int ncode = t->split ? 3 : 1;
	const gendata_row *row = &g_array_index(t->t->rows, gendata_row, r);
	GPtrArray *name = gen_wrap(pg->cr, 9, row->name, t->x[ncode + 1] - t->x[ncode] - 8);
	*h = 16 + 11 * (double)(name->len - 1) + (pg->wrap ? 10 : 0);
	return name;
}

/* Draws table T from Y: title, unit line, header and body; a row that does not
 * fit starts a new page with the title and header repeated.  Returns the Y below. */
static double gen_table_draw(const gen_page *pg, const gen_table *t, double y)
{
	cairo_t *cr = pg->cr;
	int ncode = t->split ? 3 : 1;
	double bottom = pg->ph - 50;

	y = gen_header(pg, t, gen_title(pg, y, t->t->title));
	if (pg->rules >= 1)
		gen_hline(cr, t->x[0], t->x[t->ncol], y);
	for (guint r = 0; r < t->t->rows->len; r++) {
		double h;
		GPtrArray *name = gen_row_name(pg, t, r, &h);
		if (y + h > bottom) {
			if (pg->rules == 1)
				gen_hline(cr, t->x[0], t->x[t->ncol], y);
			cairo_show_page(cr);
			y = gen_header(pg, t, gen_title(pg, 60, t->t->title));
			if (pg->rules >= 1)
				gen_hline(cr, t->x[0], t->x[t->ncol], y);
		}
		for (int c = 0; c < t->ncol; c++) {
			if (c == ncode) {
				double ly = y + (h - 11 * (double)name->len) / 2 + 9;
				for (guint k = 0; k < name->len; k++)
					gen_text(cr, t->x[c] + 4, ly + 11 * k, 9, g_ptr_array_index(name, k));
			} else {
				char *txt = gen_cell(pg->d, t, r, c);
				double w = gen_width(cr, 9, txt), x, size = 9;
				if (c > ncode && gen_is_fullwidth(pg->d, t, r, c)) {
					/* full-width where it fits the column; it reads as TXT */
					char *fw = gen_fullwidth(txt);
					double fww = gen_width(cr, 9, fw);
					if (fww <= t->x[c + 1] - t->x[c] - 8) {
						g_free(txt);
						txt = fw;
						w = fww;
					} else {
						g_free(fw);
					}
				}
				if (c > ncode && w > t->x[c + 1] - t->x[c] - 16) {
					/* shrunk to fit, as a spreadsheet prints a figure wider than its
					 * column: 16 points at least between two figures, more than the
					 * gap that starts a new word (0.9 em) */
					size = 9 * (t->x[c + 1] - t->x[c] - 16) / w;
					w = t->x[c + 1] - t->x[c] - 16;
				}
				x = c > ncode ? t->x[c + 1] - 4 - w : t->x[c] + 4; /* amounts right-aligned */
				if (*txt)
					gen_text(cr, x, y + h / 2 + 3.5, size, txt); /* centred in the row */
				g_free(txt);
			}
		}
		if (pg->rules == 2) {
			for (int c = 0; c <= t->ncol; c++)
				gen_vline(cr, t->x[c], y, y + h);
			gen_hline(cr, t->x[0], t->x[t->ncol], y + h);
		}
		y += h;
		g_ptr_array_unref(name);
	}
	if (pg->rules == 1)
		gen_hline(cr, t->x[0], t->x[t->ncol], y);
	return y;
}

static void gen_layout(const gen_page *pg, gen_table *t, const gendata_table *data, int split)
{
	int ncode = split ? 3 : 1;
	double left = 50, width = pg->pw - 100;
	double codew = split ? 30 : 60, namew = pg->wrap ? 120 : split ? 190 : 210;
	double amount = (width - codew * ncode - namew) / gendata_ncols(data);
	t->t = data;
	t->split = split;
	t->ncol = ncode + 1 + gendata_ncols(data);
	t->x[0] = left;
	for (int c = 1; c <= ncode; c++)
		t->x[c] = t->x[c - 1] + codew;
	t->x[ncode + 1] = t->x[ncode] + namew;
	for (int c = ncode + 2; c <= t->ncol; c++)
		t->x[c] = t->x[c - 1] + amount;
}

/* The expected grid of T. */
static int gen_expected(const gendata_doc *d, const gen_table *t, const char *path)
{
	int ncode = t->split ? 3 : 1;
	csv_out o;
	bx_err err;

	if (csvout_open(&o, path, 0, &err) != 0) {
		fprintf(stderr, "bx-gen: %s\n", err.msg);
		return -1;
	}
	csvout_field(&o, t->t->subject);
	for (int c = 1; c < ncode + 1; c++)
		csvout_field(&o, "");
	csvout_fieldf(&o, "%d年预算数", d->year);
	for (int k = 1; k < gendata_ncols(t->t); k++)
		csvout_field(&o, "");
	csvout_end(&o);
	if (t->split) {
		csvout_field(&o, "类");
		csvout_field(&o, "款");
		csvout_field(&o, "项");
	} else {
		csvout_field(&o, "科目编码");
	}
	csvout_field(&o, "科目名称");
	for (int k = 0; k < gendata_ncols(t->t); k++)
		csvout_field(&o, t->t->col[k]);
	csvout_end(&o);
	for (guint r = 0; r < t->t->rows->len; r++) {
		for (int c = 0; c < t->ncol; c++) {
			char *s = gen_cell(d, t, r, c);
			csvout_field(&o, s);
			g_free(s);
		}
		csvout_end(&o);
	}
	if (csvout_commit(&o, &err) != 0) {
		fprintf(stderr, "bx-gen: %s\n", err.msg);
		return -1;
	}
	return 0;
}

/* Appends to O the facts table T (numbered NO) must yield: one per printed
 * amount of a body or total row, as the emit stage writes them. */
static void gen_table_facts(csv_out *o, const gendata_doc *d, const gendata_table *t, int no)
{
	for (guint r = 0; r < t->rows->len; r++) {
		const gendata_row *row = &g_array_index(t->rows, gendata_row, r);
		for (int k = 0; k < 3; k++) {
			char *v;
			if (row->v[k] == 0)
				continue; /* printed blank or as a dash: no fact */
			v = gendata_value(d, row->v[k]);
			csvout_fieldf(o, "%03d", no);
			csvout_field(o, row->code);
			csvout_field(o, row->name);
			csvout_fieldf(o, "%d年预算数 / %s", d->year, t->col[k]);
			csvout_field(o, v);
			csvout_field(o, d->yuan ? "元" : "万元");
			csvout_end(o);
			g_free(v);
		}
		if (t->share) { /* a percentage: its value, unit % */
			char *v = gendata_tenths(gendata_share_tenths(t, r));
			csvout_fieldf(o, "%03d", no);
			csvout_field(o, row->code);
			csvout_field(o, row->name);
			csvout_fieldf(o, "%d年预算数 / %s", d->year, t->col[3]);
			csvout_field(o, v);
			csvout_field(o, "%");
			csvout_end(o);
			g_free(v);
		}
	}
}

/* The expected facts of D (facts.csv at PATH): table, code, label, column, value
 * and unit of every amount its two tables print, from the data drawn. */
static int gen_facts(const gendata_doc *d, const char *path)
{
	static const char *const head[] = { "table", "code", "label", "column", "value", "unit" };
	csv_out o;
	bx_err err;

	if (csvout_open(&o, path, 0, &err) != 0) {
		fprintf(stderr, "bx-gen: %s\n", err.msg);
		return -1;
	}
	csvout_row(&o, (int)G_N_ELEMENTS(head), head);
	gen_table_facts(&o, d, &d->fn, 1);
	gen_table_facts(&o, d, &d->eco, 2);
	if (csvout_commit(&o, &err) != 0) {
		fprintf(stderr, "bx-gen: %s\n", err.msg);
		return -1;
	}
	return 0;
}

/* The narrative pages: a title, headings and paragraphs (first line indented);
 * returns the Y below the last line. */
static double gen_narrative(const gen_page *pg)
{
	cairo_t *cr = pg->cr;
	double y = 70, left = 60, width = pg->pw - 120;
	for (guint i = 0; i < pg->d->narrative->len; i++) {
		const gendata_line *l = &g_array_index(pg->d->narrative, gendata_line, i);
		double fs = l->level == 0 ? 16 : l->level == 1 ? 12 : 10.5;
		GPtrArray *lines;
		if (l->level == 0) {
			gen_text(cr, (pg->pw - gen_width(cr, fs, l->text)) / 2, y, fs, l->text);
			y += 40;
			continue;
		}
		lines = gen_wrap(cr, fs, l->text, width - (l->level == 3 ? 2 * fs : 0));
		for (guint k = 0; k < lines->len; k++) {
			if (y > pg->ph - 60) {
				cairo_show_page(cr);
				y = 70;
			}
			gen_text(cr, left + (l->level == 3 && k == 0 ? 2 * fs : 0), y, fs, g_ptr_array_index(lines, k));
			y += fs * 1.7;
		}
		y += fs; /* a gap after each heading and paragraph */
		g_ptr_array_unref(lines);
	}
	return y;
}

/* Writes the truth of D into DIR (made if missing): the expected grids of its
 * tables FN and ECO, its facts and its findings.  Returns 0 or -1 (reported on
 * stderr). */
static int gen_truth(const gendata_doc *d, const char *dir, const gen_table *fn, const gen_table *eco)
{
	char *e1 = g_strdup_printf("%s/001.csv", dir), *e2 = g_strdup_printf("%s/002.csv", dir);
	char *ft = g_strdup_printf("%s/findings.tsv", dir), *fc = g_strdup_printf("%s/facts.csv", dir);
	int rc = 0;
	if (g_mkdir_with_parents(dir, 0777) != 0) {
		fprintf(stderr, "bx-gen: cannot make '%s'\n", dir);
		rc = -1;
	} else if (gen_expected(d, fn, e1) != 0 || gen_expected(d, eco, e2) != 0 || gen_facts(d, fc) != 0) {
		rc = -1;
	} else if (!g_file_set_contents(ft, d->findings->str, (gssize)d->findings->len, NULL)) {
		fprintf(stderr, "bx-gen: cannot write '%s'\n", ft);
		rc = -1;
	}
	g_free(e1);
	g_free(e2);
	g_free(ft);
	g_free(fc);
	return rc;
}

/* Appends S to O with &, < and > escaped. */
static void gen_html_text(GString *o, const char *s)
{
	char *e = g_markup_escape_text(s, -1);
	g_string_append(o, e);
	g_free(e);
}

/* One table as HTML: title, unit line, a bordered table with the merged first
 * header row (colspan) repeated on every page (thead). */
static void gen_html_table(GString *o, const gendata_doc *d, const gen_table *t)
{
	g_string_append(o, "<p align=\"center\" style=\"font-size:14pt\">");
	gen_html_text(o, t->t->title);
	g_string_append_printf(o, "</p>\n<p align=\"right\">单位：%s</p>\n", d->yuan ? "元" : "万元");
	g_string_append(o, "<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">\n<thead>\n<tr><td colspan=\"2\">");
	gen_html_text(o, t->t->subject);
	g_string_append_printf(o, "</td><td colspan=\"3\">%d年预算数</td></tr>\n<tr><td>科目编码</td><td>科目名称</td>", d->year);
	for (int k = 0; k < 3; k++)
		g_string_append_printf(o, "<td align=\"center\">%s</td>", t->t->col[k]);
	g_string_append(o, "</tr>\n</thead>\n<tbody>\n");
	for (guint r = 0; r < t->t->rows->len; r++) {
		g_string_append(o, "<tr>");
		for (int c = 0; c < 5; c++) {
			char *txt = gen_cell(d, t, r, c);
			g_string_append(o, c >= 2 ? "<td align=\"right\">" : "<td>");
			gen_html_text(o, txt);
			g_string_append(o, "</td>");
			g_free(txt);
		}
		g_string_append(o, "</tr>\n");
	}
	g_string_append(o, "</tbody>\n</table>\n");
}

/* Writes document D as OUT/NAME.html (for LibreOffice Writer to print) with its
 * truth in OUT/NAME/; NAME is D's name with the style replaced by "writer".
 * Returns 0 or -1 (reported on stderr). */
static int gen_html(const gendata_doc *d, const char *out)
{
	gen_page pg = { NULL, d, 0, 0, 2, 0 };
	gen_table fn, eco;
	GString *o = g_string_new(NULL);
	const char *tail = strchr(strchr(d->name, '-') + 1, '-');
	char *name = g_strdup_printf("%.4s-writer%s", d->name, tail);
	char *html = g_strdup_printf("%s/%s.html", out, name), *dir = g_strdup_printf("%s/%s", out, name);
	int rc;

	pg.pw = d->landscape ? 842 : 595;
	gen_layout(&pg, &fn, &d->fn, 0);
	gen_layout(&pg, &eco, &d->eco, 0);
	g_string_append_printf(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n"
	                       "<style>@page { size: A4 %s; margin: 2cm } body { font-family: 'WenQuanYi Zen Hei'; font-size: 10.5pt }"
	                       " td { font-size: 9pt }</style>\n</head>\n<body>\n",
	                       name, d->landscape ? "landscape" : "portrait");
	for (guint i = 0; i < d->narrative->len; i++) {
		const gendata_line *l = &g_array_index(d->narrative, gendata_line, i);
		g_string_append(o, l->level == 0 ? "<p align=\"center\" style=\"font-size:16pt\">"
		                   : l->level == 3 ? "<p style=\"text-indent:2em\">" : "<p>");
		gen_html_text(o, l->text);
		g_string_append(o, "</p>\n");
	}
	if (d->narrative->len)
		g_string_append(o, "<p style=\"page-break-before: always\"></p>\n");
	gen_html_table(o, d, &fn);
	g_string_append(o, "<p style=\"page-break-before: always\"></p>\n");
	gen_html_table(o, d, &eco);
	g_string_append(o, "</body>\n</html>\n");
	rc = g_file_set_contents(html, o->str, (gssize)o->len, NULL) ? 0 : -1;
	if (rc)
		fprintf(stderr, "bx-gen: cannot write '%s'\n", html);
	else
		rc = gen_truth(d, dir, &fn, &eco);
	g_string_free(o, TRUE);
	g_free(name);
	g_free(html);
	g_free(dir);
	return rc;
}

/* Writes document D into OUT; returns 0 or -1 (reported on stderr). */
static int gen_document(const gendata_doc *d, const char *out)
{
	gen_page pg = { NULL, d, d->landscape ? 842 : 595, d->landscape ? 595 : 842, 2, 0 };
	char *pdf = g_strdup_printf("%s/%s.pdf", out, d->name), *dir = g_strdup_printf("%s/%s", out, d->name);
	cairo_surface_t *surf;
	gen_table fn, eco;
	int rc = 0;
	double y;

	if (!strcmp(d->style, "hrules"))
		pg.rules = 1;
	else if (!strcmp(d->style, "norules"))
		pg.rules = 0;
	pg.wrap = !strcmp(d->style, "wrapped");
	if (g_mkdir_with_parents(dir, 0777) != 0) {
		fprintf(stderr, "bx-gen: cannot make '%s'\n", dir);
		rc = -1;
		goto out;
	}
	surf = cairo_pdf_surface_create(pdf, pg.pw, pg.ph);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
	pg.cr = cairo_create(surf);
	cairo_select_font_face(pg.cr, "WenQuanYi Zen Hei", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_line_width(pg.cr, 0.75);
	gen_layout(&pg, &fn, &d->fn, !strcmp(d->style, "splitcodes"));
	gen_layout(&pg, &eco, &d->eco, 0);
	if (d->narrative->len) {
		gen_narrative(&pg);
		cairo_show_page(pg.cr);
	}
	y = gen_table_draw(&pg, &fn, 60);
	if (strcmp(d->style, "twotables") != 0 || y + 40 + 30 + 36 + 4 * 16 > pg.ph - 50) {
		cairo_show_page(pg.cr);
		y = 20;
	}
	gen_table_draw(&pg, &eco, y + 40);
	if (cairo_status(pg.cr) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "bx-gen: drawing '%s': %s\n", pdf, cairo_status_to_string(cairo_status(pg.cr)));
		rc = -1;
	}
	cairo_destroy(pg.cr);
	cairo_surface_finish(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "bx-gen: cannot write '%s': %s\n", pdf, cairo_status_to_string(cairo_surface_status(surf)));
		rc = -1;
	}
	cairo_surface_destroy(surf);
	if (rc == 0)
		rc = gen_truth(d, dir, &fn, &eco);
out:
	g_free(pdf);
	g_free(dir);
	return rc;
}

static const char usage[] =
	"usage: bx-gen [--seed N] [--docs N] [--first N] [--style S] [--plant P]\n"
	"              [--orient portrait|landscape] [--format pdf|html] OUTDIR\n"
	"Writes N synthetic disclosures (default 1) with their expected tables and findings.\n"
	"Styles: ruled hrules norules splitcodes wrapped long twotables (default: cycled)\n"
	"Plants: none cents large total rounding narrative share growth cross template parts codename\n"
	"        (default: cycled)\n";

int main(int argc, char **argv)
{
	const char *style = NULL, *plant = NULL;
	guint64 seed = 1;
	long docs = 1, first = 0;
	int orient = -1, i = 1, html = 0;

	for (; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2) {
		const char *opt = argv[i], *val = argv[i + 1];
		char *end = NULL;
		if (!strcmp(opt, "--seed"))
			seed = g_ascii_strtoull(val, &end, 10);
		else if (!strcmp(opt, "--docs"))
			docs = strtol(val, &end, 10);
		else if (!strcmp(opt, "--first"))
			first = strtol(val, &end, 10);
		else if (!strcmp(opt, "--style"))
			style = val;
		else if (!strcmp(opt, "--plant"))
			plant = val;
		else if (!strcmp(opt, "--format"))
			html = !strcmp(val, "html") ? 1 : !strcmp(val, "pdf") ? 0 : 2;
		else if (!strcmp(opt, "--orient"))
			orient = !strcmp(val, "landscape") ? 1 : !strcmp(val, "portrait") ? 0 : 2;
		else
			break;
		if ((end && (*end || end == val)) || docs < 0 || first < 0 || orient > 1 || html > 1) {
			fprintf(stderr, "bx-gen: bad %s '%s'\n", opt, val);
			return 64;
		}
	}
	if (argc - i != 1) {
		fputs(usage, stderr);
		return 64;
	}
	for (long k = first; k < first + docs; k++) {
		gendata_doc d;
		int rc;
		if (gendata_make(&d, seed, (int)k, style, plant, orient, !html) != 0) {
			fprintf(stderr, "bx-gen: unknown style '%s' or plant '%s'\n", style ? style : "-", plant ? plant : "-");
			gendata_release(&d);
			return 64;
		}
		rc = html ? gen_html(&d, argv[i]) : gen_document(&d, argv[i]);
		gendata_release(&d);
		if (rc != 0)
			return 70;
	}
	/* cairo's and fontconfig's caches, so that valgrind sees every allocation freed */
	cairo_debug_reset_static_data();
	FcFini();
	return 0;
}
