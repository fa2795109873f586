/* number.c — cell amounts (see number.h). */
#include "number.h"

#include <glib.h>
#include <string.h>

static const char *const number_names[] = { "text", "blank", "number", "percent", "bad" };

const char *number_type_name(num_type t)
{
	return number_names[t];
}

int number_decimals(const char *value)
{
	const char *dot = strchr(value, '.');
	return dot ? (int)strlen(dot + 1) : 0;
}

/* Copies S without spaces, mapping full-width brackets to ASCII. */
static GString *number_compact(const char *s)
{
	GString *o = g_string_new(NULL);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == ' ' || c == '\t')
			continue;
		if (c == 0xFF08)
			c = '(';
		else if (c == 0xFF09)
			c = ')';
		else if (c == 0xFF05)
			c = '%';
		g_string_append_unichar(o, c);
	}
	return o;
}

num_type number_parse(const char *text, char **value)
{
	GString *s = number_compact(text);
	num_type t = NUM_TEXT;
	int neg = 0, pct = 0, digits = 0, looks = 1;
	char *p, *q;
	GString *v;

	if (value)
		*value = NULL;
	if (s->len == 0 || !strcmp(s->str, "-") || !strcmp(s->str, "—") || !strcmp(s->str, "－") ||
	    !strcmp(s->str, "/") || !strcmp(s->str, "——") || !strcmp(s->str, "--")) {
		g_string_free(s, TRUE);
		return NUM_BLANK;
	}
	for (p = s->str; *p; p++) {
		if (g_ascii_isdigit(*p))
			digits++;
		else if (!strchr(",.-+()%", *p))
			looks = 0;
	}
	if (!looks || digits == 0) {
		g_string_free(s, TRUE);
		return NUM_TEXT;
	}
	p = s->str;
	q = s->str + s->len;
	if (*p == '(' && q[-1] == ')') {
		neg = 1;
		p++;
		*--q = '\0';
	}
	if (q > p && q[-1] == '%') {
		pct = 1;
		*--q = '\0';
	}
	if (*p == '-' || *p == '+') {
		neg ^= *p == '-';
		p++;
	}
	/* digits with optional thousands groups, optional decimals */
	v = g_string_new(neg ? "-" : "");
	{
		const char *r = p;
		int intdigits = 0, ok = 1, grouped = strchr(p, ',') != NULL;
		while (*r && *r != '.') {
			if (g_ascii_isdigit(*r)) {
				g_string_append_c(v, *r);
				intdigits++;
			} else if (*r == ',' && grouped && intdigits > 0 && g_ascii_isdigit(r[1]) &&
			           strspn(r + 1, "0123456789") == 3) {
				/* a separator must be followed by exactly three digits */
			} else {
				ok = 0;
				break;
			}
			r++;
		}
		if (ok && *r == '.') {
			g_string_append_c(v, '.');
			r++;
			if (!g_ascii_isdigit(*r))
				ok = 0;
			while (g_ascii_isdigit(*r))
				g_string_append_c(v, *r++);
		}
		if (ok && *r == '\0' && intdigits + (int)(strchr(p, '.') != NULL) > 0)
			t = pct ? NUM_PERCENT : NUM_NUMBER;
		else
			t = NUM_BAD;
	}
	if (t != NUM_BAD && value)
		*value = g_string_free(v, FALSE);
	else
		g_string_free(v, TRUE);
	g_string_free(s, TRUE);
	return t;
}
