# make run: every document gets document.csv as the contract lays it out; bad
# inputs fail alone with a reason; a rerun with nothing changed rewrites no file;
# touching one rules file redoes only the stages downstream of it.
. tests/e2e/lib.sh
IN="$TMP/in put"; OUT="$TMP/out dir"; RULES="$TMP/rules"
mkdir -p "$IN/子目录 a" "$RULES"
cp rules/*.rules "$RULES/"
cp corpus/seeds/000_*.txt "$IN/"
cp corpus/seeds/003_*.txt "$IN/子目录 a/（测试）预算 说明.md"
cp corpus/real/unit_budget.pdf "$IN/单位 预算（2026）.pdf"
tests/bad/make-bad-inputs.sh "$TMP/bad" >/dev/null
for f in zero-bytes.pdf html-error-page.pdf jpeg-image.pdf truncated-download.pdf; do cp "$TMP/bad/$f" "$IN/"; done
mkdir -p "$IN/notes"; echo "# not a disclosure" > "$IN/notes/README.md"
printf '# skipped by the scan\nnotes/*\n' > "$IN/.bxignore"

run() { make --no-print-directory run IN="$IN" OUT="$OUT" RULES="$RULES" -j2 >"$TMP/log" 2>&1; }
snapshot() { (cd "$OUT" && find . -path ./.bx -prune -o -type f -printf '%p %T@\n' | sort); }

check "first run succeeds" run || cat "$TMP/log"
check "documents.csv has 7 documents" [ "$(($(wc -l <"$OUT/documents.csv") - 1))" = 7 ]
check "documents.csv header" [ "$(head -1 "$OUT/documents.csv")" = "doc,source,sha256,pages,kind,issuer,year,amount_unit,status,error" ]
for d in "$OUT"/*/; do
	check "$(basename "$d") has document.csv" [ -f "$d/document.csv" ]
done
status_of() { grep -F -- "$1" "$OUT/documents.csv" | head -1; }
for f in zero-bytes html-error-page jpeg-image truncated-download; do
	check "$f failed with a reason" grep -q ",failed,." <<<"$(status_of "$f.pdf")"
done
check "html reason" grep -q "html" <<<"$(status_of html-error-page.pdf)"
check "the seed is ok" grep -q ",ok," <<<"$(status_of 000_)"
check "the Chinese-named markdown is ok" grep -q ",ok," <<<"$(status_of "（测试）预算 说明.md")"
check "the Chinese-named pdf is ok" grep -q ",ok," <<<"$(status_of "单位 预算（2026）.pdf")"
check "report.html written" grep -q "<table>" "$OUT/report.html"
src=$(awk -F, 'NR>1 && /unit_budget|单位 预算/ {print $2}' "$OUT/documents.csv")
check "source path recorded relative to IN" [ "$src" = "单位 预算（2026）.pdf" ]
sha=$(sha256sum "$IN/单位 预算（2026）.pdf" | cut -d' ' -f1)
check "sha256 recorded" grep -q "$sha" "$OUT/documents.csv"

snapshot >"$TMP/s1"; sleep 1.1
check "second run succeeds" run
snapshot >"$TMP/s2"
check "second run rewrites no file" diff -q "$TMP/s1" "$TMP/s2"

touch "$RULES/checks.rules"
check "run after touching checks.rules" run
snapshot >"$TMP/s3"
changed=$(diff "$TMP/s2" "$TMP/s3" | awk '/^>/{print $2}' | sed 's|.*/||' | sort -u | tr '\n' ' ')
check "only reconcile outputs redone (got: $changed)" [ "$changed" = "documents.csv facts.csv reconcile.csv report.html " ]
check "every document's reconcile.csv redone" [ "$(diff "$TMP/s2" "$TMP/s3" | grep -c '^>.*/reconcile.csv')" = 8 ]
check "no layout redone after a rules change" not grep -q layout.bxl <<<"$(diff "$TMP/s2" "$TMP/s3")"

rm "$OUT/facts.csv"
check "a run-level file lost is made again" run
check "facts.csv back" [ -s "$OUT/facts.csv" ]

sleep 1.1; touch "$RULES/segment.rules"
check "run after touching segment.rules" run
snapshot >"$TMP/s4"
check "layouts kept after segment.rules change" not grep -q layout.bxl <<<"$(diff "$TMP/s3" "$TMP/s4")"
check "segments redone after segment.rules change" grep -q segments.bxs <<<"$(diff "$TMP/s3" "$TMP/s4")"
finish
