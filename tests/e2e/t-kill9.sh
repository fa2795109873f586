# kill -9 in the middle of a run, then a rerun: the outputs are byte-identical to
# those of an uninterrupted run, and no temporary file is left behind.
. tests/e2e/lib.sh
IN="$TMP/in"
mkdir -p "$IN"
cp corpus/seeds/*.txt corpus/real/*.pdf "$IN/"
run() { make --no-print-directory run IN="$IN" OUT="$1" -j2 >"$TMP/log.$2" 2>&1; }
listing() { (cd "$1" && find . -path ./.bx -prune -o -type f -print | sort); }

check "uninterrupted run" run "$TMP/a" a
for delay in 0.7 1.5; do
	rm -rf "$TMP/b"
	setsid make --no-print-directory run IN="$IN" OUT="$TMP/b" -j2 >"$TMP/log.bg" 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 -- -"$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	check "rerun after kill -9 at ${delay}s" run "$TMP/b" b
	check "same files after kill -9 at ${delay}s" diff <(listing "$TMP/a") <(listing "$TMP/b")
	check "byte-identical outputs after kill -9 at ${delay}s" diff -r -q -x .bx "$TMP/a" "$TMP/b"
	check "no temporary file left at ${delay}s" [ -z "$(find "$TMP/b" -name '.*.tmp-*' -print -quit)" ]
done
finish
