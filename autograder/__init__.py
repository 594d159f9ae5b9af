"""annlab's instructor side: build the course from ``source/``, grade it with nbgrader.

The package in layers (lowest first; a module imports only its own subpackage and lower
layers — ``tests/test_layers.py`` checks it from the import graph):

0. ``settings`` (paths, course id, limits, kernel environment, notebook discovery, the copy
   ignore list), ``spec`` (the course contract as data) and ``console`` (``--verbose``,
   quiet library output) — leaves.
1. ``notebooks`` — read/write notebooks, cell predicates, hidden-test regions, execution.
2. ``safety/`` — what protects grading from a submission: ``submission`` (file-level
   checks), ``restore`` (course cells back from the release), ``tamper`` (static scan),
   ``findings`` (what they found, as feedback), ``sandbox`` + ``zygote`` (kernels in
   bubblewrap).
3. ``preprocessors`` — annlab's nbgrader preprocessors and the preprocessor lists;
   ``nbconfig`` — the course directory's ``nbgrader_config.py`` and offline MathJax.
4. ``course`` — an nbgrader course directory and the nbgrader API, configured our way.
5. ``build/`` (``generate`` exercises and solutions, ``envfile``, ``contract``, ``release``)
   and ``grade/`` (``collect`` submissions, ``run`` a class, the ``worker`` of one job,
   ``executors`` and ``isolated`` children, the ``gradebook``, the course ``lock``, the
   ``roster``, the ``report`` and its ``mistakes``) — neither imports the other.
6. ``qa/`` — course-quality tools: the in-process test ``harness``, the known answers
   (``variants``), other Keras ``backends``, test ``stats``, the ``sample_class``. Grading
   never imports them.
7. ``cli`` — ``python -m autograder``, the one command line.
"""

__version__ = "0.1.0"
