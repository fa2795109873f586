/* extractors.h — private to extractors/: the plug-in table of input kinds.
 *
 * Each extractor is one const struct in its own file.  `claims` looks at the
 * first bytes and the file name and says whether it reads this input; `read`
 * writes the pages of the layout (head and tail are written by extract.c) and
 * returns the document status with a one-line REASON (g_free) when not ok.
 * A read that returns BX_FAILED may have written no page.
 */
#ifndef BX_EXTRACTORS_H
#define BX_EXTRACTORS_H

#include <stdio.h>
#include <stddef.h>
#include "extract.h"

typedef struct {
	const char *name; /* recorded as the layout's input kind */
	int (*claims)(const unsigned char *head, size_t n, const char *path);
	bx_status (*read)(const extract_opts *o, FILE *out, char **reason);
} extractor;

extern const extractor extractor_pdf;
extern const extractor extractor_text;

/* Writes the pages of a text document held in DATA (LEN bytes, UTF-8). Used by
 * the text extractor and by tests. */
bx_status text_layout(const char *data, size_t len, FILE *out, char **reason);

#endif
