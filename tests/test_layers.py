"""The package map holds: ``autograder`` is layered, its imports run downwards only.

Read from the import graph (``ast``, every ``import`` in a module, function-local ones
included), without importing anything. Layers, lowest first; a module may import its own
subpackage and any lower layer, never a higher one, and the graph has no cycle:

====  ==========================  ===========================================================
0     ``settings``, ``spec``,     leaves: paths, ids, limits, the contract as data,
      ``console``                 --verbose and quiet library output
1     ``notebooks``               reading, writing, cell predicates, execution
2     ``safety``                  submission checks, restore, tamper scan, sandbox, zygote
3     ``preprocessors``,          annlab's nbgrader preprocessors and preprocessor lists;
      ``nbconfig``                the course directory's nbgrader_config.py, offline MathJax
4     ``course``                  an nbgrader course directory and its API
5     ``build``, ``grade``        the course build; grading (neither imports the other)
6     ``qa``                      course-quality tools (grading never imports them)
7     ``cli``                     the command line (``__main__`` runs it)
====  ==========================  ===========================================================

Function-local imports are allowed only for the heavy or optional libraries of ``LAZY``,
each with the reason it is deferred.
"""

import ast
import fnmatch
import pathlib

import pytest

from autograder import settings

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "autograder"

LAYERS = {
    "settings": 0, "spec": 0, "console": 0, "notebooks": 1, "safety": 2, "preprocessors": 3, "nbconfig": 3,
    "course": 4,
    "build": 5, "grade": 5, "qa": 6, "cli": 7, "__main__": 8, "__init__": 0,
}

#: what may be imported inside a function, and why it is not at the top of its module
LAZY = {
    "keras": "qa.backends chooses the Keras backend first; importing keras fixes it",
    "tensorflow": "qa.backends: TensorFlow only when it is the backend under test",
    "jax": "qa.backends: only when JAX is the backend under test (optional package)",
    "torch": "qa.backends: only when PyTorch is the backend under test (optional package)",
    "matplotlib*": "only the class report draws; the grading workers never need it",
    "distributed": "optional: only --scheduler grades on a Dask cluster",
    "nbgrader.apps": "imports every nbgrader application; only a course that runs nbgrader",
}

#: modules whose function-local imports are part of their design, with the reason
LAZY_MODULES = {
    "safety/zygote.py": "a script run inside the sandbox; it preloads the heavy modules "
                        "first, then imports ipykernel, in that order on purpose",
}


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path):
    rel = path.relative_to(PACKAGE).with_suffix("")
    return ".".join(rel.parts)


def _imports(path):
    """``[(imported module, line, at top level)]`` of one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = {id(inner) for function in ast.walk(tree)
              if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
              for inner in ast.walk(function) if inner is not function}
    top = {id(node) for node in ast.walk(tree) if id(node) not in inside}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            module = node.module or ""
            if module == "autograder":  # from autograder import settings, ...
                found += [(f"autograder.{alias.name}", node.lineno, id(node) in top)
                          for alias in node.names]
            else:
                found.append((module, node.lineno, id(node) in top))
    return found


def _internal(module):
    """The ``autograder`` module an import names (``autograder.safety.sandbox`` → that),
    as a dotted name below the package, or None for other packages."""
    if module == "autograder" or not module.startswith("autograder."):
        return None
    return module[len("autograder."):]


def _layer(name):
    return LAYERS[name.split(".")[0]]


def _graph():
    names = {_name(p) for p in _modules()}
    graph = {}
    for path in _modules():
        edges = set()
        for module, _, _ in _imports(path):
            target = _internal(module)
            if target is None:
                continue
            # "from autograder.safety import sandbox" names a module; else the package
            while target not in names and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in names or f"{target}.__init__" in names:
                edges.add(target if target in names else f"{target}.__init__")
        graph[_name(path)] = edges
    return graph


def test_every_module_has_a_layer():
    for path in _modules():
        assert _name(path).split(".")[0] in LAYERS, f"{path}: put it in a layer"


def test_imports_go_downwards_only():
    wrong = []
    for module, targets in _graph().items():
        for target in targets:
            same_package = module.split(".")[0] == target.split(".")[0]
            if not same_package and _layer(target) >= _layer(module) and _layer(module) != 0:
                wrong.append(f"{module} (layer {_layer(module)}) imports {target} "
                             f"(layer {_layer(target)})")
            if _layer(module) == 0 and target.split(".")[0] not in ("__init__",):
                wrong.append(f"{module} is a leaf but imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_grading_never_imports_the_build_or_the_quality_tools():
    for module, targets in _graph().items():
        if module.startswith(("grade", "safety", "course", "preprocessors")):
            bad = sorted(t for t in targets if t.startswith(("qa", "build")))
            assert not bad, f"{module} imports {bad}"
        if module.startswith("build"):
            bad = sorted(t for t in targets if t.startswith(("qa", "grade", "safety")))
            assert not bad, f"{module} imports {bad}"


def test_no_import_cycles():
    graph = _graph()
    state = {}

    def visit(node, stack):
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                cycle = stack[stack.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, stack + [target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])


def test_lazy_imports_are_heavy_or_optional_libraries_only():
    wrong = []
    for path in _modules():
        if path.relative_to(PACKAGE).as_posix() in LAZY_MODULES:
            continue
        for module, line, top in _imports(path):
            if top:
                continue
            if not any(fnmatch.fnmatch(module, pattern) or module.startswith(pattern + ".")
                       for pattern in LAZY):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: import {module} inside a "
                             "function (move it up, or add it to LAZY with the reason)")
    assert not wrong, "\n".join(wrong)


def test_functions_are_short_or_say_why():
    long = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                doc = ast.get_docstring(node) or ""
                if length > 60 and "Over 60 lines because" not in doc:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}: "
                                f"{length} lines")
    assert not long, "split these, or say in the docstring why not:\n" + "\n".join(long)


def test_copy_ignore_list_is_nbgraders_own():
    from nbgrader.coursedir import CourseDirectory

    nbgrader_ignore = set(CourseDirectory().ignore) - {"feedback"}
    assert set(settings.COPY_IGNORE) == nbgrader_ignore
