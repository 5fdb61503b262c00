"""The scaled profile: several Rasa servers and action servers behind HAProxy.

`python -m stack.profiles.scaled` (`__main__.py`) is the command line (`make run-scaled`,
`make rolling-update`); :class:`stack.profiles.scaled.stack.ScaledStack` is the stack it
runs, usable from a test fixture; `python -m stack.profiles.scaled.measure` measures it
(docs/deployment.md). Runs in the Rasa environment (`.venv`: psycopg2, redis and aio-pika
prepare the backing services).
"""
