# The same code's amount in the 一般公共预算 function table (附件2) and the 部门支出总表
# (附件8) of seed 004, whose income is 一般公共预算 alone (附件7: 总计 2506.79 = 一般公共
# 预算拨款收入 2506.79): equal in the seed; with 附件8's 2010350 事业运行 printed 293.14
# instead of 293.04, that one code fails against 附件2's 293.04 and no other does.
. tests/e2e/lib.sh
mkdir -p "$TMP/a" "$TMP/b"
seed=corpus/seeds/004_67cab9fc0809f1f8.txt
cp "$seed" "$TMP/a/"
# the 2010350 line after the 附件 8 label
from=$(grep -n '附件 8' "$seed" | head -1 | cut -d: -f1)
n=$(awk -v from="$from" 'NR > from && /^2010350\t/ { print NR; exit }' "$seed")
sed "${n}s/293.04\t293.04/293.14\t293.14/" "$seed" >"$TMP/b/004.txt"
check "the seed was changed in one line" [ "$(diff "$seed" "$TMP/b/004.txt" | grep -c '^>')" = 1 ]
make --no-print-directory run IN="$TMP/a" OUT="$TMP/oa" >/dev/null 2>&1
make --no-print-directory run IN="$TMP/b" OUT="$TMP/ob" >/dev/null 2>&1
codes() { grep -E "^[^,]*,code-amount-dept,$2," "$1/reconcile.csv" | cut -d, -f4 | cut -d' ' -f2 | sort | tr '\n' ' '; }
check "the seed: no code fails" [ -z "$(codes "$TMP/oa" fail)" ]
check "the seed: codes compared" [ -n "$(codes "$TMP/oa" pass)" ]
check "the seed: 2010350 passes" bash -c "grep -qE '^[^,]*,code-amount-dept,pass,code 2010350 ' '$TMP/oa/reconcile.csv'"
check "changed: 2010350 fails, 293.04 against 293.14" \
	bash -c "grep -qE '^[^,]*,code-amount-dept,fail,code 2010350 [^,]*,293.04,293.14,' '$TMP/ob/reconcile.csv'"
check "changed: no other code fails" [ "$(codes "$TMP/ob" fail)" = "2010350 " ]
finish
