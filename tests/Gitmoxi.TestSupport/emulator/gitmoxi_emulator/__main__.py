"""``python3 -m gitmoxi_emulator``: the launcher (see the package docstring)."""

from .server import main

main()
