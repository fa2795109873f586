# The documented limits of bx-extract: --timeout (per document) makes a long
# document partial with the page it stopped at; --max-pages fails a longer one.
. tests/e2e/lib.sh
tests/bad/make-bad-inputs.sh "$TMP/in" >/dev/null || exit 1
"$BIN/bx-extract" --timeout 0.5 "$TMP/in/thousand-pages.pdf" "$TMP/t.bxl"
rc=$?
check "timeout: exit 1 (partial), got $rc" [ "$rc" = 1 ]
why=$(grep -a '^status' "$TMP/t.bxl" | cut -f3)
check "timeout: reason names the limit ($why)" grep -q "time limit 0.5 s reached after page" <<<"$why"
check "timeout: pages after the limit flagged" grep -qa $'\ttimeout$' "$TMP/t.bxl"
check "timeout: all 1008 pages listed" [ "$(grep -ac '^page' "$TMP/t.bxl")" = 1008 ]
"$BIN/bx-extract" --max-pages 100 "$TMP/in/thousand-pages.pdf" "$TMP/m.bxl"
rc=$?
check "max-pages: exit 2 (failed), got $rc" [ "$rc" = 2 ]
check "max-pages: reason" grep -qa "too many pages: 1008 (limit 100" "$TMP/m.bxl"
"$BIN/bx-extract" /nonexistent/file.pdf "$TMP/x.bxl" 2>"$TMP/err"
rc=$?
check "missing input: exit 66, got $rc" [ "$rc" = 66 ]
check "missing input: one-line message" [ "$(wc -l <"$TMP/err")" = 1 ]
"$BIN/bx-extract" --bogus 2>/dev/null
check "bad option: exit 64" [ $? = 64 ]
finish
