/* normalize.c — compatibility-form and artifact cleanup (see normalize.h).
 * Written by hand because the rule is contextual (a full-width comma is a
 * thousands separator only between digits); glib supplies the UTF-8 decoding
 * and the NFKC tables for ligatures. */
#include "normalize.h"

#include <glib.h>
#include <string.h>

static const struct { const char *from, *to; } normalize_artifacts[] = {
	{ "[bookmark: _GoBack]", "" },
	{ "\\geq", "≥" }, { "\\leq", "≤" }, { "\\neq", "≠" },
	{ "\\times", "×" }, { "\\pm", "±" }, { "\\%", "%" },
	{ "\\ge", "≥" }, { "\\le", "≤" },
};

int normalize_is_cjk(unsigned int c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

static gunichar normalize_digit(gunichar c)
{
	return (c >= 0xFF10 && c <= 0xFF19) ? '0' + (c - 0xFF10) : c;
}

static int normalize_isdigit(gunichar c)
{
	return normalize_digit(c) >= '0' && normalize_digit(c) <= '9';
}

char *normalize_text(const char *s)
{
	GString *out = g_string_sized_new(strlen(s) + 8);
	gunichar prev = 0;
	const char *p = s;

	while (*p) {
		gunichar c, next;
		const char *q;
		size_t i;

		for (i = 0; i < G_N_ELEMENTS(normalize_artifacts); i++) {
			size_t n = strlen(normalize_artifacts[i].from);
			if (strncmp(p, normalize_artifacts[i].from, n) == 0)
				break;
		}
		if (i < G_N_ELEMENTS(normalize_artifacts)) {
			g_string_append(out, normalize_artifacts[i].to);
			p += strlen(normalize_artifacts[i].from);
			prev = 0;
			continue;
		}
		c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2) { /* invalid byte: replacement char */
			g_string_append(out, "\xEF\xBF\xBD");
			p++;
			prev = 0xFFFD;
			continue;
		}
		q = g_utf8_next_char(p);
		next = *q ? g_utf8_get_char_validated(q, -1) : 0;
		if (c >= 0xFF10 && c <= 0xFF19)
			c = normalize_digit(c);
		else if ((c == 0xFF0C || c == 0xFF0E) && normalize_isdigit(prev) && normalize_isdigit(next))
			c = c == 0xFF0C ? ',' : '.';
		else if ((c == 0xFF0D || c == 0x2212) && normalize_isdigit(next))
			c = '-';
		else if (c == 0x00A0 || c == 0x3000 || c == 0x2002 || c == 0x2003 || c == 0x2009)
			c = ' ';
		if (c >= 0xFB00 && c <= 0xFB06) {
			char buf[8];
			int n = g_unichar_to_utf8(c, buf);
			char *nf = g_utf8_normalize(buf, n, G_NORMALIZE_NFKC);
			g_string_append(out, nf ? nf : buf);
			g_free(nf);
		} else if (c == '\t' || !(c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))) {
			g_string_append_unichar(out, c);
		}
		prev = c;
		p = q;
	}
	return g_string_free(out, FALSE);
}

void normalize_badness(const char *s, size_t *bad, size_t *total)
{
	*bad = *total = 0;
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			(*bad)++;
			(*total)++;
			if (!p[1])
				break;
			continue;
		}
		if (g_unichar_isspace(c))
			continue;
		(*total)++;
		if (c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0x10FFFF))
			(*bad)++;
	}
}
