"""One zip per assignment of the student release, for Colab and LMS upload.

Each ``build/release/<NN_name>.zip`` holds ``<NN_name>/<NN_name>.ipynb`` and the ``annlab``
helper package beside it, exactly as in ``exercises/`` (so unzipping and opening the notebook
works in Jupyter, on JupyterHub and in Colab after uploading the folder). Entries are sorted
and dated 2026-01-01, so the same release always gives the same bytes.

Interface
---------
``zip_bytes({name: bytes}) -> bytes``               a deterministic zip archive
``write_release(out, notebooks=None, exercises=REPO/exercises) -> [paths]``
    one zip per notebook into ``out``; returns the paths written.
"""

import io
import pathlib
import zipfile

from autograder import settings

_DATE = (2026, 1, 1, 0, 0, 0)


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, _DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def write_release(out, notebooks=None, exercises=None):
    exercises = pathlib.Path(exercises or settings.REPO / "exercises")
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in notebooks or settings.notebook_names(exercises):
        folder = exercises / name
        files = {f"{name}/{path.relative_to(folder).as_posix()}": path.read_bytes()
                 for path in sorted(folder.rglob("*"))
                 if path.is_file() and not settings.is_ignored(path.relative_to(folder))}
        target = out / f"{name}.zip"
        target.write_bytes(zip_bytes(files))
        written.append(target)
    return written
