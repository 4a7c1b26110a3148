"""The model of a timeline, its dates and text safety: plain Python, no Textual, Rich or YAML."""
