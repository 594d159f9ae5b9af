"""Restore a submitted notebook's course cells from the release, before it is graded.

The grading worker calls ``restore`` on a submission before ``nbgrader autograde`` runs, with
the student *release* (``exercises/<NN>/<NN>.ipynb``; its ``annlab-header`` cell may be absent)
as the reference. A plain function on ``nbformat`` notebooks: no kernel is started and no
submitted code is run. Findings are ``autograder.safety.findings.Finding``.

Interface
---------
``restore(submitted, release) -> (notebook, findings)``
    the notebook to grade, in the release's cell order: answer cells (nbgrader
    ``solution``) keep the student's source under the release's metadata and id; every other
    cell with nbgrader metadata (tests, locked, task cells) and the Setup cell (tag ``setup``)
    is the release's; other plain cells of
    the release (matched by cell id) keep the student's type and source under the release's
    metadata, or come back from the release when deleted; cells the student added without
    nbgrader metadata stay, right after the release cell that preceded them; added cells with
    nbgrader metadata (forged graded cells, copies of a grade_id: the copy that kept the
    release's cell id, else the first, is the one graded) are dropped. A submission saved
    without cell ids (Colab) is matched by identical source, then by position between
    matched cells. Outputs are dropped (nbgrader executes the notebook again), the release's
    notebook metadata is kept, cell ids are unique, and the result passes
    ``nbformat.validate``. Junk is tolerated: cells without metadata or id, list sources,
    missing nbgrader keys, unknown cell types, items that are not cells. Neither argument is
    changed.
"""

import copy
import dataclasses
import itertools
import re

import nbformat

from autograder.notebooks import nbgrader_meta, source_text
from autograder.safety.findings import STRUCTURE, TAMPER, Finding, display_label

_CELL_TYPES = ("code", "markdown", "raw")
_RESTORED = "restored from the course release"
_FLAGS = ("grade", "solution", "locked", "task")
_VALID_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _is_graded(meta):
    return bool(meta.get("grade_id")) or any(meta.get(flag) for flag in _FLAGS)


@dataclasses.dataclass
class _Submitted:
    index: int          # position in the submission
    cell: dict
    cell_type: str
    source: str
    meta: dict          # its nbgrader metadata ({} when none)
    id: "str | None"

    @property
    def grade_id(self):
        grade_id = self.meta.get("grade_id")
        return grade_id if isinstance(grade_id, str) and grade_id else None

    @property
    def name(self):
        return display_label(self.grade_id) or display_label(self.id) or f"cell {self.index + 1}"


def _submitted_cells(submitted):
    cells = submitted.get("cells") if isinstance(submitted, dict) else None
    result, junk = [], []
    for index, cell in enumerate(cells if isinstance(cells, list) else []):
        if not isinstance(cell, dict):
            junk.append(Finding(STRUCTURE, f"cell {index + 1}", None,
                                f"cell {index + 1} is not a notebook cell — dropped"))
            continue
        cell_id = cell.get("id") if isinstance(cell.get("id"), str) else None
        cell_type = cell.get("cell_type") if isinstance(cell.get("cell_type"), str) else ""
        result.append(_Submitted(index, cell, cell_type, source_text(cell.get("source")),
                                 nbgrader_meta(cell), cell_id))
    return result, junk


def _points(value):
    if value is None:
        return 0.0
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def _show(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = value if isinstance(value, str) else repr(value)
    return "`" + re.sub(r"[^\w .:-]", "?", text)[:40] + "`"  # nothing markdown could render


def _plain(value):
    """A cell type as the student typed it, safe in markdown."""
    return value if isinstance(value, str) and display_label(value) else "unknown"


def _metadata_changes(release_cell, sub):
    """What the student changed in a cell's grading metadata, as short phrases."""
    meta = nbgrader_meta(release_cell)
    changes = []
    if sub.cell_type != release_cell.cell_type:
        changes.append(f"cell type {release_cell.cell_type} → {_plain(sub.cell_type)}")
    if sub.meta.get("grade_id") != meta.get("grade_id"):
        changes.append(f"grade_id {_show(meta.get('grade_id'))} → "
                       f"{_show(sub.meta.get('grade_id', 'none'))}")
    for flag in _FLAGS:
        if bool(sub.meta.get(flag)) != bool(meta.get(flag)):
            before, after = bool(meta.get(flag)), bool(sub.meta.get(flag))
            changes.append(f"{flag} {_show(before)} → {_show(after)}")
    before, after = _points(meta.get("points")), _points(sub.meta.get("points"))
    if before != after:
        changes.append(f"points {_show(before)} → {_show(after)}")
    return changes


def _describe(release_cell):
    meta = nbgrader_meta(release_cell)
    grade_id = meta.get("grade_id", release_cell.get("id"))
    if meta.get("grade") and release_cell.cell_type == "code":
        return f"test cell `{grade_id}`"
    if meta.get("task"):
        return f"task cell `{grade_id}`"
    if meta.get("locked"):
        return f"locked cell `{grade_id}`"
    return f"graded cell `{grade_id}`"


def _same_source(a, b):
    return a.replace("\r\n", "\n").rstrip() == b.replace("\r\n", "\n").rstrip()


def _attachments(cell):
    """The cell's attachments when they have the shape nbformat requires, else None."""
    attachments = cell.get("attachments")
    if not isinstance(attachments, dict) or not attachments:
        return None
    for name, bundle in attachments.items():
        if not isinstance(name, str) or not isinstance(bundle, dict) or not bundle:
            return None
        for mime, data in bundle.items():
            if not isinstance(mime, str) or not (
                    isinstance(data, str)
                    or (isinstance(data, list) and all(isinstance(d, str) for d in data))):
                return None
    return copy.deepcopy(attachments)


def _new_cell(cell_type, source, cell_id, metadata=None, attachments=None):
    maker = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
             "raw": nbformat.v4.new_raw_cell}[cell_type]
    cell = maker(source=source, id=cell_id)
    cell.metadata = nbformat.from_dict(copy.deepcopy(metadata or {}))
    if attachments and cell_type in ("markdown", "raw"):
        cell.attachments = nbformat.from_dict(attachments)
    return cell


def _release_copy(cell):
    cell = nbformat.from_dict(copy.deepcopy(dict(cell)))
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell


def _student_tags(cell):
    metadata = cell.get("metadata")
    tags = metadata.get("tags") if isinstance(metadata, dict) else None
    if isinstance(tags, list) and all(isinstance(t, str) and t and "," not in t for t in tags):
        return {"tags": list(dict.fromkeys(tags))} if tags else {}
    return {}


def _match(release_cells, subs):
    """Pair release cells with submitted cells.

    Returns ``{release index: submitted cell}``, the set of ``(release index)`` paired only
    by content or position (a submission saved without cell ids, e.g. by Colab), and the
    duplicates ``[(release cell, submitted cell)]`` of release grade_ids. In order: graded
    cells by grade_id (the copy that kept the release's id first), graded cells whose
    grade_id was changed by cell id, plain cells by cell id, then cells without grading
    metadata by identical source, then cells without an id by position between two paired
    cells (same number and types of cells in between).

    Over 60 lines because its five passes share one state (what is paired and claimed so
    far) and must run in this order; split up, each would take and return all four parts."""
    matched, loose, claimed, duplicates = {}, set(), set(), []
    metas = [nbgrader_meta(cell) for cell in release_cells]
    graded = [_is_graded(meta) for meta in metas]
    by_grade_id = {}
    for sub in subs:
        if sub.grade_id:
            by_grade_id.setdefault(sub.grade_id, []).append(sub)

    def pair(r, sub):
        matched[r] = sub
        claimed.add(sub.index)

    for r, cell in enumerate(release_cells):
        candidates = by_grade_id.get(metas[r].get("grade_id"), []) if graded[r] else []
        if candidates:
            chosen = next((s for s in candidates if s.id == cell.get("id")), candidates[0])
            pair(r, chosen)
            claimed.update(s.index for s in candidates)
            duplicates.extend((cell, s) for s in candidates if s is not chosen)
    release_grade_ids = {meta.get("grade_id") for meta in metas} - {None}
    for want_graded in (True, False):
        for r, cell in enumerate(release_cells):
            if r in matched or graded[r] != want_graded:
                continue
            chosen = next((s for s in subs if s.index not in claimed and s.id == cell.get("id")
                           and (not want_graded or s.grade_id not in release_grade_ids)), None)
            if chosen is not None:
                pair(r, chosen)
    for r, cell in enumerate(release_cells):
        if r not in matched:
            source = source_text(cell.get("source"))
            chosen = next((s for s in subs if s.index not in claimed and not _is_graded(s.meta)
                           and s.cell_type == cell.cell_type and _same_source(s.source, source)),
                          None)
            if chosen is not None:
                pair(r, chosen)
                loose.add(r)
    # by position, between two paired cells, for cells saved without ids
    anchors = [-1] + sorted(matched) + [len(release_cells)]
    for before, after in itertools.pairwise(anchors):
        gap = list(range(before + 1, after))
        if not gap:
            continue
        low = matched[before].index if before >= 0 else -1
        high = matched[after].index if after < len(release_cells) else len(subs) + 10**9
        candidates = [s for s in subs if low < s.index < high and s.index not in claimed]
        if (low < high and len(candidates) == len(gap)
                and all(s.id is None and not _is_graded(s.meta)
                        and s.cell_type == release_cells[r].cell_type
                        for r, s in zip(gap, candidates))):
            for r, sub in zip(gap, candidates):
                pair(r, sub)
                loose.add(r)
    return matched, loose, claimed, duplicates


def _restore_answer(cell, sub, changes, findings):
    """An answer cell: the release's cell with the student's source (attachments kept)."""
    grade_id = nbgrader_meta(cell).get("grade_id") or cell.get("id")
    restored = _release_copy(cell)
    if sub is None:
        findings.append(Finding(STRUCTURE, grade_id, None,
                                f"answer cell for `{grade_id}` is missing — graded as "
                                "unanswered"))
    elif sub.cell_type != cell.cell_type:
        findings.append(Finding(STRUCTURE, grade_id, None,
                                f"answer cell for `{grade_id}` was turned into a "
                                f"{_plain(sub.cell_type)} cell — graded as unanswered"))
    else:
        restored.source = sub.source
        attachments = _attachments(sub.cell)
        if attachments and cell.cell_type != "code":
            restored.attachments = nbformat.from_dict(attachments)
        if changes:
            findings.append(Finding(TAMPER, grade_id, None,
                                    f"answer cell for `{grade_id}` had its grading "
                                    f"metadata changed ({', '.join(changes)}) — restored "
                                    "from the course release, the answer itself was kept"))
    return restored


def _restore_graded(cell, sub, changes, findings):
    """A test, locked or task cell: always the release's; what was changed is reported."""
    grade_id = nbgrader_meta(cell).get("grade_id") or cell.get("id")
    what = _describe(cell)
    if sub is None:
        findings.append(Finding(STRUCTURE, grade_id, None,
                                f"{what} was deleted — restored from the course release"))
        return _release_copy(cell)
    if changes:
        findings.append(Finding(TAMPER, grade_id, None,
                                f"{what} had its grading metadata changed "
                                f"({', '.join(changes)}) — {_RESTORED}"))
    if not _same_source(sub.source, source_text(cell.source)):
        findings.append(Finding(TAMPER, grade_id, None,
                                f"{what} was edited — restored from the course release"))
    return _release_copy(cell)


def _restore_plain(cell, sub, findings):
    """A cell without grading metadata: the student's, except the Setup cell and deletions."""
    cell_id = cell.get("id")
    setup = "setup" in cell.metadata.get("tags", [])
    if sub is None or sub.cell_type not in _CELL_TYPES:
        if cell.cell_type == "code":
            what = "the Setup cell" if setup else f"code cell `{cell_id}`"
            findings.append(Finding(STRUCTURE, cell_id, None, f"{what} was deleted — {_RESTORED}"))
        return _release_copy(cell)
    if setup:  # it binds what every test relies on: always the course's version
        if sub.cell_type != cell.cell_type or not _same_source(sub.source,
                                                                 source_text(cell.source)):
            findings.append(Finding(STRUCTURE, cell_id, None,
                                    f"the Setup cell was edited — {_RESTORED}"))
        return _release_copy(cell)
    metadata = {key: value for key, value in cell.metadata.items() if key != "nbgrader"}
    if _is_graded(sub.meta):
        findings.append(Finding(TAMPER, cell_id, None,
                                f"grading metadata was added to cell `{cell_id}` — removed"))
    return _new_cell(sub.cell_type, sub.source, cell_id, metadata, _attachments(sub.cell))


def _student_additions(subs, matched, claimed, used_ids, findings):
    """``{release index: [cells]}``: the scratch cells the student added, each after the
    release cell that preceded it (-1: before the first); forged graded cells are dropped."""
    release_index = {sub.index: r for r, sub in matched.items()}
    after, anchor, extra = {}, -1, 0
    for sub in subs:
        if sub.index in release_index:
            anchor = release_index[sub.index]
            continue
        if sub.index in claimed:  # a duplicate of a release grade_id, reported by the caller
            continue
        if _is_graded(sub.meta):
            points = _points(sub.meta.get("points"))
            worth = f" (worth {_show(points)} points)" if points not in (0, 0.0) else ""
            findings.append(Finding(TAMPER, sub.name, None,
                                    f"an extra graded cell `{sub.name}`{worth} that is not part "
                                    "of the assignment was removed"))
            continue
        if sub.cell_type not in _CELL_TYPES:
            findings.append(Finding(STRUCTURE, sub.name, None,
                                    f"{sub.name} has the unknown cell type "
                                    f"{_plain(sub.cell_type)} — dropped"))
            continue
        cell_id = sub.id if sub.id and _VALID_ID.fullmatch(sub.id) else None
        while cell_id is None or cell_id in used_ids:
            extra += 1
            cell_id = f"annlab-extra-{extra}"
        used_ids.add(cell_id)
        after.setdefault(anchor, []).append(
            _new_cell(sub.cell_type, sub.source, cell_id, _student_tags(sub.cell),
                      _attachments(sub.cell)))
    return after


def _assemble(release, restored, after):
    """The graded notebook: release cells in order, additions after their anchors, unique
    valid ids, the release's notebook metadata; validated."""
    cells = list(after.get(-1, []))
    for r in range(len(restored)):
        cells.append(restored[r])
        cells.extend(after.get(r, []))
    seen = set()
    for number, cell in enumerate(cells):  # a release saved without ids (nbformat < 4.5)
        cell_id = cell.get("id")
        if not isinstance(cell_id, str) or not _VALID_ID.fullmatch(cell_id) or cell_id in seen:
            cell.id = f"annlab-cell-{number + 1}"
        seen.add(cell.id)
    metadata = nbformat.from_dict(copy.deepcopy(dict(release.get("metadata", {}))))
    notebook = nbformat.v4.new_notebook(metadata=metadata, cells=cells)
    notebook.nbformat_minor = max(int(release.get("nbformat_minor", 5)), 5)
    nbformat.validate(notebook)
    return notebook


def restore(submitted, release):
    """The notebook to grade, rebuilt from ``submitted`` on the frame of ``release``."""
    release_cells = list(release.cells)
    subs, findings = _submitted_cells(submitted)
    matched, loose, claimed, duplicates = _match(release_cells, subs)
    restored = []
    for r, cell in enumerate(release_cells):
        meta = nbgrader_meta(cell)
        sub = matched.get(r)
        changes = _metadata_changes(cell, sub) if sub is not None and r not in loose else []
        if meta.get("solution"):
            restored.append(_restore_answer(cell, sub, changes, findings))
        elif _is_graded(meta):
            restored.append(_restore_graded(cell, sub, changes, findings))
        else:
            restored.append(_restore_plain(cell, sub, findings))
    used_ids = {cell.get("id") for cell in release_cells}
    after = _student_additions(subs, matched, claimed, used_ids, findings)
    for release_cell, _sub in duplicates:
        meta = nbgrader_meta(release_cell)
        what = "the answer cell for" if meta.get("solution") else "the cell"
        findings.append(Finding(STRUCTURE, meta.get("grade_id"), None,
                                f"a second copy of {what} `{meta.get('grade_id')}` was removed "
                                "— only one copy is graded"))
    return _assemble(release, restored, after), findings
