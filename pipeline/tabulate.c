/* tabulate.c — grids from table regions (see tabulate.h for the methods).
 *
 * Work is in two steps: each page region becomes raw rows (text per cell) by
 * one method; then the rows of the whole table are finished in one place:
 * repeated headers dropped, header rows and paths, codes, labels, roles, types.
 */
#include "tabulate.h"
#include "forms.h"
#include "normalize.h"
#include "number.h"

#include <math.h>
#include <string.h>

#define TAB_MAX_COLS 64
#define TAB_MAX_HEADER 6
#define TAB_SNAP 2.0 /* points: rulings closer than this are one */

typedef struct {
	long page;
	GPtrArray *cells; /* char * */
	GArray *anchor;   /* long: the first column of the merged cell covering each
	                     column (ruled tables), or NULL when unknown */
	int block;        /* 1: folded from the right half of a side-by-side table */
} raw_row;

static void raw_row_clear(gpointer p)
{
	raw_row *r = p;
	g_ptr_array_unref(r->cells);
	if (r->anchor)
		g_array_unref(r->anchor);
}

static raw_row *tab_new_row(GArray *rows, long page, long ncols)
{
	raw_row r = { page, g_ptr_array_new_with_free_func(g_free), NULL, 0 };
	for (long c = 0; c < ncols; c++)
		g_ptr_array_add(r.cells, g_strdup(""));
	g_array_append_val(rows, r);
	return &g_array_index(rows, raw_row, rows->len - 1);
}

/* Appends TEXT to cell C of ROW: nothing between CJK characters, a space otherwise. */
static void tab_cell_append(raw_row *row, long c, const char *text)
{
	char *old;
	const char *end;
	int join_cjk;

	while ((long)row->cells->len <= c)
		g_ptr_array_add(row->cells, g_strdup(""));
	old = g_ptr_array_index(row->cells, c);
	if (!*old) {
		g_ptr_array_index(row->cells, c) = g_strdup(text);
		g_free(old);
		return;
	}
	end = g_utf8_prev_char(old + strlen(old));
	join_cjk = normalize_is_cjk(g_utf8_get_char(end)) || normalize_is_cjk(g_utf8_get_char(text));
	g_ptr_array_index(row->cells, c) = g_strconcat(old, join_cjk ? "" : " ", text, NULL);
	g_free(old);
}

static gint tab_cmp_double(gconstpointer a, gconstpointer b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Sorts V and merges values closer than TAB_SNAP. */
static void tab_snap(GArray *v)
{
	guint w = 0;
	g_array_sort(v, tab_cmp_double);
	for (guint i = 0; i < v->len; i++) {
		double x = g_array_index(v, double, i);
		if (w && x - g_array_index(v, double, w - 1) < TAB_SNAP)
			continue;
		g_array_index(v, double, w++) = x;
	}
	g_array_set_size(v, w);
}

static long tab_band(const GArray *b, double x)
{
	for (guint i = 1; i < b->len; i++)
		if (x < g_array_index(b, double, i))
			return (long)i - 1;
	return (long)b->len - 2;
}

/* Region bounding box from its lines. */
static void tab_extent(const layout_page *pg, long from, long to, double *y0, double *y1)
{
	*y0 = G_MAXDOUBLE;
	*y1 = -G_MAXDOUBLE;
	for (long i = from; i <= to; i++) {
		const layout_line *l = &g_array_index(pg->lines, layout_line, i);
		*y0 = MIN(*y0, l->y0);
		*y1 = MAX(*y1, l->y1);
	}
}

/* Whether a ruling of RULES lies on axis position AT (x of a vertical, y of a
 * horizontal one) and covers position ALONG. */
static int tab_crossed(const GArray *rules, int vertical, double at, double along)
{
	for (guint i = 0; i < rules->len; i++) {
		const layout_rule *r = &g_array_index(rules, layout_rule, i);
		double axis = vertical ? r->x0 : r->y0;
		double lo = vertical ? r->y0 : r->x0, hi = vertical ? r->y1 : r->x1;
		if (fabs(axis - at) < TAB_SNAP && along >= lo - 1 && along <= hi + 1)
			return 1;
	}
	return 0;
}

/* Whether a line has a word that reads as an amount. */
static int tab_has_amount(const layout_page *pg, const layout_line *l)
{
	for (guint k = l->word0; k < l->word0 + l->nword; k++)
		if (number_parse(g_array_index(pg->words, layout_word, k).text, NULL) == NUM_NUMBER)
			return 1;
	return 0;
}

/* Ruled method; returns 0, or -1 when the page lacks the rulings for it.  A cell
 * is the face the rulings enclose: where an inner ruling is missing, cells are
 * merged, and the text goes to the merged cell's top-left column and band. */
static int tab_ruled(const layout_page *pg, long from, long to, GArray *rows)
{
	double ry0, ry1, xmin, xmax, yb;
	GArray *xs = g_array_new(FALSE, FALSE, sizeof(double));
	GArray *ys = g_array_new(FALSE, FALSE, sizeof(double));
	long ncols, base = (long)rows->len;
	GHashTable *index = g_hash_table_new(g_direct_hash, g_direct_equal);

	tab_extent(pg, from, to, &ry0, &ry1);
	yb = ry0;
	/* column edges are the vertical rulings that reach the rows with amounts: one
	 * that divides only header cells (a repeated header printed without its
	 * merged cell) makes no column */
	for (long i = from; i <= to; i++) {
		const layout_line *l = &g_array_index(pg->lines, layout_line, i);
		if (tab_has_amount(pg, l)) {
			yb = l->y0;
			break;
		}
	}
	for (guint i = 0; i < pg->vrules->len; i++) {
		const layout_rule *v = &g_array_index(pg->vrules, layout_rule, i);
		if (MIN(v->y1, ry1) - MAX(v->y0, yb) > 4)
			g_array_append_val(xs, v->x0);
	}
	tab_snap(xs);
	if (xs->len < 3) {
		g_array_unref(xs);
		g_array_unref(ys);
		g_hash_table_unref(index);
		return -1;
	}
	xmin = g_array_index(xs, double, 0);
	xmax = g_array_index(xs, double, xs->len - 1);
	for (guint i = 0; i < pg->hrules->len; i++) {
		const layout_rule *h = &g_array_index(pg->hrules, layout_rule, i);
		if (h->y0 > ry0 - 30 && h->y0 < ry1 + 30 && MIN(h->x1, xmax) - MAX(h->x0, xmin) > 4)
			g_array_append_val(ys, h->y0);
	}
	{
		double lo = ry0 - 1, hi = ry1 + 1;
		g_array_append_val(ys, lo);
		g_array_append_val(ys, hi);
	}
	tab_snap(ys);
	ncols = (long)xs->len - 1;
	for (long i = from; i <= to; i++) {
		const layout_line *l = &g_array_index(pg->lines, layout_line, i);
		for (guint k = l->word0; k < l->word0 + l->nword; k++) {
			const layout_word *w = &g_array_index(pg->words, layout_word, k);
			double cx = (w->x0 + w->x1) / 2;
			long rb = tab_band(ys, (w->y0 + w->y1) / 2), cb = tab_band(xs, cx);
			gpointer slot;
			raw_row *row;
			if (rb < 0 || cb < 0)
				continue;
			while (rb > 0 && !tab_crossed(pg->hrules, 0, g_array_index(ys, double, rb), cx))
				rb--;
			{
				double yc = (g_array_index(ys, double, rb) + g_array_index(ys, double, rb + 1)) / 2;
				while (cb > 0 && !tab_crossed(pg->vrules, 1, g_array_index(xs, double, cb), yc))
					cb--;
			}
			if (!g_hash_table_lookup_extended(index, GINT_TO_POINTER(rb + 1), NULL, &slot)) {
				raw_row *nr = tab_new_row(rows, pg->no, ncols);
				double yc = (g_array_index(ys, double, rb) + g_array_index(ys, double, rb + 1)) / 2;
				nr->anchor = g_array_sized_new(FALSE, FALSE, sizeof(long), (guint)ncols);
				for (long c = 0, a = 0; c < ncols; c++) {
					if (c == 0 || tab_crossed(pg->vrules, 1, g_array_index(xs, double, c), yc))
						a = c;
					g_array_append_val(nr->anchor, a);
				}
				slot = GINT_TO_POINTER(rows->len);
				g_hash_table_insert(index, GINT_TO_POINTER(rb + 1), slot);
			}
			row = &g_array_index(rows, raw_row, GPOINTER_TO_INT(slot) - 1);
			tab_cell_append(row, cb, w->text);
		}
	}
	/* rows were created in reading order of words; order them by band */
	{
		GArray *sorted = g_array_new(FALSE, TRUE, sizeof(raw_row));
		for (long b = 0; b < (long)ys->len; b++) {
			gpointer slot;
			if (g_hash_table_lookup_extended(index, GINT_TO_POINTER(b + 1), NULL, &slot))
				g_array_append_val(sorted, g_array_index(rows, raw_row, GPOINTER_TO_INT(slot) - 1));
		}
		for (guint k = 0; k < sorted->len; k++)
			g_array_index(rows, raw_row, base + (long)k) = g_array_index(sorted, raw_row, k);
		g_array_unref(sorted);
	}
	g_hash_table_unref(index);
	g_array_unref(xs);
	g_array_unref(ys);
	return 0;
}


/* The span each band of BANDS claims for words that overlap no band (a header
 * cell printed across a gap), into SPANS (x0, x1 pairs, as many as bands); WORDS
 * are the extents of the words the bands were made of.  A span is its band,
 * except that the first of two right-aligned bands in a row (the right edges of
 * their words agree: amount columns) after a band that is not (the names)
 * reaches left by the pitch of the amount columns, up to the band before it.
 * Amount columns of a table are mostly of one width, and a word in the gap
 * before the first of them that starts within that width is the text of that
 * column or of a span it begins (20XX年预算数 printed at the left of its span
 * over 合计 | 基本支出 | 项目支出), however far the longest name reaches into
 * the gap. */
static void tab_spans(const GArray *words, const GArray *bands, GArray *spans)
{
	guint n = bands->len;
	double *lo = g_new(double, n ? n : 1), *hi = g_new(double, n ? n : 1);
	long *count = g_new0(long, n ? n : 1); /* words of the band, then whether it is right-aligned */

	for (guint b = 0; b < n; b++) {
		lo[b] = G_MAXDOUBLE;
		hi[b] = -G_MAXDOUBLE;
	}
	for (guint k = 0; k < words->len; k++) {
		const double *w = &g_array_index(words, double, 2 * k);
		for (guint b = 0; b < n; b++) {
			const double *x = &g_array_index(bands, double, 2 * b);
			if (w[0] >= x[0] && w[1] <= x[1]) {
				lo[b] = MIN(lo[b], w[1]);
				hi[b] = MAX(hi[b], w[1]);
				count[b]++;
				break;
			}
		}
	}
	for (guint b = 0; b < n; b++) /* two words or more, one right edge */
		count[b] = count[b] >= 2 && hi[b] - lo[b] <= TAB_SNAP;
	g_array_set_size(spans, 0);
	g_array_append_vals(spans, bands->data, n);
	for (guint b = 1; b + 1 < n; b++) {
		double *x = &g_array_index(spans, double, 2 * b);
		double before = g_array_index(bands, double, 2 * (b - 1) + 1);
		if (count[b] && count[b + 1] && !count[b - 1])
			x[0] = MIN(x[0], MAX(before, hi[b] - (hi[b + 1] - hi[b])));
	}
	g_free(lo);
	g_free(hi);
	g_free(count);
}

/* Appends to IV (x0, x1 pairs) the extents of the words the aligned method
 * makes columns of, in lines FROM..TO of PG: those of the lines that hold
 * amounts (their cells align, left or right), or, without two such lines and
 * unless AMOUNTS_ONLY, of every line with two or more words. */
static void tab_column_words(const layout_page *pg, long from, long to, int amounts_only, GArray *iv)
{
	int data_rows = 0;
	for (long i = from; i <= to; i++)
		data_rows += tab_has_amount(pg, &g_array_index(pg->lines, layout_line, i));
	for (long i = from; i <= to; i++) {
		const layout_line *l = &g_array_index(pg->lines, layout_line, i);
		if (l->nword < 2 || ((data_rows >= 2 || amounts_only) && !tab_has_amount(pg, l)))
			continue;
		for (guint k = l->word0; k < l->word0 + l->nword; k++) {
			const layout_word *w = &g_array_index(pg->words, layout_word, k);
			double x[2] = { w->x0, w->x1 };
			g_array_append_vals(iv, x, 1);
		}
	}
}

/* Aligned method: rows are lines, columns the merged extents of the column
 * words (tab_column_words) of lines FROM..TO of PG and of OTHERS (those of the
 * amount lines of the table's other pages of the same width, or NULL): a column
 * left blank on one
 * page of a long table (a continuation page of basic-expenditure rows has no
 * 项目支出) is still a column there.  Header words are then put in the column
 * they overlap, or whose span (tab_spans) they overlap, or are nearest to. */
static void tab_aligned(const layout_page *pg, long from, long to, const GArray *others, GArray *rows)
{
	GArray *iv = g_array_new(FALSE, FALSE, sizeof(double) * 2);
	GArray *bands = g_array_new(FALSE, FALSE, sizeof(double) * 2);
	GArray *spans = g_array_new(FALSE, FALSE, sizeof(double) * 2);

	/* with amount lines on other pages, this page's other lines make no column */
	tab_column_words(pg, from, to, others && others->len, iv);
	if (others)
		g_array_append_vals(iv, others->data, others->len);
	g_array_sort(iv, tab_cmp_double);
	for (guint k = 0; k < iv->len; k++) {
		double *x = &g_array_index(iv, double, 2 * k);
		double *last = bands->len ? &g_array_index(bands, double, 2 * (bands->len - 1)) : NULL;
		if (last && x[0] <= last[1] + 1)
			last[1] = MAX(last[1], x[1]);
		else
			g_array_append_vals(bands, x, 1);
	}
	tab_spans(iv, bands, spans);
	for (long i = from; i <= to; i++) {
		const layout_line *l = &g_array_index(pg->lines, layout_line, i);
		raw_row *row = tab_new_row(rows, pg->no, (long)MAX(bands->len, 1));
		for (guint k = l->word0; k < l->word0 + l->nword; k++) {
			const layout_word *w = &g_array_index(pg->words, layout_word, k);
			long best = 0;
			double bestv = -G_MAXDOUBLE;
			for (guint b = 0; b < spans->len; b++) {
				double *x = &g_array_index(spans, double, 2 * b);
				double ov = MIN(x[1], w->x1) - MAX(x[0], w->x0);
				if (ov <= 0)
					ov = -MIN(fabs(w->x0 - x[1]), fabs(x[0] - w->x1));
				if (ov > bestv) {
					bestv = ov;
					best = (long)b;
				}
			}
			tab_cell_append(row, best, w->text);
		}
	}
	g_array_unref(iv);
	g_array_unref(bands);
	g_array_unref(spans);
}

static void tab_tabs(const layout_page *pg, long from, long to, GArray *rows)
{
	for (long i = from; i <= to; i++) {
		const layout_line *l = &g_array_index(pg->lines, layout_line, i);
		gchar **parts = g_strsplit(l->text, "\t", TAB_MAX_COLS);
		raw_row *row = tab_new_row(rows, pg->no, 0);
		for (int c = 0; parts[c]; c++)
			g_ptr_array_add(row->cells, g_strstrip(g_strdup(parts[c])));
		g_strfreev(parts);
	}
}

/* The text of a row, its cells joined without separators or spaces: a header
 * repeated after a page break has the same key even where the aligned method
 * cut it into other columns on that page (its columns come from that page's
 * amounts). */
static char *tab_row_key(const raw_row *r)
{
	GString *k = g_string_new(NULL);
	for (guint c = 0; c < r->cells->len; c++)
		for (const char *p = g_ptr_array_index(r->cells, c); *p; p++)
			if (!g_ascii_isspace(*p))
				g_string_append_c(k, *p);
	return g_string_free(k, FALSE);
}

static int tab_is_code(rules_set *rs, const char *cls, const char *text)
{
	return *text && rules_match(rs, cls, text, NULL, NULL) != NULL;
}

/* Finds the row's code (one column, or 类|款|项 columns) in the cells from column
 * FROM on and returns how many cells it used. */
static int tab_code(rules_set *rs, grid_table *t, long r, long from, GString *code)
{
	const char *c0 = t->cols > from ? grid_at(t, r, from)->text : "";
	const char *c1 = t->cols > from + 1 ? grid_at(t, r, from + 1)->text : "";
	const char *c2 = t->cols > from + 2 ? grid_at(t, r, from + 2)->text : "";
	const rule *p0 = *c0 ? rules_match(rs, "code-part", c0, NULL, NULL) : NULL;

	g_string_truncate(code, 0);
	if (p0 && !strcmp(p0->value, "3") && strlen(c0) == 3 && strlen(c1) == 2 && tab_is_code(rs, "code-part", c1)) {
		g_string_append(code, c0);
		g_string_append(code, c1);
		if (strlen(c2) == 2 && tab_is_code(rs, "code-part", c2)) {
			g_string_append(code, c2);
			return 3;
		}
		return 2;
	}
	if (tab_is_code(rs, "code", c0)) {
		g_string_append(code, c0);
		return 1;
	}
	return 0;
}

/* The first column whose header path matches a rule of class CLS, or -1. */
static long tab_find_col(rules_set *rs, const grid_table *t, const char *cls)
{
	for (long c = 0; c < t->cols; c++)
		if (*t->path[c] && rules_match(rs, cls, t->path[c], NULL, NULL))
			return c;
	return -1;
}

/* Retypes cell X as TYPE, a kind of text that carries no amount (value cleared). */
static void tab_retype(grid_cell *x, const char *type)
{
	g_free(x->type);
	x->type = g_strdup(type);
	g_free(x->value);
	x->value = g_strdup("");
}

/* Every number in a column of row numbers (序号, by the `index-column` rules) is
 * typed `ordinal`: it counts rows, it is no amount. */
static void tab_ordinals(grid_table *t, rules_set *rs)
{
	for (long c = 0; c < t->cols; c++) {
		if (!*t->path[c] || !rules_match(rs, "index-column", t->path[c], NULL, NULL))
			continue;
		for (long r = t->header_rows; r < t->rows; r++)
			if (!strcmp(grid_at(t, r, c)->type, "number"))
				tab_retype(grid_at(t, r, c), "ordinal");
	}
}

static int tab_is_data_row(grid_table *t, long r, rules_set *rs)
{
	GString *code = g_string_new(NULL);
	int used = tab_code(rs, t, r, 0, code);
	g_string_free(code, TRUE);
	if (used)
		return 1;
	for (long c = 0; c < t->cols; c++) {
		num_type nt = number_parse(grid_at(t, r, c)->text, NULL);
		if (nt == NUM_NUMBER)
			return 1;
	}
	return 0;
}

/* Whether row R of a continuation page repeats header text: no amount, no code,
 * and every cell a piece of HDRTEXT (the first page's header rows joined).  A
 * repeated header may be cut into other rows and columns than the first one
 * (a producer that prints it without some of its rulings). */
static int tab_header_words(const raw_row *r, const char *hdrtext, rules_set *rs)
{
	int any = 0;
	for (guint c = 0; c < r->cells->len; c++) {
		const char *cell = g_ptr_array_index(r->cells, c);
		GString *k;
		int in;
		if (!*cell)
			continue;
		if (number_parse(cell, NULL) == NUM_NUMBER || tab_is_code(rs, "code", cell) || tab_is_code(rs, "code-part", cell))
			return 0;
		k = g_string_new(NULL);
		for (const char *p = cell; *p; p++)
			if (!g_ascii_isspace(*p))
				g_string_append_c(k, *p);
		in = k->len && strstr(hdrtext, k->str) != NULL;
		g_string_free(k, TRUE);
		if (!in)
			return 0;
		any = 1;
	}
	return any;
}

/* Text of header cell (R, C) of the header rows RAW (missing cells are ""). */
static const char *tab_htext(GArray *raw, long r, long c)
{
	const raw_row *rr = &g_array_index(raw, raw_row, r);
	return c < (long)rr->cells->len ? g_ptr_array_index(rr->cells, c) : "";
}

/* The N-th (0-based) non-empty text of header row R of RAW at columns FROM..NCOLS-1,
 * or NULL; *COUNT (when not NULL) is set to how many there are. */
static const char *tab_nth_text(GArray *raw, long r, long from, long ncols, long n, long *count)
{
	const char *found = NULL;
	long k = 0;

	for (long c = from; c < ncols; c++) {
		const char *t = tab_htext(raw, r, c);
		if (!*t)
			continue;
		if (k == n)
			found = t;
		k++;
	}
	if (count)
		*count = k;
	return found;
}

/* Whether columns FROM..NCOLS-1 of header row R repeat one block of W columns
 * holding at least two texts. */
static int tab_repeats(GArray *raw, long r, long from, long ncols, long w)
{
	long filled = 0;

	for (long j = 0; j < w; j++) {
		const char *a = tab_htext(raw, r, from + j);
		filled += *a != '\0';
		for (long b = from + w + j; b < ncols; b += w)
			if (strcmp(a, tab_htext(raw, r, b)) != 0)
				return 0;
	}
	return filled >= 2;
}

/* A header row R over repeated sub-headers: when row R+1 repeats one block M >= 2
 * times from column *FROM on, and row R holds exactly M texts there, the i-th text
 * heads the i-th block wherever it is printed in it (2024年预算数 printed one column
 * into the 2023 block).  Returns the block width (0: not such a row). */
static long tab_year_blocks(GArray *raw, long r, long h, long ncols, long *from)
{
	if (r + 1 >= h)
		return 0;
	for (long p = 0; ncols - p >= 4; p++)
		for (long m = 2; (ncols - p) / m >= 2; m++) {
			long texts;
			if ((ncols - p) % m || !tab_repeats(raw, r + 1, p, ncols, (ncols - p) / m))
				continue;
			tab_nth_text(raw, r, p, ncols, 0, &texts);
			if (texts != m)
				return 0;
			*from = p;
			return (ncols - p) / m;
		}
	return 0;
}

/* Header path of every column (PATHS, NCOLS of them, replaced) from the H header
 * rows of RAW: the header texts above it, top to bottom.  In a ruled table the
 * merged cell covering the column is known (anchors); else a header over repeated
 * sub-headers heads its block (tab_year_blocks), and an empty header cell takes
 * the nearest text on its left when some cell below it in its column is filled (a
 * cell spanning columns: 2024年预算数 over 合计 … 公务接待费). */
static void tab_paths(char **paths, long ncols, GArray *raw, long h)
{
	long *bw = g_new0(long, h ? h : 1), *bfrom = g_new0(long, h ? h : 1);

	for (long r = 0; r < h; r++)
		if (!g_array_index(raw, raw_row, r).anchor)
			bw[r] = tab_year_blocks(raw, r, h, ncols, &bfrom[r]);
	for (long c = 0; c < ncols; c++) {
		GString *p = g_string_new(NULL);
		const char *prev = NULL;
		for (long r = 0; r < h; r++) {
			const raw_row *rr = &g_array_index(raw, raw_row, r);
			const char *txt = tab_htext(raw, r, c);
			if (rr->anchor && c < (long)rr->anchor->len) {
				txt = tab_htext(raw, r, g_array_index(rr->anchor, long, c));
			} else if (bw[r] && c >= bfrom[r]) {
				txt = tab_nth_text(raw, r, bfrom[r], ncols, (c - bfrom[r]) / bw[r], NULL);
			} else if (!*txt && r + 1 < h) {
				int below = 0;
				for (long k = r + 1; k < h && !below; k++)
					below = *tab_htext(raw, k, c) != '\0';
				for (long k = c - 1; below && k >= 0 && !*txt; k--)
					txt = tab_htext(raw, r, k);
			}
			if (*txt && (!prev || strcmp(prev, txt) != 0)) {
				if (p->len)
					g_string_append(p, " / ");
				g_string_append(p, txt);
				prev = txt;
			}
		}
		g_free(paths[c]);
		paths[c] = g_string_free(p, FALSE);
	}
	g_free(bw);
	g_free(bfrom);
}

static char *tab_compact(const char *s)
{
	GString *o = g_string_new(NULL);
	for (const char *p = s; *p; p++)
		if (*p != ' ')
			g_string_append_c(o, *p);
	return g_string_free(o, FALSE);
}

/* Appends to TO a row made of the right half (columns HALF..NCOLS-1) of row I of
 * RAW, anchors shifted with it; returns it.  TO may be RAW. */
static raw_row *tab_right_half(GArray *raw, guint i, long half, long ncols, GArray *to)
{
	raw_row *dst = tab_new_row(to, g_array_index(raw, raw_row, i).page, 0);
	const raw_row *src = &g_array_index(raw, raw_row, i); /* after the append: RAW may have moved */
	for (long c = half; c < (long)src->cells->len; c++)
		g_ptr_array_add(dst->cells, g_strdup(g_ptr_array_index(src->cells, c)));
	if (src->anchor && (long)src->anchor->len == ncols) {
		dst->anchor = g_array_new(FALSE, FALSE, sizeof(long));
		for (long c = half; c < ncols; c++) {
			long a = MAX(g_array_index(src->anchor, long, c) - half, 0);
			g_array_append_val(dst->anchor, a);
		}
	}
	return dst;
}

/* A table printed as two tables side by side (人员经费 | 公用经费, 收入 | 支出):
 * the last header row's right half repeats its left half.  Folds it into one
 * table, the right half's rows under the left half's, so every row has one code
 * and one label.  Returns 1 when folded. */
static int tab_fold(GArray *raw, long hdr, long ncols, GArray *rhead)
{
	raw_row *h;
	long half = ncols / 2, named = 0;
	guint n = raw->len;

	if (hdr < 1 || ncols < 4 || ncols % 2)
		return 0;
	h = &g_array_index(raw, raw_row, hdr - 1);
	for (long c = 0; c < half; c++) {
		const char *l = c < (long)h->cells->len ? g_ptr_array_index(h->cells, c) : "";
		const char *r = c + half < (long)h->cells->len ? g_ptr_array_index(h->cells, c + half) : "";
		if (strcmp(l, r) != 0)
			return 0;
		named += *l != '\0';
	}
	if (named < 2)
		return 0;
	{
		/* the right half must start with a column of row names, as the left
		 * half does; a header repeating 预算数|决算数 over number columns is
		 * one wide table, not two */
		long names = 0, filled = 0;
		for (guint i = (guint)hdr; i < n; i++) {
			raw_row *r = &g_array_index(raw, raw_row, i);
			const char *c = half < (long)r->cells->len ? g_ptr_array_index(r->cells, half) : "";
			if (!*c)
				continue;
			filled++;
			names += number_parse(c, NULL) == NUM_TEXT || (strlen(c) <= 7 && strspn(c, "0123456789") == strlen(c));
		}
		if (filled == 0 || names * 2 < filled)
			return 0;
	}
	for (guint i = (guint)hdr; i < n; i++) {
		raw_row *src = &g_array_index(raw, raw_row, i);
		raw_row *dst;
		int any = 0;
		for (long c = half; c < (long)src->cells->len; c++)
			any |= *(char *)g_ptr_array_index(src->cells, c) != '\0';
		if (!any)
			continue;
		dst = tab_right_half(raw, i, half, ncols, raw);
		dst->block = 1;
	}
	for (long i = 0; i < hdr; i++) /* the right half's own header rows */
		tab_right_half(raw, (guint)i, half, ncols, rhead);
	for (guint i = 0; i < raw->len; i++) {
		raw_row *r = &g_array_index(raw, raw_row, i);
		if ((long)r->cells->len > half)
			g_ptr_array_set_size(r->cells, (guint)half);
		if (r->anchor && (long)r->anchor->len > half)
			g_array_set_size(r->anchor, (guint)half);
	}
	return 1;
}

/* Each row's code, label and role.  The code is read in the column the
 * `code-column` rules name by its header (科目编码: the third column of a project
 * table), else in the first; the label is the first text after it. */
static void tab_rows(grid_table *t, rules_set *rs)
{
	GString *code = g_string_new(NULL);
	long from = MAX(tab_find_col(rs, t, "code-column"), 0);

	for (long r = 0; r < t->rows; r++) {
		grid_row *row = &t->row[r];
		int head = r < t->header_rows, used = head ? 0 : tab_code(rs, t, r, from, code);
		g_free(row->role);
		g_free(row->code);
		g_free(row->label);
		row->code = g_strdup(used ? code->str : "");
		row->label = g_strdup("");
		for (long c = from; c < from + used; c++)
			tab_retype(grid_at(t, r, c), "code");
		for (long c = from + used; c < t->cols && !head; c++)
			if (!strcmp(grid_at(t, r, c)->type, "text") &&
			    !rules_match(rs, "label-skip", grid_at(t, r, c)->text, NULL, NULL)) {
				g_free(row->label);
				row->label = tab_compact(grid_at(t, r, c)->text);
				break;
			}
		if (head)
			row->role = g_strdup("header");
		else if (*row->label && rules_match(rs, "total", row->label, NULL, NULL))
			row->role = g_strdup("total");
		else
			row->role = g_strdup("body");
	}
	g_string_free(code, TRUE);
}

/* How many leading rows of the first-pass grid T (rows of RAW) are header rows:
 * those before the first row with an amount or a code, on the first page.  A form
 * (a table with an in-table header, forms.h) has none: its first rows are fields. */
static long tab_header_rows(grid_table *t, GArray *raw, rules_set *rs)
{
	long hdr = 0, first_page = raw->len ? g_array_index(raw, raw_row, 0).page : 0;

	for (long r = 0; r < t->rows; r++)
		if (forms_is_header(t, r, rs))
			return 0;
	while (hdr < t->rows && hdr < TAB_MAX_HEADER && !tab_is_data_row(t, hdr, rs) &&
	       g_array_index(raw, raw_row, hdr).page == first_page)
		hdr++;
	if (hdr == t->rows || hdr == TAB_MAX_HEADER) {
		/* no amounts (an empty template, a text table): the body starts at the
		 * first row named like a body row (一、…, 合计, a code), by the
		 * `body-start` rules */
		hdr = t->rows > 1 ? 1 : 0;
		for (long r = 0; r < t->rows && r < TAB_MAX_HEADER + 1; r++) {
			const char *first = "";
			for (long c = 0; c < t->cols && !*first; c++)
				first = grid_at(t, r, c)->text;
			if (*first && rules_match(rs, "body-start", first, NULL, NULL))
				return r;
		}
	}
	return hdr;
}

/* Builds the grid of table NO from RAW rows (see the file comment). */
static void tab_finish(grids *g, long no, const char *method, GArray *raw, rules_set *rs)
{
	long ncols = 0, hdr = 0, nrows, first_page = raw->len ? g_array_index(raw, raw_row, 0).page : 0;
	grid_table *t;
	GHashTable *headers = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GArray *keep = g_array_new(FALSE, FALSE, sizeof(guint));
	GArray *rhead = g_array_new(FALSE, TRUE, sizeof(raw_row));
	long body = 0, consistent = 0;
	GString *hdrtext = g_string_new(NULL); /* the header rows' texts, joined */
	int leading = 0; /* rows above the first body row of a continuation page */

	for (guint i = 0; i < raw->len; i++) {
		raw_row *r = &g_array_index(raw, raw_row, i);
		while (r->cells->len && !*(char *)g_ptr_array_index(r->cells, r->cells->len - 1))
			g_ptr_array_set_size(r->cells, r->cells->len - 1);
		ncols = MAX(ncols, (long)r->cells->len);
	}
	/* a first pass to find the header rows on the first page */
	t = grids_add_table(g, no, method, (long)raw->len, ncols);
	for (guint i = 0; i < raw->len; i++) {
		raw_row *r = &g_array_index(raw, raw_row, i);
		for (guint c = 0; c < r->cells->len; c++) {
			const char *txt = g_ptr_array_index(r->cells, c);
			grid_set(t, (long)i, (long)c, number_type_name(number_parse(txt, NULL)), "", txt);
		}
	}
	hdr = tab_header_rows(t, raw, rs);
	if (tab_fold(raw, hdr, ncols, rhead))
		ncols /= 2;
	for (guint i = 0; i < raw->len; i++) {
		raw_row *r = &g_array_index(raw, raw_row, i);
		char *key = tab_row_key(r);
		if (i > 0 && r->page != g_array_index(raw, raw_row, i - 1).page)
			leading = 1; /* the top of a continuation page */
		if ((long)i < hdr) {
			g_string_append(hdrtext, key);
			g_hash_table_add(headers, key);
		} else if (*key == '\0' || g_hash_table_contains(headers, key) ||
		           (leading && r->page != first_page && tab_header_words(r, hdrtext->str, rs))) {
			g_free(key); /* a header repeated after a page break, or an empty row */
			continue;
		} else {
			g_free(key);
		}
		leading = 0;
		g_array_append_val(keep, i);
	}
	g_string_free(hdrtext, TRUE);
	/* the real table, without the dropped rows */
	g_ptr_array_remove(g->tables, t);
	nrows = (long)keep->len;
	t = grids_add_table(g, no, method, nrows, ncols);
	t->header_rows = hdr;
	for (long r = 0; r < nrows; r++) {
		raw_row *src = &g_array_index(raw, raw_row, g_array_index(keep, guint, r));
		t->row[r].page = src->page;
		t->row[r].block = src->block;
		for (guint c = 0; c < src->cells->len; c++) {
			const char *txt = g_ptr_array_index(src->cells, c);
			char *val = NULL;
			num_type nt = r < hdr ? NUM_TEXT : number_parse(txt, &val);
			if (*txt)
				grid_set(t, r, (long)c, number_type_name(nt), val, txt);
			g_free(val);
		}
	}
	tab_paths(t->path, t->cols, raw, hdr);
	if (rhead->len)
		tab_paths(t->path2, t->cols, rhead, (long)rhead->len);
	tab_rows(t, rs);
	tab_ordinals(t, rs);
	forms_read(t, rs);
	/* quality: body cells whose type agrees with their column's number-ness */
	for (long c = 0; c < t->cols; c++) {
		long nums = 0, texts = 0;
		for (long r = hdr; r < nrows; r++) {
			const char *ty = grid_at(t, r, c)->type;
			nums += !strcmp(ty, "number") || !strcmp(ty, "percent");
			texts += !strcmp(ty, "text") || !strcmp(ty, "bad");
		}
		body += nums + texts;
		consistent += MAX(nums, texts);
	}
	t->quality = body ? (double)consistent / (double)body : 1.0;
	g_array_set_clear_func(rhead, raw_row_clear);
	g_array_unref(rhead);
	g_array_unref(keep);
	g_hash_table_unref(headers);
}

/* The page of region RI of S when it is a region of table NO with valid lines,
 * else NULL. */
static const layout_page *tab_region_page(const layout_doc *L, const segments *S, guint ri, long no)
{
	const seg_region *rg = &g_array_index(S->regions, seg_region, ri);
	const layout_page *pg;
	if (rg->table != no || rg->page < 1 || rg->page > (long)L->pages->len)
		return NULL;
	pg = g_ptr_array_index(L->pages, rg->page - 1);
	if (rg->from < 0 || rg->to >= (long)pg->lines->len || rg->from > rg->to)
		return NULL;
	return pg;
}

grids *tabulate(const layout_doc *L, const segments *S, rules_set *rs)
{
	grids *g = grids_new(S->doc);
	int text_input = strcmp(L->input, "text") == 0;

	g->status = S->status;
	g_free(g->error);
	g->error = g_strdup(S->error);
	for (guint ti = 0; ti < S->tables->len; ti++) {
		const seg_table *st = &g_array_index(S->tables, seg_table, ti);
		GArray *raw = g_array_new(FALSE, TRUE, sizeof(raw_row));
		const char *method = "empty";
		int ruled = 0, aligned = 0;

		g_array_set_clear_func(raw, raw_row_clear);
		for (guint ri = 0; ri < S->regions->len; ri++) {
			const layout_page *pg = tab_region_page(L, S, ri, st->no);
			const seg_region *rg = &g_array_index(S->regions, seg_region, ri);
			if (!pg)
				continue;
			if (text_input) {
				tab_tabs(pg, rg->from, rg->to, raw);
			} else if (tab_ruled(pg, rg->from, rg->to, raw) == 0) {
				ruled = 1;
			} else {
				/* the column words of the table's other pages of this width */
				GArray *others = g_array_new(FALSE, FALSE, sizeof(double) * 2);
				for (guint rj = 0; rj < S->regions->len; rj++) {
					const layout_page *pj = rj != ri ? tab_region_page(L, S, rj, st->no) : NULL;
					const seg_region *rgj = &g_array_index(S->regions, seg_region, rj);
					if (pj && fabs(pj->width - pg->width) < 1)
						tab_column_words(pj, rgj->from, rgj->to, 1, others);
				}
				tab_aligned(pg, rg->from, rg->to, others, raw);
				g_array_unref(others);
				aligned = 1;
			}
		}
		if (raw->len)
			method = text_input ? "tabs" : ruled && !aligned ? "ruled" : ruled ? "ruled+aligned" : "aligned";
		tab_finish(g, st->no, method, raw, rs);
		g_array_unref(raw);
	}
	return g;
}

int tabulate_run(const char *layout_path, const char *segments_path, const char *rules_path,
                 const char *out_path, bx_status *status, bx_err *err)
{
	rules_set *rs = rules_load(rules_path, err);
	layout_doc *L = NULL;
	segments *S = NULL;
	grids *g;
	int rc = -1;

	if (!rs)
		return -1;
	L = layout_read(layout_path, err);
	if (L)
		S = segments_read(segments_path, err);
	if (L && S) {
		g = tabulate(L, S, rs);
		rc = grids_write(g, out_path, err);
		*status = g->status;
		grids_free(g);
	}
	segments_free(S);
	layout_doc_free(L);
	rules_free(rs);
	return rc;
}
