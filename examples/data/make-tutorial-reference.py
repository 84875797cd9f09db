# Computes the tutorial's reference numbers once, with Debian's python3-numpy:
#   /usr/bin/python3 examples/data/make-tutorial-reference.py > examples/data/tutorial.json
# It runs the tutorial's own code (../shared/seed/gradient-descent-backprop-tutorial.txt) unchanged in
# its arithmetic. Tests read the JSON; neither tests nor the build run Python.
import json
import numpy as np

np.random.seed(10)
wij = np.random.rand(3, 4)
wjk = np.random.rand(4, 1)
initial = {"wij": wij.tolist(), "wjk": wjk.tolist()}

def sigmoid(x, w):
    z = np.dot(x, w)
    return 1 / (1 + np.exp(-z))

def sigmoid_derivative(x, w):
    return sigmoid(x, w) * (1 - sigmoid(x, w))

X = np.array([[0, 0, 1], [1, 1, 1], [1, 0, 1], [0, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T
first_gradients = None
for i in range(10000):
    Xi = X
    Xj = sigmoid(Xi, wij)
    yhat = sigmoid(Xj, wjk)
    g_wjk = np.dot(Xj.T, (y - yhat) * sigmoid_derivative(Xj, wjk))
    g_wij = np.dot(Xi.T, np.dot((y - yhat) * sigmoid_derivative(Xj, wjk), wjk.T) * sigmoid_derivative(Xi, wij))
    if first_gradients is None:
        # The tutorial's g is the descent direction, -dL/dw for L = 1/2 sum (y - yhat)^2.
        first_gradients = {"g_wij": g_wij.tolist(), "g_wjk": g_wjk.tolist()}
    wij += g_wij
    wjk += g_wjk

# The tutorial prints yhat from its last iteration, computed before that iteration's update;
# a prediction after training uses the final weights.
final_prediction = sigmoid(sigmoid(X, wij), wjk)
print(json.dumps({
    "source": "numpy " + np.__version__ + ", np.random.seed(10); rand(3,4); rand(4,1); 10000 updates, learning rate 1",
    "X": X.tolist(), "y": y.ravel().tolist(),
    "initialWij": initial["wij"], "initialWjk": initial["wjk"],
    "initialGWij": first_gradients["g_wij"], "initialGWjk": first_gradients["g_wjk"],
    "finalWij": wij.tolist(), "finalWjk": wjk.tolist(),
    "tutorialPrintedYhat": yhat.ravel().tolist(),
    "predictionAfterTraining": final_prediction.ravel().tolist(),
}, indent=2))
