#!/usr/bin/env bash
# make-office.sh — the documents of corpus/office, printed once by LibreOffice so
# that make eval measures a second PDF producer without needing LibreOffice:
# bx-gen writes nine disclosures (seed 1, documents 200-208, each with the plant
# the cycle gave it when it had nine kinds: several styles' data, portrait and
# landscape; the kinds added since, template, parts and codename, are not printed
# here) as HTML with their truth
# (NNN.csv, facts.csv, findings.tsv), and LibreOffice Writer prints each HTML to PDF.  The
# HTML, the PDFs and the truth are committed; rerun only to remake them.
# Needs: apt-get install libreoffice-writer-nogui fonts-wqy-zenhei
# Usage: corpus/office/make-office.sh   (from anywhere; rewrites corpus/office)
set -eu
cd "$(dirname "$0")/../.."
command -v soffice >/dev/null || { echo "make-office.sh: needs soffice (apt-get install libreoffice-writer-nogui)" >&2; exit 1; }
make --no-print-directory build/bx-gen
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bx-office.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
set -- 200 large 201 total 202 rounding 203 narrative 204 share 205 growth 206 cross 207 none 208 cents
while [ $# -gt 0 ]; do
	build/bx-gen --seed 1 --first "$1" --docs 1 --plant "$2" --format html "$tmp"
	shift 2
done
for h in "$tmp"/*.html; do
	# a private profile, so a desktop LibreOffice of the same user does not interfere
	soffice -env:UserInstallation="file://$tmp/profile" --headless \
		--convert-to pdf:writer_web_pdf_Export --outdir "$tmp" "$h" >/dev/null
	[ -s "${h%.html}.pdf" ] || { echo "make-office.sh: no PDF from $h" >&2; exit 1; }
done
rm -rf corpus/office/[0-9][0-9][0-9][0-9]-*
for h in "$tmp"/*.html; do
	n=$(basename "$h" .html)
	cp "$h" "${h%.html}.pdf" corpus/office/
	cp -r "$tmp/$n" corpus/office/
done
soffice --version | head -1 > corpus/office/PRODUCER
echo "corpus/office: $(ls corpus/office/*.pdf | wc -l) documents"
