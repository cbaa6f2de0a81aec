"""Renderers: the only modules that know a drawing library. They take scenes and return bytes."""
