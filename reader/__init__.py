"""Duizhao (对照): an offline reader and annotator for Chinese/English parallel texts."""

__version__ = "0.1.0"
