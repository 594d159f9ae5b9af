"""annlab.checks accepts right answers (float32 or float64) and rejects wrong ones with
messages in the order type → shape → value."""

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
