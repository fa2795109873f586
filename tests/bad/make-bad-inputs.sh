#!/usr/bin/env bash
# make-bad-inputs.sh — write the crafted bad inputs of tests/bad/expected.tsv into DIR.
#
# Usage: tests/bad/make-bad-inputs.sh DIR
#
# Every file is rebuilt from scratch on each run and is byte-identical from run to
# run (same corpus file, same qpdf and poppler versions): nothing reads the clock or
# a random source.  qpdf writes fixed /IDs (--deterministic-id, or --static-id with
# --static-aes-iv when encrypting) and AES-256 encryption copies its key material
# from fixed hand-written template PDFs instead of drawing fresh random salts.
#
# The one real input is corpus/real/unit_budget.pdf from the repository root (or
# ../shared/corpus/real/unit_budget.pdf next to it).  The script writes only inside
# DIR: its scratch files live in DIR/.make-bad-inputs.tmp, removed on exit.
#
# Tools: bash, coreutils, sed, grep, iconv, qpdf, poppler-utils (pdftoppm).  The
# hand-made PDFs (scanned page, private-use text, encryption templates) are written
# with printf by the pdf_* helpers below, which count bytes to fill the xref table.
set -euo pipefail
export LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=0

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi

out=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
src=$root/corpus/real/unit_budget.pdf
[ -f "$src" ] || src=$root/../shared/corpus/real/unit_budget.pdf
if [ ! -f "$src" ]; then
	echo "$0: no corpus/real/unit_budget.pdf (nor ../shared/corpus/real/unit_budget.pdf)" >&2
	exit 1
fi

mkdir -p "$out"
tmp=$out/.make-bad-inputs.tmp
rm -rf "$tmp"
mkdir "$tmp"
trap 'rm -rf "$tmp"' EXIT

# qpdf with fixed output and warnings not turned into exit status 3.
q() { qpdf --warning-exit-0 "$@"; }

# ---------------------------------------------------------------------------
# Minimal PDF writer.  pdf_begin FILE; pdf_obj N BODY / pdf_stream N DICT FILE
# for N = 1, 2, ... in order; pdf_end ROOT [EXTRA-TRAILER-ENTRIES].
# Byte offsets come from wc -c of the file written so far.
pdf_file=
pdf_offs=()
pdf_begin() {
	pdf_file=$1
	pdf_offs=()
	printf '%%PDF-1.7\n%%\342\343\317\323\n' >"$pdf_file"
}
pdf_size() { wc -c <"$pdf_file" | tr -d ' '; }
pdf_obj() {
	pdf_offs[$1]=$(pdf_size)
	printf '%d 0 obj\n%s\nendobj\n' "$1" "$2" >>"$pdf_file"
}
pdf_stream() {
	local len
	len=$(wc -c <"$3" | tr -d ' ')
	pdf_offs[$1]=$(pdf_size)
	{
		printf '%d 0 obj\n<< %s /Length %d >>\nstream\n' "$1" "$2" "$len"
		cat "$3"
		printf '\nendstream\nendobj\n'
	} >>"$pdf_file"
}
pdf_end() {
	local xref n i
	xref=$(pdf_size)
	n=$((${#pdf_offs[@]} + 1))
	{
		printf 'xref\n0 %d\n0000000000 65535 f \n' "$n"
		for ((i = 1; i < n; i++)); do
			printf '%010d 00000 n \n' "${pdf_offs[$i]}"
		done
		printf 'trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n' \
			"$n" "$1" "${2:-}" "$xref"
	} >>"$pdf_file"
}

# A page-less PDF carrying a fixed AES-256 (V5 R6) encryption dictionary, for
# qpdf --copy-encryption.  The values were made once by
#   qpdf --empty --encrypt USER owner 256 -- t.pdf
# and are fixed here because qpdf draws fresh salts and a fresh file key on
# every --encrypt, which would make the output differ from run to run.
enc_template() { # FILE O OE U UE PERMS ID
	pdf_begin "$1"
	pdf_obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
	pdf_obj 2 '<< /Type /Pages /Kids [ ] /Count 0 >>'
	pdf_obj 3 "<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV3 /Length 32 >> >> /StmF /StdCF /StrF /StdCF /O <$2> /OE <$3> /U <$4> /UE <$5> /Perms <$6> >>"
	pdf_end 1 "/Encrypt 3 0 R /ID [ <$7> <$7> ] "
}

# ---------------------------------------------------------------------------
# 1. zero-bytes.pdf, empty.txt: nothing at all.
: >"$out/zero-bytes.pdf"
: >"$out/empty.txt"

# 2. html-error-page.pdf: the 404 page a crawler saved under the .pdf name.
cat >"$out/html-error-page.pdf" <<'EOF'
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>404 页面不存在</title>
</head>
<body>
<h1>404 Not Found</h1>
<p>抱歉，您访问的页面不存在或已被删除。</p>
<p><a href="/">返回首页</a> | 上海市普陀区人民政府</p>
<hr><center>nginx</center>
</body>
</html>
EOF

# 3. jpeg-image.pdf: a complete 8x8 grey baseline JFIF image (159 bytes):
# SOI, APP0 JFIF 1.01, DQT (all ones), SOF0 8x8 1 component, one-code DC and AC
# Huffman tables, SOS, one entropy-coded byte (DC diff 0, EOB, 1-bit padding), EOI.
{
	printf '\377\330'
	printf '\377\340\000\020JFIF\000\001\001\000\000\001\000\001\000\000'
	printf '\377\333\000\103\000'
	for ((i = 0; i < 64; i++)); do printf '\001'; done
	printf '\377\300\000\013\010\000\010\000\010\001\001\021\000'
	printf '\377\304\000\024\000\001'
	for ((i = 0; i < 15; i++)); do printf '\000'; done
	printf '\000'
	printf '\377\304\000\024\020\001'
	for ((i = 0; i < 15; i++)); do printf '\000'; done
	printf '\000'
	printf '\377\332\000\010\001\001\000\000\077\000'
	printf '\077'
	printf '\377\331'
} >"$out/jpeg-image.pdf"

# 4. truncated-download.pdf: the first 40% of a real PDF, cut inside a stream.
size=$(wc -c <"$src" | tr -d ' ')
head -c $((size * 40 / 100)) "$src" >"$out/truncated-download.pdf"

# 5. broken-xref.pdf: four real pages (narrative and the first table) rewritten
# with a classic xref table, then every in-use xref offset gets its last digit
# forced to 9 and startxref points to the wrong place, so the reader has to
# rebuild the cross-reference table by scanning.
q --deterministic-id --object-streams=disable --empty --pages "$src" 6-9 -- \
	"$tmp/small.pdf"
xref=$(tail -c 64 "$tmp/small.pdf" | sed -n '/^startxref$/{n;p;}')
head -c "$xref" "$tmp/small.pdf" >"$out/broken-xref.pdf"
tail -c +$((xref + 1)) "$tmp/small.pdf" |
	sed -E -e 's/^([0-9]{9})[0-9] 00000 n $/\19 00000 n /' \
		-e "/^startxref\$/{n;s/.*/$((xref / 3))/;}" >>"$out/broken-xref.pdf"

# 6, 7. encrypted-user-password.pdf (user "user", owner "owner"): unreadable
# without the password.  encrypted-owner-only.pdf (empty user password, owner
# "owner"): opens normally.  Both AES-256, the whole real document.
enc_template "$tmp/enc-user.pdf" \
	62b41631a0fb528c4513711339b9acc9b1f3ab44bed4a35c5238cdaea8343e8f99fd56d6cc5b6c7552d7e9a4c0cbbb9b \
	917cbb5daa6d01ef71605adba0b87cd0761fb5f8206d00a3d7346e1300c26f50 \
	446ed4e7a7aca7d2f6565dcd3e4aa2ce63cb807d0c6a87dc46615b4b3499ac7c6bbd84aa79d91216b2fe8395afe4a38e \
	c103810f1152e67744b26126a5ae3a1ea1bb2e3a47cc6acd360eba6945365720 \
	e08ba184f894c168dcbb0af7f0827033 \
	dab362647514dcdd2f88315eafc2393a
enc_template "$tmp/enc-owner.pdf" \
	5b2e3e4f6d1ce0f0115b662dcb5ada45a27663231a31c779b29ed09a6f5d32130ddd824d721ea40e44307e25034ca09d \
	6865ef03771e3a29c5e0775475032ecdc390b839d23ec2025a5289a2aeae8403 \
	2c52a8c7df59fd47fd4e38a9bd88adb5cdc4a10e8b5e5fd7d4e2d3ec60e028192cce95f66b17f53860bb2c0f73e32013 \
	b7ae16d2348a2c814d6a6c09dc1450aae0636bc31565285c4ad1a654f287aa4c \
	aa730c06abeaa5bb0449897468d78603 \
	e27abc668e880fe1987cfd5129693b6a
q --static-id --static-aes-iv --copy-encryption="$tmp/enc-user.pdf" \
	--encryption-file-password=owner "$src" "$out/encrypted-user-password.pdf"
q --static-id --static-aes-iv --copy-encryption="$tmp/enc-owner.pdf" \
	--encryption-file-password=owner "$src" "$out/encrypted-owner-only.pdf"

# 8. thousand-pages.pdf: the 21-page document 48 times over, 1008 pages.
args=()
for ((i = 0; i < 48; i++)); do args+=("$src"); done
q --deterministic-id --empty --pages "${args[@]}" -- "$out/thousand-pages.pdf"

# 9. garbage-after-header.pdf: "%PDF-1.7" and 20000 fixed pseudo-random bytes
# (the C library's LCG, seed 12345, byte = bits 16..23).
{
	printf '%%PDF-1.7\n'
	x=12345
	for ((j = 0; j < 20; j++)); do
		buf=
		for ((i = 0; i < 1000; i++)); do
			x=$(((x * 1103515245 + 12345) & 0x7fffffff))
			printf -v e '\\0%03o' $(((x >> 16) & 255))
			buf+=$e
		done
		printf '%b' "$buf"
	done
} >"$out/garbage-after-header.pdf"

# 10. not-pdf-text.txt: a text extraction saved in GB18030, not UTF-8.
printf '%s\n' '2026年，上海市普陀区司法局收入预算8695.94万元，其中：财政拨款收入8695.94万元。' \
	'支出预算8695.94万元，比2025年预算增加794.88万元。' |
	iconv -f UTF-8 -t GB18030 >"$out/not-pdf-text.txt"

# 11. scanned-no-text.pdf: page 9 of the real document (a table) rendered to a
# 30 dpi grey image, placed as the only content of a one-page PDF: no text layer.
# scanned-mixed-pages.pdf: pages 1-8 of the real document with text, then that
# scanned page as page 9.
pdftoppm -gray -r 30 -f 9 -l 9 -singlefile "$src" "$tmp/scan"
{ read -r _ && read -r w h; } <"$tmp/scan.pgm"
hlen=$(head -n 3 "$tmp/scan.pgm" | wc -c | tr -d ' ')
tail -c +$((hlen + 1)) "$tmp/scan.pgm" >"$tmp/scan.raw"
printf 'q\n842 0 0 595 0 0 cm\n/Im0 Do\nQ\n' >"$tmp/scan.content"
pdf_begin "$out/scanned-no-text.pdf"
pdf_obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
pdf_obj 2 '<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>'
pdf_obj 3 '<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 842 595 ] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>'
pdf_stream 4 '' "$tmp/scan.content"
pdf_stream 5 "/Type /XObject /Subtype /Image /Width $w /Height $h /ColorSpace /DeviceGray /BitsPerComponent 8" "$tmp/scan.raw"
pdf_end 1
q --deterministic-id --empty --pages "$src" 1-8 "$out/scanned-no-text.pdf" -- \
	"$out/scanned-mixed-pages.pdf"

# 12. private-use-garbled.pdf: two pages showing the same two lines in a Type3
# font whose glyphs are plain boxes.  Page 1's ToUnicode CMap maps the codes to
# the real characters; page 2's maps every non-ASCII character to U+E000.. (the
# private-use area), as in PDFs whose embedded CJK fonts lost their mapping, so
# text extraction of page 2 gives digits and punctuation among private-use code
# points.
lines=('2026年单位预算编制说明' '收入预算8695.94万元，其中：财政拨款收入8695.94万元。')
declare -A code_of=()
units=() # UTF-16BE unit (4 hex digits) of code 1, 2, ...
content="BT /F%d 16 Tf 60 500 Td 24 TL"
for line in "${lines[@]}"; do
	hex=
	while read -r u; do
		if [ -z "${code_of[$u]:-}" ]; then
			units+=("$u")
			code_of[$u]=$(printf '%02X' "${#units[@]}")
		fi
		hex+=${code_of[$u]}
	done < <(printf '%s' "$line" | iconv -f UTF-8 -t UTF-16BE | od -An -v -tx1 |
		tr -d ' \n' | fold -w 4 && echo)
	content+=" <$hex> Tj T*"
done
content+=" ET"
diffs=
widths=
for u in "${units[@]}"; do
	if [ $((16#$u)) -lt 128 ]; then
		diffs+=' /n'
		widths+=' 500'
	else
		diffs+=' /w'
		widths+=' 1000'
	fi
done
tounicode() { # MODE (real|pua) -> CMap text
	local i=0 pua=57344 u
	printf '%s\n' '/CIDInit /ProcSet findresource begin' '12 dict begin' 'begincmap' \
		'/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def' \
		'/CMapName /Adobe-Identity-UCS def' '/CMapType 2 def' \
		'1 begincodespacerange' '<00> <FF>' 'endcodespacerange'
	printf '%d beginbfchar\n' "${#units[@]}"
	for u in "${units[@]}"; do
		i=$((i + 1))
		if [ "$1" = pua ] && [ $((16#$u)) -ge 128 ]; then
			printf '<%02X> <%04X>\n' "$i" "$pua"
			pua=$((pua + 1))
		else
			printf '<%02X> <%s>\n' "$i" "$u"
		fi
	done
	printf '%s\n' 'endbfchar' 'endcmap' 'CMapName currentdict /CMap defineresource pop' 'end' 'end'
}
tounicode real >"$tmp/tu-real"
tounicode pua >"$tmp/tu-pua"
# shellcheck disable=SC2059 # content holds the %d of the font number
printf "$content\n" 1 >"$tmp/c1"
# shellcheck disable=SC2059
printf "$content\n" 2 >"$tmp/c2"
printf '1000 0 0 0 1000 1000 d1\n80 -80 840 840 re f\n' >"$tmp/gw"
printf '500 0 0 0 500 1000 d1\n60 0 380 700 re f\n' >"$tmp/gn"
t3="/Type /Font /Subtype /Type3 /FontBBox [ 0 -100 1000 1000 ] /FontMatrix [ 0.001 0 0 0.001 0 0 ] /CharProcs << /w 11 0 R /n 12 0 R >> /Encoding << /Type /Encoding /Differences [ 1$diffs ] >> /FirstChar 1 /LastChar ${#units[@]} /Widths [$widths ] /Resources << >>"
pdf_begin "$out/private-use-garbled.pdf"
pdf_obj 1 '<< /Type /Catalog /Pages 2 0 R >>'
pdf_obj 2 '<< /Type /Pages /Kids [ 3 0 R 4 0 R ] /Count 2 >>'
pdf_obj 3 '<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 842 595 ] /Resources << /Font << /F1 7 0 R >> >> /Contents 5 0 R >>'
pdf_obj 4 '<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 842 595 ] /Resources << /Font << /F2 8 0 R >> >> /Contents 6 0 R >>'
pdf_stream 5 '' "$tmp/c1"
pdf_stream 6 '' "$tmp/c2"
pdf_obj 7 "<< $t3 /ToUnicode 9 0 R >>"
pdf_obj 8 "<< $t3 /ToUnicode 10 0 R >>"
pdf_stream 9 '' "$tmp/tu-real"
pdf_stream 10 '' "$tmp/tu-pua"
pdf_stream 11 '' "$tmp/gw"
pdf_stream 12 '' "$tmp/gn"
pdf_end 1
