"""A file becomes a `Timeline`: YAML and other formats read, checked with located errors, cached."""
