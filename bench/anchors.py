# The anchors of build.ps1 -Task Bench: the same workloads in numpy, scikit-learn, PyTorch and pandas,
# and numpy's matrix products on the W3 shapes (the limit our kernels are measured against).
# Run by bench/Invoke-Benchmark.ps1 when Debian's python3-numpy/-sklearn/-torch/-pandas/-threadpoolctl
# are installed, without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE in their environment (as users have
# them); prints one JSON object per line: {"workload", "anchor", "seconds", "accuracy"?, "peak_mb"?}.
# Never used by the build or the tests.
import json
import os
import resource
import statistics
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
runs = int(os.environ.get("BENCH_RUNS", "3"))


def emit(**row):
    print(json.dumps(row), flush=True)


def median_time(fn, repeat=runs, warm=True):
    if warm:
        fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def w1_serve():
    # Interleaved with ours by bench/Invoke-Benchmark.ps1: each line read names a scale, and one timed
    # run at that scale (after a warm-up at its first request) is answered with its seconds.
    runs = {}
    for line in sys.stdin:
        scale = int(line)
        if scale not in runs:
            runs[scale] = w1_run(scale)
            runs[scale]()
        start = time.perf_counter()
        runs[scale]()
        print(time.perf_counter() - start, flush=True)


def w1_run(scale):
    X = np.tile(np.array([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]]), (scale, 1))
    y = np.tile(np.array([[0, 1, 1, 0]]).T, (scale, 1))

    def run():
        np.random.seed(10)
        wij = np.random.rand(3, 4)
        wjk = np.random.rand(4, 1)

        def sigmoid(x, w):
            return 1 / (1 + np.exp(-np.dot(x, w)))

        def sigmoid_derivative(x, w):
            return sigmoid(x, w) * (1 - sigmoid(x, w))

        for _ in range(10000):
            Xj = sigmoid(X, wij)
            yhat = sigmoid(Xj, wjk)
            g_wjk = np.dot(Xj.T, (y - yhat) * sigmoid_derivative(Xj, wjk))
            g_wij = np.dot(X.T, np.dot((y - yhat) * sigmoid_derivative(Xj, wjk), wjk.T) * sigmoid_derivative(X, wij))
            wij += g_wij
            wjk += g_wjk
    return run


def digits(scale=1):
    data = np.loadtxt(os.path.join(ROOT, "examples", "data", "digits.csv"), delimiter=",", skiprows=1)
    X, y = data[:, :-1], data[:, -1].astype(int)
    test = np.arange(len(y)) % 4 == 3
    Xtr, ytr = np.tile(X[~test], (scale, 1)), np.tile(y[~test], scale)
    mean, sd = Xtr.mean(0), Xtr.std(0)
    sd[sd == 0] = 1
    return (Xtr - mean) / sd, ytr, (X[test] - mean) / sd, y[test]


def w2_sklearn(scale=1, epochs=50):
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    Xtr, ytr, Xte, yte = digits(scale)

    def run():
        model = MLPClassifier(hidden_layer_sizes=(64,), activation="relu", solver="adam", learning_rate_init=1e-3,
                              batch_size=32, max_iter=epochs, alpha=0.0, tol=0.0, n_iter_no_change=10 ** 9,
                              shuffle=True, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(Xtr, ytr)
        return model.score(Xte, yte)
    return median_time(run)


def torch_epoch(model, opt, X, Y, limit, batch):
    # One epoch of minibatch steps over the first limit rows of a fresh shuffle, as PyTorch's users write it.
    import torch
    loss_fn = torch.nn.CrossEntropyLoss()
    perm = torch.randperm(X.shape[0])
    for start in range(0, limit, batch):
        idx = perm[start:start + batch]
        opt.zero_grad()
        loss_fn(model(X[idx]), Y[idx]).backward()
        opt.step()


def torch_threads():
    import torch
    return [1, 2] if (os.cpu_count() or 1) >= 2 else [1]


def w2_torch(dtype_name, scale=1, epochs=50):
    import torch
    Xtr, ytr, Xte, yte = digits(scale)
    dtype = getattr(torch, dtype_name)
    best = None
    for threads in torch_threads():
        torch.set_num_threads(threads)
        X = torch.tensor(Xtr, dtype=dtype)
        Y = torch.tensor(ytr)
        Xt = torch.tensor(Xte, dtype=dtype)

        def run():
            torch.manual_seed(0)
            model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10)).to(dtype)
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
            for _ in range(epochs):
                torch_epoch(model, opt, X, Y, X.shape[0], 32)
            with torch.no_grad():
                return (model(Xt).argmax(1).numpy() == yte).mean()
        seconds, accuracy = median_time(run)
        if best is None or seconds < best[0]:
            best = (seconds, accuracy, threads)
    return best


def w3_data(rows):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((rows, 784))
    teacher = rng.standard_normal((784, 10))
    y = (X @ teacher).argmax(1)
    return X, y


def w3_epoch(dtype_name, rows=60000):
    # One epoch of W3 in PyTorch over data made once: run(limit) trains a fresh network on the first limit rows.
    import torch
    Xn, yn = w3_data(rows)
    dtype = getattr(torch, dtype_name)
    X = torch.tensor(Xn, dtype=dtype)
    Y = torch.tensor(yn)

    def run(limit=rows):
        torch.manual_seed(0)
        model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)).to(dtype)
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        torch_epoch(model, opt, X, Y, limit, 128)
    return run


def w3_torch(dtype_name, rows=60000):
    import torch
    run = w3_epoch(dtype_name, rows)
    best = None
    for threads in torch_threads():
        torch.set_num_threads(threads)
        run(min(rows, 2560))  # warm-up on a few batches; a whole epoch is long
        seconds, _ = median_time(run, repeat=1, warm=False)
        if best is None or seconds < best[0]:
            best = (seconds, threads)
    return best


def w3_serve():
    # Paired with ours by bench/Invoke-Benchmark.ps1: each line read names a dtype, and one timed epoch at
    # 60,000 rows at each thread setting (after a warm-up of a few batches at the dtype's first request)
    # is answered with the faster one's seconds and threads, as JSON.
    import torch
    runs = {}
    for line in sys.stdin:
        dtype_name = line.strip()
        if dtype_name not in runs:
            runs[dtype_name] = w3_epoch(dtype_name)
            for threads in torch_threads():
                torch.set_num_threads(threads)
                runs[dtype_name](2560)
        best = None
        for threads in torch_threads():
            torch.set_num_threads(threads)
            start = time.perf_counter()
            runs[dtype_name]()
            seconds = time.perf_counter() - start
            if best is None or seconds < best[0]:
                best = (seconds, threads)
        # The limit at this moment too: numpy's matmul on the epoch's largest shape at 2 threads, so that
        # the executed rate compares ours with what the cores gave a few seconds apart, not minutes.
        limit = None
        try:
            from threadpoolctl import threadpool_limits
            if (dtype_name, "limit") not in runs:
                runs[dtype_name, "limit"] = kernel_product("x.W1", dtype_name)
            with threadpool_limits(limits=2, user_api="blas"):
                limit = kernel_rate(*runs[dtype_name, "limit"])
            time.sleep(0.3)   # OpenBLAS's threads spin for a while after a call
        except ImportError:
            pass
        print(json.dumps({"seconds": best[0], "threads": best[1], "numpy_gflops": limit}), flush=True)


def blas():
    # Which BLAS numpy and PyTorch call, as threadpoolctl finds it loaded: Debian's reference libblas3
    # exposes no threading API, so it shows as no BLAS at all.
    from threadpoolctl import threadpool_info
    versions = {"numpy": np.__version__}
    try:
        import torch
        versions["torch"] = torch.__version__
    except ImportError:
        pass
    try:
        import pandas
        versions["pandas"] = pandas.__version__
    except ImportError:
        pass
    try:
        import sklearn
        versions["sklearn"] = sklearn.__version__
    except ImportError:
        pass
    libraries = [{key: info.get(key) for key in ("internal_api", "version", "architecture", "threading_layer", "filepath")}
                 for info in threadpool_info() if info.get("user_api") == "blas"]
    emit(what="blas", libraries=libraries, **versions)


# The products of a W3 batch (784-256-10, 128 rows), as bench/KernelBench/Shapes.cs makes them.
SHAPES = {
    "x.W1": (128, 784, 256, "AB"),      # forward, layer 1
    "xT.d1": (784, 128, 256, "AtB"),    # weight gradient, layer 1
    "a1.W2": (128, 256, 10, "AB"),      # forward, layer 2
    "a1T.d2": (256, 128, 10, "AtB"),    # weight gradient, layer 2
    "d2.W2T": (128, 10, 256, "ABt"),    # error of layer 1
}


def kernel_product(shape, dtype):
    m, k, n, kind = SHAPES[shape]
    rng = np.random.default_rng(1)
    c = np.empty((m, n), dtype=dtype)
    if kind == "AtB":
        a, b = rng.standard_normal((k, m)).astype(dtype), rng.standard_normal((k, n)).astype(dtype)
        return (lambda: np.matmul(a.T, b, out=c)), 2.0 * m * k * n
    if kind == "ABt":
        a, b = rng.standard_normal((m, k)).astype(dtype), rng.standard_normal((n, k)).astype(dtype)
        return (lambda: np.matmul(a, b.T, out=c)), 2.0 * m * k * n
    a, b = rng.standard_normal((m, k)).astype(dtype), rng.standard_normal((k, n)).astype(dtype)
    return (lambda: np.matmul(a, b, out=c)), 2.0 * m * k * n


def kernel_rate(product, flops):
    # As bench/KernelBench/Program.cs measures ours: a warm-up, calls for 0.05 s to size a round of
    # about 0.03 s, then the median GFLOP/s of seven rounds.
    product()
    start, calls = time.perf_counter(), 0
    while time.perf_counter() - start < 0.05:
        product()
        calls += 1
    calls = max(1, int(calls * 0.03 / (time.perf_counter() - start)))
    rates = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(calls):
            product()
        rates.append(flops * calls / (time.perf_counter() - start) / 1e9)
    return statistics.median(rates)


def kernel_serve():
    # Interleaved with ours: each line "<shape> <dtype> <threads>" is answered with numpy's GFLOP/s.
    from threadpoolctl import threadpool_limits
    products = {}
    for line in sys.stdin:
        shape, dtype, threads = line.split()
        if (shape, dtype) not in products:
            products[shape, dtype] = kernel_product(shape, dtype)
        with threadpool_limits(limits=int(threads), user_api="blas"):
            rate = kernel_rate(*products[shape, dtype])
        # OpenBLAS's threads spin for a while after a call; let them sleep before ours runs.
        time.sleep(0.3)
        print(rate, flush=True)


def w4_pandas(path):
    import pandas as pd
    seconds, frame = median_time(lambda: pd.read_csv(path))
    return seconds, len(frame)


def w5_sklearn(train_path, score_path, out_path):
    """Scoring a CSV file end to end as a scikit-learn user does: read_csv, predict_proba, to_csv."""
    import pandas as pd
    from sklearn.neural_network import MLPClassifier
    train = pd.read_csv(train_path)
    model = MLPClassifier(hidden_layer_sizes=(32,), max_iter=5, random_state=0)
    model.fit(train.drop(columns=["label"]).to_numpy(), train["label"].to_numpy())

    def run():
        frame = pd.read_csv(score_path)
        probabilities = model.predict_proba(frame.to_numpy())
        best = probabilities.argmax(axis=1)
        frame["label_Prediction"] = model.classes_[best]
        frame["label_Probability"] = probabilities[np.arange(len(best)), best]
        for j, name in enumerate(model.classes_):
            frame["P_" + str(name)] = probabilities[:, j]
        frame.to_csv(out_path, index=False)
        return len(frame)

    return median_time(run, warm=False)


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "w1-serve":
        w1_serve()
    elif what == "blas":
        blas()
    elif what == "kernel-serve":
        kernel_serve()
    elif what == "w3-serve":
        w3_serve()
    elif what == "w4":
        seconds, rows = w4_pandas(sys.argv[2])
        emit(workload="W4", anchor="pandas read_csv", seconds=seconds, rows=rows)
    elif what == "w5":
        seconds, rows = w5_sklearn(sys.argv[2], sys.argv[3], sys.argv[4])
        emit(workload="W5", anchor="scikit-learn + pandas", seconds=seconds, rows=rows)
    elif what == "w2":
        seconds, accuracy = w2_sklearn()
        emit(workload="W2", scale=1, anchor="scikit-learn", seconds=seconds, accuracy=accuracy)
        for scale in (10, 100):
            seconds, _ = w2_sklearn(scale, epochs=1)
            emit(workload="W2", scale=scale, anchor="scikit-learn", seconds=seconds, note="1 epoch")
        try:
            seconds, accuracy, threads = w2_torch("float64")
            emit(workload="W2", scale=1, anchor="PyTorch float64", seconds=seconds, accuracy=accuracy, threads=threads)
        except ImportError:
            pass
    elif what == "w3":
        dtype = sys.argv[2]
        rows = int(sys.argv[3]) if len(sys.argv) > 3 else 60000
        seconds, threads = w3_torch(dtype, rows)
        emit(workload="W3", scale=rows / 60000, anchor="PyTorch " + dtype, seconds=seconds, threads=threads, peak_mb=peak_mb())
