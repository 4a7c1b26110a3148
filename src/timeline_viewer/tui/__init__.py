"""The full-screen Textual browser; `app.run_tui` is its entry point.

Nothing outside this package imports Textual, so the headless commands stay fast.
"""
