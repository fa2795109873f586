# FAIL_ON_FINDINGS=1: make run exits non-zero when a check failed (seed 004 prints
# a 2022 column whose codes do not add up), zero when none did (seed 000).
# FAIL_ON_FINDINGS=error: only a failed check of severity error counts (a note
# whose only fault is a doubled 。。, a warning, passes; seed 004 does not).
. tests/e2e/lib.sh
mkdir -p "$TMP/clean" "$TMP/bad"
cp corpus/seeds/000_c2b4d63b8c9ccf28.txt "$TMP/clean/"
cp corpus/seeds/004_67cab9fc0809f1f8.txt "$TMP/bad/"
make --no-print-directory run IN="$TMP/clean" OUT="$TMP/o1" FAIL_ON_FINDINGS=1 >/dev/null 2>&1
check "no failed check: exit 0" [ $? = 0 ]
make --no-print-directory run IN="$TMP/bad" OUT="$TMP/o2" FAIL_ON_FINDINGS=1 >/dev/null 2>"$TMP/err"
check "a failed check: exit non-zero" [ $? != 0 ]
check "the message points to the report" grep -q "checks failed: see .*report.html" "$TMP/err"
make --no-print-directory run IN="$TMP/bad" OUT="$TMP/o2" >/dev/null 2>&1
check "without the option: exit 0" [ $? = 0 ]
mkdir -p "$TMP/warn"
printf '说明\n\n本单位机关运行情况说明。。\n' >"$TMP/warn/note.txt"
make --no-print-directory run IN="$TMP/warn" OUT="$TMP/o3" FAIL_ON_FINDINGS=1 >/dev/null 2>&1
check "a warning fails with FAIL_ON_FINDINGS=1" [ $? != 0 ]
check "the warning is lint-double-punct" grep -q ",lint-double-punct,fail," "$TMP/o3/reconcile.csv"
check "it is the only fail" [ "$(grep -c ',fail,' "$TMP/o3/reconcile.csv")" = 1 ]
make --no-print-directory run IN="$TMP/warn" OUT="$TMP/o3" FAIL_ON_FINDINGS=error >/dev/null 2>&1
check "a warning alone passes with FAIL_ON_FINDINGS=error" [ $? = 0 ]
make --no-print-directory run IN="$TMP/bad" OUT="$TMP/o2" FAIL_ON_FINDINGS=error >/dev/null 2>&1
check "an error fails with FAIL_ON_FINDINGS=error" [ $? != 0 ]
finish
