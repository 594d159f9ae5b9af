"""Known-wrong and known-right answers for 05_regression (MLP regression with Keras and TensorFlow).

Each source is what a student would type into the answer cell; it runs in the notebook's
namespace (``np``, ``keras``, ``tf``, ``math`` from Setup; ``train_step`` for ``fit_custom``).
Every WRONG variant must lose that function's points, every RIGHT variant must get them all.
The first variant of each table is also pasted into a whole notebook for the nbgrader run, so
the first WRONG variants are chosen to fail fast and never slow the demos down.
"""

WRONG = {
    "train_val_test_split": {
        "remainder_in_test": '''
def train_val_test_split(X, t, fractions=(0.7, 0.15, 0.15), seed=0):
    X = np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=float)
    n = len(X)
    n_train = int(np.floor(fractions[0] * n))
    n_val = int(np.floor(fractions[1] * n))
    order = np.random.default_rng(seed).permutation(n)
    train, val, test = order[:n_train], order[n_train:n_train + n_val], order[n_train + n_val:]
    return X[train], X[val], X[test], t[train], t[val], t[test]
''',
        "round_instead_of_floor": '''
def train_val_test_split(X, t, fractions=(0.7, 0.15, 0.15), seed=0):
    X = np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=float)
    n = len(X)
    n_val = int(round(fractions[1] * n))
    n_test = int(round(fractions[2] * n))
    n_train = n - n_val - n_test
    order = np.random.default_rng(seed).permutation(n)
    train, val, test = np.split(order, [n_train, n_train + n_val])
    return X[train], X[val], X[test], t[train], t[val], t[test]
''',
        "separate_permutations_for_X_and_t": '''
def train_val_test_split(X, t, fractions=(0.7, 0.15, 0.15), seed=0):
    X = np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=float)
    n = len(X)
    n_val = int(np.floor(fractions[1] * n))
    n_test = int(np.floor(fractions[2] * n))
    n_train = n - n_val - n_test
    rng = np.random.default_rng(seed)
    X = X[rng.permutation(n)]
    t = t[rng.permutation(n)]
    return (X[:n_train], X[n_train:n_train + n_val], X[n_train + n_val:],
            t[:n_train], t[n_train:n_train + n_val], t[n_train + n_val:])
''',
        "val_and_test_drawn_independently": '''
def train_val_test_split(X, t, fractions=(0.7, 0.15, 0.15), seed=0):
    X = np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=float)
    n = len(X)
    rng = np.random.default_rng(seed)
    val = rng.choice(n, int(np.floor(fractions[1] * n)), replace=False)
    test = rng.choice(n, int(np.floor(fractions[2] * n)), replace=False)
    train = np.setdiff1d(np.arange(n), np.concatenate([val, test]))
    return X[train], X[val], X[test], t[train], t[val], t[test]
''',
        "not_shuffled": '''
def train_val_test_split(X, t, fractions=(0.7, 0.15, 0.15), seed=0):
    X = np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=float)
    n = len(X)
    n_val = int(np.floor(fractions[1] * n))
    n_test = int(np.floor(fractions[2] * n))
    n_train = n - n_val - n_test
    return (X[:n_train], X[n_train:n_train + n_val], X[n_train + n_val:],
            t[:n_train], t[n_train:n_train + n_val], t[n_train + n_val:])
''',
        "global_random_state_ignores_seed": '''
def train_val_test_split(X, t, fractions=(0.7, 0.15, 0.15), seed=0):
    X = np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=float)
    n = len(X)
    n_val = int(np.floor(fractions[1] * n))
    n_test = int(np.floor(fractions[2] * n))
    n_train = n - n_val - n_test
    order = np.random.permutation(n)
    train, val, test = np.split(order, [n_train, n_train + n_val])
    return X[train], X[val], X[test], t[train], t[val], t[test]
''',
    },
    "standardize": {
        "stats_from_each_array": '''
def standardize(X_train, *others):
    out = []
    for X in (X_train, *others):
        X = np.asarray(X, dtype=float)
        std = X.std(axis=0)
        out.append((X - X.mean(axis=0)) / np.where(std > 0, std, 1.0))
    return tuple(out)
''',
        "stats_from_all_data": '''
def standardize(X_train, *others):
    arrays = [np.asarray(X, dtype=float) for X in (X_train, *others)]
    everything = np.concatenate(arrays)
    mu, sigma = everything.mean(axis=0), everything.std(axis=0)
    sigma = np.where(sigma > 0, sigma, 1.0)
    return tuple((X - mu) / sigma for X in arrays)
''',
        "nan_for_constant_column": '''
def standardize(X_train, *others):
    X_train = np.asarray(X_train, dtype=float)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    return tuple((np.asarray(X, dtype=float) - mu) / sigma for X in (X_train, *others))
''',
        "axis_1": '''
def standardize(X_train, *others):
    X_train = np.asarray(X_train, dtype=float)
    mu = X_train.mean(axis=1, keepdims=True).mean()
    sigma = X_train.std(axis=1, keepdims=True).mean()
    sigma = sigma if sigma > 0 else 1.0
    return tuple((np.asarray(X, dtype=float) - mu) / sigma for X in (X_train, *others))
''',
        "modifies_inputs_in_place": '''
def standardize(X_train, *others):
    X_train = np.asarray(X_train, dtype=float)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    sigma[sigma == 0] = 1.0
    out = []
    for X in (X_train, *others):
        X = np.asarray(X, dtype=float)
        X -= mu
        X /= sigma
        out.append(X)
    return tuple(out)
''',
        "sample_std_ddof_1": '''
def standardize(X_train, *others):
    X_train = np.asarray(X_train, dtype=float)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
    sigma = np.where(sigma > 0, sigma, 1.0)
    return tuple((np.asarray(X, dtype=float) - mu) / sigma for X in (X_train, *others))
''',
        "bare_array_for_one_argument": '''
def standardize(X_train, *others):
    X_train = np.asarray(X_train, dtype=float)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    sigma = np.where(sigma > 0, sigma, 1.0)
    out = tuple((np.asarray(X, dtype=float) - mu) / sigma for X in (X_train, *others))
    return out[0] if len(out) == 1 else out
''',
        "sigma_equal_zero_test": '''
def standardize(X_train, *others):
    X_train = np.asarray(X_train, dtype=float)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    sigma = np.where(sigma == 0, 1.0, sigma)
    return tuple((np.asarray(X, dtype=float) - mu) / sigma for X in (X_train, *others))
''',
        "absolute_tolerance_1e_12": '''
def standardize(X_train, *others):
    X_train = np.asarray(X_train, dtype=float)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    sigma = np.where(sigma < 1e-12, 1.0, sigma)
    return tuple((np.asarray(X, dtype=float) - mu) / sigma for X in (X_train, *others))
''',
        "np_isclose_to_zero": '''
def standardize(X_train, *others):
    X_train = np.asarray(X_train, dtype=float)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    sigma[np.isclose(sigma, 0.0)] = 1.0
    return tuple((np.asarray(X, dtype=float) - mu) / sigma for X in (X_train, *others))
''',
    },
    "make_dataset": {
        "float64_dtype": '''
def make_dataset(X, t, batch_size, shuffle=False, seed=0):
    dataset = tf.data.Dataset.from_tensor_slices((np.asarray(X, dtype=float), np.asarray(t, dtype=float)))
    if shuffle:
        dataset = dataset.shuffle(len(X), seed=seed)
    return dataset.batch(batch_size)
''',
        "no_batching": '''
def make_dataset(X, t, batch_size, shuffle=False, seed=0):
    X = np.asarray(X, dtype=np.float32)
    t = np.asarray(t, dtype=np.float32)
    dataset = tf.data.Dataset.from_tensor_slices((X, t))
    if shuffle:
        dataset = dataset.shuffle(len(X), seed=seed)
    return dataset
''',
        "drop_remainder": '''
def make_dataset(X, t, batch_size, shuffle=False, seed=0):
    X = np.asarray(X, dtype=np.float32)
    t = np.asarray(t, dtype=np.float32)
    dataset = tf.data.Dataset.from_tensor_slices((X, t))
    if shuffle:
        dataset = dataset.shuffle(len(X), seed=seed)
    return dataset.batch(batch_size, drop_remainder=True)
''',
        "always_shuffles": '''
def make_dataset(X, t, batch_size, shuffle=False, seed=0):
    X = np.asarray(X, dtype=np.float32)
    t = np.asarray(t, dtype=np.float32)
    return tf.data.Dataset.from_tensor_slices((X, t)).shuffle(len(X), seed=seed).batch(batch_size)
''',
        "t_reshaped_to_a_column": '''
def make_dataset(X, t, batch_size, shuffle=False, seed=0):
    X = np.asarray(X, dtype=np.float32)
    t = np.asarray(t, dtype=np.float32).reshape(len(X), -1)
    dataset = tf.data.Dataset.from_tensor_slices((X, t))
    if shuffle:
        dataset = dataset.shuffle(len(X), seed=seed)
    return dataset.batch(batch_size)
''',
        "x_and_t_shuffled_separately": '''
def make_dataset(X, t, batch_size, shuffle=False, seed=0):
    xs = tf.data.Dataset.from_tensor_slices(np.asarray(X, dtype=np.float32))
    ts = tf.data.Dataset.from_tensor_slices(np.asarray(t, dtype=np.float32))
    if shuffle:
        xs = xs.shuffle(len(X), seed=seed)
        ts = ts.shuffle(len(X), seed=seed + 1)
    return tf.data.Dataset.zip((xs, ts)).batch(batch_size)
''',
        "shuffle_ignores_seed": '''
def make_dataset(X, t, batch_size, shuffle=False, seed=0):
    X = np.asarray(X, dtype=np.float32)
    t = np.asarray(t, dtype=np.float32)
    dataset = tf.data.Dataset.from_tensor_slices((X, t))
    if shuffle:
        dataset = dataset.shuffle(len(X))
    return dataset.batch(batch_size)
''',
    },
    "build_linear_regressor": {
        "relu_output": '''
def build_linear_regressor(n_features):
    model = keras.Sequential([keras.Input(shape=(n_features,)), keras.layers.Dense(1, activation="relu")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
    return model
''',
        "mae_loss": '''
def build_linear_regressor(n_features):
    model = keras.Sequential([keras.Input(shape=(n_features,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mae")
    return model
''',
        "not_compiled": '''
def build_linear_regressor(n_features):
    return keras.Sequential([keras.Input(shape=(n_features,)), keras.layers.Dense(1)])
''',
        "no_bias": '''
def build_linear_regressor(n_features):
    model = keras.Sequential([keras.Input(shape=(n_features,)), keras.layers.Dense(1, use_bias=False)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
    return model
''',
        "sigmoid_output": '''
def build_linear_regressor(n_features):
    model = keras.Sequential([keras.Input(shape=(n_features,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="mse")
    return model
''',
    },
    "build_mlp_regressor": {
        "ignores_learning_rate": '''
def build_mlp_regressor(n_features, hidden_units=(64, 64), activation="relu", learning_rate=1e-3):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation=activation))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    return model
''',
        "activation_on_output": '''
def build_mlp_regressor(n_features, hidden_units=(64, 64), activation="relu", learning_rate=1e-3):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation=activation))
    model.add(keras.layers.Dense(1, activation=activation))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse", metrics=["mae"])
    return model
''',
        "missing_mae_metric": '''
def build_mlp_regressor(n_features, hidden_units=(64, 64), activation="relu", learning_rate=1e-3):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation=activation))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse", metrics=["mse"])
    return model
''',
        "hard_coded_hidden_units": '''
def build_mlp_regressor(n_features, hidden_units=(64, 64), activation="relu", learning_rate=1e-3):
    model = keras.Sequential([keras.Input(shape=(n_features,)),
                              keras.layers.Dense(64, activation=activation),
                              keras.layers.Dense(64, activation=activation),
                              keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse", metrics=["mae"])
    return model
''',
        "ignores_activation": '''
def build_mlp_regressor(n_features, hidden_units=(64, 64), activation="relu", learning_rate=1e-3):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse", metrics=["mae"])
    return model
''',
        "sgd_optimizer": '''
def build_mlp_regressor(n_features, hidden_units=(64, 64), activation="relu", learning_rate=1e-3):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation=activation))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer=keras.optimizers.SGD(learning_rate), loss="mse", metrics=["mae"])
    return model
''',
        "mae_loss_mse_metric": '''
def build_mlp_regressor(n_features, hidden_units=(64, 64), activation="relu", learning_rate=1e-3):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation=activation))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mae", metrics=["mse"])
    return model
''',
    },
    "train_step": {
        "gradients_not_applied": '''
def train_step(model, optimizer, loss_fn, x, t):
    with tf.GradientTape() as tape:
        y = model(x, training=True)
        loss = loss_fn(t, y)
    grads = tape.gradient(loss, model.trainable_variables)
    return loss
''',
        "wrong_sign": '''
def train_step(model, optimizer, loss_fn, x, t):
    with tf.GradientTape() as tape:
        y = model(x, training=True)
        loss = loss_fn(t, y)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip([-g for g in grads], model.trainable_variables))
    return loss
''',
        "training_false": '''
def train_step(model, optimizer, loss_fn, x, t):
    with tf.GradientTape() as tape:
        y = model(x)
        loss = loss_fn(t, y)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss
''',
        "loss_after_update": '''
def train_step(model, optimizer, loss_fn, x, t):
    with tf.GradientTape() as tape:
        loss = loss_fn(t, model(x, training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss_fn(t, model(x, training=True))
''',
        "gradients_outside_tape": '''
def train_step(model, optimizer, loss_fn, x, t):
    with tf.GradientTape() as tape:
        y = model(x, training=True)
    loss = loss_fn(t, y)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss
''',
        "new_optimizer_every_step": '''
def train_step(model, optimizer, loss_fn, x, t):
    with tf.GradientTape() as tape:
        loss = loss_fn(t, model(x, training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    keras.optimizers.SGD().apply_gradients(zip(grads, model.trainable_variables))
    return loss
''',
        "only_last_layer_updated": '''
def train_step(model, optimizer, loss_fn, x, t):
    with tf.GradientTape() as tape:
        loss = loss_fn(t, model(x, training=True))
    variables = model.layers[-1].trainable_variables or model.trainable_variables[-2:]
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(grads, variables))
    return loss
''',
    },
    "fit_custom": {
        "returns_last_batch_loss": '''
def fit_custom(model, dataset, epochs, optimizer, loss_fn):
    history = []
    for epoch in range(epochs):
        for x, t in dataset:
            loss = train_step(model, optimizer, loss_fn, x, t)
        history.append(float(loss))
    return history
''',
        "sum_instead_of_mean": '''
def fit_custom(model, dataset, epochs, optimizer, loss_fn):
    history = []
    for epoch in range(epochs):
        total = 0.0
        for x, t in dataset:
            total += float(train_step(model, optimizer, loss_fn, x, t))
        history.append(total)
    return history
''',
        "one_epoch_too_many": '''
def fit_custom(model, dataset, epochs, optimizer, loss_fn):
    history = []
    for epoch in range(epochs + 1):
        losses = [float(train_step(model, optimizer, loss_fn, x, t)) for x, t in dataset]
        history.append(float(np.mean(losses)))
    return history
''',
        "iterator_created_once": '''
def fit_custom(model, dataset, epochs, optimizer, loss_fn):
    batches = iter(dataset)
    history = []
    for epoch in range(epochs):
        losses = [float(train_step(model, optimizer, loss_fn, x, t)) for x, t in batches]
        history.append(float(np.mean(losses)) if losses else 0.0)
    return history
''',
        "running_mean_over_all_epochs": '''
def fit_custom(model, dataset, epochs, optimizer, loss_fn):
    losses, history = [], []
    for epoch in range(epochs):
        for x, t in dataset:
            losses.append(float(train_step(model, optimizer, loss_fn, x, t)))
        history.append(float(np.mean(losses)))
    return history
''',
        "does_not_call_train_step": '''
def fit_custom(model, dataset, epochs, optimizer, loss_fn):
    history = []
    for epoch in range(epochs):
        losses = []
        for x, t in dataset:
            with tf.GradientTape() as tape:
                loss = loss_fn(t, model(x, training=True))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
            losses.append(float(loss))
        history.append(float(np.mean(losses)))
    return history
''',
    },
    "regression_metrics": {
        "r2_with_mean_of_predictions": '''
def regression_metrics(y, t):
    y = np.asarray(y, dtype=float).ravel()
    t = np.asarray(t, dtype=float).ravel()
    mse = np.mean((y - t) ** 2)
    r2 = 1 - np.sum((t - y) ** 2) / np.sum((y - y.mean()) ** 2)
    return {"mse": mse, "rmse": np.sqrt(mse), "mae": np.mean(np.abs(y - t)), "r2": r2}
''',
        "rmse_without_sqrt": '''
def regression_metrics(y, t):
    y = np.asarray(y, dtype=float).ravel()
    t = np.asarray(t, dtype=float).ravel()
    mse = np.mean((y - t) ** 2)
    r2 = 1 - np.sum((t - y) ** 2) / np.sum((t - t.mean()) ** 2)
    return {"mse": mse, "rmse": mse, "mae": np.mean(np.abs(y - t)), "r2": r2}
''',
        "mae_without_abs": '''
def regression_metrics(y, t):
    y = np.asarray(y, dtype=float).ravel()
    t = np.asarray(t, dtype=float).ravel()
    mse = np.mean((y - t) ** 2)
    r2 = 1 - np.sum((t - y) ** 2) / np.sum((t - t.mean()) ** 2)
    return {"mse": mse, "rmse": np.sqrt(mse), "mae": np.mean(y - t), "r2": r2}
''',
        "flattens_only_y": '''
def regression_metrics(y, t):
    y = np.asarray(y, dtype=float).ravel()
    t = np.asarray(t, dtype=float)
    error = y - t
    mse = np.mean(error ** 2)
    r2 = 1 - np.sum(error ** 2) / np.sum((t - t.mean()) ** 2)
    return {"mse": mse, "rmse": np.sqrt(mse), "mae": np.mean(np.abs(error)), "r2": r2}
''',
        "r2_missing_one_minus": '''
def regression_metrics(y, t):
    y = np.asarray(y, dtype=float).ravel()
    t = np.asarray(t, dtype=float).ravel()
    mse = np.mean((y - t) ** 2)
    r2 = np.sum((t - y) ** 2) / np.sum((t - t.mean()) ** 2)
    return {"mse": mse, "rmse": np.sqrt(mse), "mae": np.mean(np.abs(y - t)), "r2": r2}
''',
        "r2_constant_targets_not_handled": '''
def regression_metrics(y, t):
    y = np.asarray(y, dtype=float).ravel()
    t = np.asarray(t, dtype=float).ravel()
    mse = np.mean((y - t) ** 2)
    r2 = 1 - np.sum((t - y) ** 2) / np.sum((t - t.mean()) ** 2)
    return {"mse": mse, "rmse": np.sqrt(mse), "mae": np.mean(np.abs(y - t)), "r2": r2}
''',
        "r2_nan_only_when_ss_tot_is_exactly_zero": '''
def regression_metrics(y, t):
    y = np.asarray(y, dtype=float).ravel()
    t = np.asarray(t, dtype=float).ravel()
    mse = np.mean((y - t) ** 2)
    ss_tot = np.sum((t - t.mean()) ** 2)
    r2 = float("nan") if ss_tot == 0 else 1 - np.sum((t - y) ** 2) / ss_tot
    return {"mse": mse, "rmse": np.sqrt(mse), "mae": np.mean(np.abs(y - t)), "r2": r2}
''',
        "r2_zero_for_constant_targets": '''
def regression_metrics(y, t):
    y = np.asarray(y, dtype=float).ravel()
    t = np.asarray(t, dtype=float).ravel()
    mse = np.mean((y - t) ** 2)
    if np.all(t == t[0]):
        r2 = 1.0 if np.all(y == t) else 0.0
    else:
        r2 = 1 - np.sum((t - y) ** 2) / np.sum((t - t.mean()) ** 2)
    return {"mse": mse, "rmse": np.sqrt(mse), "mae": np.mean(np.abs(y - t)), "r2": r2}
''',
    },
    "save_and_reload": {
        "returns_the_original_model": '''
def save_and_reload(model, path):
    model.save(path)
    return model
''',
        "clone_without_saving": '''
def save_and_reload(model, path):
    copy = keras.models.clone_model(model)
    copy.set_weights(model.get_weights())
    return copy
''',
        "reloaded_without_compile": '''
def save_and_reload(model, path):
    model.save(path)
    return keras.models.load_model(path, compile=False)
''',
        "saved_as_h5_elsewhere": '''
def save_and_reload(model, path):
    legacy_path = path.replace(".keras", ".h5")
    model.save(legacy_path)
    return keras.models.load_model(legacy_path)
''',
        "weights_only": '''
def save_and_reload(model, path):
    model.save_weights(path)
    copy = keras.models.clone_model(model)
    copy.load_weights(path)
    return copy
''',
    },
}

RIGHT = {
    "train_val_test_split": {
        "python_lists_and_math_floor": '''
def train_val_test_split(X, t, fractions=(0.7, 0.15, 0.15), seed=0):
    X = np.array(X, dtype=np.float64)
    t = np.array(t, dtype=np.float64)
    n = X.shape[0]
    n_val = math.floor(n * fractions[1])
    n_test = math.floor(n * fractions[2])
    indices = list(range(n))
    np.random.default_rng(seed).shuffle(indices)
    test = indices[:n_test]
    val = indices[n_test:n_test + n_val]
    train = indices[n_test + n_val:]
    return X[train], X[val], X[test], t[train], t[val], t[test]
''',
        "sorted_parts_int_truncation": '''
def train_val_test_split(X, t, fractions=(0.7, 0.15, 0.15), seed=0):
    X = np.asarray(X, dtype=np.float32) if np.asarray(X).dtype == np.float32 else np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=X.dtype)
    n = len(X)
    rng = np.random.default_rng(seed)
    order = rng.permutation(n)
    n_val, n_test = int(fractions[1] * n), int(fractions[2] * n)
    val = np.sort(order[:n_val])
    test = np.sort(order[n_val:n_val + n_test])
    train = np.sort(order[n_val + n_test:])
    return X[train], X[val], X[test], t[train], t[val], t[test]
''',
    },
    "standardize": {
        "column_loop": '''
def standardize(X_train, *others):
    X_train = np.array(X_train, dtype=float)
    n, d = X_train.shape
    mu = np.zeros(d)
    sigma = np.ones(d)
    for j in range(d):
        mu[j] = X_train[:, j].sum() / n
        s = np.sqrt(((X_train[:, j] - mu[j]) ** 2).sum() / n)
        scale = max(abs(v) for v in X_train[:, j])
        sigma[j] = s if s > 1e-12 * scale else 1.0
    result = [(X_train - mu) / sigma]
    for X in others:
        result.append((np.array(X, dtype=float) - mu) / sigma)
    return tuple(result)
''',
        "masked_division_relative_to_mean_float32_kept": '''
def standardize(X_train, *others):
    X_train = np.asarray(X_train)
    dtype = X_train.dtype if X_train.dtype.kind == "f" else np.dtype(float)
    X64 = X_train.astype(np.float64)
    mu = X64.mean(axis=0)
    sigma = X64.std(axis=0)
    constant = sigma <= 1e-9 * np.abs(mu)
    with np.errstate(divide="ignore", invalid="ignore"):
        return tuple(np.where(constant, 0.0, (np.asarray(X, dtype=np.float64) - mu) / sigma).astype(dtype)
                     for X in (X_train, *others))
''',
    },
    "make_dataset": {
        "numpy_permutation_once": '''
def make_dataset(X, t, batch_size, shuffle=False, seed=0):
    X = np.asarray(X, dtype=np.float32)
    t = np.asarray(t, dtype=np.float32)
    if shuffle:
        order = np.random.default_rng(seed).permutation(len(X))
        X, t = X[order], t[order]
    return tf.data.Dataset.from_tensor_slices((X, t)).batch(batch_size)
''',
        "cast_with_map_after_batching": '''
def make_dataset(X, t, batch_size, shuffle=False, seed=0):
    dataset = tf.data.Dataset.from_tensor_slices((np.asarray(X, dtype=float), np.asarray(t, dtype=float)))
    if shuffle:
        dataset = dataset.shuffle(buffer_size=len(X), seed=seed, reshuffle_each_iteration=True)
    dataset = dataset.batch(batch_size, drop_remainder=False)
    return dataset.map(lambda x, y: (tf.cast(x, tf.float32), tf.cast(y, tf.float32)))
''',
    },
    "build_linear_regressor": {
        "functional_api_adam": '''
def build_linear_regressor(n_features):
    inputs = keras.Input(shape=(n_features,))
    outputs = keras.layers.Dense(1, activation="linear")(inputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mean_squared_error")
    return model
''',
        "loss_object_no_input_layer": '''
def build_linear_regressor(n_features):
    model = keras.Sequential([keras.layers.Dense(1, activation=None)])
    model.compile(optimizer="sgd", loss=keras.losses.MeanSquaredError())
    return model
''',
    },
    "build_mlp_regressor": {
        "functional_api_metric_objects": '''
def build_mlp_regressor(n_features, hidden_units=(64, 64), activation="relu", learning_rate=1e-3):
    inputs = keras.Input(shape=(n_features,))
    h = inputs
    for units in hidden_units:
        h = keras.layers.Dense(units, activation=activation)(h)
    outputs = keras.layers.Dense(1)(h)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss=keras.losses.MeanSquaredError(), metrics=[keras.metrics.MeanAbsoluteError()])
    return model
''',
        "separate_activation_layers_long_names": '''
def build_mlp_regressor(n_features, hidden_units=(64, 64), activation="relu", learning_rate=1e-3):
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers.append(keras.layers.Dense(units))
        layers.append(keras.layers.Activation(activation))
    layers.append(keras.layers.Dense(1, activation="linear"))
    model = keras.Sequential(layers)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mean_squared_error",
                  metrics=["mean_absolute_error"])
    return model
''',
    },
    "train_step": {
        "keras3_optimizer_apply_float_loss": '''
def train_step(model, optimizer, loss_fn, x, t):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        predictions = model(x, training=True)
        batch_loss = tf.reduce_mean(loss_fn(t, predictions))
    gradients = tape.gradient(batch_loss, model.trainable_weights)
    optimizer.apply(gradients, model.trainable_weights)
    return float(batch_loss)
''',
        "loss_value_copied_before_update": '''
def train_step(model, optimizer, loss_fn, x, t):
    with tf.GradientTape() as tape:
        loss = loss_fn(t, model(x, training=True))
    loss_before = loss.numpy()
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(list(zip(grads, model.trainable_variables)))
    return loss_before
''',
        "compiled_with_tf_function": '''
@tf.function
def train_step(model, optimizer, loss_fn, x, t):
    with tf.GradientTape() as tape:
        y = model(x, training=True)
        loss = loss_fn(t, y)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss
''',
    },
    "fit_custom": {
        "sample_weighted_mean_while_loop": '''
def fit_custom(model, dataset, epochs, optimizer, loss_fn):
    history = []
    epoch = 0
    while epoch < epochs:
        total, count = 0.0, 0
        for x_batch, t_batch in dataset:
            loss = train_step(model, optimizer, loss_fn, x_batch, t_batch)
            size = int(x_batch.shape[0])
            total += float(loss) * size
            count += size
        history.append(total / count)
        epoch += 1
    return history
''',
        "tensor_means": '''
def fit_custom(model, dataset, epochs, optimizer, loss_fn):
    history = []
    for _ in range(epochs):
        batch_losses = []
        for batch in dataset:
            batch_losses.append(train_step(model, optimizer, loss_fn, batch[0], batch[1]))
        history.append(float(tf.reduce_mean(tf.stack([tf.cast(l, tf.float32) for l in batch_losses]))))
    return history
''',
    },
    "regression_metrics": {
        "math_loops": '''
def regression_metrics(y, t):
    ys = [float(v) for v in np.ravel(y)]
    ts = [float(v) for v in np.ravel(t)]
    n = len(ts)
    mean_t = sum(ts) / n
    ss_res = sum((a - b) ** 2 for a, b in zip(ys, ts))
    ss_tot = sum((b - mean_t) ** 2 for b in ts)
    mse = ss_res / n
    r2 = math.nan if max(ts) == min(ts) else 1 - ss_res / ss_tot
    return {"mse": mse, "rmse": math.sqrt(mse), "mae": sum(abs(a - b) for a, b in zip(ys, ts)) / n,
            "r2": r2}
''',
        "float32_numpy_scalars": '''
def regression_metrics(y, t):
    y = np.asarray(y, dtype=np.float32).reshape(-1)
    t = np.asarray(t, dtype=np.float32).reshape(-1)
    mse = np.mean(np.square(y - t))
    r2 = np.float32(np.nan) if np.ptp(t) == 0 else 1 - mse / np.var(t)
    return {"mse": mse, "rmse": np.sqrt(mse), "mae": np.mean(np.abs(y - t)), "r2": r2}
''',
    },
    "save_and_reload": {
        "keras_saving_module": '''
def save_and_reload(model, path):
    keras.saving.save_model(model, str(path))
    return keras.saving.load_model(str(path))
''',
    },
}
