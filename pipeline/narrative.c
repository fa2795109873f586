/* narrative.c — facts stated in the narrative (see narrative.h). */
#include "narrative.h"

#include <string.h>

static void narrative_fact_clear(gpointer p)
{
	narrative_fact *f = p;
	g_free(f->section);
	g_free(f->subject);
	g_free(f->measure);
	g_free(f->value);
	g_free(f->unit);
	g_free(f->sentence);
}

typedef struct {
	size_t pos, vstart, vend;
	const rule *r;
	char *subject, *value, *unit, *dir;
	int flat;
} narrative_hit;

static gint narrative_cmp(gconstpointer a, gconstpointer b)
{
	const narrative_hit *x = a, *y = b;
	return x->vstart < y->vstart ? -1 : x->vstart > y->vstart;
}

/* The normalised subject of RAW (see narrative.rules: strip, subject and
 * heading-subject rules); HEADING is the paragraph's heading phrase. */
static char *narrative_subject(rules_set *rs, const char *raw, const char *heading)
{
	char *s = g_strstrip(g_strdup(raw));
	const rule *r;
	int again = 1;

	for (int guard = 0; again && guard < 8; guard++) {
		size_t st = 0, en = 0;
		again = 0;
		r = rules_match(rs, "strip", s, &st, &en);
		if (r && st == 0 && en > 0 && en < strlen(s)) {
			memmove(s, s + en, strlen(s) - en + 1);
			again = 1;
		}
	}
	for (int guard = 0; guard < 4; guard++) {
		size_t st = 0, en = 0;
		r = rules_match(rs, "strip-end", s, &st, &en);
		if (!r || en != strlen(s) || st == 0)
			break;
		s[st] = '\0';
	}
	r = rules_match(rs, "subject", s, NULL, NULL);
	if (!r || !strcmp(r->value, "="))
		return s;
	if (r->value[0] == '+') {
		char *t = g_strconcat(s, r->value + 1, NULL);
		g_free(s);
		return t;
	}
	if (!strcmp(r->value, "@heading")) {
		const rule *h = heading && *heading ? rules_match(rs, "heading-subject", heading, NULL, NULL) : NULL;
		if (h) {
			g_free(s);
			return g_strdup(h->value);
		}
		return s;
	}
	g_free(s);
	return g_strdup(r->value);
}

/* Appends one fact per subject of SUBJECTS ("收入|支出" is two; "" is one fact
 * without a subject, such as a prior amount opening a paragraph). */
static void narrative_emit(GArray *out, const seg_para *p, const char *subjects, const char *measure,
                           const char *value, const char *unit, const char *sent)
{
	gchar **each = *subjects ? g_strsplit(subjects, "|", -1) : g_strsplit("-", "|", -1);
	if (!*subjects)
		each[0][0] = '\0';
	for (int k = 0; each[k]; k++) {
		narrative_fact f = { g_strdup(p->section), g_strdup(each[k]), g_strdup(measure), g_strdup(value),
		                     g_strdup(unit), g_strdup(sent), p->page };
		g_array_append_val(out, f);
	}
	g_strfreev(each);
}

/* The facts of one sentence.  *LAST is the subject of the latest amount in the
 * paragraph (g_free'd and replaced here): facts without their own subject, or
 * with one the rules map to "@previous" (费用支出, 较上年支出数), are about it. */
static void narrative_sentence(GArray *out, rules_set *rs, const seg_para *p, const char *sent, char **last)
{
	GArray *hits = g_array_new(FALSE, TRUE, sizeof(narrative_hit));

	for (size_t i = 0; i < rs->n; i++) {
		const rule *r = &rs->v[i];
		size_t off = 0, st, en;
		if (strcmp(r->cls, "fact") != 0)
			continue;
		while (off <= strlen(sent) && rules_exec(rs, r, sent, off, &st, &en)) {
			narrative_hit h = { st, 0, 0, r, NULL, NULL, NULL, NULL, 0 };
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rs->md);
			int vg = pcre2_substring_number_from_name(r->re, (PCRE2_SPTR) "value");
			int clash = 0;
			char *flat, *subject2;
			if (vg > 0 && ov[2 * vg] != PCRE2_UNSET) {
				h.vstart = ov[2 * vg];
				h.vend = ov[2 * vg + 1];
			}
			h.value = rules_group(rs, r, sent, "value");
			h.subject = rules_group(rs, r, sent, "subject");
			subject2 = rules_group(rs, r, sent, "subject2");
			if (subject2 && *subject2) {
				char *joined = g_strconcat(h.subject ? h.subject : "", subject2, NULL);
				g_free(h.subject);
				h.subject = joined;
			}
			g_free(subject2);
			h.unit = rules_group(rs, r, sent, "unit");
			h.dir = rules_group(rs, r, sent, "dir");
			flat = rules_group(rs, r, sent, "flat");
			h.flat = flat && *flat;
			g_free(flat);
			for (guint k = 0; k < hits->len && !clash; k++) {
				narrative_hit *o = &g_array_index(hits, narrative_hit, k);
				/* overlapping values; an empty value (持平) overlaps one at its place */
				clash = h.vstart < o->vend + (o->vend == o->vstart) && o->vstart < h.vend + (h.vend == h.vstart);
			}
			if (clash || (!h.flat && (!h.value || !*h.value))) {
				g_free(h.value);
				g_free(h.subject);
				g_free(h.unit);
				g_free(h.dir);
			} else {
				g_array_append_val(hits, h);
			}
			off = en > off ? en : off + 1;
		}
	}
	g_array_sort(hits, narrative_cmp);
	for (guint k = 0; k < hits->len; k++) {
		narrative_hit *h = &g_array_index(hits, narrative_hit, k);
		GString *v = g_string_new(NULL);
		int neg = h->dir && (!strcmp(h->dir, "减少") || !strcmp(h->dir, "下降"));
		char *subject = h->subject && *h->subject ? narrative_subject(rs, h->subject, p->heading) : g_strdup("@previous");
		const char *unit = h->unit && *h->unit ? (strstr(h->unit, "%") || strstr(h->unit, "％") ? "%" : h->unit) : "";

		if (!strcmp(subject, "@previous")) {
			g_free(subject);
			subject = g_strdup(*last ? *last : "");
		}
		if (h->flat) {
			g_string_assign(v, "0");
		} else {
			if (neg)
				g_string_append_c(v, '-');
			for (const char *c = h->value; *c; c++)
				if (*c != ',')
					g_string_append_c(v, *c);
		}
		narrative_emit(out, p, subject, h->r->value, v->str, unit, sent);
		if (!strcmp(h->r->value, "amount")) {
			g_free(*last);
			*last = g_strdup(subject);
		}
		g_free(subject);
		g_string_free(v, TRUE);
		g_free(h->value);
		g_free(h->subject);
		g_free(h->unit);
		g_free(h->dir);
	}
	g_array_unref(hits);
}

GArray *narrative_extract(const segments *s, rules_set *rs)
{
	GArray *out = g_array_new(FALSE, TRUE, sizeof(narrative_fact));
	g_array_set_clear_func(out, narrative_fact_clear);
	for (guint i = 0; i < s->paras->len; i++) {
		const seg_para *p = &g_array_index(s->paras, seg_para, i);
		const char *start = p->text;
		char *last = NULL;
		for (const char *c = p->text;; c = g_utf8_next_char(c)) {
			int end = !*c;
			if (end || g_str_has_prefix(c, "。") || g_str_has_prefix(c, "；")) {
				const char *stop = end ? c : g_utf8_next_char(c);
				char *sent = g_strndup(start, (gsize)(stop - start));
				if (*sent)
					narrative_sentence(out, rs, p, sent, &last);
				g_free(sent);
				start = stop;
			}
			if (end)
				break;
		}
		g_free(last);
	}
	return out;
}
