"""ZoneBot: answers investors' questions about Chinese industrial zones, with citations."""

__version__ = "0.1.0"
