# A PDF whose pages are displayed sideways or upside down (/Rotate 90, 180, 270
# added by qpdf, so the text runs top to bottom, upside down, bottom to top as a
# reader sees it) is read upright: every page with text is flagged rotated-N, and the
# facts, the metadata and the reconciliation are those of the upright file.
. tests/e2e/lib.sh
command -v qpdf >/dev/null || { echo "  skip: qpdf not installed"; exit 0; }
src="corpus/real/上海市普陀区财政局2024年度部门决算.pdf"
mkdir -p "$TMP/in0" && cp "$src" "$TMP/in0/a.pdf"
make --no-print-directory run IN="$TMP/in0" OUT="$TMP/o0" >/dev/null 2>&1
check "upright run" [ -s "$TMP/o0/facts.csv" ]
for r in 90 180 270; do
	mkdir -p "$TMP/in$r"
	qpdf --rotate=+$r "$src" "$TMP/in$r/a.pdf"
	make --no-print-directory run IN="$TMP/in$r" OUT="$TMP/o$r" >/dev/null 2>&1
	# every page with text (the upright file's pages without a flag; one is blank)
	pages=$(grep -cP '^page\t.*\t-$' "$TMP"/o0/*/layout.bxl)
	check "$r: every page with text flagged rotated-$r ($pages)" [ "$(grep -cP "^page\t.*\trotated-$r$" "$TMP"/o$r/*/layout.bxl)" = "$pages" ]
	check "$r: the same facts as upright" cmp -s <(cut -d, -f2- "$TMP/o0/facts.csv") <(cut -d, -f2- "$TMP/o$r/facts.csv")
	check "$r: the same metadata" cmp -s <(cut -d, -f4-8 "$TMP/o0/documents.csv") <(cut -d, -f4-8 "$TMP/o$r/documents.csv")
	check "$r: the same checks and statuses" cmp -s <(cut -d, -f2,3,4 "$TMP/o0/reconcile.csv") <(cut -d, -f2,3,4 "$TMP/o$r/reconcile.csv")
done
finish
