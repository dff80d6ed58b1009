"""The domain, its store and its rules. Nothing in this package imports Qt."""
