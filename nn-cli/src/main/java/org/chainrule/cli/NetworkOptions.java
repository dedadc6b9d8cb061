package org.chainrule.cli;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.api.ConfigException;
import org.chainrule.data.Inputs;
import picocli.CommandLine.Option;

/** The network flags of {@code train} and {@code gradcheck}; each overrides the spec file's value. */
final class NetworkOptions {
    @Option(
            names = "--layers",
            paramLabel = "[IN,]UNITS:ACT,...",
            description = "The layers, e.g. 784,256:relu,128:relu,10:softmax; the first number alone is the inputs"
                    + " (default: from the data), an activation may carry parameters: 32:leaky_relu(alpha=0.1)"
                    + " (default: 64:relu,CLASSES:softmax).")
    String layers;

    @Option(
            names = "--loss",
            paramLabel = "PLUGIN",
            description = "The loss (default by task: cross_entropy; nll for binary and multilabel; square for"
                    + " regression).")
    String loss;

    @Option(
            names = "--init",
            paramLabel = "PLUGIN",
            description = "Weight initializer of every layer (default: he for hidden layers, xavier for the output).")
    String init;

    @Option(
            names = "--bias-init",
            paramLabel = "PLUGIN",
            description = "Bias initializer of every layer (default: zero).")
    String biasInit;

    /** @return the section these flags set, or null when none is set */
    RunSpec.NetworkSection section() {
        if (layers == null && loss == null) {
            return null;
        }
        Integer inputs = null;
        List<RunSpec.LayerSection> list = null;
        if (layers != null) {
            list = new ArrayList<>();
            List<String> items = splitTopLevel(layers);
            for (int i = 0; i < items.size(); i++) {
                String item = items.get(i).trim();
                int colon = item.indexOf(':');
                String units = colon < 0 ? item : item.substring(0, colon).trim();
                int n;
                try {
                    n = Integer.parseInt(units);
                } catch (NumberFormatException e) {
                    throw new ConfigException("--layers item " + (i + 1)
                            + ": expected UNITS or UNITS:ACTIVATION, found " + Inputs.quote(item));
                }
                if (n < 1) {
                    throw new ConfigException("--layers item " + (i + 1) + ": expected at least 1 unit, found " + n);
                }
                if (i == 0 && colon < 0 && items.size() > 1) {
                    inputs = n;
                } else {
                    list.add(new RunSpec.LayerSection(
                            n, colon < 0 ? null : item.substring(colon + 1).trim(), null, null));
                }
            }
        }
        return new RunSpec.NetworkSection(inputs, list, loss);
    }

    /** Splits at commas outside parentheses, so {@code 8:elu(alpha=1),4:swish(beta=2)} gives two items. */
    static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** @return {@code spec} (defaults filled) with --init and --bias-init applied to every layer */
    RunSpec applyInits(RunSpec spec) {
        if (init == null && biasInit == null
                || spec.network() == null
                || spec.network().layers() == null) {
            return spec;
        }
        List<RunSpec.LayerSection> layers = spec.network().layers().stream()
                .map(l -> new RunSpec.LayerSection(
                        l.units(),
                        l.activation(),
                        init != null ? init : l.weightInit(),
                        biasInit != null ? biasInit : l.biasInit()))
                .toList();
        return new RunSpec(
                spec.data(),
                new RunSpec.NetworkSection(
                        spec.network().inputs(), layers, spec.network().loss()),
                spec.training(),
                spec.output());
    }
}
