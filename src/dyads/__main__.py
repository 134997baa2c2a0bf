import sys

from dyads.cli.main import main

sys.exit(main())
