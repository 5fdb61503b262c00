"""Custom actions of the hub's assistant, served by rasa-sdk (`rasa run actions`)."""
