"""``python -m redactor`` runs the command line."""

from .cli import main

main(prog_name="redactor")
