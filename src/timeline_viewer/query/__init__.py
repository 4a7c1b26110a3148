"""The filter language, the word index and browsing: views of a timeline as values."""
