"""Golden files for TestPyTorchImport: a network trained in PyTorch, saved the two ways Chainrule imports.

Run from this folder with Debian's python3-torch and python3-numpy (the safetensors package is not
installable here, so save_file's layout is written with the standard library, byte for byte as
safetensors.torch.save_file writes it):

    /usr/bin/python3 make_pytorch_import.py

Writes:
  sequential.safetensors  the state_dict of nn.Sequential(Linear(4,16), ReLU(), Linear(16,8), Tanh(),
                          Linear(8,3), Softmax(dim=1)) trained on a synthetic 3-class problem
  sequential.npz          the same state_dict through numpy.savez (no pickle)
  sequential.json         64 input rows and the model's outputs for them, every float32 as a decimal
                          that reads back to the same float32
  pickled.npz             an archive holding a pickled Python object, which the importer must refuse
"""
import json
import struct

import numpy as np
import torch

torch.manual_seed(20261207)
net = torch.nn.Sequential(
    torch.nn.Linear(4, 16), torch.nn.ReLU(),
    torch.nn.Linear(16, 8), torch.nn.Tanh(),
    torch.nn.Linear(8, 3), torch.nn.Softmax(dim=1))

# a synthetic 3-class problem: the class is the largest of three fixed linear scores
x = torch.randn(512, 4)
y = (x @ torch.randn(4, 3)).argmax(dim=1)
opt = torch.optim.Adam(net.parameters(), lr=0.01)
for step in range(300):
    opt.zero_grad()
    loss = torch.nn.functional.nll_loss(torch.log(net(x)), y)
    loss.backward()
    opt.step()
print(f"trained: loss {loss.item():.4f}")

state = {k: v.detach().contiguous() for k, v in net.state_dict().items()}


def save_file(tensors, path):
    """safetensors.torch.save_file's layout: 8-byte little-endian header length, the JSON header
    (tensors sorted by dtype alignment then name, compact separators, __metadata__ omitted when
    empty, space-padded to a multiple of 8), then the data in the same order."""
    names = sorted(tensors)  # all F32: one alignment, so name order
    header, offset, blobs = {}, 0, []
    for name in names:
        data = tensors[name].numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


save_file(state, "sequential.safetensors")
np.savez("sequential.npz", **{k: v.numpy() for k, v in state.items()})

inputs = torch.randn(64, 4)
with torch.no_grad():
    outputs = net(inputs)
with open("sequential.json", "w") as f:
    json.dump({"layers": "4,16:relu,8:tanh,3:softmax",
               "torch": torch.__version__,
               "inputs": [[float(v) for v in row] for row in inputs.numpy()],
               "outputs": [[float(v) for v in row] for row in outputs.numpy()]}, f)
    f.write("\n")

np.savez("pickled.npz", **{"0.weight": np.array([{"a": 1}], dtype=object)})
print("wrote sequential.safetensors, sequential.npz, sequential.json, pickled.npz")
