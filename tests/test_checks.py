"""annlab.checks accepts right answers (float32 or float64) and rejects wrong ones with
messages in the order type → dtype → shape → finiteness → value, and is not fooled by
answers that lie (overriding __eq__, __array__, __float__, …) or by a notebook that rebinds
NumPy functions or builtins."""

import builtins
import dis
import numbers
import types

import numpy as np
import pytest

from annlab import checks


def fails(fn, *args, contains=(), **kwargs):
    with pytest.raises(checks.CheckFailure) as info:
        fn(*args, **kwargs)
    for text in contains:
        assert text in str(info.value), str(info.value)
    return str(info.value)


def test_check_array_accepts_float32_and_float64():
    expected = np.array([0.1, 0.2, 0.3])
    checks.check_array(expected.copy(), expected, "x")
    checks.check_array(expected.astype(np.float32), expected, "x")


def test_check_array_reports_type_then_dtype_then_shape_then_values():
    expected = np.array([1.0, 2.0, 3.0])
    fails(checks.check_array, [1.0, 2.0, 3.0], expected, "y", contains=["NumPy array", "list"])
    fails(checks.check_array, np.array([1, 2, 3]), expected, "y", contains=["floats", "int"])
    fails(checks.check_array, expected[:, None], expected, "y", contains=["(3,)", "(3, 1)"])
    fails(checks.check_array, np.array([1.0, np.nan, 3.0]), expected, "y", contains=["NaN"])
    message = fails(checks.check_array, np.array([1.0, 2.5, 3.0]), expected, "y",
                    hint="look here", contains=["index (1,)", "Hint: look here"])
    assert "expected 2" in message and "got 2.5" in message


def test_check_array_float32_tolerance_is_not_too_loose():
    expected = np.array([1.0, 2.0])
    fails(checks.check_array, np.array([1.0, 2.01], dtype=np.float32), expected, "y")


def test_check_scalar():
    checks.check_scalar(0.5, 0.5, "s")
    checks.check_scalar(np.float32(0.5), 0.5, "s")
    checks.check_scalar(np.array(0.5), 0.5, "s")
    fails(checks.check_scalar, np.array([0.5]), 0.5, "s", contains=["single number"])
    fails(checks.check_scalar, "0.5", 0.5, "s", contains=["number"])
    fails(checks.check_scalar, True, 1.0, "s")
    fails(checks.check_scalar, 0.6, 0.5, "s", contains=["expected 0.5", "got 0.6"])
    fails(checks.check_scalar, float("nan"), 0.5, "s")


def test_check_equal_checks_kinds():
    checks.check_equal(3, 3, "n")
    checks.check_equal(None, None, "n")
    checks.check_equal((1, None), (1, None), "n")
    fails(checks.check_equal, 3.0, 3, "n", contains=["int"])
    fails(checks.check_equal, True, 1, "n")
    fails(checks.check_equal, 0, None, "n")
    fails(checks.check_equal, 4, 3, "n", contains=["expected 3"])


def test_check_int_array():
    checks.check_int_array(np.array([0, 1]), [0, 1], "p")
    fails(checks.check_int_array, np.array([0.0, 1.0]), [0, 1], "p", contains=["integer"])
    fails(checks.check_int_array, np.array([1, 1]), [0, 1], "p", contains=["1 of 2"])


def test_call_detects_printing_and_mutation():
    def prints(x):
        print("hi")
        return x

    def mutates(x):
        x[0] = 99.0
        return x

    def mutates_dict(params):
        params["W"] -= 1.0
        return params

    fails(checks.call, prints, 1.0, contains=["print"])
    fails(checks.call, mutates, np.zeros(2), contains=["in place"])
    fails(checks.call, mutates_dict, {"W": np.ones(2)}, contains=["in place"])
    assert checks.call(lambda x: x + 1, np.zeros(2)).tolist() == [1.0, 1.0]


def test_check_raises():
    def bad(name):
        raise ValueError("choose one of linear, relu")

    checks.check_raises(ValueError, bad, "x", match=["linear", "relu"])
    fails(checks.check_raises, ValueError, bad, "x", match=["tanh"], contains=["tanh"])
    fails(checks.check_raises, KeyError, bad, "x", contains=["ValueError"])
    fails(checks.check_raises, ValueError, lambda: None, contains=["nothing was raised"])


def test_stable_turns_numerical_problems_into_failures():
    with checks.stable("ok"):
        np.exp(np.array([1.0]))
    fails(lambda: _overflow(), contains=["numerical problem"])


def _overflow():
    with checks.stable("f"):
        np.exp(np.array([1e4]))


def test_checks_survive_rebinding_numpy_functions(monkeypatch):
    monkeypatch.setattr(np, "allclose", lambda *a, **k: True)
    monkeypatch.setattr(np, "array_equal", lambda *a, **k: True)
    fails(checks.check_array, np.array([9.0]), np.array([1.0]), "y")
    fails(checks.check_int_array, np.array([9]), np.array([1]), "y")


# ------------------------------------------------------------------------------------------------
# Answers that lie: every override below would make a naive check pass a wrong answer.
# ------------------------------------------------------------------------------------------------

EXPECTED = np.array([1.0, 2.0, 3.0])
CALLS = []  # names of the overrides of lying objects that something called


def _liar_methods(right):
    """Overrides that all claim "I am exactly the right answer" (and log that they ran)."""
    def log(name, value):
        def method(self, *args, **kwargs):
            CALLS.append(name)
            return value() if callable(value) else value
        return method

    return {
        "__eq__": log("__eq__", lambda: np.ones(right.shape, dtype=bool)),
        "__ne__": log("__ne__", lambda: np.zeros(right.shape, dtype=bool)),
        "__array__": log("__array__", lambda: right.copy()),
        "__array_ufunc__": log("__array_ufunc__", True),
        "__array_function__": log("__array_function__", True),
        "__float__": log("__float__", lambda: float(right.reshape(-1)[0])),
        "__int__": log("__int__", lambda: int(right.reshape(-1)[0])),
        "__index__": log("__index__", lambda: int(right.reshape(-1)[0])),
        "__bool__": log("__bool__", True),
        "__sub__": log("__sub__", lambda: np.zeros(right.shape)),
        "__rsub__": log("__rsub__", lambda: np.zeros(right.shape)),
        "__abs__": log("__abs__", lambda: np.zeros(right.shape)),
        "__len__": log("__len__", lambda: len(right.reshape(-1))),
        "__iter__": log("__iter__", lambda: iter(right.reshape(-1).tolist())),
        "__getitem__": log("__getitem__", lambda: right.reshape(-1)[0]),
        "astype": log("astype", lambda: right.copy()),
        "copy": log("copy", lambda: right.copy()),
        "view": log("view", lambda: right.copy()),
        "reshape": log("reshape", lambda: right.copy()),
        "item": log("item", lambda: right.reshape(-1)[0].item()),
        "all": log("all", True),
        "any": log("any", False),
        "shape": property(log("shape", right.shape)),
        "dtype": property(log("dtype", right.dtype)),
        "ndim": property(log("ndim", right.ndim)),
        "size": property(log("size", right.size)),
        "__array_interface__": property(log("__array_interface__",
                                             lambda: right.__array_interface__)),
        "__array_priority__": 1e9,
    }


def _lying_subclass(buffer, right=EXPECTED):
    """An ndarray subclass over ``buffer`` whose every override claims to be ``right``."""
    cls = type("LyingArray", (np.ndarray,), {
        **_liar_methods(np.asarray(right)),
        "__array_finalize__": lambda self, obj: CALLS.append("__array_finalize__"),
        "__array_wrap__": lambda self, *a, **k: CALLS.append("__array_wrap__"),
    })
    return np.ndarray.view(np.asarray(buffer), cls)


def _pretender(right=EXPECTED):
    """Not an ndarray at all, but with __array__, shape, dtype, … of the right answer."""
    return type("ArrayLike", (), _liar_methods(np.asarray(right)))()


class _ClassLiar:
    """``isinstance(x, np.ndarray)`` is True for this one: __class__ is a property."""

    __class__ = property(lambda self: np.ndarray)  # noqa: F811
    shape, dtype, ndim = (3,), np.dtype(np.float64), 1

    def __array__(self, *args, **kwargs):
        return EXPECTED.copy()


class _LyingFloat(float):
    def __eq__(self, other):
        return True

    __ne__ = lambda self, other: False  # noqa: E731
    __float__ = lambda self: 0.5  # noqa: E731
    __sub__ = __rsub__ = lambda self, other: 0.0  # noqa: E731
    __abs__ = lambda self: 0.0  # noqa: E731
    __hash__ = float.__hash__


class _LyingFloat64(np.float64):
    __eq__ = lambda self, other: True  # noqa: E731
    __float__ = lambda self: 0.5  # noqa: E731
    __sub__ = __rsub__ = lambda self, other: 0.0  # noqa: E731
    __hash__ = np.float64.__hash__


class _LyingInt(int):
    def __eq__(self, other):
        return True

    __ne__ = lambda self, other: False  # noqa: E731
    __index__ = __int__ = lambda self: 3  # noqa: E731
    __hash__ = int.__hash__


class _LyingStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class _LyingTuple(tuple):
    def __eq__(self, other):
        return True

    def __len__(self):
        return 2

    def __iter__(self):
        return iter((1, None))

    def __getitem__(self, i):
        return (1, None)[i]

    __hash__ = tuple.__hash__


class _NumberLike:
    """Quacks like a number: __float__, __index__, __eq__, … and is registered as Real."""

    def __float__(self):
        return 0.5

    def __index__(self):
        return 3

    def __eq__(self, other):
        return True

    def __sub__(self, other):
        return 0.0

    __rsub__ = __sub__
    __abs__ = __float__
    __hash__ = object.__hash__


numbers.Real.register(_NumberLike)


def _metaclass_liar(pretend):
    """An object whose *type* claims to be ``pretend``: the metaclass's ``__eq__`` says yes
    and its ``__hash__`` is ``pretend``'s, so ``type(x) in {pretend, ...}`` is True."""
    meta = type("LyingMeta", (type,), {"__eq__": lambda cls, other: True,
                                       "__hash__": lambda cls: hash(pretend)})
    cls = meta("Impostor", (), {"__index__": lambda self: 3, "__int__": lambda self: 3,
                                "__float__": lambda self: 0.5, "__bool__": lambda self: True,
                                "__eq__": lambda self, other: True, "__hash__": lambda self: 3,
                                "__repr__": lambda self: "3"})
    return cls()


class _FloatClassLiar:
    __class__ = property(lambda self: float)  # noqa: F811
    __float__ = lambda self: 0.5  # noqa: E731
    __eq__ = lambda self, other: True  # noqa: E731
    __hash__ = object.__hash__


WRONG = np.array([9.0, 9.0, 9.0])


def test_the_liars_do_fool_naive_checks():
    """The fixtures below are only worth something while they really lie."""
    liar = _lying_subclass(WRONG)
    assert np.allclose(liar, EXPECTED) is True and np.array_equal(liar, EXPECTED) is True
    assert liar.shape == EXPECTED.shape and np.asarray(_pretender()).tolist() == [1.0, 2.0, 3.0]
    assert isinstance(_ClassLiar(), np.ndarray)
    assert _LyingFloat(9.0) == 0.5 and float(_LyingFloat(9.0)) == 0.5 and isinstance(
        _LyingFloat(9.0), numbers.Real)
    assert isinstance(_NumberLike(), numbers.Real) and float(_NumberLike()) == 0.5
    assert _LyingInt(4) == 3 and _LyingStr("a") == "b" and _LyingTuple((7,)) == (1, None)
    assert isinstance(_FloatClassLiar(), float)
    assert type(_metaclass_liar(np.int64)) in {np.int64, np.int32}

# (label, check, got-factory, expected, message fragments): every one must fail
EVIL = [
    ("subclass, wrong values, lying overrides", checks.check_array,
     lambda: _lying_subclass(WRONG), EXPECTED, ["wrong values", "3 of 3 off"]),
    ("subclass, (3, 1) buffer claiming (3,)", checks.check_array,
     lambda: _lying_subclass(EXPECTED[:, None]), EXPECTED, ["expected shape (3,)", "(3, 1)"]),
    ("subclass, int buffer claiming float64", checks.check_array,
     lambda: _lying_subclass(np.array([1, 2, 3])), EXPECTED, ["floats", "int64"]),
    ("subclass, NaN buffer", checks.check_array,
     lambda: _lying_subclass(np.array([1.0, np.nan, 3.0])), EXPECTED, ["NaN", "index (1,)"]),
    ("subclass, inf buffer", checks.check_array,
     lambda: _lying_subclass(np.array([1.0, 2.0, np.inf])), EXPECTED, ["inf", "index (2,)"]),
    ("array-like with __array__/shape/dtype", checks.check_array,
     _pretender, EXPECTED, ["expected a NumPy array", "ArrayLike"]),
    ("__class__ property claiming ndarray", checks.check_array,
     _ClassLiar, EXPECTED, ["expected a NumPy array", "_ClassLiar"]),
    ("list of the right values", checks.check_array,
     lambda: [1.0, 2.0, 3.0], EXPECTED, ["expected a NumPy array", "list"]),
    ("NumPy scalar for an array", checks.check_array,
     lambda: np.float64(1.0), np.array([1.0]), ["expected a NumPy array", "float64"]),
    ("object array of the right floats", checks.check_array,
     lambda: np.array([1.0, 2.0, 3.0], dtype=object), EXPECTED, ["floats", "dtype object"]),
    ("object array of lying floats", checks.check_array,
     lambda: np.array([_LyingFloat(9.0)] * 3, dtype=object), EXPECTED, ["dtype object"]),
    ("bool array", checks.check_array,
     lambda: np.array([True, True, True]), np.ones(3), ["floats", "dtype bool"]),
    ("complex array", checks.check_array,
     lambda: EXPECTED + 0j, EXPECTED, ["floats", "dtype complex128"]),
    ("(n, 1) for (n,)", checks.check_array,
     lambda: EXPECTED[:, None].copy(), EXPECTED, ["expected shape (3,)", "got shape (3, 1)"]),
    ("(1, n) for (n,)", checks.check_array,
     lambda: EXPECTED[None, :].copy(), EXPECTED, ["expected shape (3,)", "got shape (1, 3)"]),
    ("(1,) for ()", checks.check_array,
     lambda: np.array([2.0]), np.array(2.0), ["expected shape ()", "got shape (1,)"]),
    ("() for (1,)", checks.check_array,
     lambda: np.array(2.0), np.array([2.0]), ["expected shape (1,)", "got shape ()"]),
    ("NaN where finite", checks.check_array,
     lambda: np.array([np.nan, 2.0, 3.0]), EXPECTED, ["NaN", "index (0,)"]),
    ("-inf where finite, float32", checks.check_array,
     lambda: np.array([1.0, -np.inf, 3.0], dtype=np.float32), EXPECTED, ["-inf", "index (1,)"]),
    ("NaN 0-d where finite", checks.check_array,
     lambda: np.array(np.nan), np.array(2.0), ["NaN"]),
    ("finite where inf expected", checks.check_array,
     lambda: np.array([1.0, 1e300]), np.array([1.0, np.inf]), ["wrong values"]),
    ("float16 not exactly representable", checks.check_array,
     lambda: np.array([0.1, 0.2], dtype=np.float16), np.array([0.1, 0.2]), ["wrong values"]),
    # integer arrays
    ("int subclass array, wrong values, lying", checks.check_int_array,
     lambda: _lying_subclass(np.array([5, 5]), np.array([0, 1])), [0, 1],
     ["2 of 2 entries differ"]),
    ("int array-like", checks.check_int_array,
     lambda: _pretender(np.array([0, 1])), [0, 1], ["expected a NumPy array", "ArrayLike"]),
    ("__class__ liar for int array", checks.check_int_array,
     _ClassLiar, [1, 2, 3], ["expected a NumPy array"]),
    ("float buffer claiming int64", checks.check_int_array,
     lambda: _lying_subclass(np.array([0.0, 1.0]), np.array([0, 1])), [0, 1],
     ["integer", "float64"]),
    ("bool for int", checks.check_int_array,
     lambda: np.array([False, True]), [0, 1], ["integer", "bool"]),
    ("int (n, 1) for (n,)", checks.check_int_array,
     lambda: np.array([[0], [1]]), [0, 1], ["expected shape (2,)", "got shape (2, 1)"]),
    ("int (1, n) for (n,)", checks.check_int_array,
     lambda: np.array([[0, 1]]), [0, 1], ["expected shape (2,)", "got shape (1, 2)"]),
    ("int () for (1,)", checks.check_int_array,
     lambda: np.array(1), [1], ["expected shape (1,)", "got shape ()"]),
    ("int (1,) for ()", checks.check_int_array,
     lambda: np.array([1]), 1, ["expected shape ()", "got shape (1,)"]),
    # scalars
    ("float subclass with lying __float__/__eq__/__sub__", checks.check_scalar,
     lambda: _LyingFloat(9.0), 0.5, ["expected a number", "_LyingFloat", "subclass of float"]),
    ("float subclass holding the right value", checks.check_scalar,
     lambda: _LyingFloat(0.5), 0.5, ["expected a number", "subclass of float"]),
    ("np.float64 subclass", checks.check_scalar,
     lambda: _LyingFloat64(9.0), 0.5, ["expected a number", "_LyingFloat64"]),
    ("int subclass", checks.check_scalar,
     lambda: _LyingInt(9), 3.0, ["expected a number", "subclass of int"]),
    ("numbers.Real-registered number-like", checks.check_scalar,
     _NumberLike, 0.5, ["expected a number", "_NumberLike"]),
    ("__class__ property claiming float", checks.check_scalar,
     _FloatClassLiar, 0.5, ["expected a number", "_FloatClassLiar"]),
    ("type whose metaclass claims float", checks.check_scalar,
     lambda: _metaclass_liar(float), 0.5, ["expected a number", "Impostor"]),
    ("type whose metaclass claims np.float64", checks.check_scalar,
     lambda: _metaclass_liar(np.float64), 0.5, ["expected a number", "Impostor"]),
    ("0-d subclass, wrong value, lying", checks.check_scalar,
     lambda: _lying_subclass(np.array(9.0), np.array(0.5)), 0.5, ["expected 0.5", "got 9"]),
    ("0-d object array of a lying float", checks.check_scalar,
     lambda: np.array(_LyingFloat(9.0), dtype=object), 0.5, ["0-d array of dtype object"]),
    ("0-d bool array", checks.check_scalar,
     lambda: np.array(True), 1.0, ["expected a number", "dtype bool"]),
    ("bool", checks.check_scalar, lambda: True, 1.0, ["expected a number", "bool"]),
    ("np.bool_", checks.check_scalar, lambda: np.True_, 1.0, ["expected a number", "bool"]),
    ("complex", checks.check_scalar, lambda: 0.5 + 0j, 0.5, ["expected a number", "complex"]),
    ("string", checks.check_scalar, lambda: "0.5", 0.5, ["expected a number", "str"]),
    ("1-element array", checks.check_scalar,
     lambda: np.array([0.5]), 0.5, ["single number", "(1,)"]),
    ("NaN where finite", checks.check_scalar, lambda: float("nan"), 0.5, ["NaN"]),
    ("np.float32 inf where finite", checks.check_scalar, lambda: np.float32("inf"), 0.5, ["inf"]),
    ("-inf 0-d where finite", checks.check_scalar, lambda: np.array(-np.inf), 0.5, ["-inf"]),
    ("NaN where NaN (unchanged: NaN != NaN)", checks.check_scalar,
     lambda: float("nan"), float("nan"), ["expected nan, got nan"]),
    ("-inf where inf", checks.check_scalar, lambda: -np.inf, np.inf, ["expected inf, got -inf"]),
    # exact equality
    ("int subclass, wrong value, __eq__ True", checks.check_equal,
     lambda: _LyingInt(4), 3, ["_LyingInt"]),
    ("int subclass, right value", checks.check_equal, lambda: _LyingInt(3), 3, ["_LyingInt"]),
    ("str subclass, __eq__ True", checks.check_equal,
     lambda: _LyingStr("float64"), "float32", ["_LyingStr"]),
    ("tuple subclass lying about len/iter/eq", checks.check_equal,
     lambda: _LyingTuple((7, 8, 9)), (1, None), ["expected a tuple", "_LyingTuple"]),
    ("tuple holding a lying int", checks.check_equal,
     lambda: (_LyingInt(7), None), (1, None), ["[0]", "_LyingInt"]),
    ("list for a tuple", checks.check_equal, lambda: [1, None], (1, None), ["expected a tuple"]),
    ("tuple for a list", checks.check_equal, lambda: (2, 3), [2, 3], ["expected a list"]),
    ("list holding a lying int", checks.check_equal,
     lambda: [2, _LyingInt(9)], [2, 3], ["[1]", "_LyingInt"]),
    ("number-like for an int", checks.check_equal, _NumberLike, 3, ["_NumberLike"]),
    ("type whose metaclass claims int", checks.check_equal,
     lambda: _metaclass_liar(int), 3, ["Impostor"]),
    ("type whose metaclass claims np.int64", checks.check_equal,
     lambda: _metaclass_liar(np.int64), 3, ["Impostor"]),
    ("type whose metaclass claims str", checks.check_equal,
     lambda: _metaclass_liar(str), "3", ["Impostor"]),
    ("type whose metaclass claims bool", checks.check_equal,
     lambda: _metaclass_liar(bool), True, ["Impostor"]),
    ("type whose metaclass claims np.float64", checks.check_equal,
     lambda: _metaclass_liar(np.float64), 0.5, ["Impostor"]),
    ("__eq__-True object for None", checks.check_equal, _NumberLike, None, ["None"]),
    ("float subclass for a float", checks.check_equal,
     lambda: _LyingFloat(0.5), 0.5, ["_LyingFloat"]),
    ("bool for an int", checks.check_equal, lambda: True, 1, ["bool"]),
    ("np.bool_ for an int", checks.check_equal, lambda: np.True_, 1, ["bool"]),
    ("float for an int", checks.check_equal, lambda: 3.0, 3, ["float"]),
    ("int for a bool", checks.check_equal, lambda: 1, True, ["int"]),
]


@pytest.mark.parametrize("label, check, make, expected, fragments", EVIL,
                         ids=[f"{case[1].__name__}: {case[0]}" for case in EVIL])
def test_lying_or_slipping_answers_fail(label, check, make, expected, fragments):
    got = make()
    CALLS.clear()
    message = fails(check, got, expected, "answer", contains=fragments)
    assert message.startswith("answer"), message
    assert not CALLS, f"the check ran overrides of the answer: {CALLS}"


def test_pretenders_methods_are_not_called():
    """Only __repr__ (for the message, after the verdict) may run on a non-array."""
    log = []

    class Trap:
        def __getattribute__(self, name):
            log.append(name)
            raise RuntimeError(f"the check touched {name}")

        def __repr__(self):
            return "Trap()"

    for check, expected in ((checks.check_array, EXPECTED), (checks.check_int_array, [1]),
                            (checks.check_scalar, 0.5), (checks.check_equal, 3),
                            (checks.check_equal, (1, 2)), (checks.check_equal, "x")):
        fails(check, Trap(), expected, "answer")
    assert not log, log


def test_broken_repr_only_costs_the_message():
    class NoRepr:
        def __repr__(self):
            raise RuntimeError("no")

    message = fails(checks.check_array, NoRepr(), EXPECTED, "y", contains=["NumPy array"])
    assert "<NoRepr object>" in message
    fails(checks.check_equal, NoRepr(), 3, "n", contains=["<NoRepr object>"])


class _PlainSubclass(np.ndarray):
    """An honest subclass that adds nothing."""


# (label, check, got-factory, expected): every one must pass
HONEST = [
    ("float64 array", checks.check_array, lambda: EXPECTED.copy(), EXPECTED),
    ("float32 array", checks.check_array, lambda: EXPECTED.astype(np.float32), EXPECTED),
    ("float32 with rounding", checks.check_array,
     lambda: np.array([0.1, 0.2, 0.3], dtype=np.float32), np.array([0.1, 0.2, 0.3])),
    ("float16 holding exact values", checks.check_array,
     lambda: np.array([0.5, 0.25, -2.0], dtype=np.float16), np.array([0.5, 0.25, -2.0])),
    ("longdouble array", checks.check_array, lambda: EXPECTED.astype(np.longdouble), EXPECTED),
    ("0-d float64 array", checks.check_array, lambda: np.array(2.0), 2.0),
    ("0-d float32 array", checks.check_array, lambda: np.array(2.0, dtype=np.float32), 2.0),
    ("Fortran-ordered 2-D", checks.check_array,
     lambda: np.asfortranarray(np.arange(6.0).reshape(2, 3)), np.arange(6.0).reshape(2, 3)),
    ("strided view", checks.check_array, lambda: np.arange(6.0)[::2], np.array([0.0, 2.0, 4.0])),
    ("read-only array", checks.check_array,
     lambda: np.frombuffer(EXPECTED.tobytes(), dtype=np.float64), EXPECTED),
    ("non-native byte order", checks.check_array, lambda: EXPECTED.astype(">f8"), EXPECTED),
    ("NaN and inf where expected", checks.check_array,
     lambda: np.array([np.nan, np.inf, -np.inf, 1.0]), np.array([np.nan, np.inf, -np.inf, 1.0])),
    ("plain ndarray subclass", checks.check_array,
     lambda: EXPECTED.copy().view(_PlainSubclass), EXPECTED),
    ("np.matrix of the right shape", checks.check_array,
     lambda: np.matrix([[1.0, 2.0]]), np.array([[1.0, 2.0]])),
    ("subclass that lies, over the right buffer", checks.check_array,
     lambda: _lying_subclass(EXPECTED.copy()), EXPECTED),
    ("int64 array", checks.check_int_array, lambda: np.array([0, 1, 2]), [0, 1, 2]),
    ("int32 array", checks.check_int_array, lambda: np.array([0, 1, 2], dtype=np.int32), [0, 1, 2]),
    ("uint8 array", checks.check_int_array, lambda: np.array([0, 1, 2], dtype=np.uint8), [0, 1, 2]),
    ("0-d int array", checks.check_int_array, lambda: np.array(4), 4),
    ("2-D int array", checks.check_int_array,
     lambda: np.array([[1, 0], [0, 2]]), [[1, 0], [0, 2]]),
    ("Python float", checks.check_scalar, lambda: 0.5, 0.5),
    ("Python float, rounding", checks.check_scalar, lambda: 0.1 + 0.2, 0.3),
    ("Python int", checks.check_scalar, lambda: 2, 2.0),
    ("np.float64", checks.check_scalar, lambda: np.float64(0.5), 0.5),
    ("np.float32", checks.check_scalar, lambda: np.float32(0.1), 0.1),
    ("np.float16 exact", checks.check_scalar, lambda: np.float16(0.5), 0.5),
    ("np.longdouble", checks.check_scalar, lambda: np.longdouble(0.5), 0.5),
    ("np.int64", checks.check_scalar, lambda: np.int64(2), 2.0),
    ("np.int32", checks.check_scalar, lambda: np.int32(-2), -2.0),
    ("np.uint8", checks.check_scalar, lambda: np.uint8(7), 7.0),
    ("0-d float64 array", checks.check_scalar, lambda: np.array(0.5), 0.5),
    ("0-d float32 array", checks.check_scalar, lambda: np.array(0.1, dtype=np.float32), 0.1),
    ("0-d int array", checks.check_scalar, lambda: np.array(3), 3.0),
    ("expected as np.float32", checks.check_scalar, lambda: 0.1, np.float32(0.1)),
    ("inf where inf", checks.check_scalar, lambda: float("inf"), np.inf),
    ("int", checks.check_equal, lambda: 3, 3),
    ("np.int64 for an int", checks.check_equal, lambda: np.int64(3), 3),
    ("np.int32 for an np.int64", checks.check_equal, lambda: np.int32(3), np.int64(3)),
    ("None", checks.check_equal, lambda: None, None),
    ("str", checks.check_equal, lambda: "float32", "float32"),
    ("bool", checks.check_equal, lambda: False, False),
    ("np.bool_ for a bool", checks.check_equal, lambda: np.False_, False),
    ("tuple of int/None", checks.check_equal, lambda: (1, None), (1, None)),
    ("shape tuple with NumPy ints", checks.check_equal, lambda: (np.int64(2), 3), (2, 3)),
    ("nested tuple", checks.check_equal, lambda: ((4, 3),) * 2, ((4, 3),) * 2),
    ("list of ints", checks.check_equal, lambda: [2, 2, 3, 3], [2, 2, 3, 3]),
    ("float", checks.check_equal, lambda: 0.5, 0.5),
    ("int for a float", checks.check_equal, lambda: 3, 3.0),
    ("np.float32 for a float", checks.check_equal, lambda: np.float32(0.5), 0.5),
]


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # np.matrix
@pytest.mark.parametrize("label, check, make, expected", HONEST,
                         ids=[f"{case[1].__name__}: {case[0]}" for case in HONEST])
def test_honest_answers_pass(label, check, make, expected):
    check(make(), expected, "answer")


def test_honest_answers_pass_with_explicit_tolerances_and_inside_stable():
    checks.check_array(np.array([1.001]), [1.0], "y", rtol=1e-2)
    checks.check_scalar(1.001, 1.0, "s", rtol=1e-2)
    old = np.seterr(all="raise")
    try:
        with checks.stable("checks inside stable"):
            checks.check_array(np.array([np.inf, 1.0]), [np.inf, 1.0], "y")
            checks.check_array(np.array([np.nan, 1.0]), [np.nan, 1.0], "y")
            checks.check_scalar(np.inf, np.inf, "s")
            fails(checks.check_array, np.array([1.0, np.inf]), [1.0, 1.0], "y", contains=["inf"])
    finally:
        np.seterr(**old)


def test_lying_subclass_overrides_never_run_in_a_verdict():
    for check, got, expected in (
            (checks.check_array, _lying_subclass(EXPECTED.copy()), EXPECTED),
            (checks.check_int_array, _lying_subclass(np.array([0, 1]), np.array([0, 1])), [0, 1]),
            (checks.check_scalar, _lying_subclass(np.array(0.5), np.array(0.5)), 0.5)):
        CALLS.clear()
        check(got, expected, "answer")
        assert not CALLS, CALLS


# ------------------------------------------------------------------------------------------------
# call: in-place changes hidden behind look-alikes
# ------------------------------------------------------------------------------------------------

def _evil_key():
    class Key(str):
        def __eq__(self, other):
            return True

        def __hash__(self):
            return hash("W")

    return Key("V")


CALL_EVIL = [
    ("list element -> lying float", lambda xs: xs.__setitem__(0, _LyingFloat(9.0)),
     lambda: [1.0, 2.0]),
    ("list element -> lying int", lambda xs: xs.__setitem__(1, _LyingInt(9)), lambda: [1, 3]),
    ("dict value -> array-like", lambda d: d.__setitem__("W", _pretender(np.ones(2))),
     lambda: {"W": np.ones(2)}),
    ("dict value -> lying subclass",
     lambda d: d.__setitem__("W", _lying_subclass(np.zeros(2), np.ones(2))),
     lambda: {"W": np.ones(2)}),
    ("dict key -> lying key", lambda d: (d.pop("W"), d.__setitem__(_evil_key(), np.ones(2))),
     lambda: {"W": np.ones(2)}),
    ("array values", lambda a: a.__setitem__(0, 5.0), lambda: np.zeros(2)),
    ("array reshaped in place", lambda a: setattr(a, "shape", (2, 1)), lambda: np.zeros(2)),
    ("array dtype reinterpreted", lambda a: setattr(a, "dtype", np.int64), lambda: np.zeros(2)),
    ("NaN overwritten", lambda a: a.__setitem__(0, 0.0), lambda: np.array([np.nan, 1.0])),
    ("list in a tuple", lambda t: t[0].append(1.0), lambda: ([0.0],)),
    ("object array element", lambda a: a.__setitem__(0, _LyingFloat(9.0)),
     lambda: np.array([1.0, "x"], dtype=object)),
]


@pytest.mark.parametrize("label, mutate, make", CALL_EVIL, ids=[c[0] for c in CALL_EVIL])
def test_call_sees_mutation_behind_lying_objects(label, mutate, make):
    def graded(x):
        mutate(x)

    fails(checks.call, graded, make(), contains=["argument number 1 in place"])
    fails(checks.call, graded, x=make(), contains=["argument `x` in place"])


def test_call_accepts_honest_functions():
    def pure(x, params, xs, t):
        return x * 2, {k: v - 1 for k, v in params.items()}, [v + 1 for v in xs], t

    x = np.array([np.nan, 1.0, np.inf])
    params = {"W": np.ones((2, 2), dtype=np.float32), "b": np.zeros(2), ("a", 1): 3}
    out = checks.call(pure, x, params, [1.0, float("nan"), np.float64(2.0)], ([np.zeros(1)], "s"))
    assert out[0][1] == 2.0
    # replacing a value by an equal one of the same type is not a modification
    checks.call(lambda xs: xs.__setitem__(0, 1.0), [1.0, 2.0])
    checks.call(lambda d: d.__setitem__("W", np.ones(2)), {"W": np.ones(2)})
    checks.call(lambda d: d.update(W=d.pop("W")), {"W": np.ones(2), "b": 1})


# ------------------------------------------------------------------------------------------------
# rebinding NumPy functions or builtins in the notebook does not change a verdict
# ------------------------------------------------------------------------------------------------

def _verdicts(cases):
    """'pass', 'fail' or the exception's type name for each (check, got, expected)."""
    out = []
    for check, got, expected in cases:
        try:
            check(got, expected, "v")
        except checks.CheckFailure:
            out.append("fail")
        except Exception as error:  # noqa: BLE001
            out.append(type(error).__name__)
        else:
            out.append("pass")
    return out


def _right_and_wrong():
    right = [(checks.check_array, np.array([1.0, 2.0]), np.array([1.0, 2.0])),
             (checks.check_array, np.array([1.0, 2.0], dtype=np.float32), np.array([1.0, 2.0])),
             (checks.check_int_array, np.array([0, 1]), [0, 1]),
             (checks.check_scalar, 0.5, 0.5),
             (checks.check_scalar, np.float32(0.5), 0.5),
             (checks.check_scalar, np.array(0.5), 0.5),
             (checks.check_equal, 3, 3),
             (checks.check_equal, (2, 3), (2, 3))]
    wrong = [(checks.check_array, np.array([9.0, 2.0]), np.array([1.0, 2.0])),
             (checks.check_array, np.array([np.nan, 2.0]), np.array([1.0, 2.0])),
             (checks.check_array, np.array([[1.0], [2.0]]), np.array([1.0, 2.0])),
             (checks.check_array, _pretender(np.array([1.0, 2.0])), np.array([1.0, 2.0])),
             (checks.check_int_array, np.array([1, 1]), [0, 1]),
             (checks.check_scalar, 0.6, 0.5),
             (checks.check_scalar, float("nan"), 0.5),
             (checks.check_scalar, _LyingFloat(9.0), 0.5),
             (checks.check_equal, 4, 3),
             (checks.check_equal, _LyingInt(4), 3)]
    return right, wrong


LIARS = {
    "numpy.allclose": (np, "allclose", lambda *a, **k: True),
    "numpy.array_equal": (np, "array_equal", lambda *a, **k: True),
    "numpy.isfinite": (np, "isfinite", lambda x, *a, **k: np.ones(np.shape(x), dtype=bool)),
    "numpy.isnan": (np, "isnan", lambda x, *a, **k: np.zeros(np.shape(x), dtype=bool)),
    "numpy.abs": (np, "abs", lambda x, *a, **k: np.zeros(np.shape(x))),
    "numpy.absolute": (np, "absolute", lambda x, *a, **k: np.zeros(np.shape(x))),
    "numpy.asarray": (np, "asarray", lambda x, *a, **k: np.zeros(2)),
    "numpy.where": (np, "where", lambda *a, **k: np.zeros(1, dtype=int)),
    "numpy.float64": (np, "float64", np.float32),
    "numpy.ndarray": (np, "ndarray", object),
    "numpy.testing.assert_allclose": (np.testing, "assert_allclose", lambda *a, **k: None),
    "builtins.isinstance": (builtins, "isinstance", lambda *a: True),
    "builtins.abs": (builtins, "abs", lambda x: 0.0),
    "builtins.float": (builtins, "float", lambda *a: 0.5),
    "builtins.int": (builtins, "int", lambda *a: 3),
    "builtins.type": (builtins, "type", lambda *a: float),
    "builtins.len": (builtins, "len", lambda x: 2),
    "builtins.bool": (builtins, "bool", lambda *a: True),
    "builtins.getattr": (builtins, "getattr", lambda *a: np.dtype(np.float64)),
    "builtins.issubclass": (builtins, "issubclass", lambda *a: True),
}


@pytest.mark.parametrize("target", list(LIARS))
def test_verdicts_survive_rebinding(monkeypatch, target):
    right, wrong = _right_and_wrong()
    module, attribute, liar = LIARS[target]
    with monkeypatch.context() as patch:
        patch.setattr(module, attribute, liar)
        got_right, got_wrong = _verdicts(right), _verdicts(wrong)
    assert got_right == ["pass"] * len(right), got_right
    assert got_wrong == ["fail"] * len(wrong), got_wrong  # failures, with a clean message


def test_verdicts_survive_rebinding_everything_at_once(monkeypatch):
    right, wrong = _right_and_wrong()
    with monkeypatch.context() as patch:
        for module, attribute, liar in LIARS.values():
            patch.setattr(module, attribute, liar)
        got_right, got_wrong = _verdicts(right), _verdicts(wrong)
    assert got_right == ["pass"] * len(right), got_right
    assert all(v != "pass" for v in got_wrong), got_wrong


def test_verdicts_survive_breaking_every_numpy_function(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("rebound by the notebook")

    right, wrong = _right_and_wrong()
    names = [name for name in dir(np) if not name.startswith("_") and callable(getattr(np, name))]
    with monkeypatch.context() as patch:
        for name in names:
            patch.setattr(np, name, broken)
        got_right, got_wrong = _verdicts(right), _verdicts(wrong)
    assert got_right == ["pass"] * len(right), got_right
    assert got_wrong == ["fail"] * len(wrong), got_wrong


def _code_objects(code):
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _code_objects(constant)


def test_checks_look_up_only_names_bound_at_import():
    """No check resolves a builtin or a module attribute when it runs (all bound at import)."""
    namespace = vars(checks)
    offending = []
    functions = []
    for name, value in namespace.items():
        if isinstance(value, type) and value.__module__ == checks.__name__:
            functions += [(f"{name}.{key}", member) for key, member in vars(value).items()]
        else:
            functions.append((name, value))
    for name, value in functions:
        function = getattr(value, "__wrapped__", value)
        if not (isinstance(function, types.FunctionType)
                and function.__module__ == checks.__name__):
            continue
        for code in _code_objects(function.__code__):
            for instruction in dis.get_instructions(code):
                if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
                    target = instruction.argval
                    if target not in namespace or isinstance(namespace[target], types.ModuleType):
                        offending.append(f"{name}: {target}")
    assert not offending, offending


def test_check_true_uses_the_trusted_truth_of_bools_and_arrays(monkeypatch):
    checks.check_true(True, "m")
    checks.check_true(np.True_, "m")
    checks.check_true(np.array([True]), "m")
    checks.check_true([0], "m")
    for falsy in (False, np.False_, np.array(False), 0, 0.0, "", [], (), {}, None):
        fails(checks.check_true, falsy, "the message", hint="h", contains=["the message", "h"])
    with monkeypatch.context() as patch:
        patch.setattr(builtins, "bool", lambda *a: True)
        outcomes = _verdicts([(lambda got, *_: checks.check_true(got, "m"), value, None)
                              for value in (False, np.False_, np.array([False]))])
    assert outcomes == ["fail"] * 3, outcomes
