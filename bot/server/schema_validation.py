"""`jsonschema.validate` that checks each schema against its metaschema once, not every call.

Rasa validates every answer of the action server (`RemoteAction._validate_action_result`)
and every event list the HTTP API receives with `jsonschema.validate(instance, schema)`,
and that function checks the schema itself against the JSON Schema metaschema before each
validation. In the soak profile (`scripts/soak.py`, 20 messages/s) that check was 4.5 % of
the Rasa process's samples (py-spy), on the event loop, for a schema that never changes.

`install()` (called by `bot.server.serve` before Rasa starts) replaces `jsonschema.validate` with
`validate`, which keeps one checked validator per distinct schema and raises what
`jsonschema.validate` raises: `SchemaError` for a bad schema, the best `ValidationError`
for a bad instance. Calls with a validator class or options go to the original.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import jsonschema
from jsonschema import exceptions, validators

_original_validate = jsonschema.validate


@functools.lru_cache(maxsize=64)
def _checked_validator(schema_json: str) -> Any:
    """A validator for the schema, whose check against its metaschema passed (else raises)."""
    schema = json.loads(schema_json)
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """Validates `instance` against `schema`, as `jsonschema.validate` does.

    Raises:
        jsonschema.exceptions.SchemaError: The schema is invalid.
        jsonschema.exceptions.ValidationError: The instance is invalid (the best match).
    """
    if cls is not None or args or kwargs:
        _original_validate(instance, schema, cls, *args, **kwargs)
        return
    try:
        schema_json = json.dumps(schema, sort_keys=True)
    except (TypeError, ValueError):  # not JSON (e.g. a compiled pattern): no cache
        _original_validate(instance, schema)
        return
    error = exceptions.best_match(_checked_validator(schema_json).iter_errors(instance))
    if error is not None:
        raise error


def install() -> None:
    """Makes `jsonschema.validate`, as later imported by Rasa, this module's `validate`."""
    jsonschema.validate = validate
