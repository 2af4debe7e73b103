"""Expected losses and gradients of optimlib.TwoLayerNet, computed by PyTorch.

Run with Debian's python3-torch:  /usr/bin/python3 mlp_torch.py > mlp_torch.json
The network is torch.nn.Sequential(Linear(d, H), activation, Linear(H, 1)) with
BCEWithLogitsLoss (mean), in float64; its parameters are packed as optimlib packs
them: W1 row by row, b1, w2, b2. Autograd gives the gradient."""
import json
import math

import torch

torch.set_default_dtype(torch.float64)


def case(name, act, x, y, hidden, w):
    d = len(x[0])
    net = torch.nn.Sequential(torch.nn.Linear(d, hidden), act(), torch.nn.Linear(hidden, 1))
    with torch.no_grad():
        k = 0
        net[0].weight.copy_(torch.tensor(w[k:k + hidden * d]).reshape(hidden, d)); k += hidden * d
        net[0].bias.copy_(torch.tensor(w[k:k + hidden])); k += hidden
        net[2].weight.copy_(torch.tensor(w[k:k + hidden]).reshape(1, hidden)); k += hidden
        net[2].bias.copy_(torch.tensor(w[k:k + 1]))
    X, Y = torch.tensor(x), torch.tensor(y)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(net(X).squeeze(1), Y)
    loss.backward()
    grad = torch.cat([net[0].weight.grad.reshape(-1), net[0].bias.grad,
                      net[2].weight.grad.reshape(-1), net[2].bias.grad]).tolist()
    return {"name": name, "x": x, "labels": y, "hidden": hidden, "w": w,
            "loss": loss.item(), "grad": grad,
            "logits": net(X).squeeze(1).tolist()}


# Fixed inputs, labels and weights (no random numbers: the fixture is exact).
x = [[0.3, -1.2], [1.5, 0.4], [-0.7, 0.9], [2.0, -0.5], [-1.1, -1.3]]
y = [1.0, 0.0, 1.0, 0.0, 1.0]
w3 = [0.8, -0.4, 1.3, 0.2, -0.9, 1.1, 0.05, -0.3, 0.6, 1.2, -0.7, 0.45, 0.1]
big = [4 * v for v in w3]  # large weights: saturated tanh and sigmoid units
cases = [
    case("tanh", torch.nn.Tanh, x, y, 3, w3),
    case("sigmoid", torch.nn.Sigmoid, x, y, 3, w3),
    case("relu", torch.nn.ReLU, x, y, 3, w3),
    case("tanh, large weights", torch.nn.Tanh, x, y, 3, big),
    case("sigmoid, large weights", torch.nn.Sigmoid, x, y, 3, big),
]
print(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1))
