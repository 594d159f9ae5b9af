"""Known-wrong and known-right answers for 02_gradient_descent (losses, gradient descent, chain rule).

Each source is what a student could type into the answer cell; it runs in the notebook's
namespace after Setup (``np``, ``keras``, ``checks``, ``data``, ``plots``) and after the
reference answers of the other exercises (so ``mse`` or ``iterate_minibatches`` may be called).
"""

WRONG = {
    "mse": {
        "sum_instead_of_mean": """
def mse(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(np.sum((y - t) ** 2))
""",
        "divide_by_len_not_size": """
def mse(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(np.sum((y - t) ** 2) / len(y))
""",
        "mean_of_row_sums": """
def mse(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(np.mean(np.sum((y - t) ** 2, axis=-1)))
""",
        "mean_over_axis0_returns_array": """
def mse(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return np.mean((y - t) ** 2, axis=0)
""",
        "half_squared_error": """
def mse(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(0.5 * np.mean((y - t) ** 2))
""",
        "lists_not_converted": """
def mse(y, t):
    return float(np.mean((y - t) ** 2))
""",
    },
    "mae": {
        "no_absolute_value": """
def mae(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(np.mean(y - t))
""",
        "abs_of_mean": """
def mae(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(abs(np.mean(y - t)))
""",
        "sum_instead_of_mean": """
def mae(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(np.sum(np.abs(y - t)))
""",
        "divide_by_len_not_size": """
def mae(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(np.sum(np.abs(y - t)) / len(y))
""",
        "squared_error": """
def mae(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(np.mean((y - t) ** 2))
""",
    },
    "rmse": {
        "mean_of_roots_is_mae": """
def rmse(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(np.mean(np.sqrt((y - t) ** 2)))
""",
        "root_of_sum": """
def rmse(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(np.sqrt(np.sum((y - t) ** 2)))
""",
        "no_root": """
def rmse(y, t):
    return mse(y, t)
""",
        "root_of_sum_over_len": """
def rmse(y, t):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(np.sqrt(np.sum((y - t) ** 2) / len(y)))
""",
    },
    "binary_cross_entropy": {
        "no_clipping": """
def binary_cross_entropy(y, t, eps=1e-7):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(-np.mean(t * np.log(y) + (1 - t) * np.log(1 - y)))
""",
        "clip_only_upper_side": """
def binary_cross_entropy(y, t, eps=1e-7):
    y, t = np.asarray(y, float), np.asarray(t, float)
    y = np.minimum(y, 1 - eps)
    return float(-np.mean(t * np.log(y) + (1 - t) * np.log(1 - y)))
""",
        "clip_to_eps_1": """
def binary_cross_entropy(y, t, eps=1e-7):
    y, t = np.asarray(y, float), np.asarray(t, float)
    y = np.clip(y, eps, 1.0)
    return float(-np.mean(t * np.log(y) + (1 - t) * np.log(1 - y)))
""",
        "log10": """
def binary_cross_entropy(y, t, eps=1e-7):
    y, t = np.clip(np.asarray(y, float), eps, 1 - eps), np.asarray(t, float)
    return float(-np.mean(t * np.log10(y) + (1 - t) * np.log10(1 - y)))
""",
        "sum_instead_of_mean": """
def binary_cross_entropy(y, t, eps=1e-7):
    y, t = np.clip(np.asarray(y, float), eps, 1 - eps), np.asarray(t, float)
    return float(-np.sum(t * np.log(y) + (1 - t) * np.log(1 - y)))
""",
        "missing_minus_sign": """
def binary_cross_entropy(y, t, eps=1e-7):
    y, t = np.clip(np.asarray(y, float), eps, 1 - eps), np.asarray(t, float)
    return float(np.mean(t * np.log(y) + (1 - t) * np.log(1 - y)))
""",
        "only_positive_term": """
def binary_cross_entropy(y, t, eps=1e-7):
    y, t = np.clip(np.asarray(y, float), eps, 1 - eps), np.asarray(t, float)
    return float(-np.mean(t * np.log(y)))
""",
        "eps_added_not_clipped": """
def binary_cross_entropy(y, t, eps=1e-7):
    y, t = np.asarray(y, float), np.asarray(t, float)
    return float(-np.mean(t * np.log(y + eps) + (1 - t) * np.log(1 - y + eps)))
""",
        "eps_argument_ignored": """
def binary_cross_entropy(y, t, eps=1e-7):
    y, t = np.clip(np.asarray(y, float), 1e-7, 1 - 1e-7), np.asarray(t, float)
    return float(-np.mean(t * np.log(y) + (1 - t) * np.log(1 - y)))
""",
        "mean_of_row_sums": """
def binary_cross_entropy(y, t, eps=1e-7):
    y, t = np.clip(np.asarray(y, float), eps, 1 - eps), np.asarray(t, float)
    return float(-np.mean(np.sum(t * np.log(y) + (1 - t) * np.log(1 - y), axis=-1)))
""",
    },
    "one_hot": {
        "integer_dtype": """
def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if np.any((labels < 0) | (labels >= n_classes)):
        raise ValueError("label out of range")
    out = np.zeros((len(labels), n_classes), dtype=int)
    out[np.arange(len(labels)), labels] = 1
    return out
""",
        "no_validation": """
def one_hot(labels, n_classes):
    return np.eye(n_classes)[np.asarray(labels)]
""",
        "negative_labels_not_caught": """
def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if np.any(labels >= n_classes):
        raise ValueError("label out of range")
    return np.eye(n_classes)[labels]
""",
        "off_by_one_upper_bound": """
def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if np.any((labels < 0) | (labels > n_classes)):
        raise ValueError("label out of range")
    return np.eye(n_classes)[labels]
""",
        "classes_from_max_label": """
def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if np.any((labels < 0) | (labels >= n_classes)):
        raise ValueError("label out of range")
    return np.eye(labels.max() + 1)[labels]
""",
        "transposed": """
def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if np.any((labels < 0) | (labels >= n_classes)):
        raise ValueError("label out of range")
    return np.eye(n_classes)[labels].T
""",
    },
    "categorical_cross_entropy": {
        "mean_over_all_entries": """
def categorical_cross_entropy(p, t, eps=1e-7):
    p, t = np.clip(np.asarray(p, float), eps, 1.0), np.asarray(t, float)
    return float(-np.mean(t * np.log(p)))
""",
        "sum_without_one_over_n": """
def categorical_cross_entropy(p, t, eps=1e-7):
    p, t = np.clip(np.asarray(p, float), eps, 1.0), np.asarray(t, float)
    return float(-np.sum(t * np.log(p)))
""",
        "no_clipping": """
def categorical_cross_entropy(p, t, eps=1e-7):
    p, t = np.asarray(p, float), np.asarray(t, float)
    return float(-np.mean(np.sum(t * np.log(p), axis=1)))
""",
        "log2": """
def categorical_cross_entropy(p, t, eps=1e-7):
    p, t = np.clip(np.asarray(p, float), eps, 1.0), np.asarray(t, float)
    return float(-np.mean(np.sum(t * np.log2(p), axis=1)))
""",
        "clip_in_place": """
def categorical_cross_entropy(p, t, eps=1e-7):
    p = np.asarray(p)
    np.clip(p, eps, 1.0, out=p)
    return float(-np.mean(np.sum(np.asarray(t) * np.log(p), axis=1)))
""",
        "clip_upper_only": """
def categorical_cross_entropy(p, t, eps=1e-7):
    p, t = np.minimum(np.asarray(p, float), 1.0 - eps), np.asarray(t, float)
    return float(-np.mean(np.sum(t * np.log(p), axis=1)))
""",
        "eps_argument_ignored": """
def categorical_cross_entropy(p, t, eps=1e-7):
    p, t = np.clip(np.asarray(p, float), 1e-7, 1.0), np.asarray(t, float)
    return float(-np.mean(np.sum(t * np.log(p), axis=1)))
""",
    },
    "gradient_descent": {
        "w0_missing": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    w = np.array(w0, dtype=float)
    out = []
    for _ in range(n_steps):
        w = w - lr * grad_fn(w)
        out.append(w)
    return np.array(out)
""",
        "off_by_one_length": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    w = np.array(w0, dtype=float)
    out = [w]
    for _ in range(n_steps - 1):
        w = w - lr * grad_fn(w)
        out.append(w)
    return np.array(out)
""",
        "aliased_rows_in_place": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    w = np.array(w0, dtype=float)
    out = [w]
    for _ in range(n_steps):
        w -= lr * grad_fn(w)
        out.append(w)
    return np.array(out)
""",
        "mutates_w0": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    w = np.asarray(w0, dtype=float)
    out = [w.copy()]
    for _ in range(n_steps):
        w -= lr * grad_fn(w)
        out.append(w.copy())
    return np.array(out)
""",
        "gradient_ascent": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    w = np.array(w0, dtype=float)
    out = [w]
    for _ in range(n_steps):
        w = w + lr * grad_fn(w)
        out.append(w)
    return np.array(out)
""",
        "gradient_at_start_only": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    w = np.array(w0, dtype=float)
    g = grad_fn(w)
    out = [w]
    for _ in range(n_steps):
        w = w - lr * g
        out.append(w)
    return np.array(out)
""",
        "row_zero_view_updated_in_place": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    w0 = np.asarray(w0, dtype=float)
    trajectory = np.zeros((n_steps + 1,) + w0.shape)
    trajectory[0] = w0
    w = trajectory[0]              # a view of row 0 (for a vector w0): updating w rewrites row 0
    for k in range(n_steps):
        w -= lr * np.asarray(grad_fn(w))
        trajectory[k + 1] = w
    return trajectory
""",
        "reshaped_views_of_one_array": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    shape = np.shape(w0)
    w = np.array(w0, dtype=float).reshape(-1)   # one flat working array
    trajectory = [w.reshape(shape)]             # reshape gives a view, not a copy
    for _ in range(n_steps):
        w -= lr * np.asarray(grad_fn(w.reshape(shape)), dtype=float).reshape(-1)
        trajectory.append(w.reshape(shape))
    return np.array(trajectory)
""",
        "returns_list": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    w = np.array(w0, dtype=float)
    out = [w]
    for _ in range(n_steps):
        w = w - lr * grad_fn(w)
        out.append(w)
    return out
""",
    },
    "steps_to_converge": {
        "off_by_one_counts_points": """
def steps_to_converge(grad_fn, w0, w_star, lr, tol=1e-3, max_steps=10_000):
    w = np.array(w0, dtype=float)
    for step in range(max_steps + 1):
        d = np.linalg.norm(w - np.asarray(w_star, float))
        if d <= tol:
            return step + 1
        if not np.isfinite(d):
            return None
        w = w - lr * grad_fn(w)
    return None
""",
        "strict_less_than": """
def steps_to_converge(grad_fn, w0, w_star, lr, tol=1e-3, max_steps=10_000):
    w = np.array(w0, dtype=float)
    for step in range(max_steps + 1):
        d = np.linalg.norm(w - np.asarray(w_star, float))
        if d < tol:
            return step
        if not np.isfinite(d):
            return None
        w = w - lr * grad_fn(w)
    return None
""",
        "returns_max_steps_not_none": """
def steps_to_converge(grad_fn, w0, w_star, lr, tol=1e-3, max_steps=10_000):
    w = np.array(w0, dtype=float)
    for step in range(max_steps + 1):
        d = np.linalg.norm(w - np.asarray(w_star, float))
        if d <= tol:
            return step
        if not np.isfinite(d):
            return None
        w = w - lr * grad_fn(w)
    return max_steps
""",
        "no_stop_on_nan": """
def steps_to_converge(grad_fn, w0, w_star, lr, tol=1e-3, max_steps=10_000):
    w = np.array(w0, dtype=float)
    for step in range(max_steps + 1):
        if np.linalg.norm(w - np.asarray(w_star, float)) <= tol:
            return step
        w = w - lr * grad_fn(w)
    return None
""",
        "update_before_check": """
def steps_to_converge(grad_fn, w0, w_star, lr, tol=1e-3, max_steps=10_000):
    w = np.array(w0, dtype=float)
    for step in range(1, max_steps + 1):
        w = w - lr * grad_fn(w)
        d = np.linalg.norm(w - np.asarray(w_star, float))
        if not np.isfinite(d):
            return None
        if d <= tol:
            return step
    return None
""",
        "one_step_short_of_max_steps": """
def steps_to_converge(grad_fn, w0, w_star, lr, tol=1e-3, max_steps=10_000):
    w = np.array(w0, dtype=float)
    for step in range(max_steps):
        d = np.linalg.norm(w - np.asarray(w_star, float))
        if d <= tol:
            return step
        if not np.isfinite(d):
            return None
        w = w - lr * grad_fn(w)
    return None
""",
        "max_coordinate_distance": """
def steps_to_converge(grad_fn, w0, w_star, lr, tol=1e-3, max_steps=10_000):
    w = np.array(w0, dtype=float)
    for step in range(max_steps + 1):
        d = np.max(np.abs(w - np.asarray(w_star, float)))
        if d <= tol:
            return step
        if not np.isfinite(d):
            return None
        w = w - lr * grad_fn(w)
    return None
""",
        "gradient_norm_criterion": """
def steps_to_converge(grad_fn, w0, w_star, lr, tol=1e-3, max_steps=10_000):
    w = np.array(w0, dtype=float)
    for step in range(max_steps + 1):
        g = np.asarray(grad_fn(w))
        d = np.linalg.norm(g)
        if d <= tol:
            return step
        if not np.isfinite(d):
            return None
        w = w - lr * g
    return None
""",
    },
    "goldilocks_learning_rate": {
        "one_over_a": """
def goldilocks_learning_rate(a):
    return 1.0 / a
""",
        "precedence_bug": """
def goldilocks_learning_rate(a):
    return 1 / 2 * a
""",
        "two_over_a": """
def goldilocks_learning_rate(a):
    return 2.0 / a
""",
        "a_over_two": """
def goldilocks_learning_rate(a):
    return a / 2
""",
    },
    "iterate_minibatches": {
        "returns_list": """
def iterate_minibatches(X, t, batch_size, rng=None):
    X, t = np.asarray(X), np.asarray(t)
    order = np.arange(len(X)) if rng is None else rng.permutation(len(X))
    return [(X[order[i:i + batch_size]], t[order[i:i + batch_size]]) for i in range(0, len(X), batch_size)]
""",
        "drops_last_partial_batch": """
def iterate_minibatches(X, t, batch_size, rng=None):
    X, t = np.asarray(X), np.asarray(t)
    order = np.arange(len(X)) if rng is None else rng.permutation(len(X))
    for i in range(0, len(X) - batch_size + 1, batch_size):
        yield X[order[i:i + batch_size]], t[order[i:i + batch_size]]
""",
        "different_permutations_for_X_and_t": """
def iterate_minibatches(X, t, batch_size, rng=None):
    X, t = np.asarray(X), np.asarray(t)
    if rng is not None:
        X, t = rng.permutation(X), rng.permutation(t)
    for i in range(0, len(X), batch_size):
        yield X[i:i + batch_size], t[i:i + batch_size]
""",
        "shuffles_inputs_in_place": """
def iterate_minibatches(X, t, batch_size, rng=None):
    if rng is not None:
        state = rng.bit_generator.state
        rng.shuffle(X)
        rng.bit_generator.state = state
        rng.shuffle(t)
    X, t = np.asarray(X), np.asarray(t)
    for i in range(0, len(X), batch_size):
        yield X[i:i + batch_size], t[i:i + batch_size]
""",
        "ignores_rng": """
def iterate_minibatches(X, t, batch_size, rng=None):
    X, t = np.asarray(X), np.asarray(t)
    for i in range(0, len(X), batch_size):
        yield X[i:i + batch_size], t[i:i + batch_size]
""",
        "choice_instead_of_permutation": """
def iterate_minibatches(X, t, batch_size, rng=None):
    X, t = np.asarray(X), np.asarray(t)
    order = np.arange(len(X)) if rng is None else rng.choice(len(X), size=len(X), replace=False)
    for i in range(0, len(X), batch_size):
        yield X[order[i:i + batch_size]], t[order[i:i + batch_size]]
""",
        "off_by_one_overlapping_batches": """
def iterate_minibatches(X, t, batch_size, rng=None):
    X, t = np.asarray(X), np.asarray(t)
    order = np.arange(len(X)) if rng is None else rng.permutation(len(X))
    for i in range(0, len(X), batch_size):
        yield X[order[i:i + batch_size + 1]], t[order[i:i + batch_size + 1]]
""",
        "global_numpy_random": """
def iterate_minibatches(X, t, batch_size, rng=None):
    X, t = np.asarray(X), np.asarray(t)
    order = np.arange(len(X)) if rng is None else np.random.permutation(len(X))
    for i in range(0, len(X), batch_size):
        yield X[order[i:i + batch_size]], t[order[i:i + batch_size]]
""",
        "lists_not_converted": """
def iterate_minibatches(X, t, batch_size, rng=None):
    order = np.arange(len(X)) if rng is None else rng.permutation(len(X))
    for i in range(0, len(X), batch_size):
        yield X[order[i:i + batch_size]], t[order[i:i + batch_size]]
""",
    },
    "linear_regression_gd": {
        "missing_factor_two": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X, t = np.asarray(X, float), np.asarray(t, float)
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        for Xb, tb in iterate_minibatches(X, t, batch_size, rng):
            e = Xb @ w + b - tb
            w = w - lr * Xb.T @ e / len(tb)
            b = b - lr * e.mean()
        history.append(np.mean((X @ w + b - t) ** 2))
    return w, b, np.array(history)
""",
        "sum_instead_of_mean": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X, t = np.asarray(X, float), np.asarray(t, float)
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        for Xb, tb in iterate_minibatches(X, t, batch_size, rng):
            e = Xb @ w + b - tb
            w = w - lr * 2 * Xb.T @ e
            b = b - lr * 2 * e.sum()
        history.append(np.mean((X @ w + b - t) ** 2))
    return w, b, np.array(history)
""",
        "bias_not_updated": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X, t = np.asarray(X, float), np.asarray(t, float)
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        for Xb, tb in iterate_minibatches(X, t, batch_size, rng):
            e = Xb @ w + b - tb
            w = w - lr * 2 * Xb.T @ e / len(tb)
        history.append(np.mean((X @ w + b - t) ** 2))
    return w, b, np.array(history)
""",
        "history_before_epoch": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X, t = np.asarray(X, float), np.asarray(t, float)
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        history.append(np.mean((X @ w + b - t) ** 2))
        for Xb, tb in iterate_minibatches(X, t, batch_size, rng):
            e = Xb @ w + b - tb
            w = w - lr * 2 * Xb.T @ e / len(tb)
            b = b - lr * 2 * e.mean()
    return w, b, np.array(history)
""",
        "history_last_batch_loss": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X, t = np.asarray(X, float), np.asarray(t, float)
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        for Xb, tb in iterate_minibatches(X, t, batch_size, rng):
            e = Xb @ w + b - tb
            w = w - lr * 2 * Xb.T @ e / len(tb)
            b = b - lr * 2 * e.mean()
        history.append(np.mean((Xb @ w + b - tb) ** 2))
    return w, b, np.array(history)
""",
        "reseeded_rng_every_epoch": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X, t = np.asarray(X, float), np.asarray(t, float)
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    seed = None if rng is None else int(rng.integers(2 ** 31))
    for _ in range(epochs):
        epoch_rng = None if seed is None else np.random.default_rng(seed)
        for Xb, tb in iterate_minibatches(X, t, batch_size, epoch_rng):
            e = Xb @ w + b - tb
            w = w - lr * 2 * Xb.T @ e / len(tb)
            b = b - lr * 2 * e.mean()
        history.append(np.mean((X @ w + b - t) ** 2))
    return w, b, np.array(history)
""",
        "column_weights_broadcast": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X, t = np.asarray(X, float), np.asarray(t, float)
    w, b, history = np.zeros((X.shape[1], 1)), 0.0, []
    for _ in range(epochs):
        for Xb, tb in iterate_minibatches(X, t, batch_size, rng):
            e = Xb @ w + b - tb
            w = w - lr * 2 * Xb.T @ e / len(tb)
            b = b - lr * 2 * e.mean()
        history.append(np.mean((X @ w + b - t) ** 2))
    return w, b, np.array(history)
""",
        "gradient_ascent_sign": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X, t = np.asarray(X, float), np.asarray(t, float)
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        for Xb, tb in iterate_minibatches(X, t, batch_size, rng):
            e = tb - Xb @ w - b
            w = w - lr * 2 * Xb.T @ e / len(tb)
            b = b - lr * 2 * e.mean()
        history.append(np.mean((X @ w + b - t) ** 2))
    return w, b, np.array(history)
""",
        "full_batch_ignores_batch_size": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X, t = np.asarray(X, float), np.asarray(t, float)
    w, b, history = np.zeros(X.shape[1]), 0.0, []
    for _ in range(epochs):
        e = X @ w + b - t
        w = w - lr * 2 * X.T @ e / len(t)
        b = b - lr * 2 * e.mean()
        history.append(np.mean((X @ w + b - t) ** 2))
    return w, b, np.array(history)
""",
    },
    "chain_rule_example": {
        "forgot_upstream_gradient": """
def chain_rule_example(x, y, z):
    return 1.0, 1.0, x + y
""",
        "swapped_local_derivatives": """
def chain_rule_example(x, y, z):
    return x + y, x + y, z
""",
        "product_rule_confusion": """
def chain_rule_example(x, y, z):
    return y * z, x * z, x + y
""",
        "returns_value_not_gradient": """
def chain_rule_example(x, y, z):
    v = (x + y) * z
    return v, v, v
""",
    },
    "two_layer_linear_grads": {
        "forgot_half_factor": """
def two_layer_linear_grads(x, y, w1, w2):
    h = w1 * x
    d = 2 * (w2 * h - y)
    return d * w2 * x, d * h
""",
        "wrong_sign": """
def two_layer_linear_grads(x, y, w1, w2):
    h = w1 * x
    d = y - w2 * h
    return d * w2 * x, d * h
""",
        "x_instead_of_h": """
def two_layer_linear_grads(x, y, w1, w2):
    h = w1 * x
    d = w2 * h - y
    return d * w2 * x, d * x
""",
        "missing_w2_in_dw1": """
def two_layer_linear_grads(x, y, w1, w2):
    h = w1 * x
    d = w2 * h - y
    return d * x, d * h
""",
        "swapped_order": """
def two_layer_linear_grads(x, y, w1, w2):
    h = w1 * x
    d = w2 * h - y
    return d * h, d * w2 * x
""",
    },
}

RIGHT = {
    "mse": {
        "python_loop_lists": """
def mse(y, t):
    ys = np.ravel(np.asarray(y, dtype=float)).tolist()
    ts = np.ravel(np.asarray(t, dtype=float)).tolist()
    total = 0.0
    for a, b in zip(ys, ts):
        total += (a - b) ** 2
    return total / len(ys)
""",
        "float32_square_ufunc": """
def mse(y, t):
    d = np.subtract(np.asarray(y, dtype=np.float32), np.asarray(t, dtype=np.float32))
    return np.square(d).mean()
""",
    },
    "mae": {
        "python_loop": """
def mae(y, t):
    ys = np.ravel(y).tolist()
    ts = np.ravel(t).tolist()
    return sum(abs(a - b) for a, b in zip(ys, ts)) / len(ys)
""",
        "float32_array": """
def mae(y, t):
    return np.abs(np.float32(y) - np.float32(t)).mean()
""",
    },
    "rmse": {
        "via_mse": """
def rmse(y, t):
    return mse(y, t) ** 0.5
""",
        "linalg_norm": """
def rmse(y, t):
    d = np.ravel(np.asarray(y, float) - np.asarray(t, float))
    return float(np.linalg.norm(d) / np.sqrt(d.size))
""",
    },
    "binary_cross_entropy": {
        "where_on_binary_targets": """
def binary_cross_entropy(y, t, eps=1e-7):
    y = np.clip(np.asarray(y, dtype=float), eps, 1 - eps)
    t = np.asarray(t, dtype=float)
    return float(np.mean(np.where(t == 1, -np.log(y), -np.log(1 - y))))
""",
        "log1p_and_loop": """
import math as _math

def binary_cross_entropy(y, t, eps=1e-7):
    total, count = 0.0, 0
    for a, b in zip(np.ravel(y).tolist(), np.ravel(t).tolist()):
        a = min(max(a, eps), 1 - eps)
        total -= b * _math.log(a) + (1 - b) * _math.log1p(-a)
        count += 1
    return total / count
""",
        "float32_keeps_dtype": """
def binary_cross_entropy(y, t, eps=1e-7):
    y = np.asarray(y)
    t = np.asarray(t)
    y = np.clip(y, eps, 1 - eps)
    return -(t * np.log(y) + (1 - t) * np.log(1 - y)).mean()
""",
    },
    "one_hot": {
        "loop_with_explicit_checks": """
def one_hot(labels, n_classes):
    labels = [int(v) for v in np.ravel(labels)]
    out = np.zeros((len(labels), n_classes))
    for i, label in enumerate(labels):
        if not 0 <= label < n_classes:
            raise ValueError(f"label {label} outside [0, {n_classes})")
        out[i, label] = 1.0
    return out
""",
        "comparison_with_arange": """
def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if labels.min() < 0 or labels.max() > n_classes - 1:
        raise ValueError("labels must be in [0, n_classes)")
    return (labels[:, None] == np.arange(n_classes)).astype(np.float32)
""",
    },
    "categorical_cross_entropy": {
        "pick_true_class": """
def categorical_cross_entropy(p, t, eps=1e-7):
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0)
    t = np.asarray(t, dtype=float)
    true_class = np.argmax(t, axis=1)
    return float(-np.mean(np.log(p[np.arange(len(p)), true_class])))
""",
        "sum_divided_by_rows": """
def categorical_cross_entropy(p, t, eps=1e-7):
    p = np.maximum(np.asarray(p), eps)
    t = np.asarray(t)
    return -np.sum(t * np.log(p)) / len(p)
""",
    },
    "gradient_descent": {
        "preallocated_array": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    w0 = np.asarray(w0, dtype=float)
    path = np.empty((n_steps + 1,) + w0.shape)
    path[0] = w0
    for k in range(n_steps):
        path[k + 1] = path[k] - lr * np.asarray(grad_fn(path[k].copy()))
    return path
""",
        "in_place_on_copy_with_stack": """
def gradient_descent(grad_fn, w0, lr, n_steps):
    w = np.array(w0, dtype=np.float64, copy=True)
    rows = [w.copy()]
    for _ in range(n_steps):
        w -= lr * grad_fn(w)
        rows.append(w.copy())
    return np.stack(rows)
""",
    },
    "steps_to_converge": {
        "while_loop_update_first": """
def steps_to_converge(grad_fn, w0, w_star, lr, tol=1e-3, max_steps=10_000):
    w = np.array(w0, dtype=float)
    target = np.array(w_star, dtype=float)
    if np.linalg.norm(w - target) <= tol:
        return 0
    steps = 0
    while steps < max_steps:
        w = w - lr * grad_fn(w)
        steps += 1
        distance = np.sqrt(np.sum((w - target) ** 2))
        if not np.isfinite(distance):
            return None
        if distance <= tol:
            return steps
    return None
""",
        "finite_weights_check": """
def steps_to_converge(grad_fn, w0, w_star, lr, tol=1e-3, max_steps=10_000):
    w = np.asarray(w0, dtype=float)
    for k in range(max_steps + 1):
        if not np.all(np.isfinite(w)):
            return None
        if np.linalg.norm(w - np.asarray(w_star)) <= tol:
            return k
        if k == max_steps:
            break
        w = w - lr * np.asarray(grad_fn(w))
    return None
""",
    },
    "goldilocks_learning_rate": {
        "half_over_a": """
def goldilocks_learning_rate(a):
    return 0.5 / a
""",
        "solve_for_zero_factor": """
def goldilocks_learning_rate(a):
    # w_new - c = (1 - 2 a eta)(w - c) = 0
    return float(1 / (2 * np.float64(a)))
""",
    },
    "iterate_minibatches": {
        "shuffle_index_array": """
def iterate_minibatches(X, t, batch_size, rng=None):
    X = np.asarray(X)
    t = np.asarray(t)
    idx = np.arange(X.shape[0])
    if rng is not None:
        rng.shuffle(idx)
    n_batches = (len(idx) + batch_size - 1) // batch_size
    for k in range(n_batches):
        part = idx[k * batch_size:(k + 1) * batch_size]
        yield X[part], t[part]
""",
        "permute_then_slice": """
def iterate_minibatches(X, t, batch_size, rng=None):
    X = np.array(X)
    t = np.array(t)
    if rng is not None:
        order = rng.permutation(len(X))
        X, t = X[order], t[order]
    start = 0
    while start < len(X):
        yield X[start:start + batch_size], t[start:start + batch_size]
        start += batch_size
""",
    },
    "linear_regression_gd": {
        "loops_and_list_history": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X = np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=float)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    history = []
    for epoch in range(epochs):
        for Xb, tb in iterate_minibatches(X, t, batch_size, rng):
            m = len(tb)
            y = Xb.dot(w) + b
            grad_w = np.zeros(d)
            grad_b = 0.0
            for i in range(m):
                grad_w += 2.0 * (y[i] - tb[i]) * Xb[i] / m
                grad_b += 2.0 * (y[i] - tb[i]) / m
            w = w - lr * grad_w
            b = b - lr * grad_b
        history.append(mse(X @ w + b, t))
    return w, b, history
""",
        "bias_folded_into_weights": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X = np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=float)
    Xb1 = np.column_stack([X, np.ones(len(X))])
    theta = np.zeros(Xb1.shape[1])
    history = np.zeros(epochs)
    for e in range(epochs):
        for X_batch, t_batch in iterate_minibatches(Xb1, t, batch_size, rng):
            residual = X_batch @ theta - t_batch
            theta -= lr * 2 * X_batch.T @ residual / X_batch.shape[0]
        history[e] = np.mean((Xb1 @ theta - t) ** 2)
    return theta[:-1], theta[-1], history
""",
        "float32_when_given_float32": """
def linear_regression_gd(X, t, lr, epochs, batch_size, rng):
    X = np.asarray(X)
    t = np.asarray(t)
    dtype = np.float32 if X.dtype == np.float32 else np.float64
    X, t = X.astype(dtype), t.astype(dtype)
    w = np.zeros(X.shape[1], dtype=dtype)
    b = dtype(0)
    history = []
    for _ in range(epochs):
        for Xb, tb in iterate_minibatches(X, t, batch_size, rng):
            err = Xb @ w + b - tb
            w = w - dtype(lr * 2 / len(tb)) * (Xb.T @ err)
            b = b - dtype(lr * 2 / len(tb)) * err.sum()
        history.append(((X @ w + b - t) ** 2).mean())
    return w, b, history
""",
    },
    "chain_rule_example": {
        "inline": """
def chain_rule_example(x, y, z):
    return (z, z, x + y)
""",
        "float_conversion": """
def chain_rule_example(x, y, z):
    q = float(x) + float(y)
    upstream = float(z)
    return upstream * 1.0, upstream * 1.0, q
""",
    },
    "two_layer_linear_grads": {
        "expanded_formula": """
def two_layer_linear_grads(x, y, w1, w2):
    return (w1 * w2 * x - y) * w2 * x, (w1 * w2 * x - y) * w1 * x
""",
        "float32_numpy": """
def two_layer_linear_grads(x, y, w1, w2):
    x, y, w1, w2 = (np.float64(v) for v in (x, y, w1, w2))
    h = w1 * x
    err = w2 * h - y
    return float(err * w2 * x), float(err * h)
""",
    },
}
