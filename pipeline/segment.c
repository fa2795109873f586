/* segment.c — outline, metadata and table regions from a layout (see segment.h).
 *
 * One pass over the lines in reading order with two states: narrative and
 * inside a table.  A table starts at a title line (short, no sentence
 * punctuation, matching a `title` rule), optionally preceded by a `label` line;
 * it runs until the next table starts, so a continuation on the next page
 * (repeated title, unit line and header, or bare rows) stays in the same table.
 * A repeated identical title inside a table is a continuation, not a new table.
 * Lines of the title block (label, title, unit, issuer, notes) are not body
 * lines; body lines form the regions the tables stage reads.  Contents pages
 * and page numbers are dropped before anything else.  Headings are only looked
 * for in the narrative, since table rows such as "一、本年收入" look like them.
 * Running headers and footers (margin lines repeated on three pages or more)
 * are dropped too.
 * In a PDF, everything after 目录 on its page is contents; on the next page, only
 * lines shaped like contents entries are.
 */
#include "segment.h"
#include "normalize.h"

#include <string.h>

#define SEG_TITLE_MAX 60   /* characters: a longer line is a sentence, not a title */
#define SEG_META_LINES 15  /* cover/title lines searched first for metadata */

typedef struct {
	long page, idx;
	const layout_line *line;
	char *text;
	double page_h;
	int dropped;
	int cells;  /* TAB-separated cells of the line */
	int ruled;  /* PDF: a vertical ruling runs beside the line (inside a ruled table) */
	int gap;    /* text input: a blank line comes before it */
	int skip;   /* bytes at the start already taken (a heading's tail) */
} seg_item;

char *segment_line_text(const char *text)
{
	GString *out = g_string_new(NULL);
	gunichar prev = 0;
	int pending_space = 0;

	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == '\t' || c == ' ') {
			pending_space = out->len > 0;
			continue;
		}
		if (pending_space && !(normalize_is_cjk(prev) || normalize_is_cjk(c)))
			g_string_append_c(out, ' ');
		pending_space = 0;
		g_string_append_unichar(out, c);
		prev = c;
	}
	return g_string_free(out, FALSE);
}

#define SEG_TITLE_TAIL 6 /* characters of a title's tail wrapped onto its own line */

static int seg_is_title_shape(const char *t)
{
	return g_utf8_strlen(t, -1) <= SEG_TITLE_MAX && !strstr(t, "。") && !strstr(t, "；") &&
	       !strstr(t, "，");
}

static char *seg_from(const seg_item *it, const rule *r)
{
	return g_strdup_printf("p%ld:l%ld rule %s", it->page, it->idx + 1, r->id);
}

/* Fills metadata KEY by the rules of class CLS, in file order (earlier rules
 * have priority): first on the cover (its title lines joined up to the one
 * with the year, so a title broken over lines reads whole, then each of its
 * lines), then on any line (or, with VOTE, by seg_vote_meta).  The value is
 * the rule's VALUE, or its named group GROUP when given. */
/* Off the cover, a value chosen by how many lines each rule matches (the
 * document's own wording outvotes a stray phrase); ties go to the earlier rule. */
static void seg_vote_meta(segments *s, rules_set *rs, GArray *items, const char *cls, const char *key)
{
	const rule *best = NULL;
	long best_n = 0;
	for (size_t k = 0; k < rs->n; k++) {
		const rule *r = &rs->v[k];
		long n = 0;
		size_t st, en;
		if (strcmp(r->cls, cls) != 0)
			continue;
		for (guint i = 0; i < items->len; i++)
			n += !g_array_index(items, seg_item, i).dropped &&
			     rules_exec(rs, r, g_array_index(items, seg_item, i).text, 0, &st, &en);
		if (n > best_n) {
			best = r;
			best_n = n;
		}
	}
	if (best) {
		char *from = g_strdup_printf("%ld lines rule %s", best_n, best->id);
		segments_add_meta(s, key, best->value, from);
		g_free(from);
	} else {
		segments_add_meta(s, key, "", "not found");
	}
}

static void seg_find_meta(segments *s, rules_set *rs, GArray *items, const char *cls, const char *key,
                          const char *group, int vote)
{
	GString *cover = g_string_new(NULL);
	guint cover_end = 0;

	for (guint i = 0; i < items->len && i < SEG_META_LINES; i++) {
		const seg_item *it = &g_array_index(items, seg_item, i);
		if (it->page != 1)
			break;
		if (it->dropped)
			continue;
		g_string_append(cover, it->text);
		cover_end = i + 1;
		if (rules_match(rs, "year", it->text, NULL, NULL) || cover_end >= 4)
			break;
	}
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && vote) {
			seg_vote_meta(s, rs, items, cls, key);
			g_string_free(cover, TRUE);
			return;
		}
		for (size_t k = 0; k < rs->n; k++) {
			const rule *r = &rs->v[k];
			size_t st, en;
			if (strcmp(r->cls, cls) != 0)
				continue;
			if (pass == 0 && cover->len && rules_exec(rs, r, cover->str, 0, &st, &en)) {
				char *v = group ? rules_group(rs, r, cover->str, group) : g_strdup(r->value);
				if (v && *v) {
					char *from = g_strdup_printf("cover lines 1-%u rule %s", cover_end, r->id);
					segments_add_meta(s, key, v, from);
					g_free(from);
					g_free(v);
					g_string_free(cover, TRUE);
					return;
				}
				g_free(v);
			}
			for (guint i = 0; i < items->len; i++) {
				seg_item *it = &g_array_index(items, seg_item, i);
				char *v;
				if (it->dropped || (pass == 0 && (it->page != 1 || i >= SEG_META_LINES)))
					continue;
				if (!rules_exec(rs, r, it->text, 0, &st, &en))
					continue;
				v = group ? rules_group(rs, r, it->text, group) : g_strdup(r->value);
				if (v && *v) {
					char *from = seg_from(it, r);
					segments_add_meta(s, key, v, from);
					g_free(v);
					g_free(from);
					g_string_free(cover, TRUE);
					return;
				}
				g_free(v);
			}
		}
	}
	g_string_free(cover, TRUE);
	segments_add_meta(s, key, "", "not found");
}

static int seg_toc_page(GArray *items, guint i)
{
	long page = g_array_index(items, seg_item, i).page;
	for (guint k = i; k > 0 && g_array_index(items, seg_item, k - 1).page == page; k--)
		i = k - 1;
	for (guint k = i; k < items->len && g_array_index(items, seg_item, k).page == page; k++) {
		const char *t = g_array_index(items, seg_item, k).text;
		if (g_utf8_strlen(t, -1) > 40 || strstr(t, "。") || strstr(t, "，") || strstr(t, "；"))
			return 0;
	}
	return 1;
}

/* The key of a margin line for spotting running headers and footers: its text
 * with digits as '#' (第 3 页 and 第 4 页 are the same footer). */
static char *seg_margin_key(const seg_item *it)
{
	char *k = g_strdup(it->text);
	for (char *c = k; *c; c++)
		if (g_ascii_isdigit(*c))
			*c = '#';
	return k;
}

static int seg_in_margin(const seg_item *it)
{
	return it->page_h > 0 && (it->line->y1 < 0.08 * it->page_h || it->line->y0 > 0.92 * it->page_h);
}

/* Drops running headers and footers: lines in the top or bottom 8% of PDF pages
 * whose text (digits aside) recurs on three pages or more, but table titles. */
static void seg_drop_running(GArray *items, rules_set *rs)
{
	GHashTable *pages = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint i = 0; i < items->len; i++) {
		seg_item *it = &g_array_index(items, seg_item, i);
		if (seg_in_margin(it)) {
			char *k = seg_margin_key(it);
			gpointer n = g_hash_table_lookup(pages, k);
			g_hash_table_replace(pages, k, GINT_TO_POINTER(GPOINTER_TO_INT(n) + 1));
		}
	}
	for (guint i = 0; i < items->len; i++) {
		seg_item *it = &g_array_index(items, seg_item, i);
		/* a table title repeated at the top of each page of its table stays */
		if (seg_in_margin(it) && !rules_match(rs, "title", it->text, NULL, NULL)) {
			char *k = seg_margin_key(it);
			if (GPOINTER_TO_INT(g_hash_table_lookup(pages, k)) >= 3)
				it->dropped = 1;
			g_free(k);
		}
	}
	g_hash_table_unref(pages);
}

static void seg_drop_furniture(GArray *items, rules_set *rs)
{
	seg_drop_running(items, rs);
	long toc_page = 0;
	for (guint i = 0; i < items->len; i++) {
		seg_item *it = &g_array_index(items, seg_item, i);
		int at_margin = it->page_h > 0 && (it->line->y0 < 0.1 * it->page_h || it->line->y1 > 0.9 * it->page_h);
		if (rules_match(rs, "toc", it->text, NULL, NULL)) {
			toc_page = it->page;
			it->dropped = 1;
		} else if (toc_page == it->page && it->page_h > 0) {
			it->dropped = 1; /* the rest of a PDF's contents page */
		} else if (toc_page && it->page == toc_page + 1 && it->page_h > 0 && seg_toc_page(items, i)) {
			it->dropped = 1; /* contents continued on the next page */
		} else if (toc_page && it->page <= toc_page + 1 && rules_match(rs, "toc-entry", it->text, NULL, NULL)) {
			it->dropped = 1;
			toc_page = it->page;
		} else if (at_margin && rules_match(rs, "page-number", it->text, NULL, NULL)) {
			it->dropped = 1;
		}
	}
}

/* A heading's phrase without its numbering (（二）支出预算 -> 支出预算). */
static char *segment_heading_phrase(const char *heading, size_t numbering_end)
{
	char *p = g_strdup(strlen(heading) >= numbering_end ? heading + numbering_end : "");
	return g_strstrip(p);
}

/* Heading numbering for the section path: the text up to the numbering's end. */
static char *seg_numbering(const char *text, size_t end)
{
	char *n = g_strndup(text, end);
	g_strstrip(n);
	for (char *e = n + strlen(n); e > n; e--) {
		/* drop a trailing 、 . ． */
		if (g_str_has_suffix(n, "、") || g_str_has_suffix(n, "．"))
			n[strlen(n) - 3] = '\0';
		else if (g_str_has_suffix(n, "."))
			n[strlen(n) - 1] = '\0';
		else
			break;
	}
	return n;
}

/* Where a heading line's heading phrase ends: at the first 。 or ： (outside
 * brackets) within SEG_HEAD_MAX characters when text follows it, or at the end
 * of the line.  NULL when the line reads as a numbered sentence (a list item,
 * kept as narrative): too long, ending in 。, with ，；(or 、 below level 2)
 * or an amount (万元, %) in its phrase, or, inside a list section (主要职能),
 * a phrase closed by 。.  A line ending in 。 is a heading only when CONTINUES
 * (its paragraph goes on in the next line of a PDF).  BODY is where the phrase
 * starts (after the numbering). */
#define SEG_HEAD_MAX 50
static const char *seg_heading_split(const char *body, long level, int in_list, int continues)
{
	long n = 0;
	int depth = 0;
	const char *p, *end = NULL;
	for (p = body; *p; p = g_utf8_next_char(p), n++) {
		if (n > SEG_HEAD_MAX)
			return NULL;
		if (g_str_has_prefix(p, "（") || *p == '(')
			depth++;
		else if ((g_str_has_prefix(p, "）") || *p == ')') && depth > 0)
			depth--;
		else if (depth == 0 && (g_str_has_prefix(p, "，") || g_str_has_prefix(p, "；") ||
		                        (level > 2 && g_str_has_prefix(p, "、"))))
			return NULL;
		else if (depth == 0 && (g_str_has_prefix(p, "。") || g_str_has_prefix(p, "：") || *p == ':')) {
			const char *after = g_utf8_next_char(p);
			if (g_str_has_prefix(p, "。") && ((!*after && !continues) || in_list))
				return NULL;
			end = p;
			break;
		}
	}
	if (!end)
		end = p;
	{
		char *phrase = g_strndup(body, (gsize)(end - body));
		int amount = strstr(phrase, "万元") || strchr(phrase, '%') || strstr(phrase, "％");
		g_free(phrase);
		if (amount)
			return NULL;
	}
	return end;
}

/* Whether a PDF line runs to the right margin of its page's text (so it goes on
 * in the next line: a wrapped sentence, not a heading). */
static int seg_full_line(GArray *items, guint i)
{
	const seg_item *it = &g_array_index(items, seg_item, i);
	double right = 0;
	if (it->page_h <= 0)
		return 0;
	for (guint k = i; k > 0 && g_array_index(items, seg_item, k - 1).page == it->page; k--)
		i = k - 1;
	for (guint k = i; k < items->len && g_array_index(items, seg_item, k).page == it->page; k++)
		right = MAX(right, g_array_index(items, seg_item, k).line->x1);
	return it->line->x1 > right - 1.5 * MAX(it->line->size, 6.0);
}

/* The next line that is not dropped, or NULL. */
static const seg_item *seg_next(GArray *items, guint i)
{
	for (guint k = i + 1; k < items->len; k++)
		if (!g_array_index(items, seg_item, k).dropped)
			return &g_array_index(items, seg_item, k);
	return NULL;
}

/* Whether line I of a PDF goes on in the next line: the next line is neither a
 * heading nor on a later page than the one after. */
static int seg_continues(GArray *items, guint i, rules_set *rs)
{
	const seg_item *it = &g_array_index(items, seg_item, i), *nx = seg_next(items, i);
	return it->page_h > 0 && nx && nx->page <= it->page + 1 && nx->cells == 1 &&
	       !rules_match(rs, "heading", nx->text, NULL, NULL);
}

/* Whether the next line starts with a bracket: (项）。… ends a wrapped heading. */
static int seg_next_bracket(GArray *items, guint i)
{
	const seg_item *nx = seg_next(items, i);
	return nx && (g_str_has_prefix(nx->text, "（") || nx->text[0] == '(');
}

/* Whether TEXT leaves a bracket （ open. */
static int seg_open_bracket(const char *text)
{
	int depth = 0;
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		if (g_str_has_prefix(p, "（") || *p == '(')
			depth++;
		else if ((g_str_has_prefix(p, "）") || *p == ')') && depth > 0)
			depth--;
	}
	return depth > 0;
}

/* A heading phrase wrapped onto the next line: when the next line starts with
 * the phrase's tail (up to a 。 or ： within SEG_TAIL_MAX characters, or the whole
 * short next line), returns the whole heading (g_free) and marks the tail as
 * taken (the rest of that line is narrative).  NULL when the next line does not
 * read as a tail. */
#define SEG_TAIL_MAX 30
static char *seg_heading_tail(GArray *items, guint i, const char *text, long level, int in_list, rules_set *rs)
{
	seg_item *nx = NULL;
	const char *p;
	long n = 0;
	for (guint k = i + 1; k < items->len && !nx; k++)
		if (!g_array_index(items, seg_item, k).dropped)
			nx = &g_array_index(items, seg_item, k);
	if (!nx || rules_match(rs, "heading", nx->text, NULL, NULL))
		return NULL;
	for (p = nx->text; *p && n <= SEG_TAIL_MAX; p = g_utf8_next_char(p), n++) {
		if (g_str_has_prefix(p, "，") || g_str_has_prefix(p, "；") || (level > 2 && g_str_has_prefix(p, "、")))
			return NULL;
		if (g_str_has_prefix(p, "。") || g_str_has_prefix(p, "：")) {
			char *head;
			if (in_list && g_str_has_prefix(p, "。"))
				return NULL;
			head = g_strconcat(text, "", NULL);
			char *tail = g_strndup(nx->text, (gsize)(p - nx->text));
			char *all = g_strconcat(head, tail, NULL);
			nx->skip = (int)(g_utf8_next_char(p) - nx->text);
			g_free(head);
			g_free(tail);
			return all;
		}
	}
	if (!*p && n <= SEG_TAIL_MAX && !in_list) { /* the whole next line is the tail */
		nx->skip = (int)strlen(nx->text);
		return g_strconcat(text, nx->text, NULL);
	}
	return NULL;
}

typedef struct {
	segments *s;
	seg_table *cur;      /* table being filled, or NULL */
	seg_region reg;      /* region being extended (reg.table == 0: none) */
	GString *para;
	long para_page;
	char *section[5];    /* numbering of the enclosing headings, by level */
	int para_text_input;
	long list_level;     /* inside a list section (主要职能) opened at this level; 0 none */
	char *heading;       /* phrase of the innermost heading */
	long body, lead;     /* body lines of the current table; lines of its title block */
	int last_cells;      /* cells of its last body line */
	int coded;           /* it has rows of subject codes */
	int ruled_table;     /* its rows are inside rulings (PDF) */
} seg_state;

static void seg_flush_region(seg_state *st)
{
	if (st->reg.table)
		g_array_append_val(st->s->regions, st->reg);
	st->reg.table = 0;
}

static void seg_flush_para(seg_state *st)
{
	GString *sec;
	seg_para p;

	if (!st->para->len)
		return;
	sec = g_string_new(NULL);
	for (int l = 1; l <= 4; l++)
		if (st->section[l])
			g_string_append_printf(sec, "%s%s", sec->len ? "/" : "", st->section[l]);
	p.page = st->para_page;
	p.section = g_string_free(sec, FALSE);
	p.heading = g_strdup(st->heading ? st->heading : "");
	p.text = g_strdup(st->para->str);
	g_array_append_val(st->s->paras, p);
	g_string_truncate(st->para, 0);
}

static void seg_body_line(seg_state *st, const seg_item *it)
{
	if (st->reg.table && st->reg.page == it->page && st->reg.to == it->idx - 1) {
		st->reg.to = it->idx;
	} else {
		seg_flush_region(st);
		st->reg = (seg_region){ st->cur->no, it->page, it->idx, it->idx };
	}
	if (it->page > st->cur->last)
		st->cur->last = it->page;
}

static void seg_start_table(seg_state *st, const seg_item *it, const rule *r, char *label)
{
	seg_table t = { 0 };
	seg_flush_region(st);
	seg_flush_para(st);
	t.no = (long)st->s->tables->len + 1;
	t.label = label ? label : g_strdup("");
	t.title = g_strdup(it->text);
	t.kind = g_strdup(r ? r->value : "unknown");
	t.unit = g_strdup("");
	t.note = g_strdup("");
	t.rule = g_strdup(r ? r->id : "");
	t.first = t.last = it->page;
	g_array_append_val(st->s->tables, t);
	st->cur = &g_array_index(st->s->tables, seg_table, st->s->tables->len - 1);
	st->body = st->lead = 0;
	st->coded = 0;
	st->ruled_table = 0;
}

static void seg_end_table(seg_state *st)
{
	seg_flush_region(st);
	st->cur = NULL;
}

/* Whether a line belongs to a table's body: cells separated by wide gaps, or (PDF)
 * text inside a ruled grid. */
static int seg_is_body(const seg_item *it)
{
	return it->cells >= 2 || it->ruled;
}

/* Whether an issuer line (编制单位) follows item I within a few lines: then a
 * repeated title opens a new table (another project), not a continuation. */
static int seg_issuer_follows(GArray *items, guint i, rules_set *rs)
{
	for (guint k = i + 1, seen = 0; k < items->len && seen < 3; k++) {
		const seg_item *n = &g_array_index(items, seg_item, k);
		if (n->dropped)
			continue;
		if (rules_match(rs, "issuer-line", n->text, NULL, NULL))
			return 1;
		seen++;
	}
	return 0;
}

/* Strips the label from the start of TEXT when present; returns the label (g_free) or NULL. */
static char *seg_label(rules_set *rs, const char *text, const char **rest)
{
	size_t st = 0, en = 0;
	const rule *r = rules_match(rs, "label", text, &st, &en);
	char *lab, *compact;
	if (!r)
		return NULL;
	lab = rules_group(rs, r, text, "label");
	compact = segment_line_text(lab ? lab : "");
	g_free(lab);
	/* "附件 2" -> "附件2" */
	{
		char *w = compact;
		for (char *p = compact; *p; p++)
			if (*p != ' ')
				*w++ = *p;
		*w = '\0';
	}
	*rest = text + en;
	while (**rest == ' ' || **rest == ':' )
		(*rest)++;
	if (g_str_has_prefix(*rest, "："))
		*rest += 3;
	return compact;
}

/* Inside a table: title-block lines, notes and body lines.  Returns 1 when the
 * line was taken by the table, 0 when the table has ended and the line belongs
 * to the narrative. */
static int seg_table_line(seg_state *st, GArray *items, guint i, rules_set *rs)
{
	seg_item *it = &g_array_index(items, seg_item, i);
	const rule *u = rules_match(rs, "unit", it->text, NULL, NULL);

	if (u || rules_match(rs, "issuer-line", it->text, NULL, NULL)) {
		if (u && !st->cur->unit[0]) {
			g_free(st->cur->unit);
			st->cur->unit = g_strdup(u->value);
		}
		return 1;
	}
	if (rules_match(rs, "note", it->text, NULL, NULL)) {
		char *nn = st->cur->note[0] ? g_strconcat(st->cur->note, " ", it->text, NULL) : g_strdup(it->text);
		g_free(st->cur->note);
		st->cur->note = nn;
		if (it->page > st->cur->last)
			st->cur->last = it->page;
		return 1;
	}
	/* in a ruled table, only lines inside rulings are rows: a wide-spaced line
	 * after it ("第三部分    情况说明") is not */
	if (seg_is_body(it) && !(st->ruled_table && !it->ruled)) {
		/* text inputs: after a blank line, rows of subject codes of a very
		 * different width, in a table that had none, are a table whose title
		 * and header were lost (a missing page) */
		int coded = rules_match(rs, "orphan-start", it->line->text, NULL, NULL) != NULL;
		if (it->gap && st->body > 0 && st->para_text_input && coded && !st->coded &&
		    abs(it->cells - st->last_cells) >= 3) {
			seg_start_table(st, it, NULL, NULL);
			g_free(st->cur->title);
			st->cur->title = g_strdup("");
			g_free(st->cur->rule);
			st->cur->rule = g_strdup("orphan-rows");
		}
		seg_body_line(st, it);
		st->body++;
		st->last_cells = it->cells;
		st->coded |= coded;
		st->ruled_table |= it->ruled;
		return 1;
	}
	/* a line of text: part of the title block before the body starts (a
	 * subtitle such as "(2025 年度)"), else the end of the table */
	if (st->body == 0 && ++st->lead <= 3)
		return 1;
	seg_end_table(st);
	return 0;
}

/* A title broken over two lines of one page (…基本支出预 / 算表): when the next
 * line is a short tail ending in 表 (at most SEG_TITLE_TAIL characters, itself no
 * title) and the two lines joined match a title rule, item I takes the joined
 * text (*TEXT and *REST point to it) and the tail is dropped.  Returns the rule. */
static const rule *seg_wrapped_title(GArray *items, guint i, const char *rest, rules_set *rs, const char **text,
                                     const char **rest_out)
{
	seg_item *it = &g_array_index(items, seg_item, i);
	seg_item *nx = i + 1 < items->len ? &g_array_index(items, seg_item, i + 1) : NULL;
	const rule *title;
	char *joined;

	if (!nx || nx->dropped || nx->page != it->page || g_utf8_strlen(nx->text, -1) > SEG_TITLE_TAIL ||
	    !g_str_has_suffix(nx->text, "表") || rules_match(rs, "title", nx->text, NULL, NULL))
		return NULL;
	joined = g_strconcat(rest, nx->text, NULL);
	title = seg_is_title_shape(joined) ? rules_match(rs, "title", joined, NULL, NULL) : NULL;
	if (!title) {
		g_free(joined);
		return NULL;
	}
	g_free(it->text);
	it->text = joined;
	it->skip = 0;
	*text = *rest_out = joined;
	nx->dropped = 1;
	return title;
}

static void seg_walk(seg_state *st, GArray *items, rules_set *rs)
{
	char *pending_label = NULL;

	for (guint i = 0; i < items->len; i++) {
		seg_item *it = &g_array_index(items, seg_item, i);
		const char *text = it->text + it->skip; /* past a heading's tail taken by the line before */
		const char *rest = text;
		char *heading_text = NULL;
		char *label;
		const rule *title = NULL, *h, *hk;
		const char *split;
		size_t hs = 0, he = 0;

		if (it->dropped || !*text)
			continue;
		label = seg_label(rs, text, &rest);
		if (seg_is_title_shape(rest))
			title = rules_match(rs, "title", rest, NULL, NULL);
		if (!title && !label && *rest && seg_is_title_shape(rest))
			title = seg_wrapped_title(items, i, rest, rs, &text, &rest);
		if (label && !*rest) { /* a label alone: the title follows */
			g_free(pending_label);
			pending_label = label;
			continue;
		}
		if (title && !label && !pending_label && st->cur && strcmp(st->cur->title, rest) == 0 &&
		    !seg_issuer_follows(items, i, rs))
			continue; /* a repeated title: the table goes on */
		if (title) {
			if (label) {
				g_free(pending_label);
				pending_label = label;
				label = NULL;
			}
			seg_start_table(st, it, title, pending_label);
			g_free(st->cur->title);
			st->cur->title = g_strdup(rest);
			pending_label = NULL;
			continue;
		}
		g_free(label);
		if (pending_label && st->cur == NULL) {
			/* a label with no recognised title after it: an unknown table */
			seg_start_table(st, it, NULL, pending_label);
			pending_label = NULL;
			continue;
		}
		g_free(pending_label);
		pending_label = NULL;
		/* a table known by its header row alone (序号 | 单位名称 | 备注) */
		hk = seg_is_body(it) ? rules_match(rs, "header", text, NULL, NULL) : NULL;
		if (hk) {
			seg_start_table(st, it, hk, NULL);
			g_free(st->cur->title);
			st->cur->title = g_strdup("");
		}
		if (st->cur && seg_table_line(st, items, i, rs))
			continue;
		h = rules_match(rs, "heading", text, &hs, &he);
		if (h) {
			long lv = strtol(h->value, NULL, 10);
			int in_list = st->list_level > 0 && lv > st->list_level;
			split = seg_heading_split(text + he, lv, in_list, seg_continues(items, i, rs));
			if (split && !*split) {
				/* the phrase may run on into the next line: a heading whose tail is
				 * there ("…行政单位离退休" / "（项）。主要用于…"), or a wrapped
				 * sentence when the line is full or leaves a bracket open */
				int wraps = seg_full_line(items, i) || seg_open_bracket(text);
				if (wraps || seg_next_bracket(items, i))
					heading_text = seg_heading_tail(items, i, text, lv, in_list, rs);
				if (!heading_text && wraps)
					split = NULL;
			}
		} else {
			split = NULL;
		}
		if (h && split) {
			seg_heading hd = { it->page, strtol(h->value, NULL, 10),
			                   heading_text ? heading_text : g_strndup(text, (gsize)(split - text)) };
			seg_flush_para(st);
			g_array_append_val(st->s->headings, hd);
			for (long l = hd.level; l <= 4; l++) {
				g_free(st->section[l]);
				st->section[l] = NULL;
			}
			if (hd.level >= 1 && hd.level <= 4)
				st->section[hd.level] = seg_numbering(text, he);
			g_free(st->heading);
			st->heading = segment_heading_phrase(hd.text, he);
			if (st->list_level && hd.level <= st->list_level)
				st->list_level = 0;
			if (rules_match(rs, "list-section", hd.text, NULL, NULL))
				st->list_level = hd.level;
			if (heading_text)
				continue; /* the rest of the sentence is on the next line */
			while (*split == ' ' || *split == '.' || *split == ':' )
				split++;
			if (g_str_has_prefix(split, "。") || g_str_has_prefix(split, "："))
				split += 3;
			if (!*split)
				continue;
			rest = split; /* the sentence after the heading phrase opens a paragraph */
		} else {
			const rule *part = rules_match(rs, "part", text, &hs, &he);
			rest = text;
			if (part) {
				/* a part title (第三部分 …情况说明) closes the sections before it:
				 * its own lines are section 第三部分, and its 一、 starts afresh */
				seg_flush_para(st);
				for (long l = 1; l <= 4; l++) {
					g_free(st->section[l]);
					st->section[l] = NULL;
				}
				st->section[1] = g_strndup(text + hs, he - hs);
				g_free(st->heading);
				st->heading = g_strdup(text);
				st->list_level = 0;
			}
			/* an unnumbered section title such as 上海市普陀区司法局主要职能 */
			if (g_utf8_strlen(text, -1) <= 30 && !strstr(text, "。") &&
			    rules_match(rs, "list-section", text, NULL, NULL))
				st->list_level = 1;
		}
		/* narrative text: join lines; a paragraph ends after sentence-final
		 * punctuation when the line is short (PDF) or after a blank line (text) */
		if (!st->para->len)
			st->para_page = it->page;
		g_string_append(st->para, rest);
		{
			const seg_item *nx = i + 1 < items->len ? &g_array_index(items, seg_item, i + 1) : NULL;
			int final = g_str_has_suffix(text, "。") || g_str_has_suffix(text, "：") ||
			            g_str_has_suffix(text, "；");
			int gap = nx && nx->page == it->page && nx->line->y0 - it->line->y1 > 0.9 * (it->line->y1 - it->line->y0);
			if (!nx || (final && (gap || st->para_text_input || nx->page != it->page)))
				seg_flush_para(st);
		}
	}
	g_free(pending_label);
	seg_flush_region(st);
	seg_flush_para(st);
}

/* Tables whose title was lost (orphan rows) take the kind the template gives the
 * label missing between their neighbours (表六, ?, 表八: 表七), by the
 * `template` rules. */
static void seg_orphan_kinds(segments *s, rules_set *rs)
{
	static const char *const nums[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	                                    "十一", "十二", "十三", "十四", "十五" };
	for (guint i = 1; i + 1 < s->tables->len; i++) {
		seg_table *t = &g_array_index(s->tables, seg_table, i);
		const seg_table *a = &g_array_index(s->tables, seg_table, i - 1);
		const seg_table *b = &g_array_index(s->tables, seg_table, i + 1);
		int na = -1, nb = -1;
		if (strcmp(t->rule, "orphan-rows") != 0)
			continue;
		for (int k = 0; k < (int)G_N_ELEMENTS(nums); k++) {
			char *lab = g_strconcat("表", nums[k], NULL);
			if (!strcmp(a->label, lab))
				na = k;
			if (!strcmp(b->label, lab))
				nb = k;
			g_free(lab);
		}
		if (na >= 0 && nb == na + 2) {
			char *missing = g_strconcat("表", nums[na + 1], NULL);
			const rule *r = rules_match(rs, "template", missing, NULL, NULL);
			if (r) {
				g_free(t->kind);
				t->kind = g_strdup(r->value);
				g_free(t->rule);
				t->rule = g_strdup(r->id);
			}
			g_free(missing);
		}
	}
}

/* Marks what each line is made of (cells, inside a ruled grid, after a gap). */
static void seg_shape(seg_item *it, const layout_page *pg, const seg_item *prev)
{
	double yc = (it->line->y0 + it->line->y1) / 2;
	it->cells = 1;
	for (const char *c = it->line->text; *c; c++)
		it->cells += *c == '\t';
	for (guint k = 0; k < pg->vrules->len && !it->ruled; k++) {
		const layout_rule *v = &g_array_index(pg->vrules, layout_rule, k);
		it->ruled = yc >= v->y0 - 2 && yc <= v->y1 + 2;
	}
	it->gap = prev && prev->page == it->page && it->line->y0 - prev->line->y1 > 4;
}

segments *segment_layout(const layout_doc *L, rules_set *rs)
{
	segments *s = segments_new(L->doc);
	GArray *items = g_array_new(FALSE, TRUE, sizeof(seg_item));
	seg_state st = { 0 };
	char pages[32];
	int has_wan = 0, has_yuan = 0;

	g_snprintf(pages, sizeof pages, "%u", L->pages->len);
	s->status = L->status;
	g_free(s->error);
	s->error = g_strdup(L->error);
	for (guint p = 0; p < L->pages->len; p++) {
		const layout_page *pg = g_ptr_array_index(L->pages, p);
		for (guint i = 0; i < pg->lines->len; i++) {
			seg_item it = { pg->no, (long)i, &g_array_index(pg->lines, layout_line, i), NULL,
			                strcmp(L->input, "pdf") == 0 ? pg->height : 0, 0, 0, 0, 0, 0 };
			it.text = segment_line_text(it.line->text);
			seg_shape(&it, pg, items->len ? &g_array_index(items, seg_item, items->len - 1) : NULL);
			g_array_append_val(items, it);
		}
	}
	seg_drop_furniture(items, rs);
	seg_find_meta(s, rs, items, "issuer", "issuer", "issuer", 0);
	seg_find_meta(s, rs, items, "year", "year", "year", 0);
	seg_find_meta(s, rs, items, "kind", "kind", NULL, 1);
	seg_find_meta(s, rs, items, "scope", "scope", NULL, 1);
	segments_add_meta(s, "pages", pages, "layout");
	segments_add_meta(s, "source", L->source, "layout");
	segments_add_meta(s, "sha256", L->sha256, "layout");
	segments_add_meta(s, "input", L->input, "layout");

	st.s = s;
	st.para = g_string_new(NULL);
	st.para_text_input = strcmp(L->input, "text") == 0;
	seg_walk(&st, items, rs);
	seg_orphan_kinds(s, rs);
	for (guint i = 0; i < s->paras->len; i++) {
		const char *t = g_array_index(s->paras, seg_para, i).text;
		has_wan |= strstr(t, "万元") != NULL;
		has_yuan |= strstr(t, "元") != NULL;
	}
	segments_add_meta(s, "amount_unit", has_wan ? "万元" : has_yuan ? "元" : "", "narrative");
	g_string_free(st.para, TRUE);
	for (int l = 0; l < 5; l++)
		g_free(st.section[l]);
	g_free(st.heading);
	for (guint i = 0; i < items->len; i++)
		g_free(g_array_index(items, seg_item, i).text);
	g_array_unref(items);
	return s;
}

int segment_run(const char *layout_path, const char *rules_path, const char *out_path,
                bx_status *status, bx_err *err)
{
	rules_set *rs = rules_load(rules_path, err);
	layout_doc *L;
	segments *s;
	int rc;

	if (!rs)
		return -1;
	L = layout_read(layout_path, err);
	if (!L) {
		rules_free(rs);
		return -1;
	}
	s = segment_layout(L, rs);
	rc = segments_write(s, out_path, err);
	*status = s->status;
	segments_free(s);
	layout_doc_free(L);
	rules_free(rs);
	return rc;
}
