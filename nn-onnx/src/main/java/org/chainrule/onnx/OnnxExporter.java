package org.chainrule.onnx;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.chainrule.api.Activation;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.api.ModelFileException;
import org.chainrule.api.OnnxForm;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.InputScaling;
import org.chainrule.engine.Model;
import org.chainrule.engine.ModelExporter;

/**
 * Writes a {@link Model} as an ONNX model: IR version {@value #IR_VERSION}, opset
 * {@value OnnxForm#OPSET} of the default domain, one graph.
 *
 * <p>The graph reads {@value #INPUT}, float [batch, inputs] with a dynamic batch, and writes
 * {@value #OUTPUT}, float [batch, outputs], equal to {@link Model#predict(Matrix)}:
 *
 * <ol>
 *   <li>the saved input scaling, {@code (x − input.mean) · input.scale}, as {@code Sub} and {@code Mul};
 *   <li>per layer l, {@code Gemm(A(l−1), layers.l.weight, layers.l.bias)} (W(l) stored inputs × outputs,
 *       as in the model file) and the activation's {@link OnnxForm}, its local names prefixed with
 *       {@code layers.l.};
 *   <li>for a regression model with target scaling, {@code y / target.scale + target.mean}.
 * </ol>
 *
 * <p>The model's metadata holds {@code task}, {@code targets} (the output names as a JSON array),
 * {@code network} (the network as {@code nn} prints it) and {@code seed}; the producer is Chainrule
 * and its version. The same model gives the same bytes on every run.
 */
public final class OnnxExporter implements ModelExporter {
    /** The ONNX IR version written: 8, the one that goes with opset 17. */
    public static final int IR_VERSION = 8;

    /** The graph's input: float [batch, inputs], raw features. */
    public static final String INPUT = "input";

    /** The graph's output: float [batch, outputs], what {@link Model#predict(Matrix)} returns. */
    public static final String OUTPUT = "output";

    private static final long MAX_BYTES = (2L << 30) - (64L << 20); // protobuf's 2 GB, less room for the graph

    /** For {@link java.util.ServiceLoader}; stateless. */
    public OnnxExporter() {}

    @Override
    public String format() {
        return "onnx";
    }

    @Override
    public void export(Model model, Path file) {
        write(toBytes(model), file);
    }

    /**
     * @return the ONNX model's serialized bytes
     * @throws ConfigException naming the layer and the activation if one has no ONNX form, or if the
     *     parameters exceed what one ONNX file holds
     */
    public static byte[] toBytes(Model model) {
        return build(model).toByteArray();
    }

    static ModelProto build(Model model) {
        long bytes = 0;
        int depth = model.spec().layers().size();
        for (int l = 1; l <= depth; l++) {
            bytes += 4L * (model.weights(l).data().length + model.biases(l).data().length);
        }
        if (bytes > MAX_BYTES) {
            throw new ConfigException("ONNX export: expected parameters under " + MAX_BYTES
                    + " bytes (one ONNX file without external data), found " + bytes);
        }
        Graph g = new Graph();
        String a = INPUT;
        if (model.inputScaling().isPresent()) {
            InputScaling s = model.inputScaling().get();
            a = g.node("Sub", "input.centred", List.of(a, g.vector("input.mean", s.mean())));
            a = g.node("Mul", "input.scaled", List.of(a, g.vector("input.scale", s.scale())));
        }
        InputScaling targets = model.targets().scaling();
        for (int l = 1; l <= depth; l++) {
            String p = "layers." + l + ".";
            Matrix w = model.weights(l);
            String wName = g.tensor(p + "weight", new long[] {w.rows(), w.cols()}, w.data());
            String bName = g.vector(p + "bias", model.biases(l).data());
            String z = g.node("Gemm", p + "z", List.of(a, wName, bName));
            boolean last = l == depth;
            a = g.form(form(model, l), z, p, last && targets == null ? OUTPUT : p + "a");
        }
        if (targets != null) {
            a = g.node("Div", "target.unscaled", List.of(a, g.vector("target.scale", targets.scale())));
            g.node("Add", OUTPUT, List.of(a, g.vector("target.mean", targets.mean())));
        }
        GraphProto graph = g.graph
                .setName("chainrule")
                .setDocString(model.toString())
                .addInput(value(INPUT, model.inputs()))
                .addOutput(value(OUTPUT, model.outputs()))
                .build();
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxForm.OPSET))
                .setProducerName("Chainrule")
                .setProducerVersion(Chainrule.version())
                .setDocString("A Chainrule network: " + model)
                .addMetadataProps(entry("task", model.task().id()))
                .addMetadataProps(
                        entry("targets", String.join(",", model.targets().names())))
                .addMetadataProps(entry("network", model.toString()))
                .addMetadataProps(entry("seed", Long.toString(model.seed())))
                .setGraph(graph)
                .build();
    }

    private static OnnxForm form(Model model, int l) {
        Activation f = model.activation(l);
        String name = model.spec().layers().get(l - 1).activation().name();
        return f.onnx()
                .orElseThrow(() -> new ConfigException("ONNX export: layer " + l + " activation '" + name
                        + "': expected an ONNX form (Activation.onnx()), found none; its plugin cannot be exported"));
    }

    /** A graph being built: nodes named after their outputs, initializers after their tensors. */
    private static final class Graph {
        final GraphProto.Builder graph = GraphProto.newBuilder();

        String node(String op, String output, List<String> inputs) {
            graph.addNode(NodeProto.newBuilder()
                    .setOpType(op)
                    .setName(output)
                    .addAllInput(inputs)
                    .addOutput(output));
            return output;
        }

        /** Adds a form's nodes reading {@code z}; its output becomes {@code a}, its other names get {@code prefix}. */
        String form(OnnxForm form, String z, String prefix, String a) {
            Map<String, String> names = new HashMap<>();
            names.put(OnnxForm.INPUT, z);
            names.put(OnnxForm.OUTPUT, a);
            for (OnnxForm.Node n : form.nodes()) {
                String out = names.computeIfAbsent(n.output(), local -> prefix + local);
                NodeProto.Builder node =
                        NodeProto.newBuilder().setOpType(n.op()).setName(out).addOutput(out);
                for (String in : n.inputs()) {
                    node.addInput(names.get(in));
                }
                for (Map.Entry<String, Number> at : n.attributes().entrySet()) {
                    node.addAttribute(attribute(at.getKey(), at.getValue()));
                }
                graph.addNode(node);
            }
            return a;
        }

        String vector(String name, float[] values) {
            return tensor(name, new long[] {values.length}, values);
        }

        String tensor(String name, long[] dims, float[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            TensorProto.Builder t =
                    TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
            for (long d : dims) {
                t.addDims(d);
            }
            graph.addInitializer(t.setRawData(ByteString.copyFrom(b.array())));
            return name;
        }
    }

    private static AttributeProto attribute(String name, Number v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (v instanceof Integer || v instanceof Long) {
            return a.setType(AttributeProto.AttributeType.INT)
                    .setI(v.longValue())
                    .build();
        }
        return a.setType(AttributeProto.AttributeType.FLOAT)
                .setF(v.floatValue())
                .build();
    }

    private static ValueInfoProto value(String name, int columns) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(columns))
                .build();
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT_VALUE)
                                .setShape(shape)))
                .build();
    }

    /** @return the names as a JSON array of strings: names may hold commas */
    static String jsonArray(List<String> names) {
        StringBuilder s = new StringBuilder("[");
        for (String n : names) {
            s.append(s.length() == 1 ? "\"" : ",\"");
            for (char c : n.toCharArray()) {
                if (c == '"' || c == '\\') {
                    s.append('\\').append(c);
                } else if (c < 0x20) {
                    s.append(String.format("\\u%04x", (int) c));
                } else {
                    s.append(c);
                }
            }
            s.append('"');
        }
        return s.append(']').toString();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** Writes beside the target, forces it to disk and renames it over the target: never a partial file. */
    static void write(byte[] bytes, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ModelFileException("ONNX file " + file + ": the folder " + dir + " does not exist");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    out.write(b);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new ModelFileException("ONNX file " + file + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write error matters more
                }
            }
        }
    }
}
