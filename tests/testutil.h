/* testutil.h — small helpers shared by the unit tests (header only: each test is
 * its own program, linked with the library alone). */
#ifndef BX_TESTUTIL_H
#define BX_TESTUTIL_H

#include <glib.h>

/* S without any whitespace, Unicode spaces included (g_free); NULL reads as "".
 * The form in which the expected-output tests compare texts and header paths. */
static inline char *testutil_squeeze(const char *s)
{
	GString *o = g_string_new(NULL);
	for (const char *p = s ? s : ""; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!g_unichar_isspace(c))
			g_string_append_unichar(o, c);
	}
	return g_string_free(o, FALSE);
}

#endif
