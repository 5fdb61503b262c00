"""Input channels that refuse bad input cleanly, in front of the NLU.

`GuardedRestInput` and `GuardedSocketIOInput` (registered in `credentials.yml`) are Rasa's
REST and socket.io channels behind one thin layer: `validation` (bodies, events, the
length limit), `payloads` (which typed `/intent{...}` commands go through) and `guard`
(`MessageGuard`, which applies them to every message). `telegram.HubTelegramInput` is
Rasa's Telegram channel behind the same guard, on only when `TELEGRAM_BOT_TOKEN` is set.
"""
