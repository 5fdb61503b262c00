"""``python -m catalogue_api [serve | seed | load | migrate | retention | openapi]``.

See ``cli.py``.
"""

import sys

from catalogue_api.cli import main

if __name__ == "__main__":
    sys.exit(main())
