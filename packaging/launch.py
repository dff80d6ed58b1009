"""The bundle's entry point: the same command line as `afterword` / `python -m afterword`."""

from afterword.entry import main

raise SystemExit(main())
