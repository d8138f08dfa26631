"""Text: Persian normalisation and digits, Jalali dates, and the translator (i18n)."""
