"""The Qt layer: a thin shell of widgets over `reader.core`."""
