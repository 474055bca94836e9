"""Thin ipywidgets apps around the pure figure builders."""
