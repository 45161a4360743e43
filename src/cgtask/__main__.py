"""``python -m cgtask`` runs the command line."""

from cgtask.cli.start import main

main()
