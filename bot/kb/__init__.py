"""The knowledge base: its file format, reading, validation and loading; no I/O beyond files."""
