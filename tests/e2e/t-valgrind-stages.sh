# Every stage program under valgrind on a seed and a real PDF: no memory errors,
# no leaks (definite or indirect).
. tests/e2e/lib.sh
command -v valgrind >/dev/null || { echo "  skip: valgrind not installed"; exit 0; }
VG=(valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --trace-children=yes)
for src in corpus/seeds/004_67cab9fc0809f1f8.txt corpus/real/unit_budget.pdf; do
	n=$(basename "$src"); d="$TMP/$n"; mkdir -p "$d"
	"${VG[@]}" "$BIN/bx-extract" "$src" "$d/layout.bxl" 2>"$d/vg1"; check "$n extract" [ $? -le 2 ]
	"${VG[@]}" "$BIN/bx-segment" --rules rules/segment.rules "$d/layout.bxl" "$d/segments.bxs" 2>"$d/vg2"; check "$n segment" [ $? -le 2 ]
	"${VG[@]}" "$BIN/bx-tables" --rules rules/tables.rules "$d/layout.bxl" "$d/segments.bxs" "$d/grid.bxg" 2>"$d/vg3"; check "$n tables" [ $? -le 2 ]
	"${VG[@]}" "$BIN/bx-emit" --bom --rules rules/narrative.rules "$d/segments.bxs" "$d/grid.bxg" "$d" 2>"$d/vg4"; check "$n emit" [ $? -le 2 ]
	"${VG[@]}" "$BIN/bx-reconcile" --quiet --rules rules/checks.rules --narrative "$d/narrative.csv" "$d/segments.bxs" "$d/grid.bxg" "$d/reconcile.csv" 2>"$d/vg5"
	rc=$?; check "$n reconcile (rc $rc)" [ $rc -le 3 ]
	for v in "$d"/vg*; do [ -s "$v" ] && { fail "$n valgrind: $(head -3 "$v")"; }; done
done
"$BIN/bx-scan" corpus "$TMP/run" >/dev/null
"${VG[@]}" "$BIN/bx-collect" "$TMP/run" >/dev/null 2>"$TMP/vgc"; check "collect over missing outputs" [ $? = 0 ]
[ -s "$TMP/vgc" ] && fail "collect valgrind: $(head -3 "$TMP/vgc")"
finish
