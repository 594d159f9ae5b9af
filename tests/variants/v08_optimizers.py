"""Known-wrong and known-right answers for 08_optimizers (see tests/test_variants.py).

The hidden tests run the real Keras optimizers on the same gradient sequences and compare the
weights after every step (rtol 1e-5, gradients of magnitude >= 0.01). The textbook forms of Adagrad
and Adam (epsilon outside the square root of the un-rescaled accumulator) and RMSprop with epsilon
outside the root differ from Keras only where epsilon enters and must pass; the equivalent momentum
conventions (v = mu*v + lr*g, w - v; v = mu*v + g, w - lr*v) must pass too.
"""

WRONG = {
    "sgd_momentum_step": {
        "wrong_sign_w_minus_m": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    velocity = 0.0 if state is None else state
    velocity = momentum * velocity - lr * np.asarray(g, dtype=float)
    return np.asarray(w, dtype=float) - velocity, velocity
''',
        "averaged_momentum_1_minus_mu": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    w = np.asarray(w, dtype=float)
    v = np.zeros_like(w) if state is None else state
    v = momentum * v + (1 - momentum) * np.asarray(g, dtype=float)
    return w - lr * v, v
''',
        "w_updated_with_old_velocity": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    w = np.asarray(w, dtype=float)
    m = np.zeros_like(w) if state is None else state
    w_new = w + m
    m = momentum * m - lr * np.asarray(g, dtype=float)
    return w_new, m
''',
        "state_not_returned": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    w = np.asarray(w, dtype=float)
    m = np.zeros_like(w) if state is None else state
    m_new = momentum * m - lr * np.asarray(g, dtype=float)
    return w + m_new, state
''',
        "velocity_updated_in_place": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    w = np.asarray(w, dtype=float)
    m = np.zeros_like(w) if state is None else state
    m *= momentum
    m -= lr * np.asarray(g, dtype=float)
    return w + m, m
''',
        "w_updated_in_place": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    w = np.asarray(w, dtype=float)
    m = np.zeros_like(w) if state is None else state
    m = momentum * m - lr * np.asarray(g, dtype=float)
    w += m
    return w, m
''',
        "nesterov_instead_of_plain": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    m = np.zeros_like(w) if state is None else state
    m = momentum * m - lr * g
    return w + momentum * m - lr * g, m
''',
        "momentum_hard_coded": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    w = np.asarray(w, dtype=float)
    m = np.zeros_like(w) if state is None else state
    m = 0.9 * m - lr * np.asarray(g, dtype=float)
    return w + m, m
''',
    },
    "adagrad_step": {
        "accumulator_starts_at_zero": '''
def adagrad_step(w, g, state, lr=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    grad = np.asarray(g, dtype=float)
    total = np.zeros(grad.shape) if state is None else state
    total = total + grad ** 2
    return np.asarray(w, dtype=float) - lr * grad / np.sqrt(total + epsilon), total
''',
        "no_square_root": '''
def adagrad_step(w, g, state, lr=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a = np.full_like(w, initial_accumulator_value) if state is None else state
    a = a + g ** 2
    return w - lr * g / (a + epsilon), a
''',
        "divides_by_old_accumulator": '''
def adagrad_step(w, g, state, lr=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a = np.full_like(w, initial_accumulator_value) if state is None else state
    w_new = w - lr * g / np.sqrt(a + epsilon)
    return w_new, a + g ** 2
''',
        "running_average_instead_of_sum": '''
def adagrad_step(w, g, state, lr=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a = np.full_like(w, initial_accumulator_value) if state is None else state
    a = 0.9 * a + 0.1 * g ** 2
    return w - lr * g / np.sqrt(a + epsilon), a
''',
        "accumulator_reset_every_call": '''
def adagrad_step(w, g, state, lr=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a = np.full_like(w, initial_accumulator_value) + g ** 2
    return w - lr * g / np.sqrt(a + epsilon), a
''',
        "accumulator_updated_in_place": '''
def adagrad_step(w, g, state, lr=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a = np.full_like(w, initial_accumulator_value) if state is None else state
    a += g ** 2
    return w - lr * g / np.sqrt(a + epsilon), a
''',
        "accumulates_abs_gradient": '''
def adagrad_step(w, g, state, lr=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a = np.full_like(w, initial_accumulator_value) if state is None else state
    a = a + np.abs(g)
    return w - lr * g / np.sqrt(a + epsilon), a
''',
    },
    "rmsprop_step": {
        "rho_and_1_minus_rho_swapped": '''
def rmsprop_step(w, g, state, lr=0.001, rho=0.9, epsilon=1e-7):
    grad = np.asarray(g, dtype=float)
    mean_sq = np.zeros(grad.shape) if state is None else state
    mean_sq = (1 - rho) * mean_sq + rho * grad ** 2
    return np.asarray(w, dtype=float) - lr * grad / np.sqrt(mean_sq + epsilon), mean_sq
''',
        "no_square_root": '''
def rmsprop_step(w, g, state, lr=0.001, rho=0.9, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    v = np.zeros_like(w) if state is None else state
    v = rho * v + (1 - rho) * g ** 2
    return w - lr * g / (v + epsilon), v
''',
        "average_starts_at_g_squared": '''
def rmsprop_step(w, g, state, lr=0.001, rho=0.9, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    v = g ** 2 if state is None else rho * state + (1 - rho) * g ** 2
    return w - lr * g / np.sqrt(v + epsilon), v
''',
        "divides_by_old_average": '''
def rmsprop_step(w, g, state, lr=0.001, rho=0.9, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    v = np.full_like(w, 1.0) if state is None else state
    w_new = w - lr * g / np.sqrt(v + epsilon)
    return w_new, rho * v + (1 - rho) * g ** 2
''',
        "state_not_carried_over": '''
def rmsprop_step(w, g, state, lr=0.001, rho=0.9, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    v = (1 - rho) * g ** 2
    return w - lr * g / np.sqrt(v + epsilon), v
''',
        "average_updated_in_place": '''
def rmsprop_step(w, g, state, lr=0.001, rho=0.9, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    v = np.zeros_like(w) if state is None else state
    v *= rho
    v += (1 - rho) * g ** 2
    return w - lr * g / np.sqrt(v + epsilon), v
''',
    },
    "adadelta_step": {
        "no_learning_rate": '''
def adadelta_step(w, g, state, lr=0.001, rho=0.95, epsilon=1e-7):
    """Zeiler's paper has no learning rate, but Keras multiplies the update by lr."""
    grad = np.asarray(g, dtype=float)
    eg2, edx2 = (np.zeros(grad.shape), np.zeros(grad.shape)) if state is None else state
    eg2 = rho * eg2 + (1 - rho) * grad ** 2
    update = -np.sqrt(edx2 + epsilon) / np.sqrt(eg2 + epsilon) * grad
    edx2 = rho * edx2 + (1 - rho) * update ** 2
    return np.asarray(w, dtype=float) + update, (eg2, edx2)
''',
        "delta_uses_old_grad_average": '''
def adadelta_step(w, g, state, lr=0.001, rho=0.95, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a, d = (np.zeros_like(w), np.zeros_like(w)) if state is None else state
    delta = -np.sqrt(d + epsilon) / np.sqrt(a + epsilon) * g
    a = rho * a + (1 - rho) * g ** 2
    d = rho * d + (1 - rho) * delta ** 2
    return w + lr * delta, (a, d)
''',
        "epsilon_outside_square_roots": '''
def adadelta_step(w, g, state, lr=0.001, rho=0.95, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a, d = (np.zeros_like(w), np.zeros_like(w)) if state is None else state
    a = rho * a + (1 - rho) * g ** 2
    delta = -(np.sqrt(d) + epsilon) / (np.sqrt(a) + epsilon) * g
    d = rho * d + (1 - rho) * delta ** 2
    return w + lr * delta, (a, d)
''',
        "accumulates_scaled_update": '''
def adadelta_step(w, g, state, lr=0.001, rho=0.95, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a, d = (np.zeros_like(w), np.zeros_like(w)) if state is None else state
    a = rho * a + (1 - rho) * g ** 2
    step = -lr * np.sqrt(d + epsilon) / np.sqrt(a + epsilon) * g
    d = rho * d + (1 - rho) * step ** 2
    return w + step, (a, d)
''',
        "rho_and_1_minus_rho_swapped": '''
def adadelta_step(w, g, state, lr=0.001, rho=0.95, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a, d = (np.zeros_like(w), np.zeros_like(w)) if state is None else state
    a = (1 - rho) * a + rho * g ** 2
    delta = -np.sqrt(d + epsilon) / np.sqrt(a + epsilon) * g
    d = (1 - rho) * d + rho * delta ** 2
    return w + lr * delta, (a, d)
''',
        "wrong_sign": '''
def adadelta_step(w, g, state, lr=0.001, rho=0.95, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a, d = (np.zeros_like(w), np.zeros_like(w)) if state is None else state
    a = rho * a + (1 - rho) * g ** 2
    delta = np.sqrt(d + epsilon) / np.sqrt(a + epsilon) * g
    d = rho * d + (1 - rho) * delta ** 2
    return w + lr * delta, (a, d)
''',
        "state_returned_unchanged": '''
def adadelta_step(w, g, state, lr=0.001, rho=0.95, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a, d = (np.zeros_like(w), np.zeros_like(w)) if state is None else state
    a_new = rho * a + (1 - rho) * g ** 2
    delta = -np.sqrt(d + epsilon) / np.sqrt(a_new + epsilon) * g
    return w + lr * delta, (a, d)
''',
    },
    "adam_step": {
        "no_bias_correction": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    grad = np.asarray(g, dtype=float)
    first, second = (0.0, 0.0) if state is None else state
    first = beta_1 * first + (1 - beta_1) * grad
    second = beta_2 * second + (1 - beta_2) * grad ** 2
    return np.asarray(w, dtype=float) - lr * first / (np.sqrt(second) + epsilon), (first, second)
''',
        "t_starts_at_zero": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    t, m, v = (0, np.zeros_like(w), np.zeros_like(w)) if state is None else state
    m = beta_1 * m + (1 - beta_1) * g
    v = beta_2 * v + (1 - beta_2) * g ** 2
    m_hat = m / (1 - beta_1 ** t)
    v_hat = v / (1 - beta_2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), (t + 1, m, v)
''',
        "t_never_incremented": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    t, m, v = (1, np.zeros_like(w), np.zeros_like(w)) if state is None else state
    m = beta_1 * m + (1 - beta_1) * g
    v = beta_2 * v + (1 - beta_2) * g ** 2
    m_hat = m / (1 - beta_1 ** t)
    v_hat = v / (1 - beta_2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), (t, m, v)
''',
        "epsilon_inside_square_root": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    t, m, v = (0, np.zeros_like(w), np.zeros_like(w)) if state is None else state
    t += 1
    m = beta_1 * m + (1 - beta_1) * g
    v = beta_2 * v + (1 - beta_2) * g ** 2
    m_hat = m / (1 - beta_1 ** t)
    v_hat = v / (1 - beta_2 ** t)
    return w - lr * m_hat / np.sqrt(v_hat + epsilon), (t, m, v)
''',
        "only_first_moment_corrected": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    t, m, v = (0, np.zeros_like(w), np.zeros_like(w)) if state is None else state
    t += 1
    m = beta_1 * m + (1 - beta_1) * g
    v = beta_2 * v + (1 - beta_2) * g ** 2
    m_hat = m / (1 - beta_1 ** t)
    return w - lr * m_hat / (np.sqrt(v) + epsilon), (t, m, v)
''',
        "betas_swapped": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    t, m, v = (0, np.zeros_like(w), np.zeros_like(w)) if state is None else state
    t += 1
    m = beta_2 * m + (1 - beta_2) * g
    v = beta_1 * v + (1 - beta_1) * g ** 2
    m_hat = m / (1 - beta_2 ** t)
    v_hat = v / (1 - beta_1 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), (t, m, v)
''',
        "no_square_root_on_v": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    t, m, v = (0, np.zeros_like(w), np.zeros_like(w)) if state is None else state
    t += 1
    m = beta_1 * m + (1 - beta_1) * g
    v = beta_2 * v + (1 - beta_2) * g ** 2
    return w - lr * (m / (1 - beta_1 ** t)) / (v / (1 - beta_2 ** t) + epsilon), (t, m, v)
''',
        "moments_updated_in_place": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    t, m, v = (0, np.zeros_like(w), np.zeros_like(w)) if state is None else state
    t += 1
    m *= beta_1
    m += (1 - beta_1) * g
    v *= beta_2
    v += (1 - beta_2) * g ** 2
    alpha = lr * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
    return w - alpha * m / (np.sqrt(v) + epsilon), (t, m, v)
''',
        "state_dict_mutated": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    if state is None:
        state = {"t": 0, "m": np.zeros_like(w), "v": np.zeros_like(w)}
    state["t"] += 1
    state["m"] = beta_1 * state["m"] + (1 - beta_1) * g
    state["v"] = beta_2 * state["v"] + (1 - beta_2) * g ** 2
    m_hat = state["m"] / (1 - beta_1 ** state["t"])
    v_hat = state["v"] / (1 - beta_2 ** state["t"])
    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon), state
''',
    },
    "optimize": {
        "w0_missing_from_path": '''
def optimize(step_fn, grad_fn, w0, n_steps, **hyper):
    weights, memory, visited = np.asarray(w0, dtype=float), None, []
    for _ in range(n_steps):
        weights, memory = step_fn(weights, grad_fn(weights), memory, **hyper)
        visited.append(weights)
    return np.array(visited)
''',
        "state_reset_every_step": '''
def optimize(step_fn, grad_fn, w0, n_steps, **hyper):
    w = np.array(w0, dtype=float)
    path = [w]
    for _ in range(n_steps):
        w, _ = step_fn(w, grad_fn(w), None, **hyper)
        path.append(w)
    return np.array(path)
''',
        "hyper_not_passed": '''
def optimize(step_fn, grad_fn, w0, n_steps, **hyper):
    w = np.array(w0, dtype=float)
    state = None
    path = [w]
    for _ in range(n_steps):
        w, state = step_fn(w, grad_fn(w), state)
        path.append(w)
    return np.array(path)
''',
        "rows_alias_one_array": '''
def optimize(step_fn, grad_fn, w0, n_steps, **hyper):
    w = np.array(w0, dtype=float)
    state = None
    path = [w]
    for _ in range(n_steps):
        w_new, state = step_fn(w, grad_fn(w), state, **hyper)
        w[...] = w_new
        path.append(w)
    return np.array(path)
''',
        "gradient_always_at_w0": '''
def optimize(step_fn, grad_fn, w0, n_steps, **hyper):
    w = np.array(w0, dtype=float)
    g = grad_fn(w)
    state = None
    path = [w]
    for _ in range(n_steps):
        w, state = step_fn(w, g, state, **hyper)
        path.append(w)
    return np.array(path)
''',
        "one_step_too_few": '''
def optimize(step_fn, grad_fn, w0, n_steps, **hyper):
    w = np.array(w0, dtype=float)
    state = None
    path = [w]
    for _ in range(n_steps - 1):
        w, state = step_fn(w, grad_fn(w), state, **hyper)
        path.append(w)
    return np.array(path)
''',
        "w0_modified_in_place": '''
def optimize(step_fn, grad_fn, w0, n_steps, **hyper):
    w = np.asarray(w0, dtype=float)
    state = None
    path = [w.copy()]
    for _ in range(n_steps):
        w_new, state = step_fn(w, grad_fn(w), state, **hyper)
        w[...] = w_new
        path.append(w.copy())
    return np.array(path)
''',
    },
}

RIGHT = {
    "sgd_momentum_step": {
        "positive_velocity_convention": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    """v = mu*v + lr*g; w = w - v (the lecture's convention, v = -m)."""
    v = 0.0 if state is None else state
    v = momentum * v + lr * np.asarray(g, dtype=float)
    return np.asarray(w, dtype=float) - v, v
''',
        "unscaled_velocity_convention": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    """v = mu*v + g; w = w - lr*v: the same weights for a constant lr."""
    v = np.zeros(np.shape(w)) if state is None else state["v"]
    v = momentum * v + np.asarray(g, dtype=float)
    return np.asarray(w, dtype=float) - lr * v, {"v": v}
''',
        "float32_loop": '''
def sgd_momentum_step(w, g, state, lr=0.01, momentum=0.9):
    w = np.array(w, dtype=np.float32)
    g = np.asarray(g, dtype=np.float32)
    m = np.zeros_like(w) if state is None else state.copy()
    flat_w, flat_m, flat_g = w.reshape(-1), m.reshape(-1), g.reshape(-1)
    for i in range(flat_w.size):
        flat_m[i] = momentum * flat_m[i] - lr * flat_g[i]
        flat_w[i] = flat_w[i] + flat_m[i]
    return w, m
''',
    },
    "adagrad_step": {
        "textbook_epsilon_outside_root": '''
def adagrad_step(w, g, state, lr=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    g = np.asarray(g, dtype=float)
    a = initial_accumulator_value if state is None else state
    a = a + g * g
    return np.asarray(w, dtype=float) - lr * g / (np.sqrt(a) + epsilon), a
''',
        "float32_dict_state": '''
def adagrad_step(w, g, state, lr=0.001, initial_accumulator_value=0.1, epsilon=1e-7):
    w = np.asarray(w, dtype=np.float32)
    g = np.asarray(g, dtype=np.float32)
    if state is None:
        state = {"sum_sq": np.full(w.shape, initial_accumulator_value, dtype=np.float32)}
    sum_sq = state["sum_sq"] + np.square(g)
    return w - np.float32(lr) * g / np.sqrt(sum_sq + np.float32(epsilon)), {"sum_sq": sum_sq}
''',
    },
    "rmsprop_step": {
        "epsilon_outside_root": '''
def rmsprop_step(w, g, state, lr=0.001, rho=0.9, epsilon=1e-7):
    g = np.asarray(g, dtype=float)
    v = np.zeros_like(g) if state is None else state
    v = rho * v + (1 - rho) * g ** 2
    return np.asarray(w, dtype=float) - lr * g / (np.sqrt(v) + epsilon), v
''',
        "keras_style_difference_form": '''
def rmsprop_step(w, g, state, lr=0.001, rho=0.9, epsilon=1e-7):
    g = np.asarray(g, dtype=float)
    mean_square = np.zeros(g.shape) if state is None else state[0]
    mean_square = mean_square + (1 - rho) * (g ** 2 - mean_square)
    w_new = np.asarray(w, dtype=float) - lr * g / np.sqrt(mean_square + epsilon)
    return w_new, (mean_square,)
''',
        "float32": '''
def rmsprop_step(w, g, state, lr=0.001, rho=0.9, epsilon=1e-7):
    w = np.asarray(w, dtype=np.float32)
    g = np.asarray(g, dtype=np.float32)
    v = np.zeros_like(w) if state is None else state
    v = np.float32(rho) * v + np.float32(1 - rho) * g * g
    return w - np.float32(lr) * g / np.sqrt(v + np.float32(epsilon)), v
''',
    },
    "adadelta_step": {
        "positive_delta_convention": '''
def adadelta_step(w, g, state, lr=0.001, rho=0.95, epsilon=1e-7):
    """delta > 0 along g, subtracted from w; rms helper as in Zeiler's paper."""
    def _rms(x):
        return np.sqrt(x + epsilon)

    g = np.asarray(g, dtype=float)
    if state is None:
        state = {"Eg2": np.zeros(g.shape), "Edx2": np.zeros(g.shape)}
    Eg2 = rho * state["Eg2"] + (1 - rho) * g ** 2
    update = _rms(state["Edx2"]) / _rms(Eg2) * g
    Edx2 = rho * state["Edx2"] + (1 - rho) * update ** 2
    return np.asarray(w, dtype=float) - lr * update, {"Eg2": Eg2, "Edx2": Edx2}
''',
        "d_updated_lazily_on_next_call": '''
def adadelta_step(w, g, state, lr=0.001, rho=0.95, epsilon=1e-7):
    """Adds the previous delta to d at the start of the next call: the same d when it is used."""
    w = np.asarray(w, dtype=float)
    g = np.asarray(g, dtype=float)
    a, d, last = (np.zeros_like(w), np.zeros_like(w), np.zeros_like(w)) if state is None else state
    a = rho * a + (1 - rho) * g ** 2
    d = rho * d + (1 - rho) * last ** 2
    delta = -np.sqrt(d + epsilon) / np.sqrt(a + epsilon) * g
    return w + lr * delta, (a, d, delta)
''',
        "float32_list_state": '''
def adadelta_step(w, g, state, lr=0.001, rho=0.95, epsilon=1e-7):
    w = np.asarray(w, dtype=np.float32)
    g = np.asarray(g, dtype=np.float32)
    a, d = [np.zeros_like(w), np.zeros_like(w)] if state is None else state
    a = rho * a + (1 - rho) * g ** 2
    delta = -np.sqrt(d + epsilon) * g / np.sqrt(a + epsilon)
    d = rho * d + (1 - rho) * delta ** 2
    return (w + lr * delta).astype(np.float32), [a.astype(np.float32), d.astype(np.float32)]
''',
    },
    "adam_step": {
        "textbook_bias_corrected_moments": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    """Kingma & Ba, Algorithm 1."""
    g = np.asarray(g, dtype=float)
    t, m, v = (0, 0.0, 0.0) if state is None else state
    t = t + 1
    m = beta_1 * m + (1 - beta_1) * g
    v = beta_2 * v + (1 - beta_2) * g ** 2
    m_hat = m / (1 - beta_1 ** t)
    v_hat = v / (1 - beta_2 ** t)
    return np.asarray(w, dtype=float) - lr * m_hat / (np.sqrt(v_hat) + epsilon), (t, m, v)
''',
        "beta_powers_in_state_dict": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    g = np.asarray(g, dtype=float)
    if state is None:
        state = {"m": np.zeros(g.shape), "v": np.zeros(g.shape), "b1t": 1.0, "b2t": 1.0}
    b1t, b2t = state["b1t"] * beta_1, state["b2t"] * beta_2
    m = state["m"] + (1 - beta_1) * (g - state["m"])
    v = state["v"] + (1 - beta_2) * (np.square(g) - state["v"])
    alpha = lr * np.sqrt(1 - b2t) / (1 - b1t)
    w_new = np.asarray(w, dtype=float) - alpha * m / (np.sqrt(v) + epsilon)
    return w_new, {"m": m, "v": v, "b1t": b1t, "b2t": b2t}
''',
        "float32": '''
def adam_step(w, g, state, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    w = np.asarray(w, dtype=np.float32)
    g = np.asarray(g, dtype=np.float32)
    t, m, v = (0, np.zeros_like(w), np.zeros_like(w)) if state is None else state
    t += 1
    m = np.float32(beta_1) * m + np.float32(1 - beta_1) * g
    v = np.float32(beta_2) * v + np.float32(1 - beta_2) * g * g
    alpha = np.float32(lr * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t))
    return w - alpha * m / (np.sqrt(v) + np.float32(epsilon)), (t, m, v)
''',
    },
    "optimize": {
        "preallocated_array": '''
def optimize(step_fn, grad_fn, w0, n_steps, **hyper):
    w = np.array(w0, dtype=float)
    path = np.empty((n_steps + 1,) + w.shape)
    path[0] = w
    state = None
    for k in range(1, n_steps + 1):
        w, state = step_fn(w, grad_fn(w), state, **hyper)
        path[k] = w
    return path
''',
        "while_loop_with_copies": '''
def optimize(step_fn, grad_fn, w0, n_steps, **hyper):
    w = np.copy(np.asarray(w0, dtype=np.float64))
    rows, state, k = [w.copy()], None, 0
    while k < n_steps:
        g = grad_fn(w)
        w, state = step_fn(w, g, state, **hyper)
        rows.append(np.array(w, dtype=np.float64))
        k += 1
    return np.stack(rows)
''',
    },
}
