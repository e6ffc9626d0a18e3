"""Built-in rule plugins, loaded through the ``xxgk_lint.rules`` entry-point group."""
