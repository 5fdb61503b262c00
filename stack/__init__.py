"""The stack runner: starts, supervises and stops the assistant's services.

`python -m stack run` (`make run`) runs the default profile (`profiles/default.py`): the
catalogue API, the action server, the Rasa server (two processes behind HAProxy,
`rasa_pair.py`) and the website on one machine; `python -m stack.profiles.scaled`
(`make run-scaled`) the scaled one (`profiles/scaled/`). Beside them what both use: each
service's command and log (`service.py`), the supervisor that restarts what exits
(`supervisor.py`), the generated secrets (`secrets.py`), private files (`files.py`), the
services' environment (`environment.py`) and Telegram's set-up (`telegram.py`). Standard
library only outside the scaled profile, so every environment of the project can import it.
"""
