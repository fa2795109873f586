/* tests/test_rulings.c — Criterion tests of extractors/rulings.c.

   corpus_counts: for every line of tests/data/rulings_expected.tsv (hand counts of the
   horizontal and vertical rulings of real pages, see the notes there) the page of
   corpus/real/<file> must give exactly those counts.  narrative_pages: pages with no table
   give no vertical ruling.  The synthetic tests build one-page PDFs in memory: stroked
   lines, thin filled rectangles, a rule drawn in touching pieces and one crossing text must
   be found; light shading, a black block, a single-character underline and dotted leaders
   (text and vector) must not; with /Rotate 90 the same rulings come out rotated, in the
   space of poppler_page_get_text_layout.  Paths are relative to the repository root (the
   test also looks one and two levels up, so it runs from tests/ too). */
#include <criterion/criterion.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../extractors/rulings.h"

#define EXPECTED "tests/data/rulings_expected.tsv"

static const char *root_dir(void)
{
	static const char *const cands[] = {".", "..", "../.."};
	for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++) {
		char path[256];
		snprintf(path, sizeof path, "%s/%s", cands[i], EXPECTED);
		FILE *f = fopen(path, "r");
		if (f != NULL) {
			fclose(f);
			return cands[i];
		}
	}
	return NULL;
}

static PopplerDocument *open_corpus(const char *root, const char *file)
{
	char *rel = g_strdup_printf("%s/corpus/real/%s", root, file);
	char *path = g_canonicalize_filename(rel, NULL); /* absolute, for the URI */
	GError *err = NULL;
	char *uri = g_filename_to_uri(path, NULL, &err);
	PopplerDocument *doc = uri ? poppler_document_new_from_file(uri, NULL, &err) : NULL;
	if (doc == NULL) {
		cr_log_error("%s: %s", path, err ? err->message : "cannot open");
		if (err != NULL)
			g_error_free(err);
	}
	g_free(uri);
	g_free(path);
	g_free(rel);
	return doc;
}

/* The character boxes the pipeline passes: every non-space glyph, in reading order. */
static rulings_box *page_boxes(PopplerPage *page, size_t *n)
{
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	char *text = poppler_page_get_text(page);
	rulings_box *boxes = NULL;
	*n = 0;
	if (text != NULL && poppler_page_get_text_layout(page, &rects, &nrects) && nrects > 0) {
		boxes = g_new(rulings_box, nrects);
		guint ci = 0;
		for (const char *p = text; *p && ci < nrects; p = g_utf8_next_char(p), ci++) {
			gunichar c = g_utf8_get_char(p);
			if (g_unichar_isspace(c) || c == 0x3000)
				continue;
			boxes[*n] = (rulings_box){rects[ci].x1, rects[ci].y1, rects[ci].x2, rects[ci].y2};
			(*n)++;
		}
	}
	g_free(rects);
	g_free(text);
	return boxes;
}

/* Runs rulings_find on page PAGENO (1-based) of DOC with its glyph boxes. */
static int find_on(PopplerDocument *doc, int pageno, rulings_set *set)
{
	char err[200];
	PopplerPage *page = poppler_document_get_page(doc, pageno - 1);
	if (page == NULL) {
		memset(set, 0, sizeof *set);
		cr_log_error("page %d missing", pageno);
		return -1;
	}
	size_t n = 0;
	rulings_box *boxes = page_boxes(page, &n);
	int rc = rulings_find(page, boxes, n, set, err, sizeof err);
	if (rc != 0)
		cr_log_error("page %d: %s", pageno, err);
	g_free(boxes);
	g_object_unref(page);
	return rc;
}

Test(rulings, corpus_counts)
{
	const char *root = root_dir();
	cr_assert_not_null(root, "cannot find %s", EXPECTED);
	char *path = g_strdup_printf("%s/%s", root, EXPECTED);
	char *data = NULL;
	gsize len = 0;
	cr_assert(g_file_get_contents(path, &data, &len, NULL), "cannot read %s", path);
	g_free(path);

	char **lines = g_strsplit(data, "\n", -1);
	int rows = 0;
	for (int i = 1; lines[i] != NULL; i++) { /* line 0 is the header */
		if (lines[i][0] == '\0')
			continue;
		char **f = g_strsplit(lines[i], "\t", 5);
		cr_assert(g_strv_length(f) >= 4, "bad line %d of %s", i + 1, EXPECTED);
		int pageno = atoi(f[1]);
		size_t want_h = (size_t)atol(f[2]), want_v = (size_t)atol(f[3]);
		PopplerDocument *doc = open_corpus(root, f[0]);
		cr_assert_not_null(doc, "cannot open corpus/real/%s", f[0]);
		rulings_set set;
		cr_expect_eq(find_on(doc, pageno, &set), 0, "%s p%d: rulings_find failed", f[0], pageno);
		cr_expect_eq(set.nh, want_h, "%s p%d: %zu horizontal rulings, hand count %zu", f[0],
		             pageno, set.nh, want_h);
		cr_expect_eq(set.nv, want_v, "%s p%d: %zu vertical rulings, hand count %zu", f[0],
		             pageno, set.nv, want_v);
		for (size_t k = 0; k < set.nh; k++)
			cr_expect(set.h[k].y0 == set.h[k].y1 && set.h[k].x0 < set.h[k].x1,
			          "%s p%d: malformed horizontal segment", f[0], pageno);
		for (size_t k = 0; k < set.nv; k++)
			cr_expect(set.v[k].x0 == set.v[k].x1 && set.v[k].y0 < set.v[k].y1,
			          "%s p%d: malformed vertical segment", f[0], pageno);
		rulings_set_release(&set);
		g_object_unref(doc);
		g_strfreev(f);
		rows++;
	}
	g_strfreev(lines);
	g_free(data);
	cr_expect_geq(rows, 12, "only %d hand-counted pages", rows);
}

Test(rulings, narrative_pages_have_no_vertical_rulings)
{
	static const struct {
		const char *file;
		int page;
	} pages[] = {
		{"上海市普陀区财政局2024年度部门决算.pdf", 22},
		{"24年普陀区财政局（测试问题版本）.pdf", 19},
		{"unit_budget.pdf", 6},
		{"上海市普陀区规划和自然资源局 2024 年度部门决算.pdf", 21},
		};
	const char *root = root_dir();
	cr_assert_not_null(root, "cannot find %s", EXPECTED);
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		PopplerDocument *doc = open_corpus(root, pages[i].file);
		cr_assert_not_null(doc, "cannot open corpus/real/%s", pages[i].file);
		rulings_set set;
		cr_expect_eq(find_on(doc, pages[i].page, &set), 0);
		cr_expect_eq(set.nv, 0, "%s p%d: %zu vertical rulings on a narrative page",
		             pages[i].file, pages[i].page, set.nv);
		rulings_set_release(&set);
		g_object_unref(doc);
	}
}

/* ---- synthetic pages ---- */

/* A 400 x 300 pt page; comments give top-left (y down) coordinates. */
static const char kinds_content[] =
	"0 G 0.5 w 40 260 m 360 260 l S\n"                      /* stroked, y=40 */
	"0 g 40 219.6 320 0.8 re f\n"                           /* filled 0.8 pt, y=80 */
	"40 179.7 100 0.6 re f 140 179.7 100 0.6 re f 240 179.7 120 0.6 re f\n" /* pieces, y=120 */
	"0.5 w 40 140 m 360 140 l S\n"                          /* crossed by text, y=160 */
	"BT /F1 12 Tf 150 137 Td (Total 123) Tj ET\n"
	"0.85 g 40 50 150 40 re f\n"                            /* light shading */
	"0 g 210 60 150 20 re f\n"                              /* black block */
	"BT /F1 12 Tf 40 20 Td (A) Tj ET 40 17 8 0.6 re f\n"    /* underlined single char */
	"BT /F1 12 Tf 200 24 Td (..............) Tj ET\n"       /* leader as text */
	"[1 2] 0 d 1 w 200 12 m 360 12 l S [] 0 d\n"            /* leader as vector dots */
	"0.5 w 20 40 m 20 260 l S\n"                            /* stroked vertical, x=20 */
	"380 40 0.7 220 re f\n"                                 /* filled vertical, x=380.35 */
	"0.25 w 60 140 m 60 120 l S\n";                         /* 20 pt tick: vertical, x=60 */

static GBytes *make_pdf(const char *content, int rotate)
{
	GString *s = g_string_new("%PDF-1.4\n");
	size_t off[6];
	off[1] = s->len;
	g_string_append(s, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = s->len;
	g_string_append(s, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
	off[3] = s->len;
	g_string_append_printf(s,
	                       "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 300] "
	                       "/Rotate %d /Resources << /Font << /F1 5 0 R >> >> "
	                       "/Contents 4 0 R >>\nendobj\n",
	                       rotate);
	off[4] = s->len;
	g_string_append_printf(s, "4 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
	                       strlen(content), content);
	off[5] = s->len;
	g_string_append(s, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n"
	                   "endobj\n");
	size_t xref = s->len;
	g_string_append(s, "xref\n0 6\n0000000000 65535 f \n");
	for (int i = 1; i < 6; i++)
		g_string_append_printf(s, "%010zu 00000 n \n", off[i]);
	g_string_append_printf(s, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
	                       xref);
	return g_string_free_to_bytes(s);
}

static PopplerDocument *synthetic(const char *content, int rotate)
{
	GBytes *bytes = make_pdf(content, rotate);
	GError *err = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (doc == NULL) {
		cr_log_error("synthetic pdf: %s", err ? err->message : "?");
		if (err != NULL)
			g_error_free(err);
	}
	g_bytes_unref(bytes);
	return doc;
}

/* Whether SET holds a segment from (x0,y0) to (x1,y1) within TOL points. */
static int has_seg(const rulings_seg *s, size_t n, double x0, double y0, double x1, double y1,
                   double tol)
{
	for (size_t i = 0; i < n; i++)
		if (fabs(s[i].x0 - x0) <= tol && fabs(s[i].y0 - y0) <= tol &&
		    fabs(s[i].x1 - x1) <= tol && fabs(s[i].y1 - y1) <= tol)
			return 1;
	return 0;
}

/* The expected rulings of kinds_content, in unrotated top-left coordinates. */
static const struct {
	int horiz;
	double x0, y0, x1, y1;
} kinds_expected[] = {
	{1, 40, 40, 360, 40},    {1, 40, 80, 360, 80},   {1, 40, 120, 360, 120},
	{1, 40, 160, 360, 160},  {0, 20, 40, 20, 260},   {0, 380.35, 40, 380.35, 260},
	{0, 60, 160, 60, 180},
	};

Test(rulings, kinds_of_rules)
{
	PopplerDocument *doc = synthetic(kinds_content, 0);
	cr_assert_not_null(doc);
	rulings_set set;
	cr_assert_eq(find_on(doc, 1, &set), 0);
	cr_expect_eq(set.nh, 4, "%zu horizontal rulings, want 4", set.nh);
	cr_expect_eq(set.nv, 3, "%zu vertical rulings, want 3", set.nv);
	for (size_t i = 0; i < sizeof kinds_expected / sizeof kinds_expected[0]; i++) {
		const rulings_seg *s = kinds_expected[i].horiz ? set.h : set.v;
		size_t n = kinds_expected[i].horiz ? set.nh : set.nv;
		cr_expect(has_seg(s, n, kinds_expected[i].x0, kinds_expected[i].y0,
		                  kinds_expected[i].x1, kinds_expected[i].y1, 1.0),
		          "missing %s ruling %g,%g-%g,%g", kinds_expected[i].horiz ? "horizontal"
		                                                                   : "vertical",
		          kinds_expected[i].x0, kinds_expected[i].y0, kinds_expected[i].x1,
		          kinds_expected[i].y1);
	}
	for (size_t i = 0; i < set.nh; i++)
		cr_expect(set.h[i].thick > 0 && set.h[i].thick < 2, "odd thickness %g", set.h[i].thick);
	rulings_set_release(&set);

	/* without glyph boxes, the rule crossing the text is still one segment */
	PopplerPage *page = poppler_document_get_page(doc, 0);
	char err[100];
	cr_assert_eq(rulings_find(page, NULL, 0, &set, err, sizeof err), 0);
	cr_expect(has_seg(set.h, set.nh, 40, 160, 360, 160, 1.0), "rule under text broken");
	rulings_set_release(&set);
	g_object_unref(page);
	g_object_unref(doc);
}

Test(rulings, rotated_page_matches_text_layout)
{
	PopplerDocument *doc = synthetic(kinds_content, 90);
	cr_assert_not_null(doc);
	PopplerPage *page = poppler_document_get_page(doc, 0);
	double pw = 0, ph = 0;
	poppler_page_get_size(page, &pw, &ph);
	cr_assert(fabs(pw - 300) < 0.01 && fabs(ph - 400) < 0.01, "rotated size %gx%g", pw, ph);
	rulings_set set;
	cr_assert_eq(find_on(doc, 1, &set), 0);
	cr_expect_eq(set.nh, 3, "%zu horizontal rulings, want 3", set.nh);
	cr_expect_eq(set.nv, 4, "%zu vertical rulings, want 4", set.nv);
	/* /Rotate 90 maps unrotated top-left (u, v) to (300 - v, u) */
	for (size_t i = 0; i < sizeof kinds_expected / sizeof kinds_expected[0]; i++) {
		double ax = 300 - kinds_expected[i].y0, ay = kinds_expected[i].x0;
		double bx = 300 - kinds_expected[i].y1, by = kinds_expected[i].x1;
		const rulings_seg *s = kinds_expected[i].horiz ? set.v : set.h;
		size_t n = kinds_expected[i].horiz ? set.nv : set.nh;
		cr_expect(has_seg(s, n, fmin(ax, bx), fmin(ay, by), fmax(ax, bx), fmax(ay, by), 1.0),
		          "missing rotated ruling of %g,%g-%g,%g", kinds_expected[i].x0,
		          kinds_expected[i].y0, kinds_expected[i].x1, kinds_expected[i].y1);
	}
	/* the text layout agrees: the rule struck through "Total" crosses the box of its T */
	char *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	cr_assert(poppler_page_get_text_layout(page, &rects, &nrects));
	const char *t = strstr(text, "Total");
	cr_assert_not_null(t);
	glong ti = g_utf8_pointer_to_offset(text, t);
	cr_assert_lt((guint)ti, nrects);
	const PopplerRectangle *r = &rects[ti];
	int crossed = 0;
	for (size_t i = 0; i < set.nv; i++)
		if (set.v[i].x0 > fmin(r->x1, r->x2) && set.v[i].x0 < fmax(r->x1, r->x2) &&
		    set.v[i].y0 < fmin(r->y1, r->y2) && set.v[i].y1 > fmax(r->y1, r->y2))
			crossed = 1;
	cr_expect(crossed, "no vertical ruling crosses the T box %g,%g-%g,%g", r->x1, r->y1, r->x2,
	          r->y2);
	g_free(rects);
	g_free(text);
	rulings_set_release(&set);
	g_object_unref(page);
	g_object_unref(doc);
}

/* Black rules on the edge of grey fills: 25%, 40% and 50% grey, 40 pt tall. */
static const char fills_content[] =
	"0.75 g 40 200 320 40 re f 0 G 0.5 w 40 240 m 360 240 l S\n" /* rule at y=60 */
	"0.6 g 40 120 320 40 re f 0 G 0.5 w 40 160 m 360 160 l S\n"  /* rule at y=140 */
	"0.5 g 40 40 320 40 re f 0 G 0.5 w 40 80 m 360 80 l S\n";    /* rule at y=220 */

Test(rulings, rules_bordering_fills)
{
	PopplerDocument *doc = synthetic(fills_content, 0);
	cr_assert_not_null(doc);
	rulings_set set;
	cr_assert_eq(find_on(doc, 1, &set), 0);
	cr_expect_eq(set.nh, 3, "%zu horizontal rulings, want 3 (no fill edge, every rule)", set.nh);
	cr_expect_eq(set.nv, 0, "%zu vertical rulings, want 0 (fill sides are not rules)", set.nv);
	for (int y = 60; y <= 220; y += 80)
		cr_expect(has_seg(set.h, set.nh, 40, y, 360, y, 1.0), "missing the rule at y=%d", y);
	rulings_set_release(&set);
	g_object_unref(doc);
}

Test(rulings, release_and_errors)
{
	rulings_set set;
	memset(&set, 0, sizeof set);
	rulings_set_release(&set);
	rulings_set_release(NULL);
	cr_expect_null(set.h);

	char err[64] = "x";
	cr_expect_eq(rulings_find(NULL, NULL, 0, &set, err, sizeof err), -1);
	cr_expect(err[0] != '\0' && strchr(err, '\n') == NULL, "reason: '%s'", err);
	cr_expect_eq(set.nh + set.nv, 0);

	PopplerDocument *doc = synthetic(kinds_content, 0);
	cr_assert_not_null(doc);
	PopplerPage *page = poppler_document_get_page(doc, 0);
	cr_expect_eq(rulings_find(page, NULL, 3, &set, err, sizeof err), -1);
	cr_expect_eq(rulings_find(page, NULL, 0, NULL, err, sizeof err), -1);
	cr_expect_eq(rulings_find(page, NULL, 0, &set, NULL, 0), 0); /* no error buffer is fine */
	rulings_set_release(&set);
	g_object_unref(page);
	g_object_unref(doc);
}
