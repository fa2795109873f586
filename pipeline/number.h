/* number.h — reading the amounts printed in table cells, once, in one place.
 *
 * number_parse classifies TEXT (already normalised by the extractor) and, for a
 * number, gives its value as a plain decimal string without separators, keeping
 * the printed decimals: "1,664.80" -> "1664.80", "（12.30）" and "(12.30)" ->
 * "-12.30", "-12.3" -> "-12.3", "18.8%" -> percent "18.8".  Blank, "-", "—",
 * "－" and "/" are blank.  Text that looks numeric (only digits, separators,
 * signs, brackets and %) but does not parse is bad, so it can be reported.
 */
#ifndef BX_NUMBER_H
#define BX_NUMBER_H

typedef enum { NUM_TEXT, NUM_BLANK, NUM_NUMBER, NUM_PERCENT, NUM_BAD } num_type;

/* Returns the type; for NUM_NUMBER and NUM_PERCENT *VALUE gets a new string
 * (g_free), otherwise NULL.  VALUE may be NULL. */
num_type number_parse(const char *text, char **value);
const char *number_type_name(num_type t);
/* Decimal places of a plain decimal string ("1664.80" -> 2). */
int number_decimals(const char *value);

#endif
