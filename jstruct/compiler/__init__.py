"""Compiling schema documents into closures."""
