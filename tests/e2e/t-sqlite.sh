# facts.csv loads into sqlite3 (.import --csv) and the sum of a table's 类 rows
# returns its printed 合计 (seed 000, 表二: 1,664.80, read on the page).
. tests/e2e/lib.sh
command -v sqlite3 >/dev/null || { echo "  skip: sqlite3 not installed"; exit 0; }
mkdir -p "$TMP/in"
cp corpus/seeds/000_c2b4d63b8c9ccf28.txt "$TMP/in/"
make --no-print-directory run IN="$TMP/in" OUT="$TMP/out" >/dev/null 2>&1
out=$(scripts/summary "$TMP/out" 2>&1)
check "sqlite3 sum of 类 rows equals the printed 合计 1664.80" grep -q "printed 合计 1664.80, sum of 类 rows 1664.80" <<<"$out"
rows=$(sqlite3 -batch :memory: -cmd ".import --csv $TMP/out/facts.csv facts" "SELECT COUNT(*) FROM facts;")
check "every facts.csv row imported ($rows)" [ "$rows" = "$(($(wc -l <"$TMP/out/facts.csv") - 1))" ]
finish
