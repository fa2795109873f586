/* normalize.h — the text cleanup every extractor applies, so later stages can rely on it.
 *
 * normalize_text returns a new string (g_free) in which: full-width digits are
 * ASCII; a full-width comma or point between digits, and a full-width or Unicode
 * minus before a digit, are ASCII; ligatures (U+FB00..U+FB06) are expanded;
 * TeX-style artifacts (\geq \leq \neq \times \pm \%) are the symbols; docx
 * bookmark artifacts ("[bookmark: _GoBack]") are removed; control characters
 * other than TAB are dropped; no-break and ideographic spaces become spaces.
 * Chinese punctuation elsewhere (，。（）) is kept as printed.
 * normalize_badness counts the characters that show text is unusable
 * (private-use, U+FFFD) out of the non-space characters of S.
 */
#ifndef BX_NORMALIZE_H
#define BX_NORMALIZE_H

#include <stddef.h>

char *normalize_text(const char *s);
void normalize_badness(const char *s, size_t *bad, size_t *total);
/* 1 when the code point is a CJK ideograph or CJK punctuation. */
int normalize_is_cjk(unsigned int c);

#endif
