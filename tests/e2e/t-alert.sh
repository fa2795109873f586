# FAIL_ON_FINDINGS=1: make run exits non-zero when a check failed (seed 004 prints
# a 2022 column whose codes do not add up), zero when none did (seed 000).
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
finish
