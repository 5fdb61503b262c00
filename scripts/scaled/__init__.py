"""The scaled profile: several Rasa servers and action servers behind HAProxy.

`scripts/scaled_stack.py` is the command line (`make run-scaled`, `make rolling-update`);
:class:`scripts.scaled.stack.ScaledStack` is the stack it runs, usable from a test fixture;
`python -m scripts.scaled.measure` measures it (docs/deployment.md). Runs in the Rasa
environment (`.venv`: psycopg2, redis and aio-pika prepare the backing services).
"""
