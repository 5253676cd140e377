"""One module per archive format; each holds one ArchiveSource subclass (see ../sources.py)."""
