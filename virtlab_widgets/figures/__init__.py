"""Pure figure builders: model numbers in, ``plotly.graph_objects.Figure`` out (no widgets)."""
