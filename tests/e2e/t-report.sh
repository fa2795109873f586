# report.html in a real headless browser (Debian's chromium): it loads offline,
# lists each document, the checks by status and the failed checks with where
# they are, and renders to a non-blank screenshot.
. tests/e2e/lib.sh
BROWSER=$(command -v chromium || command -v chromium-browser || true)
[ -n "$BROWSER" ] || { echo "  skip: chromium not installed"; exit 0; }
mkdir -p "$TMP/in"
cp corpus/seeds/004_67cab9fc0809f1f8.txt corpus/real/unit_budget.pdf "$TMP/in/"
make --no-print-directory run IN="$TMP/in" OUT="$TMP/out" >/dev/null 2>&1
check "report written" [ -s "$TMP/out/report.html" ]
check "the report loads nothing from the network" not grep -qE '(src|href)="https?:' "$TMP/out/report.html"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$TMP/profile" --window-size=1280,1600)
timeout 60 "$BROWSER" "${flags[@]}" --dump-dom "file://$TMP/out/report.html" >"$TMP/dom.html" 2>/dev/null
check "the browser parsed the page" grep -q "Reconciliation report" "$TMP/dom.html"
check "both documents listed" [ "$(grep -o 'unit_budget-[0-9a-f]*/tables.csv\|004_67cab9fc0809f1f8-[0-9a-f]*/tables.csv' "$TMP/dom.html" | sort -u | wc -l)" = 2 ]
check "checks by status listed" grep -q "Checks by status" "$TMP/dom.html"
check "each failed check shows its severity" grep -q "<td>row-basic-project</td><td>error</td>" "$TMP/dom.html"
check "each check says what it checks (its rule's comment)" \
	grep -q "code-tree-function</td><td>each parent subject code equals the sum of its children" "$TMP/dom.html"
check "the 行政运行 row of unit_budget is a failed check with its page" grep -q "2040601 行政运行.*page 11" "$TMP/dom.html"
check "seed 004's 210 class is a failed check" grep -q "code 210 卫生健康支出" "$TMP/dom.html"
timeout 60 "$BROWSER" "${flags[@]}" --screenshot="$TMP/report.png" "file://$TMP/out/report.html" >/dev/null 2>&1
check "screenshot taken" [ "$(stat -c %s "$TMP/report.png" 2>/dev/null || echo 0)" -gt 20000 ]
finish
