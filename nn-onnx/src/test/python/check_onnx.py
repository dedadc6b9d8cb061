"""Checks ONNX files with the ONNX project's own checker (python3-onnx), full check with shape inference.

Usage: python3 check_onnx.py FILE...   Prints one line per file; exits 1 on the first file that fails.
Used by TestOnnxChecker; exits 3 when the onnx package is missing so the test can skip with that reason.
"""
import sys

try:
    import onnx
    import onnx.checker
    import onnx.shape_inference
except ImportError as e:  # the test skips, naming this
    print(f"the Python package onnx is not installed ({e})")
    sys.exit(3)

for path in sys.argv[1:]:
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    inferred = onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    out = inferred.graph.output[0].type.tensor_type.shape.dim
    shape = [d.dim_param or d.dim_value for d in out]
    opset = [o.version for o in model.opset_import if o.domain == ""][0]
    print(f"ok {path}: ir {model.ir_version}, opset {opset}, output {shape}, onnx {onnx.__version__}")
