from timeline_viewer.cli.main import main

raise SystemExit(main())
