"""kczy: the review repository for “科创中原” projects."""

__version__ = "0.1.0"
