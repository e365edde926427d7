#!/usr/bin/env bash
# Writes the bad-input PDF fixtures (committed): a page without a text layer, a document whose
# last page is such a page, and an encrypted copy of a real disclosure. Needs qpdf (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/fixtures/pdf
mkdir -p "$out"
# A one-page PDF that only draws (as a scan does): no text objects at all.
python3 - "$out/scanned.pdf" <<'PY'
import sys
objs = []
content = b"0.8 g 50 50 495 742 re f 0 g 100 600 m 400 600 l S"
objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
objs.append(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>")
objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
pdf = b"%PDF-1.4\n"
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    pdf += b"%010d 00000 n \n" % off
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(pdf)
PY
src=../shared/docs/sh-putuo-commerce-2025-unit-budget.pdf
# The real document with its table pages replaced by a scan (pages 1–7 text, then the blank page).
qpdf --empty --pages "$src" 1-7 "$out/scanned.pdf" 1 -- "$out/tables-scanned.pdf"
qpdf --encrypt secret owner 256 -- "$src" "$out/encrypted.pdf"
ls -la "$out"
