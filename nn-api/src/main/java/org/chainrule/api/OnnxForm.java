package org.chainrule.api;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An activation written as ONNX operators, so that a model using it can be exported
 * ({@link Activation#onnx()}). The nodes are operators of the default {@code ai.onnx} domain at
 * opset {@value #OPSET}; they read the float tensor named {@value #INPUT} (batch × units) and the
 * last node writes {@value #OUTPUT}, of the same shape. Every other name is local to the form: the
 * exporter gives each layer its own copy. Scalar constants come from {@link Node#constant}.
 *
 * <pre>{@code
 * // mish: y = x · tanh(softplus(x))
 * OnnxForm.of(
 *         Node.of("Softplus", "s", "x"),
 *         Node.of("Tanh", "t", "s"),
 *         Node.of("Mul", "y", "x", "t"));
 * }</pre>
 *
 * @param nodes the operators in order; each input is {@value #INPUT} or an earlier node's output
 */
public record OnnxForm(List<Node> nodes) {
    /** The ONNX operator set the forms are written for. */
    public static final int OPSET = 17;

    /** The name of the pre-activations Z, the form's input. */
    public static final String INPUT = "x";

    /** The name of the activations A = f(Z), the form's output. */
    public static final String OUTPUT = "y";

    /**
     * @throws ConfigException if there are no nodes, a node reads a name nothing wrote before it,
     *     two nodes write one name, or the last does not write {@value #OUTPUT}
     */
    public OnnxForm {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new ConfigException("ONNX form: expected at least one node, found none");
        }
        Set<String> defined = new HashSet<>(Set.of(INPUT));
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            for (String in : n.inputs()) {
                if (!defined.contains(in)) {
                    throw new ConfigException("ONNX form node " + (i + 1) + " (" + n.op() + "): input '" + in
                            + "': expected " + INPUT + " or an earlier node's output, found none that writes it");
                }
            }
            if (!defined.add(n.output())) {
                throw new ConfigException("ONNX form node " + (i + 1) + " (" + n.op() + "): output '" + n.output()
                        + "' is written twice");
            }
        }
        if (!nodes.getLast().output().equals(OUTPUT)) {
            throw new ConfigException("ONNX form: expected the last node to write '" + OUTPUT + "', found '"
                    + nodes.getLast().output() + "'");
        }
    }

    /**
     * @param nodes the operators in order
     * @return the form
     */
    public static OnnxForm of(Node... nodes) {
        return new OnnxForm(List.of(nodes));
    }

    /**
     * @param op an operator of one input, such as {@code Relu}
     * @return the form {@code y = op(x)}
     */
    public static OnnxForm op(String op) {
        return of(Node.of(op, OUTPUT, INPUT));
    }

    /**
     * One ONNX operator.
     *
     * @param op the operator's type, such as {@code Mul}
     * @param inputs the names it reads, in the operator's order
     * @param output the name it writes
     * @param attributes its attributes: an {@link Integer} or {@link Long} is an ONNX INT, a
     *     {@link Float} or {@link Double} a FLOAT; kept in name order
     */
    public record Node(String op, List<String> inputs, String output, SortedMap<String, Number> attributes) {
        /** @throws ConfigException if a name is blank or an attribute is not an integer or a real */
        public Node {
            if (op == null || op.isBlank() || output == null || output.isBlank()) {
                throw new ConfigException(
                        "ONNX form node: expected an operator and an output name, found " + op + " → " + output);
            }
            inputs = List.copyOf(inputs);
            TreeMap<String, Number> copy = new TreeMap<>();
            for (Map.Entry<String, Number> a : attributes.entrySet()) {
                Number v = a.getValue();
                if (!(v instanceof Integer || v instanceof Long || v instanceof Float || v instanceof Double)) {
                    throw new ConfigException("ONNX form node " + op + " attribute " + a.getKey()
                            + ": expected an integer or a real, found " + v);
                }
                copy.put(a.getKey(), v);
            }
            attributes = Collections.unmodifiableSortedMap(copy);
        }

        /**
         * @param op the operator's type
         * @param output the name it writes
         * @param inputs the names it reads
         * @return the node, without attributes
         */
        public static Node of(String op, String output, String... inputs) {
            return new Node(op, List.of(inputs), output, new TreeMap<>());
        }

        /**
         * @param output the name it writes
         * @param value the constant
         * @return a {@code Constant} node writing a float scalar, which broadcasts against any tensor
         */
        public static Node constant(String output, float value) {
            return of("Constant", output).with("value_float", value);
        }

        /**
         * @param name an attribute's name
         * @param value its value
         * @return this node with the attribute added (or replaced)
         */
        public Node with(String name, Number value) {
            TreeMap<String, Number> a = new TreeMap<>(attributes);
            a.put(name, value);
            return new Node(op, inputs, output, a);
        }

        /** @return the node's inputs and output, for messages */
        @Override
        public String toString() {
            return output + " = " + op + "(" + String.join(", ", inputs) + ")"
                    + (attributes.isEmpty() ? "" : attributes);
        }
    }
}
