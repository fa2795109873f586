/* extractors/rulings.h — table rulings found by rendering a page.

   poppler-glib gives no access to a page's vector paths, so the rulings (the
   horizontal and vertical lines of a table, drawn as strokes or as thin filled
   rectangles) are found on a rendered image of the page, with the caller's
   character boxes blanked first.  All coordinates are page points, origin
   top-left, y down: the space of poppler_page_get_text_layout for the same
   page, rotation included. */
#ifndef RULINGS_H
#define RULINGS_H

#include <stddef.h>
#include <poppler.h>

typedef struct { double x0, y0, x1, y1; } rulings_box;      /* a character box, page points */
typedef struct { double x0, y0, x1, y1, thick; } rulings_seg; /* horizontal: y0==y1; vertical: x0==x1 */
typedef struct { rulings_seg *h, *v; size_t nh, nv; } rulings_set;

/* Finds the rulings of PAGE. BOXES (N of them, may be NULL when N==0) are blanked first.
   Returns 0 and fills OUT (caller frees with rulings_set_release), or -1 with a one-line
   lowercase reason in ERRBUF (size ERRLEN) when rendering fails; never prints, never exits.
   BOXES should be the glyph boxes of poppler_page_get_text_layout without the whitespace
   ones, in that (reading) order: the order tells the writing direction of boxes that a
   broken font made flat, and boxes over 60 pt are ignored.  Horizontal segments come
   sorted by y then x0, vertical ones by x then y0; x0 < x1 and y0 < y1 along the segment;
   THICK is the line's thickness in points. */
int rulings_find(PopplerPage *page, const rulings_box *boxes, size_t n,
                 rulings_set *out, char *errbuf, size_t errlen);

void rulings_set_release(rulings_set *set);  /* safe on a zeroed set */

/* The same in two steps, so a caller can render a page before it reads the page's
   text: poppler keeps the text it collects while rendering, and reading it then
   costs no second pass over the page.  rulings_render fills IMG (release with
   rulings_image_release, safe on a zeroed image); rulings_analyze finds the
   rulings of a rendered page with BOXES blanked.  Both return 0, or -1 with a
   reason in ERRBUF. */
typedef struct { unsigned char *lum; int w, h; double scale; } rulings_image;
int rulings_render(PopplerPage *page, rulings_image *img, char *errbuf, size_t errlen);
int rulings_analyze(const rulings_image *img, const rulings_box *boxes, size_t n,
                    rulings_set *out, char *errbuf, size_t errlen);
void rulings_image_release(rulings_image *img);

#endif
