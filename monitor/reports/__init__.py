"""The campaign's reports: the monthly statistics form (附件2), the campaign summary and
typical-case write-ups, and the printable-document helpers the lead packages share."""
