"""make-report: Vietnamese administrative documents from one Excel workbook."""
