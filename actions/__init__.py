"""Custom actions of the hub's assistant, served by rasa-sdk (`python -m actions.server`)."""
