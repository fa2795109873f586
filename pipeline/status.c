/* status.c — names of document statuses (see status.h). */
#include "status.h"

#include <string.h>

static const char *const status_names[] = { "ok", "partial", "failed" };

const char *status_name(bx_status s)
{
	return (unsigned)s < 3 ? status_names[s] : "failed";
}

int status_parse(const char *name, bx_status *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(name, status_names[i]) == 0) {
			*out = (bx_status)i;
			return 0;
		}
	return -1;
}
