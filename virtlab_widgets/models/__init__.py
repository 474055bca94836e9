"""Pure simulations and host facts: cited data in, numbers out (no widgets, no figures).

``model`` is the VM/container model with its presets (``presets``); the other modules are the
smaller demos' models (carving, contention, consolidation, scaling, availability, multi-boot,
the VM planner and readiness check) and the host probe.
"""
