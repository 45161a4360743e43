"""Tables in and out: exports, imports of Word/Excel tables, calendars, and the monthly 台账 forms."""
