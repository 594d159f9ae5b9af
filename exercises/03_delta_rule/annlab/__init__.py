# GENERATED copy of source/annlab/__init__.py (written by `python -m autograder build` and by grading): edit that file, not this one
"""annlab: the small helper package that ships next to every notebook of the course.

Interface (three flat modules, nothing else):

- ``annlab.checks``: the checks that test cells call (type → shape → value, each failure
  message saying what was expected, what came back and a hint), plus ``call`` which runs a
  graded function and verifies it neither prints nor modifies its inputs.
- ``annlab.plots``: figure defaults and the small plotting helpers the notebooks share.
- ``annlab.data``: tiny, seeded, offline datasets (logic gates, a non-convex curve, …).

The one source of this package is ``source/annlab/`` in the course repository; the build
copies it into every ``exercises/<NN_name>/`` and ``solutions/<NN_name>/`` folder, so a
student folder runs without installing anything but numpy, matplotlib, scikit-learn and keras.
"""

__all__ = ["checks", "plots", "data"]
