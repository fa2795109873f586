/* segments.h — what the segment stage found, and its file segments.bxs.
 *
 * File grammar (records as in tsv.h; an empty text is written "-"):
 *   bx-segments 1
 *   doc      ID
 *   meta     KEY VALUE FROM            KEY issuer|year|kind|scope|amount_unit|pages;
 *                                      FROM where it was found ("p1:l3 rule title-kind")
 *   heading  PAGE LEVEL TEXT           outline entry, LEVEL 1..4
 *   para     PAGE SECTION HEADING TEXT narrative paragraph (lines joined); SECTION the
 *                                      numbering of the enclosing headings, e.g. "二/（一）";
 *                                      HEADING the innermost heading's phrase (收入预算)
 *   table    NO LABEL TITLE KIND UNIT FIRST LAST NOTE RULE
 *                                      a table region; NO 1-based in document order;
 *                                      FIRST/LAST pages; RULE the id of the rule that named it
 *   region   NO PAGE FROM TO           body lines FROM..TO (0-based indexes into the
 *                                      page's layout lines) of table NO on PAGE
 *   status   ok|partial|failed REASON
 *   end
 * segments.c is the only reader and writer.
 */
#ifndef BX_SEGMENTS_H
#define BX_SEGMENTS_H

#include <glib.h>
#include "err.h"
#include "status.h"

#define SEGMENTS_MAGIC "bx-segments"
#define SEGMENTS_VERSION 1

typedef struct { char *key, *value, *from; } seg_meta;
typedef struct { long page, level; char *text; } seg_heading;
typedef struct { long page; char *section, *heading, *text; } seg_para;
typedef struct {
	long no;
	char *label, *title, *kind, *unit, *note, *rule;
	long first, last;
} seg_table;
typedef struct { long table, page, from, to; } seg_region;

typedef struct {
	char *doc;
	GArray *meta, *headings, *paras, *tables, *regions;
	bx_status status;
	char *error;
} segments;

segments *segments_new(const char *doc);
void segments_free(segments *s);
/* Looks up a meta value ("" when absent; owned by S). */
const char *segments_meta(const segments *s, const char *key);
void segments_add_meta(segments *s, const char *key, const char *value, const char *from);

/* Writes S to PATH atomically. Returns 0 or -1 with ERR set. */
int segments_write(const segments *s, const char *path, bx_err *err);
/* Reads PATH. Returns the segments (segments_free) or NULL with ERR set. */
segments *segments_read(const char *path, bx_err *err);

#endif
