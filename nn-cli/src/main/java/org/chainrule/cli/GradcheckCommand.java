package org.chainrule.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.chainrule.api.ConfigException;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.GradientCheck;
import org.chainrule.engine.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nn gradcheck}: back-propagation against finite differences for a network, per layer. */
@Command(
        mixinStandardHelpOptions = true,
        name = "gradcheck",
        description = "Check back-propagation against central finite differences, per layer; exit 1 if a tensor fails.",
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  nn gradcheck --layers 4,8:tanh,3:softmax",
            "  nn gradcheck --layers 6,5:my_activation,1:sigmoid --loss nll    # check a plugin of your own",
            "  nn gradcheck --spec run.yaml --samples 16",
            "",
            "Inputs are standard normal; targets are one-hot for softmax, 0/1 for sigmoid, normal otherwise."
        })
final class GradcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--spec",
            paramLabel = "FILE",
            description = "A spec file with network.inputs and every layer's units.")
    java.nio.file.Path specFile;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(
            names = "--samples",
            paramLabel = "N",
            defaultValue = "4",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
            names = "--per-tensor",
            paramLabel = "N",
            defaultValue = "40",
            description = "Elements compared per weight or bias tensor at most (default: ${DEFAULT-VALUE}).")
    int perTensor;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of weights and data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (samples < 1) {
            throw new ConfigException("--samples: expected at least 1, found " + samples);
        }
        RunSpec file = specFile == null ? RunSpec.EMPTY : RunSpec.read(specFile);
        RunSpec given = file.overriddenBy(new RunSpec(null, network.section(), null, null));
        NetworkSpec ns = network.applyInits(new RunSpec(null, given.network(), null, null))
                .standaloneNetwork("gradcheck");
        Network net = Main.chainrule().network(ns, seed);
        SplittableRandom r = new SplittableRandom(seed);
        Matrix x = new Matrix(samples, ns.inputs());
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (float) r.nextGaussian();
        }
        Matrix y = targets(ns, samples, r);
        List<GradientCheck.Result> results = GradientCheck.run(net, x, y, perTensor, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "network %s; %d samples; h = %s, tolerance %s%n",
                net, samples, GradientCheck.STEP, GradientCheck.TOLERANCE);
        out.printf(
                "%-6s %-7s %8s %8s %12s %14s %14s%n",
                "layer", "tensor", "checked", "on kink", "max error", "backprop", "numeric");
        boolean ok = true;
        for (GradientCheck.Result g : results) {
            ok &= g.passed();
            out.printf(
                    "%-6d %-7s %8d %8d %12.3e %14.6e %14.6e  %s%n",
                    g.layer(),
                    g.tensor() + "(" + g.layer() + ")",
                    g.checked(),
                    g.skipped(),
                    g.maxError(),
                    g.analytic(),
                    g.numeric(),
                    g.passed() ? "ok" : "FAIL");
        }
        out.println(ok ? "passed" : "FAILED: back-propagation disagrees with the forward pass");
        return ok ? 0 : 1;
    }

    private static Matrix targets(NetworkSpec ns, int n, SplittableRandom r) {
        String out = ns.layers().getLast().activation().name();
        int k = ns.outputs();
        Matrix y = new Matrix(n, k);
        for (int i = 0; i < n; i++) {
            if (out.equals("softmax")) {
                y.set(i, r.nextInt(k), 1f);
            } else {
                for (int c = 0; c < k; c++) {
                    y.set(i, c, out.equals("sigmoid") ? r.nextInt(2) : (float) r.nextGaussian());
                }
            }
        }
        return y;
    }
}
