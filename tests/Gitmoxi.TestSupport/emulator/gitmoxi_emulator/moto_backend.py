"""moto, imported once and switched to its Docker-less Lambda backend before anything else loads.

Exit code 3 means moto is not importable (the C# fixture reports it as such)."""

from __future__ import annotations

import sys


try:
    from moto.core.models import default_user_config
except ImportError as error:  # pragma: no cover - reported to the C# fixture by exit code
    print(f"moto is not importable ({error}): install it with `pip install \"moto[server]\"`", file=sys.stderr)
    sys.exit(3)


def use_simple_lambda_backend() -> None:
    """Docker-less Lambda: moto otherwise tries to run functions in docker whenever an ESM fires.

    Must run before any Lambda resource exists: the switch selects a different backend
    (``lambda_simple_backends``), so state created before it is invisible after it.
    """
    default_user_config["lambda"] = {"use_docker": False}


use_simple_lambda_backend()
