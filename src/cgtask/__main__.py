"""``python -m cgtask`` runs the command line."""

from cgtask.cli.app import main

main()
