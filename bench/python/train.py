# `npm run bench` (third part, the Python side): the same training runs as bench/train.ts, in numpy
# (the notebook's hand-written backward pass) and in PyTorch (autograd), both in float64, on the
# data and initial weights bench/train.ts sends as JSON on stdin. Prints one JSON object on stdout:
# per implementation and case, the timings (median of several runs after a warm-up) and the final
# loss, so the caller can check every implementation trained the same numbers. For the mini-batch
# case that is the loss on the whole set after the epoch (measured outside the timing, as fit's
# final.trainLoss is), and "epochLoss" is the epoch's batch losses averaged weighted by their
# examples (the Keras convention; the last batch of 60 000 / 128 has 96). A missing numpy or torch
# is reported as {"skipped": "<reason>"} instead of failing.

import os
import time

from report import report_runs


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 == 1 else (ordered[middle - 1] + ordered[middle]) / 2


def timed(run, repetitions, warm_up):
    """Runs `warm_up` once, then `run` `repetitions` times; returns the timings and the last result."""
    warm_up()
    seconds = []
    result = None
    for _ in range(repetitions):
        start = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - start)
    return {"seconds": seconds, "medianSeconds": median(seconds), "bestSeconds": min(seconds)}, result


def synthetic(np, spec):
    """The synthetic 784-feature set, by the same integer formula as bench/train.ts."""
    samples, inputs, classes = spec["samples"], spec["inputs"], spec["classes"]
    i = np.arange(samples, dtype=np.int64)[:, None]
    j = np.arange(inputs, dtype=np.int64)[None, :]
    X = ((i * 7919 + j * 104729 + (i * j) % 977) % 1000).astype(np.float64) / 1000.0
    labels = (np.arange(samples, dtype=np.int64) * 7919 % 1009) % classes
    y = np.zeros((samples, classes), dtype=np.float64)
    y[np.arange(samples), labels] = 1.0
    return X, y


# ---------------------------------------------------------------- numpy: the notebook's loop


def numpy_runs(payload):
    import numpy as np

    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))

    def forward(weights, biases, X):
        activations = [X]
        a = X
        last = len(weights) - 1
        for index, (W, b) in enumerate(zip(weights, biases)):
            z = a @ W + b
            a = sigmoid(z) if index == last else np.maximum(z, 0)
            activations.append(a)
        return activations

    def step(weights, biases, X, y, rate):
        """One full notebook step: forward, loss, accuracy, backward, gradient norm, update."""
        activations = forward(weights, biases, X)
        out = activations[-1]
        loss = np.mean((out - y) ** 2)
        accuracy = np.mean((out > 0.5).astype(int) == y)
        # the gradient of a mean over every entry (the notebook's X.shape[0] is that for one output)
        delta = 2 * (out - y) / out.size
        gradients = [None] * len(weights)
        for index in reversed(range(len(weights))):
            a = activations[index + 1]
            dz = delta * (a * (1 - a)) if index == len(weights) - 1 else delta * (a > 0)
            gradients[index] = (activations[index].T @ dz, np.sum(dz, axis=0, keepdims=True))
            if index > 0:
                delta = dz @ weights[index].T
        norm = sum(np.sum(dW ** 2) for dW, _ in gradients)
        for index, (dW, db) in enumerate(gradients):
            weights[index] = weights[index] - rate * dW
            biases[index] = biases[index] - rate * db
        return loss, accuracy, norm

    results = {}
    for case in payload["cases"]:
        X = np.array(case["X"], dtype=np.float64)
        y = np.array(case["y"], dtype=np.float64)

        def train(epochs=case["epochs"]):
            weights = [np.array(W, dtype=np.float64) for W in case["weights"]]
            biases = [np.array(b, dtype=np.float64) for b in case["biases"]]
            history = [step(weights, biases, X, y, case["learningRate"]) for _ in range(epochs)]
            final = np.mean((forward(weights, biases, X)[-1] - y) ** 2)
            return float(final), len(history)

        timing, (final, _) = timed(train, case["repetitions"], lambda: train(10))
        results[case["name"]] = {**timing, "finalLoss": final}

    spec = payload["synthetic"]
    X, y = synthetic(np, spec)
    size = spec["batchSize"]

    def epoch(limit=None):
        weights = [np.array(W, dtype=np.float64) for W in spec["weights"]]
        biases = [np.array(b, dtype=np.float64) for b in spec["biases"]]
        total = 0.0
        rows = 0
        batches = 0
        for start in range(0, spec["samples"], size):
            if limit is not None and batches >= limit:
                break
            X_batch, y_batch = X[start : start + size], y[start : start + size]
            loss, _, _ = step(weights, biases, X_batch, y_batch, spec["learningRate"])
            total += loss * X_batch.shape[0]
            rows += X_batch.shape[0]
            batches += 1
        return total / rows, weights, biases

    timing, (epoch_loss, weights, biases) = timed(epoch, spec["repetitions"], lambda: epoch(10))
    # measured after the timing: the loss on the whole set after the epoch (fit's final.trainLoss)
    final = float(np.mean((forward(weights, biases, X)[-1] - y) ** 2))

    def final_figures():
        # what fit does after its last epoch: loss and accuracy of the whole set, one forward pass
        output = forward(weights, biases, X)[-1]
        loss = float(np.mean((output - y) ** 2))
        accuracy = float(np.mean(np.argmax(output, axis=1) == np.argmax(y, axis=1)))
        return loss, accuracy

    final_timing, _ = timed(final_figures, spec["repetitions"], final_figures)
    results[spec["name"]] = {
        **timing,
        "finalLoss": final,
        "epochLoss": float(epoch_loss),
        "finalFiguresSeconds": final_timing["medianSeconds"],
    }
    return {"version": np.__version__, "results": results}


# ---------------------------------------------------------------- PyTorch: the same loop, autograd


def torch_runs(payload):
    import numpy as np
    import torch

    def forward(parameters, X):
        a = X
        last = len(parameters) - 1
        for index, (W, b) in enumerate(parameters):
            z = a @ W + b
            a = torch.sigmoid(torch.clamp(z, -500, 500)) if index == last else torch.relu(z)
        return a

    def step(parameters, X, y, rate):
        out = forward(parameters, X)
        loss = torch.mean((out - y) ** 2)
        loss.backward()
        with torch.no_grad():
            accuracy = ((out > 0.5).to(torch.float64) == y).to(torch.float64).mean()
            norm = sum(torch.sum(W.grad ** 2) for W, _ in parameters)
            for W, b in parameters:
                W -= rate * W.grad
                b -= rate * b.grad
                W.grad = None
                b.grad = None
        return loss.item(), accuracy.item(), norm.item()

    def fresh(weights, biases):
        return [
            (
                torch.tensor(W, dtype=torch.float64, requires_grad=True),
                torch.tensor(b, dtype=torch.float64, requires_grad=True),
            )
            for W, b in zip(weights, biases)
        ]

    results = {}
    for case in payload["cases"]:
        X = torch.tensor(case["X"], dtype=torch.float64)
        y = torch.tensor(case["y"], dtype=torch.float64)

        def train(epochs=case["epochs"]):
            parameters = fresh(case["weights"], case["biases"])
            for _ in range(epochs):
                step(parameters, X, y, case["learningRate"])
            with torch.no_grad():
                return torch.mean((forward(parameters, X) - y) ** 2).item()

        timing, final = timed(train, case["repetitions"], lambda: train(10))
        results[case["name"]] = {**timing, "finalLoss": final}

    spec = payload["synthetic"]
    X_numpy, y_numpy = synthetic(np, spec)
    X = torch.from_numpy(X_numpy)
    y = torch.from_numpy(y_numpy)
    size = spec["batchSize"]

    def epoch(limit=None):
        parameters = fresh(spec["weights"], spec["biases"])
        total = 0.0
        rows = 0
        batches = 0
        for start in range(0, spec["samples"], size):
            if limit is not None and batches >= limit:
                break
            X_batch, y_batch = X[start : start + size], y[start : start + size]
            loss, _, _ = step(parameters, X_batch, y_batch, spec["learningRate"])
            total += loss * X_batch.shape[0]
            rows += X_batch.shape[0]
            batches += 1
        return total / rows, parameters

    timing, (epoch_loss, parameters) = timed(epoch, spec["repetitions"], lambda: epoch(10))
    with torch.no_grad():
        final = torch.mean((forward(parameters, X) - y) ** 2).item()
    results[spec["name"]] = {**timing, "finalLoss": final, "epochLoss": epoch_loss}
    return {"version": torch.__version__, "threads": torch.get_num_threads(), "results": results}


def main():
    report_runs(numpy_runs, torch_runs, {"cpus": os.cpu_count()})


if __name__ == "__main__":
    main()
