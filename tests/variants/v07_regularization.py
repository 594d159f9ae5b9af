"""Known-wrong and known-right answers for 07_regularization (see tests/test_variants.py).

Each source is what a student would type into the answer cell; it runs in the notebook's Setup
namespace (``np``, ``keras``, ``ndimage`` …). Every WRONG answer must lose the function's points,
every RIGHT answer must get all of them. The first WRONG and RIGHT answer of each function are the
ones that ``tests/test_nbgrader.py`` pastes into a whole notebook, so they run the demo cells too.
"""

WRONG = {
    "l1_penalty": {
        "no_absolute_value": '''
def l1_penalty(weights, lam):
    total = 0.0
    for array in weights:
        total += np.sum(np.asarray(array, dtype=float))
    return float(lam * total)
''',
        "missing_lam": '''
def l1_penalty(weights, lam):
    return float(sum(np.sum(np.abs(np.asarray(array, dtype=float))) for array in weights))
''',
        "mean_instead_of_sum": '''
def l1_penalty(weights, lam):
    flat = np.concatenate([np.ravel(np.asarray(array, dtype=float)) for array in weights])
    return float(lam * np.mean(np.abs(flat)))
''',
        "only_first_array": '''
def l1_penalty(weights, lam):
    return float(lam * np.sum(np.abs(np.asarray(weights[0], dtype=float))))
''',
        "stacks_arrays_of_different_shapes": '''
def l1_penalty(weights, lam):
    return float(lam * np.sum(np.abs(np.array(weights, dtype=float))))
''',
        "squares_instead_of_abs": '''
def l1_penalty(weights, lam):
    return float(lam * sum(np.sum(np.asarray(array, dtype=float) ** 2) for array in weights))
''',
    },
    "l2_penalty": {
        "textbook_half_factor": '''
def l2_penalty(weights, lam):
    total = sum(np.sum(np.square(np.asarray(array, dtype=float))) for array in weights)
    return float(0.5 * lam * total)
''',
        "norm_instead_of_squared_norm": '''
def l2_penalty(weights, lam):
    return float(lam * sum(np.linalg.norm(np.ravel(np.asarray(array, dtype=float))) for array in weights))
''',
        "mean_instead_of_sum": '''
def l2_penalty(weights, lam):
    return float(lam * sum(np.mean(np.asarray(array, dtype=float) ** 2) for array in weights))
''',
        "only_first_array": '''
def l2_penalty(weights, lam):
    return float(lam * np.sum(np.asarray(weights[0], dtype=float) ** 2))
''',
        "square_of_sum": '''
def l2_penalty(weights, lam):
    return float(lam * sum(np.sum(np.asarray(array, dtype=float)) ** 2 for array in weights))
''',
        "missing_lam": '''
def l2_penalty(weights, lam):
    return float(sum(np.sum(np.asarray(array, dtype=float) ** 2) for array in weights))
''',
    },
    "l2_penalty_grad": {
        "missing_factor_2": '''
def l2_penalty_grad(weights, lam):
    return [lam * np.asarray(array, dtype=float) for array in weights]
''',
        "one_concatenated_array": '''
def l2_penalty_grad(weights, lam):
    return 2.0 * lam * np.concatenate([np.ravel(np.asarray(array, dtype=float)) for array in weights])
''',
        "l1_sign_gradient": '''
def l2_penalty_grad(weights, lam):
    return [lam * np.sign(np.asarray(array, dtype=float)) for array in weights]
''',
        "missing_lam": '''
def l2_penalty_grad(weights, lam):
    return [2.0 * np.asarray(array, dtype=float) for array in weights]
''',
        "modifies_weights_in_place": '''
def l2_penalty_grad(weights, lam):
    grads = []
    for array in weights:
        array = np.asarray(array, dtype=float)
        array *= 2.0 * lam
        grads.append(array)
    return grads
''',
        "lists_not_converted": '''
def l2_penalty_grad(weights, lam):
    return [2 * lam * array for array in weights]
''',
    },
    "dropout_forward": {
        "not_inverted": '''
def dropout_forward(A, rate, rng, training=True):
    A = np.asarray(A, dtype=np.float64)
    if not training:
        return A, None
    kept = rng.random(A.shape) >= rate
    return A * kept, kept
''',
        "keeps_with_probability_rate": '''
def dropout_forward(A, rate, rng, training=True):
    A = np.asarray(A, dtype=np.float64)
    if not training:
        return A, None
    kept = rng.random(A.shape) < rate
    return A * kept / (1.0 - rate), kept
''',
        "scales_at_inference": '''
def dropout_forward(A, rate, rng, training=True):
    A = np.asarray(A, dtype=np.float64)
    if not training:
        return A * (1.0 - rate), None
    kept = rng.random(A.shape) >= rate
    return A * kept / (1.0 - rate), kept
''',
        "global_numpy_random": '''
def dropout_forward(A, rate, rng, training=True):
    A = np.asarray(A, dtype=np.float64)
    if not training:
        return A, None
    kept = np.random.rand(*A.shape) >= rate
    return A * kept / (1.0 - rate), kept
''',
        "binomial_mask": '''
def dropout_forward(A, rate, rng, training=True):
    A = np.asarray(A, dtype=np.float64)
    if not training:
        return A, None
    kept = rng.binomial(1, 1.0 - rate, size=A.shape)
    return A * kept / (1.0 - rate), kept
''',
        "one_mask_row_for_all_samples": '''
def dropout_forward(A, rate, rng, training=True):
    A = np.asarray(A, dtype=np.float64)
    if not training:
        return A, None
    kept = np.broadcast_to(rng.random(A.shape[-1]) >= rate, A.shape)
    return A * kept / (1.0 - rate), kept
''',
        "modifies_A_in_place": '''
def dropout_forward(A, rate, rng, training=True):
    A = np.asarray(A, dtype=np.float64)
    if not training:
        return A, None
    kept = rng.random(A.shape) >= rate
    A *= kept
    A /= 1.0 - rate
    return A, kept
''',
        "mask_of_ones_at_inference": '''
def dropout_forward(A, rate, rng, training=True):
    A = np.asarray(A, dtype=np.float64)
    if not training:
        return A, np.ones(A.shape, dtype=bool)
    kept = rng.random(A.shape) >= rate
    return A * kept / (1.0 - rate), kept
''',
    },
    "dropout_backward": {
        "missing_scale": '''
def dropout_backward(dout, mask, rate):
    return np.asarray(dout, dtype=float) * mask
''',
        "multiplies_by_keep_probability": '''
def dropout_backward(dout, mask, rate):
    return np.asarray(dout, dtype=float) * mask * (1.0 - rate)
''',
        "inverted_mask": '''
def dropout_backward(dout, mask, rate):
    return np.asarray(dout, dtype=float) * (1 - np.asarray(mask, dtype=float)) / (1.0 - rate)
''',
        "ignores_mask": '''
def dropout_backward(dout, mask, rate):
    return np.asarray(dout, dtype=float) / (1.0 - rate)
''',
        "modifies_dout_in_place": '''
def dropout_backward(dout, mask, rate):
    grad = np.asarray(dout, dtype=float)
    grad *= mask
    grad /= 1.0 - rate
    return grad
''',
    },
    "early_stopping": {
        "patience_off_by_one": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    lowest, lowest_epoch, waited = None, 0, 0
    for epoch, value in enumerate(val_losses):
        if lowest is None or value + min_delta < lowest:
            lowest, lowest_epoch, waited = value, epoch, 0
        else:
            waited += 1
            if waited > patience:
                return epoch, lowest_epoch
    return len(val_losses) - 1, lowest_epoch
''',
        "ties_count_as_improvement": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    lowest, lowest_epoch, waited = None, 0, 0
    for epoch, value in enumerate(val_losses):
        waited += 1
        if lowest is None or value + min_delta <= lowest:
            lowest, lowest_epoch, waited = value, epoch, 0
        elif waited >= patience:
            return epoch, lowest_epoch
    return len(val_losses) - 1, lowest_epoch
''',
        "min_delta_on_the_wrong_side": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    lowest, lowest_epoch, waited = None, 0, 0
    for epoch, value in enumerate(val_losses):
        waited += 1
        if lowest is None or value - min_delta < lowest:
            lowest, lowest_epoch, waited = value, epoch, 0
        elif waited >= patience:
            return epoch, lowest_epoch
    return len(val_losses) - 1, lowest_epoch
''',
        "stop_is_best_plus_patience": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    lowest, lowest_epoch = None, 0
    for epoch, value in enumerate(val_losses):
        if lowest is None or value + min_delta < lowest:
            lowest, lowest_epoch = value, epoch
        elif epoch - lowest_epoch >= patience:
            return epoch, lowest_epoch
    return lowest_epoch + patience, lowest_epoch
''',
        "one_based_epochs": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    lowest, lowest_epoch, waited = None, 1, 0
    for epoch, value in enumerate(val_losses, start=1):
        waited += 1
        if lowest is None or value + min_delta < lowest:
            lowest, lowest_epoch, waited = value, epoch, 0
        elif waited >= patience:
            return epoch, lowest_epoch
    return len(val_losses), lowest_epoch
''',
        "compares_with_previous_epoch": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    previous, lowest, lowest_epoch, waited = None, None, 0, 0
    for epoch, value in enumerate(val_losses):
        if lowest is None or value < lowest:
            lowest, lowest_epoch = value, epoch
        if previous is None or value + min_delta < previous:
            waited = 0
        else:
            waited += 1
            if waited >= patience:
                return epoch, lowest_epoch
        previous = value
    return len(val_losses) - 1, lowest_epoch
''',
        "improvement_of_exactly_min_delta_counts": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    lowest, lowest_epoch, waited = None, 0, 0
    for epoch, value in enumerate(val_losses):
        waited += 1
        if lowest is None or (lowest - value > 0 and lowest - value >= min_delta):
            lowest, lowest_epoch, waited = value, epoch, 0
        elif waited >= patience:
            return epoch, lowest_epoch
    return len(val_losses) - 1, lowest_epoch
''',
        "compares_in_float64": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    best, best_epoch, wait = None, 0, 0
    for epoch, loss in enumerate(val_losses):
        loss = float(loss)
        wait += 1
        if best is None or loss + abs(min_delta) < best:
            best, best_epoch, wait = loss, epoch, 0
        elif wait >= patience:
            return epoch, best_epoch
    return len(val_losses) - 1, best_epoch
''',
        "best_is_argmin_ignoring_min_delta": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    history = [float(v) for v in val_losses]
    lowest, lowest_epoch, waited, stop = None, 0, 0, len(history) - 1
    for epoch, value in enumerate(history):
        waited += 1
        if lowest is None or value + min_delta < lowest:
            lowest, lowest_epoch, waited = value, epoch, 0
        elif waited >= patience:
            stop = epoch
            break
    return stop, int(np.argmin(history[:stop + 1]))
''',
    },
    "augment_images": {
        "grouped_by_augmentation": '''
def augment_images(images, labels, rng):
    images = np.array(images, dtype=float)
    rotated = np.array([ndimage.rotate(x, 45, reshape=False, mode="wrap") for x in images])
    noisy = np.array([x + rng.normal(0.0, 0.2, size=x.shape) for x in images])
    stacked = np.concatenate([images, rotated, images[:, :, ::-1], images[:, ::-1, :], noisy])
    return stacked, np.tile(np.asarray(labels), 5)
''',
        "flips_swapped": '''
def augment_images(images, labels, rng):
    versions, new_labels = [], []
    for x, label in zip(np.asarray(images, dtype=float), labels):
        versions += [x, ndimage.rotate(x, 45, reshape=False, mode="wrap"), np.flipud(x),
                     np.fliplr(x), x + rng.normal(0.0, 0.2, size=x.shape)]
        new_labels += [label] * 5
    return np.array(versions), np.array(new_labels)
''',
        "variance_instead_of_std": '''
def augment_images(images, labels, rng):
    versions, new_labels = [], []
    for x, label in zip(np.asarray(images, dtype=float), labels):
        versions += [x, ndimage.rotate(x, 45, reshape=False, mode="wrap"), np.fliplr(x),
                     np.flipud(x), x + rng.normal(0.0, 0.2 ** 2, size=x.shape)]
        new_labels += [label] * 5
    return np.array(versions), np.array(new_labels)
''',
        "rotation_without_wrap": '''
def augment_images(images, labels, rng):
    versions, new_labels = [], []
    for x, label in zip(np.asarray(images, dtype=float), labels):
        versions += [x, ndimage.rotate(x, 45, reshape=False), np.fliplr(x),
                     np.flipud(x), x + rng.normal(0.0, 0.2, size=x.shape)]
        new_labels += [label] * 5
    return np.array(versions), np.array(new_labels)
''',
        "rotation_resizes_the_image": '''
def augment_images(images, labels, rng):
    versions, new_labels = [], []
    for x, label in zip(np.asarray(images, dtype=float), labels):
        versions += [x, ndimage.rotate(x, 45, mode="wrap"), np.fliplr(x),
                     np.flipud(x), x + rng.normal(0.0, 0.2, size=x.shape)]
        new_labels += [label] * 5
    return np.array(versions), np.array(new_labels)
''',
        "rotated_the_other_way": '''
def augment_images(images, labels, rng):
    versions, new_labels = [], []
    for x, label in zip(np.asarray(images, dtype=float), labels):
        versions += [x, ndimage.rotate(x, -45, reshape=False, mode="wrap"), np.fliplr(x),
                     np.flipud(x), x + rng.normal(0.0, 0.2, size=x.shape)]
        new_labels += [label] * 5
    return np.array(versions), np.array(new_labels)
''',
        "labels_tiled": '''
def augment_images(images, labels, rng):
    versions = []
    for x in np.asarray(images, dtype=float):
        versions += [x, ndimage.rotate(x, 45, reshape=False, mode="wrap"), np.fliplr(x),
                     np.flipud(x), x + rng.normal(0.0, 0.2, size=x.shape)]
    return np.array(versions), np.tile(np.asarray(labels), 5)
''',
        "global_numpy_noise": '''
def augment_images(images, labels, rng):
    versions, new_labels = [], []
    for x, label in zip(np.asarray(images, dtype=float), labels):
        versions += [x, ndimage.rotate(x, 45, reshape=False, mode="wrap"), np.fliplr(x),
                     np.flipud(x), x + np.random.normal(0.0, 0.2, size=x.shape)]
        new_labels += [label] * 5
    return np.array(versions), np.array(new_labels)
''',
        "integer_images_not_converted": '''
def augment_images(images, labels, rng):
    versions, new_labels = [], []
    for x, label in zip(np.asarray(images), labels):
        versions += [x, ndimage.rotate(x, 45, reshape=False, mode="wrap"), np.fliplr(x),
                     np.flipud(x), x + rng.normal(0.0, 0.2, size=x.shape)]
        new_labels += [label] * 5
    return np.array(versions, dtype=float), np.array(new_labels)
''',
    },
    "build_regularized_classifier": {
        "last_hidden_layer_not_regularized": '''
def build_regularized_classifier(n_features, n_classes, l2=1e-3, dropout=0.3,
                                 hidden_units=(128, 128)):
    layers = [keras.Input(shape=(n_features,))]
    for k, units in enumerate(hidden_units):
        regularizer = keras.regularizers.L2(l2) if k < len(hidden_units) - 1 else None
        layers += [keras.layers.Dense(units, activation="relu", kernel_regularizer=regularizer),
                   keras.layers.Dropout(dropout)]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(optimizer="adam", loss="categorical_crossentropy",
                  metrics=["accuracy"])
    return model
''',
        "l1_instead_of_l2": '''
def build_regularized_classifier(n_features, n_classes, l2=1e-3, dropout=0.3,
                                 hidden_units=(128, 128)):
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [keras.layers.Dense(units, activation="relu",
                                      kernel_regularizer=keras.regularizers.L1(l2)),
                   keras.layers.Dropout(dropout)]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(optimizer="adam", loss="categorical_crossentropy",
                  metrics=["accuracy"])
    return model
''',
        "dropout_before_dense": '''
def build_regularized_classifier(n_features, n_classes, l2=1e-3, dropout=0.3,
                                 hidden_units=(128, 128)):
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [keras.layers.Dropout(dropout),
                   keras.layers.Dense(units, activation="relu",
                                      kernel_regularizer=keras.regularizers.L2(l2))]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(optimizer="adam", loss="categorical_crossentropy",
                  metrics=["accuracy"])
    return model
''',
        "linear_output_no_softmax": '''
def build_regularized_classifier(n_features, n_classes, l2=1e-3, dropout=0.3,
                                 hidden_units=(128, 128)):
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [keras.layers.Dense(units, activation="relu",
                                      kernel_regularizer=keras.regularizers.L2(l2)),
                   keras.layers.Dropout(dropout)]
    layers.append(keras.layers.Dense(n_classes))
    model = keras.Sequential(layers)
    model.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])
    return model
''',
        "default_strength_of_string_l2": '''
def build_regularized_classifier(n_features, n_classes, l2=1e-3, dropout=0.3,
                                 hidden_units=(128, 128)):
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [keras.layers.Dense(units, activation="relu", kernel_regularizer="l2"),
                   keras.layers.Dropout(dropout)]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(optimizer="adam", loss="categorical_crossentropy",
                  metrics=["accuracy"])
    return model
''',
        "sparse_loss_for_one_hot_targets": '''
def build_regularized_classifier(n_features, n_classes, l2=1e-3, dropout=0.3,
                                 hidden_units=(128, 128)):
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [keras.layers.Dense(units, activation="relu",
                                      kernel_regularizer=keras.regularizers.L2(l2)),
                   keras.layers.Dropout(dropout)]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
''',
        "dropout_rate_hard_coded": '''
def build_regularized_classifier(n_features, n_classes, l2=1e-3, dropout=0.3,
                                 hidden_units=(128, 128)):
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [keras.layers.Dense(units, activation="relu",
                                      kernel_regularizer=keras.regularizers.L2(l2)),
                   keras.layers.Dropout(0.3)]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(optimizer="adam", loss="categorical_crossentropy",
                  metrics=["accuracy"])
    return model
''',
        "no_accuracy_metric": '''
def build_regularized_classifier(n_features, n_classes, l2=1e-3, dropout=0.3,
                                 hidden_units=(128, 128)):
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [keras.layers.Dense(units, activation="relu",
                                      kernel_regularizer=keras.regularizers.L2(l2)),
                   keras.layers.Dropout(dropout)]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    return model
''',
    },
}

RIGHT = {
    "l1_penalty": {
        "python_loops": '''
import math


def l1_penalty(weights, lam):
    total = 0.0
    for array in weights:
        for value in np.ravel(array):
            total += math.fabs(value)
    return lam * total
''',
        "float32_concatenate": '''
def l1_penalty(weights, lam):
    flat = np.concatenate([np.ravel(np.asarray(array, dtype=np.float32)) for array in weights])
    return np.float32(lam) * np.sum(np.abs(flat))
''',
    },
    "l2_penalty": {
        "dot_products": '''
def l2_penalty(weights, lam):
    total = 0.0
    for array in weights:
        flat = np.ravel(np.asarray(array, dtype=np.float64))
        total += float(flat @ flat)
    return lam * total
''',
        "python_loops": '''
def l2_penalty(weights, lam):
    total = 0.0
    for array in weights:
        for value in np.ravel(array):
            total += float(value) * float(value)
    return lam * total
''',
    },
    "l2_penalty_grad": {
        "copy_then_scale": '''
def l2_penalty_grad(weights, lam):
    grads = []
    for array in weights:
        grad = np.array(array, dtype=np.float64, copy=True)
        grad *= 2 * lam
        grads.append(grad)
    return grads
''',
        "keeps_float32": '''
def l2_penalty_grad(weights, lam):
    out = []
    for array in weights:
        array = np.asarray(array)
        if array.dtype.kind != "f":
            array = array.astype(np.float64)
        out.append(array * (2 * lam))
    return out
''',
    },
    "dropout_forward": {
        "uniform_where_float_mask": '''
def dropout_forward(A, rate, rng, training=True):
    A = np.array(A, dtype=np.float64)
    if not training:
        return A, None
    keep = (rng.uniform(0.0, 1.0, size=A.shape) >= rate).astype(np.float64)
    return np.where(keep == 1.0, A / (1.0 - rate), 0.0), keep
''',
        "keeps_float32": '''
def dropout_forward(A, rate, rng, training=True):
    A = np.asarray(A)
    if A.dtype.kind != "f":
        A = A.astype(np.float64)
    if not training:
        return A.copy(), None
    keep = rng.random(np.shape(A)) >= rate
    scale = 1.0 / (1.0 - rate)
    return (A * keep * scale).astype(A.dtype), keep
''',
    },
    "dropout_backward": {
        "np_where": '''
def dropout_backward(dout, mask, rate):
    dout = np.asarray(dout, dtype=np.float64)
    return np.where(np.asarray(mask).astype(bool), dout / (1.0 - rate), 0.0)
''',
        "multiply_by_scale": '''
def dropout_backward(dout, mask, rate):
    scale = 1.0 / (1.0 - rate)
    return np.multiply(dout, np.asarray(mask, dtype=np.float64)) * scale
''',
    },
    "early_stopping": {
        "epochs_since_best": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    best_at = 0
    best_value = None
    for epoch, value in enumerate(val_losses):
        threshold = np.float32(float(value) + abs(min_delta))      # what Keras rounds to float32
        if epoch == 0 or np.float32(best_value) - threshold > 0:
            best_value, best_at = float(value), epoch
        elif epoch - best_at >= patience:
            return epoch, best_at
    return len(val_losses) - 1, best_at
''',
        "while_loop_counter": '''
import math


def early_stopping(val_losses, patience, min_delta=0.0):
    losses = list(val_losses)
    best, best_epoch, waited = math.inf, 0, 0
    epoch = 0
    while epoch < len(losses):
        if epoch == 0 or np.float32(float(losses[epoch]) + min_delta) < np.float32(best):
            best, best_epoch, waited = losses[epoch], epoch, 0
        else:
            waited += 1
            if waited >= max(patience, 1):
                break
        epoch += 1
    return min(epoch, len(losses) - 1), best_epoch
''',
        "keras_ops_less_like_the_callback": '''
def early_stopping(val_losses, patience, min_delta=0.0):
    best, best_epoch, wait, stop = None, 0, 0, len(val_losses) - 1
    for epoch in range(len(val_losses)):
        current = float(val_losses[epoch])
        wait += 1
        better = best is None or bool(keras.ops.convert_to_numpy(
            keras.ops.less(current + abs(min_delta), best)))
        if better:
            best, best_epoch, wait = current, epoch, 0
        elif wait >= patience:
            stop = epoch
            break
    return stop, best_epoch
''',
    },
    "augment_images": {
        "vectorized": '''
def augment_images(images, labels, rng):
    stack = np.array(images, dtype=np.float64)
    n, h, w = stack.shape
    out = np.empty((n, 5, h, w))
    out[:, 0] = stack
    out[:, 1] = ndimage.rotate(stack, 45, axes=(1, 2), reshape=False, mode="wrap")
    out[:, 2] = stack[:, :, ::-1]
    out[:, 3] = stack[:, ::-1, :]
    out[:, 4] = stack + rng.normal(0.0, 0.2, size=(n, h, w))
    return out.reshape(5 * n, h, w), np.repeat(labels, 5)
''',
        "loop_with_label_list": '''
from scipy.ndimage import rotate


def augment_images(images, labels, rng):
    new_images, new_labels = [], []
    for image, label in zip(images, labels):
        image = np.array(image, dtype=float)
        noise = 0.2 * rng.standard_normal(image.shape)
        for version in (image, rotate(image, 45, reshape=False, mode="wrap"),
                        image[:, ::-1], image[::-1], image + noise):
            new_images.append(version)
            new_labels.append(label)
    return np.stack(new_images), np.array(new_labels)
''',
    },
    "build_regularized_classifier": {
        "functional_api_separate_activations": '''
def build_regularized_classifier(n_features, n_classes, l2=1e-3, dropout=0.3,
                                 hidden_units=(128, 128)):
    inputs = keras.Input(shape=(n_features,))
    x = inputs
    for units in hidden_units:
        x = keras.layers.Dense(units, kernel_regularizer=keras.regularizers.l2(l2))(x)
        x = keras.layers.Activation("relu")(x)
        x = keras.layers.Dropout(rate=dropout)(x)
    x = keras.layers.Dense(n_classes)(x)
    outputs = keras.layers.Softmax()(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.CategoricalCrossentropy(),
                  metrics=[keras.metrics.CategoricalAccuracy()])
    return model
''',
        "sequential_add_l1l2": '''
def build_regularized_classifier(n_features, n_classes, l2=1e-3, dropout=0.3,
                                 hidden_units=(128, 128)):
    model = keras.Sequential()
    model.add(keras.Input(shape=(n_features,)))
    for units in hidden_units:
        model.add(keras.layers.Dense(units, activation=keras.activations.relu,
                                     kernel_regularizer=keras.regularizers.L1L2(l1=0.0, l2=l2)))
        model.add(keras.layers.Dropout(dropout))
    model.add(keras.layers.Dense(n_classes, activation=keras.activations.softmax))
    model.compile(optimizer="adam", loss=keras.losses.categorical_crossentropy,
                  metrics=["categorical_accuracy"])
    return model
''',
    },
}
