"""The seven statistics forms of the periodic CCHC report: catalog, values, checks, forms, roll-up.

Pure domain: no Excel or Word here. The workbook reader gives `Số liệu` rows as `Entry`s; the
document kinds print the `Form`s.
"""
