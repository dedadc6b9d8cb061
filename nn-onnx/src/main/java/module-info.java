/**
 * ONNX export: {@link org.chainrule.onnx.OnnxExporter} writes a Chainrule model as an ONNX graph
 * (opset 17) for ONNX Runtime and other servers. Installing this module is what makes
 * {@code Model.exportOnnx} and {@code nn export --format onnx} work; the engine finds it as a
 * {@link org.chainrule.engine.ModelExporter} service.
 */
module org.chainrule.onnx {
    requires org.chainrule.engine;
    requires com.google.protobuf;

    exports org.chainrule.onnx;

    // The classes protoc generates from the ONNX schema; protobuf's runtime reads their fields reflectively.
    opens onnx to
            com.google.protobuf;

    provides org.chainrule.engine.ModelExporter with
            org.chainrule.onnx.OnnxExporter;
}
