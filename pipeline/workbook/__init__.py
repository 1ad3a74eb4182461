"""The Excel input: the file as tables (`sheets`), what the sheets mean (`reader`), the names of the
format (`format`), and a new workbook to fill in (`new`, `guide`)."""
