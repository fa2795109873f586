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

static int seg_is_title_shape(const char *t)
{
	return g_utf8_strlen(t, -1) <= SEG_TITLE_MAX && !strstr(t, "。") && !strstr(t, "；") &&
	       !strstr(t, "，");
}

static char *seg_from(const seg_item *it, const rule *r)
{
	return g_strdup_printf("p%ld:l%ld rule %s", it->page, it->idx + 1, r->id);
}

/* Fills metadata KEY: the first rule of class CLS (in file order, so earlier
 * rules have priority) that matches a cover line, else any line; the value is
 * the rule's VALUE, or its named group GROUP when given. */
static void seg_find_meta(segments *s, rules_set *rs, GArray *items, const char *cls, const char *key,
                          const char *group)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < rs->n; k++) {
			const rule *r = &rs->v[k];
			if (strcmp(r->cls, cls) != 0)
				continue;
			for (guint i = 0; i < items->len; i++) {
				seg_item *it = &g_array_index(items, seg_item, i);
				size_t st, en;
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
					return;
				}
				g_free(v);
			}
		}
	}
	segments_add_meta(s, key, "", "not found");
}

static void seg_drop_furniture(GArray *items, rules_set *rs)
{
	long toc_page = 0;
	for (guint i = 0; i < items->len; i++) {
		seg_item *it = &g_array_index(items, seg_item, i);
		int at_margin = it->page_h > 0 && (it->line->y0 < 0.1 * it->page_h || it->line->y1 > 0.9 * it->page_h);
		if (rules_match(rs, "toc", it->text, NULL, NULL)) {
			toc_page = it->page;
			it->dropped = 1;
		} else if (toc_page == it->page && it->page_h > 0) {
			it->dropped = 1; /* the rest of a PDF's contents page */
		} else if (toc_page && it->page <= toc_page + 1 && rules_match(rs, "toc-entry", it->text, NULL, NULL)) {
			it->dropped = 1;
			toc_page = it->page;
		} else if (at_margin && rules_match(rs, "page-number", it->text, NULL, NULL)) {
			it->dropped = 1;
		}
	}
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

/* Where a heading line's heading phrase ends: at the first 。 or ： within
 * SEG_HEAD_MAX characters when text follows it, or at the end of a short line.
 * NULL when the line reads as a numbered sentence (a list item, kept as
 * narrative): too long, ending in 。, or with ，；(or 、 after level 2) in its
 * phrase.  BODY is where the phrase starts (after the numbering). */
#define SEG_HEAD_MAX 30
static const char *seg_heading_split(const char *text, const char *body, long level)
{
	long n = 0;
	const char *p;
	for (p = body; *p; p = g_utf8_next_char(p), n++) {
		if (n > SEG_HEAD_MAX)
			return NULL;
		if (g_str_has_prefix(p, "，") || g_str_has_prefix(p, "；") || (level > 2 && g_str_has_prefix(p, "、")))
			return NULL;
		if (g_str_has_prefix(p, "。") || g_str_has_prefix(p, "：") || *p == ':') {
			const char *after = g_utf8_next_char(p);
			return (*after || !g_str_has_prefix(p, "。")) ? p : NULL;
		}
	}
	(void)text;
	return p;
}

typedef struct {
	segments *s;
	seg_table *cur;      /* table being filled, or NULL */
	seg_region reg;      /* region being extended (reg.table == 0: none) */
	GString *para;
	long para_page;
	char *section[5];    /* numbering of the enclosing headings, by level */
	int para_text_input;
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

static void seg_walk(seg_state *st, GArray *items, rules_set *rs)
{
	char *pending_label = NULL;

	for (guint i = 0; i < items->len; i++) {
		seg_item *it = &g_array_index(items, seg_item, i);
		const char *rest = it->text;
		char *label;
		const rule *title = NULL, *h;
		const char *split;
		size_t hs = 0, he = 0;

		if (it->dropped)
			continue;
		label = seg_label(rs, it->text, &rest);
		if (seg_is_title_shape(rest))
			title = rules_match(rs, "title", rest, NULL, NULL);
		if (label && !*rest) { /* a label alone: the title follows */
			g_free(pending_label);
			pending_label = label;
			continue;
		}
		if (title && !label && st->cur && strcmp(st->cur->title, rest) == 0) {
			g_free(pending_label); /* repeated title: a continuation */
			pending_label = NULL;
			continue;
		}
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
		if (st->cur) {
			const rule *u = rules_match(rs, "unit", it->text, NULL, NULL);
			const rule *n = rules_match(rs, "note", it->text, NULL, NULL);
			if (u || rules_match(rs, "issuer-line", it->text, NULL, NULL)) {
				if (u && !st->cur->unit[0]) {
					g_free(st->cur->unit);
					st->cur->unit = g_strdup(u->value);
				}
				continue;
			}
			if (n) {
				char *nn = st->cur->note[0] ? g_strconcat(st->cur->note, " ", it->text, NULL) : g_strdup(it->text);
				g_free(st->cur->note);
				st->cur->note = nn;
				if (it->page > st->cur->last)
					st->cur->last = it->page;
				continue;
			}
			seg_body_line(st, it);
			continue;
		}
		h = rules_match(rs, "heading", it->text, &hs, &he);
		split = h ? seg_heading_split(it->text, it->text + he, strtol(h->value, NULL, 10)) : NULL;
		if (h && split) {
			seg_heading hd = { it->page, strtol(h->value, NULL, 10), g_strndup(it->text, (gsize)(split - it->text)) };
			seg_flush_para(st);
			g_array_append_val(st->s->headings, hd);
			for (long l = hd.level; l <= 4; l++) {
				g_free(st->section[l]);
				st->section[l] = NULL;
			}
			if (hd.level >= 1 && hd.level <= 4)
				st->section[hd.level] = seg_numbering(it->text, he);
			while (*split == ' ' || *split == '.' || *split == ':' )
				split++;
			if (g_str_has_prefix(split, "。") || g_str_has_prefix(split, "："))
				split += 3;
			if (!*split)
				continue;
			rest = split; /* the sentence after the heading phrase opens a paragraph */
		} else {
			rest = it->text;
		}
		/* narrative text: join lines; a paragraph ends after sentence-final
		 * punctuation when the line is short (PDF) or after a blank line (text) */
		if (!st->para->len)
			st->para_page = it->page;
		g_string_append(st->para, rest);
		{
			const seg_item *nx = i + 1 < items->len ? &g_array_index(items, seg_item, i + 1) : NULL;
			int final = g_str_has_suffix(it->text, "。") || g_str_has_suffix(it->text, "：") ||
			            g_str_has_suffix(it->text, "；");
			int gap = nx && nx->page == it->page && nx->line->y0 - it->line->y1 > 0.9 * (it->line->y1 - it->line->y0);
			if (!nx || (final && (gap || st->para_text_input || nx->page != it->page)))
				seg_flush_para(st);
		}
	}
	g_free(pending_label);
	seg_flush_region(st);
	seg_flush_para(st);
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
			                strcmp(L->input, "pdf") == 0 ? pg->height : 0, 0 };
			it.text = segment_line_text(it.line->text);
			g_array_append_val(items, it);
		}
	}
	seg_drop_furniture(items, rs);
	seg_find_meta(s, rs, items, "issuer", "issuer", "issuer");
	seg_find_meta(s, rs, items, "year", "year", "year");
	seg_find_meta(s, rs, items, "kind", "kind", NULL);
	seg_find_meta(s, rs, items, "scope", "scope", NULL);
	segments_add_meta(s, "pages", pages, "layout");
	segments_add_meta(s, "source", L->source, "layout");
	segments_add_meta(s, "sha256", L->sha256, "layout");
	segments_add_meta(s, "input", L->input, "layout");

	st.s = s;
	st.para = g_string_new(NULL);
	st.para_text_input = strcmp(L->input, "text") == 0;
	seg_walk(&st, items, rs);
	for (guint i = 0; i < s->paras->len; i++) {
		const char *t = g_array_index(s->paras, seg_para, i).text;
		has_wan |= strstr(t, "万元") != NULL;
		has_yuan |= strstr(t, "元") != NULL;
	}
	segments_add_meta(s, "amount_unit", has_wan ? "万元" : has_yuan ? "元" : "", "narrative");
	g_string_free(st.para, TRUE);
	for (int l = 0; l < 5; l++)
		g_free(st.section[l]);
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
