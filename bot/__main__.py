"""Run the command line interface: `python -m bot ...`."""

from bot.cli.commands import main

raise SystemExit(main())
