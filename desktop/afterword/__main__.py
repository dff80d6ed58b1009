from afterword.entry import main

raise SystemExit(main())
