from timeline_viewer.cli import main

raise SystemExit(main())
