"""`python -m wardpanel`: the same as the `wardpanel` command."""

from wardpanel.command import main

main()
