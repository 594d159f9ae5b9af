"""What makes plain nbgrader in an annlab course directory behave like annlab.

Interface
---------
``write_config(course) -> pathlib.Path``
    writes ``<course>/nbgrader_config.py``. The file builds its configuration by calling
    ``Course(<its own folder>).config()`` (the one place that lists annlab's preprocessors, the
    course id, the header, the feedback template), so ``nbgrader generate_feedback``,
    ``nbgrader autograde`` and the formgrader started in that directory strip hidden tests
    from feedback exactly as ``python -m autograder grade`` does. It needs ``autograder``
    importable (it is installed in the course's environment); the course directory may be
    moved (the root is the file's own folder).
``install_mathjax(course) -> pathlib.Path``
    copies MathJax (from the ``jupyter-server-mathjax`` package) into
    ``<course>/feedback/_static/mathjax`` unless the same version is already there; feedback
    HTML refers to it by a relative URL, so formulas render without network.
``mathjax_script(html_dir, course) -> str``
    the ``<script>`` tags that load that copy from a page in ``html_dir`` (the class report).
``TEMPLATE_DIR``
    annlab's nbconvert templates (put first in ``HTMLExporter.extra_template_basedirs``).
"""

import importlib.metadata
import importlib.util
import os
import pathlib
import shutil

CONFIG_FILE = "nbgrader_config.py"
TEMPLATE_DIR = pathlib.Path(__file__).resolve().parent / "templates"
MATHJAX_DIR = pathlib.PurePosixPath("feedback", "_static", "mathjax")
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"
_STAMP = ".annlab-mathjax-version"

_CONFIG_TEXT = '''\
"""nbgrader configuration of this annlab course, written by `python -m autograder grade`.

Every nbgrader command run in this directory (generate_feedback, autograde, export, the
formgrader) gets annlab's settings: hidden tests stripped from feedback, the same
preprocessors, course id and header, MathJax from feedback/_static (offline). The settings
come from autograder.course.Course.config(), so `autograder` must be importable here.
Rewritten by every grade run: keep site settings in ~/.jupyter/nbgrader_config.py.
"""
import os

from autograder.course import Course

c.merge(Course(os.path.dirname(os.path.abspath(__file__)), db_url={db_url!r}).config())

'''


def template_basedirs():
    """annlab's templates first, then nbgrader's (where its ``feedback`` template lives)."""
    # found without importing the formgrader (it pulls in the whole Jupyter server)
    nbgrader = pathlib.Path(importlib.util.find_spec("nbgrader").origin).resolve().parent
    nbgrader_templates = nbgrader / "server_extensions" / "formgrader" / "templates"
    return [str(TEMPLATE_DIR), str(nbgrader_templates)]


def write_config(course):
    default = f"sqlite:///{course.root / 'gradebook.db'}"
    db_url = None if course.db_url == default else course.db_url
    path = course.root / CONFIG_FILE
    path.write_text(_CONFIG_TEXT.format(db_url=db_url))
    return path


def _mathjax_source():
    package = importlib.util.find_spec("jupyter_server_mathjax").origin
    return pathlib.Path(package).resolve().parent / "static"


def install_mathjax(course):
    version = importlib.metadata.version("jupyter-server-mathjax")
    target = course.root / MATHJAX_DIR
    stamp = target / _STAMP
    if stamp.exists() and stamp.read_text() == version:
        return target
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(_mathjax_source(), target)
    stamp.write_text(version)
    return target


def mathjax_script(html_dir, course):
    src = os.path.relpath(course.root / MATHJAX_DIR / "MathJax.js", html_dir)
    src = pathlib.Path(src).as_posix() + f"?config={MATHJAX_CONFIG}"
    return ('<script type="text/x-mathjax-config">MathJax.Hub.Config({"HTML-CSS": '
            '{availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null}, '
            'tex2jax: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]]}, messageStyle: "none"});'
            f'</script><script src="{src}"></script>')
