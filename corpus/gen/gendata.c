/* gendata.c — the seeded data of generated disclosures (see gendata.h): code
 * trees drawn from real subject codes, amounts scaled per document, the
 * narrative computed from the printed figures, planted errors and their
 * findings.  No drawing here: gen.c prints what this file decides. */
#include "gendata.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *const gendata_styles[] = { "ruled", "hrules", "norules", "splitcodes", "wrapped", "long", "twotables" };
const int gendata_nstyles = (int)G_N_ELEMENTS(gendata_styles);
const char *const gendata_plants[] = { "none",  "cents", "large", "total",    "rounding", "narrative",
                                       "share", "growth", "cross", "template", "parts",    "codename" };
const int gendata_nplants = (int)G_N_ELEMENTS(gendata_plants);

typedef struct {
	guint64 s;
} gendata_rng;

/* splitmix64: one 64-bit state, the same sequence on every machine */
static guint64 gendata_next(gendata_rng *r)
{
	guint64 z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double gendata_uniform(gendata_rng *r, double lo, double hi)
{
	return lo + (hi - lo) * (double)(gendata_next(r) >> 11) / 9007199254740992.0;
}

static int gendata_pick(gendata_rng *r, int n)
{
	return (int)(gendata_next(r) % (guint64)n);
}

/* Function codes (功能分类) in tree order; KIND of a 项: b basic expenditure,
 * p project expenditure, x both. */
static const struct {
	const char *code, *name;
	char kind;
} gendata_fpool[] = {
	{ "201", "一般公共服务支出", 0 },
	{ "20101", "人大事务", 0 },
	{ "2010101", "行政运行", 'b' },
	{ "2010102", "一般行政管理事务", 'p' },
	{ "2010108", "代表工作", 'p' },
	{ "20103", "政府办公厅（室）及相关机构事务", 0 },
	{ "2010301", "行政运行", 'b' },
	{ "2010302", "一般行政管理事务", 'p' },
	{ "2010350", "事业运行", 'b' },
	{ "2010399", "其他政府办公厅（室）及相关机构事务支出", 'p' },
	{ "20106", "财政事务", 0 },
	{ "2010601", "行政运行", 'b' },
	{ "2010602", "一般行政管理事务", 'p' },
	{ "2010607", "信息化建设", 'p' },
	{ "2010650", "事业运行", 'b' },
	{ "20111", "纪检监察事务", 0 },
	{ "2011101", "行政运行", 'b' },
	{ "2011102", "一般行政管理事务", 'p' },
	{ "204", "公共安全支出", 0 },
	{ "20402", "公安", 0 },
	{ "2040201", "行政运行", 'b' },
	{ "2040220", "执法办案", 'p' },
	{ "205", "教育支出", 0 },
	{ "20502", "普通教育", 0 },
	{ "2050201", "学前教育", 'x' },
	{ "2050202", "小学教育", 'x' },
	{ "2050203", "初中教育", 'x' },
	{ "206", "科学技术支出", 0 },
	{ "20601", "科学技术管理事务", 0 },
	{ "2060101", "行政运行", 'b' },
	{ "2060199", "其他科学技术管理事务支出", 'p' },
	{ "207", "文化旅游体育与传媒支出", 0 },
	{ "20701", "文化和旅游", 0 },
	{ "2070101", "行政运行", 'b' },
	{ "2070109", "群众文化", 'p' },
	{ "208", "社会保障和就业支出", 0 },
	{ "20805", "行政事业单位养老支出", 0 },
	{ "2080501", "行政单位离退休", 'b' },
	{ "2080502", "事业单位离退休", 'b' },
	{ "2080505", "机关事业单位基本养老保险缴费支出", 'b' },
	{ "2080506", "机关事业单位职业年金缴费支出", 'b' },
	{ "20808", "抚恤", 0 },
	{ "2080801", "死亡抚恤", 'b' },
	{ "210", "卫生健康支出", 0 },
	{ "21011", "行政事业单位医疗", 0 },
	{ "2101101", "行政单位医疗", 'b' },
	{ "2101102", "事业单位医疗", 'b' },
	{ "2101103", "公务员医疗补助", 'b' },
	{ "2101199", "其他行政事业单位医疗支出", 'b' },
	{ "212", "城乡社区支出", 0 },
	{ "21201", "城乡社区管理事务", 0 },
	{ "2120101", "行政运行", 'b' },
	{ "2120104", "城管执法", 'p' },
	{ "213", "农林水支出", 0 },
	{ "21301", "农业农村", 0 },
	{ "2130101", "行政运行", 'b' },
	{ "2130104", "事业运行", 'b' },
	{ "221", "住房保障支出", 0 },
	{ "22102", "住房改革支出", 0 },
	{ "2210201", "住房公积金", 'b' },
	{ "2210202", "提租补贴", 'b' },
	{ "2210203", "购房补贴", 'b' },
};
#define GENDATA_NF (int)G_N_ELEMENTS(gendata_fpool)

/* Economic codes (经济分类) of basic expenditure: 301 and 303 are 人员经费, 302 公用经费. */
static const struct {
	const char *code, *name;
} gendata_epool[] = {
	{ "301", "工资福利支出" },
	{ "30101", "基本工资" },
	{ "30102", "津贴补贴" },
	{ "30103", "奖金" },
	{ "30107", "绩效工资" },
	{ "30108", "机关事业单位基本养老保险缴费" },
	{ "30109", "职业年金缴费" },
	{ "30110", "职工基本医疗保险缴费" },
	{ "30112", "其他社会保障缴费" },
	{ "30113", "住房公积金" },
	{ "302", "商品和服务支出" },
	{ "30201", "办公费" },
	{ "30205", "水费" },
	{ "30206", "电费" },
	{ "30207", "邮电费" },
	{ "30211", "差旅费" },
	{ "30213", "维修（护）费" },
	{ "30216", "培训费" },
	{ "30217", "公务接待费" },
	{ "30228", "工会经费" },
	{ "30229", "福利费" },
	{ "30231", "公务用车运行维护费" },
	{ "30299", "其他商品和服务支出" },
	{ "303", "对个人和家庭的补助" },
	{ "30302", "退休费" },
	{ "30305", "生活补助" },
	{ "30309", "奖励金" },
};
#define GENDATA_NE (int)G_N_ELEMENTS(gendata_epool)

static const char *const gendata_issuers[] = {
	"重庆市南岸区人民政府办公室", "上海市普陀区财政局", "重庆市渝中区卫生健康委员会", "上海市普陀区司法局",
	"重庆市綦江区农业农村委员会", "上海市黄浦区科学技术委员会", "重庆市江北区教育委员会", "上海市静安区城市管理行政执法局",
};

/* Amount V of D, its sign aside, with separators when COMMAS. */
static GString *gendata_digits(const gendata_doc *d, long v, int commas)
{
	GString *s = g_string_new(NULL);
	char digits[32];
	size_t n;
	long a = labs(v), whole = d->yuan ? a : a / 100;
	g_snprintf(digits, sizeof digits, "%ld", whole);
	n = strlen(digits);
	for (size_t i = 0; i < n; i++) {
		g_string_append_c(s, digits[i]);
		if (commas && (n - i - 1) % 3 == 0 && i + 1 < n)
			g_string_append_c(s, ',');
	}
	if (!d->yuan)
		g_string_append_printf(s, ".%02ld", a % 100);
	else if (d->yuan_decimals)
		g_string_append(s, ".00");
	return s;
}

char *gendata_amount(const gendata_doc *d, long v)
{
	GString *s;
	if (v == 0)
		return g_strdup(d->blank ? d->blank : "");
	s = gendata_digits(d, v, d->commas);
	if (v < 0 && d->brackets) {
		g_string_prepend(s, "（");
		g_string_append(s, "）");
	} else if (v < 0) {
		g_string_prepend_c(s, '-');
	}
	return g_string_free(s, FALSE);
}

int gendata_ncols(const gendata_table *t)
{
	return t->share ? 4 : 3;
}

long gendata_share_tenths(const gendata_table *t, guint r)
{
	long total = g_array_index(t->rows, gendata_row, 0).v[0];
	long v = g_array_index(t->rows, gendata_row, r).v[0];
	return total ? lround((double)v * 1000.0 / (double)total) : 0;
}

char *gendata_tenths(long p)
{
	return g_strdup_printf("%s%ld.%ld", p < 0 ? "-" : "", labs(p) / 10, labs(p) % 10);
}

char *gendata_value(const gendata_doc *d, long v)
{
	GString *s = gendata_digits(d, v, 0);
	if (v < 0)
		g_string_prepend_c(s, '-');
	return g_string_free(s, FALSE);
}

/* A narrative figure: hundredths of 万元 as "1664.80". */
static char *gendata_wan(long w)
{
	return g_strdup_printf("%ld.%02ld", w / 100, labs(w % 100));
}

/* Hundredths of 万元 of amount V (元 documents round to the nearest hundred 元). */
static long gendata_hundredths(const gendata_doc *d, long v)
{
	return d->yuan ? (v + 50) / 100 : v;
}

static void gendata_table_init(gendata_table *t, const gendata_doc *d, const char *name, const char *subject,
                               const char *c0, const char *c1, const char *c2)
{
	gendata_row total = { "", "合计", { 0, 0, 0 } };
	g_snprintf(t->title, sizeof t->title, "%d年%s%s", d->year, d->issuer, name);
	t->subject = subject;
	t->col[0] = c0;
	t->col[1] = c1;
	t->col[2] = c2;
	t->rows = g_array_new(FALSE, FALSE, sizeof(gendata_row));
	g_array_append_val(t->rows, total);
}

static void gendata_add(gendata_table *t, const char *code, const char *name)
{
	gendata_row r = { "", name, { 0, 0, 0 } };
	g_strlcpy(r.code, code, sizeof r.code);
	g_array_append_val(t->rows, r);
}

/* Every parent row and the 合计 become the sums of the leaves (codes of LEAF digits). */
static void gendata_sum(gendata_table *t, size_t leaf)
{
	gendata_row *rows = (gendata_row *)(void *)t->rows->data;
	for (guint p = 0; p < t->rows->len; p++) {
		size_t pl = strlen(rows[p].code);
		if (pl == leaf)
			continue;
		for (int c = 0; c < 3; c++)
			rows[p].v[c] = 0;
		for (guint k = 0; k < t->rows->len; k++)
			if (strlen(rows[k].code) == leaf && !strncmp(rows[k].code, rows[p].code, pl))
				for (int c = 0; c < 3; c++)
					rows[p].v[c] += rows[k].v[c];
	}
}

/* A leaf amount: log-uniform from 2 to 600 万元 times the document's SCALE. */
static long gendata_leaf_amount(const gendata_doc *d, gendata_rng *r, double scale)
{
	double wan = exp(gendata_uniform(r, log(2.0), log(600.0))) * scale;
	long v = lround(wan * (d->yuan ? 10000.0 : 100.0));
	return v < 1 ? 1 : v;
}

/* Indexes of the children of pool entry P (codes two digits longer with its prefix). */
static int gendata_kids(int p, int *out)
{
	size_t pl = strlen(gendata_fpool[p].code);
	int n = 0;
	for (int i = p + 1; i < GENDATA_NF && strlen(gendata_fpool[i].code) > pl; i++)
		if (strlen(gendata_fpool[i].code) == pl + 2)
			out[n++] = i;
	return n;
}

/* Keeps children of P: each with probability PROB (all when PROB >= 1, at most MAX),
 * the codes in FORCE always, and one at random when none was kept. */
static void gendata_keep_kids(gendata_rng *r, int p, double prob, int max, char *keep)
{
	int kids[GENDATA_NF], n = gendata_kids(p, kids), kept = 0;
	for (int k = 0; k < n; k++) {
		const char *c = gendata_fpool[kids[k]].code;
		int force = !strcmp(c, "20103") || !strcmp(c, "2010301") || !strcmp(c, "2010302");
		keep[kids[k]] = force || (kept < max && gendata_uniform(r, 0, 1) < prob);
		kept += keep[kids[k]];
	}
	if (!kept && n)
		keep[kids[gendata_pick(r, n)]] = 1;
}

static void gendata_function(gendata_doc *d, gendata_rng *r, double scale)
{
	int small = !strcmp(d->style, "twotables"), all = !strcmp(d->style, "long");
	int other = 1 + gendata_pick(r, 9), nclass = 0;
	char keep[GENDATA_NF] = { 0 };

	/* top-down: a class, its 款, its 项; a kept parent keeps at least one child */
	for (int i = 0; i < GENDATA_NF; i++) {
		if (strlen(gendata_fpool[i].code) != 3)
			continue;
		keep[i] = !strcmp(gendata_fpool[i].code, "201") || all ||
		          (small ? ++nclass == other : gendata_uniform(r, 0, 1) < 0.5);
		if (keep[i])
			gendata_keep_kids(r, i, all ? 1.0 : 0.7, small ? 1 : GENDATA_NF, keep);
	}
	for (int i = 0; i < GENDATA_NF; i++)
		if (strlen(gendata_fpool[i].code) == 5 && keep[i])
			gendata_keep_kids(r, i, all ? 1.0 : 0.75, small ? 2 : GENDATA_NF, keep);
	gendata_table_init(&d->fn, d, "一般公共预算财政拨款支出预算表", "功能分类科目", "总计", "基本支出", "项目支出");
	for (int i = 0; i < GENDATA_NF; i++) {
		gendata_row *row;
		long v;
		if (!keep[i])
			continue;
		gendata_add(&d->fn, gendata_fpool[i].code, gendata_fpool[i].name);
		if (strlen(gendata_fpool[i].code) != 7)
			continue;
		row = &g_array_index(d->fn.rows, gendata_row, d->fn.rows->len - 1);
		v = gendata_leaf_amount(d, r, scale);
		if (gendata_fpool[i].kind == 'b') {
			row->v[1] = v;
		} else if (gendata_fpool[i].kind == 'p') {
			row->v[2] = v;
		} else {
			row->v[1] = lround((double)v * gendata_uniform(r, 0.2, 0.8));
			row->v[1] = row->v[1] < 1 ? 1 : row->v[1];
			row->v[2] = v - row->v[1] < 1 ? 1 : v - row->v[1];
		}
		row->v[0] = row->v[1] + row->v[2];
	}
	gendata_sum(&d->fn, 7);
}

/* What the 项 of the function table other than row I hold in 项目支出 under
 * the 款 of row I. */
static long gendata_sibling_projects(const gendata_doc *d, guint i)
{
	const gendata_row *rows = (const gendata_row *)(const void *)d->fn.rows->data;
	long others = 0;
	for (guint k = 0; k < d->fn.rows->len; k++)
		if (k != i && strlen(rows[k].code) == 7 && !strncmp(rows[k].code, rows[i].code, 5))
			others += rows[k].v[2];
	return others;
}

/* Makes one project-only leaf of the function table negative (see gendata.h),
 * drawn with R: a refund or an adjustment, at most a fifth of what the other
 * leaves of its 款 hold in 项目支出, so that every 项目支出 above it stays
 * positive.  No such leaf: nothing changes. */
static void gendata_negative(gendata_doc *d, gendata_rng *r)
{
	gendata_row *rows = (gendata_row *)(void *)d->fn.rows->data;
	GArray *cand = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint i = 0; i < d->fn.rows->len; i++)
		if (strlen(rows[i].code) == 7 && rows[i].v[1] == 0 && rows[i].v[2] > 0 && gendata_sibling_projects(d, i) >= 10)
			g_array_append_val(cand, i);
	if (cand->len) {
		guint i = g_array_index(cand, guint, gendata_pick(r, (int)cand->len));
		long v = MIN(rows[i].v[2], gendata_sibling_projects(d, i) / 5);
		v = (long)((double)v * gendata_uniform(r, 0.2, 1.0));
		rows[i].v[2] = -MAX(v, 1);
		rows[i].v[0] = rows[i].v[2];
		gendata_sum(&d->fn, 7);
	}
	g_array_unref(cand);
}

/* The economic basic-expenditure table: the function table's 基本支出 split over items. */
static void gendata_economic(gendata_doc *d, gendata_rng *r)
{
	int small = !strcmp(d->style, "twotables");
	long basic = g_array_index(d->fn.rows, gendata_row, 0).v[1], given = 0;
	double w[GENDATA_NE] = { 0 }, sum = 0;
	int nkeep = 0, cls = 0, in_class = 0;
	char keep[GENDATA_NE] = { 0 };

	for (int i = 0; i < GENDATA_NE; i++) {
		const char *code = gendata_epool[i].code;
		if (strlen(code) == 3) {
			cls = i;
			in_class = 0;
			continue;
		}
		{
			double p = code[2] == '1' ? 0.6 : code[2] == '2' ? 0.5 : 0.4;
			int last = i + 1 >= GENDATA_NE || strlen(gendata_epool[i + 1].code) == 3;
			keep[i] = small ? in_class < 3 && code[2] != '3' && gendata_uniform(r, 0, 1) < 0.7 : gendata_uniform(r, 0, 1) < p;
			if (last && in_class < 2 && code[2] != '3')
				keep[i] = 1;
			if (!strcmp(code, "30101"))
				keep[i] = 1;
		}
		if (basic < 20L * GENDATA_NE)
			keep[i] = !strcmp(code, "30101");
		if (keep[i]) {
			keep[cls] = 1;
			in_class++;
			nkeep++;
			w[i] = (code[2] == '1' ? 6.0 : code[2] == '2' ? 2.0 : 1.0) * gendata_uniform(r, 0.5, 1.5);
			sum += w[i];
		}
	}
	gendata_table_init(&d->eco, d, "一般公共预算财政拨款基本支出预算表", "经济分类科目", "合计", "人员经费", "公用经费");
	for (int i = 0; i < GENDATA_NE; i++) {
		const char *code = gendata_epool[i].code;
		gendata_row *row;
		long v;
		if (!keep[i])
			continue;
		gendata_add(&d->eco, code, gendata_epool[i].name);
		if (strlen(code) != 5)
			continue;
		row = &g_array_index(d->eco.rows, gendata_row, d->eco.rows->len - 1);
		v = (long)floor((double)basic * w[i] / sum);
		v = v < 1 ? 1 : v;
		if (--nkeep == 0)
			v = basic - given; /* the last item takes what rounding left */
		given += v;
		row->v[0] = v;
		row->v[code[2] == '2' ? 2 : 1] = v;
	}
	gendata_sum(&d->eco, 5);
}

/* Index of a random leaf (7-digit row) of the function table. */
static guint gendata_leaf(const gendata_doc *d, gendata_rng *r)
{
	GArray *leaves = g_array_new(FALSE, FALSE, sizeof(guint));
	guint pick;
	for (guint i = 0; i < d->fn.rows->len; i++)
		if (strlen(g_array_index(d->fn.rows, gendata_row, i).code) == 7)
			g_array_append_val(leaves, i);
	pick = g_array_index(leaves, guint, gendata_pick(r, (int)leaves->len));
	g_array_unref(leaves);
	return pick;
}

/* Shifts leaf L of the function table by DELTA in its total and first non-blank
 * part; records the findings on its 款 with STATUS. */
static void gendata_plant_leaf(gendata_doc *d, guint l, long delta, const char *status)
{
	gendata_row *row = &g_array_index(d->fn.rows, gendata_row, l);
	int part = row->v[1] ? 1 : 2;
	char kuan[6];
	g_strlcpy(kuan, row->code, sizeof kuan);
	row->v[0] += delta;
	row->v[part] += delta;
	g_string_append_printf(d->findings, "code-tree-function\t%s\t%s / %d年预算数 / 总计\n", status, kuan, d->year);
	g_string_append_printf(d->findings, "code-tree-function\t%s\t%s / %d年预算数 / %s\n", status, kuan, d->year,
	                       d->fn.col[part]);
}

static int gendata_children(const gendata_table *t, const char *parent)
{
	int n = 0;
	size_t pl = strlen(parent);
	for (guint i = 0; i < t->rows->len; i++) {
		const char *c = g_array_index(t->rows, gendata_row, i).code;
		n += strlen(c) == pl + 2 && !strncmp(c, parent, pl);
	}
	return n;
}

static void gendata_line_add(gendata_doc *d, int level, char *text)
{
	gendata_line l = { level, text };
	g_array_append_val(d->narrative, l);
}

/* A share in percent, one decimal, of hundredths A of hundredths T, as the
 * printed figures give it. */
static double gendata_share(long a, long t)
{
	return round((double)a / 100.0 / ((double)t / 100.0) * 100.0 * 10.0) / 10.0;
}

/* Records the finding a total T the narrative states in SECTION with N listed
 * parts that sum to S (hundredths of 万元) gives CHECK, when they differ: rounding
 * within half a unit of every printed figure, fail beyond; nothing with fewer
 * than two parts (the check then has no instance). */
static void gendata_parts(gendata_doc *d, const char *check, const char *section, long T, long S, int n)
{
	char *ts;
	if (n < 2 || S == T)
		return;
	ts = gendata_wan(T);
	g_string_append_printf(d->findings, "%s\t%s\t%s: 支出 amount %s万元\n", check,
	                       2 * labs(S - T) <= n + 1 ? "rounding" : "fail", section, ts);
	g_free(ts);
}

/* The narrative: totals, class amounts and shares, basic and project
 * expenditure, the change on the prior year; the narrative plants (narrative,
 * share, growth, parts, template).  The parts the narrative lists are its
 * rounded figures: in a 元 document they may miss their total by rounding, and
 * that finding is recorded too. */
static void gendata_narrative(gendata_doc *d, gendata_rng *r)
{
	const gendata_row *rows = (const gendata_row *)(const void *)d->fn.rows->data;
	long T = gendata_hundredths(d, rows[0].v[0]), B = gendata_hundredths(d, rows[0].v[1]);
	long P = gendata_hundredths(d, rows[0].v[2]), prior, change, sum = 0;
	int nclass = 0, target;
	double g, growth;
	char *ts = gendata_wan(T);
	GString *s = g_string_new(NULL);

	for (guint i = 1; i < d->fn.rows->len; i++)
		nclass += strlen(rows[i].code) == 3;
	target = gendata_pick(r, nclass);
	gendata_line_add(d, 0, g_strdup_printf("%d年%s部门预算情况说明", d->year, d->issuer));
	gendata_line_add(d, 1, g_strdup("一、部门收支总体情况"));
	gendata_line_add(d, 2, g_strdup("（一）收入预算"));
	gendata_line_add(d, 3, g_strdup_printf("%d年年初预算数%s万元，其中：一般公共预算拨款%s万元。", d->year, ts, ts));
	gendata_line_add(d, 2, g_strdup("（二）支出预算"));
	g_string_append_printf(s, "%d年年初预算数%s万元，其中：", d->year, ts);
	for (guint i = 1, k = 0; i < d->fn.rows->len; i++) {
		long a;
		double share;
		char *as;
		if (strlen(rows[i].code) != 3)
			continue;
		a = gendata_hundredths(d, rows[i].v[0]);
		if (!strcmp(d->plant, "narrative") && (int)k == target) {
			a += 500; /* stated 5 万元 above its table; its share follows the stated amount */
			as = gendata_wan(a);
			g_string_append_printf(d->findings, "na-class\tfail\t%s %s万元\n", rows[i].name, as);
			g_free(as);
		}
		share = gendata_share(a, T);
		if (!strcmp(d->plant, "share") && (int)k == target) {
			share += share < 90 ? 3.0 : -3.0;
			g_string_append_printf(d->findings, "share-stated\tfail\t%s %.1f%%\n", rows[i].name, share);
		}
		as = gendata_wan(a);
		g_string_append_printf(s, "%s%s%s万元，占%.1f%%", k ? "，" : "", rows[i].name, as, share);
		g_free(as);
		sum += a;
		k++;
	}
	g_string_append(s, "。");
	gendata_line_add(d, 3, g_string_free(s, FALSE));
	gendata_parts(d, "parts-classes", "一/（二）", T, sum, nclass);
	gendata_line_add(d, 1, g_strdup("二、一般公共预算财政拨款支出预算情况"));
	{
		long part[2] = { B, P };
		char *bs, *ps;
		if (!strcmp(d->plant, "parts")) {
			/* one part stated 10 万元 off (less, half of it, where 10 万元 more would
			 * pass the total): the parts miss their total, and the part its table;
			 * its share follows the stated amount */
			int k = gendata_pick(r, 2);
			part[k] += part[k] + 1000 < T ? 1000 : -(part[k] / 2);
			bs = gendata_wan(part[k]);
			g_string_append_printf(d->findings, "%s\tfail\t%s %s万元\n", k ? "na-project" : "na-basic",
			                       k ? "项目支出" : "基本支出", bs);
			g_free(bs);
		}
		bs = gendata_wan(part[0]);
		ps = gendata_wan(part[1]);
		gendata_line_add(d, 3, g_strdup_printf("%d年一般公共预算财政拨款支出%s万元，其中：基本支出%s万元，占%.1f%%；"
		                                       "项目支出%s万元，占%.1f%%。", d->year, ts, bs,
		                                       gendata_share(part[0], T), ps, gendata_share(part[1], T)));
		gendata_parts(d, "parts-basic-project", "二", T, part[0] + part[1], 2);
		g_free(bs);
		g_free(ps);
	}
	/* the prior year: a change of 1% to 20% either way */
	g = gendata_uniform(r, 0.01, 0.2) * (gendata_uniform(r, 0, 1) < 0.3 ? -1 : 1);
	prior = lround((double)T / (1.0 + g));
	change = T - prior;
	growth = round(((double)T / 100.0 - (double)prior / 100.0) / ((double)prior / 100.0) * 100.0 * 10.0) / 10.0;
	if (!strcmp(d->plant, "growth")) {
		growth += growth >= 0 ? 2.0 : -2.0;
		g_string_append_printf(d->findings, "growth-stated\tfail\t %.1f%%\n", growth);
	}
	{
		char *prs = gendata_wan(prior), *cs = gendata_wan(labs(change));
		const char *dir = change < 0 ? "减少" : "增加";
		if (!strcmp(d->plant, "template")) {
			dir = "增加（减少）"; /* the template's alternative left in place */
			g_string_append(d->findings, "lint-template-change\tfail\tnarrative 二\n");
		}
		gendata_line_add(d, 3, g_strdup_printf("%d年预算执行数为%s万元，%d年一般公共预算财政拨款支出预算%s万元，"
		                                       "比%d年%s%s万元，%s%.1f%%。", d->year - 1, prs, d->year, ts,
		                                       d->year - 1, dir, cs, growth < 0 ? "下降" : "增长", fabs(growth)));
		g_free(prs);
		g_free(cs);
	}
	g_free(ts);
}

/* Index of the first row of the function table under PREFIX with a code of LEN
 * digits and a positive 总计, or 0 (the 合计 row) when none. */
static guint gendata_first(const gendata_doc *d, const char *prefix, size_t len)
{
	for (guint i = 1; i < d->fn.rows->len; i++) {
		const gendata_row *row = &g_array_index(d->fn.rows, gendata_row, i);
		if (strlen(row->code) == len && g_str_has_prefix(row->code, prefix) && row->v[0] > 0)
			return i;
	}
	return 0;
}

/* The name class CODE (3 digits) had before the 2018 or the 2014 reform of the
 * subject codes, or NULL when it kept its name. */
static const char *gendata_old_name(const char *code)
{
	static const char *const old[][2] = {
		{ "207", "文化体育与传媒支出" }, { "210", "医疗卫生与计划生育支出" },
		{ "212", "城乡社区事务" },       { "213", "农林水事务" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(old); i++)
		if (!strncmp(old[i][0], code, 3))
			return old[i][1];
	return NULL;
}

/* The last narrative section, written once the plants have changed the tables:
 * two items named with their codes and the 项's amount as the table prints it
 * (一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）行政运行（01项）
 * 123.45万元): 2010301, always in the table, and the first 项 of the first other
 * class.  The codename plant names a class wrongly: the second item's by the
 * name it had before a reform of the codes where it had another, else 201 as
 * 一般公共预算支出. */
static void gendata_codes(gendata_doc *d)
{
	const gendata_row *rows = (const gendata_row *)(const void *)d->fn.rows->data;
	GString *s = g_string_new(NULL);
	guint items[2] = { gendata_first(d, "2010301", 7), 0 }, wrong = 0;
	int plant = !strcmp(d->plant, "codename");

	for (guint i = 1; i < d->fn.rows->len && !items[1]; i++)
		if (strlen(rows[i].code) == 3 && strcmp(rows[i].code, "201") != 0)
			items[1] = gendata_first(d, rows[i].code, 7);
	if (plant)
		wrong = items[1] && gendata_old_name(rows[items[1]].code);
	gendata_line_add(d, 1, g_strdup("三、一般公共预算财政拨款支出主要项目"));
	g_string_append_printf(s, "%d年一般公共预算财政拨款支出主要用于：", d->year);
	for (guint k = 0; k < 2; k++) {
		const gendata_row *item, *cls, *kuan;
		char code[6], *as;
		const char *name;
		if (!items[k])
			continue;
		item = &rows[items[k]];
		g_strlcpy(code, item->code, 4);
		cls = &rows[gendata_first(d, code, 3)];
		g_strlcpy(code, item->code, 6);
		kuan = &rows[gendata_first(d, code, 5)];
		name = cls->name;
		if (plant && k == wrong) {
			/* the old name, or 一般公共预算支出: the label of another table's line */
			name = gendata_old_name(cls->code) ? gendata_old_name(cls->code) : "一般公共预算支出";
			g_string_append_printf(d->findings, "code-name-narrative\tfail\t%s (%s)\n", name, cls->code);
		}
		as = gendata_wan(gendata_hundredths(d, item->v[0]));
		g_string_append_printf(s, "%s%s（%s类）%s（%s款）%s（%s项）%s万元", k ? "；" : "", name, cls->code, kuan->name,
		                       kuan->code + 3, item->name, item->code + 5, as);
		g_free(as);
	}
	g_string_append(s, "。");
	gendata_line_add(d, 3, g_string_free(s, FALSE));
}

int gendata_make(gendata_doc *d, guint64 seed, int index, const char *style, const char *plant, int orient,
                 int forms)
{
	gendata_rng r = { seed * 0x100000001b3ULL + (guint64)index };
	gendata_rng rf = { (seed * 0x100000001b3ULL + (guint64)index) ^ 0x5bd1e9955bd1e995ULL }; /* the number forms */
	int form = forms ? index % 4 : 0;
	double scale;
	int known = 0;

	memset(d, 0, sizeof *d);
	d->style = style ? style : gendata_styles[index % gendata_nstyles];
	d->plant = plant ? plant : gendata_plants[index % gendata_nplants];
	d->landscape = orient >= 0 ? orient : style ? index % 2 : (index / gendata_nstyles) % 2;
	for (int i = 0; i < gendata_nstyles; i++)
		known |= !strcmp(d->style, gendata_styles[i]);
	for (int i = 0; i < gendata_nplants; i++)
		known |= (!strcmp(d->plant, gendata_plants[i])) << 1;
	if (known != 3)
		return -1;
	d->name = g_strdup_printf("%04d-%s-%s-%s", index, d->style, d->landscape ? "landscape" : "portrait", d->plant);
	d->findings = g_string_new(NULL);
	d->narrative = g_array_new(FALSE, FALSE, sizeof(gendata_line));
	d->yuan = gendata_uniform(&r, 0, 1) < 0.3;
	d->commas = gendata_uniform(&r, 0, 1) < 0.6;
	d->yuan_decimals = gendata_uniform(&r, 0, 1) < 0.5;
	if (!strcmp(d->plant, "rounding"))
		d->yuan_decimals = 0; /* a leaf off by 1 元 is rounding only where 元 is the last digit printed */
	d->year = 2021 + gendata_pick(&r, 6);
	d->issuer = gendata_issuers[gendata_pick(&r, (int)G_N_ELEMENTS(gendata_issuers))];
	scale = exp(gendata_uniform(&r, log(0.2), log(5.0)));
	d->fullwidth = form == 1 || form == 3;
	d->brackets = form == 3;
	d->blank = form == 1 ? "-" : form == 2 ? "—" : "";
	gendata_function(d, &r, scale);
	if (form >= 2)
		gendata_negative(d, &rf);
	if (form >= 2 && d->landscape) {
		d->fn.share = 1;
		d->fn.col[3] = "占比";
	}
	gendata_economic(d, &r);
	if (!strcmp(d->plant, "narrative") || !strcmp(d->plant, "share") || !strcmp(d->plant, "growth") ||
	    !strcmp(d->plant, "template") || !strcmp(d->plant, "parts") || !strcmp(d->plant, "codename") || index % 3 != 0)
		gendata_narrative(d, &r);
	if (!strcmp(d->plant, "cents") || !strcmp(d->plant, "large") || !strcmp(d->plant, "rounding")) {
		guint l = gendata_leaf(d, &r);
		char kuan[6];
		long delta;
		g_strlcpy(kuan, g_array_index(d->fn.rows, gendata_row, l).code, sizeof kuan);
		/* beyond rounding: more than half a unit for each printed term of the sum */
		delta = !strcmp(d->plant, "rounding") ? 1
		      : !strcmp(d->plant, "cents")    ? gendata_children(&d->fn, kuan) / 2 + 2
		                                      : (d->yuan ? 100000 : 1000);
		gendata_plant_leaf(d, l, delta, !strcmp(d->plant, "rounding") ? "rounding" : "fail");
	} else if (!strcmp(d->plant, "total")) {
		g_array_index(d->fn.rows, gendata_row, 0).v[0] += 100;
		g_string_append_printf(d->findings, "total-row-function\tfail\t合计 / %d年预算数 / 总计\n", d->year);
		g_string_append_printf(d->findings, "row-basic-project\tfail\t合计 / %d年预算数 / 总计\n", d->year);
	} else if (!strcmp(d->plant, "cross")) {
		/* the first item, its class and the 合计 of the economic table, in 合计 and 人员经费 */
		long delta = d->yuan ? 100000 : 1000;
		for (guint i = 0; i < 3; i++) {
			gendata_row *row = &g_array_index(d->eco.rows, gendata_row, i);
			row->v[0] += delta;
			row->v[1] += delta;
		}
		g_string_append(d->findings, "cross-basic\tfail\tdocument\n");
	}
	if (d->narrative->len)
		gendata_codes(d);
	return 0;
}

void gendata_release(gendata_doc *d)
{
	if (d->fn.rows)
		g_array_unref(d->fn.rows);
	if (d->eco.rows)
		g_array_unref(d->eco.rows);
	if (d->narrative) {
		for (guint i = 0; i < d->narrative->len; i++)
			g_free(g_array_index(d->narrative, gendata_line, i).text);
		g_array_unref(d->narrative);
	}
	if (d->findings)
		g_string_free(d->findings, TRUE);
	g_free(d->name);
	memset(d, 0, sizeof *d);
}
