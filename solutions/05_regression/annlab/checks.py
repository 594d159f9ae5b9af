"""Checks used by the test cells: type → shape → value, with messages that help.

Every check raises ``CheckFailure`` (an ``AssertionError``) whose message says what was
expected, what came back and, when given, a hint. Nothing here knows any solution: test
cells compute their reference values themselves (float64 NumPy, centred differences, or
Keras) and hand them in.

Interface
---------
``call(fn, *args, **kwargs) -> result``
    Run a graded function the way the tests want it run: fails when the function prints
    or modifies one of its array/list/dict arguments in place.
``check_array(got, expected, name, rtol=None, atol=None, hint="")``
    ``got`` must be a NumPy array of floating dtype, of exactly ``expected``'s shape (so an
    ``(n, 1)`` answer never passes for ``(n,)``), finite where ``expected`` is, and close.
``check_scalar(got, expected, name, rtol=None, atol=None, hint="")``
    ``got`` must be a real number (Python or NumPy float/int, or a 0-d array), close.
``check_int_array(got, expected, name, hint="")``
    ``got`` must be a NumPy array of integer dtype equal to ``expected``.
``check_equal(got, expected, name, hint="")``
    Exact equality for ints, ``None``, strings, tuples of those (bools are not ints here).
``check_raises(exc_type, fn, *args, match=(), name="", hint="", **kwargs)``
    ``fn(*args, **kwargs)`` must raise ``exc_type`` whose message contains every ``match``.
``check_true(condition, message, hint="")``
    A plain assertion with the course's message format.
``stable(name, hint="")``
    Context manager: overflow, invalid operations, division by zero and RuntimeWarnings
    inside it fail with a clear message (for "no overflow / no NaN" requirements).
``passed(name)``
    Prints the one-line success message at the end of a visible test cell.

Tolerances: when ``rtol``/``atol`` are None they follow the dtype of what came back
(float64: rtol 1e-6, atol 1e-9; float32 or lower: rtol 1e-4, atol 1e-6), so float32 answers
are accepted and compared fairly. Pass explicit tolerances for Keras results, which may run
in TF32 on a GPU.
"""

import contextlib
import copy
import io
import numbers
import warnings

import numpy as np

# Bound once at import: the checks keep working even if notebook code later rebinds
# these names on the numpy module.
_asarray = np.asarray
_isfinite = np.isfinite
_abs = np.abs
_ndarray = np.ndarray
_array_equal = np.array_equal
_argmax = np.argmax
_unravel = np.unravel_index
_printoptions = np.printoptions
_array2string = np.array2string


class CheckFailure(AssertionError):
    """A test expectation was not met; the message explains what and why."""


def _fail(message, hint=""):
    if hint:
        message = f"{message}\n  Hint: {hint}"
    raise CheckFailure(message)


def _show(value, limit=8):
    """Short, readable rendering of a value for messages."""
    if isinstance(value, _ndarray):
        flat = value.reshape(-1)
        with _printoptions(precision=6, suppress=False, threshold=limit, edgeitems=3):
            text = _array2string(flat if value.ndim > 2 else value, separator=", ")
        return f"{text} (shape {value.shape}, dtype {value.dtype})"
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _default_tolerances(dtype):
    if np.dtype(dtype).itemsize >= 8:
        return 1e-6, 1e-9
    return 1e-4, 1e-6


def _snapshot(value):
    """Copy of the parts of an argument that a pure function must leave alone."""
    if isinstance(value, _ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        return type(value)(_snapshot(v) for v in value) if isinstance(value, list) else tuple(
            _snapshot(v) for v in value)
    if isinstance(value, dict):
        return {k: _snapshot(v) for k, v in value.items()}
    if isinstance(value, (numbers.Number, str, bytes, type(None))):
        return value
    return _UNTRACKED


_UNTRACKED = object()


def _unchanged(before, after):
    if before is _UNTRACKED:
        return True
    if isinstance(before, _ndarray):
        return (isinstance(after, _ndarray) and before.shape == after.shape
                and before.dtype == after.dtype and _array_equal(before, after, equal_nan=True))
    if isinstance(before, (list, tuple)):
        return (isinstance(after, (list, tuple)) and len(before) == len(after)
                and all(_unchanged(b, a) for b, a in zip(before, after)))
    if isinstance(before, dict):
        return (isinstance(after, dict) and before.keys() == after.keys()
                and all(_unchanged(before[k], after[k]) for k in before))
    if isinstance(before, float) and before != before:
        return isinstance(after, float) and after != after
    return before == after


def call(fn, *args, **kwargs):
    """Call ``fn`` and fail if it prints or modifies an argument in place."""
    name = getattr(fn, "__name__", "the function")
    before = [_snapshot(a) for a in args]
    before_kw = {k: _snapshot(v) for k, v in kwargs.items()}
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        result = fn(*args, **kwargs)
    printed = buffer.getvalue()
    if printed:
        _fail(f"{name} printed output, but a graded function must not print "
              f"(it printed {printed[:80]!r}).", "return the value instead of printing it.")
    for i, (b, a) in enumerate(zip(before, args)):
        if not _unchanged(b, a):
            _fail(f"{name} modified its argument number {i + 1} in place.",
                  "work on a copy (e.g. `x = np.array(x, dtype=float)`) or build a new array; "
                  "operators like `-=` or `[...] =` change the caller's array.")
    for k, b in before_kw.items():
        if not _unchanged(b, kwargs[k]):
            _fail(f"{name} modified its argument `{k}` in place.",
                  "work on a copy or build a new array instead of assigning into the input.")
    return result


def check_array(got, expected, name, rtol=None, atol=None, hint=""):
    """Type → dtype → shape → finiteness → values, against a float64 reference."""
    expected = _asarray(expected, dtype=np.float64)
    if not isinstance(got, _ndarray):
        _fail(f"{name}: expected a NumPy array, got {type(got).__name__}: {_show(got)}.",
              hint or "build the result with NumPy operations or wrap it in np.asarray(...).")
    if got.dtype.kind != "f":
        _fail(f"{name}: expected an array of floats, got dtype {got.dtype}.",
              hint or "integer arrays truncate; make sure the computation happens in floating point.")
    if got.shape != expected.shape:
        _fail(f"{name}: expected shape {expected.shape}, got shape {got.shape}.",
              hint or "check which axis you reduce over and whether you keep extra dimensions "
                      "(an (n, 1) column is not the same as an (n,) vector).")
    finite_expected = _isfinite(expected)
    bad = finite_expected & ~_isfinite(got)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        _fail(f"{name}: contains NaN or inf at index {index} where {expected[index]!r} was expected.",
              hint or "look for overflow (e.g. exp of a large number) or 0/0 and use a "
                      "numerically stable formulation.")
    default_rtol, default_atol = _default_tolerances(got.dtype)
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    got64 = got.astype(np.float64)
    error = _abs(got64 - expected)
    allowed = atol + rtol * _abs(expected)
    wrong = (error > allowed) & finite_expected
    wrong |= ~finite_expected & ~((got64 == expected) | (np.isnan(got64) & np.isnan(expected)))
    if wrong.any():
        flat = _argmax(np.where(wrong, error, -1.0))
        index = tuple(int(i) for i in _unravel(flat, expected.shape)) if expected.ndim else ()
        where = f" at index {index}" if index else ""
        _fail(f"{name}: wrong values ({int(wrong.sum())} of {expected.size} off).\n"
              f"  expected: {_show(expected)}\n"
              f"  got:      {_show(got)}\n"
              f"  largest error{where}: expected {float(expected[index]):.8g}, "
              f"got {float(got64[index]):.8g} (rtol={rtol:g}, atol={atol:g}).", hint)


def check_scalar(got, expected, name, rtol=None, atol=None, hint=""):
    """A real number close to ``expected``."""
    if isinstance(got, _ndarray):
        if got.shape != ():
            _fail(f"{name}: expected a single number, got an array of shape {got.shape}.",
                  hint or "reduce to one number (e.g. with .mean() or .sum()) or use float(...).")
        got = got[()]
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (numbers.Real, np.floating, np.integer)):
        _fail(f"{name}: expected a number, got {type(got).__name__}: {_show(got)}.",
              hint or "return a float, e.g. float(value).")
    expected = float(expected)
    value = float(got)
    dtype = got.dtype if isinstance(got, np.generic) else np.float64
    default_rtol, default_atol = _default_tolerances(dtype)
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    if np.isfinite(expected) and not np.isfinite(value):
        _fail(f"{name}: got {value} where {expected:.8g} was expected.",
              hint or "look for overflow or log(0) and use a numerically stable formulation.")
    if not (abs(value - expected) <= atol + rtol * abs(expected)
            or (not np.isfinite(expected) and value == expected)):
        _fail(f"{name}: expected {expected:.8g}, got {value:.8g} "
              f"(difference {abs(value - expected):.3g}, rtol={rtol:g}, atol={atol:g}).", hint)


def check_int_array(got, expected, name, hint=""):
    """An integer array equal to ``expected``."""
    expected = _asarray(expected)
    if not isinstance(got, _ndarray):
        _fail(f"{name}: expected a NumPy array, got {type(got).__name__}: {_show(got)}.",
              hint or "wrap the result in np.asarray(...).")
    if got.dtype.kind not in "iu":
        _fail(f"{name}: expected an integer array, got dtype {got.dtype}.",
              hint or "convert with .astype(int).")
    if got.shape != expected.shape:
        _fail(f"{name}: expected shape {expected.shape}, got shape {got.shape}.", hint)
    if not _array_equal(got, expected):
        wrong = int((got != expected).sum())
        _fail(f"{name}: {wrong} of {expected.size} entries differ.\n"
              f"  expected: {_show(expected)}\n  got:      {_show(got)}", hint)


def _same_kind(got, expected):
    if expected is None:
        return got is None
    if isinstance(expected, bool):
        return isinstance(got, (bool, np.bool_))
    if isinstance(expected, numbers.Integral):
        return isinstance(got, (numbers.Integral, np.integer)) and not isinstance(got, (bool, np.bool_))
    return True


def check_equal(got, expected, name, hint=""):
    """Exact equality, with the type checked first (``True`` is not ``1`` here)."""
    if isinstance(expected, tuple):
        if not isinstance(got, tuple) or len(got) != len(expected):
            _fail(f"{name}: expected a tuple of length {len(expected)}, got {_show(got)}.", hint)
        for i, (g, e) in enumerate(zip(got, expected)):
            check_equal(g, e, f"{name}[{i}]", hint)
        return
    if not _same_kind(got, expected):
        _fail(f"{name}: expected {expected!r} ({type(expected).__name__}), "
              f"got {_show(got)} ({type(got).__name__}).", hint)
    if not got == expected:
        _fail(f"{name}: expected {expected!r}, got {_show(got)}.", hint)


def check_raises(exc_type, fn, *args, match=(), name="", hint="", **kwargs):
    """``fn(*args, **kwargs)`` must raise ``exc_type`` mentioning every string in ``match``."""
    name = name or getattr(fn, "__name__", "the function")
    try:
        fn(*args, **kwargs)
    except exc_type as error:
        text = str(error)
        missing = [m for m in ([match] if isinstance(match, str) else match) if m not in text]
        if missing:
            _fail(f"{name}: the {exc_type.__name__} message {text!r} should mention {missing}.", hint)
        return
    except Exception as error:  # noqa: BLE001 - we report what was raised instead
        _fail(f"{name}: expected {exc_type.__name__}, but it raised "
              f"{type(error).__name__}: {error}.", hint)
    _fail(f"{name}: expected {exc_type.__name__} to be raised, but nothing was raised.", hint)


def check_true(condition, message, hint=""):
    """Fail with ``message`` unless ``condition`` is true."""
    if not bool(condition):
        _fail(message, hint)


@contextlib.contextmanager
def stable(name, hint=""):
    """Numerical problems inside the block (overflow, NaN, warnings) fail with a message."""
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise"), \
                warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            yield
    except (FloatingPointError, RuntimeWarning) as error:
        _fail(f"{name}: numerical problem ({error}).",
              hint or "large inputs must not overflow: rewrite the formula so that exp() only "
                      "ever sees non-positive numbers, or clip.")


def passed(name):
    """The success line printed at the end of a visible test cell."""
    print(f"✔ {name}: all visible tests passed.")


def copy_of(value):
    """A deep copy, for tests that need to compare an argument before and after a call."""
    return copy.deepcopy(value)
