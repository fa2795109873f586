/* test_number.c — amounts as printed in the tables of the corpus. */
#include <criterion/criterion.h>
#include <glib.h>

#include "../pipeline/number.h"

static void expect(const char *text, num_type type, const char *value)
{
	char *v = NULL;
	num_type t = number_parse(text, &v);
	cr_expect_eq(t, type, "'%s': type %s, expected %s", text, number_type_name(t), number_type_name(type));
	if (value)
		cr_expect_str_eq(v ? v : "(null)", value, "'%s'", text);
	else
		cr_expect_null(v, "'%s' gave a value", text);
	g_free(v);
}

Test(number, printed_forms)
{
	expect("1,664.80", NUM_NUMBER, "1664.80");
	expect("86,959,408.34", NUM_NUMBER, "86959408.34");
	expect("1664.8", NUM_NUMBER, "1664.8");
	expect("0.00", NUM_NUMBER, "0.00");
	expect("12,604,173", NUM_NUMBER, "12604173");
	expect("-12.30", NUM_NUMBER, "-12.30");
	expect("（12.30）", NUM_NUMBER, "-12.30");
	expect("(1,200.00)", NUM_NUMBER, "-1200.00");
	expect("18.8%", NUM_PERCENT, "18.8");
	expect("80.6％", NUM_PERCENT, "80.6");
	expect(" 73.30 ", NUM_NUMBER, "73.30");
}

Test(number, blanks_text_and_bad)
{
	expect("", NUM_BLANK, NULL);
	expect("-", NUM_BLANK, NULL);
	expect("—", NUM_BLANK, NULL);
	expect("－", NUM_BLANK, NULL);
	expect("行政运行", NUM_TEXT, NULL);
	expect("2024年预算数", NUM_TEXT, NULL);
	expect("1,66,4.80", NUM_BAD, NULL);
	expect("12..3", NUM_BAD, NULL);
	expect("1.2.3", NUM_BAD, NULL);
	expect("3-5", NUM_BAD, NULL);
}

Test(number, decimals)
{
	cr_assert_eq(number_decimals("1664.80"), 2);
	cr_assert_eq(number_decimals("12604173"), 0);
}
