"""Known-wrong and known-right answers for 01_neuron (see tests/test_variants.py).

Each source is what a student could type into the answer cell: it defines the graded function
(and maybe ``_private`` helpers) and runs with the Setup imports (``np``, ``keras``) and the
reference versions of the notebook's other graded functions in scope. Every WRONG answer must
lose points for its function; every RIGHT answer must get them all.
"""

WRONG = {
    "weighted_sum": {
        "elementwise_product_no_sum": '''
def weighted_sum(x, w, b):
    return np.asarray(x, dtype=float) * np.asarray(w, dtype=float) + b
''',
        "forgot_bias": '''
def weighted_sum(x, w, b):
    x = np.asarray(x, dtype=float)
    z = x @ np.asarray(w, dtype=float)
    return float(z) if x.ndim == 1 else z
''',
        "column_output_n_by_1": '''
def weighted_sum(x, w, b):
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float).reshape(-1, 1)
    z = x @ w + b
    return float(z[0]) if x.ndim == 1 else z
''',
        "sum_over_all_samples": '''
def weighted_sum(x, w, b):
    return float(np.sum(np.asarray(x, dtype=float) * np.asarray(w, dtype=float)) + b)
''',
        "bias_added_per_feature": '''
def weighted_sum(x, w, b):
    x = np.asarray(x, dtype=float)
    z = np.sum(x * np.asarray(w, dtype=float) + b, axis=-1)
    return float(z) if x.ndim == 1 else z
''',
        "sum_along_wrong_axis": '''
def weighted_sum(x, w, b):
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        return float(x @ np.asarray(w, dtype=float) + b)
    return np.sum(x * np.asarray(w, dtype=float)[:, None], axis=0) + b
''',
        "one_sample_returns_array": '''
def weighted_sum(x, w, b):
    return np.atleast_1d(np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + b)
''',
    },
    "sigmoid": {
        "naive_overflows": '''
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
''',
        "exp_over_one_plus_exp_nan": '''
def sigmoid(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / (1.0 + e)
''',
        "where_evaluates_both_branches": '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))
''',
        "wrong_sign": '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
''',
        "modifies_input_in_place": '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    negative = z < 0
    z[negative] = -z[negative]          # z now holds |z|: the caller's array changes
    e = np.exp(-z)
    return np.where(negative, e / (1.0 + e), 1.0 / (1.0 + e))
''',
        "float32_naive_overflows": '''
def sigmoid(z):
    z = np.asarray(z, dtype=np.float32)
    return 1.0 / (1.0 + np.exp(-z))
''',
        "prints_debug_output": '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    print("z =", z)
    return 0.5 * (1.0 + np.tanh(0.5 * z))
''',
    },
    "relu": {
        "np_max_reduces": '''
def relu(z):
    return np.max(np.asarray(z, dtype=float), 0)
''',
        "absolute_value": '''
def relu(z):
    return np.abs(np.asarray(z, dtype=float))
''',
        "modifies_input_in_place": '''
def relu(z):
    z = np.asarray(z, dtype=float)
    z[z < 0] = 0.0
    return z
''',
        "leaky_instead_of_relu": '''
def relu(z):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.01 * z)
''',
        "returns_list": '''
def relu(z):
    return [max(float(v), 0.0) for v in np.ravel(z)]
''',
    },
    "leaky_relu": {
        "hard_coded_alpha": '''
def leaky_relu(z, alpha=0.01):
    z = np.array(z, dtype=np.float64)
    return np.maximum(z, 0.01 * z)
''',
        "alpha_on_positive_side": '''
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, alpha * z, z)
''',
        "wrong_default_alpha": '''
def leaky_relu(z, alpha=0.1):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)
''',
        "modifies_input_in_place": '''
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    z[z < 0] *= alpha
    return z
''',
        "negative_side_alpha_only": '''
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha)
''',
    },
    "elu": {
        "where_overflows": '''
def elu(z, alpha=1.0):
    z = np.asarray(z, dtype=np.float64)
    return np.where(z >= 0, z, alpha * (np.exp(z) - 1.0))
''',
        "missing_minus_one": '''
def elu(z, alpha=1.0):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * np.exp(np.minimum(z, 0.0)))
''',
        "alpha_ignored": '''
def elu(z, alpha=1.0):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, np.expm1(np.minimum(z, 0.0)))
''',
        "alpha_outside_parentheses": '''
def elu(z, alpha=1.0):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * np.exp(np.minimum(z, 0.0)) - 1.0)
''',
        "modifies_input_in_place": '''
def elu(z, alpha=1.0):
    z = np.asarray(z, dtype=float)
    negative = z < 0
    z[negative] = alpha * np.expm1(z[negative])
    return z
''',
        "float32_where_overflows": '''
def elu(z, alpha=1.0):
    z = np.asarray(z, dtype=np.float32)
    return np.where(z >= 0, z, alpha * np.expm1(z))
''',
    },
    "softmax": {
        "no_max_shift_overflows": '''
def softmax(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / np.sum(e, axis=-1, keepdims=True)
''',
        "normalises_columns_axis0": '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
''',
        "sum_over_whole_array": '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum()
''',
        "global_max_shift_nan": '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum(axis=-1, keepdims=True)
''',
        "missing_keepdims": '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1)[..., None]) if z.ndim > 1 else np.exp(z - z.max())
    return e / e.sum(axis=-1)
''',
        "modifies_input_in_place": '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    z -= z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
''',
        "axis1_hard_coded": '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
''',
    },
    "activation_derivative": {
        "tanh_derivative_forgets_square": '''
def _sig(v):
    return 0.5 * (1.0 + np.tanh(0.5 * v))

_SLOPES = {
    "linear": lambda v: np.ones(v.shape),
    "sigmoid": lambda v: _sig(v) * (1.0 - _sig(v)),
    "tanh": lambda v: 1.0 - np.tanh(v),
    "relu": lambda v: (v > 0).astype(float),
    "leaky_relu": lambda v: np.where(v >= 0, 1.0, 0.01),
    "elu": lambda v: np.where(v >= 0, 1.0, np.exp(np.minimum(v, 0.0))),
}

def activation_derivative(name, z):
    if name not in _SLOPES:
        raise ValueError(f"activation must be one of {list(_SLOPES)}")
    return _SLOPES[name](np.asarray(z, dtype=np.float64))
''',
        "sigmoid_uses_z_not_sigma": '''
def activation_derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "linear":
        return np.ones_like(z)
    if name == "sigmoid":
        return sigmoid(z) * (1.0 - z)
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    if name == "elu":
        return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))
    raise ValueError("unknown activation; choose one of linear, sigmoid, tanh, relu, leaky_relu, elu")
''',
        "tanh_uses_z_squared": '''
def activation_derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "linear":
        return np.ones_like(z)
    if name == "sigmoid":
        return sigmoid(z) * (1.0 - sigmoid(z))
    if name == "tanh":
        return 1.0 - z ** 2
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    if name == "elu":
        return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))
    raise ValueError("unknown activation; choose one of linear, sigmoid, tanh, relu, leaky_relu, elu")
''',
        "relu_returns_booleans": '''
def activation_derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "linear":
        return np.ones_like(z)
    if name == "sigmoid":
        return sigmoid(z) * (1.0 - sigmoid(z))
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "relu":
        return z > 0
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    if name == "elu":
        return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))
    raise ValueError("unknown activation; choose one of linear, sigmoid, tanh, relu, leaky_relu, elu")
''',
        "leaky_slope_0_2": '''
def activation_derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "linear":
        return np.ones_like(z)
    if name == "sigmoid":
        return sigmoid(z) * (1.0 - sigmoid(z))
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.2)
    if name == "elu":
        return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))
    raise ValueError("unknown activation; choose one of linear, sigmoid, tanh, relu, leaky_relu, elu")
''',
        "elu_returns_function_not_slope": '''
def activation_derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "linear":
        return np.ones_like(z)
    if name == "sigmoid":
        return sigmoid(z) * (1.0 - sigmoid(z))
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    if name == "elu":
        return np.where(z > 0, 1.0, np.expm1(np.minimum(z, 0.0)))
    raise ValueError("unknown activation; choose one of linear, sigmoid, tanh, relu, leaky_relu, elu")
''',
        "linear_returns_scalar_one": '''
def activation_derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "linear":
        return 1.0
    if name == "sigmoid":
        return sigmoid(z) * (1.0 - sigmoid(z))
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    if name == "elu":
        return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))
    raise ValueError("unknown activation; choose one of linear, sigmoid, tanh, relu, leaky_relu, elu")
''',
        "unknown_name_returns_none": '''
def activation_derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "linear":
        return np.ones_like(z)
    if name == "sigmoid":
        return sigmoid(z) * (1.0 - sigmoid(z))
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    if name == "elu":
        return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))
''',
        "error_message_without_choices": '''
def activation_derivative(name, z):
    z = np.asarray(z, dtype=float)
    if name == "linear":
        return np.ones_like(z)
    if name == "sigmoid":
        return sigmoid(z) * (1.0 - sigmoid(z))
    if name == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    if name == "elu":
        return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))
    raise ValueError(f"unknown activation {name!r}")
''',
        "dict_lookup_raises_keyerror": '''
def activation_derivative(name, z):
    z = np.asarray(z, dtype=float)
    derivatives = {
        "linear": lambda v: np.ones_like(v),
        "sigmoid": lambda v: sigmoid(v) * (1.0 - sigmoid(v)),
        "tanh": lambda v: 1.0 - np.tanh(v) ** 2,
        "relu": lambda v: np.where(v > 0, 1.0, 0.0),
        "leaky_relu": lambda v: np.where(v > 0, 1.0, 0.01),
        "elu": lambda v: np.where(v > 0, 1.0, np.exp(np.minimum(v, 0.0))),
    }
    return derivatives[name](z)
''',
    },
    "neuron_forward": {
        "activation_ignored": '''
def neuron_forward(x, w, b, activation="linear"):
    z = np.asarray(x, dtype=np.float64) @ np.asarray(w, dtype=np.float64) + b
    return float(z) if np.ndim(z) == 0 else z
''',
        "bias_after_activation": '''
def neuron_forward(x, w, b, activation="linear"):
    functions = {"linear": lambda z: z, "sigmoid": sigmoid, "tanh": np.tanh,
                 "relu": relu, "leaky_relu": leaky_relu, "elu": elu}
    x = np.asarray(x, dtype=float)
    y = functions[activation](x @ np.asarray(w, dtype=float)) + b
    return float(y) if x.ndim == 1 else y
''',
        "default_activation_sigmoid": '''
def neuron_forward(x, w, b, activation="sigmoid"):
    functions = {"linear": lambda z: z, "sigmoid": sigmoid, "tanh": np.tanh,
                 "relu": relu, "leaky_relu": leaky_relu, "elu": elu}
    x = np.asarray(x, dtype=float)
    y = functions[activation](np.asarray(weighted_sum(x, w, b)))
    return float(y) if x.ndim == 1 else y
''',
        "column_output_n_by_1": '''
def neuron_forward(x, w, b, activation="linear"):
    functions = {"linear": lambda z: z, "sigmoid": sigmoid, "tanh": np.tanh,
                 "relu": relu, "leaky_relu": leaky_relu, "elu": elu}
    x = np.asarray(x, dtype=float)
    z = x @ np.asarray(w, dtype=float).reshape(-1, 1) + b
    y = functions[activation](z)
    return float(y[0]) if x.ndim == 1 else y
''',
        "leaky_slope_0_1": '''
def neuron_forward(x, w, b, activation="linear"):
    functions = {"linear": lambda z: z, "sigmoid": sigmoid, "tanh": np.tanh,
                 "relu": relu, "leaky_relu": lambda z: leaky_relu(z, 0.1), "elu": elu}
    x = np.asarray(x, dtype=float)
    y = functions[activation](np.asarray(weighted_sum(x, w, b)))
    return float(y) if x.ndim == 1 else y
''',
        "one_sample_returns_array": '''
def neuron_forward(x, w, b, activation="linear"):
    functions = {"linear": lambda z: z, "sigmoid": sigmoid, "tanh": np.tanh,
                 "relu": relu, "leaky_relu": leaky_relu, "elu": elu}
    z = np.atleast_2d(np.asarray(x, dtype=float)) @ np.asarray(w, dtype=float) + b
    return functions[activation](z)
''',
        "tanh_mapped_to_sigmoid": '''
def neuron_forward(x, w, b, activation="linear"):
    functions = {"linear": lambda z: z, "sigmoid": sigmoid, "tanh": sigmoid,
                 "relu": relu, "leaky_relu": leaky_relu, "elu": elu}
    x = np.asarray(x, dtype=float)
    y = functions[activation](np.asarray(weighted_sum(x, w, b)))
    return float(y) if x.ndim == 1 else y
''',
    },
    "count_parameters": {
        "forgot_biases": '''
def count_parameters(layer_sizes):
    return sum(a * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
''',
        "bias_for_input_layer_too": '''
def count_parameters(layer_sizes):
    sizes = [int(n) for n in layer_sizes]
    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:])) + sum(sizes)
''',
        "loop_off_by_one_skips_last_layer": '''
def count_parameters(layer_sizes):
    sizes = [int(n) for n in layer_sizes]
    total = 0
    for i in range(1, len(sizes) - 1):
        total += sizes[i - 1] * sizes[i] + sizes[i]
    return total
''',
        "counts_neurons_not_parameters": '''
def count_parameters(layer_sizes):
    return int(sum(layer_sizes))
''',
        "returns_float": '''
def count_parameters(layer_sizes):
    sizes = np.asarray(layer_sizes, dtype=float)
    return float(np.sum(sizes[:-1] * sizes[1:] + sizes[1:]))
''',
        "bias_uses_fan_in": '''
def count_parameters(layer_sizes):
    sizes = [int(n) for n in layer_sizes]
    return sum(a * b + a for a, b in zip(sizes[:-1], sizes[1:]))
''',
    },
    "keras_neuron": {
        "weights_never_set": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype="float32")
    return keras.Sequential([keras.Input(shape=(len(w),)), keras.layers.Dense(1, activation=activation)])
''',
        "bias_ignored": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype="float32")
    dense = keras.layers.Dense(1, activation=activation if activation != "leaky_relu" else None)
    layers = [keras.Input(shape=(len(w),)), dense]
    if activation == "leaky_relu":
        layers.append(keras.layers.LeakyReLU(negative_slope=0.01))
    model = keras.Sequential(layers)
    dense.set_weights([w.reshape(-1, 1), np.zeros(1, dtype="float32")])
    return model
''',
        "leaky_relu_default_slope_0_2": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype="float32")
    if activation == "leaky_relu":
        activation = keras.activations.leaky_relu
    dense = keras.layers.Dense(1, activation=activation)
    model = keras.Sequential([keras.Input(shape=(len(w),)), dense])
    dense.set_weights([w.reshape(-1, 1), np.array([b], dtype="float32")])
    return model
''',
        "activation_ignored": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype="float32")
    dense = keras.layers.Dense(1)
    model = keras.Sequential([keras.Input(shape=(len(w),)), dense])
    dense.set_weights([w.reshape(-1, 1), np.array([b], dtype="float32")])
    return model
''',
        "two_units": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype="float32")
    if activation == "leaky_relu":
        activation = lambda z: keras.activations.leaky_relu(z, negative_slope=0.01)
    dense = keras.layers.Dense(2, activation=activation)
    model = keras.Sequential([keras.Input(shape=(len(w),)), dense])
    dense.set_weights([np.stack([w, w], axis=1), np.array([b, b], dtype="float32")])
    return model
''',
        "kernel_as_row": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype="float32")
    dense = keras.layers.Dense(1, activation=activation)
    model = keras.Sequential([keras.Input(shape=(len(w),)), dense])
    dense.set_weights([w.reshape(1, -1), np.array([b], dtype="float32")])
    return model
''',
        "weights_reversed": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype="float32")
    if activation == "leaky_relu":
        activation = lambda z: keras.activations.leaky_relu(z, negative_slope=0.01)
    dense = keras.layers.Dense(1, activation=activation)
    model = keras.Sequential([keras.Input(shape=(len(w),)), dense])
    dense.set_weights([w[::-1].reshape(-1, 1), np.array([b], dtype="float32")])
    return model
''',
        "two_dense_layers_for_bias": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype="float32")
    if activation == "leaky_relu":
        activation = lambda z: keras.activations.leaky_relu(z, negative_slope=0.01)
    first = keras.layers.Dense(1, use_bias=False)
    second = keras.layers.Dense(1, activation=activation)
    model = keras.Sequential([keras.Input(shape=(len(w),)), first, second])
    first.set_weights([w.reshape(-1, 1)])
    second.set_weights([np.ones((1, 1), dtype="float32"), np.array([b], dtype="float32")])
    return model
''',
    },
}

RIGHT = {
    "weighted_sum": {
        "python_loops": '''
def weighted_sum(x, w, b):
    def one(row):
        total = 0.0
        for x_i, w_i in zip(row, w):
            total += float(x_i) * float(w_i)
        return total + float(b)
    x = np.asarray(x, dtype=float)
    if x.ndim == 1:
        return one(x)
    return np.array([one(row) for row in x])
''',
        "einsum_float32": '''
def weighted_sum(x, w, b):
    x = np.asarray(x, dtype=np.float32)
    return np.einsum("...i,i->...", x, np.asarray(w, dtype=np.float32)) + np.float32(b)
''',
        "np_dot_returns_numpy_scalar": '''
def weighted_sum(x, w, b):
    return np.dot(np.asarray(x, dtype=float), np.asarray(w, dtype=float)) + b
''',
    },
    "sigmoid": {
        "tanh_identity": '''
def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))
''',
        "clip_then_naive": '''
def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=float), -500.0, 500.0)
    return 1.0 / (1.0 + np.exp(-z))
''',
        "logaddexp": '''
def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))
''',
        "masks_on_a_copy_float32": '''
def sigmoid(z):
    z = np.array(z, dtype=np.float32)
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1.0 + e)
    return out
''',
        "math_loop": '''
import math

def sigmoid(z):
    z = np.asarray(z, dtype=float)
    def one(v):
        return 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))
    return np.array([one(v) for v in z.ravel()]).reshape(z.shape)
''',
    },
    "relu": {
        "clip": '''
def relu(z):
    return np.clip(np.asarray(z, dtype=float), 0.0, None)
''',
        "multiply_by_mask": '''
def relu(z):
    z = np.asarray(z, dtype=float)
    return z * (z > 0)
''',
        "where_on_copy": '''
def relu(z):
    z = np.array(z, dtype=float)
    z[z < 0] = 0.0
    return z
''',
    },
    "leaky_relu": {
        "maximum_form": '''
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, alpha * z)
''',
        "mask_arithmetic_float32": '''
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=np.float32)
    return z * (z >= 0) + np.float32(alpha) * z * (z < 0)
''',
    },
    "elu": {
        "masks_on_a_copy": '''
def elu(z, alpha=1.0):
    z = np.array(z, dtype=float)
    negative = z < 0
    z[negative] = alpha * (np.exp(z[negative]) - 1.0)
    return z
''',
        "where_with_clamped_exp": '''
def elu(z, alpha=1.0):
    z = np.asarray(z, dtype=float)
    safe = np.where(z < 0, z, 0.0)
    return np.where(z >= 0, z, alpha * (np.exp(safe) - 1.0))
''',
        "float32_clamped": '''
def elu(z, alpha=1.0):
    z = np.asarray(z, dtype=np.float32)
    return np.where(z >= 0, z, np.float32(alpha) * np.expm1(np.minimum(z, np.float32(0))))
''',
    },
    "softmax": {
        "row_loop": '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    def one(row):
        e = np.exp(row - row.max())
        return e / e.sum()
    if z.ndim == 1:
        return one(z)
    return np.array([one(row) for row in z])
''',
        "log_sum_exp": '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    m = np.max(z, axis=-1, keepdims=True)
    log_norm = m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    return np.exp(z - log_norm)
''',
        "float32": '''
def softmax(z):
    z = np.asarray(z, dtype=np.float32)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
''',
    },
    "activation_derivative": {
        "dict_of_lambdas": '''
_DERIVATIVES = {
    "linear": lambda z: np.ones_like(z),
    "sigmoid": lambda z: sigmoid(z) * (1.0 - sigmoid(z)),
    "tanh": lambda z: 1.0 / np.cosh(z) ** 2,
    "relu": lambda z: (z > 0).astype(float),
    "leaky_relu": lambda z: np.where(z >= 0, 1.0, 0.01),
    "elu": lambda z: np.where(z >= 0, 1.0, elu(z) + 1.0),
}

def activation_derivative(name, z):
    if name not in _DERIVATIVES:
        raise ValueError(f"activation must be one of {sorted(_DERIVATIVES)}, not {name!r}")
    return _DERIVATIVES[name](np.asarray(z, dtype=float))
''',
        "math_loops": '''
import math

def activation_derivative(name, z):
    valid = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu"]
    if name not in valid:
        raise ValueError("unknown activation " + repr(name) + ", valid: " + ", ".join(valid))
    z = np.asarray(z, dtype=float)
    def one(v):
        if name == "linear":
            return 1.0
        if name == "sigmoid":
            e = math.exp(-abs(v))
            return e / (1.0 + e) ** 2
        if name == "tanh":
            return 1.0 - math.tanh(v) ** 2
        if name == "relu":
            return 1.0 if v > 0 else 0.0
        if name == "leaky_relu":
            return 1.0 if v > 0 else 0.01
        return 1.0 if v > 0 else math.exp(v)
    return np.array([one(v) for v in z.ravel()]).reshape(z.shape)
''',
        "float32_from_outputs": '''
def activation_derivative(name, z):
    z = np.asarray(z, dtype=np.float32)
    if name == "linear":
        return np.ones(z.shape, dtype=np.float32)
    if name == "sigmoid":
        y = sigmoid(z).astype(np.float32)
        return y * (1 - y)
    if name == "tanh":
        y = np.tanh(z)
        return 1 - y * y
    if name == "relu":
        return (z > 0).astype(np.float32)
    if name == "leaky_relu":
        return np.where(z > 0, np.float32(1), np.float32(0.01))
    if name == "elu":
        return np.where(z > 0, np.float32(1), np.exp(np.minimum(z, 0)))
    raise ValueError(
        "name must be 'linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu' or 'elu', got " + repr(name))
''',
    },
    "neuron_forward": {
        "if_chain_with_own_sum": '''
def neuron_forward(x, w, b, activation="linear"):
    x = np.asarray(x, dtype=float)
    z = x @ np.asarray(w, dtype=float) + b
    if activation == "sigmoid":
        y = sigmoid(z)
    elif activation == "tanh":
        y = np.tanh(z)
    elif activation == "relu":
        y = relu(z)
    elif activation == "leaky_relu":
        y = leaky_relu(z)
    elif activation == "elu":
        y = elu(z)
    else:
        y = z
    return float(y) if x.ndim == 1 else np.asarray(y, dtype=float)
''',
        "batch_path_for_everything": '''
def neuron_forward(x, w, b, activation="linear"):
    functions = {"linear": lambda z: z, "sigmoid": sigmoid, "tanh": np.tanh,
                 "relu": relu, "leaky_relu": lambda z: leaky_relu(z, alpha=0.01),
                 "elu": lambda z: elu(z, alpha=1.0)}
    X = np.atleast_2d(np.asarray(x, dtype=float))
    y = np.asarray(functions[activation](weighted_sum(X, w, b)), dtype=float)
    return float(y[0]) if np.ndim(x) == 1 else y
''',
    },
    "count_parameters": {
        "explicit_loop": '''
def count_parameters(layer_sizes):
    total = 0
    for i in range(len(layer_sizes) - 1):
        n_in, n_out = int(layer_sizes[i]), int(layer_sizes[i + 1])
        total += n_in * n_out   # weights
        total += n_out          # biases
    return total
''',
        "numpy_dot": '''
def count_parameters(layer_sizes):
    sizes = np.asarray(layer_sizes, dtype=np.int64)
    return int(np.dot(sizes[:-1], sizes[1:]) + sizes[1:].sum())
''',
    },
    "keras_neuron": {
        "sequential_with_activation_layers": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype=float)
    dense = keras.layers.Dense(1)
    if activation == "leaky_relu":
        last = keras.layers.LeakyReLU(negative_slope=0.01)
    else:
        last = keras.layers.Activation(activation)
    model = keras.Sequential([keras.Input(shape=(w.size,)), dense, last])
    dense.set_weights([w.reshape(w.size, 1), np.array([b])])
    return model
''',
        "constant_initializers_and_callable": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype="float32").reshape(-1, 1)
    if activation == "leaky_relu":
        activation = lambda z: keras.activations.leaky_relu(z, negative_slope=0.01)
    inputs = keras.Input(shape=(w.shape[0],))
    outputs = keras.layers.Dense(1, activation=activation,
                                 kernel_initializer=keras.initializers.Constant(w),
                                 bias_initializer=keras.initializers.Constant(float(b)))(inputs)
    return keras.Model(inputs, outputs)
''',
        "nested_sequential_in_functional": '''
def keras_neuron(w, b, activation="linear"):
    w = np.asarray(w, dtype="float32")
    act = (lambda z: keras.activations.leaky_relu(z, negative_slope=0.01)) if activation == "leaky_relu" \\
        else activation
    inner = keras.Sequential([keras.Input(shape=(len(w),)), keras.layers.Dense(1, activation=act)])
    inner.layers[0].set_weights([w[:, None], np.array([b], dtype="float32")])
    inputs = keras.Input(shape=(len(w),))
    return keras.Model(inputs, inner(inputs))
''',
    },
}
