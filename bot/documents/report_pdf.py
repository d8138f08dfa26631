"""A report as a PDF (Arts. 15(b), 15(c), 15(e), 21).

A STUB of the interface another branch implements (Persian, right to left, with charts): it
writes one page that names the period and the scope. The lead replaces it when merging.
"""

from __future__ import annotations

from bot.config import Settings
from bot.domain.reports import Report
from bot.text.jalali import format_stored_date


def render_report_pdf(report: Report, settings: Settings, locale: str) -> bytes:
    """The report as the bytes of a PDF in *locale*."""
    title = (
        f"Daftar report {format_stored_date(report.period.first)} - "
        f"{format_stored_date(report.period.last)} {report.scope.name} ({locale})"
    )
    stream = f"BT /F1 12 Tf 50 780 Td ({title}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
