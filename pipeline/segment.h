/* segment.h — the segment stage: layout in, document outline and table regions out.
 *
 * segment_run reads the layout, applies the rules of RULES (rules/segment.rules:
 * classes heading, toc, toc-entry, page-number, label, title, unit, issuer-line,
 * note, year, kind, scope, issuer) and writes the segments file.  A failed
 * layout gives a failed segments file with the same reason.
 */
#ifndef BX_SEGMENT_H
#define BX_SEGMENT_H

#include "err.h"
#include "layout.h"
#include "rules.h"
#include "segments.h"
#include "status.h"

/* Segments an in-memory layout. Returns the result (segments_free). */
segments *segment_layout(const layout_doc *layout, rules_set *rules);

/* The stage: reads LAYOUT_PATH and RULES_PATH, writes OUT_PATH. Returns 0 and
 * sets *STATUS, or -1 with ERR set when an input cannot be read or the output
 * cannot be written. */
int segment_run(const char *layout_path, const char *rules_path, const char *out_path,
                bx_status *status, bx_err *err);

/* The line's text as the rules see it: cells joined by one space, spaces next to
 * CJK characters removed, trimmed (g_free). */
char *segment_line_text(const char *text);

#endif
