"""TĐKT: emulation and commendation work of a province."""
