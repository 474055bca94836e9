"""The Jupyter integration, fenced: everything that relies on how Jupyter, ipywidgets and plotly's
widget work inside, so an upgrade that breaks an assumption breaks here (``tests/test_fences.py``,
``tests/browser/test_server_ext.py`` and ``tests/browser/test_figure_fallback.py`` check them).

* ``server_ext.py``: the Jupyter server extension (plotly's widget JS once per browser, gzip,
  kernel websockets without Nagle's delay);
* ``figurewidget.py``: plotly's ``FigureWidget`` with a small loader instead of 5 MB of JS per figure;
* ``a11y.py``: accessible names for slider handles;
* ``static_display.py``: the kernel-less build's display patch (``VIRTLAB_STATIC``).
"""
