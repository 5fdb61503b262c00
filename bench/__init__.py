"""`make bench`: this assistant beside Rasa's starter bot, under Locust."""
