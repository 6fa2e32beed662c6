"""`python -m wardpanel`: the same as the `wardpanel` command."""

from wardpanel.cli import main

main()
