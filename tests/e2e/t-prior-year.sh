# Across the documents of a run: the 2025 budget of 重庆市测试区示例局 restates
# the 2024 budget in its 2024年预算数 column (tests/data/prior, written for this
# test).  Both documents print 201 70.00, 20103 70.00, 2010301 40.00 and 2010302
# 30.00 for 2024; the 2025 one prints 208, 20805 and 2080505 as 31.00 where the
# 2024 budget has 30.00, and its 2024 合计 as 101.00 against 100.00.  The 2024
# budget has no earlier document in the run: not_applicable, never a pass.
. tests/e2e/lib.sh
make --no-print-directory run IN=tests/data/prior OUT="$TMP/o" >/dev/null 2>"$TMP/err"
check "run finished" [ -s "$TMP/o/reconcile.csv" ]
check "one summary line per document on stderr" \
	[ "$(grep -cE '^20(24|25)-[0-9a-f]+: ok, 1 page; [0-9]+ pass, [0-9]+ rounding, [0-9]+ fail, [0-9]+ not_applicable, [0-9]+ insufficient_data$' "$TMP/err")" = 2 ]
rows() { grep -E "^$1-[0-9a-f]+,prior-doc-function(-total)?,$2," "$TMP/o/reconcile.csv"; }
for code in 201 20103 2010301 2010302; do
	check "2025: $code passes against 2024" bash -c "grep -qE '^2025-[0-9a-f]+,prior-doc-function,pass,table 001 $code ' '$TMP/o/reconcile.csv'"
done
for code in 208 20805 2080505; do
	check "2025: $code fails (31.00 against 30.00)" bash -c "grep -qE '^2025-[0-9a-f]+,prior-doc-function,fail,table 001 $code [^,]*,31.00,30.00,' '$TMP/o/reconcile.csv'"
done
check "2025: 合计 fails (101.00 against 100.00)" bash -c "grep -qE '^2025-[0-9a-f]+,prior-doc-function-total,fail,table 001 合计 [^,]*,101.00,100.00,' '$TMP/o/reconcile.csv'"
check "2025: 4 passes in all" [ "$(rows 2025 pass | wc -l)" = 4 ]
check "2025: 4 fails in all" [ "$(rows 2025 fail | wc -l)" = 4 ]
check "2024: not_applicable for both rules" [ "$(rows 2024 not_applicable | wc -l)" = 2 ]
check "2024: no pass" [ "$(rows 2024 pass | wc -l)" = 0 ]
# one document alone: the rule still reports, as not_applicable
mkdir -p "$TMP/one" && cp tests/data/prior/示例局2025年部门预算.txt "$TMP/one/"
make --no-print-directory run IN="$TMP/one" OUT="$TMP/o1" >/dev/null 2>&1
check "alone: not_applicable, with the year it looked for" \
	bash -c "grep -qE '^2025-[0-9a-f]+,prior-doc-function,not_applicable,.*no budget document of 重庆市测试区示例局 for 2024' '$TMP/o1/reconcile.csv'"
# the run-level collector under valgrind, with the checks across documents
if command -v valgrind >/dev/null; then
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$BIN/bx-collect" --rules rules/checks.rules "$TMP/o" >/dev/null 2>"$TMP/vg"
	check "bx-collect --rules under valgrind (rc $?)" [ ! -s "$TMP/vg" ]
fi
finish
