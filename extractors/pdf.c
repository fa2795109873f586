/* pdf.c — the PDF extractor: text with geometry and table rulings, page by page,
 * through poppler-glib.
 *
 * Per page: size; characters with their boxes (poppler_page_get_text_layout, one
 * box per character of poppler_page_get_text) and font sizes (text attributes);
 * rulings (rulings.c).  Characters become words where poppler's line changes,
 * the baseline jumps, the gap exceeds PDF_GAP_EM of the font size, or a vertical
 * ruling runs between them; words become lines by vertical-centre proximity and
 * are ordered left to right; a line's text joins its words with a TAB where a
 * wide gap or ruling separates them, with a space between Latin words, and with
 * nothing between CJK characters.  Pages with no characters are flagged
 * no-text when they draw images (scans) and blank otherwise; pages whose
 * characters are mostly private-use or U+FFFD are flagged
 * garbled and their text is not passed on.  Only one page is held at a time.
 */
#define _GNU_SOURCE
#include "extractors.h"
#include "../pipeline/normalize.h"
#include "rulings.h"
#include "../pipeline/layout.h"

#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <string.h>
#include <time.h>

#define PDF_GAP_EM 0.9          /* a wider gap starts a new word (cell) */
#define PDF_GARBLED_SHARE 0.3   /* share of unusable characters that flags a page */

typedef struct {
	double x0, y0, x1, y1, size;
	gunichar c;
	int line;  /* poppler line number */
	int space; /* a space preceded it in poppler's text */
} pdf_glyph;

typedef struct {
	double x0, y0, x1, y1, size;
	GString *text;
	int last_cjk;
} pdf_word;

static int pdf_claims(const unsigned char *head, size_t n, const char *path)
{
	(void)path;
	return g_strstr_len((const char *)head, (gssize)n, "%PDF-") != NULL;
}

/* The vertical centre used to put text on lines.  Most fonts give boxes about
 * as tall as the font size (or taller: the font's bounding box), centred on the
 * ink.  Some embedded fonts (ONLYOFFICE's FangSong) give flattened boxes, a
 * quarter of the font size tall, at the bottom of the glyph: their ink centre
 * is 0.42 of the font size above the box's bottom (measured on the corpus). */
static double pdf_center(double y0, double y1, double size)
{
	return size > 0 && y1 - y0 < 0.6 * size ? y1 - 0.42 * size : (y0 + y1) / 2;
}

/* The height two runs of text are compared with: the smaller of their heights,
 * each taken as at least its font size.  Some embedded fonts report glyph boxes
 * a quarter of the font size tall, centred away from the glyphs of other fonts
 * on the same baseline; the font size keeps such a row one line. */
static double pdf_height(double h1, double size1, double h2, double size2)
{
	return MAX(MIN(MAX(h1, size1), MAX(h2, size2)), 1.0);
}

static int pdf_rule_between(const rulings_set *rs, double xa, double xb, double y)
{
	for (size_t i = 0; i < rs->nv; i++) {
		const rulings_seg *v = &rs->v[i];
		if (v->x0 >= xa - 0.5 && v->x0 <= xb + 0.5 && y >= v->y0 - 1 && y <= v->y1 + 1)
			return 1;
	}
	return 0;
}

static void pdf_word_start(pdf_word *w, const pdf_glyph *g)
{
	w->x0 = g->x0;
	w->y0 = g->y0;
	w->x1 = g->x1;
	w->y1 = g->y1;
	w->size = g->size;
	w->text = g_string_new(NULL);
	g_string_append_unichar(w->text, g->c);
	w->last_cjk = normalize_is_cjk(g->c);
}

static void pdf_word_extend(pdf_word *w, double x0, double y0, double x1, double y1, double size)
{
	w->x0 = MIN(w->x0, x0);
	w->y0 = MIN(w->y0, y0);
	w->x1 = MAX(w->x1, x1);
	w->y1 = MAX(w->y1, y1);
	w->size = MAX(w->size, size);
}

/* Splits the glyphs into words (see the file comment). */
static GArray *pdf_words(const pdf_glyph *g, size_t n, const rulings_set *rs)
{
	GArray *words = g_array_new(FALSE, FALSE, sizeof(pdf_word));
	pdf_word cur = { 0 };
	int open = 0;

	for (size_t i = 0; i < n; i++) {
		const pdf_glyph *p = i ? &g[i - 1] : NULL;
		int brk = !open;
		if (open) {
			double gap = g[i].x0 - cur.x1, h = pdf_height(g[i].y1 - g[i].y0, g[i].size, cur.y1 - cur.y0, cur.size);
			double yc = pdf_center(g[i].y0, g[i].y1, g[i].size), cyc = pdf_center(cur.y0, cur.y1, cur.size);
			double em = MAX(g[i].size, 1.0);
			if (g[i].line != p->line || fabs(yc - cyc) > 0.5 * MAX(h, 1.0) || gap > PDF_GAP_EM * em ||
			    gap < -em || pdf_rule_between(rs, cur.x1, g[i].x0, yc))
				brk = 1;
		}
		if (brk) {
			if (open)
				g_array_append_val(words, cur);
			pdf_word_start(&cur, &g[i]);
			open = 1;
			continue;
		}
		if (g[i].space && !cur.last_cjk && !normalize_is_cjk(g[i].c))
			g_string_append_c(cur.text, ' ');
		g_string_append_unichar(cur.text, g[i].c);
		cur.last_cjk = normalize_is_cjk(g[i].c);
		pdf_word_extend(&cur, g[i].x0, g[i].y0, g[i].x1, g[i].y1, g[i].size);
	}
	if (open)
		g_array_append_val(words, cur);
	return words;
}

static gint pdf_cmp_yc(gconstpointer a, gconstpointer b)
{
	const pdf_word *p = a, *q = b;
	double d = pdf_center(p->y0, p->y1, p->size) - pdf_center(q->y0, q->y1, q->size);
	return d < 0 ? -1 : d > 0 ? 1 : (p->x0 < q->x0 ? -1 : p->x0 > q->x0);
}

static gint pdf_cmp_x(gconstpointer a, gconstpointer b)
{
	const pdf_word *p = *(pdf_word *const *)a, *q = *(pdf_word *const *)b;
	return p->x0 < q->x0 ? -1 : p->x0 > q->x0;
}

static int pdf_starts_cjk(const char *s)
{
	return *s && normalize_is_cjk(g_utf8_get_char(s));
}

/* Groups WORDS into lines and adds them to PG (words with small gaps merge). */
static void pdf_lines(GArray *words, const rulings_set *rs, layout_page *pg)
{
	GPtrArray *line = g_ptr_array_new();
	guint i = 0;

	g_array_sort(words, pdf_cmp_yc);
	while (i < words->len) {
		pdf_word *first = &g_array_index(words, pdf_word, i);
		double yc = pdf_center(first->y0, first->y1, first->size);
		GString *text = g_string_new(NULL);
		double lx0 = G_MAXDOUBLE, ly0 = G_MAXDOUBLE, lx1 = -G_MAXDOUBLE, ly1 = -G_MAXDOUBLE, lsz = 0;
		GArray *merged = g_array_new(FALSE, FALSE, sizeof(pdf_word));

		g_ptr_array_set_size(line, 0);
		for (; i < words->len; i++) {
			pdf_word *w = &g_array_index(words, pdf_word, i);
			double wyc = pdf_center(w->y0, w->y1, w->size);
			if (fabs(wyc - yc) > 0.45 * pdf_height(first->y1 - first->y0, first->size, w->y1 - w->y0, w->size))
				break;
			g_ptr_array_add(line, w);
		}
		g_ptr_array_sort(line, pdf_cmp_x);
		for (guint k = 0; k < line->len; k++) {
			pdf_word *w = g_ptr_array_index(line, k);
			pdf_word *m = merged->len ? &g_array_index(merged, pdf_word, merged->len - 1) : NULL;
			double gap = m ? w->x0 - m->x1 : 0;
			if (m && gap <= PDF_GAP_EM * MAX(w->size, 1.0) && !pdf_rule_between(rs, m->x1, w->x0, yc)) {
				if (!m->last_cjk && !pdf_starts_cjk(w->text->str) && gap > 0.15 * w->size)
					g_string_append_c(m->text, ' ');
				g_string_append(m->text, w->text->str);
				m->last_cjk = w->last_cjk;
				pdf_word_extend(m, w->x0, w->y0, w->x1, w->y1, w->size);
				g_string_free(w->text, TRUE);
			} else {
				g_array_append_val(merged, *w);
			}
			w->text = NULL;
		}
		for (guint k = 0; k < merged->len; k++) {
			pdf_word *m = &g_array_index(merged, pdf_word, k);
			char *clean = normalize_text(m->text->str);
			g_string_assign(m->text, clean);
			g_free(clean);
			if (k)
				g_string_append_c(text, '\t');
			g_string_append(text, m->text->str);
			lx0 = MIN(lx0, m->x0);
			ly0 = MIN(ly0, m->y0);
			lx1 = MAX(lx1, m->x1);
			ly1 = MAX(ly1, m->y1);
			lsz = MAX(lsz, m->size);
		}
		if (merged->len) {
			layout_page_add_line(pg, lx0, ly0, lx1, ly1, lsz, "-", text->str);
			for (guint k = 0; k < merged->len; k++) {
				pdf_word *m = &g_array_index(merged, pdf_word, k);
				layout_page_add_word(pg, m->x0, m->y0, m->x1, m->y1, m->size, m->text->str);
			}
		}
		for (guint k = 0; k < merged->len; k++)
			g_string_free(g_array_index(merged, pdf_word, k).text, TRUE);
		g_array_unref(merged);
		g_string_free(text, TRUE);
	}
	g_ptr_array_unref(line);
}

/* Whether a page's text looks like a table, so that rendering it for rulings
 * is worth its cost (rendering is most of the extract time): at least
 * PDF_TABULAR_LINES lines split into two or more words by wide gaps.  Narrative
 * pages, whose lines are one run of text, are not rendered. */
#define PDF_TABULAR_LINES 3
static int pdf_tabular(GArray *glyphs)
{
	rulings_set none = { 0 };
	GArray *words = pdf_words((const pdf_glyph *)(void *)glyphs->data, glyphs->len, &none);
	layout_page *scratch = layout_page_new(0, 0, 0);
	int multi = 0;

	pdf_lines(words, &none, scratch);
	for (guint i = 0; i < scratch->lines->len; i++)
		multi += g_array_index(scratch->lines, layout_line, i).nword >= 2;
	layout_page_free(scratch);
	g_array_unref(words);
	return multi >= PDF_TABULAR_LINES;
}

/* Whether the page draws images: a page without text but with images is a scan
 * (its text is lost: flag no-text); one with neither is blank or rules only (an
 * empty spill-over row of a table), which loses nothing. */
static int pdf_has_images(PopplerPage *page)
{
	GList *m = poppler_page_get_image_mapping(page);
	int has = m != NULL;
	poppler_page_free_image_mapping(m);
	return has;
}

/* The direction the page's text runs as displayed, in degrees clockwise from
 * upright: 0 (left to right), 90 (top to bottom: a page printed sideways),
 * 180 (upside down) or 270 (bottom to top).  Consecutive glyphs of one line
 * vote; a direction needs 60% of the votes and PDF_ROT_MIN_VOTES of them (a
 * cover with a title is enough).  An odd vertical title (竖排) among lines of
 * text does not turn a page; a page of vertical writing only is turned, which
 * reads it in its own order. */
#define PDF_ROT_MIN_VOTES 4
static int pdf_rotation(const GArray *glyphs)
{
	long votes[4] = { 0 }, total = 0;
	for (guint i = 1; i < glyphs->len; i++) {
		const pdf_glyph *a = &g_array_index(glyphs, pdf_glyph, i - 1), *b = &g_array_index(glyphs, pdf_glyph, i);
		double dx = (b->x0 + b->x1 - a->x0 - a->x1) / 2, dy = (b->y0 + b->y1 - a->y0 - a->y1) / 2;
		if (a->line != b->line || b->space || (fabs(dx) < 0.01 && fabs(dy) < 0.01))
			continue;
		votes[fabs(dx) >= fabs(dy) ? (dx > 0 ? 0 : 2) : (dy > 0 ? 1 : 3)]++;
		total++;
	}
	for (int k = 1; k < 4; k++)
		if (total >= PDF_ROT_MIN_VOTES && (double)votes[k] > 0.6 * (double)total)
			return 90 * k;
	return 0;
}

/* Box (X0,Y0)-(X1,Y1) of a page displayed W x H with text turned ROT degrees,
 * in the upright page's coordinates. */
static void pdf_upright(int rot, double w, double h, double *x0, double *y0, double *x1, double *y1)
{
	double a0 = *x0, b0 = *y0, a1 = *x1, b1 = *y1;
	if (rot == 90) {
		*x0 = b0, *x1 = b1, *y0 = w - a1, *y1 = w - a0;
	} else if (rot == 270) {
		*x0 = h - b1, *x1 = h - b0, *y0 = a0, *y1 = a1;
	} else if (rot == 180) {
		*x0 = w - a1, *x1 = w - a0, *y0 = h - b1, *y1 = h - b0;
	}
}

/* Turns the glyphs and rulings of page PG (displayed W x H, text turned ROT)
 * upright: its text then runs left to right, its size is the upright page's,
 * and a turned page is flagged rotated-ROT. */
static void pdf_turn(int rot, layout_page *pg, GArray *glyphs, rulings_set *rs)
{
	double w = pg->width, h = pg->height;
	char flag[16];

	if (!rot)
		return;
	for (guint i = 0; i < glyphs->len; i++) {
		pdf_glyph *g = &g_array_index(glyphs, pdf_glyph, i);
		pdf_upright(rot, w, h, &g->x0, &g->y0, &g->x1, &g->y1);
	}
	/* in place; a page turned a quarter has its horizontal rulings vertical
	 * upright and the reverse: the two lists trade places */
	for (size_t k = 0; k < rs->nh + rs->nv; k++) {
		rulings_seg *sg = k < rs->nh ? &rs->h[k] : &rs->v[k - rs->nh];
		pdf_upright(rot, w, h, &sg->x0, &sg->y0, &sg->x1, &sg->y1);
	}
	if (rot != 180) {
		rulings_seg *t = rs->h;
		size_t nt = rs->nh;
		rs->h = rs->v;
		rs->nh = rs->nv;
		rs->v = t;
		rs->nv = nt;
		pg->width = h;
		pg->height = w;
		g_free(pg->orient);
		pg->orient = g_strdup(pg->width > pg->height ? "landscape" : "portrait");
	}
	g_snprintf(flag, sizeof flag, "rotated-%d", rot);
	layout_page_flag(pg, flag);
}

/* Reads one page into PG; returns 0, or -1 when the page has no usable text. */
static int pdf_page(PopplerPage *page, int want_rulings, int *last_tabular, layout_page *pg, char **why)
{
	char *text;
	rulings_image img = { 0 };
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	GList *attrs = NULL;
	GArray *glyphs, *words;
	rulings_set rs = { 0 };
	rulings_box *boxes = NULL;
	size_t bad, total;
	const char *p;
	int line = 0, space = 0, rot;
	guint ci = 0;
	double *sizes;
	char ebuf[256];

	/* Rendering collects the page's text as it goes: when this page is likely a
	 * table page (the one before was), render first and read the text for free. */
	if (want_rulings && *last_tabular && rulings_render(page, &img, ebuf, sizeof ebuf) != 0)
		layout_page_flag(pg, "no-rulings");
	text = poppler_page_get_text(page);
	if (!text || !poppler_page_get_text_layout(page, &rects, &nrects) || nrects == 0) {
		rulings_image_release(&img);
		g_free(text);
		g_free(rects);
		layout_page_flag(pg, pdf_has_images(page) ? "no-text" : "blank");
		return -1;
	}
	normalize_badness(text, &bad, &total);
	if (total == 0 || (double)bad > PDF_GARBLED_SHARE * (double)total) {
		if (total == 0) {
			layout_page_flag(pg, pdf_has_images(page) ? "no-text" : "blank");
		} else {
			*why = g_strdup_printf("%zu of %zu characters unusable", bad, total);
			layout_page_flag(pg, "garbled");
		}
		rulings_image_release(&img);
		g_free(text);
		g_free(rects);
		return -1;
	}
	sizes = g_new0(double, nrects);
	attrs = poppler_page_get_text_attributes(page);
	for (GList *a = attrs; a; a = a->next) {
		PopplerTextAttributes *ta = a->data;
		for (int k = ta->start_index; k <= ta->end_index && k >= 0 && (guint)k < nrects; k++)
			sizes[k] = ta->font_size;
	}
	poppler_page_free_text_attributes(attrs);

	glyphs = g_array_sized_new(FALSE, FALSE, sizeof(pdf_glyph), nrects);
	boxes = g_new(rulings_box, nrects);
	for (p = text; *p && ci < nrects; p = g_utf8_next_char(p), ci++) {
		gunichar c = g_utf8_get_char(p);
		PopplerRectangle *r = &rects[ci];
		if (c == '\n') {
			line++;
			space = 0;
			continue;
		}
		if (g_unichar_isspace(c) || c == 0x3000) {
			space = 1;
			continue;
		}
		pdf_glyph g = { MIN(r->x1, r->x2), MIN(r->y1, r->y2), MAX(r->x1, r->x2), MAX(r->y1, r->y2),
		                sizes[ci] > 0 ? sizes[ci] : fabs(r->y2 - r->y1), c, line, space };
		rulings_box b = { g.x0, g.y0, g.x1, g.y1 };
		boxes[glyphs->len] = b;
		g_array_append_val(glyphs, g);
		space = 0;
	}
	/* a page after a table page is looked at too: a table's last rows may
	 * spill onto a page with too few of them to look tabular */
	rot = pdf_rotation(glyphs);
	/* a sideways page is looked at for rulings in any case; whether it looks
	 * like a table is judged once it is upright */
	*last_tabular = rot ? 0 : pdf_tabular(glyphs);
	if (want_rulings && (*last_tabular || img.lum || rot)) {
		if ((!img.lum && rulings_render(page, &img, ebuf, sizeof ebuf) != 0) ||
		    rulings_analyze(&img, boxes, glyphs->len, &rs, ebuf, sizeof ebuf) != 0) {
			layout_page_flag(pg, "no-rulings");
			memset(&rs, 0, sizeof rs);
		}
	}
	/* a page whose text runs sideways is read upright (rulings found on the
	 * page as displayed, then turned with the text) */
	pdf_turn(rot, pg, glyphs, &rs);
	if (rot)
		*last_tabular = pdf_tabular(glyphs);
	for (size_t k = 0; k < rs.nh; k++) /* none when the page was not looked at */
		layout_page_add_rule(pg, 0, rs.h[k].x0, rs.h[k].y0, rs.h[k].x1, rs.h[k].y1, rs.h[k].thick);
	for (size_t k = 0; k < rs.nv; k++)
		layout_page_add_rule(pg, 1, rs.v[k].x0, rs.v[k].y0, rs.v[k].x1, rs.v[k].y1, rs.v[k].thick);
	words = pdf_words((const pdf_glyph *)(void *)glyphs->data, glyphs->len, &rs);
	pdf_lines(words, &rs, pg);
	g_array_unref(words);
	rulings_set_release(&rs);
	rulings_image_release(&img);
	g_array_unref(glyphs);
	g_free(boxes);
	g_free(sizes);
	g_free(rects);
	g_free(text);
	return 0;
}

static double pdf_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Appends "N" or ",N" to the page list S. */
static void pdf_list_add(GString *s, long no)
{
	g_string_append_printf(s, s->len ? ",%ld" : "%ld", no);
}

static char *pdf_open_reason(const extract_opts *o, GError *gerr)
{
	if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
		return g_strdup("encrypted: the pdf needs a user password to open");
	{
		/* A download cut short has no %%EOF near its end. */
		gchar *data = NULL;
		gsize len = 0;
		int truncated = 0;
		if (g_file_get_contents(o->input, &data, &len, NULL)) {
			gsize from = len > 2048 ? len - 2048 : 0;
			truncated = g_strstr_len(data + from, (gssize)(len - from), "%%EOF") == NULL;
			g_free(data);
		}
		return g_strdup_printf("%s pdf: %s", truncated ? "truncated or damaged" : "damaged",
		                       gerr ? gerr->message : "cannot open");
	}
}

static bx_status pdf_read(const extract_opts *o, FILE *out, char **reason)
{
	GError *gerr = NULL;
	char *abs = g_canonicalize_filename(o->input, NULL);
	char *uri = g_filename_to_uri(abs, NULL, &gerr);
	PopplerDocument *doc = NULL;
	GString *notext = g_string_new(NULL), *garbled = g_string_new(NULL);
	bx_status st = BX_OK;
	double t0 = pdf_now();
	int n, usable = 0, last_tabular = 0;
	long stopped = 0;
	bx_err err;

	g_free(abs);
	if (uri)
		doc = poppler_document_new_from_file(uri, NULL, &gerr);
	g_free(uri);
	if (!doc) {
		*reason = pdf_open_reason(o, gerr);
		st = BX_FAILED;
		goto out;
	}
	n = poppler_document_get_n_pages(doc);
	if (n <= 0) {
		*reason = g_strdup("pdf has no pages");
		st = BX_FAILED;
		goto out;
	}
	if (o->max_pages > 0 && n > o->max_pages) {
		*reason = g_strdup_printf("too many pages: %d (limit %ld, --max-pages)", n, o->max_pages);
		st = BX_FAILED;
		goto out;
	}
	for (int i = 0; i < n; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		double w = 0, h = 0;
		layout_page *pg;
		char *why = NULL;

		if (page)
			poppler_page_get_size(page, &w, &h);
		pg = layout_page_new(i + 1, w, h);
		if (!page) {
			layout_page_flag(pg, "no-text");
			pdf_list_add(notext, i + 1);
		} else if (stopped) {
			layout_page_flag(pg, "timeout");
		} else if (pdf_page(page, o->rulings, &last_tabular, pg, &why) != 0) {
			if (!layout_page_has_flag(pg, "blank"))
				pdf_list_add(layout_page_has_flag(pg, "garbled") ? garbled : notext, i + 1);
		} else {
			usable++;
		}
		g_free(why);
		if (page)
			g_object_unref(page);
		if (layout_write_page(out, pg, &err) != 0) {
			layout_page_free(pg);
			*reason = g_strdup(err.msg);
			st = BX_FAILED;
			goto out;
		}
		layout_page_free(pg);
		if (!stopped && o->timeout > 0 && pdf_now() - t0 > o->timeout && i + 1 < n)
			stopped = i + 1;
	}
	if (usable == 0) {
		st = BX_FAILED;
		*reason = g_strdup_printf("no usable text on any page%s%s%s%s", notext->len ? "; no text (scanned?) on pages " : "",
		                          notext->str, garbled->len ? "; garbled text on pages " : "", garbled->str);
	} else if (notext->len || garbled->len || stopped) {
		GString *r = g_string_new(NULL);
		st = BX_PARTIAL;
		if (notext->len)
			g_string_append_printf(r, "no text (scanned?) on pages %s", notext->str);
		if (garbled->len)
			g_string_append_printf(r, "%sgarbled text on pages %s", r->len ? "; " : "", garbled->str);
		if (stopped)
			g_string_append_printf(r, "%stime limit %g s reached after page %ld of %d (--timeout)",
			                       r->len ? "; " : "", o->timeout, stopped, n);
		*reason = g_string_free(r, FALSE);
	}
out:
	if (gerr)
		g_error_free(gerr);
	if (doc)
		g_object_unref(doc);
	g_string_free(notext, TRUE);
	g_string_free(garbled, TRUE);
	return st;
}

const extractor extractor_pdf = { "pdf", pdf_claims, pdf_read };
