from kczy.cli import main

raise SystemExit(main())
