/* rules.h — rule files: domain patterns kept as data (docs/RULES.md).
 *
 * A rule file is UTF-8 text.  Blank lines are ignored; lines starting with '#'
 * are comments, and the comment lines directly above a rule are its comment
 * (every rule must have one).  A rule is one line:
 *     ID  CLASS  VALUE  PATTERN
 * the first three fields separated by spaces or tabs, PATTERN the rest of the
 * line: a PCRE2 pattern compiled once, in UTF and Unicode-property mode.  IDs
 * are unique within a file.  A malformed rule (missing field, duplicate id, no
 * comment, pattern that does not compile) refuses the whole file with
 * file:line and the PCRE2 message.  Files are bounded (RULES_MAX_BYTES).
 */
#ifndef BX_RULES_H
#define BX_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include "err.h"

#define RULES_MAX_BYTES (1L << 20)

typedef struct {
	char *id, *cls, *value, *comment, *pattern;
	long line;
	pcre2_code *re;
} rule;

typedef struct {
	char *file;
	rule *v;
	size_t n;
	pcre2_match_data *md; /* shared scratch for matching; sets are not thread-safe */
} rules_set;

/* Loads and compiles PATH. Returns a set (rules_free) or NULL with ERR set. */
rules_set *rules_load(const char *path, bx_err *err);
void rules_free(rules_set *set);

/* Finds the first rule of class CLS (in file order) whose pattern matches TEXT.
 * Returns it, or NULL.  When it matches, *START and *END (either may be NULL) get the
 * byte offsets of the whole match. */
const rule *rules_match(rules_set *set, const char *cls, const char *text, size_t *start, size_t *end);

/* After a successful rules_match, the text of named group NAME of that match as
 * a new string (g_free), or NULL when the group is absent or did not take part. */
char *rules_group(rules_set *set, const rule *r, const char *text, const char *name);

/* Matches rule R alone against TEXT from byte OFFSET; 1 with *START and *END set
 * (then rules_group works on this match), 0 for no match. */
int rules_exec(rules_set *set, const rule *r, const char *text, size_t offset, size_t *start, size_t *end);

/* A pattern fragment of a rule's VALUE with {year} replaced by YEAR and {prior}
 * by the year before it (YEAR "": left as they are), as a new string (g_free). */
char *rules_year_pattern(const char *re, const char *year);

/* The same fragment compiled (UTF; YEAR "" for a fragment with no year in it).
 * Returns the code (pcre2_code_free) or NULL when it does not compile.  Every
 * regex of a rule's VALUE is compiled here. */
pcre2_code *rules_compile_year(const char *re, const char *year);

/* Number of rules of class CLS. */
size_t rules_count(const rules_set *set, const char *cls);

#endif
