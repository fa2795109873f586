/* extract.h — the extract stage: one input document in, one layout.bxl out.
 *
 * extract_run sniffs the input (content first, then the file name), hands it to
 * the extractor that claims it (PDF through poppler-glib, or UTF-8 text/markdown),
 * and writes the layout atomically.  A document that cannot be read still gets a
 * layout file, with status failed and a one-line reason; pages without usable
 * text are flagged (no-text, garbled) and make the document partial.  PDFs are
 * read in a child process, so a crash or a hang inside the PDF library becomes a
 * failed document, not a dead batch.
 */
#ifndef BX_EXTRACT_H
#define BX_EXTRACT_H

#include "../pipeline/err.h"
#include "../pipeline/status.h"

typedef struct {
	const char *input;   /* file to read */
	const char *output;  /* layout file to write */
	const char *doc;     /* document id recorded in the layout ("" if none) */
	const char *source;  /* source path recorded (defaults to input) */
	double timeout;      /* seconds per document; 0 = no limit */
	long max_pages;      /* documents with more pages fail; 0 = no limit */
	int rulings;         /* detect table rulings on PDF pages */
} extract_opts;

#define EXTRACT_DEFAULT_TIMEOUT 120.0
#define EXTRACT_DEFAULT_MAX_PAGES 5000L

/* Fills O with the defaults above. */
void extract_opts_init(extract_opts *o);

/* Runs the stage. Returns 0 and sets *STATUS when the layout was written (its
 * status may be failed), or -1 with ERR set when no output could be written. */
int extract_run(const extract_opts *o, bx_status *status, bx_err *err);

#endif
