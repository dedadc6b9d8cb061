package org.chainrule.engine;

import java.util.List;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;

/**
 * An independent double-precision forward pass of a network, written from the formulas (not from
 * the plugins), for central finite differences. Knows every built-in activation and loss by name.
 */
final class Reference {
    private Reference() {}

    /** @return whether the activation has a kink (a point where f' jumps) at z = 0 */
    static boolean kinked(PluginSpec act) {
        return switch (act.name()) {
            case "relu", "leaky_relu", "step" -> true;
            case "elu" -> Double.parseDouble(act.params().getOrDefault("alpha", "1")) != 1.0;
            default -> false;
        };
    }

    static boolean knows(String activation) {
        return List.of(
                        "identity",
                        "relu",
                        "sigmoid",
                        "tanh",
                        "step",
                        "softmax",
                        "leaky_relu",
                        "elu",
                        "softplus",
                        "gelu",
                        "swish")
                .contains(activation);
    }

    static boolean knowsLoss(String loss) {
        return List.of("square", "absolute", "nll", "cross_entropy", "huber").contains(loss);
    }

    /** Applies the activation to a row in place. */
    static void activate(PluginSpec act, double[] z) {
        double p = 0;
        switch (act.name()) {
            case "identity" -> {}
            case "relu" -> {
                for (int i = 0; i < z.length; i++) z[i] = Math.max(0, z[i]);
            }
            case "sigmoid" -> {
                for (int i = 0; i < z.length; i++) z[i] = 1 / (1 + Math.exp(-z[i]));
            }
            case "tanh" -> {
                for (int i = 0; i < z.length; i++) z[i] = Math.tanh(z[i]);
            }
            case "step" -> {
                for (int i = 0; i < z.length; i++) z[i] = z[i] > 0 ? 1 : 0;
            }
            case "softmax" -> {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) max = Math.max(max, v);
                double sum = 0;
                for (int i = 0; i < z.length; i++) sum += (z[i] = Math.exp(z[i] - max));
                for (int i = 0; i < z.length; i++) z[i] /= sum;
            }
            case "leaky_relu" -> {
                p = param(act, "alpha", 0.01);
                for (int i = 0; i < z.length; i++) z[i] = z[i] > 0 ? z[i] : p * z[i];
            }
            case "elu" -> {
                p = param(act, "alpha", 1.0);
                for (int i = 0; i < z.length; i++) z[i] = z[i] > 0 ? z[i] : p * (Math.exp(z[i]) - 1);
            }
            case "softplus" -> {
                for (int i = 0; i < z.length; i++) z[i] = Math.log(1 + Math.exp(z[i]));
            }
            case "gelu" -> {
                boolean tanh = "tanh".equals(act.params().get("approximate"));
                for (int i = 0; i < z.length; i++) {
                    double v = z[i];
                    z[i] = tanh
                            ? 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)))
                            : 0.5 * v * (1 + erf(v / Math.sqrt(2)));
                }
            }
            case "swish" -> {
                p = param(act, "beta", 1.0);
                for (int i = 0; i < z.length; i++) z[i] = z[i] / (1 + Math.exp(-p * z[i]));
            }
            default ->
                throw new AssertionError(
                        "no double reference for activation '" + act.name() + "'; add one to Reference");
        }
    }

    /** Per-sample loss of one row. */
    static double loss(PluginSpec loss, double[] a, double[] y) {
        double s = 0;
        switch (loss.name()) {
            case "square" -> {
                for (int i = 0; i < a.length; i++) s += (a[i] - y[i]) * (a[i] - y[i]);
                s *= param(loss, "scale", 1);
            }
            case "absolute" -> {
                for (int i = 0; i < a.length; i++) s += Math.abs(a[i] - y[i]);
            }
            case "nll" -> {
                for (int i = 0; i < a.length; i++) {
                    s -= y[i] * Math.max(Math.log(a[i]), -100) + (1 - y[i]) * Math.max(Math.log(1 - a[i]), -100);
                }
            }
            case "cross_entropy" -> {
                for (int i = 0; i < a.length; i++) s -= y[i] * Math.max(Math.log(a[i]), -100);
            }
            case "huber" -> {
                double d = param(loss, "delta", 1);
                for (int i = 0; i < a.length; i++) {
                    double e = Math.abs(a[i] - y[i]);
                    s += e <= d ? 0.5 * e * e : d * (e - 0.5 * d);
                }
            }
            default ->
                throw new AssertionError("no double reference for loss '" + loss.name() + "'; add one to Reference");
        }
        return s;
    }

    /**
     * Mean loss of the network with parameters {@code w[l]} (m × n, row-major) and {@code b[l]}.
     *
     * @param minAbsKinkZ out: smallest |z| at a kinked activation, and smallest |a − y| for absolute
     */
    static double objective(
            NetworkSpec spec, double[][] w, double[][] b, float[] x, float[] y, int rows, double[] minAbsKinkZ) {
        List<LayerSpec> layers = spec.layers();
        int outs = spec.outputs();
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double[] a = new double[spec.inputs()];
            for (int i = 0; i < a.length; i++) a[i] = x[r * a.length + i];
            for (int l = 0; l < layers.size(); l++) {
                int m = spec.inputsOf(l);
                int n = layers.get(l).units();
                double[] z = new double[n];
                for (int j = 0; j < n; j++) {
                    double s = b[l][j];
                    for (int i = 0; i < m; i++) s += a[i] * w[l][i * n + j];
                    z[j] = s;
                    if (kinked(layers.get(l).activation())) minAbsKinkZ[0] = Math.min(minAbsKinkZ[0], Math.abs(s));
                }
                activate(layers.get(l).activation(), z);
                a = z;
            }
            double[] t = new double[outs];
            for (int j = 0; j < outs; j++) {
                t[j] = y[r * outs + j];
                if (spec.loss().name().equals("absolute"))
                    minAbsKinkZ[0] = Math.min(minAbsKinkZ[0], Math.abs(a[j] - t[j]));
            }
            total += loss(spec.loss(), a, t);
        }
        return total / rows;
    }

    private static double param(PluginSpec spec, String name, double fallback) {
        String v = spec.params().get(name);
        return v == null ? fallback : Double.parseDouble(v);
    }

    /** erf in double: Taylor series for |x| < 3, continued fraction for erfc beyond. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))) (Lentz-free backward evaluation)
            double f = 0;
            for (int k = 60; k >= 1; k--) f = (k / 2.0) / (ax + f);
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        }
        return x < 0 ? -r : r;
    }
}
