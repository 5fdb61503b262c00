"""The lead outbox's migration scripts, oldest first by revision id."""
