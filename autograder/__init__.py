"""annlab's instructor side: building the course from ``source/`` and grading it with nbgrader.

Modules: ``spec`` (the course contract), ``notebooks`` (read/write/inspect notebooks),
``authoring`` (write source notebooks from Python), ``course`` (nbgrader course directories
and the nbgrader API), ``build`` (``exercises/`` and ``solutions/`` from ``source/``),
``harness`` (run test cells against any implementation), ``preprocessors`` (nbgrader
preprocessors of our own), ``cli`` (``python -m autograder``).
"""

__version__ = "0.1.0"
