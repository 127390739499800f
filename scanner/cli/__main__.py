import sys

from gdprscan.scanner.cli import main

sys.exit(main())
