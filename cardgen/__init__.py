"""cardgen: print-ready PDFs for handwritten notes (card, envelope, handwriting guide)."""

__version__ = "0.1.0"
