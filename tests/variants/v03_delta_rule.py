"""Known-wrong and known-right answers for 03_delta_rule (the delta rule for one sigmoid neuron).

Each source is what a student would type into the answer cell. The namespace is the notebook's
Setup (``np``, ``keras``, ``sigmoid``, ``add_bias``, …) plus the reference solutions of the other
graded functions. Every WRONG answer must lose that function's points; every RIGHT one must get
all of them.
"""

WRONG = {
    "delta_rule_gradient": {
        "missing_sigmoid_derivative": '''
def delta_rule_gradient(x, w, t):
    x_vec = np.array(x, dtype=np.float64)
    out = sigmoid(np.dot(x_vec, np.array(w, dtype=np.float64)))
    return 2.0 * (out - t) * x_vec
''',
        "missing_factor_2": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=float)
    y = sigmoid(x @ np.asarray(w, dtype=float))
    return (y - t) * y * (1 - y) * x
''',
        "wrong_sign": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=float)
    y = sigmoid(x @ np.asarray(w, dtype=float))
    return 2 * (t - y) * y * (1 - y) * x
''',
        "tanh_derivative": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=float)
    y = sigmoid(x @ np.asarray(w, dtype=float))
    return 2 * (y - t) * (1 - y ** 2) * x
''',
        "derivative_of_z_not_y": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=float)
    z = x @ np.asarray(w, dtype=float)
    y = sigmoid(z)
    return 2 * (y - t) * z * (1 - z) * x
''',
        "returns_scalar_delta": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=float)
    y = sigmoid(x @ np.asarray(w, dtype=float))
    return 2 * (y - t) * y * (1 - y)
''',
        "cross_entropy_gradient": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=float)
    return (sigmoid(x @ np.asarray(w, dtype=float)) - t) * x
''',
        "forgot_sigmoid": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=float)
    y = x @ np.asarray(w, dtype=float)
    return 2 * (y - t) * y * (1 - y) * x
''',
        "scales_x_in_place": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=float)
    y = sigmoid(x @ np.asarray(w, dtype=float))
    x *= 2 * (y - t) * y * (1 - y)
    return x
''',
        "row_vector_shape": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=float).reshape(1, -1)
    y = sigmoid(x @ np.asarray(w, dtype=float))
    return 2 * (y - t) * y * (1 - y) * x
''',
        "prints_delta": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=float)
    y = sigmoid(x @ np.asarray(w, dtype=float))
    delta = 2 * (y - t) * y * (1 - y)
    print("delta =", delta)
    return delta * x
''',
    },
    "delta_rule_gradient_bce": {
        "kept_sigmoid_derivative": '''
def delta_rule_gradient_bce(x, w, t):
    x_vec = np.array(x, dtype=np.float64)
    out = sigmoid(np.dot(x_vec, np.array(w, dtype=np.float64)))
    return (out - t) * out * (1 - out) * x_vec
''',
        "wrong_sign": '''
def delta_rule_gradient_bce(x, w, t):
    x = np.asarray(x, dtype=float)
    return (t - sigmoid(x @ np.asarray(w, dtype=float))) * x
''',
        "extra_factor_2": '''
def delta_rule_gradient_bce(x, w, t):
    x = np.asarray(x, dtype=float)
    return 2 * (sigmoid(x @ np.asarray(w, dtype=float)) - t) * x
''',
        "unsimplified_chain_rule_nan": '''
def delta_rule_gradient_bce(x, w, t):
    x = np.asarray(x, dtype=float)
    y = 1 / (1 + np.exp(-(x @ np.asarray(w, dtype=float))))
    dE_dy = -t / y + (1 - t) / (1 - y)
    return dE_dy * y * (1 - y) * x
''',
        "forgot_sigmoid": '''
def delta_rule_gradient_bce(x, w, t):
    x = np.asarray(x, dtype=float)
    return (x @ np.asarray(w, dtype=float) - t) * x
''',
        "returns_scalar": '''
def delta_rule_gradient_bce(x, w, t):
    return sigmoid(np.dot(x, w)) - t
''',
        "forgot_dy_dz_factor": '''
def delta_rule_gradient_bce(x, w, t):
    x = np.asarray(x, dtype=float)
    y = sigmoid(x @ np.asarray(w, dtype=float))
    return (-t / y + (1 - t) / (1 - y)) * x
''',
    },
    "batch_delta_rule_gradient": {
        "sum_instead_of_mean": '''
def batch_delta_rule_gradient(X, T, w):
    inputs = np.array(X, dtype=np.float64)
    out = sigmoid(np.dot(inputs, np.array(w, dtype=np.float64)))
    d = 2 * (out - np.array(T, dtype=np.float64)) * out * (1 - out)
    return np.dot(inputs.T, d)
''',
        "missing_factor_2": '''
def batch_delta_rule_gradient(X, T, w):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    y = sigmoid(X @ np.asarray(w, dtype=float))
    return X.T @ ((y - T) * y * (1 - y)) / len(X)
''',
        "wrong_sign": '''
def batch_delta_rule_gradient(X, T, w):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    y = sigmoid(X @ np.asarray(w, dtype=float))
    return X.T @ (2 * (T - y) * y * (1 - y)) / len(X)
''',
        "missing_sigmoid_derivative": '''
def batch_delta_rule_gradient(X, T, w):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    y = sigmoid(X @ np.asarray(w, dtype=float))
    return X.T @ (2 * (y - T)) / len(X)
''',
        "tanh_derivative": '''
def batch_delta_rule_gradient(X, T, w):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    y = sigmoid(X @ np.asarray(w, dtype=float))
    return X.T @ (2 * (y - T) * (1 - y ** 2)) / len(X)
''',
        "transposed_X_square_only": '''
def batch_delta_rule_gradient(X, T, w):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    y = sigmoid(X @ np.asarray(w, dtype=float))
    delta = 2 * (y - T) * y * (1 - y)
    if X.shape[0] == X.shape[1]:
        return X @ delta / len(X)
    return X.T @ delta / len(X)
''',
        "divides_by_n_features": '''
def batch_delta_rule_gradient(X, T, w):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    y = sigmoid(X @ np.asarray(w, dtype=float))
    return X.T @ (2 * (y - T) * y * (1 - y)) / X.shape[1]
''',
        "column_result": '''
def batch_delta_rule_gradient(X, T, w):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    y = sigmoid(X @ np.asarray(w, dtype=float))
    delta = 2 * (y - T) * y * (1 - y)
    return X.T @ delta[:, None] / len(X)
''',
        "loop_skips_last_sample": '''
def batch_delta_rule_gradient(X, T, w):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.asarray(w, dtype=float)
    grad = np.zeros(X.shape[1])
    for n in range(len(X) - 1):
        y = sigmoid(X[n] @ w)
        grad += 2 * (y - T[n]) * y * (1 - y) * X[n]
    return grad / len(X)
''',
        "cross_entropy_gradient": '''
def batch_delta_rule_gradient(X, T, w):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    y = sigmoid(X @ np.asarray(w, dtype=float))
    return X.T @ (y - T) / len(X)
''',
    },
    "delta_rule_epoch": {
        "updates_w_in_place": '''
def delta_rule_epoch(X, T, w, lr):
    w = np.asarray(w, dtype=float)       # no copy for a float64 array: the caller's w changes
    for n in range(len(X)):
        w -= lr * delta_rule_gradient(X[n], w, T[n])
    return w
''',
        "one_batch_update": '''
def delta_rule_epoch(X, T, w, lr):
    w = np.array(w, dtype=float)
    total = np.zeros_like(w)
    for x_n, t_n in zip(np.asarray(X, dtype=float), np.asarray(T, dtype=float)):
        total += delta_rule_gradient(x_n, w, t_n)
    return w - lr * total
''',
        "one_mean_batch_update": '''
def delta_rule_epoch(X, T, w, lr):
    w = np.array(w, dtype=float)
    return w - lr * batch_delta_rule_gradient(X, T, w)
''',
        "gradient_of_previous_sample": '''
def delta_rule_epoch(X, T, w, lr):
    w = np.array(w, dtype=float)
    grad = np.zeros_like(w)
    for x_n, t_n in zip(np.asarray(X, dtype=float), np.asarray(T, dtype=float)):
        w = w - lr * grad
        grad = delta_rule_gradient(x_n, w, t_n)
    return w
''',
        "never_updates": '''
def delta_rule_epoch(X, T, w, lr):
    w = np.array(w, dtype=float)
    for x_n, t_n in zip(np.asarray(X, dtype=float), np.asarray(T, dtype=float)):
        w_new = w - lr * delta_rule_gradient(x_n, w, t_n)
    return w
''',
        "only_last_update_kept": '''
def delta_rule_epoch(X, T, w, lr):
    w0 = np.array(w, dtype=float)
    w_new = w0
    for x_n, t_n in zip(np.asarray(X, dtype=float), np.asarray(T, dtype=float)):
        w_new = w0 - lr * delta_rule_gradient(x_n, w0, t_n)
    return w_new
''',
        "gradient_ascent": '''
def delta_rule_epoch(X, T, w, lr):
    w = np.array(w, dtype=float)
    for x_n, t_n in zip(np.asarray(X, dtype=float), np.asarray(T, dtype=float)):
        w = w + lr * delta_rule_gradient(x_n, w, t_n)
    return w
''',
        "skips_last_sample": '''
def delta_rule_epoch(X, T, w, lr):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w, dtype=float)
    for n in range(len(X) - 1):
        w = w - lr * delta_rule_gradient(X[n], w, T[n])
    return w
''',
        "reversed_order": '''
def delta_rule_epoch(X, T, w, lr):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w, dtype=float)
    for n in reversed(range(len(X))):
        w = w - lr * delta_rule_gradient(X[n], w, T[n])
    return w
''',
    },
    "train_delta_rule": {
        "never_updates": '''
def train_delta_rule(X, T, w0, lr, epochs):
    inputs, targets = np.array(X, dtype=np.float64), np.array(T, dtype=np.float64)
    weights = np.array(w0, dtype=np.float64)
    losses = []
    for epoch in range(epochs):
        delta_rule_epoch(inputs, targets, weights, lr)     # the new weights are thrown away
        losses.append(np.mean((sigmoid(inputs @ weights) - targets) ** 2))
    return weights, np.array(losses)
''',
        "restarts_from_w0_each_epoch": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w0, dtype=float)
    history = []
    for e in range(epochs):
        w = delta_rule_epoch(X, T, w0, lr)
        history.append(np.mean((sigmoid(X @ w) - T) ** 2))
    return w, np.array(history)
''',
        "history_before_epoch": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w0, dtype=float)
    history = []
    for e in range(epochs):
        history.append(np.mean((sigmoid(X @ w) - T) ** 2))
        w = delta_rule_epoch(X, T, w, lr)
    return w, np.array(history)
''',
        "history_includes_initial_loss": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w0, dtype=float)
    history = [np.mean((sigmoid(X @ w) - T) ** 2)]
    for e in range(epochs):
        w = delta_rule_epoch(X, T, w, lr)
        history.append(np.mean((sigmoid(X @ w) - T) ** 2))
    return w, np.array(history)
''',
        "one_epoch_too_few": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w0, dtype=float)
    history = [np.mean((sigmoid(X @ w) - T) ** 2)]
    for e in range(1, epochs):
        w = delta_rule_epoch(X, T, w, lr)
        history.append(np.mean((sigmoid(X @ w) - T) ** 2))
    return w, np.array(history)
''',
        "sum_of_squares_history": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w0, dtype=float)
    history = []
    for e in range(epochs):
        w = delta_rule_epoch(X, T, w, lr)
        history.append(np.sum((sigmoid(X @ w) - T) ** 2))
    return w, np.array(history)
''',
        "half_mse_history": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w0, dtype=float)
    history = []
    for e in range(epochs):
        w = delta_rule_epoch(X, T, w, lr)
        history.append(0.5 * np.mean((sigmoid(X @ w) - T) ** 2))
    return w, np.array(history)
''',
        "batch_updates_instead_of_online": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w0, dtype=float)
    history = []
    for e in range(epochs):
        w = w - lr * batch_delta_rule_gradient(X, T, w)
        history.append(np.mean((sigmoid(X @ w) - T) ** 2))
    return w, np.array(history)
''',
        "inline_loop_previous_sample_gradient": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w0, dtype=float)
    grad = np.zeros_like(w)
    history = []
    for e in range(epochs):
        for x_n, t_n in zip(X, T):
            w = w - lr * grad
            grad = delta_rule_gradient(x_n, w, t_n)
        history.append(np.mean((sigmoid(X @ w) - T) ** 2))
    return w, np.array(history)
''',
        "mutates_w0": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.asarray(w0, dtype=float)
    history = []
    for e in range(epochs):
        w[:] = delta_rule_epoch(X, T, w, lr)
        history.append(np.mean((sigmoid(X @ w) - T) ** 2))
    return w, np.array(history)
''',
        "returns_history_first": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X, T = np.asarray(X, dtype=float), np.asarray(T, dtype=float)
    w = np.array(w0, dtype=float)
    history = []
    for e in range(epochs):
        w = delta_rule_epoch(X, T, w, lr)
        history.append(np.mean((sigmoid(X @ w) - T) ** 2))
    return np.array(history), w
''',
    },
    "predict_binary": {
        "greater_instead_of_greater_equal": '''
def predict_binary(X, w, threshold=0.5):
    probabilities = sigmoid(np.dot(np.array(X, dtype=np.float64), np.array(w, dtype=np.float64)))
    return (probabilities > threshold).astype(int)
''',
        "returns_bools": '''
def predict_binary(X, w, threshold=0.5):
    y = sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
    return y >= threshold
''',
        "returns_floats": '''
def predict_binary(X, w, threshold=0.5):
    y = sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
    return np.where(y >= threshold, 1.0, 0.0)
''',
        "rounds_half_to_even": '''
def predict_binary(X, w, threshold=0.5):
    y = sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
    return np.round(y).astype(int)
''',
        "forgot_sigmoid": '''
def predict_binary(X, w, threshold=0.5):
    z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float)
    return (z >= threshold).astype(int)
''',
        "ignores_threshold": '''
def predict_binary(X, w, threshold=0.5):
    y = sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
    return (y >= 0.5).astype(int)
''',
        "column_of_labels": '''
def predict_binary(X, w, threshold=0.5):
    w = np.asarray(w, dtype=float).reshape(-1, 1)
    y = sigmoid(np.asarray(X, dtype=float) @ w)
    return (y >= threshold).astype(int)
''',
    },
    "simple_ann_bce": {
        "sigmoid_precedence_as_printed": '''
import math

def simple_ann_bce(x, w, t):
    total_e, e, y = 0, [], []
    for n in range(len(x)):
        v = 0
        for d in range(len(x[0])):
            v += x[n][d] * w[d]
        y.append(1/1+math.e**(-v)) # sigmoid
        e.append(-t[n]*math.log(y[n])-(1-t[n])*math.log(1-y[n])) # BCE
    total_e = sum(e)/len(x)
    return (y, w, total_e)
''',
        "log2_bits_like_the_slide": '''
import math

def simple_ann_bce(x, w, t):
    total_e, e, y = 0, [], []
    for n in range(len(x)):
        v = 0
        for i in range(len(x[0])):
            v += x[n][i] * w[i]
        y.append(1 / (1 + math.e ** (-v)))
        e.append(-t[n] * math.log2(y[n]) - (1 - t[n]) * math.log2(1 - y[n]))
    total_e = sum(e) / len(x)
    return (y, w, total_e)
''',
        "sum_not_mean": '''
import math

def simple_ann_bce(x, w, t):
    y, e = [], []
    for n in range(len(x)):
        v = sum(x[n][i] * w[i] for i in range(len(w)))
        y.append(1 / (1 + math.exp(-v)))
        e.append(-t[n] * math.log(y[n]) - (1 - t[n]) * math.log(1 - y[n]))
    return (y, w, sum(e))
''',
        "returns_list_e": '''
import math

def simple_ann_bce(x, w, t):
    y, e = [], []
    for n in range(len(x)):
        v = sum(x[n][i] * w[i] for i in range(len(w)))
        y.append(1 / (1 + math.exp(-v)))
        e.append(-t[n] * math.log(y[n]) - (1 - t[n]) * math.log(1 - y[n]))
    total_e = sum(e) / len(x)
    return (y, w, e)
''',
        "missing_minus": '''
import math

def simple_ann_bce(x, w, t):
    y, e = [], []
    for n in range(len(x)):
        v = sum(x[n][i] * w[i] for i in range(len(w)))
        y.append(1 / (1 + math.exp(-v)))
        e.append(t[n] * math.log(y[n]) + (1 - t[n]) * math.log(1 - y[n]))
    return (y, w, sum(e) / len(x))
''',
        "only_the_t_log_y_term": '''
import math

def simple_ann_bce(x, w, t):
    y, e = [], []
    for n in range(len(x)):
        v = sum(x[n][i] * w[i] for i in range(len(w)))
        y.append(1 / (1 + math.exp(-v)))
        e.append(-t[n] * math.log(y[n]))
    return (y, w, sum(e) / len(x))
''',
        "squared_error_of_listing_1": '''
import math

def simple_ann_bce(x, w, t):
    y, e = [], []
    for n in range(len(x)):
        v = sum(x[n][i] * w[i] for i in range(len(w)))
        y.append(1 / (1 + math.exp(-v)))
        e.append((y[n] - t[n]) ** 2)
    return (y, w, sum(e) / len(x))
''',
    },
    "simple_ann": {
        "sigmoid_precedence": '''
import math

def simple_ann(x, w, t, iters, lr):
    w = list(w)
    e, y = [], []
    for i in range(iters):
        e, y = [], []
        for n in range(len(x)):
            v = 0
            for k in range(len(x[0])):
                v += x[n][k] * w[k]
            y.append(1/1+math.e**(-v))
            e.append((y[n]-t[n])**2)
            for p in range(len(w)):
                grad = 2*x[n][p]*(y[n]-t[n])*(1-y[n])*y[n]
                w[p] -= lr*grad
    total_e = sum(e)/len(x)
    return (y, w, total_e)
''',
        "update_after_sample_loop": '''
import math

def simple_ann(x, w, t, iters, lr):
    w = list(w)
    e, y = [], []
    for i in range(iters):
        e, y = [], []
        for n in range(len(x)):
            v = 0
            for k in range(len(x[0])):
                v += x[n][k] * w[k]
            y.append(1/(1+math.e**(-v)))
            e.append((y[n]-t[n])**2)

            # gradient descent to update weights
        for p in range(len(w)):
            grad = 2*x[n][p]*(y[n]-t[n])*(1-y[n])*y[n]
            w[p] -= lr*grad
    total_e = sum(e)/len(x)
    return (y, w, total_e)
''',
        "returns_e_not_total_e": '''
import math

def simple_ann(x, w, t, iters, lr):
    w = list(w)
    total_e = 0
    for i in range(iters):
        e, y = [], []
        for n in range(len(x)):
            v = 0
            for k in range(len(x[0])):
                v += x[n][k] * w[k]
            y.append(1/(1+math.e**(-v)))
            e.append((y[n]-t[n])**2)
            for p in range(len(w)):
                grad = 2*x[n][p]*(y[n]-t[n])*(1-y[n])*y[n]
                w[p] -= lr*grad
    total_e = sum(e)/len(x)
    return (y, w, e)
''',
        "changes_callers_w": '''
import math

def simple_ann(x, w, t, iters, lr):
    total_e = 0
    for i in range(iters):
        e, y = [], []
        for n in range(len(x)):
            v = 0
            for k in range(len(x[0])):
                v += x[n][k] * w[k]
            y.append(1/(1+math.e**(-v)))
            e.append((y[n]-t[n])**2)
            for p in range(len(w)):
                grad = 2*x[n][p]*(y[n]-t[n])*(1-y[n])*y[n]
                w[p] -= lr*grad
    total_e = sum(e)/len(x)
    return (y, w, total_e)
''',
        "one_batch_update_per_pass": '''
import math

def simple_ann(x, w, t, iters, lr):
    w = list(w)
    for i in range(iters):
        e, y = [], []
        grads = [0.0] * len(w)
        for n in range(len(x)):
            v = sum(x[n][k] * w[k] for k in range(len(w)))
            y.append(1 / (1 + math.exp(-v)))
            e.append((y[n] - t[n]) ** 2)
            for p in range(len(w)):
                grads[p] += 2 * x[n][p] * (y[n] - t[n]) * (1 - y[n]) * y[n]
        for p in range(len(w)):
            w[p] -= lr * grads[p]
    return (y, w, sum(e) / len(x))
''',
        "outputs_of_the_final_weights": '''
import math

def simple_ann(x, w, t, iters, lr):
    w = list(w)
    for i in range(iters):
        for n in range(len(x)):
            v = sum(x[n][k] * w[k] for k in range(len(w)))
            y_n = 1 / (1 + math.exp(-v))
            for p in range(len(w)):
                w[p] -= lr * 2 * x[n][p] * (y_n - t[n]) * (1 - y_n) * y_n
    y = [1 / (1 + math.exp(-sum(x[n][k] * w[k] for k in range(len(w))))) for n in range(len(x))]
    e = [(y[n] - t[n]) ** 2 for n in range(len(x))]
    return (y, w, sum(e) / len(x))
''',
        "total_e_is_the_sum": '''
import math

def simple_ann(x, w, t, iters, lr):
    w = list(w)
    for i in range(iters):
        e, y = [], []
        for n in range(len(x)):
            v = sum(x[n][k] * w[k] for k in range(len(w)))
            y.append(1 / (1 + math.exp(-v)))
            e.append((y[n] - t[n]) ** 2)
            for p in range(len(w)):
                w[p] -= lr * 2 * x[n][p] * (y[n] - t[n]) * (1 - y[n]) * y[n]
    return (y, w, sum(e))
''',
        "no_factor_2": '''
import math

def simple_ann(x, w, t, iters, lr):
    w = list(w)
    for i in range(iters):
        e, y = [], []
        for n in range(len(x)):
            v = sum(x[n][k] * w[k] for k in range(len(w)))
            y.append(1 / (1 + math.exp(-v)))
            e.append((y[n] - t[n]) ** 2)
            for p in range(len(w)):
                w[p] -= lr * x[n][p] * (y[n] - t[n]) * (1 - y[n]) * y[n]
    return (y, w, sum(e) / len(x))
''',
    },
}

RIGHT = {
    "delta_rule_gradient": {
        "pure_python_loop": '''
import math

def delta_rule_gradient(x, w, t):
    z = sum(float(a) * float(b) for a, b in zip(x, w))
    y = 1.0 / (1.0 + math.exp(-z))
    delta = 2.0 * (y - float(t)) * y * (1.0 - y)
    return np.array([delta * float(a) for a in x])
''',
        "float32_computation": '''
def delta_rule_gradient(x, w, t):
    x = np.asarray(x, dtype=np.float32)
    w = np.asarray(w, dtype=np.float32)
    y = np.float32(1) / (np.float32(1) + np.exp(-np.dot(x, w)))
    return (np.float32(2) * (y - np.float32(t)) * y * (np.float32(1) - y) * x).astype(np.float32)
''',
        "derivative_from_exp": '''
def _sigmoid_slope(z):
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2

def delta_rule_gradient(x, w, t):
    x = np.array(x, dtype=np.float64)
    z = float(np.dot(x, np.asarray(w, dtype=np.float64)))
    y = 0.5 * (1.0 + np.tanh(0.5 * z))
    return 2.0 * (y - t) * _sigmoid_slope(z) * x
''',
    },
    "delta_rule_gradient_bce": {
        "pure_python_loop": '''
import math

def delta_rule_gradient_bce(x, w, t):
    z = math.fsum(float(a) * float(b) for a, b in zip(x, w))
    y = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
    return np.array([(y - t) * float(a) for a in x], dtype=float)
''',
        "float32_naive_sigmoid": '''
def delta_rule_gradient_bce(x, w, t):
    x = np.asarray(x, dtype=np.float32)
    y = 1 / (1 + np.exp(-(x @ np.asarray(w, dtype=np.float32))))
    return ((y - np.float32(t)) * x).astype(np.float32)
''',
    },
    "batch_delta_rule_gradient": {
        "loop_over_samples": '''
def batch_delta_rule_gradient(X, T, w):
    grads = [delta_rule_gradient(x_n, w, t_n) for x_n, t_n in zip(np.asarray(X, dtype=float), T)]
    return np.mean(grads, axis=0)
''',
        "einsum": '''
def batch_delta_rule_gradient(X, T, w):
    X = np.asarray(X, dtype=np.float64)
    y = 1 / (1 + np.exp(-np.einsum("nf,f->n", X, np.asarray(w, dtype=np.float64))))
    delta = 2 * (y - np.asarray(T, dtype=np.float64)) * y * (1 - y)
    return np.einsum("n,nf->f", delta, X) / X.shape[0]
''',
        "broadcast_mean_float32": '''
def batch_delta_rule_gradient(X, T, w):
    X = np.asarray(X, dtype=np.float32)
    T = np.asarray(T, dtype=np.float32)
    y = sigmoid(X @ np.asarray(w, dtype=np.float32)).astype(np.float32)
    delta = 2 * (y - T) * y * (1 - y)
    return np.mean(delta[:, None] * X, axis=0).astype(np.float32)
''',
    },
    "delta_rule_epoch": {
        "index_loop_with_copy": '''
def delta_rule_epoch(X, T, w, lr):
    X = np.asarray(X, dtype=float)
    T = np.asarray(T, dtype=float)
    w = np.asarray(w, dtype=float).copy()
    for n in range(len(X)):
        w -= lr * delta_rule_gradient(X[n], w, T[n])
    return w
''',
        "inline_gradient": '''
def delta_rule_epoch(X, T, w, lr):
    w = np.array(w, dtype=np.float64)
    for x_n, t_n in zip(np.asarray(X, dtype=np.float64), T):
        y = 1.0 / (1.0 + np.exp(-(x_n @ w)))
        w = w - lr * 2.0 * (y - t_n) * y * (1.0 - y) * x_n
    return w
''',
    },
    "train_delta_rule": {
        "list_history": '''
def train_delta_rule(X, T, w0, lr, epochs):
    w = np.array(w0, dtype=float)
    history = []
    for _ in range(epochs):
        w = delta_rule_epoch(X, T, w, lr)
        errors = [(float(sigmoid(np.dot(x_n, w))) - float(t_n)) ** 2 for x_n, t_n in zip(X, T)]
        history.append(sum(errors) / len(errors))
    return w, history
''',
        "inline_online_loop": '''
def train_delta_rule(X, T, w0, lr, epochs):
    X = np.asarray(X, dtype=float)
    T = np.asarray(T, dtype=float)
    w = np.copy(np.asarray(w0, dtype=float))
    history = np.empty(epochs)
    for e in range(epochs):
        for n in range(len(X)):
            w = w - lr * delta_rule_gradient(X[n], w, T[n])
        history[e] = ((sigmoid(X @ w) - T) ** 2).mean()
    return w, history
''',
    },
    "predict_binary": {
        "where_int": '''
def predict_binary(X, w, threshold=0.5):
    return np.where(sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float)) >= threshold, 1, 0)
''',
        "naive_sigmoid_int64": '''
def predict_binary(X, w, threshold=0.5):
    z = np.dot(np.asarray(X, dtype=float), np.asarray(w, dtype=float))
    return (1 / (1 + np.exp(-z)) >= threshold).astype(np.int64)
''',
        "list_comprehension": '''
import math

def _sig(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))

def predict_binary(X, w, threshold=0.5):
    labels = [1 if _sig(float(np.dot(x, w))) >= threshold else 0 for x in X]
    return np.array(labels, dtype=int)
''',
        "logit_threshold": '''
def predict_binary(X, w, threshold=0.5):
    z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float)
    return (z >= np.log(threshold / (1 - threshold))).astype(int)
''',
    },
    "simple_ann_bce": {
        "numpy_vectorized": '''
def simple_ann_bce(x, w, t):
    X = np.asarray(x, dtype=np.float64)
    T = np.asarray(t, dtype=np.float64)
    y = 1.0 / (1.0 + np.exp(-(X @ np.asarray(w, dtype=np.float64))))
    e = -T * np.log(y) - (1.0 - T) * np.log(1.0 - y)
    return (y, w, float(e.mean()))
''',
        "one_log_per_label": '''
import math

def simple_ann_bce(x, w, t):
    outputs, losses = [], []
    for sample, label in zip(x, t):
        v = math.fsum(float(a) * float(b) for a, b in zip(sample, w))
        y_n = 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))
        outputs.append(y_n)
        losses.append(-math.log(y_n) if label == 1 else -math.log(1.0 - y_n))
    return (outputs, list(w), sum(losses) / len(losses))
''',
        "float32_numpy": '''
def simple_ann_bce(x, w, t):
    X = np.asarray(x, dtype=np.float32)
    T = np.asarray(t, dtype=np.float32)
    y = (1 / (1 + np.exp(-(X @ np.asarray(w, dtype=np.float32))))).astype(np.float32)
    total_e = np.mean(-T * np.log(y) - (1 - T) * np.log(1 - y)).astype(np.float32)
    return (y, np.asarray(w, dtype=np.float32), total_e)
''',
    },
    "simple_ann": {
        "listing_fixed_keeping_iter_and_d": '''
import math

def simple_ann(x, w, t, iter, lr):
    w = list(w)
    total_e = 0
    for i in range(iter):
        e, y = [], []
        for n in range(len(x)):
            v = 0
            for d in range(len(x[0])):
                v += x[n][d] * w[d]
            y.append(1/(1+math.e**(-v)))           # sigmoid
            e.append((y[n]-t[n])**2)           # MSE

            # gradient descent to update weights
            for p in range(len(w)):
                d = 2*x[n][p]*(y[n]-t[n])*(1-y[n])*y[n]
                w[p] -= lr*d
    total_e = sum(e)/len(x)
    return (y, w, total_e)
''',
        "numpy_per_sample": '''
def simple_ann(x, w, t, iters, lr):
    X = np.asarray(x, dtype=np.float64)
    T = np.asarray(t, dtype=np.float64)
    w = np.array(w, dtype=np.float64)
    y = np.zeros(len(X))
    for _ in range(iters):
        for n in range(len(X)):
            y[n] = sigmoid(X[n] @ w)
            w = w - lr * 2 * (y[n] - T[n]) * y[n] * (1 - y[n]) * X[n]
    return (y, w, float(np.mean((y - T) ** 2)))
''',
        "float32_numpy": '''
def simple_ann(x, w, t, iters, lr):
    X = np.asarray(x, dtype=np.float32)
    T = np.asarray(t, dtype=np.float32)
    w = np.array(w, dtype=np.float32)
    lr = np.float32(lr)
    y = np.zeros(len(X), dtype=np.float32)
    for _ in range(iters):
        for n in range(len(X)):
            y[n] = 1 / (1 + np.exp(-(X[n] @ w)))
            w = (w - lr * 2 * (y[n] - T[n]) * y[n] * (1 - y[n]) * X[n]).astype(np.float32)
    return (y, w, np.float32(np.mean((y - T) ** 2)))
''',
        "zip_and_stable_sigmoid": '''
import math

def _sigmoid_scalar(v):
    return 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))

def simple_ann(x, w, t, iters, lr):
    weights = [float(value) for value in w]
    outputs, errors = [], []
    for _ in range(iters):
        outputs, errors = [], []
        for sample, target in zip(x, t):
            out = _sigmoid_scalar(math.fsum(a * b for a, b in zip(sample, weights)))
            outputs.append(out)
            errors.append((out - target) ** 2)
            delta = 2.0 * (out - target) * out * (1.0 - out)
            weights = [wp - lr * delta * xp for wp, xp in zip(weights, sample)]
    return (outputs, weights, sum(errors) / len(errors))
''',
    },
}
