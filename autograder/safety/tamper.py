"""Find and disarm submitted code that tampers with the grading machinery.

Static checks (``ast``) of a submission's code cells, run by the grading worker after
``restore`` and before ``nbgrader autograde``: no kernel is started and no submitted code is
run. Findings are ``autograder.safety.findings.Finding``.

Interface
---------
``scan(source, protected=()) -> [Finding]``
    a static scan (``ast``) of one code cell for code that tampers with the grading
    machinery; kind ``"tamper"``, ``cell`` None, sorted by line. The source is read the way
    the kernel reads it (IPython's input transformations: indented cells, ``>>>`` prompts,
    ``/f x`` calls, automagic); magics and shell lines are skipped, except that the Python
    given to ``%time``/``%timeit``/``%prun``/``%debug``/``%%capture`` is scanned and
    ``%run``, ``%autocall``, ``%alias_magic``, ``%macro`` and ``%config`` (other than
    ``InlineBackend``/``IPCompleter``) are flagged. Code that is not valid Python gives ``[]``
    (the kernel reports it). ``protected`` is what the Setup cell binds: a mapping
    ``{name: binding}`` as returned by ``protected_names`` (re-importing the same module
    under the same name is then allowed), or any iterable of names (then every rebinding,
    re-imports included, is flagged). The rules are listed below ``_BANNED_MODULES``.
``protected_names(release) -> {name: binding}``
    the names the release's Setup cell(s) (tag ``setup``) bind at module level: the dotted
    module path for imports (``"numpy"``, ``"annlab.checks"``,
    ``"sklearn.datasets.make_friedman1"``), ``"value"`` for everything else.
``neutralize(notebook, release) -> [Finding]``
    scans (with ``protected_names(release)``) every code cell of ``notebook`` whose source
    is not identical to a release cell's, and replaces each cell with a finding by one line
    ``raise RuntimeError("annlab: this cell was not run because it … (line N)")``; in place.
    Statements copied verbatim from the Setup cell (``from annlab import checks``, ``rng =
    np.random.default_rng(0)``) may be re-run anywhere.
"""

import ast
import dataclasses
import functools
import re

try:  # the kernel's own input transformations (IPython comes with ipykernel)
    from IPython.core.inputtransformer2 import TransformerManager
except ImportError:  # pragma: no cover - annlab's environment always has IPython
    TransformerManager = None

from autograder.notebooks import nbgrader_meta, setup_sources, source_text
from autograder.safety.findings import TAMPER, Finding, display_label

#: modules (and their submodules) a graded notebook has no business importing
_BANNED_MODULES = frozenset({
    "builtins", "__builtin__", "ctypes", "_ctypes", "gc", "inspect", "importlib", "imp",
    "pkgutil", "zipimport", "runpy", "code", "codeop", "types", "marshal", "pickle", "_pickle",
    "copyreg", "dill", "cloudpickle", "atexit", "pdb", "bdb", "unittest", "IPython",
    "ipykernel", "zmq", "jupyter_client", "jupyter_core", "traitlets", "nbgrader", "nbformat",
    "nbclient", "annlab",
})
# Rules (each finding names the construct and the line):
#  1. imports of the modules above, or of their submodules and attributes
#     (``from unittest import mock``); ``from __future__ import barry_as_FLUFL``;
#  2. the names below (loaded or called);
#  3. ``sys.<attr>`` for the attributes below (wherever ``sys`` comes from: ``os.sys``,
#     ``import sys as s``, ``from sys import modules``); assigning ``sys.stdout``/``stderr``/
#     ``stdin``; ``threading.settrace``/``setprofile``;
#  4. dunder attributes outside ``_SAFE_DUNDERS`` (also as ``getattr``'s string), and the
#     frame / code / traceback / generator internals in ``_INTERNAL_ATTRS``;
#  5. assignment, augmented assignment and deletion (also ``for``/``with`` targets) of an
#     attribute or item rooted in an imported name (imports of the cell, ``protected``, local
#     aliases such as ``m = np.testing``, parameters of a cell's function that the cell calls
#     with an imported name), of an item of a protected or imported name, or of an attribute
#     of something that is not a plain name (``[np][0].x``, ``f().x``);
#  6. rebinding a protected name at module level (assignment, ``del``, ``for``/``with``/
#     ``except`` targets, ``:=``, ``def``, ``class``, imports of something else) or from a
#     function through ``global``;
#  7. the magics ``%run``, ``%autocall``, ``%alias_magic``, ``%macro``, ``%config`` (other
#     than ``InlineBackend``/``IPCompleter``); the Python given to ``%time``, ``%timeit``,
#     ``%prun``, ``%debug``, ``%%capture`` is scanned like the cell.
_BANNED_NAMES = {
    "exec": "runs code from a string that this check cannot read",
    "eval": "runs code from a string that this check cannot read",
    "compile": "builds code from a string that this check cannot read",
    "__import__": "imports modules behind the notebook's back",
    "__builtins__": "reaches into the built-in functions the tests use",
    "__build_class__": "reaches into Python's machinery for building classes",
    "__loader__": "reaches into Python's import machinery",
    "__spec__": "reaches into Python's import machinery",
    "get_ipython": "reaches into the IPython kernel that runs the tests",
    "globals": "can rewrite any name the tests use",
    "locals": "can rewrite any name the tests use",
    "vars": "can rewrite the attributes of any object the tests use",
    "setattr": "can rewrite the attributes of any object the tests use",
    "delattr": "can delete the attributes of any object the tests use",
    "breakpoint": "stops the kernel in the debugger",
}
_SYS_ATTRS = frozenset({
    "modules", "meta_path", "path_hooks", "path_importer_cache", "settrace", "setprofile",
    "gettrace", "excepthook", "displayhook", "breakpointhook", "unraisablehook", "_getframe",
    "_current_frames", "addaudithook", "call_tracing", "monitoring",
})
_SYS_STREAMS = frozenset({"stdout", "stderr", "stdin"})
_THREADING_HOOKS = frozenset({"settrace", "setprofile", "settrace_all_threads",
                              "setprofile_all_threads", "excepthook"})
_SAFE_DUNDERS = frozenset({"__init__", "__call__", "__name__", "__len__", "__getitem__",
                           "__iter__", "__next__", "__doc__", "__version__"})
_INTERNAL_ATTRS = frozenset({
    "f_globals", "f_locals", "f_builtins", "f_back", "f_code", "f_trace", "tb_frame",
    "tb_next", "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code",
    "co_code", "co_consts", "func_globals",
})
_CODE_MAGICS = frozenset({"time", "timeit", "prun", "debug", "capture"})
_FLAGGED_MAGICS = {
    "run": "uses the `%run` magic, which runs code this check cannot read",
    "autocall": "turns on `%autocall`, which changes how later cells are read",
    "alias_magic": "uses `%alias_magic`, which renames magics this check knows",
    "macro": "uses the `%macro` magic, which replays code this check cannot read",
    "config": "changes the kernel's configuration with `%config`",
}
_MAGIC_METHODS = frozenset({"run_line_magic", "run_cell_magic", "system", "getoutput"})
_PARSE_FLAGS = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def _is_dunder(name):
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _code(node, limit=50):
    """A node's source, short and safe inside a markdown code span."""
    try:
        text = ast.unparse(node)
    except Exception:  # noqa: BLE001 - only for the message
        text = "…"
    text = " ".join(text.split()).replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@functools.cache
def _transformer():
    return TransformerManager() if TransformerManager is not None else None


def _ipython_python(text):
    """The Python the IPython kernel compiles for ``text`` (magics as ``get_ipython()`` calls);
    without IPython, magic and shell lines become ``pass``."""
    transformer = _transformer()
    if transformer is not None:
        try:
            return transformer.transform_cell(text)
        except Exception:  # noqa: BLE001 - IPython's own failures: read the text as is
            return text
    return "\n".join(re.sub(r"^(\s*)[%!].*$", r"\1pass", line) for line in text.split("\n"))


def _compile(text):
    try:
        return compile(text, "<cell>", "exec", flags=_PARSE_FLAGS, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _magic_call(node):
    """``(method, [str args])`` when ``node`` is ``get_ipython().<magic method>('…', …)``."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in _MAGIC_METHODS and isinstance(node.func.value, ast.Call)
            and isinstance(node.func.value.func, ast.Name)
            and node.func.value.func.id == "get_ipython" and not node.func.value.args
            and not node.keywords
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)):
        return node.func.attr, [a.value for a in node.args]
    return None


def _magic_payloads(method, args):
    """``(python, first line offset)`` pairs a code-running magic executes."""
    if method == "run_line_magic" and len(args) == 2 and args[0] in _CODE_MAGICS:
        return [(_without_options(args[1]), 0)]
    if method == "run_cell_magic" and len(args) == 3 and args[0] in _CODE_MAGICS:
        payloads = [(args[2], 1)]
        if args[0] == "timeit" and args[1].strip():
            payloads.append((_without_options(args[1]), 0))
        return payloads
    return []


def _without_options(line):
    """``-n 10 -r 3 code`` -> ``code``: the first tail of the line that is Python."""
    line = line.strip()
    for k in range(min(len(line.split()), 8) + 1):
        tail = re.split(r"\s+", line, maxsplit=k)[-1] if k else line
        if _compile(tail) is not None:
            return tail
    return line


def _parse(source, depth=0):
    """The cell as ``ast.Module`` trees (line numbers of the cell): the cell itself, then the
    Python run by its code-running magics. ``[]`` when the kernel could not run it either."""
    lines = source.replace("\r\n", "\n").split("\n")
    skip = 0
    while skip < len(lines) and not lines[skip].strip():
        skip += 1
    text = "\n".join(lines[skip:])
    if not text.strip():
        return []
    python = _ipython_python(text)
    tree = _compile(python)
    if tree is None:
        # a one-line cell may be an automagic: ``time np.allclose = f`` is ``%time …``
        match = re.match(r"^\s*([A-Za-z_]\w*)\s+\S", text)
        if match and len(python.strip().split("\n")) == 1 and depth < 4:
            trees = _parse("%" + text.strip(), depth + 1)
            for t in trees:
                ast.increment_lineno(t, skip)
            return trees
        return []
    ast.increment_lineno(tree, skip)
    trees = [tree]
    if depth < 4:
        for node in ast.walk(tree):
            magic = _magic_call(node)
            for payload, offset in (_magic_payloads(*magic) if magic else []):
                for sub in _parse(payload, depth + 1):
                    ast.increment_lineno(sub, node.lineno - 1 + offset)
                    trees.append(sub)
    return trees


def _target_names(target):
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _target_names(element)
    elif isinstance(target, ast.Starred):
        yield from _target_names(target.value)


def _module_bindings(statements):
    """``(name, binding)`` for each name the statements bind at module level."""
    for node in statements:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    yield alias.asname, alias.name
                else:
                    first = alias.name.split(".")[0]
                    yield first, first
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            for alias in node.names:
                if alias.name != "*":
                    yield alias.asname or alias.name, f"{module}.{alias.name}"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name, "value"
            continue
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for name in _target_names(target):
                    yield name, "value"
        elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor)) or (
                isinstance(node, ast.AnnAssign) and node.value is not None):
            yield from ((name, "value") for name in _target_names(node.target))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    yield from ((name, "value") for name in _target_names(item.optional_vars))
        for walked in _walk_scope(node):
            if isinstance(walked, ast.NamedExpr):
                yield walked.target.id, "value"
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                yield from _module_bindings(block)
        for handler in getattr(node, "handlers", []):
            if handler.name:
                yield handler.name, "value"
            yield from _module_bindings(handler.body)
        for case in getattr(node, "cases", []):
            yield from _module_bindings(case.body)


def _walk_scope(node):
    """The expressions of one statement, not entering nested statements, functions, classes."""
    stack = [child for field, child in ast.iter_fields(node)
             if field not in ("body", "orelse", "finalbody", "handlers", "cases")]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, ast.AST) and not isinstance(
                item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.stmt)):
            yield item
            stack.extend(child for _, child in ast.iter_fields(item))


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def _banned_module(module):
    return any(module == banned or module.startswith(banned + ".") for banned in _BANNED_MODULES)


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _in_scope(function):
    """The nodes of a function's own scope (not those of nested functions and classes)."""
    stack = list(function.body) if isinstance(function.body, list) else [function.body]
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (*_SCOPES, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _own_globals(function):
    return {name for node in _in_scope(function) if isinstance(node, ast.Global)
            for name in node.names}


def _own_locals(function):
    """Names a function binds locally (parameters, assignments, …) — imports excepted, so that
    ``import numpy as np`` inside a function still counts as an import."""
    args = function.args
    names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    names.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    for node in _in_scope(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or (
                isinstance(node, ast.ExceptHandler) and node.name):
            names.add(node.name)
    return names - _own_globals(function)


def _walk_scoped(node, functions=()):
    """``(node, enclosing functions)`` for every node under ``node``."""
    yield node, functions
    inner = functions + (node,) if isinstance(node, _SCOPES) else functions
    for child in ast.iter_child_nodes(node):
        yield from _walk_scoped(child, inner)


class _Scanner(ast.NodeVisitor):
    """One cell's trees, visited once; ``run()`` returns the findings."""

    def __init__(self, protected, trees, exempt):
        if isinstance(protected, dict):
            self.protected = dict(protected)
        else:
            self.protected = dict.fromkeys(protected)
        self.trees, self.exempt, self.found = trees, exempt, []
        self.locals = {}      # function node -> its local names
        self.imports = {}     # name -> dotted path, for names an import of this cell binds
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, _SCOPES):
                    self.locals[node] = _own_locals(node)
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    self.imports.update(_module_bindings([node]))
        self.aliases = {}     # name -> True: ``m = np.testing`` (direct), False: ``l = [np]``
        self._find_aliases()
        self.tainted = {}     # function node -> parameters the cell passes an imported object
        self._find_tainted()
        self.scopes = [("module", set(), ())]  # (kind, names declared global, functions)

    # -- which names refer to imported (or Setup) objects ------------------------------------
    def _local(self, name, functions):
        return any(name in self.locals.get(function, ()) for function in functions)

    def _binding(self, name, functions=()):
        """The dotted path an imported name refers to, or None."""
        if self._local(name, functions):
            return None
        if name in self.imports:
            return self.imports[name]
        binding = self.protected.get(name)
        return binding if binding not in (None, "value") else None

    def _refers(self, node, functions, direct_only=False):
        """Whether ``node`` evaluates to an imported or Setup object (or, unless
        ``direct_only``, to a container holding one) without calling anything but getattr."""
        if isinstance(node, ast.Name):
            if node.id in self.aliases and (self.aliases[node.id] or not direct_only):
                return True
            return not self._local(node.id, functions) and (
                node.id in self.imports or node.id in self.protected)
        if isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred, ast.NamedExpr)):
            return self._refers(node.value, functions, direct_only)
        if isinstance(node, ast.Call):
            return (isinstance(node.func, ast.Name) and node.func.id == "getattr"
                    and bool(node.args) and self._refers(node.args[0], functions, direct_only))
        if direct_only:
            return False
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return any(self._refers(e, functions) for e in node.elts)
        if isinstance(node, ast.Dict):
            return any(self._refers(v, functions) for v in node.values if v is not None)
        if isinstance(node, ast.IfExp):
            return self._refers(node.body, functions) or self._refers(node.orelse, functions)
        if isinstance(node, ast.BoolOp):
            return any(self._refers(v, functions) for v in node.values)
        return False

    def _find_aliases(self):
        pairs = []  # (target, value, functions where the value is evaluated)
        for tree in self.trees:
            for node, functions in _walk_scoped(tree):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if (isinstance(target, (ast.Tuple, ast.List))
                                and isinstance(node.value, (ast.Tuple, ast.List))
                                and len(target.elts) == len(node.value.elts)):
                            pairs.extend((t, v, functions)
                                         for t, v in zip(target.elts, node.value.elts))
                        else:
                            pairs.append((target, node.value, functions))
                elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
                    pairs.append((node.target, node.value, functions))
                elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
                    pairs.append((node.target, ast.List(elts=[node.iter]), functions))
                elif isinstance(node, (ast.With, ast.AsyncWith)):
                    pairs.extend((item.optional_vars, item.context_expr, functions)
                                 for item in node.items if item.optional_vars is not None)
                if isinstance(node, _SCOPES):  # parameter defaults: def f(m=np)
                    args = node.args
                    positional = args.posonlyargs + args.args
                    pairs.extend((ast.Name(id=a.arg), d, functions)
                                 for a, d in zip(positional[len(positional) - len(args.defaults):],
                                                 args.defaults))
                    pairs.extend((ast.Name(id=a.arg), d, functions)
                                 for a, d in zip(args.kwonlyargs, args.kw_defaults)
                                 if d is not None)
        changed = True
        while changed:
            changed = False
            for target, value, functions in pairs:
                direct = isinstance(target, ast.Name) and self._refers(value, functions, True)
                if direct or self._refers(value, functions):
                    for name in _target_names(target):
                        kind = direct or self.aliases.get(name, False)
                        if self.aliases.get(name) != kind:
                            self.aliases[name] = kind
                            changed = True

    def _find_tainted(self):
        functions_by_name = {}
        for tree in self.trees:
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    functions_by_name.setdefault(node.name, []).append(node)
        for tree in self.trees:
            for node, functions in _walk_scoped(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in functions_by_name):
                    continue
                for function in functions_by_name[node.func.id]:
                    params = [a.arg for a in function.args.posonlyargs + function.args.args]
                    names = self.tainted.setdefault(function, set())
                    for position, arg in enumerate(node.args):
                        if isinstance(arg, ast.Starred):
                            break
                        if position < len(params) and self._refers(arg, functions):
                            names.add(params[position])
                    for keyword in node.keywords:
                        if keyword.arg and self._refers(keyword.value, functions):
                            names.add(keyword.arg)

    # -- findings ---------------------------------------------------------------------------
    def flag(self, node, message):
        self.found.append(Finding(TAMPER, None, getattr(node, "lineno", None), message))

    def run(self):
        for tree in self.trees:
            for statement in tree.body:
                if ast.dump(statement) not in self.exempt:
                    self.visit(statement)
        unique = {}
        for finding in self.found:
            unique.setdefault((finding.line or 0, finding.message), finding)
        return [unique[key] for key in sorted(unique, key=lambda key: key[0])]

    @property
    def functions(self):
        return self.scopes[-1][2]

    # -- bindings and stores ----------------------------------------------------------------
    def _bind(self, name, node, binding=None, verb="rebinds"):
        kind, declared, _ = self.scopes[-1]
        if name not in self.protected or not (kind == "module" or name in declared):
            return
        if binding is not None and self.protected[name] == binding:
            return  # the same import again
        if kind != "module":
            self.flag(node, f"rebinds the Setup name `{name}` from inside a function "
                            f"(`global {name}`), and the tests rely on it")
            return
        what = self.protected[name]
        bound = "defines" if what in (None, "value") else f"binds to `{what}`"
        self.flag(node, f"{verb} `{name}`, which the Setup cell {bound} and the tests rely on "
                        "(use another name)")

    def _target(self, target, node, verb="modifies"):
        if isinstance(target, ast.Name):
            self._bind(target.id, node, verb="deletes" if verb == "deletes" else "rebinds")
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._target(element, node, verb)
        elif isinstance(target, ast.Starred):
            self._target(target.value, node, verb)
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            self._store(target, node, verb)

    def _store(self, target, node, verb):
        root, has_attribute = target, False
        while isinstance(root, (ast.Attribute, ast.Subscript)):
            has_attribute = has_attribute or isinstance(root, ast.Attribute)
            root = root.value
        text = _code(target)
        dotted = _dotted(target)
        if dotted and len(dotted) >= 2 and dotted[-1] in _SYS_STREAMS and (
                dotted[-2] == "sys" or self._binding(dotted[0], self.functions) == "sys"):
            self.flag(node, f"replaces `{text}`, which carries the grader's output")
            return
        if not isinstance(root, ast.Name):
            if has_attribute:
                self.flag(node, f"{verb} `{text}`, an attribute of a computed object "
                                "(only attributes of plain variables may be assigned)")
            return
        name = root.id
        if self._local(name, self.functions):
            pass
        elif name in self.imports or self._binding(name):
            self.flag(node, f"{verb} `{text}` of the imported `{name}`, which changes it for "
                            "the tests too")
            return
        elif name in self.protected:
            self.flag(node, f"{verb} `{text}`, which the Setup cell defines and the tests rely on")
            return
        if name in self.aliases and (has_attribute or self.aliases[name]):
            self.flag(node, f"{verb} `{text}`, where `{name}` refers to an imported module or "
                            "object that the tests rely on")
        elif has_attribute and self.functions and name in self.tainted.get(self.functions[-1], ()):
            self.flag(node, f"{verb} `{text}`, where `{name}` is an imported module or object "
                            "that this cell passes in")

    # -- visitors ---------------------------------------------------------------------------
    def _function(self, node):
        for decorator in getattr(node, "decorator_list", []):
            self.visit(decorator)
        if isinstance(node, ast.Lambda):
            self.visit(node.args)
        else:
            self._bind(node.name, node, verb="redefines")
        if isinstance(node, ast.ClassDef):
            for base in node.bases + node.keywords:
                self.visit(base)
            self.scopes.append(("class", _own_globals(node), self.functions))
        else:
            if not isinstance(node, ast.Lambda):
                self.visit(node.args)
                if node.returns is not None:
                    self.visit(node.returns)
            self.scopes.append(("function", _own_globals(node), self.functions + (node,)))
        for statement in node.body if isinstance(node.body, list) else [node.body]:
            self.visit(statement)
        self.scopes.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = _function

    def _same_import(self, node, alias):
        """Whether ``alias`` re-imports what the Setup cell bound under the same name."""
        single = type(node)(**{**{f: getattr(node, f) for f in node._fields}, "names": [alias]})
        return all(self.protected.get(name) == binding
                   for name, binding in _module_bindings([single]))

    def visit_Import(self, node):
        for alias in node.names:
            if _banned_module(alias.name) and not self._same_import(node, alias):
                self.flag(node, f"imports `{alias.name}`, which can reach into the grading "
                                "machinery")
            self._check_sys(alias.name.split("."), node)
        for name, binding in _module_bindings([node]):
            self._bind(name, node, binding)

    def visit_ImportFrom(self, node):
        module = "." * node.level + (node.module or "")
        for alias in node.names:
            full = f"{module}.{alias.name}"
            if module == "__future__" and alias.name == "barry_as_FLUFL":
                self.flag(node, "turns on `barry_as_FLUFL`, which changes how later cells are read")
            elif _banned_module(full) and not self._same_import(node, alias):
                shown = module if _banned_module(module) else full
                self.flag(node, f"imports `{shown}`, which can reach into the grading machinery")
            self._check_sys(full.split("."), node)
        for name, binding in _module_bindings([node]):
            self._bind(name, node, binding)

    def visit_Assign(self, node):
        for target in node.targets:
            self._target(target, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        self._target(node.target, node)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self._target(node.target, node)
        self.generic_visit(node)

    def visit_Delete(self, node):
        for target in node.targets:
            self._target(target, node, "deletes")
        self.generic_visit(node)

    def visit_For(self, node):
        self._target(node.target, node)
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_With(self, node):
        for item in node.items:
            if item.optional_vars is not None:
                self._target(item.optional_vars, node)
        self.generic_visit(node)

    visit_AsyncWith = visit_With

    def visit_comprehension(self, node):
        # the names a comprehension binds are its own; attributes and items are not
        target = node.target
        targets = target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]
        for target in targets:
            if isinstance(target, (ast.Attribute, ast.Subscript)):
                self._store(target, target, "modifies")
        self.generic_visit(node)

    def visit_NamedExpr(self, node):
        self._bind(node.target.id, node)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node):
        if node.name:
            self._bind(node.name, node)
        self.generic_visit(node)

    def visit_MatchAs(self, node):
        if node.name:
            self._bind(node.name, node)
        self.generic_visit(node)

    def visit_MatchStar(self, node):
        if node.name:
            self._bind(node.name, node)

    def visit_MatchMapping(self, node):
        if node.rest:
            self._bind(node.rest, node)
        self.generic_visit(node)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load) and node.id in _BANNED_NAMES:
            self.flag(node, f"uses `{node.id}`, which {_BANNED_NAMES[node.id]}")

    def _check_sys(self, parts, node):
        for i, part in enumerate(parts[:-1]):
            if part == "sys" and parts[i + 1] in _SYS_ATTRS:
                self.flag(node, f"uses `sys.{parts[i + 1]}`, which can change how the grader's "
                                "code runs")
                return
        if len(parts) >= 2 and parts[-2] == "threading" and parts[-1] in _THREADING_HOOKS:
            self.flag(node, f"uses `threading.{parts[-1]}`, which can change how the grader's "
                            "code runs")

    def visit_Attribute(self, node):
        if _is_dunder(node.attr) and node.attr not in _SAFE_DUNDERS:
            self.flag(node, f"uses `.{node.attr}`, a Python internal that can rewrite other code")
        elif node.attr in _INTERNAL_ATTRS:
            self.flag(node, f"uses `.{node.attr}`, an interpreter internal that reaches the "
                            "tests' own variables")
        dotted = _dotted(node)
        if dotted:
            binding = self._binding(dotted[0], self.functions)
            self._check_sys((binding.split(".") if binding else [dotted[0]]) + dotted[1:], node)
        self.generic_visit(node)

    def visit_Call(self, node):
        magic = _magic_call(node)
        if magic is not None:
            method, args = magic
            if method == "run_line_magic" and args:
                name, line = args[0], (args[1] if len(args) > 1 else "").strip()
                if name == "config":
                    if line and not line.startswith(("InlineBackend", "IPCompleter")):
                        self.flag(node, _FLAGGED_MAGICS["config"])
                elif name in _FLAGGED_MAGICS:
                    self.flag(node, _FLAGGED_MAGICS[name])
            return  # a magic: the Python it runs, if any, is a tree of its own
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in ("getattr", "hasattr", "attrgetter", "methodcaller"):
            for arg in node.args[1:] if name in ("getattr", "hasattr") else node.args:
                strings = [n.value for n in ast.walk(arg)
                           if isinstance(n, ast.Constant) and isinstance(n.value, str)]
                if any("__" in s and s not in _SAFE_DUNDERS for s in strings):
                    self.flag(node, f"uses `{name}` with a dunder name, a Python internal that "
                                    "can rewrite other code")
                    break
        self.generic_visit(node)


def _scan(source, protected=(), exempt=frozenset()):
    trees = _parse(source_text(source))
    return _Scanner(protected, trees, exempt).run() if trees else []


def scan(source, protected=()):
    """Findings (kind "tamper", cell None) for one code cell's source; see the module doc."""
    return _scan(source, protected)


# --------------------------------------------------------------------------------------------
# protected names, neutralize, notes
# --------------------------------------------------------------------------------------------

def protected_names(release):
    """``{name: dotted module path | "value"}`` bound by the release's Setup cell(s)."""
    names = {}
    for source in setup_sources(release):
        for tree in _parse(source_text(source))[:1]:
            names.update(_module_bindings(tree.body))
    return names


def _setup_statements(release):
    return frozenset(ast.dump(statement) for source in setup_sources(release)
                     for tree in _parse(source_text(source))[:1] for statement in tree.body)


def _cell_name(cell, index):
    meta = nbgrader_meta(cell)
    return display_label(meta.get("grade_id")) or display_label(cell.get("id")) or f"cell {index + 1}"


def neutralize(notebook, release):
    """Disarm the tampering code cells of ``notebook`` (in place); their findings."""
    protected = protected_names(release)
    exempt = _setup_statements(release)
    ours = {source_text(cell.get("source")) for cell in release.cells if cell.get("cell_type") == "code"}
    findings = []
    for index, cell in enumerate(notebook.cells):
        source = source_text(cell.get("source"))
        if cell.get("cell_type") != "code" or source in ours:
            continue
        found = _scan(source, protected, exempt)
        if not found:
            continue
        name = _cell_name(cell, index)
        found = [dataclasses.replace(finding, cell=name) for finding in found]
        first = found[0]
        where = f" (line {first.line})" if first.line else ""
        message = f"annlab: this cell was not run because it {first.message}{where}"
        cell["source"] = f"raise RuntimeError({message!r})"
        cell["outputs"], cell["execution_count"] = [], None
        findings.extend(found)
    return findings

