"""Known-wrong and known-right answers for 06_classification (MLP classification).

``WRONG[function][label]`` is a plausible student mistake that must lose the function's points;
``RIGHT[function][label]`` is a correct answer written differently that must get full points.
Each source is what a student would type into the answer cell (``np``, ``math`` and ``keras``
come from the Setup cell; ``k_fold_indices`` from the student's own earlier answer).
"""

WRONG = {
    "stratified_split": {
        "plain_random_split": '''
def stratified_split(labels, test_fraction, seed=0):
    labels = np.asarray(labels)
    order = np.random.default_rng(seed).permutation(len(labels))
    n_test = int(round(test_fraction * len(labels)))
    return order[n_test:], order[:n_test]
''',
        "draws_with_replacement": '''
def stratified_split(labels, test_fraction, seed=0):
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in np.unique(labels):
        members = np.flatnonzero(labels == c)
        n_test = int(round(test_fraction * len(members)))
        chosen = rng.choice(members, size=n_test, replace=True)
        test.append(chosen)
        train.append(np.setdiff1d(members, chosen))
    return np.concatenate(train), np.concatenate(test)
''',
        "off_by_one_loses_a_sample": '''
def stratified_split(labels, test_fraction, seed=0):
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == c))
        n_test = int(round(test_fraction * len(members)))
        test.append(members[:n_test])
        train.append(members[n_test + 1:])
    return np.concatenate(train), np.concatenate(test)
''',
        "ignores_seed": '''
def stratified_split(labels, test_fraction, seed=0):
    labels = np.asarray(labels)
    rng = np.random.default_rng(0)
    train, test = [], []
    for c in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == c))
        n_test = int(round(test_fraction * len(members)))
        test.append(members[:n_test])
        train.append(members[n_test:])
    return np.concatenate(train), np.concatenate(test)
''',
        "global_unseeded_rng": '''
def stratified_split(labels, test_fraction, seed=0):
    labels = np.asarray(labels)
    train, test = [], []
    for c in np.unique(labels):
        members = np.random.permutation(np.flatnonzero(labels == c))
        n_test = int(round(test_fraction * len(members)))
        test.append(members[:n_test])
        train.append(members[n_test:])
    return np.concatenate(train), np.concatenate(test)
''',
        "no_shuffle_first_of_each_class": '''
def stratified_split(labels, test_fraction, seed=0):
    labels = np.asarray(labels)
    train, test = [], []
    for c in np.unique(labels):
        members = np.flatnonzero(labels == c)
        n_test = int(round(test_fraction * len(members)))
        test.append(members[:n_test])
        train.append(members[n_test:])
    return np.concatenate(train), np.concatenate(test)
''',
        "returns_boolean_masks": '''
def stratified_split(labels, test_fraction, seed=0):
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    in_test = np.zeros(len(labels), dtype=bool)
    for c in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == c))
        in_test[members[:int(round(test_fraction * len(members)))]] = True
    return ~in_test, in_test
''',
    },
    "k_fold_indices": {
        "remainder_in_last_fold": '''
def k_fold_indices(n, k, seed=None):
    if not 2 <= k <= n:
        raise ValueError("need 2 <= k <= n")
    order = np.arange(n) if seed is None else np.random.default_rng(seed).permutation(n)
    size = n // k
    folds = []
    for i in range(k):
        stop = n if i == k - 1 else (i + 1) * size
        val = order[i * size:stop]
        folds.append((np.setdiff1d(order, val), val))
    return folds
''',
        "drops_the_remainder": '''
def k_fold_indices(n, k, seed=None):
    if not 2 <= k <= n:
        raise ValueError("need 2 <= k <= n")
    order = np.arange(n) if seed is None else np.random.default_rng(seed).permutation(n)
    size = n // k
    folds = []
    for i in range(k):
        val = order[i * size:(i + 1) * size]
        folds.append((np.setdiff1d(order, val), val))
    return folds
''',
        "train_includes_validation": '''
def k_fold_indices(n, k, seed=None):
    if not 2 <= k <= n:
        raise ValueError("need 2 <= k <= n")
    order = np.arange(n) if seed is None else np.random.default_rng(seed).permutation(n)
    return [(order.copy(), val) for val in np.array_split(order, k)]
''',
        "no_value_error": '''
def k_fold_indices(n, k, seed=None):
    order = np.arange(n) if seed is None else np.random.default_rng(seed).permutation(n)
    folds = np.array_split(order, k)
    return [(np.concatenate([f for j, f in enumerate(folds) if j != i] or [np.array([], int)]), v)
            for i, v in enumerate(folds)]
''',
        "accepts_k_equal_1": '''
def k_fold_indices(n, k, seed=None):
    if k > n:
        raise ValueError("more folds than samples")
    order = np.arange(n) if seed is None else np.random.default_rng(seed).permutation(n)
    folds = np.array_split(order, k)
    return [(np.setdiff1d(order, v), v) for v in folds]
''',
        "shuffles_even_without_seed": '''
def k_fold_indices(n, k, seed=None):
    if not 2 <= k <= n:
        raise ValueError("need 2 <= k <= n")
    order = np.random.default_rng(seed).permutation(n)
    folds = np.array_split(order, k)
    return [(np.setdiff1d(order, v), v) for v in folds]
''',
        "never_shuffles": '''
def k_fold_indices(n, k, seed=None):
    if not 2 <= k <= n:
        raise ValueError("need 2 <= k <= n")
    folds = np.array_split(np.arange(n), k)
    return [(np.setdiff1d(np.arange(n), v), v) for v in folds]
''',
    },
    "time_based_split": {
        "floor_instead_of_ceil": '''
def time_based_split(timestamps, test_fraction):
    order = np.argsort(np.asarray(timestamps))
    n_test = int(test_fraction * len(order))
    return order[:len(order) - n_test], order[len(order) - n_test:]
''',
        "round_instead_of_ceil": '''
def time_based_split(timestamps, test_fraction):
    order = np.argsort(np.asarray(timestamps))
    n_test = round(test_fraction * len(order))
    return order[:len(order) - n_test], order[len(order) - n_test:]
''',
        "assumes_sorted_input": '''
def time_based_split(timestamps, test_fraction):
    n = len(timestamps)
    n_test = math.ceil(test_fraction * n)
    return np.arange(n - n_test), np.arange(n - n_test, n)
''',
        "earliest_in_test": '''
def time_based_split(timestamps, test_fraction):
    order = np.argsort(np.asarray(timestamps))
    n_test = math.ceil(test_fraction * len(order))
    return order[n_test:], order[:n_test]
''',
        "one_too_many_in_test": '''
def time_based_split(timestamps, test_fraction):
    order = np.argsort(np.asarray(timestamps))
    n = len(order)
    n_test = math.ceil(test_fraction * n)
    return order[:n - n_test - 1], order[n - n_test - 1:]
''',
    },
    "build_binary_classifier": {
        "linear_hidden_layers": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units))
        if dropout > 0:
            model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model
''',
        "mse_loss": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
        if dropout > 0:
            model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
    return model
''',
        "no_accuracy_metric": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
        if dropout > 0:
            model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model
''',
        "dropout_ignored": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model
''',
        "one_dropout_before_output_only": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
    if dropout > 0:
        model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model
''',
        "softmax_on_one_unit": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
        if dropout > 0:
            model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(1, activation="softmax"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model
''',
        "hidden_units_ignored": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    model = keras.Sequential([keras.Input(shape=(n_features,)), keras.layers.Dense(32, activation="relu")])
    if dropout > 0:
        model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model
''',
        "logits_output_without_sigmoid": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
        if dropout > 0:
            model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(1))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model
''',
        "exact_match_accuracy_metric": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
        if dropout > 0:
            model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.Accuracy()])
    return model
''',
        "not_compiled": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
        if dropout > 0:
            model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    return model
''',
    },
    "build_multiclass_classifier": {
        "sparse_loss_with_one_hot_targets": '''
def build_multiclass_classifier(n_features, n_classes, hidden_units=(64,)):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(n_classes, activation="softmax"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
''',
        "sigmoid_outputs": '''
def build_multiclass_classifier(n_features, n_classes, hidden_units=(64,)):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(n_classes, activation="sigmoid"))
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model
''',
        "binary_crossentropy_loss": '''
def build_multiclass_classifier(n_features, n_classes, hidden_units=(64,)):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(n_classes, activation="softmax"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model
''',
        "ten_classes_hard_coded": '''
def build_multiclass_classifier(n_features, n_classes, hidden_units=(64,)):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model
''',
        "from_logits_on_probabilities": '''
def build_multiclass_classifier(n_features, n_classes, hidden_units=(64,)):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(n_classes, activation="softmax"))
    model.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model
''',
        "tanh_hidden_layers": '''
def build_multiclass_classifier(n_features, n_classes, hidden_units=(64,)):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="tanh"))
    model.add(keras.layers.Dense(n_classes, activation="softmax"))
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model
''',
        "binary_accuracy_on_one_hot": '''
def build_multiclass_classifier(n_features, n_classes, hidden_units=(64,)):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(n_classes, activation="softmax"))
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["binary_accuracy"])
    return model
''',
        "only_first_hidden_layer": '''
def build_multiclass_classifier(n_features, n_classes, hidden_units=(64,)):
    model = keras.Sequential([keras.Input(shape=(n_features,)),
                              keras.layers.Dense(hidden_units[0], activation="relu"),
                              keras.layers.Dense(n_classes, activation="softmax")])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model
''',
    },
    "confusion_matrix": {
        "transposed": '''
def confusion_matrix(labels, predicted, n_classes):
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    for t, y in zip(labels, predicted):
        matrix[y, t] += 1
    return matrix
''',
        "float_counts": '''
def confusion_matrix(labels, predicted, n_classes):
    matrix = np.zeros((n_classes, n_classes))
    for t, y in zip(labels, predicted):
        matrix[t, y] += 1
    return matrix
''',
        "size_from_largest_label": '''
def confusion_matrix(labels, predicted, n_classes):
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    k = max(labels.max(), predicted.max()) + 1
    matrix = np.zeros((k, k), dtype=int)
    for t, y in zip(labels, predicted):
        matrix[t, y] += 1
    return matrix
''',
        "fancy_index_does_not_accumulate": '''
def confusion_matrix(labels, predicted, n_classes):
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    matrix[np.asarray(labels), np.asarray(predicted)] += 1
    return matrix
''',
        "rows_normalized": '''
def confusion_matrix(labels, predicted, n_classes):
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (np.asarray(labels), np.asarray(predicted)), 1)
    return matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
''',
    },
    "precision_recall_f1": {
        "precision_and_recall_swapped": '''
def precision_recall_f1(labels, predicted):
    t, y = np.asarray(labels) == 1, np.asarray(predicted) == 1
    tp, fp, fn = np.sum(t & y), np.sum(~t & y), np.sum(t & ~y)
    recall = tp / (tp + fp) if tp + fp else 0.0
    precision = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)
''',
        "nan_on_zero_denominator": '''
def precision_recall_f1(labels, predicted):
    t, y = np.asarray(labels) == 1, np.asarray(predicted) == 1
    tp, fp, fn = np.sum(t & y), np.sum(~t & y), np.sum(t & ~y)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = tp / (tp + fp)
        recall = tp / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
    return float(precision), float(recall), float(f1)
''',
        "f1_arithmetic_mean": '''
def precision_recall_f1(labels, predicted):
    t, y = np.asarray(labels) == 1, np.asarray(predicted) == 1
    tp, fp, fn = np.sum(t & y), np.sum(~t & y), np.sum(t & ~y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return float(precision), float(recall), float((precision + recall) / 2)
''',
        "zero_division_error_with_python_ints": '''
def precision_recall_f1(labels, predicted):
    tp = fp = fn = 0
    for t, y in zip(labels, predicted):
        tp += int(t == 1 and y == 1)
        fp += int(t == 0 and y == 1)
        fn += int(t == 1 and y == 0)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
''',
        "scores_of_class_zero": '''
def precision_recall_f1(labels, predicted):
    t, y = np.asarray(labels) == 0, np.asarray(predicted) == 0
    tp, fp, fn = np.sum(t & y), np.sum(~t & y), np.sum(t & ~y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)
''',
        "fp_counts_all_mistakes": '''
def precision_recall_f1(labels, predicted):
    t, y = np.asarray(labels) == 1, np.asarray(predicted) == 1
    tp = np.sum(t & y)
    wrong = np.sum(t != y)
    fn = np.sum(t & ~y)
    precision = tp / (tp + wrong) if tp + wrong else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)
''',
    },
    "cross_validate": {
        "standardizes_with_all_data": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels, dtype=float)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        model = build_fn(X.shape[1])
        model.fit(X[train_idx], labels[train_idx], epochs=epochs, verbose=0)
        y = np.asarray(model.predict(X[val_idx], verbose=0)).reshape(-1)
        accuracies.append(float(np.mean((y >= 0.5) == labels[val_idx])))
    return accuracies
''',
        "normalization_layer_adapted_on_all_data": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype="float32")
    labels = np.asarray(labels, dtype="float32")
    normalizer = keras.layers.Normalization(axis=-1)
    normalizer.adapt(X)
    X_scaled = np.asarray(keras.ops.convert_to_numpy(normalizer(X)))
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        model = build_fn(X.shape[1])
        model.fit(X_scaled[train_idx], labels[train_idx], epochs=epochs, verbose=0)
        y = np.asarray(model.predict(X_scaled[val_idx], verbose=0)).reshape(-1)
        accuracies.append(float(np.mean((y >= 0.5) == labels[val_idx])))
    return accuracies
''',
        "standard_scaler_fitted_before_the_folds": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    from sklearn.preprocessing import StandardScaler
    labels = np.asarray(labels)
    scaler = StandardScaler().fit(X)
    folds = k_fold_indices(len(labels), k, seed)
    accuracies = []
    for train_idx, val_idx in folds:
        model = build_fn(np.shape(X)[1])
        model.fit(scaler.transform(np.asarray(X)[train_idx]), labels[train_idx], epochs=epochs, verbose=0)
        loss, accuracy = model.evaluate(scaler.transform(np.asarray(X)[val_idx]), labels[val_idx], verbose=0)
        accuracies.append(float(accuracy))
    return accuracies
''',
        "one_model_for_all_folds": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels, dtype=float)
    model = build_fn(X.shape[1])
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        mean, std = X[train_idx].mean(axis=0), X[train_idx].std(axis=0)
        model.fit((X[train_idx] - mean) / std, labels[train_idx], epochs=epochs, verbose=0)
        y = np.asarray(model.predict((X[val_idx] - mean) / std, verbose=0)).reshape(-1)
        accuracies.append(float(np.mean((y >= 0.5) == labels[val_idx])))
    return accuracies
''',
        "ignores_seed": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels, dtype=float)
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k):
        mean, std = X[train_idx].mean(axis=0), X[train_idx].std(axis=0)
        model = build_fn(X.shape[1])
        model.fit((X[train_idx] - mean) / std, labels[train_idx], epochs=epochs, verbose=0)
        y = np.asarray(model.predict((X[val_idx] - mean) / std, verbose=0)).reshape(-1)
        accuracies.append(float(np.mean((y >= 0.5) == labels[val_idx])))
    return accuracies
''',
        "returns_training_accuracy": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels, dtype=float)
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        mean, std = X[train_idx].mean(axis=0), X[train_idx].std(axis=0)
        model = build_fn(X.shape[1])
        history = model.fit((X[train_idx] - mean) / std, labels[train_idx], epochs=epochs, verbose=0)
        accuracies.append(float(history.history["accuracy"][-1]))
    return accuracies
''',
        "validation_fold_scaled_with_its_own_statistics": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels, dtype=float)
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        X_train, X_val = X[train_idx], X[val_idx]
        X_train = (X_train - X_train.mean(axis=0)) / X_train.std(axis=0)
        X_val = (X_val - X_val.mean(axis=0)) / X_val.std(axis=0)
        model = build_fn(X.shape[1])
        model.fit(X_train, labels[train_idx], epochs=epochs, verbose=0)
        y = np.asarray(model.predict(X_val, verbose=0)).reshape(-1)
        accuracies.append(float(np.mean((y >= 0.5) == labels[val_idx])))
    return accuracies
''',
        "no_standardization": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels, dtype=float)
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        model = build_fn(X.shape[1])
        model.fit(X[train_idx], labels[train_idx], epochs=epochs, verbose=0)
        accuracies.append(float(model.evaluate(X[val_idx], labels[val_idx], verbose=0)[1]))
    return accuracies
''',
        "epochs_passed_as_batch_size": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels, dtype=float)
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        mean, std = X[train_idx].mean(axis=0), X[train_idx].std(axis=0)
        model = build_fn(X.shape[1])
        model.fit((X[train_idx] - mean) / std, labels[train_idx], epochs, verbose=0)
        y = np.asarray(model.predict((X[val_idx] - mean) / std, verbose=0)).reshape(-1)
        accuracies.append(float(np.mean((y >= 0.5) == labels[val_idx])))
    return accuracies
''',
        "column_predictions_broadcast": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels, dtype=float)
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        mean, std = X[train_idx].mean(axis=0), X[train_idx].std(axis=0)
        model = build_fn(X.shape[1])
        model.fit((X[train_idx] - mean) / std, labels[train_idx], epochs=epochs, verbose=0)
        y = model.predict((X[val_idx] - mean) / std, verbose=0)
        accuracies.append(float(np.mean((y >= 0.5) == labels[val_idx])))
    return accuracies
''',
    },
}

RIGHT = {
    "stratified_split": {
        "lexsort_random_keys_floor": '''
def stratified_split(labels, test_fraction, seed=0):
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    order = np.lexsort((rng.random(len(labels)), labels))   # by class, random inside a class
    train, test = [], []
    start = 0
    for c, count in zip(*np.unique(labels, return_counts=True)):
        block = order[start:start + count]
        n_test = int(test_fraction * count)
        test.extend(block[:n_test].tolist())
        train.extend(block[n_test:].tolist())
        start += count
    return np.array(train, dtype=int), np.array(test, dtype=int)
''',
        "ceil_per_class_python_lists": '''
def stratified_split(labels, test_fraction, seed=0):
    rng = np.random.default_rng(seed)
    labels = list(labels)
    by_class = {}
    for index, label in enumerate(labels):
        by_class.setdefault(label, []).append(index)
    train, test = [], []
    for label in sorted(by_class):
        members = list(rng.permutation(by_class[label]))
        n_test = math.ceil(test_fraction * len(members))
        test += members[:n_test]
        train += members[n_test:]
    return np.array(train, dtype=np.int64), np.array(test, dtype=np.int64)
''',
    },
    "k_fold_indices": {
        "loop_bigger_folds_last_list_of_tuples": '''
def k_fold_indices(n, k, seed=None):
    if k < 2 or k > n:
        raise ValueError(f"k must be between 2 and n={n}")
    order = list(range(n)) if seed is None else list(np.random.default_rng(seed).permutation(n))
    small, extra = divmod(n, k)
    sizes = [small] * (k - extra) + [small + 1] * extra
    folds, start = [], 0
    for size in sizes:
        val = order[start:start + size]
        train = order[:start] + order[start + size:]
        folds.append((np.array(train, dtype=int), np.array(val, dtype=int)))
        start += size
    return folds
''',
        "boolean_masks_inside": '''
def k_fold_indices(n, k, seed=None):
    if not (2 <= k <= n):
        raise ValueError("k must satisfy 2 <= k <= n")
    order = np.arange(n)
    if seed is not None:
        order = np.random.default_rng(seed).permutation(n)
    bounds = np.linspace(0, n, k + 1).round().astype(int)
    folds = []
    for i in range(k):
        in_val = np.zeros(n, dtype=bool)
        in_val[order[bounds[i]:bounds[i + 1]]] = True
        folds.append((np.flatnonzero(~in_val), order[bounds[i]:bounds[i + 1]]))
    return folds
''',
    },
    "time_based_split": {
        "sorted_python_descending": '''
def time_based_split(timestamps, test_fraction):
    stamps = [float(s) for s in timestamps]
    n_test = math.ceil(test_fraction * len(stamps))
    newest_first = sorted(range(len(stamps)), key=lambda i: stamps[i], reverse=True)
    return np.array(newest_first[n_test:], dtype=int), np.array(newest_first[:n_test], dtype=int)
''',
        "numpy_ceil_argsort_reversed": '''
def time_based_split(timestamps, test_fraction):
    stamps = np.asarray(timestamps, dtype=np.float64)
    n_test = int(np.ceil(len(stamps) * test_fraction))
    order = np.argsort(-stamps)
    return np.sort(order[n_test:]), np.sort(order[:n_test])
''',
    },
    "build_binary_classifier": {
        "functional_api_activation_layers_objects": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    inputs = keras.Input(shape=(n_features,))
    h = inputs
    for units in hidden_units:
        h = keras.layers.Dense(units)(h)
        h = keras.layers.ReLU()(h)
        if dropout > 0:
            h = keras.layers.Dropout(rate=dropout)(h)
    z = keras.layers.Dense(1)(h)
    outputs = keras.layers.Activation("sigmoid")(z)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss=keras.losses.BinaryCrossentropy(), metrics=[keras.metrics.BinaryAccuracy()])
    return model
''',
        "sequential_list_rmsprop_short_names": '''
def build_binary_classifier(n_features, hidden_units=(32,), dropout=0.0):
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers.append(keras.layers.Dense(units, activation=keras.activations.relu))
        layers.append(keras.layers.Dropout(dropout))   # a rate of 0 changes nothing
    layers.append(keras.layers.Dense(1, activation="sigmoid"))
    model = keras.Sequential(layers)
    model.compile(optimizer="rmsprop", loss="bce", metrics=["acc"])
    return model
''',
    },
    "build_multiclass_classifier": {
        "functional_api_softmax_layer": '''
def build_multiclass_classifier(n_features, n_classes, hidden_units=(64,)):
    inputs = keras.Input(shape=(n_features,))
    h = inputs
    for units in hidden_units:
        h = keras.layers.Dense(units, activation="relu")(h)
    outputs = keras.layers.Softmax()(keras.layers.Dense(n_classes)(h))
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.CategoricalCrossentropy(),
                  metrics=[keras.metrics.CategoricalAccuracy()])
    return model
''',
        "sequential_short_names": '''
def build_multiclass_classifier(n_features, n_classes, hidden_units=(64,)):
    model = keras.Sequential()
    model.add(keras.Input(shape=(n_features,)))
    for units in list(hidden_units):
        model.add(keras.layers.Dense(units))
        model.add(keras.layers.Activation("relu"))
    model.add(keras.layers.Dense(n_classes, activation=keras.activations.softmax))
    model.compile(optimizer="adam", loss=keras.losses.categorical_crossentropy, metrics=["acc"])
    return model
''',
    },
    "confusion_matrix": {
        "bincount": '''
def confusion_matrix(labels, predicted, n_classes):
    flat = np.asarray(labels, dtype=np.int64) * n_classes + np.asarray(predicted, dtype=np.int64)
    return np.bincount(flat, minlength=n_classes * n_classes).reshape(n_classes, n_classes)
''',
        "python_loops": '''
def confusion_matrix(labels, predicted, n_classes):
    rows = [[0] * n_classes for _ in range(n_classes)]
    for t, y in zip(list(labels), list(predicted)):
        rows[int(t)][int(y)] += 1
    return np.array(rows)
''',
    },
    "precision_recall_f1": {
        "counts_formula_loops": '''
def precision_recall_f1(labels, predicted):
    tp = fp = fn = 0
    for t, y in zip(labels, predicted):
        if y == 1 and t == 1:
            tp += 1
        elif y == 1:
            fp += 1
        elif t == 1:
            fn += 1
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp > 0 else 0.0
    return precision, recall, f1
''',
        "numpy_errstate_nan_to_num": '''
def precision_recall_f1(labels, predicted):
    t = np.asarray(labels, dtype=np.float32)
    y = np.asarray(predicted, dtype=np.float32)
    tp, fp, fn = np.sum(t * y), np.sum((1 - t) * y), np.sum(t * (1 - y))
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.nan_to_num(tp / (tp + fp))
        recall = np.nan_to_num(tp / (tp + fn))
        f1 = np.nan_to_num(2 * precision * recall / (precision + recall))
    return float(precision), float(recall), float(f1)
''',
    },
    "cross_validate": {
        "evaluate_ddof1_float32_masks": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype=np.float32)
    t = np.asarray(labels, dtype=np.float32)
    scores = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed=seed):
        in_train = np.zeros(len(X), dtype=bool)
        in_train[train_idx] = True
        mean = X[in_train].mean(axis=0)
        std = X[in_train].std(axis=0, ddof=1)
        model = build_fn(n_features=X.shape[1])
        model.fit((X[in_train] - mean) / std, t[in_train], epochs=epochs, batch_size=16, verbose=0)
        loss, accuracy = model.evaluate((X[~in_train] - mean) / std, t[~in_train], verbose=0)
        scores.append(float(accuracy))
    return scores
''',
        "validation_data_history_clear_session": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.array(X, dtype=float)
    labels = np.array(labels, dtype=float)
    accuracies = []
    for train_idx, val_idx in k_fold_indices(X.shape[0], k, seed):
        mean, std = X[train_idx].mean(0), X[train_idx].std(0)
        keras.backend.clear_session()
        model = build_fn(X.shape[1])
        history = model.fit((X[train_idx] - mean) / std, labels[train_idx], epochs=epochs, verbose=0,
                            validation_data=((X[val_idx] - mean) / std, labels[val_idx]))
        accuracies.append(history.history["val_accuracy"][-1])
    return accuracies
''',
        "normalization_layer_adapted_on_training_part": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype="float32")
    labels = np.asarray(labels, dtype="float32")
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        normalizer = keras.layers.Normalization(axis=-1)
        normalizer.adapt(X[train_idx])              # statistics of this round's training folds only
        X_train = np.asarray(keras.ops.convert_to_numpy(normalizer(X[train_idx])))
        X_val = np.asarray(keras.ops.convert_to_numpy(normalizer(X[val_idx])))
        model = build_fn(X.shape[1])
        model.fit(X_train, labels[train_idx], epochs=epochs, verbose=0)
        y = np.asarray(model.predict(X_val, verbose=0))[:, 0]
        accuracies.append(float(np.mean((y >= 0.5) == (labels[val_idx] == 1))))
    return accuracies
''',
        "standard_scaler_fitted_in_each_fold": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    from sklearn.preprocessing import StandardScaler
    X, labels = np.asarray(X), np.asarray(labels)
    accuracies = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        scaler = StandardScaler().fit(X[train_idx])
        model = build_fn(X.shape[1])
        model.fit(scaler.transform(X[train_idx]), labels[train_idx], epochs=epochs, verbose=0)
        loss, accuracy = model.evaluate(scaler.transform(X[val_idx]), labels[val_idx], verbose=0)
        accuracies.append(float(accuracy))
    return accuracies
''',
        "model_call_and_round": '''
def cross_validate(build_fn, X, labels, k, epochs, seed=0):
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels).astype(int)
    out = []
    for train_idx, val_idx in k_fold_indices(len(X), k, seed):
        stats = X[train_idx]
        scale = lambda A: (A - stats.mean(axis=0)) / stats.std(axis=0)
        model = build_fn(X.shape[1])
        model.fit(scale(X[train_idx]), labels[train_idx], epochs=epochs, verbose=0)
        y = np.asarray(keras.ops.convert_to_numpy(model(scale(X[val_idx]))))[:, 0]
        out.append(float(np.mean(np.round(y).astype(int) == labels[val_idx])))
    return out
''',
    },
}
