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

/* Whether WORD matches RE. */
static int rec_word_is(pcre2_code *re, pcre2_match_data *md, const char *word)
{
	return pcre2_match(re, (PCRE2_SPTR)word, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) > 0;
}

/* A printed amount TEXT (g_free'd) as a plain decimal ("1,560.05" -> "1560.05"). */
static char *rec_plain(char *text)
{
	char *plain = NULL;
	if (text && number_parse(text, &plain) == NUM_NUMBER) {
		g_free(text);
		return plain;
	}
	return text;
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
	pcre2_code *re[3] = { NULL, NULL, NULL };
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	long found = 0;
	int ok = g_strv_length(words) == 3 && md;

	for (int k = 0; ok && k < 3; k++)
		ok = (re[k] = rules_compile_year(words[k], "")) != NULL;
	if (!ok) {
		reconcile_emit(x, r, "insufficient_data", "document", 0, 0, 0, 0, "rules",
		               "malformed SEVERITY@GT;LT;EQ");
		goto out;
	}
	for (guint i = 0; i < texts->len; i++) {
		const rec_text *t = &g_array_index(texts, rec_text, i);
		size_t off = 0, st, en;
		while (off < strlen(t->text) && rules_exec(rs, r, t->text, off, &st, &en)) {
			char *a = rec_plain(rules_group(rs, r, t->text, "a")),
			     *b = rec_plain(rules_group(rs, r, t->text, "b"));
			char *cmp = rules_group(rs, r, t->text, "cmp");
			if (a && b && cmp) {
				double av = g_ascii_strtod(a, NULL), bv = g_ascii_strtod(b, NULL);
				int said = rec_word_is(re[0], md, cmp) ? 1 : rec_word_is(re[1], md, cmp) ? -1 : 0;
				int is = fabs(bv - av) < 1e-9 ? 0 : bv > av ? 1 : -1;
				char *ctx = rec_context(t->text, st, en), *where, *msg, *scope;
				if (!said && !rec_word_is(re[2], md, cmp))
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
out:
	for (int k = 0; k < 3; k++)
		if (re[k])
			pcre2_code_free(re[k]);
	if (md)
		pcre2_match_data_free(md);
	g_strfreev(words);
}
