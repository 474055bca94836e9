"""``python -m virtlab_widgets``: see :mod:`virtlab_widgets.cli`."""
import sys

from .cli import main

sys.exit(main())
