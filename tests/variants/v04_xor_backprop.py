"""Known-wrong and known-right answers for 04_xor_backprop (hidden layers, XOR, backpropagation).

Each source is what a student would type into the answer cell; it runs after the Setup cell
(``np``, ``keras``, ``ACTIVATIONS``, ``sigmoid``, ``softmax``, ``mlp_loss``,
``iterate_minibatches``, …) and, in the fast harness, next to the reference answers of the
other exercises. ``mlp_backward`` variants read the cache of the reference ``mlp_forward``
(the dict suggested in its docstring: ``"A0"``, ``"Z1"``, ``"A1"``, …, ``"hidden_activation"``).

Many wrong variants are the reference with one line changed; ``_mutate`` builds them and
fails loudly if the line to change is not there. The first variant of each table is the one
that ``tests/test_nbgrader.py`` pastes into a whole notebook, so the first RIGHT answers must
work together (``mlp_backward`` is tested through ``mlp_forward``'s cache, ``train_mlp``
through all of them). Every RIGHT combination across init/forward/backward/update/train
passes (float32 anywhere in the pipeline included).
"""

import textwrap


def _mutate(source, old, new, count=1):
    source = textwrap.dedent(source)
    assert source.count(old) >= count, f"variant template lacks {old!r}"
    return source.replace(old, new)


# --------------------------------------------------------------------------------- init_mlp
_INIT = '''
def init_mlp(layer_sizes, rng):
    params = {}
    for l in range(1, len(layer_sizes)):
        fan_in, fan_out = layer_sizes[l - 1], layer_sizes[l]
        r = np.sqrt(6.0 / (fan_in + fan_out))
        params[f"W{l}"] = rng.uniform(-r, r, size=(fan_in, fan_out))
        params[f"b{l}"] = np.zeros(fan_out)
    return params
'''

# ------------------------------------------------------------------------------ mlp_forward
_FORWARD = '''
def mlp_forward(X, params, hidden_activation="tanh", output_activation="sigmoid"):
    L = len(params) // 2
    A = np.asarray(X, dtype=float)
    cache = {"A0": A, "hidden_activation": hidden_activation}
    for l in range(1, L + 1):
        Z = A @ params[f"W{l}"] + params[f"b{l}"]
        if l < L:
            A = ACTIVATIONS[hidden_activation](Z)
        else:
            A = ACTIVATIONS[output_activation](Z)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache
'''

# --------------------------------------------------------------------------- fibonacci_memo
_FIB = '''
def fibonacci_memo(n, memo=None):
    if memo is None:
        memo = {}
    if n in memo:
        return memo[n]
    if n <= 2:
        f = 1
    else:
        f = fibonacci_memo(n - 1, memo) + fibonacci_memo(n - 2, memo)
    memo[n] = f
    return f
'''

# ----------------------------------------------------------------------------- mlp_backward
_BACKWARD = '''
def mlp_backward(Y, T, cache, params, loss="bce"):
    Y = np.asarray(Y, dtype=float)
    T = np.asarray(T, dtype=float).reshape(Y.shape)
    n = Y.shape[0]
    L = len(params) // 2
    if loss == "mse":
        delta = 2 * (Y - T) / (n * Y.shape[1])
    else:
        delta = (Y - T) / n
    hidden = cache["hidden_activation"]
    grads = {}
    for l in range(L, 0, -1):
        A_prev = cache[f"A{l - 1}"]
        grads[f"W{l}"] = A_prev.T @ delta
        grads[f"b{l}"] = delta.sum(axis=0)
        if l > 1:
            dA = delta @ params[f"W{l}"].T
            if hidden == "tanh":
                delta = dA * (1 - A_prev ** 2)
            elif hidden == "sigmoid":
                delta = dA * A_prev * (1 - A_prev)
            else:
                delta = dA * (cache[f"Z{l - 1}"] > 0)
    return grads
'''

# ----------------------------------------------------------------------- numerical_gradient
_NUMGRAD = '''
def numerical_gradient(f, params, eps=1e-6):
    grads = {}
    for key in params:
        theta = np.array(params[key], dtype=float)
        shifted = dict(params)
        shifted[key] = theta
        grad = np.zeros(theta.shape)
        for index in np.ndindex(theta.shape):
            original = theta[index]
            theta[index] = original + eps
            f_plus = f(shifted)
            theta[index] = original - eps
            f_minus = f(shifted)
            theta[index] = original
            grad[index] = (f_plus - f_minus) / (2 * eps)
        grads[key] = grad
    return grads
'''

# ------------------------------------------------------------------------------- train_mlp
_TRAIN = '''
def train_mlp(X, T, layer_sizes, lr, epochs, batch_size=None, seed=0,
              hidden_activation="tanh", output_activation="sigmoid", loss="bce"):
    X = np.asarray(X, dtype=float)
    T = np.asarray(T, dtype=float)
    rng = np.random.default_rng(seed)
    params = init_mlp(layer_sizes, rng)
    history = []
    for epoch in range(epochs):
        if batch_size is None:
            batches = [(X, T)]
        else:
            batches = iterate_minibatches(X, T, batch_size, rng)
        for X_batch, T_batch in batches:
            Y, cache = mlp_forward(X_batch, params, hidden_activation, output_activation)
            grads = mlp_backward(Y, T_batch, cache, params, loss)
            params = sgd_update(params, grads, lr)
        Y, _ = mlp_forward(X, params, hidden_activation, output_activation)
        history.append(mlp_loss(Y, T, loss))
    return params, history
'''

# ------------------------------------------------------------------------- build_xor_model
_KERAS = '''
def build_xor_model(hidden_units=4):
    model = keras.Sequential([
        keras.Input(shape=(2,)),
        keras.layers.Dense(hidden_units, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model
'''

WRONG = {
    "init_mlp": {
        "scale_sqrt_6_over_fan_in": _mutate(_INIT, "6.0 / (fan_in + fan_out)", "6.0 / fan_in"),
        "glorot_normal_instead_of_uniform": _mutate(
            _INIT, "rng.uniform(-r, r, size=(fan_in, fan_out))",
            "rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))"),
        "random_biases": _mutate(_INIT, "np.zeros(fan_out)", "rng.uniform(-r, r, size=fan_out)"),
        "shapes_fan_out_fan_in": _mutate(_INIT, "size=(fan_in, fan_out)", "size=(fan_out, fan_in)"),
        "transposed_after_drawing_fan_out_fan_in": _mutate(
            _INIT, "rng.uniform(-r, r, size=(fan_in, fan_out))",
            "rng.uniform(-r, r, size=(fan_out, fan_in)).T"),
        "keys_counted_from_zero": _mutate(_mutate(_INIT, 'f"W{l}"', 'f"W{l - 1}"'),
                                          'f"b{l}"', 'f"b{l - 1}"'),
        "ignores_rng_argument": _mutate(_INIT, "rng.uniform", "np.random.default_rng(0).uniform"),
        "global_numpy_random": _mutate(_INIT, "rng.uniform", "np.random.uniform"),
        "biases_as_row_matrices": _mutate(_INIT, "np.zeros(fan_out)", "np.zeros((1, fan_out))"),
        "range_zero_to_r": _mutate(_INIT, "rng.uniform(-r, r,", "rng.uniform(0.0, r,"),
        "forgets_last_layer": _mutate(_INIT, "range(1, len(layer_sizes))",
                                      "range(1, len(layer_sizes) - 1)"),
        "biases_drawn_then_zeroed": _mutate(
            _INIT, "params[f\"b{l}\"] = np.zeros(fan_out)",
            "params[f\"b{l}\"] = 0.0 * rng.uniform(-r, r, size=fan_out)"),
    },
    "mlp_forward": {
        "forgets_bias": _mutate(_FORWARD, ' + params[f"b{l}"]', ""),
        "hidden_activation_on_output": _mutate(_FORWARD, "ACTIVATIONS[output_activation](Z)",
                                               "ACTIVATIONS[hidden_activation](Z)"),
        "output_activation_everywhere": _mutate(_FORWARD, "ACTIVATIONS[hidden_activation](Z)",
                                                "ACTIVATIONS[output_activation](Z)"),
        "softmax_over_samples_axis0": _mutate(
            _FORWARD, "            A = ACTIVATIONS[output_activation](Z)",
            "            A = (np.exp(Z - Z.max(axis=0)) / np.exp(Z - Z.max(axis=0)).sum(axis=0)\n"
            "                 if output_activation == 'softmax' else ACTIVATIONS[output_activation](Z))"),
        "naive_softmax_overflows": _mutate(
            _FORWARD, "            A = ACTIVATIONS[output_activation](Z)",
            "            A = (np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)\n"
            "                 if output_activation == 'softmax' else ACTIVATIONS[output_activation](Z))"),
        "naive_sigmoid_overflows": _mutate(
            _FORWARD, "            A = ACTIVATIONS[output_activation](Z)",
            "            A = (1 / (1 + np.exp(-Z)) if output_activation == 'sigmoid'\n"
            "                 else ACTIVATIONS[output_activation](Z))"),
        "skips_output_layer": _mutate(_FORWARD, "range(1, L + 1)", "range(1, L)"),
        "squeezes_single_output": _mutate(_FORWARD, "    return A, cache",
                                          "    return (A[:, 0] if A.shape[1] == 1 else A), cache"),
        "weights_transposed": _mutate(_FORWARD, 'A @ params[f"W{l}"]', 'A @ params[f"W{l}"].T'),
        "layers_from_number_of_keys": _mutate(_FORWARD, "L = len(params) // 2", "L = len(params) - 1"),
    },
    "fibonacci_memo": {
        "the_slides_list_memo": _mutate(_FIB, "memo = {}", "memo = []"),
        "naive_recursion_ignores_memo": '''
def fibonacci_memo(n, memo=None):
    if n <= 2:
        return 1
    return fibonacci_memo(n - 1) + fibonacci_memo(n - 2)
''',
        "memo_not_passed_down": _mutate(_FIB, "fibonacci_memo(n - 1, memo) + fibonacci_memo(n - 2, memo)",
                                        "fibonacci_memo(n - 1) + fibonacci_memo(n - 2)"),
        "stores_but_never_looks_up": _mutate(_FIB, "    if n in memo:\n        return memo[n]\n", ""),
        "looks_among_the_values": _mutate(_FIB, "if n in memo:", "if n in memo.values():"),
        "float_values": _mutate(_FIB, "f = 1\n", "f = 1.0\n"),
        "numpy_int64_values": _mutate(_FIB, "f = 1\n", "f = np.int64(1)\n"),
        "base_case_off_by_one": _mutate(_FIB, "if n <= 2:", "if n <= 1:"),
        "iterative_without_memo": '''
def fibonacci_memo(n, memo=None):
    a, b = 1, 1
    for _ in range(n - 2):
        a, b = b, a + b
    return b if n > 1 else a
''',
    },
    "mlp_backward": {
        "wrong_sign": _mutate(_mutate(_BACKWARD, "2 * (Y - T)", "2 * (T - Y)"),
                              "delta = (Y - T) / n", "delta = (T - Y) / n"),
        "tanh_derivative_for_every_activation": _mutate(
            _BACKWARD, 'if hidden == "tanh":', 'if hidden in ("tanh", "sigmoid", "relu"):'),
        "sigmoid_derivative_for_tanh": _mutate(
            _BACKWARD, "delta = dA * (1 - A_prev ** 2)", "delta = dA * A_prev * (1 - A_prev)"),
        "derivative_of_z_instead_of_a": _mutate(_mutate(
            _BACKWARD, "delta = dA * (1 - A_prev ** 2)",
            'delta = dA * (1 - cache[f"Z{l - 1}"] ** 2)'),
            "delta = dA * A_prev * (1 - A_prev)",
            'delta = dA * cache[f"Z{l - 1}"] * (1 - cache[f"Z{l - 1}"])'),
        "relu_derivative_is_the_value": _mutate(
            _BACKWARD, 'delta = dA * (cache[f"Z{l - 1}"] > 0)', "delta = dA * A_prev"),
        "derivative_from_the_layer_above": _mutate(
            _BACKWARD, "            dA = delta @ params[f\"W{l}\"].T\n",
            "            dA = delta @ params[f\"W{l}\"].T\n"
            "            A_prev = cache[f\"A{l}\"] if cache[f\"A{l}\"].shape == A_prev.shape else A_prev\n"),
        "bias_gradient_not_summed": _mutate(_BACKWARD, "delta.sum(axis=0)", "delta"),
        "bias_gradient_first_row": _mutate(_BACKWARD, "delta.sum(axis=0)", "delta[0]"),
        "bias_gradient_mean_not_sum": _mutate(_BACKWARD, "delta.sum(axis=0)", "delta.mean(axis=0)"),
        "weight_gradient_transposed": _mutate(_BACKWARD, "A_prev.T @ delta", "delta.T @ A_prev"),
        "weight_gradient_transposed_square_only": _mutate(
            _BACKWARD, "grads[f\"W{l}\"] = A_prev.T @ delta",
            "grads[f\"W{l}\"] = (delta.T @ A_prev if delta.shape[1] == A_prev.shape[1]\n"
            "                            else A_prev.T @ delta)"),
        "backpropagates_with_w_not_w_transposed": _mutate(
            _BACKWARD, 'dA = delta @ params[f"W{l}"].T',
            'dA = delta @ params[f"W{l}"] if params[f"W{l}"].shape[0] == params[f"W{l}"].shape[1] '
            'else delta @ params[f"W{l}"].T'),
        "sum_instead_of_mean": _mutate(_mutate(_BACKWARD, "2 * (Y - T) / (n * Y.shape[1])",
                                               "2 * (Y - T) / Y.shape[1]"),
                                       "delta = (Y - T) / n", "delta = Y - T"),
        "mse_missing_factor_2": _mutate(_BACKWARD, "2 * (Y - T) / (n * Y.shape[1])",
                                        "(Y - T) / (n * Y.shape[1])"),
        "mse_mean_over_samples_only": _mutate(_BACKWARD, "2 * (Y - T) / (n * Y.shape[1])",
                                              "2 * (Y - T) / n"),
        "bce_extra_sigmoid_derivative": _mutate(_BACKWARD, "delta = (Y - T) / n",
                                                "delta = (Y - T) * Y * (1 - Y) / n"),
        "modifies_Y_in_place": _mutate(
            _BACKWARD, "    else:\n        delta = (Y - T) / n",
            "    else:\n        delta = Y\n        delta -= T\n        delta /= n").replace(
            "Y = np.asarray(Y, dtype=float)", "Y = np.asarray(Y)"),
        "stops_before_first_layer": _mutate(_BACKWARD, "range(L, 0, -1)", "range(L, 1, -1)"),
        "hidden_derivative_applied_to_output_delta": _mutate(
            _BACKWARD, "    hidden = cache[\"hidden_activation\"]\n",
            "    hidden = cache[\"hidden_activation\"]\n"
            "    if hidden == \"tanh\":\n        delta = delta * (1 - Y ** 2)\n"),
    },
    "numerical_gradient": {
        "one_sided_difference": _mutate(_mutate(
            _NUMGRAD, "            theta[index] = original - eps\n            f_minus = f(shifted)\n",
            "            theta[index] = original\n            f_minus = f(shifted)\n"),
            "(f_plus - f_minus) / (2 * eps)", "(f_plus - f_minus) / eps"),
        "in_place_plus_minus_not_restored_exactly": '''
def numerical_gradient(f, params, eps=1e-6):
    grads = {}
    for key, p in params.items():
        grad = np.zeros_like(p, dtype=float)
        for index in np.ndindex(p.shape):
            p[index] += eps
            f_plus = f(params)
            p[index] -= 2 * eps
            f_minus = f(params)
            p[index] += eps
            grad[index] = (f_plus - f_minus) / (2 * eps)
        grads[key] = grad
    return grads
''',
        "divides_by_eps_not_2eps": _mutate(_NUMGRAD, "/ (2 * eps)", "/ eps"),
        "ignores_eps_argument": _mutate(_mutate(_mutate(
            _NUMGRAD, "original + eps", "original + 1e-6"), "original - eps", "original - 1e-6"),
            "/ (2 * eps)", "/ (2 * 1e-6)"),
        "never_restores_entries": _mutate(
            _NUMGRAD, "            theta[index] = original\n", ""),
        "perturbs_whole_rows": '''
def numerical_gradient(f, params, eps=1e-6):
    grads = {}
    for key in params:
        grad = np.zeros(np.shape(params[key]))
        for i in range(len(params[key])):
            plus, minus = dict(params), dict(params)
            plus[key] = np.array(params[key], dtype=float)
            minus[key] = np.array(params[key], dtype=float)
            plus[key][i] += eps
            minus[key][i] -= eps
            grad[i] = (f(plus) - f(minus)) / (2 * eps)
        grads[key] = grad
    return grads
''',
        "flat_gradients": _mutate(_NUMGRAD, "grads[key] = grad", "grads[key] = grad.ravel()"),
        "perturbs_params_and_restores_only_at_the_end": '''
def numerical_gradient(f, params, eps=1e-6):
    grads = {}
    for key, p in params.items():
        saved = p.copy()
        grad = np.zeros(p.shape)
        for index in np.ndindex(p.shape):
            p[index] = saved[index] + eps
            f_plus = f(params)
            p[index] = saved[index] - eps
            f_minus = f(params)
            grad[index] = (f_plus - f_minus) / (2 * eps)
        p[...] = saved + 0.0 * grad
        grads[key] = grad
    return grads
''',
    },
    "sgd_update": {
        "in_place_minus_equals": '''
def sgd_update(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]
    return params
''',
        "wrong_sign": '''
def sgd_update(params, grads, lr):
    return {key: np.asarray(params[key], dtype=float) + lr * np.asarray(grads[key], dtype=float)
            for key in params}
''',
        "weights_only": '''
def sgd_update(params, grads, lr):
    new = {}
    for key, value in params.items():
        value = np.asarray(value, dtype=float)
        new[key] = value - lr * np.asarray(grads[key]) if key.startswith("W") else value.copy()
    return new
''',
        "rebinds_keys_of_the_callers_dict": '''
def sgd_update(params, grads, lr):
    for key in params:
        params[key] = np.asarray(params[key], dtype=float) - lr * np.asarray(grads[key], dtype=float)
    return params
''',
        "returns_only_the_step": '''
def sgd_update(params, grads, lr):
    return {key: -lr * np.asarray(grads[key], dtype=float) for key in params}
''',
        "shallow_copy_then_in_place": '''
def sgd_update(params, grads, lr):
    new = dict(params)
    for key in new:
        new[key] -= lr * grads[key]
    return new
''',
    },
    "train_mlp": {
        "never_updates": _mutate(_TRAIN, "params = sgd_update(params, grads, lr)",
                                 "new_params = sgd_update(params, grads, lr)"),
        "updates_with_previous_batch_gradient": _mutate(_mutate(
            _TRAIN, "    history = []\n", "    history = []\n    grads = None\n"),
            "            grads = mlp_backward(Y, T_batch, cache, params, loss)\n"
            "            params = sgd_update(params, grads, lr)\n",
            "            if grads is not None:\n"
            "                params = sgd_update(params, grads, lr)\n"
            "            grads = mlp_backward(Y, T_batch, cache, params, loss)\n"),
        "history_before_the_epoch": _mutate(_mutate(
            _TRAIN, "        Y, _ = mlp_forward(X, params, hidden_activation, output_activation)\n"
                    "        history.append(mlp_loss(Y, T, loss))\n", ""),
            "        if batch_size is None:\n",
            "        history.append(mlp_loss(mlp_forward(X, params, hidden_activation,"
            " output_activation)[0], T, loss))\n        if batch_size is None:\n"),
        "history_of_the_last_batch": _mutate(
            _TRAIN, "        Y, _ = mlp_forward(X, params, hidden_activation, output_activation)\n"
                    "        history.append(mlp_loss(Y, T, loss))\n",
            "        history.append(mlp_loss(Y, T_batch, loss))\n"),
        "new_generator_for_the_batches": _mutate(
            _TRAIN, "iterate_minibatches(X, T, batch_size, rng)",
            "iterate_minibatches(X, T, batch_size, np.random.default_rng(seed))"),
        "batches_never_shuffled": _mutate(_TRAIN, "iterate_minibatches(X, T, batch_size, rng)",
                                          "iterate_minibatches(X, T, batch_size)"),
        "separate_generators_for_init_and_batches": _mutate(
            _TRAIN, "    params = init_mlp(layer_sizes, rng)",
            "    params = init_mlp(layer_sizes, np.random.default_rng(seed))"),
        "global_numpy_shuffle": _mutate(_TRAIN, "iterate_minibatches(X, T, batch_size, rng)",
                                        "iterate_minibatches(X, T, batch_size, np.random)"),
        "initial_loss_in_history": _mutate(
            _TRAIN, "    history = []\n",
            "    history = [mlp_loss(mlp_forward(X, params, hidden_activation, output_activation)[0],"
            " T, loss)]\n"),
        "one_batch_per_epoch": _mutate(_TRAIN, "            params = sgd_update(params, grads, lr)\n",
                                       "            params = sgd_update(params, grads, lr)\n"
                                       "            break\n"),
        "ignores_activations": _mutate(_mutate(
            _TRAIN, "mlp_forward(X_batch, params, hidden_activation, output_activation)",
            "mlp_forward(X_batch, params)"),
            "mlp_forward(X, params, hidden_activation, output_activation)", "mlp_forward(X, params)"),
    },
    "build_xor_model": {
        "no_hidden_layer": _mutate(_KERAS, '        keras.layers.Dense(hidden_units, activation="tanh"),\n',
                                   ""),
        "linear_hidden_layer": _mutate(_KERAS, 'Dense(hidden_units, activation="tanh")',
                                       "Dense(hidden_units)"),
        "mse_loss": _mutate(_KERAS, 'loss="binary_crossentropy"', 'loss="mse"'),
        "sgd_far_too_slow": _mutate(_KERAS, "keras.optimizers.Adam(learning_rate=0.05)",
                                    "keras.optimizers.SGD(learning_rate=0.01)"),
        "ignores_hidden_units": _mutate(_KERAS, "Dense(hidden_units,", "Dense(4,"),
        "two_hidden_layers": _mutate(_KERAS, '        keras.layers.Dense(1, activation="sigmoid"),\n',
                                     '        keras.layers.Dense(hidden_units, activation="tanh"),\n'
                                     '        keras.layers.Dense(1, activation="sigmoid"),\n'),
        "no_accuracy_metric": _mutate(_KERAS, ', metrics=["accuracy"]', ""),
        "from_logits_on_a_sigmoid_output": _mutate(
            _KERAS, 'loss="binary_crossentropy"',
            "loss=keras.losses.BinaryCrossentropy(from_logits=True)"),
        "relu_output": _mutate(_KERAS, 'Dense(1, activation="sigmoid")', 'Dense(1, activation="relu")'),
        "no_input_declared": _mutate(_KERAS, "        keras.Input(shape=(2,)),\n", ""),
        "not_compiled": _mutate(_KERAS, "    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05),\n"
                                        '                  loss="binary_crossentropy", metrics=["accuracy"])\n',
                                ""),
    },
}

RIGHT = {
    "init_mlp": {
        "scaled_random_and_zip": '''
def init_mlp(layer_sizes, rng):
    sizes = list(layer_sizes)
    params = {}
    for l, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        limit = (6 / (fan_in + fan_out)) ** 0.5
        params["W" + str(l)] = (2.0 * rng.random((fan_in, fan_out)) - 1.0) * limit
        params["b" + str(l)] = np.zeros((fan_out,))
    return params
''',
        "float32_weights": _mutate(_INIT, "rng.uniform(-r, r, size=(fan_in, fan_out))",
                                   "rng.uniform(-r, r, size=(fan_in, fan_out)).astype(np.float32)"),
        "reference_as_given": _INIT,
    },
    "mlp_forward": {
        "explicit_formulas_same_cache": '''
def mlp_forward(X, params, hidden_activation="tanh", output_activation="sigmoid"):
    def f(name, z):
        if name == "tanh":
            return np.tanh(z)
        if name == "sigmoid":
            return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))
        if name == "relu":
            return np.where(z > 0, z, 0.0)
        if name == "softmax":
            e = np.exp(z - np.max(z, axis=1, keepdims=True))
            return e / np.sum(e, axis=1, keepdims=True)
        return z

    n_layers = sum(1 for key in params if key.startswith("W"))
    A = np.array(X, dtype=np.float64)
    cache = {"A0": A, "hidden_activation": hidden_activation}
    for l in range(1, n_layers + 1):
        Z = np.dot(A, params["W%d" % l]) + params["b%d" % l]
        A = f(output_activation if l == n_layers else hidden_activation, Z)
        cache["Z%d" % l] = Z
        cache["A%d" % l] = A
    return A, cache
''',
        "float32_throughout": '''
def _act32(name, z):
    z = z.astype(np.float32)
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return np.exp(-np.logaddexp(np.float32(0.0), -z))
    if name == "relu":
        return np.maximum(z, np.float32(0.0))
    if name == "softmax":
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    return z


def mlp_forward(X, params, hidden_activation="tanh", output_activation="sigmoid"):
    L = len(params) // 2
    A = np.asarray(X, dtype=np.float32)
    cache = {"A0": A, "hidden_activation": hidden_activation}
    for l in range(1, L + 1):
        W = np.asarray(params[f"W{l}"], dtype=np.float32)
        b = np.asarray(params[f"b{l}"], dtype=np.float32)
        Z = A @ W + b
        A = _act32(hidden_activation if l < L else output_activation, Z)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache
''',
        "per_sample_loop": '''
def mlp_forward(X, params, hidden_activation="tanh", output_activation="sigmoid"):
    X = np.asarray(X, dtype=float)
    L = len(params) // 2
    cache = {"A0": X, "hidden_activation": hidden_activation}
    rows_A = [x for x in X]
    for l in range(1, L + 1):
        name = hidden_activation if l < L else output_activation
        rows_Z = [a @ params[f"W{l}"] + params[f"b{l}"] for a in rows_A]
        rows_A = [ACTIVATIONS[name](z) for z in rows_Z]
        cache[f"Z{l}"], cache[f"A{l}"] = np.array(rows_Z), np.array(rows_A)
    return cache[f"A{L}"], cache
''',
    },
    "fibonacci_memo": {
        "bottom_up_loop": '''
def fibonacci_memo(n, memo=None):
    if memo is None:
        memo = dict()
    for k in range(1, n + 1):
        if k not in memo:
            memo[k] = 1 if k <= 2 else memo[k - 1] + memo[k - 2]
    return memo[n]
''',
        "base_cases_first_and_get": '''
def fibonacci_memo(n, memo=None):
    memo = {} if memo is None else memo
    if n <= 2:
        return 1
    value = memo.get(n)
    if value is None:
        value = fibonacci_memo(n - 1, memo) + fibonacci_memo(n - 2, memo)
        memo[n] = value
    return value
''',
        "zero_based_with_f0": '''
def fibonacci_memo(n, memo=None):
    if memo is None:
        memo = {}
    if n not in memo:
        memo[n] = n if n < 2 else fibonacci_memo(n - 1, memo) + fibonacci_memo(n - 2, memo)
    return memo[n]
''',
        "reference_as_given": _FIB,
    },
    "mlp_backward": {
        "derivatives_from_z": '''
def mlp_backward(Y, T, cache, params, loss="bce"):
    Y = np.asarray(Y, dtype=float)
    T = np.reshape(np.asarray(T, dtype=float), Y.shape)
    n, n_out = Y.shape
    factor = {"bce": 1.0 / n, "cce": 1.0 / n, "mse": 2.0 / (n * n_out)}[loss]
    delta = factor * (Y - T)
    layers = len(params) // 2
    hidden = cache["hidden_activation"]
    grads = {}
    l = layers
    while l >= 1:
        grads["W%d" % l] = np.einsum("ni,nj->ij", cache["A%d" % (l - 1)], delta)
        grads["b%d" % l] = np.einsum("nj->j", delta)
        if l > 1:
            Z = cache["Z%d" % (l - 1)]
            if hidden == "tanh":
                d = 1.0 / np.cosh(Z) ** 2
            elif hidden == "sigmoid":
                s = 1.0 / (1.0 + np.exp(-Z))
                d = s * (1.0 - s)
            else:
                d = np.heaviside(Z, 0.0)
            delta = np.einsum("nj,ij->ni", delta, params["W%d" % l]) * d
        l -= 1
    return grads
''',
        "per_sample_outer_products": '''
def mlp_backward(Y, T, cache, params, loss="bce"):
    Y = np.asarray(Y, dtype=float)
    T = np.asarray(T, dtype=float).reshape(Y.shape)
    n = len(Y)
    L = len(params) // 2
    grads = {key: np.zeros(np.shape(value)) for key, value in params.items()}
    for i in range(n):
        if loss == "mse":
            delta = 2.0 * (Y[i] - T[i]) / Y.size
        else:
            delta = (Y[i] - T[i]) / n
        for l in range(L, 0, -1):
            a_prev = cache[f"A{l - 1}"][i]
            grads[f"W{l}"] += np.outer(a_prev, delta)
            grads[f"b{l}"] += delta
            if l > 1:
                back = params[f"W{l}"] @ delta
                name = cache["hidden_activation"]
                if name == "tanh":
                    delta = back * (1.0 - a_prev * a_prev)
                elif name == "sigmoid":
                    delta = back * a_prev * (1.0 - a_prev)
                else:
                    delta = back * (a_prev > 0)
    return grads
''',
        "float32_arithmetic": _mutate(_mutate(
            _BACKWARD, "Y = np.asarray(Y, dtype=float)", "Y = np.asarray(Y, dtype=np.float32)"),
            "T = np.asarray(T, dtype=float)", "T = np.asarray(T, dtype=np.float32)").replace(
            "A_prev = cache[f\"A{l - 1}\"]", "A_prev = cache[f\"A{l - 1}\"].astype(np.float32)").replace(
            "dA = delta @ params[f\"W{l}\"].T", "dA = delta @ params[f\"W{l}\"].T.astype(np.float32)"),
    },
    "numerical_gradient": {
        "in_place_with_exact_restore": '''
def numerical_gradient(f, params, eps=1e-6):
    grads = {}
    for key, p in params.items():
        grad = np.zeros_like(p, dtype=float)
        it = np.nditer(p, flags=["multi_index"])
        while not it.finished:
            index = it.multi_index
            old = p[index]
            p[index] = old + eps
            f_plus = f(params)
            p[index] = old - eps
            f_minus = f(params)
            p[index] = old
            grad[index] = (f_plus - f_minus) / (2 * eps)
            it.iternext()
        grads[key] = grad
    return grads
''',
        "deep_copies_and_flat_indices": '''
import copy


def numerical_gradient(f, params, eps=1e-6):
    grads = {}
    for key in params:
        shape = np.shape(params[key])
        flat = np.zeros(int(np.prod(shape)))
        for i in range(flat.size):
            index = np.unravel_index(i, shape)
            values = []
            for sign in (1, -1):
                trial = copy.deepcopy(params)
                trial[key][index] = params[key][index] + sign * eps
                values.append(f(trial))
            flat[i] = (values[0] - values[1]) / (2 * eps)
        grads[key] = flat.reshape(shape)
    return grads
''',
    },
    "sgd_update": {
        "loop_with_new_dict": '''
def sgd_update(params, grads, lr):
    new_params = {}
    for name in params:
        p = np.array(params[name], dtype=float)
        p -= lr * np.asarray(grads[name], dtype=float)
        new_params[name] = p
    return new_params
''',
        "keeps_the_dtype": '''
def sgd_update(params, grads, lr):
    out = {}
    for key, value in params.items():
        value = np.asarray(value)
        if value.dtype.kind != "f":
            value = value.astype(float)
        out[key] = (value - lr * np.asarray(grads[key])).astype(value.dtype)
    return out
''',
    },
    "train_mlp": {
        "own_permutation_loop": '''
def train_mlp(X, T, layer_sizes, lr, epochs, batch_size=None, seed=0,
              hidden_activation="tanh", output_activation="sigmoid", loss="bce"):
    X = np.array(X, dtype=float)
    T = np.array(T, dtype=float)
    n = X.shape[0]
    rng = np.random.default_rng(seed)
    params = init_mlp(layer_sizes, rng)
    history = np.zeros(epochs)
    for epoch in range(epochs):
        if batch_size is None:
            order, size = np.arange(n), n
        else:
            order, size = rng.permutation(n), batch_size
        start = 0
        while start < n:
            rows = order[start:start + size]
            Y, cache = mlp_forward(X[rows], params, hidden_activation, output_activation)
            params = sgd_update(params, mlp_backward(Y, T[rows], cache, params, loss), lr)
            start += size
        history[epoch] = mlp_loss(mlp_forward(X, params, hidden_activation, output_activation)[0], T, loss)
    return params, history
''',
        "full_batch_through_the_iterator": _mutate(
            _TRAIN, "            batches = [(X, T)]",
            "            batches = iterate_minibatches(X, T, len(X))"),
    },
    "build_xor_model": {
        "functional_api_and_loss_objects": '''
def build_xor_model(hidden_units=4):
    inputs = keras.Input(shape=(2,))
    hidden = keras.layers.Dense(hidden_units, activation="tanh")(inputs)
    outputs = keras.layers.Dense(1, activation="sigmoid")(hidden)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1),
                  loss=keras.losses.BinaryCrossentropy(),
                  metrics=[keras.metrics.BinaryAccuracy()])
    return model
''',
        "separate_activation_layer": '''
def build_xor_model(hidden_units=4):
    model = keras.Sequential()
    model.add(keras.Input(shape=(2,)))
    model.add(keras.layers.Dense(hidden_units, activation="tanh"))
    model.add(keras.layers.Dense(1))
    model.add(keras.layers.Activation("sigmoid"))
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy",
                  metrics=["accuracy"])
    return model
''',
    },
}
