#!/usr/bin/env python3
"""Reads a safetensors file with the Python standard library alone and prints it as JSON.

Usage: read_safetensors.py FILE

The output is {"metadata": {...}, "tensors": {name: {"shape": [...], "values": [...]}}}, values in
row-major order. It checks what Hugging Face's reader checks (header length, JSON object, dtype,
offsets tiling the data section) plus Chainrule's SHA-256 of the data, and exits 1 with one line on
stderr if anything is wrong. TestPythonInterop runs it on files the engine writes; it is also a
template for reading Chainrule models from Python without installing anything.
"""
import hashlib
import json
import struct
import sys


def read(path):
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError("truncated: no 8-byte header length")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > len(blob) - 8:
        raise ValueError(f"header length {n} exceeds the file")
    header = json.loads(blob[8 : 8 + n].decode("utf-8"))
    if not isinstance(header, dict):
        raise ValueError("header is not a JSON object")
    data = blob[8 + n :]
    metadata = header.pop("__metadata__", {})
    tensors = {}
    end = 0
    for name, entry in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        if entry["dtype"] != "F32":
            raise ValueError(f"{name}: dtype {entry['dtype']} is not F32")
        begin, stop = entry["data_offsets"]
        if begin != end:
            raise ValueError(f"{name}: offsets do not tile the data section")
        count = 1
        for d in entry["shape"]:
            count *= d
        if stop - begin != 4 * count:
            raise ValueError(f"{name}: shape {entry['shape']} does not match its byte range")
        tensors[name] = {
            "shape": entry["shape"],
            "values": list(struct.unpack(f"<{count}f", data[begin:stop])),
        }
        end = stop
    if end != len(data):
        raise ValueError("the tensors do not cover the data section")
    digest = hashlib.sha256(data).hexdigest()
    if metadata.get("sha256") != digest:
        raise ValueError(f"checksum: expected {metadata.get('sha256')}, found {digest}")
    return {"metadata": metadata, "tensors": tensors}


if __name__ == "__main__":
    try:
        print(json.dumps(read(sys.argv[1])))
    except (OSError, ValueError, KeyError, TypeError, struct.error) as e:
        print(f"{sys.argv[1]}: {e}", file=sys.stderr)
        sys.exit(1)
