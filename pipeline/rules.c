/* rules.c — loading, compiling and matching rule files (grammar in rules.h). */
#include "rules.h"

#include <errno.h>
#include <stdlib.h>
#include <glib.h>
#include <string.h>

static void rules_clear(rule *r)
{
	g_free(r->id);
	g_free(r->cls);
	g_free(r->value);
	g_free(r->comment);
	g_free(r->pattern);
	if (r->re)
		pcre2_code_free(r->re);
}

void rules_free(rules_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		rules_clear(&set->v[i]);
	g_free(set->v);
	g_free(set->file);
	if (set->md)
		pcre2_match_data_free(set->md);
	g_free(set);
}

/* Takes the next space-separated token from *P. */
static char *rules_token(char **p)
{
	char *s = *p, *e;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NULL;
	e = s;
	while (*e && *e != ' ' && *e != '\t')
		e++;
	*p = e;
	return g_strndup(s, (gsize)(e - s));
}

static int rules_parse_line(rules_set *set, char *line, long lineno, GString *comment, bx_err *err)
{
	rule r = { 0 };
	char *p = line;
	int ecode;
	PCRE2_SIZE eoff;

	r.line = lineno;
	r.id = rules_token(&p);
	r.cls = rules_token(&p);
	r.value = rules_token(&p);
	while (*p == ' ' || *p == '\t')
		p++;
	g_strchomp(p);
	if (!r.id || !r.cls || !r.value || !*p) {
		rules_clear(&r);
		return err_at(err, set->file, lineno, "rule needs ID CLASS VALUE PATTERN");
	}
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->v[i].id, r.id) == 0) {
			err_at(err, set->file, lineno, "duplicate rule id '%s' (first at line %ld)", r.id, set->v[i].line);
			rules_clear(&r);
			return -1;
		}
	if (comment->len == 0) {
		err_at(err, set->file, lineno, "rule '%s' has no comment line above it", r.id);
		rules_clear(&r);
		return -1;
	}
	r.comment = g_strdup(comment->str);
	r.pattern = g_strdup(p);
	r.re = pcre2_compile((PCRE2_SPTR)p, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ecode, &eoff, NULL);
	if (!r.re) {
		PCRE2_UCHAR msg[256];
		if (pcre2_get_error_message(ecode, msg, sizeof msg) < 0)
			g_strlcpy((char *)msg, "unknown error", sizeof msg);
		err_at(err, set->file, lineno, "rule '%s': pcre2 error at pattern offset %zu: %s", r.id, (size_t)eoff, (char *)msg);
		rules_clear(&r);
		return -1;
	}
	/* No JIT: the interpreter is fast enough at the size of a document, and
	 * JIT code cannot be checked by valgrind. */
	set->v = g_renew(rule, set->v, set->n + 1);
	set->v[set->n++] = r;
	return 0;
}

rules_set *rules_load(const char *path, bx_err *err)
{
	gchar *data = NULL;
	gsize len = 0;
	GError *gerr = NULL;
	rules_set *set;
	GString *comment;
	char *line, *next;
	long lineno = 0;
	int after_rule = 0;

	if (!g_file_get_contents(path, &data, &len, &gerr)) {
		err_at(err, path, 0, "cannot read rule file: %s", gerr->message);
		g_error_free(gerr);
		return NULL;
	}
	if (len > RULES_MAX_BYTES || !g_utf8_validate(data, (gssize)len, NULL) || memchr(data, 0, len)) {
		err_at(err, path, 0, len > RULES_MAX_BYTES ? "rule file larger than 1 MiB" : "rule file is not utf-8 text");
		g_free(data);
		return NULL;
	}
	set = g_new0(rules_set, 1);
	set->file = g_strdup(path);
	comment = g_string_new(NULL);
	for (line = data; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		g_strchomp(line);
		if (line[0] == '#') {
			const char *c = line + 1;
			while (*c == ' ')
				c++;
			if (after_rule)
				g_string_truncate(comment, 0);
			after_rule = 0;
			if (comment->len)
				g_string_append_c(comment, ' ');
			g_string_append(comment, c);
			continue;
		}
		if (line[strspn(line, " \t")] == '\0') {
			g_string_truncate(comment, 0);
			after_rule = 0;
			continue;
		}
		if (rules_parse_line(set, line, lineno, comment, err) != 0) {
			g_string_free(comment, TRUE);
			g_free(data);
			rules_free(set);
			return NULL;
		}
		after_rule = 1; /* the comment block also covers the rules right below it */
	}
	g_string_free(comment, TRUE);
	g_free(data);
	set->md = pcre2_match_data_create(32, NULL);
	if (!set->md) {
		err_set(err, "out of memory");
		rules_free(set);
		return NULL;
	}
	return set;
}

const rule *rules_match(rules_set *set, const char *cls, const char *text, size_t *start, size_t *end)
{
	for (size_t i = 0; i < set->n; i++) {
		rule *r = &set->v[i];
		if (strcmp(r->cls, cls) != 0)
			continue;
		if (pcre2_match(r->re, (PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED, 0, 0, set->md, NULL) > 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(set->md);
			if (start)
				*start = ov[0];
			if (end)
				*end = ov[1];
			return r;
		}
	}
	return NULL;
}

char *rules_group(rules_set *set, const rule *r, const char *text, const char *name)
{
	int n = pcre2_substring_number_from_name(r->re, (PCRE2_SPTR)name);
	PCRE2_SIZE *ov;

	if (n < 0 || (uint32_t)n >= pcre2_get_ovector_count(set->md))
		return NULL;
	ov = pcre2_get_ovector_pointer(set->md);
	if (ov[2 * n] == PCRE2_UNSET)
		return NULL;
	return g_strndup(text + ov[2 * n], ov[2 * n + 1] - ov[2 * n]);
}

int rules_exec(rules_set *set, const rule *r, const char *text, size_t offset, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov;
	if (pcre2_match(r->re, (PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED, offset, 0, set->md, NULL) <= 0)
		return 0;
	ov = pcre2_get_ovector_pointer(set->md);
	*start = ov[0];
	*end = ov[1];
	return 1;
}

size_t rules_count(const rules_set *set, const char *cls)
{
	size_t k = 0;
	for (size_t i = 0; i < set->n; i++)
		k += strcmp(set->v[i].cls, cls) == 0;
	return k;
}

/* RE compiled (UTF) with {year} replaced by YEAR and {prior} by the year
 * before it (YEAR "" leaves them as they are); NULL when it does not compile. */
char *rules_year_pattern(const char *re, const char *year)
{
	char *prior = *year ? g_strdup_printf("%ld", strtol(year, NULL, 10) - 1) : g_strdup("{prior}");
	gchar **a = g_strsplit(re, "{year}", -1);
	char *r1 = g_strjoinv(*year ? year : "{year}", a);
	gchar **b = g_strsplit(r1, "{prior}", -1);
	char *r2 = g_strjoinv(prior, b);
	g_strfreev(a);
	g_strfreev(b);
	g_free(r1);
	g_free(prior);
	return r2;
}

pcre2_code *rules_compile_year(const char *re, const char *year)
{
	char *p = rules_year_pattern(re, year);
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)p, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
	g_free(p);
	return c;
}
