"""Documents the service writes: a report as a PDF with charts, as CSV and as JSON with its
labels in the locale (`report_pdf`, `report_csv`, `report_json`; the names of its sections and
figures in `report_labels`, its bar charts in `report_charts`), on fpdf2 set up for Persian
(`pdf_writer`: the bundled Vazirmatn, shaping, a text layer in logical order)."""
