/* extractors/rulings.c — finds the rulings (horizontal and vertical table lines) of a PDF
   page by rendering it, because poppler-glib has no API that hands out vector paths.

   Method.  poppler renders the page with cairo into an RGB24 image at RULINGS_SCALE pixels
   per point over white; each pixel's luminance (0..255) is taken.  A pixel is ink when its
   luminance is below DARK_LUM, so light cell shading is never ink; a fainter pixel is ink
   for one direction only when it and its neighbour across that direction add up to that
   darkness with clear pixels on both outer sides: a line thinner than a pixel that straddles
   two rows (or columns).  Ink inside the caller's character boxes (grown by BOX_PAD_PT) is
   marked masked: it may bridge a rule across a glyph but never counts towards a rule, so
   glyph strokes, underlines inside a glyph box and dotted leaders printed as text are not
   rules.  Each row (for horizontal rulings) and each column (for vertical ones) is scanned
   for runs of ink whose gaps are at most RUN_GAP_PT and that hold at least RUN_MIN_PT of
   unmasked ink; runs of adjacent rows that overlap or nearly touch are joined (union-find)
   into components; a component whose mean thickness exceeds MAX_THICK_PT is a fill, not a
   rule; collinear pieces whose axes are at most MERGE_OFF_PT apart and whose ends are at
   most MERGE_GAP_PT apart are merged (a rule drawn as several strokes or rectangles); what
   is left must be at least MIN_LEN_H_PT (horizontal) or MIN_LEN_V_PT (vertical) long, which
   rules out single-character underlines and glyph-like strokes.

   Invariants.  Output coordinates are page points, origin top-left, y down, in the rotated
   page space of poppler_page_get_text_layout (poppler_page_get_size and poppler_page_render
   both apply /Rotate).  Horizontal segments have y0 == y1 and x0 < x1, vertical ones
   x0 == x1 and y0 < y1; h is sorted by y then x0, v by x then y0.  One page image is held
   at a time, at most MAX_PIXELS pixels (the scale is lowered for oversized pages), and all
   of it is freed before return.  Nothing is printed, the process is never ended, and every
   cairo status is checked. */
#include "rulings.h"

#include <cairo.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RULINGS_SCALE
/* Pixels per point.  Measured on corpus/real: 1, 1.5, 2 and 3 give the same counts there,
   but 1 misses filled rules thinner than 0.4 pt and joins dotted lines (1 pt dots 2 pt
   apart), 1.5 misses fills under 0.25 pt, 2 finds fills down to 0.2 pt with axes within
   0.33 pt of the 3 px/pt result for 95% of the coordinates, at about half the speed of 1.
   1.25 still passes every synthetic case of tests/test_rulings.c and gives the same
   rulings on every page of corpus/real; over the whole extract stage it costs 9% fewer
   instructions than 1.5 and 25% fewer than 2, which keeps extraction near 3x the cost
   of pdftotext -layout.  Filled rules thinner than about 0.3 pt are the price. */
#define RULINGS_SCALE 1.25
#endif
#define DARK_LUM 160        /* ink below this luminance (0..255) */
#define BLACK_LUM 96        /* second pass, when fills hid rules: ink below this */
#define FAINT_LUM 240       /* a thin-line half must at least be this dark ... */
#define CLEAR_LUM 232       /* ... and the pixels beside the pair this light */
#define BOX_PAD_PT 0.5      /* character boxes are grown by this much before masking */
#define MAX_BOX_PT 60.0     /* larger boxes are ignored: gaps between words, not glyphs */
#define FLAT_BOX_RATIO 0.6  /* a box thinner across its line than this times its length */
#define FLAT_BOX_GROW 1.25  /* is grown on its glyph side to this times its length */
#define RUN_GAP_PT 1.0      /* largest gap bridged inside one row run */
#define RUN_MIN_PT 3.0      /* unmasked ink a row run needs to be kept */
#define MAX_THICK_PT 3.0    /* thicker components are fills, not rules */
#define MERGE_OFF_PT 1.0    /* collinear pieces: axes at most this far apart ... */
#define MERGE_GAP_PT 1.5    /* ... and ends at most this far apart */
#define MIN_LEN_H_PT 18.0   /* shortest horizontal ruling kept */
#define MIN_LEN_V_PT 8.0    /* shortest vertical ruling kept */
#define MAX_PIXELS (16L * 1000 * 1000) /* one page image: 64 MB of RGB24 at most */

/* mask bits: ink for the horizontal scan, for the vertical scan, the same for black only
   (the second pass), inside a glyph box */
enum { PIX_H = 1, PIX_V = 2, PIX_HB = 8, PIX_VB = 16, PIX_MASKED = 4 };

typedef struct {
	int line, a, b; /* row (or column) index, first and last pixel along it */
	int cnt;        /* unmasked ink pixels in [a, b] */
} run_t;

typedef struct {
	run_t *v;
	size_t n, cap;
} runvec;

/* A candidate segment in pixels: lines are rows for horizontal, columns for vertical. */
typedef struct {
	double c;     /* axis position: mean line index + 0.5 */
	double thick; /* mean thickness in lines */
	int a, b;     /* extent along the line, inclusive */
	int dead;     /* merged into another one */
} cand_t;

typedef struct {
	cand_t *v;
	size_t n, cap;
} candvec;

static void set_err(char *errbuf, size_t errlen, const char *fmt, ...)
{
	if (errbuf == NULL || errlen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
}

static int runvec_push(runvec *rv, int line, int a, int b, int cnt)
{
	if (rv->n == rv->cap) {
		size_t nc = rv->cap ? rv->cap * 2 : 256;
		run_t *nv = realloc(rv->v, nc * sizeof *nv);
		if (nv == NULL)
			return -1;
		rv->v = nv;
		rv->cap = nc;
	}
	rv->v[rv->n].line = line;
	rv->v[rv->n].a = a;
	rv->v[rv->n].b = b;
	rv->v[rv->n].cnt = cnt;
	rv->n++;
	return 0;
}

static int candvec_push(candvec *cv, const cand_t *c)
{
	if (cv->n == cv->cap) {
		size_t nc = cv->cap ? cv->cap * 2 : 64;
		cand_t *nv = realloc(cv->v, nc * sizeof *nv);
		if (nv == NULL)
			return -1;
		cv->v = nv;
		cv->cap = nc;
	}
	cv->v[cv->n++] = *c;
	return 0;
}

/* ---- rendering and the ink mask ---- */

/* Renders PAGE at SCALE into a W x H luminance image (malloc'd), or NULL with ERRBUF set. */
static unsigned char *render_lum(PopplerPage *page, double scale, int w, int h, char *errbuf,
                                 size_t errlen)
{
	cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_status_t st = cairo_surface_status(surf);
	if (st != CAIRO_STATUS_SUCCESS) {
		set_err(errbuf, errlen, "cannot create a %dx%d image surface: %s", w, h,
		        cairo_status_to_string(st));
		cairo_surface_destroy(surf);
		return NULL;
	}
	cairo_t *cr = cairo_create(surf);
	st = cairo_status(cr);
	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
		cairo_paint(cr);
		cairo_scale(cr, scale, scale);
		poppler_page_render(page, cr);
		st = cairo_status(cr);
	}
	cairo_destroy(cr);
	if (st != CAIRO_STATUS_SUCCESS) {
		set_err(errbuf, errlen, "cannot render the page: %s", cairo_status_to_string(st));
		cairo_surface_destroy(surf);
		return NULL;
	}
	cairo_surface_flush(surf);
	st = cairo_surface_status(surf);
	const unsigned char *data = cairo_image_surface_get_data(surf);
	int stride = cairo_image_surface_get_stride(surf);
	if (st != CAIRO_STATUS_SUCCESS || data == NULL) {
		set_err(errbuf, errlen, "the rendered surface is unusable: %s",
		        cairo_status_to_string(st));
		cairo_surface_destroy(surf);
		return NULL;
	}
	unsigned char *lum = malloc((size_t)w * (size_t)h);
	if (lum == NULL) {
		set_err(errbuf, errlen, "out of memory for a %dx%d page image", w, h);
		cairo_surface_destroy(surf);
		return NULL;
	}
	for (int y = 0; y < h; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
		unsigned char *dst = lum + (size_t)y * (size_t)w;
		int x = 0;
		while (x < w) {
			if (x + 4 <= w) { /* fast path: four white pixels, the usual case */
				uint64_t q[2];
				memcpy(q, src + x, sizeof q);
				if (((q[0] & q[1]) | 0xff000000ff000000u) == UINT64_MAX) {
					memset(dst + x, 255, 4);
					x += 4;
					continue;
				}
			}
			int end = x + 4 <= w ? x + 4 : w;
			for (; x < end; x++) {
				uint32_t p = src[x];
				unsigned r = (p >> 16) & 0xffu, g = (p >> 8) & 0xffu, b = p & 0xffu;
				dst[x] = (unsigned char)((r * 299u + g * 587u + b * 114u) / 1000u); /* luma */
			}
		}
	}
	cairo_surface_destroy(surf);
	return lum;
}

/* Whether the faint pixel L[I], at position POS of N along a direction whose step in L is
   S, is half of a thin line straddling two pixels across that direction: it and one
   neighbour are dark enough together and the pixels on both outer sides are clear (AT reads
   255 outside the image). */
static int thin_pair(const unsigned char *l, size_t i, long s, int pos, int n)
{
#define AT(k) (pos + (k) >= 0 && pos + (k) < n ? l[(long)i + (k) * s] : 255)
	int dark = 255 - l[i];
	int need = 255 - DARK_LUM + 1;
	if (dark + 255 - AT(1) >= need && AT(-1) >= CLEAR_LUM && AT(2) >= CLEAR_LUM)
		return 1;
	if (dark + 255 - AT(-1) >= need && AT(1) >= CLEAR_LUM && AT(-2) >= CLEAR_LUM)
		return 1;
	return 0;
#undef AT
}

/* Turns the W x H luminance image into ink bits (PIX_H, PIX_V, PIX_HB, PIX_VB), in a new
   buffer. */
static unsigned char *ink_mask(const unsigned char *lum, int w, int h)
{
	unsigned char *m = malloc((size_t)w * (size_t)h);
	if (m == NULL)
		return NULL;
	for (int y = 0; y < h; y++) {
		size_t base = (size_t)y * (size_t)w;
		for (int x = 0; x < w; x++) {
			size_t i = base + (size_t)x;
			if (x + 8 <= w) { /* fast path: eight white pixels */
				uint64_t word;
				memcpy(&word, lum + i, sizeof word);
				if (word == UINT64_MAX) {
					memset(m + i, 0, 8);
					x += 7;
					continue;
				}
			}
			unsigned char l = lum[i], bits = 0;
			if (l < BLACK_LUM)
				bits = PIX_H | PIX_V | PIX_HB | PIX_VB;
			else if (l < DARK_LUM)
				bits = PIX_H | PIX_V;
			else if (l < FAINT_LUM) {
				if (thin_pair(lum, i, (long)w, y, h))
					bits |= PIX_H;
				if (thin_pair(lum, i, 1, x, w))
					bits |= PIX_V;
			}
			m[i] = bits;
		}
	}
	return m;
}

static int clamp_px(double v, int hi)
{
	if (!(v > 0))
		return 0;
	if (v > hi)
		return hi;
	return (int)v;
}

/* Writing direction of box I from its neighbours in the caller's (reading) order:
   0 = left to right, 1 = top to bottom, 2 = right to left, 3 = bottom to top, or -1 when
   neither neighbour is on the same line (same extent across it, close along it). */
static int box_dir(const rulings_box *boxes, size_t n, size_t i)
{
	const rulings_box *b = &boxes[i];
	double bx0 = fmin(b->x0, b->x1), bx1 = fmax(b->x0, b->x1);
	double by0 = fmin(b->y0, b->y1), by1 = fmax(b->y0, b->y1);
	for (int k = 0; k < 2; k++) {
		if ((k == 0 && i + 1 >= n) || (k == 1 && i == 0))
			continue;
		const rulings_box *o = &boxes[k == 0 ? i + 1 : i - 1];
		double ox0 = fmin(o->x0, o->x1), ox1 = fmax(o->x0, o->x1);
		double oy0 = fmin(o->y0, o->y1), oy1 = fmax(o->y0, o->y1);
		double size = fmax(fmax(bx1 - bx0, by1 - by0), fmax(ox1 - ox0, oy1 - oy0));
		double ytol = 0.5 + 0.1 * fmax(by1 - by0, oy1 - oy0);
		double xtol = 0.5 + 0.1 * fmax(bx1 - bx0, ox1 - ox0);
		double xgap = fmax(ox0 - bx1, bx0 - ox1), ygap = fmax(oy0 - by1, by0 - oy1);
		double sign = k == 0 ? 1 : -1; /* the advance runs from box I to the next one */
		if (fabs(by0 - oy0) <= ytol && fabs(by1 - oy1) <= ytol && xgap < size &&
		    xgap > -0.5 * size)
			return sign * ((ox0 + ox1) - (bx0 + bx1)) > 0 ? 0 : 2;
		if (fabs(bx0 - ox0) <= xtol && fabs(bx1 - ox1) <= xtol && ygap < size &&
		    ygap > -0.5 * size)
			return sign * ((oy0 + oy1) - (by0 + by1)) > 0 ? 1 : 3;
	}
	return -1;
}

/* Marks the ink inside each character box as masked.  A box much thinner across its line
   than along it comes from a font with a broken ascent (ONLYOFFICE's embedded FangSong):
   the glyph then stands on the box, above it in upright text, so the box is grown that way;
   boxes with no neighbour on their line take the page's most common direction. */
static void mask_boxes(unsigned char *m, int w, int h, double scale, const rulings_box *boxes,
                       size_t n)
{
	size_t votes[4] = {0, 0, 0, 0};
	for (size_t i = 0; i < n; i++) {
		int d = box_dir(boxes, n, i);
		if (d >= 0)
			votes[d]++;
	}
	int common = 0;
	for (int d = 1; d < 4; d++)
		if (votes[d] > votes[common])
			common = d;

	for (size_t i = 0; i < n; i++) {
		const rulings_box *bx = &boxes[i];
		double bx0 = fmin(bx->x0, bx->x1), bx1 = fmax(bx->x0, bx->x1);
		double by0 = fmin(bx->y0, bx->y1), by1 = fmax(bx->y0, bx->y1);
		double bw = bx1 - bx0, bh = by1 - by0;
		if (!(bw <= MAX_BOX_PT && bh <= MAX_BOX_PT))
			continue; /* not a glyph (or NaN) */
		int dir = box_dir(boxes, n, i);
		switch (dir >= 0 ? dir : common) {
		case 0:
			if (bh < FLAT_BOX_RATIO * bw)
				by0 = by1 - FLAT_BOX_GROW * bw;
			break;
		case 2:
			if (bh < FLAT_BOX_RATIO * bw)
				by1 = by0 + FLAT_BOX_GROW * bw;
			break;
		case 1:
			if (bw < FLAT_BOX_RATIO * bh)
				bx1 = bx0 + FLAT_BOX_GROW * bh;
			break;
		default:
			if (bw < FLAT_BOX_RATIO * bh)
				bx0 = bx1 - FLAT_BOX_GROW * bh;
			break;
		}
		int x0 = clamp_px(floor((bx0 - BOX_PAD_PT) * scale), w);
		int x1 = clamp_px(ceil((bx1 + BOX_PAD_PT) * scale), w);
		int y0 = clamp_px(floor((by0 - BOX_PAD_PT) * scale), h);
		int y1 = clamp_px(ceil((by1 + BOX_PAD_PT) * scale), h);
		for (int y = y0; y < y1; y++) {
			unsigned char *row = m + (size_t)y * (size_t)w;
			for (int x = x0; x < x1; x++)
				if (row[x] != 0)
					row[x] |= PIX_MASKED;
		}
	}
}

/* ---- runs, components, segments ---- */

/* Index of the first byte of ROW at or after X that has BIT set (LEN if none); whole
   words of zero bytes are skipped at once. */
static int next_ink(const unsigned char *row, int x, int len, unsigned bit)
{
	for (;;) {
		while (x < len && ((uintptr_t)(row + x) & 7u) != 0) {
			if (row[x] & bit)
				return x;
			x++;
		}
		while (x + 8 <= len) {
			uint64_t word;
			memcpy(&word, row + x, sizeof word);
			if (word != 0)
				break;
			x += 8;
		}
		int end = x + 8 < len ? x + 8 : len;
		for (; x < end; x++)
			if (row[x] & bit)
				return x;
		if (x >= len)
			return len;
	}
}

/* Scans the H rows of W pixels of mask M for runs of ink (mask bit BIT) with gaps of at
   most GAP pixels and at least MINCNT unmasked pixels; appends them in row order. */
static int scan_rows(const unsigned char *m, int w, int h, unsigned bit, int gap, int mincnt,
                     runvec *out)
{
	for (int y = 0; y < h; y++) {
		const unsigned char *row = m + (size_t)y * (size_t)w;
		int start = -1, last = -1, cnt = 0;
		for (int x = next_ink(row, 0, w, bit); x < w; x = next_ink(row, x + 1, w, bit)) {
			if (start >= 0 && x - last - 1 > gap) {
				if (cnt >= mincnt && runvec_push(out, y, start, last, cnt) != 0)
					return -1;
				start = -1;
			}
			if (start < 0) {
				start = x;
				cnt = 0;
			}
			last = x;
			if (!(row[x] & PIX_MASKED))
				cnt++;
		}
		if (start >= 0 && cnt >= mincnt && runvec_push(out, y, start, last, cnt) != 0)
			return -1;
	}
	return 0;
}

static int run_cmp(const void *pa, const void *pb)
{
	const run_t *a = pa, *b = pb;
	if (a->line != b->line)
		return (a->line > b->line) - (a->line < b->line);
	return (a->a > b->a) - (a->a < b->a);
}

/* As scan_rows for the W columns, reading the mask row by row with one open run per column
   (no transposed copy); the runs are sorted by column then start. */
static int scan_cols(const unsigned char *m, int w, int h, unsigned bit, int gap, int mincnt,
                     runvec *out)
{
	int *st = malloc(3 * (size_t)w * sizeof *st);
	if (st == NULL)
		return -1;
	int *start = st, *last = st + w, *cnt = st + 2 * (size_t)w;
	for (int x = 0; x < w; x++)
		start[x] = -1;
	int rc = 0;
	for (int y = 0; y < h && rc == 0; y++) {
		const unsigned char *row = m + (size_t)y * (size_t)w;
		for (int x = next_ink(row, 0, w, bit); x < w; x = next_ink(row, x + 1, w, bit)) {
			if (start[x] >= 0 && y - last[x] - 1 > gap) {
				if (cnt[x] >= mincnt && runvec_push(out, x, start[x], last[x], cnt[x]) != 0) {
					rc = -1;
					break;
				}
				start[x] = -1;
			}
			if (start[x] < 0) {
				start[x] = y;
				cnt[x] = 0;
			}
			last[x] = y;
			if (!(row[x] & PIX_MASKED))
				cnt[x]++;
		}
	}
	for (int x = 0; x < w && rc == 0; x++)
		if (start[x] >= 0 && cnt[x] >= mincnt)
			rc = runvec_push(out, x, start[x], last[x], cnt[x]);
	free(st);
	if (rc == 0 && out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, run_cmp);
	return rc;
}

static size_t uf_find(size_t *parent, size_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

static void uf_union(size_t *parent, size_t i, size_t j)
{
	size_t ri = uf_find(parent, i), rj = uf_find(parent, j);
	if (ri < rj)
		parent[rj] = ri;
	else if (rj < ri)
		parent[ri] = rj;
}

typedef struct {
	double sum_line_w, sum_w; /* run lengths, and run lengths times line position */
	int a, b;                 /* extent along the lines */
} acc_t;

/* Joins the runs (sorted by line, then start) of adjacent lines that overlap or are at
   most GAP apart, and turns each component whose mean thickness is at most MAXTHICK
   lines into a candidate; *FILLS counts the thicker ones. */
static int runs_to_cands(const runvec *rv, int gap, double maxthick, candvec *out,
                         size_t *fills)
{
	size_t n = rv->n;
	if (n == 0)
		return 0;
	size_t *parent = malloc(n * sizeof *parent);
	acc_t *acc = malloc(n * sizeof *acc);
	if (parent == NULL || acc == NULL) {
		free(parent);
		free(acc);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		parent[i] = i;

	size_t prev_lo = 0, prev_hi = 0, cur_lo = 0; /* runs of the previous and current line */
	while (cur_lo < n) {
		int line = rv->v[cur_lo].line;
		size_t cur_hi = cur_lo;
		while (cur_hi < n && rv->v[cur_hi].line == line)
			cur_hi++;
		if (prev_hi > prev_lo && rv->v[prev_lo].line == line - 1) {
			size_t j = prev_lo;
			for (size_t i = cur_lo; i < cur_hi; i++) {
				const run_t *r = &rv->v[i];
				while (j < prev_hi && rv->v[j].b + gap < r->a)
					j++;
				for (size_t k = j; k < prev_hi && rv->v[k].a <= r->b + gap; k++)
					uf_union(parent, i, k);
			}
		}
		prev_lo = cur_lo;
		prev_hi = cur_hi;
		cur_lo = cur_hi;
	}

	/* a root is the smallest index of its component: seen before its members */
	for (size_t i = 0; i < n; i++) {
		size_t r = uf_find(parent, i);
		const run_t *u = &rv->v[i];
		double len = (double)(u->b - u->a + 1);
		if (r == i) {
			acc[i].sum_line_w = 0;
			acc[i].sum_w = 0;
			acc[i].a = u->a;
			acc[i].b = u->b;
		}
		acc_t *ac = &acc[r];
		ac->sum_line_w += len * (u->line + 0.5);
		ac->sum_w += len;
		if (u->a < ac->a)
			ac->a = u->a;
		if (u->b > ac->b)
			ac->b = u->b;
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (parent[i] != i)
			continue;
		const acc_t *ac = &acc[i];
		double thick = ac->sum_w / (double)(ac->b - ac->a + 1);
		if (thick > maxthick) {
			(*fills)++;
			continue;
		}
		cand_t c = {ac->sum_line_w / ac->sum_w, thick, ac->a, ac->b, 0};
		rc = candvec_push(out, &c);
	}
	free(acc);
	free(parent);
	return rc;
}

static int cand_cmp(const void *pa, const void *pb)
{
	const cand_t *a = pa, *b = pb;
	if (a->c != b->c)
		return a->c < b->c ? -1 : 1;
	return (a->a > b->a) - (a->a < b->a);
}

/* Merges collinear candidates (axes within OFF, ends within GAP pixels) until none can be. */
static void merge_cands(candvec *cv, double off, int gap)
{
	int changed = 1;
	while (changed) {
		changed = 0;
		qsort(cv->v, cv->n, sizeof *cv->v, cand_cmp);
		for (size_t i = 0; i < cv->n; i++) {
			cand_t *p = &cv->v[i];
			if (p->dead)
				continue;
			for (size_t j = i + 1; j < cv->n && cv->v[j].c - p->c <= off; j++) {
				cand_t *q = &cv->v[j];
				if (q->dead)
					continue;
				int lo = p->a > q->a ? p->a : q->a;
				int hi = p->b < q->b ? p->b : q->b;
				if (lo - hi - 1 > gap) /* the gap between the two extents */
					continue;
				double lp = p->b - p->a + 1, lq = q->b - q->a + 1;
				p->c = (p->c * lp + q->c * lq) / (lp + lq);
				p->thick = p->thick > q->thick ? p->thick : q->thick;
				p->a = p->a < q->a ? p->a : q->a;
				p->b = p->b > q->b ? p->b : q->b;
				q->dead = 1;
				changed = 1;
			}
		}
		size_t k = 0;
		for (size_t i = 0; i < cv->n; i++)
			if (!cv->v[i].dead)
				cv->v[k++] = cv->v[i];
		cv->n = k;
	}
}

/* Adds to CV the candidates of one pass over mask M (ink bit BIT); see find_dir. */
static int find_pass(const unsigned char *m, int w, int h, double scale, int horiz,
                     unsigned bit, candvec *cv, size_t *fills)
{
	runvec rv = {NULL, 0, 0};
	int gap = (int)lround(RUN_GAP_PT * scale);
	int mincnt = (int)lround(RUN_MIN_PT * scale);
	int rc = horiz ? scan_rows(m, w, h, bit, gap, mincnt, &rv)
	               : scan_cols(m, w, h, bit, gap, mincnt, &rv);
	if (rc == 0)
		rc = runs_to_cands(&rv, gap, MAX_THICK_PT * scale, cv, fills);
	free(rv.v);
	return rc;
}

/* Finds the segments of the W x H mask M, horizontal ones when HORIZ else vertical ones,
   and stores them, in points, in *SEGS / *NSEGS (NULL / 0 when none).  When the first pass
   met fills (ink thicker than a rule), a second pass with black ink only recovers the rules
   that bordered a dark fill and were taken into it; the merge removes duplicates. */
static int find_dir(const unsigned char *m, int w, int h, double scale, int horiz,
                    rulings_seg **segs, size_t *nsegs)
{
	candvec cv = {NULL, 0, 0};
	double minlen = (horiz ? MIN_LEN_H_PT : MIN_LEN_V_PT) * scale;
	size_t fills = 0, fills2 = 0;
	int rc = -1;

	*segs = NULL;
	*nsegs = 0;
	if (find_pass(m, w, h, scale, horiz, horiz ? PIX_H : PIX_V, &cv, &fills) != 0)
		goto done;
	if (fills > 0 && find_pass(m, w, h, scale, horiz, horiz ? PIX_HB : PIX_VB, &cv, &fills2) != 0)
		goto done;
	merge_cands(&cv, MERGE_OFF_PT * scale, (int)lround(MERGE_GAP_PT * scale));

	size_t keep = 0;
	for (size_t i = 0; i < cv.n; i++)
		if (cv.v[i].b - cv.v[i].a + 1 >= minlen)
			keep++;
	if (keep > 0) {
		rulings_seg *s = malloc(keep * sizeof *s);
		if (s == NULL)
			goto done;
		size_t k = 0;
		for (size_t i = 0; i < cv.n; i++) {
			const cand_t *c = &cv.v[i];
			if (c->b - c->a + 1 < minlen)
				continue;
			double axis = c->c / scale, lo = c->a / scale, hi = (c->b + 1) / scale;
			if (horiz)
				s[k] = (rulings_seg){lo, axis, hi, axis, c->thick / scale};
			else
				s[k] = (rulings_seg){axis, lo, axis, hi, c->thick / scale};
			k++;
		}
		*segs = s;
		*nsegs = keep;
	}
	rc = 0;
done:
	free(cv.v);
	return rc;
}

static int seg_cmp_h(const void *pa, const void *pb)
{
	const rulings_seg *a = pa, *b = pb;
	if (a->y0 != b->y0)
		return a->y0 < b->y0 ? -1 : 1;
	return (a->x0 > b->x0) - (a->x0 < b->x0);
}

static int seg_cmp_v(const void *pa, const void *pb)
{
	const rulings_seg *a = pa, *b = pb;
	if (a->x0 != b->x0)
		return a->x0 < b->x0 ? -1 : 1;
	return (a->y0 > b->y0) - (a->y0 < b->y0);
}

int rulings_render(PopplerPage *page, rulings_image *img, char *errbuf, size_t errlen)
{
	if (errbuf != NULL && errlen > 0)
		errbuf[0] = '\0';
	if (img == NULL || page == NULL) {
		set_err(errbuf, errlen, img == NULL ? "no image given" : "no page given");
		return -1;
	}
	memset(img, 0, sizeof *img);
	double pw = 0, ph = 0;
	poppler_page_get_size(page, &pw, &ph);
	if (!(pw > 0 && ph > 0 && pw < 1e6 && ph < 1e6)) {
		set_err(errbuf, errlen, "the page has an unusable size %gx%g", pw, ph);
		return -1;
	}
	double scale = RULINGS_SCALE;
	if (pw * scale * ph * scale > (double)MAX_PIXELS)
		scale = sqrt((double)MAX_PIXELS / (pw * ph));
	int w = (int)ceil(pw * scale), h = (int)ceil(ph * scale);
	if (w < 1 || h < 1 || w > 32767 || h > 32767) {
		set_err(errbuf, errlen, "a page image of %dx%d pixels is out of range", w, h);
		return -1;
	}
	img->lum = render_lum(page, scale, w, h, errbuf, errlen);
	if (img->lum == NULL)
		return -1;
	img->w = w;
	img->h = h;
	img->scale = scale;
	return 0;
}

void rulings_image_release(rulings_image *img)
{
	if (img == NULL)
		return;
	free(img->lum);
	memset(img, 0, sizeof *img);
}

int rulings_analyze(const rulings_image *img, const rulings_box *boxes, size_t n, rulings_set *out,
                    char *errbuf, size_t errlen)
{
	if (errbuf != NULL && errlen > 0)
		errbuf[0] = '\0';
	if (out == NULL) {
		set_err(errbuf, errlen, "no output set given");
		return -1;
	}
	memset(out, 0, sizeof *out);
	if (img == NULL || img->lum == NULL || (boxes == NULL && n > 0)) {
		set_err(errbuf, errlen, img == NULL || img->lum == NULL ? "no page image given" : "no boxes given but n > 0");
		return -1;
	}
	int w = img->w, h = img->h;
	double scale = img->scale;
	unsigned char *m = ink_mask(img->lum, w, h);
	int rc = -1;
	if (m != NULL) {
		mask_boxes(m, w, h, scale, boxes, n);
		rc = find_dir(m, w, h, scale, 1, &out->h, &out->nh);
		if (rc == 0)
			rc = find_dir(m, w, h, scale, 0, &out->v, &out->nv);
		free(m);
	}
	if (rc != 0) {
		rulings_set_release(out);
		set_err(errbuf, errlen, "out of memory while finding rulings");
		return -1;
	}
	if (out->nh > 1)
		qsort(out->h, out->nh, sizeof *out->h, seg_cmp_h);
	if (out->nv > 1)
		qsort(out->v, out->nv, sizeof *out->v, seg_cmp_v);
	return 0;
}

int rulings_find(PopplerPage *page, const rulings_box *boxes, size_t n, rulings_set *out,
                 char *errbuf, size_t errlen)
{
	rulings_image img;
	int rc;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (out == NULL) {
		set_err(errbuf, errlen, "no output set given");
		return -1;
	}
	if (boxes == NULL && n > 0) {
		set_err(errbuf, errlen, "no boxes given but n > 0");
		return -1;
	}
	if (rulings_render(page, &img, errbuf, errlen) != 0)
		return -1;
	rc = rulings_analyze(&img, boxes, n, out, errbuf, errlen);
	rulings_image_release(&img);
	return rc;
}

void rulings_set_release(rulings_set *set)
{
	if (set == NULL)
		return;
	free(set->h);
	free(set->v);
	set->h = set->v = NULL;
	set->nh = set->nv = 0;
}
