#!/usr/bin/env python3
"""scipy.optimize.basinhopping as a peer of the no-bad-minima benchmark suite (numpy + scipy only).

Reads one JSON job on stdin and writes one JSON document on stdout. The job carries every task's
objective as plain data (the TypeScript side builds the data sets and the starts, so nothing is
re-generated here); see benchmarks/peer/README.md for the format.

Each objective is L(theta) of the suite's task, value and gradient, in numpy, with the same theta
layout and the same loss reduction as the TypeScript original:

- "dense": the package's DenseNetwork (src/models/dense-network.ts): for each layer W (out x in,
  row-major) then b (when the network has biases); hidden activation, linear output.
- "example1": Kawaguchi-Kaelbling Example 1 (src/models/example1.ts), one parameter, x ignored.
- "fixed-output-student": benchmarks/tasks/fixed-output-student.ts, f(x) = sum_j relu(w_j . x),
  theta = W (n x d, row-major), relu'(0) = 0.
- model losses (src/losses/): "squared" sum (q - y)^2 (no 1/2), "smoothed-hinge" sum
  max(0, 1 - y q)^p, "cross-entropy" softmax cross-entropy over each sample's outputs; the sum
  over samples is scaled by 1/m for reduction "mean" (src/augment/original.ts).
- "rastrigin": sum x^2 + 20 sin^2(pi x) (= 10 - 10 cos 2 pi x), src/objectives/rastrigin.ts.
- "safran-shamir": the closed-form population objective (src/objectives/safran-shamir.ts),
  clamped at 0 like the original.

Modes of a run (job "modes"):
- "to-target": basinhopping(fun, x0, minimizer_kwargs={'method': 'L-BFGS-B', 'jac': True},
  seed=seed) with scipy's default stepsize and T, a callback that stops the run once the minimum
  found is <= the task's tolerance, and the task's budget of evaluations as the only cap (niter is
  set to the budget, so that the budget, not niter, ends an unsuccessful run, as on our side).
  The callback raises instead of returning True: recent scipy (1.17) also calls it for the initial
  minimization but ignores its return value there, and raising stops the run at the same point on
  every scipy version.
- "defaults": the same call with niter = 100 (scipy's default) and no callback, capped at the
  same budget.

One evaluation is one call of fun (value and gradient), as the suite counts one per gradient
evaluation. Wall time is time.perf_counter() around the basinhopping call alone.
"""
import json
import math
import platform
import sys
import time
import warnings

import numpy as np
import scipy
from scipy.optimize import basinhopping

FORMAT_VERSION = 1
DEFAULT_NITER = 100
INV_TWO_PI = 1.0 / (2.0 * math.pi)


# --- activations -------------------------------------------------------------------------------

def _sigmoid(z):
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))))


ACTIVATIONS = {
    # (value, derivative from (z, a = value(z)))
    "tanh": (np.tanh, lambda z, a: 1.0 - a * a),
    "relu": (lambda z: np.where(z > 0, z, 0.0), lambda z, a: (z > 0).astype(np.float64)),
    "sigmoid": (_sigmoid, lambda z, a: a * (1.0 - a)),
    "softplus": (lambda z: np.where(z > 0, z + np.log1p(np.exp(-np.abs(z))), np.log1p(np.exp(-np.abs(z)))), lambda z, a: _sigmoid(z)),
    "identity": (lambda z: z, lambda z, a: np.ones_like(z)),
}


# --- losses: value and dL/dq of the summed (not yet scaled) loss ------------------------------

def squared_loss(q, y):
    r = q - y
    return float(np.sum(r * r)), 2.0 * r


def smoothed_hinge_loss(power):
    def loss(q, y):
        h = 1.0 - y * q
        positive = h > 0
        hp = np.where(positive, h, 0.0)
        hp1 = np.power(hp, power - 1.0)
        value = float(np.sum(np.where(positive, hp1 * hp, 0.0)))
        return value, np.where(positive, -power * y * hp1, 0.0)

    return loss


def cross_entropy_loss(q, y):
    # As src/losses/cross-entropy.ts: logsumexp(q) - q_k = (max - q_k) + log1p(rest), each term >= 0.
    m = q.shape[0]
    top = np.argmax(q, axis=1)
    rows = np.arange(m)
    mx = q[rows, top]
    e = np.exp(q - mx[:, None])
    e[rows, top] = 0.0
    rest = e.sum(axis=1)
    e[rows, top] = 1.0
    log_s = np.log1p(rest)
    mass = y.sum(axis=1)
    value = np.sum(np.where(y != 0, y * (mx[:, None] - q + log_s[:, None]), 0.0), axis=1)
    value = value + np.where(mass != 1.0, (1.0 - mass) * (mx + log_s), 0.0)
    grad = e / (1.0 + rest)[:, None] - y
    return float(np.sum(value)), grad


def make_loss(spec):
    kind = spec["type"]
    if kind == "squared":
        return squared_loss
    if kind == "smoothed-hinge":
        return smoothed_hinge_loss(float(spec.get("power", 3)))
    if kind == "cross-entropy":
        return cross_entropy_loss
    raise ValueError(f"objective.loss.type: expected squared, smoothed-hinge or cross-entropy, got {kind!r}")


# --- models: forward and backward of the output q (m x dy) ----------------------------------

class Dense:
    def __init__(self, spec):
        self.layers = [int(v) for v in spec["layers"]]
        self.bias = bool(spec["bias"])
        if spec["activation"] not in ACTIVATIONS:
            raise ValueError(f"objective.activation: expected one of {sorted(ACTIVATIONS)}, got {spec['activation']!r}")
        self.act, self.dact = ACTIVATIONS[spec["activation"]]
        self.blocks = []
        offset = 0
        for l in range(1, len(self.layers)):
            n_in, n_out = self.layers[l - 1], self.layers[l]
            w = (offset, n_out, n_in)
            offset += n_in * n_out
            b = None
            if self.bias:
                b = offset
                offset += n_out
            self.blocks.append((w, b))
        self.size = offset

    def value_and_grad(self, theta, x, loss, scale):
        inputs, pres, weights = [], [], []
        a = x
        last = len(self.blocks) - 1
        for l, ((w_off, n_out, n_in), b_off) in enumerate(self.blocks):
            W = theta[w_off:w_off + n_out * n_in].reshape(n_out, n_in)
            z = a @ W.T
            if b_off is not None:
                z = z + theta[b_off:b_off + n_out]
            inputs.append(a)
            pres.append(z)
            weights.append(W)
            a = self.act(z) if l < last else z
        value, d = loss(a, self.y)
        d = d * scale
        grad = np.empty(self.size)
        for l in range(last, -1, -1):
            (w_off, n_out, n_in), b_off = self.blocks[l]
            grad[w_off:w_off + n_out * n_in] = (d.T @ inputs[l]).ravel()
            if b_off is not None:
                grad[b_off:b_off + n_out] = d.sum(axis=0)
            if l > 0:
                z_prev = pres[l - 1]
                d = (d @ weights[l]) * self.dact(z_prev, inputs[l])
        return scale * value, grad


class Example1:
    size = 1

    def value_and_grad(self, theta, x, loss, scale):
        t = theta[0]
        u, v = t - 0.2, t - 0.8
        f = 5.0 * (-0.3 * math.exp(-16.0 * u * u) - 0.7 * math.exp(-32.0 * v * v) + 0.5)
        df = 5.0 * (9.6 * u * math.exp(-16.0 * u * u) + 44.8 * v * math.exp(-32.0 * v * v))
        q = np.full((x.shape[0], 1), f)
        value, d = loss(q, self.y)
        return scale * value, np.array([df * scale * float(np.sum(d))])


class FixedOutputStudent:
    def __init__(self, spec):
        self.d = int(spec["inputSize"])
        self.n = int(spec["width"])
        self.size = self.d * self.n

    def value_and_grad(self, theta, x, loss, scale):
        W = theta.reshape(self.n, self.d)
        pre = x @ W.T
        q = np.where(pre > 0, pre, 0.0).sum(axis=1, keepdims=True)
        value, d = loss(q, self.y)
        c = (d * scale) * (pre > 0)
        return scale * value, (c.T @ x).ravel()


class ModelObjective:
    def __init__(self, spec):
        kind = spec["kind"]
        if kind == "dense":
            self.model = Dense(spec)
        elif kind == "example1":
            self.model = Example1()
        elif kind == "fixed-output-student":
            self.model = FixedOutputStudent(spec)
        m = int(spec["m"])
        self.x = np.asarray(spec["x"], dtype=np.float64).reshape(m, -1)
        self.model.y = np.asarray(spec["y"], dtype=np.float64).reshape(m, -1)
        self.loss = make_loss(spec["loss"])
        if spec["reduction"] not in ("mean", "sum"):
            raise ValueError(f"objective.reduction: expected mean or sum, got {spec['reduction']!r}")
        self.scale = 1.0 / m if spec["reduction"] == "mean" else 1.0
        self.size = self.model.size

    def __call__(self, theta):
        return self.model.value_and_grad(theta, self.x, self.loss, self.scale)


class Rastrigin:
    def __init__(self, spec):
        self.size = int(spec["dimension"])

    def __call__(self, x):
        s = np.sin(math.pi * x)
        c = np.cos(math.pi * x)
        return float(np.sum(x * x + 20.0 * s * s)), 2.0 * x + 40.0 * math.pi * s * c


class SafranShamir:
    def __init__(self, spec):
        self.k = int(spec["k"])
        self.n = int(spec.get("n", self.k))
        self.size = self.n * self.k
        self.teacher = self.k / 4.0 + self.k * (self.k - 1) / (4.0 * math.pi)

    def __call__(self, theta):
        n, k = self.n, self.k
        W = theta.reshape(n, k)
        sq = np.sum(W * W, axis=1)
        norms = np.sqrt(sq)
        value = self.teacher + 0.25 * float(np.sum(sq))
        grad = 0.5 * W.copy()
        live = norms > 0
        # Student pairs i < j (zero rows contribute nothing: the relu'(0) = 0 convention).
        N = np.outer(norms, norms)
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.clip(np.where(N > 0, (W @ W.T) / np.where(N > 0, N, 1.0), 0.0), -1.0, 1.0)
        s = np.sqrt(np.maximum(0.0, 1.0 - c * c))
        pmt = math.pi - np.arctan2(s, c)
        pair = np.triu(live[:, None] & live[None, :], 1)
        value += float(np.sum(np.where(pair, N * (s + pmt * c), 0.0))) * INV_TWO_PI
        both = pair | pair.T
        safe = np.where(live, norms, 1.0)
        own = np.where(both, norms[None, :] * s / safe[:, None], 0.0)  # own[i, j] = n_j s_ij / n_i
        grad += (own.sum(axis=1)[:, None] * W + np.where(both, pmt, 0.0) @ W) * INV_TWO_PI
        # Teacher cross terms -K(w_i, e_j): cos t = w_ij / ||w_i||.
        ct = np.clip(W / safe[:, None], -1.0, 1.0)
        st = np.sqrt(np.maximum(0.0, 1.0 - ct * ct))
        pt = math.pi - np.arctan2(st, ct)
        cross = np.sum(st + pt * ct, axis=1)
        value -= float(np.sum(np.where(live, norms * cross, 0.0))) * INV_TWO_PI
        grad -= np.where(live[:, None], pt * INV_TWO_PI + (st.sum(axis=1) / safe)[:, None] * INV_TWO_PI * W, 0.0)
        return (0.0 if value < 0 else value), grad.ravel()


def make_objective(spec):
    kind = spec.get("kind")
    if kind in ("dense", "example1", "fixed-output-student"):
        return ModelObjective(spec)
    if kind == "rastrigin":
        return Rastrigin(spec)
    if kind == "safran-shamir":
        return SafranShamir(spec)
    raise ValueError(f"objective.kind: expected dense, example1, fixed-output-student, rastrigin or safran-shamir, got {kind!r}")


# --- runs ----------------------------------------------------------------------------------------

class _Budget(Exception):
    pass


class _Reached(Exception):
    pass


def run_one(objective, x0, seed, tolerance, budget, mode):
    state = {"evaluations": 0, "best": math.inf, "first_hit": None, "hops": 0, "stop_at": None}

    def fun(theta):
        if state["evaluations"] >= budget:
            raise _Budget()
        state["evaluations"] += 1
        value, grad = objective(theta)
        if value < state["best"]:
            state["best"] = value
        if state["first_hit"] is None and value <= tolerance:
            state["first_hit"] = state["evaluations"]
        return value, grad

    def count_hop(**_):
        # Called once per Monte Carlo step on every scipy version; True leaves the verdict to
        # scipy's own Metropolis test, so the run is the same as without it.
        state["hops"] += 1
        return True

    def callback(x, f, accept):
        if f <= tolerance:
            state["stop_at"] = state["evaluations"]
            raise _Reached()

    kwargs = {"minimizer_kwargs": {"method": "L-BFGS-B", "jac": True}, "seed": seed, "accept_test": count_hop}
    if mode == "to-target":
        kwargs["niter"] = budget
        kwargs["callback"] = callback
    elif mode == "defaults":
        kwargs["niter"] = DEFAULT_NITER
    else:
        raise ValueError(f"modes: expected to-target or defaults, got {mode!r}")
    x0 = np.asarray(x0, dtype=np.float64)
    stop = "niter"
    started = time.perf_counter()
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            basinhopping(fun, x0, **kwargs)
    except _Reached:
        stop = "target"
    except _Budget:
        stop = "max-evaluations"
    wall_ms = (time.perf_counter() - started) * 1000.0
    best = state["best"]
    if mode == "to-target":
        success = stop == "target"
        evaluations = state["stop_at"] if success else state["evaluations"]
    else:
        success = best <= tolerance
        evaluations = state["evaluations"]
    return {
        "seed": seed,
        "mode": mode,
        "success": bool(success),
        "bestLoss": best if math.isfinite(best) else None,
        "evaluations": int(evaluations),
        "firstHitEvaluations": state["first_hit"],
        "hops": state["hops"],
        "stop": stop,
        "wallMs": wall_ms,
    }


def central_difference_check(objective, point, h):
    """max_t |g_t - (f(x + h e_t) - f(x - h e_t)) / 2h| / max(1, ||g||_inf)."""
    x = np.asarray(point, dtype=np.float64)
    _, g = objective(x)
    worst = 0.0
    for t in range(x.size):
        up, down = x.copy(), x.copy()
        up[t] += h
        down[t] -= h
        fd = (objective(up)[0] - objective(down)[0]) / (2.0 * h)
        worst = max(worst, abs(fd - g[t]))
    return worst / max(1.0, float(np.max(np.abs(g))))


def warm_up():
    """One tiny basinhopping call before any timed run: scipy loads parts of itself lazily on first
    use, a set-up cost that would otherwise land on the first timed run of each process."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        basinhopping(lambda x: (float(x @ x), 2.0 * x), np.ones(2), niter=2, minimizer_kwargs={"method": "L-BFGS-B", "jac": True}, seed=0)


def main():
    job = json.load(sys.stdin)
    if job.get("version") != FORMAT_VERSION:
        raise ValueError(f"version: expected {FORMAT_VERSION}, got {job.get('version')!r}")
    kind = job.get("kind", "run")
    out = {
        "version": FORMAT_VERSION,
        "kind": kind,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "tasks": [],
    }
    if kind == "run":
        warm_up()
    for task in job["tasks"]:
        objective = make_objective(task["objective"])
        entry = {"id": task["id"]}
        if kind == "run":
            tolerance = float(task["tolerance"])
            budget = int(task["maxEvaluations"])
            entry["runs"] = []
            for start in task["starts"]:
                if len(start["x0"]) != objective.size:
                    raise ValueError(f"tasks[{task['id']}].starts[seed {start['seed']}].x0: expected {objective.size} entries, got {len(start['x0'])}")
                for mode in job["modes"]:
                    entry["runs"].append(run_one(objective, start["x0"], int(start["seed"]), tolerance, budget, mode))
        elif kind == "evaluate":
            values, grads = [], []
            for p in task["points"]:
                v, g = objective(np.asarray(p, dtype=np.float64))
                values.append(float(v))
                grads.append([float(t) for t in g])
            entry["values"] = values
            entry["gradients"] = grads
            h = float(job.get("step", 1e-6))
            entry["gradientCheck"] = [central_difference_check(objective, p, h) for p in task["points"]]
        else:
            raise ValueError(f"kind: expected run or evaluate, got {kind!r}")
        out["tasks"].append(entry)
    json.dump(out, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
