/* gendata.h — the data of one generated disclosure: its tables, its narrative and
 * the findings a checker must report on it, all drawn from a seeded generator.
 *
 * A document holds the 一般公共预算财政拨款支出预算表 (function codes, 总计 =
 * 基本支出 + 项目支出) and the 一般公共预算财政拨款基本支出预算表 (economic codes,
 * 合计 = 人员经费 + 公用经费), built from the code tree of seed 000 and a wider pool
 * of real subject codes: leaves are drawn, amounts scaled, rows added or removed,
 * and every parent and 合计 is the exact sum of what is printed below it, so a
 * consistent document has no failing check.  Amounts are integers in the
 * document's minor unit: 0.01 万元 for a 万元 document, 1 元 for a 元 document.
 * The narrative (optional) states totals, class amounts, shares and a change on
 * the prior year, computed from the printed figures, and last two items named
 * with their codes (一般公共服务支出（201类）…行政运行（01项）12.34万元), the 项's
 * amount as the table prints it once the plants are made.  The parts it lists
 * are rounded figures: where in a 元 document they miss their total by rounding,
 * that rounding finding is recorded too.
 *
 * Invariant: a planted error changes exactly the printed figures its findings
 * name; everything else still adds up.  Plants: cents (a leaf off by a few units
 * of the last digit, beyond rounding), large (a leaf off by 10 万元), total (the
 * 合计 wrong), rounding (a leaf off by one unit, which rounding explains: a 元
 * document with this plant prints whole 元),
 * narrative (a class amount the narrative states differs from its table: it
 * no longer agrees with it, and the classes listed no longer add up to the
 * total), share (a stated share does not recompute), growth (a stated growth
 * rate does not recompute), cross (the economic table's total differs from the
 * function table's 基本支出, each table consistent in itself), template (the
 * change on the prior year printed 增加（减少）, the template's alternative left
 * in place), parts (the narrative's 基本支出 or 项目支出 10 万元 more, or half
 * less where that would pass the total: its parts miss the total it states, and
 * the part its table; its share follows the stated part), codename (a class named with its code under a name that is not
 * the table's: the one it had before a reform of the codes, 医疗卫生与计划生育支出
 * （210类）, else 一般公共预算支出 for 201), none.  No plant for 决算数大于预算数:
 * the documents are budgets, whose narrative states no 决算.
 *
 * Number forms (documents drawn as PDF; not the HTML of corpus/office, whose
 * prints are fixed), cycled by index so that any four documents in a row hold
 * them all: plain; full-width digits in some cells (gen.c picks them) and blanks
 * printed "-"; a negative 项目支出 leaf printed -12.30 and blanks printed "—";
 * a negative leaf printed （12.30） and full-width digits.  Landscape documents
 * with a negative leaf have a share column (占比, "12.3%") in the function
 * table, where the page is wide enough for a fourth amount column.  A negative leaf is a
 * project-only 项 with a sibling, at most a fifth of what its siblings hold in
 * 项目支出, so every 项目支出 above it stays positive; every sum is still exact.
 */
#ifndef BX_GENDATA_H
#define BX_GENDATA_H

#include <glib.h>

typedef struct {
	char code[8];
	const char *name;
	long v[3]; /* total, first part, second part; 0 prints blank */
} gendata_row;

typedef struct {
	char title[160];       /* as printed: year, issuer, table name */
	const char *subject;   /* 功能分类科目 / 经济分类科目 */
	const char *col[4];    /* the amount columns; col[3] 占比 when SHARE */
	int share;             /* a fourth column 占比: the row's 总计 over the 合计's, "12.3%" */
	GArray *rows;          /* gendata_row; row 0 is the 合计 */
} gendata_table;

typedef struct {
	int level; /* 0 document title, 1 一、 heading, 2 （一） heading, 3 paragraph */
	char *text;
} gendata_line;

typedef struct {
	char *name;            /* NNNN-style-orientation-plant */
	const char *style, *plant;
	int landscape, yuan, commas, yuan_decimals, year;
	int fullwidth;         /* some amount cells printed in full-width digits */
	int brackets;          /* negatives printed （12.30）, else -12.30 */
	const char *blank;     /* how a zero prints: "", "-" or "—" */
	const char *issuer;
	gendata_table fn, eco;
	GArray *narrative;     /* gendata_line; empty: no narrative pages */
	GString *findings;     /* check TAB status TAB scope text, lines */
} gendata_doc;

extern const char *const gendata_styles[];
extern const int gendata_nstyles;
extern const char *const gendata_plants[];
extern const int gendata_nplants;

/* Fills D with document INDEX of the corpus of SEED, in STYLE with PLANT (NULL:
 * the style, plant and orientation of INDEX in the cycle; ORIENT -1 the cycle's, 0
 * portrait, 1 landscape), with the number forms of INDEX when FORMS (else plain
 * figures and blank zeros).  Returns 0, or -1 for an unknown style or plant. */
int gendata_make(gendata_doc *d, guint64 seed, int index, const char *style, const char *plant, int orient,
                 int forms);

/* Frees what D holds. */
void gendata_release(gendata_doc *d);

/* The text of amount V of D as the tables stage reads it (newly allocated): with
 * separators when D has them, a negative as -12.30 or （12.30）, 0 as D's blank;
 * in ASCII digits (a full-width print reads as this, see normalize.h). */
char *gendata_amount(const gendata_doc *d, long v);

/* The number of amount columns of T (3, or 4 with the share column). */
int gendata_ncols(const gendata_table *t);

/* The share of row R of T in tenths of a percent: its 总计 over the 合计's,
 * rounded half away from zero. */
long gendata_share_tenths(const gendata_table *t, guint r);

/* Tenths of a percent P as "12.3" (newly allocated); "-0.4" for a negative. */
char *gendata_tenths(long p);

/* The value of non-zero amount V of D as facts.csv holds it (newly allocated):
 * no separators, the printed decimals, "-" for a negative ("-12.30"). */
char *gendata_value(const gendata_doc *d, long v);

#endif
