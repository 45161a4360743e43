"""One module per top-level command, named after it (``import`` → ``import_.py``); each has ``register(app)``."""
