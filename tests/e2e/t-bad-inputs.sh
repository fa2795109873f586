# Crafted bad inputs (tests/bad/make-bad-inputs.sh): each gets the documented
# status, exit code and reason from bx-extract, under valgrind (no errors, no
# leaks) when it is installed (VALGRIND=0 to skip; the 1000-page file runs without it).
. tests/e2e/lib.sh
tests/bad/make-bad-inputs.sh "$TMP/in" >/dev/null || { echo "generator failed"; exit 1; }
VG=()
VALGRIND=${VALGRIND:-$(command -v valgrind >/dev/null && echo 1 || echo 0)}
if [ "$VALGRIND" = 1 ]; then
	VG=(valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --trace-children=yes)
fi
while IFS=$'\t' read -r file status code reason; do
	case "$file" in ''|'#'*|file) continue ;; esac
	[ "$VALGRIND" = 1 ] && [ "$file" = thousand-pages.pdf ] && continue
	out="$TMP/$file.bxl"
	"${VG[@]}" "$BIN/bx-extract" "$TMP/in/$file" "$out" 2>"$TMP/err"
	rc=$?
	check "$file exit $code (got $rc)" [ "$rc" = "$code" ]
	got=$(grep -a '^status' "$out" | cut -f2)
	why=$(grep -a '^status' "$out" | cut -f3)
	check "$file status $status (got $got)" [ "$got" = "$status" ]
	if [ -n "$reason" ]; then
		check "$file reason has '$reason' (got '$why')" grep -qF -- "$reason" <<<"$why"
	fi
	check "$file layout ends with 'end'" [ "$(tail -n1 "$out")" = end ]
done < tests/bad/expected.tsv
finish
