package org.chainrule.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.data.Inputs;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.InputScaling;
import org.chainrule.engine.Model;
import org.chainrule.engine.Network;
import org.chainrule.engine.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn explain}: a sample's or a batch's forward pass and back-propagation, layer by layer, as docs/math.md
 * writes them: Z, A (a row per sample), then ∂J/∂A, ∂J/∂Z, ∂J/∂W, ∂J/∂b from the output down, J the batch's mean
 * loss.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "explain",
        description = "Show a sample's or a batch's forward and backward pass layer by layer: Z, A, dJ/dA, dJ/dZ,"
                + " dJ/dW, dJ/db (J the batch's mean loss).",
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  nn explain --model nn-out/model.safetensors --sample 0        # the first digit of the shipped set",
            "  nn explain --model nn-out/model.safetensors --sample 0..3     # a batch of four: J is their mean loss",
            "  nn explain --spec net.yaml --weights w.json --input 1,2 --target 3   # a hand-worked exercise",
            "  nn explain --spec net.yaml --weights w.json --input 1,2 --input 0,1 --target 3 --target 1   # two rows",
            "",
            "A weights file is JSON: {\"layers\": [{\"weight\": [[...], ...], \"bias\": [...]}, ...]} with W(l) as",
            "inputs x outputs rows. The spec file needs network.inputs and every layer's units."
        })
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "A model file (or checkpoint) to explain.")
    Path model;

    @Option(names = "--spec", paramLabel = "FILE", description = "A spec file with the network (with --weights).")
    Path specFile;

    @Option(names = "--weights", paramLabel = "FILE", description = "The parameters as JSON, for --spec.")
    Path weights;

    @Option(
            names = "--sample",
            paramLabel = "I[,J|A..B]",
            split = ",",
            description = "Indexes (from 0) of the samples in the data's training source: one, a list, or a range"
                    + " A..B (both included); several make a batch.")
    List<String> sample;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(
            names = "--input",
            paramLabel = "X1,X2,...",
            split = ",",
            description = "A sample's raw features; repeat it (or give a multiple of the inputs) for a batch.")
    float[] input;

    @Option(
            names = "--target",
            paramLabel = "Y1,...",
            split = ",",
            description = "A sample's target row; one per --input row.")
    float[] target;

    @Option(
            names = "--layout",
            paramLabel = "chainrule|folded-bias",
            defaultValue = "chainrule",
            description = "chainrule: W(l) inputs × outputs and b(l) apart (default); folded-bias: also the"
                    + " course-notes layout, each layer's parameters as one matrix with a row per unit and the bias as column 0"
                    + " (α and β for a one-output, two-layer network), with their gradients.")
    String layout;

    @Option(names = "--json", description = "Print the trace as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Chainrule chainrule = Main.chainrule();
        Network net;
        InputScaling scaling = null;
        if (model != null) {
            net = chainrule.loadNetwork(model);
            scaling = chainrule.load(model).inputScaling().orElse(null);
        } else if (specFile != null && weights != null) {
            NetworkSpec ns = RunSpec.read(specFile).standaloneNetwork("spec file " + specFile);
            net = chainrule.network(ns, 0);
            setWeights(net, weights);
        } else {
            throw new ConfigException("explain: expected --model FILE, or --spec FILE with --weights FILE");
        }
        Matrix x;
        Matrix y;
        String what;
        if (sample != null) {
            if (input != null || target != null) {
                throw new ConfigException("explain: give --sample or --input/--target, not both");
            }
            RunSpec.DataSection section = data.withDefaults().unsplit();
            Model m = model != null ? chainrule.load(model) : chainrule.model(net);
            RunData.Part all = RunData.forModel(section, m, 0).train();
            int[] rows = indexes(sample, all.size(), all.source());
            org.chainrule.engine.Dataset picked =
                    new org.chainrule.engine.Dataset(all.x(), all.y()).rows(rows, 0, rows.length);
            x = picked.x();
            Matrix truth = picked.y();
            y = m.targets().scaling() != null
                    ? m.targets().scaling().apply(truth) // the targets as the network was trained on them
                    : truth;
            what = (rows.length == 1 ? "sample " : "samples ") + String.join(",", sample) + " of " + all.source()
                    + (all.labels() != null
                            ? (rows.length == 1 ? " (class " : " (classes ") + classes(all.labels(), rows) + ")"
                            : (rows.length == 1 ? " (target " : " (targets ") + format(truth) + ")");
        } else {
            if (input == null || target == null) {
                throw new ConfigException("explain: expected --sample I, or --input and --target");
            }
            if (input.length == 0 || input.length % net.inputs() != 0) {
                throw new ConfigException("--input: expected " + net.inputs()
                        + " values per sample (the network's inputs), found " + input.length);
            }
            int n = input.length / net.inputs();
            if (target.length != n * net.outputs()) {
                throw new ConfigException("--target: expected " + net.outputs() + " values per sample (the network's"
                        + " outputs) for " + n + (n == 1 ? " sample" : " samples") + ", found " + target.length);
            }
            x = Matrix.wrap(n, net.inputs(), input.clone());
            y = Matrix.wrap(n, net.outputs(), target.clone());
            what = n == 1 ? "the given sample" : "the given " + n + " samples";
        }
        Matrix raw = x;
        if (scaling != null) {
            x = scaling.apply(x);
        }
        Trace t = net.trace(x, y);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJson(net, raw, t)));
            return 0;
        }
        out.printf("network %s%n", net);
        out.printf(
                "%s: x = %s%s, y = %s%n",
                what, format(raw), scaling == null ? "" : " (scaled: " + format(x) + ")", format(y));
        out.printf("%nforward: Z(l) = A(l-1)·W(l) + b(l), A(l) = f(Z(l)), A(0) = x%n");
        for (Trace.Layer l : t.layers()) {
            out.printf("  layer %d, %s%n", l.layer(), l.activation());
            out.printf("    Z(%d) = %s%n", l.layer(), format(l.z()));
            out.printf("    A(%d) = %s%n", l.layer(), format(l.a()));
        }
        out.printf("  loss J = %s%n", number(t.loss()));
        out.printf(
                "%nbackward, from the output down%s%n",
                t.jointOutputDerivative()
                        ? " (the output layer uses the joint derivative dJ/dZ(L) = (A(L) - Y)/n)"
                        : "");
        for (int i = t.layers().size() - 1; i >= 0; i--) {
            Trace.Layer l = t.layers().get(i);
            int n = l.layer();
            out.printf("  layer %d%n", n);
            out.printf(
                    "    dJ/dA(%d) = %s%s%n",
                    n,
                    format(l.dA()),
                    i == t.layers().size() - 1
                            ? "   (from the loss)"
                            : "   = dJ/dZ(" + (n + 1) + ")·W(" + (n + 1) + ")ᵀ");
            out.printf("    dJ/dZ(%d) = %s%n", n, format(l.dZ()));
            out.printf("    dJ/dW(%d) = %s   = A(%d)ᵀ·dJ/dZ(%d)%n", n, format(l.dW()), n - 1, n);
            out.printf("    dJ/db(%d) = %s%n", n, format(l.db()));
        }
        if (layout.equals("folded-bias")) {
            boolean seeds = net.depth() == 2 && net.outputs() == 1; // the seeds' α (hidden) and β (output)
            String of = x.rows() == 1 ? "dℓ/d" : "dJ/d"; // one sample's loss ℓ, or the batch's mean J
            out.printf(
                    "%nfolded bias: one row per unit, column 0 the bias (x0 = 1), column i the weight from input i%n");
            for (Trace.Layer l : t.layers()) {
                int n = l.layer();
                String name = seeds ? (n == 1 ? "α" : "β") : "Θ(" + n + ")";
                out.printf("  %s = %s%n", name, format(folded(net.weights(n), net.biases(n))));
                out.printf("  %s%s = %s%n", of, name, format(folded(l.dW(), l.db())));
            }
        } else if (!layout.equals("chainrule")) {
            throw new ConfigException("--layout: expected chainrule or folded-bias, found " + Inputs.quote(layout));
        }
        return 0;
    }

    /**
     * @return the sample indexes {@code tokens} name ("3", "0..4" with both ends), each checked against {@code size}
     */
    static int[] indexes(List<String> tokens, int size, String source) {
        java.util.ArrayList<Integer> rows = new java.util.ArrayList<>();
        for (String token : tokens) {
            String t = token.strip();
            int dots = t.indexOf("..");
            try {
                int from = Integer.parseInt(dots < 0 ? t : t.substring(0, dots).strip());
                int to =
                        dots < 0 ? from : Integer.parseInt(t.substring(dots + 2).strip());
                if (to < from) {
                    throw new ConfigException("--sample: expected a range A..B with A ≤ B, found " + Inputs.quote(t));
                }
                for (int i = from; i <= to; i++) {
                    if (i < 0 || i >= size) {
                        throw new ConfigException(
                                "--sample: expected 0.." + (size - 1) + " (" + source + "), found " + i);
                    }
                    rows.add(i);
                }
            } catch (NumberFormatException e) {
                throw new ConfigException("--sample: expected an index or a range A..B, found " + Inputs.quote(t), e);
            }
        }
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i);
        }
        return out;
    }

    private static String classes(int[] labels, int[] rows) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < rows.length; i++) {
            s.append(i == 0 ? "" : ", ").append(labels[rows[i]]);
        }
        return s.toString();
    }

    /** @return [b | Wᵀ]: a row per unit j, column 0 its bias, column i + 1 its weight from input i */
    static Matrix folded(Matrix w, Matrix b) {
        Matrix f = new Matrix(w.cols(), w.rows() + 1);
        for (int j = 0; j < w.cols(); j++) {
            f.set(j, 0, b.get(0, j));
            for (int i = 0; i < w.rows(); i++) {
                f.set(j, i + 1, w.get(i, j));
            }
        }
        return f;
    }

    private static void setWeights(Network net, Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Inputs.readUtf8(file, m -> new ConfigException("weights file " + m)));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ConfigException(
                    "weights file " + file + ": not well-formed JSON ("
                            + Main.plain(
                                    e.getOriginalMessage().lines().findFirst().orElse("")) + ")",
                    e);
        }
        JsonNode layers = root.path("layers");
        if (!layers.isArray() || layers.size() != net.depth()) {
            throw new ConfigException("weights file " + file + ": expected \"layers\" with " + net.depth()
                    + " entries, found " + (layers.isArray() ? layers.size() : "none"));
        }
        for (int l = 1; l <= net.depth(); l++) {
            Matrix w = net.weights(l);
            net.setWeights(
                    l, matrix(layers.get(l - 1).path("weight"), w.rows(), w.cols(), file, "layers[" + l + "].weight"));
            net.setBiases(l, matrix(layers.get(l - 1).path("bias"), 1, w.cols(), file, "layers[" + l + "].bias"));
        }
    }

    private static Matrix matrix(JsonNode n, int rows, int cols, Path file, String where) {
        Matrix m = new Matrix(rows, cols);
        boolean vector =
                rows == 1 && n.isArray() && n.size() == cols && !n.path(0).isArray();
        if (!vector && (!n.isArray() || n.size() != rows)) {
            throw new ConfigException("weights file " + file + " " + where + ": expected " + rows + " × " + cols
                    + " numbers, found " + n);
        }
        for (int r = 0; r < rows; r++) {
            JsonNode row = vector ? n : n.get(r);
            if (!row.isArray() || row.size() != cols) {
                throw new ConfigException("weights file " + file + " " + where + " row " + (r + 1) + ": expected "
                        + cols + " numbers, found " + row);
            }
            for (int c = 0; c < cols; c++) {
                if (!row.get(c).isNumber()) {
                    throw new ConfigException("weights file " + file + " " + where + " row " + (r + 1)
                            + ": expected numbers, found " + row.get(c));
                }
                m.set(r, c, row.get(c).floatValue());
            }
        }
        return m;
    }

    /** @return {@code [a, b]} for one row, {@code [[a, b], [c, d]]} for several */
    static String format(Matrix m) {
        StringBuilder s = new StringBuilder();
        if (m.rows() > 1) {
            s.append('[');
        }
        for (int r = 0; r < m.rows(); r++) {
            s.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < m.cols(); c++) {
                s.append(c == 0 ? "" : ", ").append(number(m.get(r, c)));
            }
            s.append(']');
        }
        return m.rows() > 1 ? s.append(']').toString() : s.toString();
    }

    /** @return whole numbers without a fraction, others with six significant digits */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static ObjectNode toJson(Network net, Matrix raw, Trace t) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("network", net.toString());
        o.set("x", array(raw));
        o.set("x_scaled", array(t.x()));
        o.set("y", array(t.y()));
        o.put("loss", t.loss());
        o.put("joint_output_derivative", t.jointOutputDerivative());
        ArrayNode layers = o.putArray("layers");
        for (Trace.Layer l : t.layers()) {
            ObjectNode n = layers.addObject();
            n.put("layer", l.layer());
            n.put("activation", l.activation());
            n.set("Z", array(l.z()));
            n.set("A", array(l.a()));
            n.set("dA", array(l.dA()));
            n.set("dZ", array(l.dZ()));
            n.set("dW", array(l.dW()));
            n.set("db", array(l.db()));
        }
        return o;
    }

    private static ArrayNode array(Matrix matrix) {
        ArrayNode rows = new ObjectMapper().createArrayNode();
        for (int r = 0; r < matrix.rows(); r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < matrix.cols(); c++) {
                row.add(matrix.get(r, c));
            }
        }
        return rows;
    }
}
