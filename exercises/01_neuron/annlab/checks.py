# GENERATED copy of source/annlab/checks.py (written by `python -m autograder build` and by grading): edit that file, not this one
"""Checks used by the test cells: type → dtype → shape → finiteness → value, clear messages.

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
    ``(n, 1)`` answer never passes for ``(n,)``, nor ``(1,)`` for ``()``), finite where
    ``expected`` is, and close.
``check_scalar(got, expected, name, rtol=None, atol=None, hint="")``
    ``got`` must be a real number — a Python ``int``/``float``, a NumPy integer/floating
    scalar, or a 0-d array of such a dtype — close to ``expected``. NaN or inf where a
    finite number is expected fails saying so; an infinite ``expected`` needs exactly that
    infinity, and a NaN ``expected`` is matched by nothing (not even NaN).
``check_int_array(got, expected, name, hint="")``
    ``got`` must be a NumPy array of integer dtype equal to ``expected``.
``check_equal(got, expected, name, hint="")``
    Exact equality for ints, floats, ``None``, strings, and tuples/lists of those (bools are
    not ints here).
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
are accepted and compared fairly. float16 passes the dtype check but is held to the float32
tolerances, which its ~3 significant digits usually miss (only values that float16 holds
exactly pass). Pass explicit tolerances for Keras results, which may run in TF32 on a GPU.

Answers that lie
----------------
A verdict never depends on code of the answer: no method of ``got`` (``__eq__``,
``__array__``, ``__float__``, ``__bool__``, ``astype``, ``shape``, ``dtype``, …) is called
before it has been judged. Concretely:

* types are tested with ``type(x) is T`` (``isinstance`` can be fooled by a ``__class__``
  property, ABCs by ``register``), and sets of types by identity (``type(x) in {...}`` asks
  the metaclass's ``__eq__``/``__hash__``); accepted scalar types are exact: Python
  ``int``/``float`` (not ``bool``, not subclasses) and the NumPy integer/floating scalar
  types themselves; ``check_equal`` wants the exact type too (no ``int``/``str``/``tuple``
  subclasses);
* NumPy arrays: a plain ``numpy.ndarray`` is used as it is. An ndarray *subclass* is
  accepted, but judged on a plain base-class copy of its buffer, made with the base class's
  own ``ndarray.view``/``ndarray.copy`` (none of the subclass's overrides run), so it
  passes exactly when a plain array with the same memory would. Anything else, even with
  ``__array__``, ``shape`` and ``dtype``, is "not a NumPy array";
* values are compared with the trusted type's operations (``int.__eq__``, NumPy ufuncs and
  methods of plain arrays, float arithmetic), never with ``got == expected``;
* every NumPy function and Python builtin used at check time is bound to a module-level
  name at import, so notebook code that later rebinds ``np.allclose``, ``np.float64``,
  ``builtins.isinstance``, ``builtins.float``, … does not change a verdict (NumPy's Python-
  level helpers such as ``np.array_equal``, which look builtins up when called, are not used
  on the verdict path);
* ``call`` remembers the exact type of every element of its array/list/tuple/dict
  arguments (read through the base classes' own slots) and compares with that type's
  ``__eq__``, so an element replaced by a look-alike with a lying ``__eq__`` (or a dict key
  replaced by one) counts as a modification;
* the value arithmetic runs under ``np.errstate(all="ignore")``, so a check inside
  ``stable(...)`` or after ``np.seterr(all="raise")`` judges instead of raising.
An answer's ``__repr__`` only runs for the failure message, after the verdict, and a broken
one is replaced by ``<TypeName object>``. Not defended: notebook code that rebinds this
module's own names (``checks._float``, …) or ``checks`` itself, and ``check_true``, whose
condition the test cell computes (bools and builtins are judged by their own types, other
objects by their ``__bool__``).
"""

import builtins as _builtins
import contextlib
import copy
import io
import math
import numbers
import warnings

import numpy as np

# Bound once at import: the checks keep working even if notebook code later rebinds
# these names on the numpy module or in builtins.
_asarray = np.asarray
_isfinite = np.isfinite
_isnan = np.isnan
_abs = np.abs
_where = np.where
_ndarray = np.ndarray
_nd_view = np.ndarray.view
_nd_copy = np.ndarray.copy
_unravel = np.unravel_index
_printoptions = np.printoptions
_array2string = np.array2string
_errstate = np.errstate
_dtype = np.dtype
_float64 = np.float64
_generic = np.generic
_inexact = np.inexact
_bool_ = np.bool_

_math_isfinite = math.isfinite
_math_isnan = math.isnan
_Number = numbers.Number
_StringIO = io.StringIO
_redirect_stdout = contextlib.redirect_stdout
_contextmanager = contextlib.contextmanager
_catch_warnings = warnings.catch_warnings
_simplefilter = warnings.simplefilter
_deepcopy = copy.deepcopy

_isinstance = _builtins.isinstance
_issubclass = _builtins.issubclass
_type = _builtins.type
_float = _builtins.float
_int = _builtins.int
_bool = _builtins.bool
_str = _builtins.str
_bytes = _builtins.bytes
_complex = _builtins.complex
_tuple = _builtins.tuple
_list = _builtins.list
_dict = _builtins.dict
_abs_builtin = _builtins.abs
_len = _builtins.len
_getattr = _builtins.getattr
_id = _builtins.id
_frozenset = _builtins.frozenset
_repr = _builtins.repr
_range = _builtins.range
_zip = _builtins.zip
_enumerate = _builtins.enumerate
_all = _builtins.all
_print = _builtins.print
_object = _builtins.object
_Exception = _builtins.Exception
_OverflowError = _builtins.OverflowError
_FloatingPointError = _builtins.FloatingPointError
_RuntimeWarning = _builtins.RuntimeWarning
_TYPE_NAME = _type.__dict__["__name__"]  # a metaclass cannot make this lie

_list_len, _list_item = _list.__len__, _list.__getitem__
_tuple_len, _tuple_item = _tuple.__len__, _tuple.__getitem__
_dict_len, _dict_items = _dict.__len__, _dict.items
_int_eq, _float_eq, _str_eq, _bytes_eq = _int.__eq__, _float.__eq__, _str.__eq__, _bytes.__eq__



class _Types:
    """A fixed set of types, tested by identity: ``kind in group`` on a plain set would
    consult ``kind``'s metaclass (``__eq__``/``__hash__``), which an answer can define."""

    def __init__(self, types):
        self._types = _tuple(types)
        self._ids = _frozenset(_id(t) for t in self._types)

    def __contains__(self, kind):
        return _id(kind) in self._ids  # ints only: nothing of ``kind`` runs

    def __or__(self, other):
        return _Types(self._types + other._types)


#: the exact NumPy scalar types that count as real numbers (not bool, not datetime/timedelta)
_NP_INTEGER_TYPES = _Types(t for t in np.sctypeDict.values()
                           if _issubclass(t, np.integer) and np.dtype(t).kind in "iu")
_NP_FLOAT_TYPES = _Types(t for t in np.sctypeDict.values()
                         if _issubclass(t, np.floating) and np.dtype(t).kind == "f")
_NP_REAL_TYPES = _NP_INTEGER_TYPES | _NP_FLOAT_TYPES
_NP_SCALAR_TYPES = _Types(np.sctypeDict.values())
_BOOL_TYPES = _Types((_builtins.bool, _bool_))
_TEXT_TYPES = _Types((_str, _bytes))
_PY_NUMBER_TYPES = _Types((_int, _float))


class CheckFailure(AssertionError):
    """A test expectation was not met; the message explains what and why."""


def _fail(message, hint=""):
    if hint:
        message = f"{message}\n  Hint: {hint}"
    raise CheckFailure(message)


def _type_name(value):
    """Name of ``value``'s real type (``type()`` cannot be faked, ``__class__`` can)."""
    return _TYPE_NAME.__get__(_type(value))


def _plain_array(value):
    """``value`` as a plain ``numpy.ndarray``, or None when it is not an ndarray at all.

    A plain ndarray comes back as it is; an ndarray subclass as a base-class copy of its
    buffer, made by ``ndarray.view``/``ndarray.copy`` of the base class, so none of the
    subclass's overrides (``__array__``, ``__array_finalize__``, ``copy``, ``shape``, …) runs."""
    kind = _type(value)
    if kind is _ndarray:
        return value
    if _issubclass(kind, _ndarray):
        try:
            return _nd_copy(_nd_view(value, _ndarray))
        except _Exception:  # noqa: BLE001 - an odd subclass is simply not accepted
            return None
    return None


def _dtype_text(dtype):
    """``str(dtype)`` (NumPy builds it in Python), or the C-level code if that fails."""
    try:
        text = _str(dtype)
    except _Exception:  # noqa: BLE001 - e.g. builtins rebound by the notebook
        text = dtype.str
    return text


def _show(value, limit=8):
    """Short, readable rendering of a value for messages (never fails)."""
    array = _plain_array(value)
    if array is not None:
        try:
            flat = array.reshape(-1)
            with _printoptions(precision=6, suppress=False, threshold=limit, edgeitems=3):
                text = _array2string(flat if array.ndim > 2 else array, separator=", ")
            return f"{text} (shape {array.shape}, dtype {_dtype_text(array.dtype)})"
        except _Exception:  # noqa: BLE001 - e.g. an object array of unprintable things
            return f"<{_type_name(value)} of shape {array.shape}, dtype {_dtype_text(array.dtype)}>"
    try:
        text = _repr(value)
    except _Exception:  # noqa: BLE001 - a lying or broken __repr__ only costs the message
        return f"<{_type_name(value)} object>"
    if _type(text) is not _str:  # repr() may hand back a str subclass
        return f"<{_type_name(value)} object>"
    return text if _len(text) <= 200 else text[:197] + "..."


def _default_tolerances(dtype):
    if _dtype(dtype).itemsize >= 8:
        return 1e-6, 1e-9
    return 1e-4, 1e-6


def _first_index(mask):
    """Index tuple of the first True entry of a boolean plain array (``()`` for 0-d)."""
    if mask.ndim == 0:
        return ()
    flat = _int(mask.reshape(-1).argmax())
    return _tuple(_int(i) for i in _unravel(flat, mask.shape))


def _non_finite_word(value):
    value = _float(value)
    if _math_isnan(value):
        return "NaN"
    return "inf" if value > 0 else "-inf"


# ----------------------------------------------------------------------------------------------
# call: printing and in-place modification
# ----------------------------------------------------------------------------------------------

_UNTRACKED = _object()


def _snapshot(value):
    """Copy of the parts of an argument that a pure function must leave alone.

    Tagged tuples that remember the exact type of every tracked object, so that a value
    replaced by a look-alike (another type, a subclass with a lying ``__eq__``) counts as
    modified. Containers are read through the base classes' own slots."""
    kind = _type(value)
    if kind is _ndarray or _issubclass(kind, _ndarray):
        plain = _plain_array(value)
        if plain is None:
            return _UNTRACKED
        plain = _nd_copy(plain)
        if plain.dtype.kind == "O":
            return ("objects", kind, plain.shape, plain.dtype,
                    [_snapshot(v) for v in plain.reshape(-1).tolist()])
        return ("array", kind, plain)
    if _issubclass(kind, _list):
        return ("list", kind, [_snapshot(_list_item(value, i)) for i in _range(_list_len(value))])
    if _issubclass(kind, _tuple):
        return ("tuple", kind,
                [_snapshot(_tuple_item(value, i)) for i in _range(_tuple_len(value))])
    if _issubclass(kind, _dict):
        return ("dict", kind, [(k, _snapshot(v)) for k, v in _dict_items(value)])
    if value is None or kind in _TEXT_TYPES or _isinstance(value, _Number):
        return ("atom", kind, value)
    return _UNTRACKED


def _same_atom(before, after):
    """``after`` is an immutable value of ``before``'s exact type and equal to it (NaN == NaN).

    Both have exactly the type of the caller's original value, so its comparison is trusted."""
    if after is before:
        return True
    kind = _type(before)
    if _type(after) is not kind:
        return False
    if _truthy(before == after):
        return True
    is_inexact = kind is _float or kind is _complex or _issubclass(kind, _inexact)
    return is_inexact and _truthy(before != before) and _truthy(after != after)


def _truthy(result):
    """A comparison's result, counted only when it is a real bool (not NotImplemented & co)."""
    return _type(result) in _BOOL_TYPES and _bool(result)


def _arrays_equal(a, b):
    """Equality of two plain arrays of the same shape, NaN equal to NaN, without NumPy's
    Python-level helpers (they look builtins up at call time)."""
    with _errstate(all="ignore"):
        same = _asarray(a == b)
        if same.shape != a.shape:  # incomparable dtypes give a single False
            return False
        if a.dtype.kind in "fc" and b.dtype.kind in "fc":
            same = same | (_isnan(a) & _isnan(b))
        return _bool(same.all())


def _unchanged(before, after):
    if before is _UNTRACKED:
        return True
    tag, kind = before[0], before[1]
    if tag == "atom":
        return _same_atom(before[2], after)
    if _type(after) is not kind:
        return False
    if tag == "array":
        reference, plain = before[2], _plain_array(after)
        return (plain is not None and plain.shape == reference.shape
                and plain.dtype == reference.dtype and _arrays_equal(reference, plain))
    if tag == "objects":
        plain = _plain_array(after)
        if plain is None or plain.shape != before[2] or plain.dtype != before[3]:
            return False
        items = plain.reshape(-1).tolist()
        return _all(_unchanged(b, a) for b, a in _zip(before[4], items))
    if tag in ("list", "tuple"):
        length, item = (_list_len, _list_item) if tag == "list" else (_tuple_len, _tuple_item)
        parts = before[2]
        if length(after) != _len(parts):
            return False
        return _all(_unchanged(parts[i], item(after, i)) for i in _range(_len(parts)))
    if tag == "dict":
        parts = before[2]
        if _dict_len(after) != _len(parts):
            return False
        remaining = _list(parts)
        for key, value in _dict_items(after):
            for i, (old_key, old_value) in _enumerate(remaining):  # noqa: B007 - used after break
                if _same_key(old_key, key):
                    break
            else:
                return False
            if not _unchanged(old_value, value):
                return False
            del remaining[i]
        return True
    return False


def _same_key(before, after):
    if _type(before) is _tuple:
        return (_type(after) is _tuple and _tuple_len(after) == _tuple_len(before)
                and _all(_same_key(_tuple_item(before, i), _tuple_item(after, i))
                         for i in _range(_tuple_len(before))))
    return _same_atom(before, after)


def call(fn, *args, **kwargs):
    """Call ``fn`` and fail if it prints or modifies an argument in place.

    Arrays, lists, tuples and dicts among the arguments (also nested) are snapshotted with
    the exact type of every part; afterwards each part must still have that type and be equal
    to its snapshot by that type's own comparison (NaN equal to NaN)."""
    name = _getattr(fn, "__name__", "the function")
    if _type(name) is not _str:
        name = "the function"
    before = [_snapshot(a) for a in args]
    before_kw = {k: _snapshot(v) for k, v in kwargs.items()}
    buffer = _StringIO()
    with _redirect_stdout(buffer):
        result = fn(*args, **kwargs)
    printed = buffer.getvalue()
    if printed:
        _fail(f"{name} printed output, but a graded function must not print "
              f"(it printed {printed[:80]!r}).", "return the value instead of printing it.")
    for i, (b, a) in _enumerate(_zip(before, args)):
        if not _unchanged(b, a):
            _fail(f"{name} modified its argument number {i + 1} in place.",
                  "work on a copy (e.g. `x = np.array(x, dtype=float)`) or build a new array; "
                  "operators like `-=` or `[...] =` change the caller's array.")
    for k, b in before_kw.items():
        if not _unchanged(b, kwargs[k]):
            _fail(f"{name} modified its argument `{k}` in place.",
                  "work on a copy or build a new array instead of assigning into the input.")
    return result


# ----------------------------------------------------------------------------------------------
# arrays
# ----------------------------------------------------------------------------------------------

def _not_an_array(got, name, hint):
    what = _type_name(got)
    extra = ""
    if _type(got) in _NP_REAL_TYPES or _type(got) in _PY_NUMBER_TYPES:
        extra = " (a single number, not an array)"
    _fail(f"{name}: expected a NumPy array, got {what}{extra}: {_show(got)}.",
          hint or "build the result with NumPy operations or wrap it in np.asarray(...).")


_INTEGER_HINT = "integer arrays truncate; make sure the computation happens in floating point."
_FLOAT_DTYPE_HINTS = {
    "i": _INTEGER_HINT,
    "u": _INTEGER_HINT,
    "b": "a boolean array comes from a comparison; compute the numbers themselves "
         "(or convert with .astype(float) if 0/1 is really meant).",
    "c": "complex numbers appear e.g. from np.sqrt/np.log of a complex input or np.fft; "
         "the result must be real.",
    "O": "an object array holds Python objects (e.g. arrays of different lengths, None or "
         "mixed types); build a regular float array.",
}


def check_array(got, expected, name, rtol=None, atol=None, hint=""):
    """Type → dtype → shape → finiteness → values, against a float64 reference."""
    expected = _asarray(expected, dtype=_float64)
    plain = _plain_array(got)
    if plain is None:
        _not_an_array(got, name, hint)
    kind = plain.dtype.kind
    if kind != "f":
        _fail(f"{name}: expected an array of floats, got dtype {_dtype_text(plain.dtype)}.",
              hint or _FLOAT_DTYPE_HINTS.get(
                  kind, "the result must be an array of floating-point numbers."))
    if plain.shape != expected.shape:
        _fail(f"{name}: expected shape {expected.shape}, got shape {plain.shape}.",
              hint or "check which axis you reduce over and whether you keep extra dimensions "
                      "(an (n, 1) column is not the same as an (n,) vector).")
    default_rtol, default_atol = _default_tolerances(plain.dtype)
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    with _errstate(all="ignore"):
        got64 = plain.astype(_float64)
        finite_expected = _isfinite(expected)
        bad = finite_expected & ~_isfinite(got64)
        if bad.any():
            index = _first_index(bad)
            count = _int(bad.sum())
            where = f" at index {index}" if index else ""
            more = f" ({count} non-finite entries)" if count > 1 else ""
            _fail(f"{name}: contains {_non_finite_word(got64[index])}{where} where "
                  f"{_float(expected[index]):.8g} was expected{more}.",
                  hint or "look for overflow (e.g. exp of a large number) or 0/0 and use a "
                          "numerically stable formulation.")
        error = _abs(got64 - expected)
        allowed = atol + rtol * _abs(expected)
        wrong = (error > allowed) & finite_expected
        wrong |= ~finite_expected & ~((got64 == expected) | (_isnan(got64) & _isnan(expected)))
        if wrong.any():
            if expected.ndim:
                flat = _int(_where(wrong, error, -1.0).reshape(-1).argmax())
                index = _tuple(_int(i) for i in _unravel(flat, expected.shape))
            else:
                index = ()
            where = f" at index {index}" if index else ""
            _fail(f"{name}: wrong values ({_int(wrong.sum())} of {expected.size} off).\n"
                  f"  expected: {_show(expected)}\n"
                  f"  got:      {_show(plain)}\n"
                  f"  largest error{where}: expected {_float(expected[index]):.8g}, "
                  f"got {_float(got64[index]):.8g} (rtol={rtol:g}, atol={atol:g}).", hint)


def check_int_array(got, expected, name, hint=""):
    """An integer array equal to ``expected``."""
    expected = _asarray(expected)
    plain = _plain_array(got)
    if plain is None:
        _not_an_array(got, name, hint or "wrap the result in np.asarray(...).")
    if plain.dtype.kind not in "iu":
        _fail(f"{name}: expected an integer array, got dtype {_dtype_text(plain.dtype)}.",
              hint or "convert with .astype(int).")
    if plain.shape != expected.shape:
        _fail(f"{name}: expected shape {expected.shape}, got shape {plain.shape}.",
              hint or "check which axis you reduce over and whether you keep extra dimensions "
                      "(an (n, 1) column is not the same as an (n,) vector).")
    with _errstate(all="ignore"):
        differ = _asarray(plain != expected)
        if differ.shape != plain.shape:  # incomparable dtypes give a single True
            differ = _asarray(True) | plain.astype(_bool_)
        if differ.any():
            _fail(f"{name}: {_int(differ.sum())} of {expected.size} entries differ.\n"
                  f"  expected: {_show(expected)}\n  got:      {_show(plain)}", hint)


# ----------------------------------------------------------------------------------------------
# scalars
# ----------------------------------------------------------------------------------------------

def _real_value(got):
    """(float value, dtype for the tolerances) of an accepted number, else None.

    Only exact types are accepted, whose own (trusted) conversions are then used."""
    kind = _type(got)
    if kind is _float:
        return got, _float64
    if kind is _int:
        try:
            return _float(got), _float64
        except _OverflowError:
            return (_float("inf") if got > 0 else _float("-inf")), _float64
    if kind in _NP_REAL_TYPES:
        return _float(got), _dtype(kind)
    return None


def check_scalar(got, expected, name, rtol=None, atol=None, hint=""):
    """A real number close to ``expected``."""
    plain = _plain_array(got)
    if plain is not None:
        if plain.shape != ():
            _fail(f"{name}: expected a single number, got an array of shape {plain.shape}.",
                  hint or "reduce to one number (e.g. with .mean() or .sum()) or use float(...).")
        got = plain[()]
    real = _real_value(got)
    if real is None:
        kind = _type(got)
        what = f"{_type_name(got)}: {_show(got)}"
        if kind not in _NP_SCALAR_TYPES and kind is not _bool:
            for base, word in ((_float, "float"), (_int, "int"), (_str, "str"),
                               (_generic, "a NumPy scalar type")):
                if _issubclass(kind, base):
                    what = (f"{_type_name(got)} (a subclass of {word}, which is not accepted): "
                            f"{_show(got)}")
                    break
        if plain is not None:
            what = f"a 0-d array of dtype {_dtype_text(plain.dtype)}" + (
                f" holding {what}" if plain.dtype.kind == "O" else "")
        _fail(f"{name}: expected a number (int, float or a NumPy scalar), got {what}.",
              hint or "return a float, e.g. float(value).")
    value, dtype = real
    expected = _float(expected)
    default_rtol, default_atol = _default_tolerances(dtype)
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    if _math_isfinite(expected) and not _math_isfinite(value):
        _fail(f"{name}: got {_non_finite_word(value)} where {expected:.8g} was expected.",
              hint or "look for overflow or log(0) and use a numerically stable formulation.")
    difference = _abs_builtin(value - expected)
    if _math_isfinite(expected):
        close = difference <= atol + rtol * _abs_builtin(expected)
    else:  # inf only matches the same inf (NaN matches nothing, not even NaN)
        close = value == expected
    if not close:
        _fail(f"{name}: expected {expected:.8g}, got {value:.8g} "
              f"(difference {difference:.3g}, rtol={rtol:g}, atol={atol:g}).", hint)


# ----------------------------------------------------------------------------------------------
# exact equality
# ----------------------------------------------------------------------------------------------

def _kind_failure(got, expected, name, hint):
    _fail(f"{name}: expected {_show(expected)} ({_type_name(expected)}), "
          f"got {_show(got)} ({_type_name(got)}).", hint)


def check_equal(got, expected, name, hint=""):
    """Exact equality, with the type checked first (``True`` is not ``1`` here).

    Types are exact: an ``int``/``str``/``tuple`` subclass is not an ``int``/``str``/``tuple``.
    Ints may also be NumPy integer scalars, floats NumPy floating scalars (or ints); values
    are compared with the trusted type's own ``__eq__``."""
    expected_kind, got_kind = _type(expected), _type(got)
    if expected is None:
        if got is not None:
            _kind_failure(got, expected, name, hint)
        return
    if expected_kind is _tuple or expected_kind is _list:
        word = "tuple" if expected_kind is _tuple else "list"
        length = _len(expected)
        if got_kind is not expected_kind:
            _fail(f"{name}: expected a {word} of length {length}, got {_type_name(got)}: "
                  f"{_show(got)}.", hint)
        item = _tuple_item if expected_kind is _tuple else _list_item
        got_length = _tuple_len(got) if expected_kind is _tuple else _list_len(got)
        if got_length != length:
            _fail(f"{name}: expected a {word} of length {length}, got length {got_length}: "
                  f"{_show(got)}.", hint)
        for i in _range(length):
            check_equal(item(got, i), item(expected, i), f"{name}[{i}]", hint)
        return
    if expected_kind in _BOOL_TYPES:
        if got_kind not in _BOOL_TYPES:
            _kind_failure(got, expected, name, hint)
        same = _bool(got) is _bool(expected)
    elif expected_kind is _int or expected_kind in _NP_INTEGER_TYPES:
        if got_kind is not _int and got_kind not in _NP_INTEGER_TYPES:
            _kind_failure(got, expected, name, hint)
        same = _int_eq(_int(got), _int(expected)) is True
    elif expected_kind is _float or expected_kind in _NP_FLOAT_TYPES:
        if got_kind is _int or got_kind in _NP_INTEGER_TYPES:
            number = _int(got)  # compared exactly with the float, as Python does
        elif got_kind is _float or got_kind in _NP_FLOAT_TYPES:
            number = _float(got)
        else:
            _kind_failure(got, expected, name, hint)
        same = _float_eq(_float(expected), number) is True
    elif expected_kind is _str or expected_kind is _bytes:
        if got_kind is not expected_kind:
            _kind_failure(got, expected, name, hint)
        same = (_str_eq if expected_kind is _str else _bytes_eq)(got, expected) is True
    else:
        # anything else (a dict, a library object): the same exact type, then expected's own
        # __eq__ decides — it is the reference's type, not the answer's
        if got_kind is not expected_kind:
            _kind_failure(got, expected, name, hint)
        same = _truthy(expected == got)
    if not same:
        _fail(f"{name}: expected {_show(expected)}, got {_show(got)}.", hint)


# ----------------------------------------------------------------------------------------------
# the rest
# ----------------------------------------------------------------------------------------------

def check_raises(exc_type, fn, *args, match=(), name="", hint="", **kwargs):
    """``fn(*args, **kwargs)`` must raise ``exc_type`` mentioning every string in ``match``."""
    name = name or _getattr(fn, "__name__", "the function")
    try:
        fn(*args, **kwargs)
    except exc_type as error:
        text = _str(error)
        missing = [m for m in ([match] if _isinstance(match, _str) else match) if m not in text]
        if missing:
            _fail(f"{name}: the {exc_type.__name__} message {text!r} should mention {missing}.",
                  hint)
        return
    except _Exception as error:  # noqa: BLE001 - we report what was raised instead
        _fail(f"{name}: expected {exc_type.__name__}, but it raised "
              f"{_type_name(error)}: {error}.", hint)
    _fail(f"{name}: expected {exc_type.__name__} to be raised, but nothing was raised.", hint)


def _truth(condition):
    """Truth value of a condition, with the trusted types' own rules where they apply."""
    kind = _type(condition)
    if kind is _bool:
        return condition
    if kind is _bool_:
        return _bool_.__bool__(condition)
    if kind is _ndarray:
        return _ndarray.__bool__(condition)
    return _bool(condition)  # builtins' own rules; other objects (e.g. Keras) decide themselves


def check_true(condition, message, hint=""):
    """Fail with ``message`` unless ``condition`` is true."""
    if not _truth(condition):
        _fail(message, hint)


@_contextmanager
def stable(name, hint=""):
    """Numerical problems inside the block (overflow, NaN, warnings) fail with a message."""
    try:
        with _errstate(over="raise", invalid="raise", divide="raise"), _catch_warnings():
            _simplefilter("error", _RuntimeWarning)
            yield
    except (_FloatingPointError, _RuntimeWarning) as error:
        _fail(f"{name}: numerical problem ({error}).",
              hint or "large inputs must not overflow: rewrite the formula so that exp() only "
                      "ever sees non-positive numbers, or clip.")


def passed(name):
    """The success line printed at the end of a visible test cell."""
    _print(f"✔ {name}: all visible tests passed.")


def copy_of(value):
    """A deep copy, for tests that need to compare an argument before and after a call."""
    return _deepcopy(value)
