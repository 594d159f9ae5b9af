import sys

from autograder.cli import main

if __name__ == "__main__":  # worker processes import this module again: run only once
    sys.exit(main())
