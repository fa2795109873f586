/* status.h — the status of a document, shared by every stage and output.
 *
 * ok: every page usable; partial: some pages or parts unusable (the reason says
 * which); failed: nothing usable.  Stage programs map them to exit codes 0/1/2.
 */
#ifndef BX_STATUS_H
#define BX_STATUS_H

typedef enum { BX_OK = 0, BX_PARTIAL = 1, BX_FAILED = 2 } bx_status;

/* "ok" / "partial" / "failed". */
const char *status_name(bx_status s);
/* Parses a name; returns 0 and sets *OUT, or -1 for an unknown name. */
int status_parse(const char *name, bx_status *out);

/* Exit codes of every stage program (documented in README.md):
 * 0/1/2 the output was written and the document is ok/partial/failed;
 * 64 bad command line; 66 an input file cannot be read; 70 an output could not be written. */
#define BX_EXIT_USAGE 64
#define BX_EXIT_NOINPUT 66
#define BX_EXIT_SOFTWARE 70
#endif
