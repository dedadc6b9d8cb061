package org.chainrule.engine.training;

import java.util.Map;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.network.Dense;
import org.chainrule.engine.network.Layers;
import org.chainrule.engine.network.Pass;

/**
 * Where a training step's first NaN or infinity came from, read from the buffers of the step
 * that produced it (the forward then backward order of docs/math.md#layered-chain-rule). A plugin that turns finite inputs
 * into a non-finite value is named with its layer, its origin and the input that did it; a
 * product that overflows from finite factors is a learning-rate or data problem, named as such.
 */
public final class Divergence {
    private Divergence() {}

    /**
     * @param where one sentence: where the first non-finite value arose
     * @param pluginAtFault whether a plugin made it from finite inputs (else an overflow, whose
     *     remedies are the learning rate, clipping or the data)
     */
    public record Finding(String where, boolean pluginAtFault) {}

    /**
     * @param spec what the layers were built from, for the loss's name
     * @param origins where each plugin came from, named with it
     * @param x the step's inputs
     * @param y the step's targets
     * @return where the first non-finite value arose in the buffers of {@code net}'s last step, or
     *     null if every buffer is finite or no step ran
     */
    public static Finding explain(Layers net, NetworkSpec spec, Map<String, String> origins, Matrix x, Matrix y) {
        Pass p = net.lastStep();
        if (p == null) {
            return null;
        }
        Dense[] layers = net.dense();
        int last = layers.length - 1;
        for (int l = 0; l <= last; l++) { // the parameters the step started from
            int w = firstNonFinite(layers[l].w);
            int b = firstNonFinite(layers[l].b);
            if (w >= 0 || b >= 0) {
                return new Finding(
                        (w >= 0 ? "W(" : "b(") + (l + 1) + ") already held "
                                + (w >= 0 ? layers[l].w.data()[w] : layers[l].b.data()[b])
                                + " from an earlier update that overflowed",
                        false);
            }
        }
        for (int l = 0; l <= last; l++) { // forward: Z(l) = A(l−1)·W(l) + b(l), A(l) = f(Z(l))
            Dense d = layers[l];
            int z = firstNonFinite(p.z[l]);
            if (z >= 0) {
                return overflow("Z(" + (l + 1) + ")", p.z[l], z, "the product of finite inputs and weights");
            }
            int a = firstNonFinite(p.a[l]);
            if (a >= 0) {
                return plugin(origins, "activation", d.activationName, l + 1, "forward", p.z[l], a, p.a[l], "z");
            }
        }
        double loss = net.loss().value(p.a[last], y);
        if (!Double.isFinite(loss)) {
            return new Finding(
                    "loss '" + spec.loss() + "'"
                            + origin(origins, "loss", spec.loss().toString())
                            + " returned " + loss
                            + " for finite outputs and targets; a plugin at fault, not the learning rate, when its"
                            + " inputs are in its domain (first output "
                            + p.a[last].data()[0] + ", target "
                            + y.data()[0] + ")",
                    true);
        }
        for (int l = last; l >= 0; l--) { // backward: dA(l), then dZ(l) = f′ applied to dA(l)
            Dense d = layers[l];
            boolean joint = l == last && net.usesJointOutputDerivative();
            if (!joint) {
                int dA = firstNonFinite(p.dA[l]);
                if (dA >= 0) {
                    return l == last
                            ? plugin(
                                    origins,
                                    "loss",
                                    spec.loss().toString(),
                                    l + 1,
                                    "gradient",
                                    p.a[l],
                                    dA,
                                    p.dA[l],
                                    "output")
                            : overflow(
                                    "dJ/dA(" + (l + 1) + ")",
                                    p.dA[l],
                                    dA,
                                    "dJ/dZ(" + (l + 2) + ")·W(" + (l + 2) + ")ᵀ of finite factors");
                }
            }
            int dZ = firstNonFinite(p.dZ[l]);
            if (dZ >= 0) {
                return joint
                        ? overflow("dJ/dZ(" + (l + 1) + ")", p.dZ[l], dZ, "A − Y of finite outputs")
                        : plugin(origins, "activation", d.activationName, l + 1, "backward", p.z[l], dZ, p.dZ[l], "z");
            }
            int dW = firstNonFinite(d.dW);
            if (dW >= 0) {
                return overflow(
                        "dJ/dW(" + (l + 1) + ")", d.dW, dW, "A(" + l + ")ᵀ·dJ/dZ(" + (l + 1) + ") of finite factors");
            }
            int db = firstNonFinite(d.db);
            if (db >= 0) {
                return overflow("dJ/db(" + (l + 1) + ")", d.db, db, "the column sums of a finite dJ/dZ");
            }
        }
        return null;
    }

    private static Finding plugin(
            Map<String, String> origins,
            String kind,
            String spec,
            int layer,
            String pass,
            Matrix input,
            int at,
            Matrix output,
            String inputName) {
        int row = at / output.cols();
        int col = at % output.cols();
        return new Finding(
                "layer " + layer + "'s " + kind + " '" + spec + "'" + origin(origins, kind, spec)
                        + " turned the finite "
                        + inputName + " = " + input.data()[at] + " (sample " + (row + 1) + " of the batch, unit "
                        + (col + 1)
                        + ") into " + output.data()[at] + " in its " + pass
                        + "; the plugin is at fault, not the learning rate or the data",
                true);
    }

    private static String origin(Map<String, String> origins, String kind, String spec) {
        int paren = spec.indexOf('(');
        String name = paren < 0 ? spec : spec.substring(0, paren);
        String from = origins.get(kind + " " + name);
        return from == null ? "" : " (" + from + ")";
    }

    private static Finding overflow(String what, Matrix m, int at, String from) {
        return new Finding(
                what + " at sample " + (at / m.cols() + 1) + ", unit " + (at % m.cols() + 1) + " became " + m.data()[at]
                        + " as " + from + " overflowed",
                false);
    }

    private static int firstNonFinite(Matrix m) {
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                return i;
            }
        }
        return -1;
    }
}
