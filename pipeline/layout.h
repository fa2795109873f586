/* layout.h — the page model made by the extract stage, and its file layout.bxl.
 *
 * File grammar (records as in tsv.h; numbers in PDF points, origin top-left,
 * y growing downwards, two decimals):
 *   bx-layout  1                                   version line
 *   doc        ID                                  document id
 *   source     PATH                                source path as given to the run
 *   sha256     HEX                                 of the input bytes
 *   input      pdf|text                            which extractor read it
 *   page       NO W H ORIENT FLAGS                 starts a page; ORIENT portrait|landscape;
 *                                                  FLAGS "-" or comma list (no-text, blank, garbled,
 *                                                  timeout, no-rulings, rotated-90|180|270: the text ran
 *                                                  sideways or upside down as displayed and is given
 *                                                  upright, W and H those of the upright page)
 *   line       X0 Y0 X1 Y1 SIZE MARK TEXT          a text line in reading order; MARK "-" or
 *                                                  h1..h6 (a markdown heading mark that was stripped);
 *                                                  a TAB in TEXT separates cells (text inputs)
 *   word       X0 Y0 X1 Y1 SIZE TEXT               a word (run of characters without a wide gap)
 *                                                  of the preceding line
 *   hrule      X0 Y0 X1 Y1 THICK                   a horizontal ruling (Y0 == Y1)
 *   vrule      X0 Y0 X1 Y1 THICK                   a vertical ruling (X0 == X1)
 *   status     ok|partial|failed REASON            REASON "-" when ok
 *   end                                            last line; a file without it is truncated
 * Unknown record names are refused.  layout.c is the only reader and writer.
 */
#ifndef BX_LAYOUT_H
#define BX_LAYOUT_H

#include <glib.h>
#include <stdio.h>
#include "err.h"
#include "status.h"

#define LAYOUT_MAGIC "bx-layout"
#define LAYOUT_VERSION 1

typedef struct {
	double x0, y0, x1, y1, size;
	char *text;
} layout_word;

typedef struct {
	double x0, y0, x1, y1, size;
	char *mark;   /* "-" or "h1".."h6" */
	char *text;
	guint word0;  /* index of its first word in page->words */
	guint nword;
} layout_line;

typedef struct {
	double x0, y0, x1, y1, thick;
} layout_rule;

typedef struct {
	long no;            /* 1-based */
	double width, height;
	char *orient;       /* portrait | landscape */
	char *flags;        /* "-" or comma list */
	GArray *lines;      /* layout_line */
	GArray *words;      /* layout_word */
	GArray *hrules;     /* layout_rule */
	GArray *vrules;     /* layout_rule */
} layout_page;

typedef struct {
	char *doc, *source, *sha256, *input;
	GPtrArray *pages;   /* layout_page *, in order */
	bx_status status;
	char *error;        /* "" when ok */
} layout_doc;

/* Page and document lifecycles: _new gives an empty object, _free(NULL) is fine. */
layout_page *layout_page_new(long no, double width, double height);
void layout_page_free(layout_page *page);
layout_doc *layout_doc_new(void);
void layout_doc_free(layout_doc *doc);

/* Appends a line (TEXT copied) and returns it; words added after it belong to it. */
layout_line *layout_page_add_line(layout_page *page, double x0, double y0, double x1,
                                  double y1, double size, const char *mark, const char *text);
/* Appends a word (TEXT copied) to the last line; an empty TEXT adds nothing (a
 * word's text is never empty, so the layout file writes a lone "-" as itself). */
void layout_page_add_word(layout_page *page, double x0, double y0, double x1, double y1,
                          double size, const char *text);
void layout_page_add_rule(layout_page *page, int vertical, double x0, double y0, double x1,
                          double y1, double thick);
/* Adds FLAG to the page's comma list once. */
void layout_page_flag(layout_page *page, const char *flag);
int layout_page_has_flag(const layout_page *page, const char *flag);

/* Streaming writer: head, then each page, then the tail. Each returns 0 or -1
 * with ERR set on a write error. */
/* Writes the head records.  With SHA_AT, the sha256 is left as 64 zeros (the
 * hash of a large input is computed while its pages are read) and *SHA_AT gets
 * the file offset where layout_patch_sha256 writes it. */
int layout_write_head(FILE *fp, const layout_doc *doc, long *sha_at, bx_err *err);
#define LAYOUT_SHA256_PENDING "0000000000000000000000000000000000000000000000000000000000000000"
/* Writes the 64 hex digits HEX at offset AT of FP (see layout_write_head). */
int layout_patch_sha256(FILE *fp, long at, const char *hex, bx_err *err);
int layout_write_page(FILE *fp, const layout_page *page, bx_err *err);
int layout_write_tail(FILE *fp, bx_status status, const char *reason, bx_err *err);

/* Reads a whole layout file. Returns a document (caller frees with
 * layout_doc_free), or NULL with ERR set (file:line) for a missing file, a wrong
 * version, a malformed or truncated file. */
layout_doc *layout_read(const char *path, bx_err *err);

#endif
