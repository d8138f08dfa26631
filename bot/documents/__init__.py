"""Documents made from the store's figures, and how they reach a chat.

- `report_pdf`: a `Report` as a PDF (`render_report_pdf`); `report_csv`: the same figures as
  CSV text (`report_csv`);
- `report_delivery`: a report built, rendered, written under `evidence_dir`/reports/ and queued
  to chats as documents, in one function the request in chat and the schedule share;
- `monthly_reports`: the schedule: on the first day of each Jalali month, the previous month's
  report to every chat of the directorate role, once.
"""
