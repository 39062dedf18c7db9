"""The daemon process: the reminder engine, the APScheduler shell around it, the
buttons of its nudges, its composition, and the installer that runs it at login."""
