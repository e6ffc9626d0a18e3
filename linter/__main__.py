import sys

from .cli import main

# The guard matters: `serve` starts its workers with spawn, which imports the main module.
if __name__ == "__main__":
    sys.exit(main())
