"""mockint: an offline mock-interview coach for sales and Account Executive interviews."""

__version__ = "0.1.0"
