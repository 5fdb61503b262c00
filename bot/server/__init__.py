"""The Rasa server's plug-ins.

The input channels (`credentials.yml`), the tracker store, lock store and event broker
(`endpoints.yml`), and `serve`, which starts Rasa with the JWT guard, the action server's
HTTP session and the jsonschema patch installed.
"""
