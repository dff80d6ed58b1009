from afterword.cli import main

raise SystemExit(main())
