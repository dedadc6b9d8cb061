#!/usr/bin/env python3
"""Writes golden-v1.0.safetensors and golden-v1.1.safetensors, Chainrule model files of formats 1.0
and 1.1, with the standard library alone, and golden-v1.0.json: their parameters, a few inputs, and
the outputs computed here in double precision. TestGoldenModel loads the files with every later
version of the engine and checks both.

Format 1.1 adds "header_sha256" to __metadata__: the SHA-256 of the header's bytes as written
(padding included) with that key's own 64 hex digits read as "0"s.

The files are written once and committed; rerunning this script must give the same bytes.
"""
import hashlib
import json
import math
import struct

# 3 inputs -> 4 tanh -> 2 softmax, cross-entropy. W(l) is [inputs, outputs] as in the seeds.
W1 = [[0.5, -0.25, 0.125, 1.0], [-0.75, 0.375, 0.0625, -0.5], [0.25, 0.5, -1.0, 0.75]]
B1 = [0.1, -0.2, 0.0, 0.3]
W2 = [[1.0, -1.0], [0.5, 0.25], [-0.75, 0.5], [0.125, -0.375]]
B2 = [0.05, -0.05]
SPEC = {
    "inputs": 3,
    "layers": [
        {"units": 4, "activation": "tanh", "weight_init": "xavier", "bias_init": "zero"},
        {"units": 2, "activation": "softmax", "weight_init": "xavier", "bias_init": "zero"},
    ],
    "loss": "cross_entropy",
}
INPUTS = [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.5, 0.25, 2.0]]


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def forward(x):
    z1 = [sum(x[i] * f32(W1[i][j]) for i in range(3)) + f32(B1[j]) for j in range(4)]
    a1 = [math.tanh(z) for z in z1]
    z2 = [sum(a1[i] * f32(W2[i][j]) for i in range(4)) + f32(B2[j]) for j in range(2)]
    m = max(z2)
    e = [math.exp(z - m) for z in z2]
    return [v / sum(e) for v in e]


def flat(m):
    return [v for row in m for v in row] if isinstance(m[0], list) else list(m)


tensors = [
    ("layers.1.weight", [3, 4], flat(W1)),
    ("layers.1.bias", [4], B1),
    ("layers.2.weight", [4, 2], flat(W2)),
    ("layers.2.bias", [2], B2),
]
data = b""
header = {}
for name, shape, values in tensors:
    raw = struct.pack(f"<{len(values)}f", *values)
    header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
    data += raw


def write(path, version):
    header["__metadata__"] = {
        "format": "chainrule",
        "format_version": version,
        "kind": "model",
        "chainrule_version": "0.1.0-SNAPSHOT",
        "spec": json.dumps(SPEC, separators=(",", ":")),
        "seed": "2026",
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    if version != "1.0":
        header["__metadata__"]["header_sha256"] = "0" * 64
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-(8 + len(text)) % 8)
    if version != "1.0":
        key = b'"header_sha256":"'
        at = text.index(key) + len(key)
        text = text[:at] + hashlib.sha256(text).hexdigest().encode("ascii") + text[at + 64 :]
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


write("golden-v1.0.safetensors", "1.0")
write("golden-v1.1.safetensors", "1.1")
with open("golden-v1.0.json", "w") as f:
    json.dump(
        {
            "parameters": {name: values for name, _, values in tensors},
            "inputs": INPUTS,
            "outputs": [forward(x) for x in INPUTS],
        },
        f,
        indent=1,
    )
    f.write("\n")
