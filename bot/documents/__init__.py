"""Documents the service writes, and how they reach a chat.

- a report as a PDF with charts, as CSV and as JSON with its labels in the locale
  (`report_pdf`, `report_csv`, `report_json`; the names of its sections and figures in
  `report_labels`, its bar charts in `report_charts`), on fpdf2 set up for Persian
  (`pdf_writer`: the bundled Vazirmatn, shaping, a text layer in logical order);
- `report_delivery`: a report built, rendered, written under `evidence_dir`/reports/ and queued
  to chats as documents, in one function the request in chat and the schedule share;
- `monthly_reports`: the schedule: on the first day of each Jalali month, the previous month's
  report to every chat of the directorate role, once.
"""
