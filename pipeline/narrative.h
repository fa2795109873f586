/* narrative.h — the amounts, shares and changes stated in the narrative.
 *
 * narrative_extract splits each paragraph of the segments into sentences (at
 * 。 and ；), applies every `fact` rule of the narrative rules to each sentence
 * (all matches; a match whose value overlaps an earlier rule's value is
 * dropped), and orders the facts by position.  Subjects are normalised by the
 * `subject` rules (VALUE "=" keeps the cleaned text); a fact without a subject
 * takes the subject of the latest amount before it in the paragraph.
 */
#ifndef BX_NARRATIVE_H
#define BX_NARRATIVE_H

#include <glib.h>
#include "rules.h"
#include "segments.h"

typedef struct {
	char *section, *subject, *measure, *value, *unit, *sentence;
	long page;
} narrative_fact;

/* Returns an array of narrative_fact (g_array_unref frees everything). */
GArray *narrative_extract(const segments *s, rules_set *rules);

#endif
