"""The console database's migration scripts, oldest first by revision id."""
