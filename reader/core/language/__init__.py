"""The language layer: segmentation, dictionaries, readings, senses (see DESIGN.md)."""
