/* text.c — the extractor for text extractions (.txt, .md): one layout line per
 * non-blank input line.
 *
 * Geometry is synthetic but consistent: line N (1-based, counting blank lines)
 * sits at y = (N-1)*14 with size 12 on a page 595 wide, so blank lines show as
 * gaps; a form feed starts a new page and resets N.  A TAB is kept in the line
 * text as the cell separator.  Markdown heading marks become the line's mark
 * (h1..h6) and are stripped with bold markers (**); HTML tags are stripped;
 * normalize_text does the rest.  Input must be UTF-8 (a BOM is skipped).
 */
#include "extractors.h"
#include "../pipeline/normalize.h"
#include "../pipeline/layout.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#define TEXT_MAX_BYTES (256L << 20)
#define TEXT_LINE_H 14.0

static int text_claims(const unsigned char *head, size_t n, const char *path)
{
	(void)head;
	(void)n;
	return g_str_has_suffix(path, ".txt") || g_str_has_suffix(path, ".md") ||
	       g_str_has_suffix(path, ".TXT") || g_str_has_suffix(path, ".MD") ||
	       g_str_has_suffix(path, ".markdown");
}

/* Removes HTML tags (<p>, </p>, <br/>, <span ...>) and markdown bold marks in place. */
static void text_strip_markup(char *s)
{
	char *w = s;
	for (char *p = s; *p;) {
		if (p[0] == '<' && (g_ascii_isalpha(p[1]) || (p[1] == '/' && g_ascii_isalpha(p[2])))) {
			char *gt = p + 1;
			while (*gt && *gt != '>' && *gt != '<')
				gt++;
			if (*gt == '>') {
				p = gt + 1;
				continue;
			}
		}
		if (p[0] == '*' && p[1] == '*') {
			p += 2;
			continue;
		}
		*w++ = *p++;
	}
	*w = '\0';
}

/* Returns the heading level of a markdown heading and advances *S past the marks. */
static int text_heading(char **s)
{
	char *p = *s;
	int level = 0;
	while (*p == ' ' && p - *s < 3)
		p++;
	while (*p == '#' && level < 7) {
		level++;
		p++;
	}
	if (level == 0 || level > 6 || (*p != ' ' && *p != '\0'))
		return 0;
	while (*p == ' ')
		p++;
	*s = p;
	/* closing marks: "## title ##" */
	for (char *e = p + strlen(p); e > p && (e[-1] == '#' || e[-1] == ' '); e--)
		e[-1] = '\0';
	return level;
}

/* Removes trailing spaces and CRs, never TABs: "收入\t\t" keeps its empty cells. */
static void text_chomp(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

static int text_is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

static int text_flush_page(FILE *out, layout_page *pg, bx_err *err)
{
	int rc = layout_write_page(out, pg, err);
	layout_page_free(pg);
	return rc;
}

bx_status text_layout(const char *data, size_t len, FILE *out, char **reason)
{
	char *copy, *line, *next;
	long pageno = 1, lineno = 0, nonblank = 0;
	layout_page *pg;
	bx_err err;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (len == 0) {
		*reason = g_strdup("empty file");
		return BX_FAILED;
	}
	if (memchr(data, '\0', len)) {
		*reason = g_strdup("not text: contains nul bytes");
		return BX_FAILED;
	}
	if (!g_utf8_validate(data, (gssize)len, NULL)) {
		*reason = g_strdup("not utf-8 text (convert it first, e.g. from gb18030)");
		return BX_FAILED;
	}
	copy = g_strndup(data, len);
	pg = layout_page_new(pageno, 595, 842);
	for (line = copy; line; line = next) {
		char *ff, *text, *clean;
		int level;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		while ((ff = strchr(line, '\f')) != NULL) {
			*ff = '\0';
			/* text before the form feed belongs to the current page */
			if (!text_is_blank(line)) {
				clean = normalize_text(line);
				lineno++;
				layout_page_add_line(pg, 0, (lineno - 1) * TEXT_LINE_H, 6.0 * (double)g_utf8_strlen(clean, -1),
				                     (lineno - 1) * TEXT_LINE_H + 12, 12, "-", clean);
				nonblank++;
				g_free(clean);
			}
			if (text_flush_page(out, pg, &err) != 0)
				goto write_error;
			pg = layout_page_new(++pageno, 595, 842);
			lineno = 0;
			line = ff + 1;
		}
		lineno++;
		text_chomp(line); /* drops the CR of CRLF; keeps trailing TABs (empty cells) */
		if (text_is_blank(line))
			continue;
		text = line;
		level = text_heading(&text);
		text_strip_markup(text);
		clean = normalize_text(text);
		if (!text_is_blank(clean)) {
			char mark[4] = "-";
			if (level)
				g_snprintf(mark, sizeof mark, "h%d", level);
			layout_page_add_line(pg, 0, (lineno - 1) * TEXT_LINE_H, 6.0 * (double)g_utf8_strlen(clean, -1),
			                     (lineno - 1) * TEXT_LINE_H + 12, 12, mark, clean);
			nonblank++;
		}
		g_free(clean);
	}
	g_free(copy);
	if (text_flush_page(out, pg, &err) != 0) {
		*reason = g_strdup(err.msg);
		return BX_FAILED;
	}
	if (nonblank == 0) {
		*reason = g_strdup("no text: the file has only blank lines");
		return BX_FAILED;
	}
	return BX_OK;

write_error:
	g_free(copy);
	*reason = g_strdup(err.msg);
	return BX_FAILED;
}

static bx_status text_read(const extract_opts *o, FILE *out, char **reason)
{
	gchar *data = NULL;
	gsize len = 0;
	GError *gerr = NULL;
	GStatBuf st;
	bx_status s;

	if (g_stat(o->input, &st) == 0 && st.st_size > TEXT_MAX_BYTES) {
		*reason = g_strdup_printf("text file too large (%ld bytes, limit %ld)", (long)st.st_size, TEXT_MAX_BYTES);
		return BX_FAILED;
	}
	if (!g_file_get_contents(o->input, &data, &len, &gerr)) {
		*reason = g_strdup_printf("cannot read: %s", gerr->message);
		g_error_free(gerr);
		return BX_FAILED;
	}
	s = text_layout(data, len, out, reason);
	g_free(data);
	return s;
}

const extractor extractor_text = { "text", text_claims, text_read };
