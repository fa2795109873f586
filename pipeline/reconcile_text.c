/* reconcile_text.c — the checks of the document's own wording: disclosure lint
 * (template leftovers, placeholders, truncated reasons, 部门/单位 wording,
 * doubled punctuation), the years in titles, headings and dated phrases, and
 * comparison words (大于/小于/等于) against the amounts they compare. */
#include "reconcileInt.h"
#include "number.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Up to 24 characters either side of bytes FROM..TO of TEXT, for a message. */
static char *rec_context(const char *text, size_t from, size_t to)
{
	const char *a = text + from, *b = text + to;
	for (int k = 0; k < 24 && a > text; k++)
		a = g_utf8_prev_char(a);
	for (int k = 0; k < 24 && *b; k++)
		b = g_utf8_next_char(b);
	return g_strndup(a, (gsize)(b - a));
}

/* lint: every match of the rule's pattern in the document's wording is a fail;
 * none is one pass.  lint-unit / lint-dept apply only to documents of that scope. */
void reconcile_text_lint(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts)
{
	const char *scope = segments_meta(x->s, "scope");
	long found = 0;

	if ((!strcmp(r->cls, "lint-unit") && strcmp(scope, "unit") != 0) ||
	    (!strcmp(r->cls, "lint-dept") && strcmp(scope, "dept") != 0)) {
		char *why = g_strdup_printf("applies to %s documents; this one is '%s'", r->cls + 5,
		                            *scope ? scope : "unknown");
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document", why);
		g_free(why);
		return;
	}
	for (guint i = 0; i < texts->len; i++) {
		const rec_text *t = &g_array_index(texts, rec_text, i);
		size_t off = 0, st, en;
		while (off < strlen(t->text) && rules_exec(rs, r, t->text, off, &st, &en)) {
			char *m = g_strndup(t->text + st, en - st), *ctx = rec_context(t->text, st, en);
			char *where = g_strdup_printf("%s, page %ld", t->what, t->page);
			char *msg = g_strdup_printf("'%s' in: %s", m, ctx);
			reconcile_emit(x, r, "fail", t->what, 0, 0, 0, 0, where, msg);
			found++;
			g_free(m);
			g_free(ctx);
			g_free(where);
			g_free(msg);
			off = en > st ? en : st + 1;
		}
	}
	if (!found) {
		char *msg = g_strdup_printf("not found in %u headings, paragraphs, titles and notes", texts->len);
		reconcile_emit(x, r, "pass", "document", 0, 0, 0, 0, "document", msg);
		g_free(msg);
	}
}

/* year: a year (named group year) in a heading, a table title or a title-like
 * paragraph must be the document's year. */
void reconcile_text_year(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts)
{
	const char *year = segments_meta(x->s, "year"), *at = strchr(r->value, '@');
	gchar **spec = g_strsplit(at ? at + 1 : "", ";", 2);
	long checked = 0, want;

	/* VALUE SEVERITY@DOCKIND;OFFSET: every text of a DOCKIND document, the year
	 * expected being the document's plus OFFSET; plain SEVERITY: titles only */
	if (!*year) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "document",
		               "the document's year was not found");
		goto out;
	}
	if (at && (g_strv_length(spec) != 2 || strcmp(spec[0], segments_meta(x->s, "kind")) != 0)) {
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               g_strv_length(spec) == 2 ? "the rule is for another kind of document"
		                                        : "malformed VALUE");
		goto out;
	}
	want = strtol(year, NULL, 10) + (at ? strtol(spec[1], NULL, 10) : 0);
	for (guint i = 0; i < texts->len; i++) {
		const rec_text *t = &g_array_index(texts, rec_text, i);
		size_t st, en, off = 0;
		/* headings, table titles and title-like paragraphs (short, no sentence:
		 * 第三部分 …2024年度部门决算情况说明) */
		if (!at && strcmp(t->what, "heading") != 0 && !g_str_has_suffix(t->what, " title") &&
		    (g_utf8_strlen(t->text, -1) > 40 || strstr(t->text, "。") || strstr(t->text, "，")))
			continue;
		while (rules_exec(rs, r, t->text, off, &st, &en)) {
			char *y = rules_group(rs, r, t->text, "year");
			char *where = g_strdup_printf("%s, page %ld", t->what, t->page);
			checked++;
			if (y && strtol(y, NULL, 10) != want) {
				char *msg = g_strdup_printf("year %s in '%s', expected %ld (the document's year is %s)",
				                            y, t->text, want, year);
				reconcile_emit(x, r, "fail", t->what, (double)want, g_ascii_strtod(y, NULL), 0, 1,
				               where, msg);
				g_free(msg);
			} else {
				reconcile_emit(x, r, "pass", t->what, 0, 0, 0, 0, where, t->text);
			}
			g_free(where);
			g_free(y);
			if (!at)
				break; /* a title is checked once */
			off = en > st ? en : st + 1;
		}
	}
	if (!checked)
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               at ? "no text names such a date" : "no heading or title names a year");
out:
	g_strfreev(spec);
}

/* Whether WORD matches the regex RE (UTF). */
static int rec_word_is(const char *re, const char *word)
{
	int ec, ok = 0;
	PCRE2_SIZE eo;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
	pcre2_match_data *md = c ? pcre2_match_data_create_from_pattern(c, NULL) : NULL;
	if (md)
		ok = pcre2_match(c, (PCRE2_SPTR)word, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0;
	if (md)
		pcre2_match_data_free(md);
	if (c)
		pcre2_code_free(c);
	return ok;
}

/* compare-word: a sentence states two amounts and then compares them in words
 * (年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数…).  PATTERN
 * captures the reference amount `a`, the compared amount `b` and the word `cmp`;
 * VALUE is SEVERITY@GT;LT;EQ, regexes for the words meaning b > a, b < a, b = a.
 * The word must agree with the printed amounts. */
void reconcile_text_compare_word(rec_ctx *x, rules_set *rs, const rule *r, GArray *texts)
{
	const char *at = strchr(r->value, '@');
	gchar **words = g_strsplit(at ? at + 1 : "", ";", 3);
	long found = 0;

	if (g_strv_length(words) != 3) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed SEVERITY@GT;LT;EQ");
		g_strfreev(words);
		return;
	}
	for (guint i = 0; i < texts->len; i++) {
		const rec_text *t = &g_array_index(texts, rec_text, i);
		size_t off = 0, st, en;
		while (off < strlen(t->text) && rules_exec(rs, r, t->text, off, &st, &en)) {
			char *a = rules_group(rs, r, t->text, "a"), *b = rules_group(rs, r, t->text, "b");
			char *cmp = rules_group(rs, r, t->text, "cmp");
			if (a && b && cmp) {
				double av, bv;
				int said = rec_word_is(words[0], cmp) ? 1 : rec_word_is(words[1], cmp) ? -1 : 0, is;
				char *ctx = rec_context(t->text, st, en), *where, *msg, *scope;
				for (char *p = a; (p = strchr(p, ',')) != NULL;)
					memmove(p, p + 1, strlen(p));
				for (char *p = b; (p = strchr(p, ',')) != NULL;)
					memmove(p, p + 1, strlen(p));
				av = g_ascii_strtod(a, NULL);
				bv = g_ascii_strtod(b, NULL);
				is = fabs(bv - av) < 1e-9 ? 0 : bv > av ? 1 : -1;
				if (!said && !rec_word_is(words[2], cmp))
					said = 2; /* a word the rule does not know */
				scope = g_strdup_printf("%s: %s against %s, %s", t->what, b, a, cmp);
				where = g_strdup_printf("%s, page %ld", t->what, t->page);
				msg = g_strdup_printf("'%s' says %s, the amounts %s and %s say %s: %s", cmp,
				                      said == 1    ? "greater"
				                      : said == -1 ? "less"
				                      : said == 0  ? "equal"
				                                   : "?",
				                      b, a,
				                      is == 1    ? "greater"
				                      : is == -1 ? "less"
				                                 : "equal",
				                      ctx);
				reconcile_emit(x, r,
				               said == 2    ? "insufficient_data"
				               : said == is ? "pass"
				                            : "fail",
				               scope, av, bv, 0, 1, where, msg);
				found++;
				g_free(ctx);
				g_free(where);
				g_free(msg);
				g_free(scope);
			}
			g_free(a);
			g_free(b);
			g_free(cmp);
			off = en > st ? en : st + 1;
		}
	}
	if (!found)
		reconcile_emit(x, r, "not_applicable", "document", 0, 0, 0, 0, "document",
		               "no sentence compares two stated amounts in words");
	g_strfreev(words);
}
