# `npm run bench` (fourth part, the Python side): Fashion-MNIST [784, 128, 10], ReLU then softmax,
# softmax cross-entropy (mean over rows), Adam (lr 0.001, β 0.9/0.999, ε 1e-8) in batches of 128,
# 10 epochs, in numpy (a hand-written forward, backward and Adam) and in PyTorch (autograd,
# torch.optim.Adam), both float64 on one thread, from the initial weights and with the epoch
# shuffles bench/fashion-mnist.ts uses: np.random.RandomState(seed).permutation(60000) per epoch,
# as gradfold's numpy-stream shuffle draws them. Reads the payload as JSON on stdin; prints one
# JSON object: per implementation the data-loading and training wall times (one run each) and the
# test set's loss and accuracy. A missing numpy or torch is {"skipped": "<reason>"}.

import gzip
import os
import time

from report import report_runs


def load(np, folder, prefix):
    """X (n×784, pixels / 255) and the labels of one IDX pair, as the files hold them."""
    with gzip.open(os.path.join(folder, f"{prefix}-images-idx3-ubyte.gz"), "rb") as file:
        images = np.frombuffer(file.read(), dtype=np.uint8, offset=16)
    with gzip.open(os.path.join(folder, f"{prefix}-labels-idx1-ubyte.gz"), "rb") as file:
        labels = np.frombuffer(file.read(), dtype=np.uint8, offset=8)
    X = images.reshape(labels.shape[0], 784).astype(np.float64) / 255.0
    return X, labels.astype(np.int64)


def load_all(np, payload):
    start = time.perf_counter()
    X, labels = load(np, payload["folder"], "train")
    X_test, labels_test = load(np, payload["folder"], "t10k")
    return (X, labels, X_test, labels_test), time.perf_counter() - start


def numpy_run(payload):
    import numpy as np

    (X, labels, X_test, labels_test), load_seconds = load_all(np, payload)
    rate, size, epochs = payload["learningRate"], payload["batchSize"], payload["epochs"]
    beta1, beta2, epsilon = 0.9, 0.999, 1e-8

    def logits(parameters, inputs):
        W1, b1, W2, b2 = parameters
        z1 = inputs @ W1 + b1
        return z1, np.maximum(z1, 0) @ W2 + b2

    def loss_and_accuracy(parameters, inputs, targets):
        _, z2 = logits(parameters, inputs)
        shifted = z2 - z2.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = -log_p[np.arange(targets.shape[0]), targets].mean()
        return float(loss), float(np.mean(np.argmax(z2, axis=1) == targets))

    def train():
        W1, W2 = (np.array(W, dtype=np.float64) for W in payload["weights"])
        b1, b2 = (np.array(b, dtype=np.float64) for b in payload["biases"])
        parameters = [W1, b1, W2, b2]
        first = [np.zeros_like(p) for p in parameters]
        second = [np.zeros_like(p) for p in parameters]
        shuffle = np.random.RandomState(payload["seed"])
        step = 0
        for _ in range(epochs):
            order = shuffle.permutation(X.shape[0])
            for start in range(0, X.shape[0], size):
                rows = order[start : start + size]
                X_batch, y_batch = X[rows], labels[rows]
                W1, b1, W2, b2 = parameters
                z1 = X_batch @ W1 + b1
                a1 = np.maximum(z1, 0)
                z2 = a1 @ W2 + b2
                shifted = np.exp(z2 - z2.max(axis=1, keepdims=True))
                delta = shifted / shifted.sum(axis=1, keepdims=True)
                delta[np.arange(rows.shape[0]), y_batch] -= 1.0
                delta /= rows.shape[0]
                hidden = (delta @ W2.T) * (z1 > 0)
                gradients = [
                    X_batch.T @ hidden,
                    hidden.sum(axis=0, keepdims=True),
                    a1.T @ delta,
                    delta.sum(axis=0, keepdims=True),
                ]
                step += 1
                correction1 = 1 - beta1**step
                correction2 = 1 - beta2**step
                for index, gradient in enumerate(gradients):
                    first[index] = beta1 * first[index] + (1 - beta1) * gradient
                    second[index] = beta2 * second[index] + (1 - beta2) * gradient * gradient
                    parameters[index] = parameters[index] - rate * (first[index] / correction1) / (
                        np.sqrt(second[index] / correction2) + epsilon
                    )
        return parameters

    start = time.perf_counter()
    parameters = train()
    train_seconds = time.perf_counter() - start
    test_loss, test_accuracy = loss_and_accuracy(parameters, X_test, labels_test)
    return {
        "version": np.__version__,
        "loadSeconds": load_seconds,
        "trainSeconds": train_seconds,
        "testLoss": test_loss,
        "testAccuracy": test_accuracy,
    }


def torch_run(payload):
    import numpy as np
    import torch

    torch.set_num_threads(1)
    (X_numpy, labels_numpy, X_test_numpy, labels_test_numpy), numpy_seconds = load_all(np, payload)
    start = time.perf_counter()
    X, labels = torch.from_numpy(X_numpy), torch.from_numpy(labels_numpy)
    X_test, labels_test = torch.from_numpy(X_test_numpy), torch.from_numpy(labels_test_numpy)
    load_seconds = numpy_seconds + time.perf_counter() - start
    size, epochs = payload["batchSize"], payload["epochs"]

    W1, W2 = (torch.tensor(W, dtype=torch.float64, requires_grad=True) for W in payload["weights"])
    b1, b2 = (torch.tensor(b, dtype=torch.float64, requires_grad=True) for b in payload["biases"])
    parameters = [W1, b1, W2, b2]

    def logits(inputs):
        return torch.relu(inputs @ W1 + b1) @ W2 + b2

    optimizer = torch.optim.Adam(parameters, lr=payload["learningRate"], betas=(0.9, 0.999), eps=1e-8)
    shuffle = np.random.RandomState(payload["seed"])
    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.from_numpy(shuffle.permutation(X.shape[0]))
        for first in range(0, X.shape[0], size):
            rows = order[first : first + size]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(logits(X[rows]), labels[rows])
            loss.backward()
            optimizer.step()
    train_seconds = time.perf_counter() - start
    with torch.no_grad():
        output = logits(X_test)
        test_loss = torch.nn.functional.cross_entropy(output, labels_test).item()
        test_accuracy = (output.argmax(dim=1) == labels_test).to(torch.float64).mean().item()
    return {
        "version": torch.__version__,
        "threads": torch.get_num_threads(),
        "loadSeconds": load_seconds,
        "trainSeconds": train_seconds,
        "testLoss": test_loss,
        "testAccuracy": test_accuracy,
    }


def main():
    report_runs(numpy_run, torch_run)


if __name__ == "__main__":
    main()
