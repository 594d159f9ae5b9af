"""The course contract as data: notebooks and their graded functions.

Interface: ``NOTEBOOKS`` maps each notebook name (``NN_name``) to the ordered tuple of the
graded function names it must contain; each function's answer cell has ``grade_id`` equal
to its name and its test cells ``test_<name>`` (``_2``, ``_3`` … for more).
``tests/test_source.py`` holds every notebook present in ``source/`` to this contract;
``docs/COURSE_CONTRACT.md`` is generated from it (``python -m autograder contract``).
"""

NOTEBOOKS = {
    "01_neuron": (
        "weighted_sum", "sigmoid", "relu", "leaky_relu", "elu", "softmax",
        "activation_derivative", "neuron_forward", "count_parameters", "keras_neuron",
    ),
    "02_gradient_descent": (
        "mse", "mae", "rmse", "binary_cross_entropy", "one_hot", "categorical_cross_entropy",
        "gradient_descent", "steps_to_converge", "goldilocks_learning_rate",
        "iterate_minibatches", "linear_regression_gd", "chain_rule_example",
        "two_layer_linear_grads",
    ),
    "03_delta_rule": (
        "delta_rule_gradient", "delta_rule_gradient_bce", "batch_delta_rule_gradient",
        "delta_rule_epoch", "train_delta_rule", "predict_binary", "simple_ann_bce", "simple_ann",
    ),
    "04_xor_backprop": (
        "init_mlp", "mlp_forward", "fibonacci_memo", "mlp_backward", "numerical_gradient",
        "sgd_update", "train_mlp", "build_xor_model",
    ),
    "05_regression": (
        "train_val_test_split", "standardize", "make_dataset", "build_linear_regressor",
        "build_mlp_regressor", "train_step", "fit_custom", "regression_metrics",
        "save_and_reload",
    ),
    "06_classification": (
        "stratified_split", "k_fold_indices", "time_based_split", "build_binary_classifier",
        "build_multiclass_classifier", "confusion_matrix", "precision_recall_f1",
        "cross_validate",
    ),
    "07_regularization": (
        "l1_penalty", "l2_penalty", "l2_penalty_grad", "dropout_forward", "dropout_backward",
        "early_stopping", "augment_images", "build_regularized_classifier",
    ),
    "08_optimizers": (
        "sgd_momentum_step", "adagrad_step", "rmsprop_step", "adadelta_step", "adam_step",
        "optimize",
    ),
}
