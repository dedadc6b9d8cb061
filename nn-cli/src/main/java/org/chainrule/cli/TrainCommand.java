package org.chainrule.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chainrule.api.ConfigException;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn train}: assembles a dense classifier from plugins named on the command line, trains
 * it and prints loss and accuracy per epoch. With no arguments it trains 64 → 64 relu → 10
 * softmax on the embedded digits data set.
 */
@Command(
        name = "train",
        description = "Train a dense classifier and report loss and accuracy per epoch.",
        sortOptions = false)
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            defaultValue = "digits",
            paramLabel = "NAME|FILE",
            description =
                    "'digits' or 'iris' (shipped), or a CSV file: features, then the class 0..k-1 (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(
            names = "--layers",
            defaultValue = "64",
            split = ",",
            paramLabel = "UNITS",
            description =
                    "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}); the output layer has one unit per class.")
    List<Integer> hidden;

    @Option(
            names = "--activation",
            defaultValue = "relu",
            paramLabel = "PLUGIN",
            description = "Hidden activation, e.g. tanh or 'leaky_relu(alpha=0.1)' (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(
            names = "--output",
            defaultValue = "softmax",
            paramLabel = "PLUGIN",
            description = "Output activation (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(
            names = "--loss",
            defaultValue = "cross_entropy",
            paramLabel = "PLUGIN",
            description = "Loss (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(
            names = "--init",
            defaultValue = "he",
            paramLabel = "PLUGIN",
            description = "Initializer of hidden weights (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(
            names = "--output-init",
            defaultValue = "xavier",
            paramLabel = "PLUGIN",
            description = "Initializer of the output weights (default: ${DEFAULT-VALUE}).")
    String outputInit;

    @Option(
            names = "--bias-init",
            defaultValue = "zero",
            paramLabel = "PLUGIN",
            description = "Initializer of every bias (default: ${DEFAULT-VALUE}).")
    String biasInit;

    @Option(
            names = "--optimizer",
            defaultValue = "sgd",
            paramLabel = "PLUGIN",
            description = "Optimizer, e.g. 'adam(beta1=0.9)' (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(
            names = "--lr",
            paramLabel = "ETA",
            description = "Learning rate; sets the optimizer's lr parameter (default: the optimizer's).")
    Double lr;

    @Option(
            names = "--epochs",
            defaultValue = "30",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Samples per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the split, the weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads for large products (default: the number of processors).")
    Integer threads;

    @Option(
            names = "--test-fraction",
            defaultValue = "0.2",
            paramLabel = "F",
            description = "Fraction of each class held out for testing, 0 to 0.9 (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(
            names = "--save",
            paramLabel = "FILE",
            description = "Write the trained model (with its input scaling) to FILE, a .safetensors model file.")
    Path save;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!(testFraction >= 0 && testFraction <= 0.9)) {
            throw new ConfigException("--test-fraction: expected 0 to 0.9, found " + testFraction);
        }
        if (threads != null) {
            if (threads < 1) {
                throw new ConfigException("--threads: expected at least 1, found " + threads);
            }
            System.setProperty("chainrule.threads", Integer.toString(threads));
        }
        Chainrule chainrule = Chainrule.create();
        TrainingConfig config = new TrainingConfig(epochs, batchSize, seed, optimizerSpec());
        chainrule.plugins().optimizer(config.optimizer()); // fail on a bad optimizer before loading data
        LabeledData all = LabeledData.load(data);
        LabeledData.Split split = all.split(testFraction, seed);
        out.printf(
                "data %s: %d samples, %d features, %d classes (train %d, test %d)%n",
                all.source(),
                all.size(),
                all.x().cols(),
                all.classes(),
                split.train().size(),
                split.test() == null ? 0 : split.test().size());

        Network net = chainrule.network(networkSpec(all.x().cols(), all.classes()), seed);
        out.printf(
                "network %s; optimizer %s; batch %d; kernels %s%n",
                net, config.optimizer(), batchSize, chainrule.kernels());

        List<EpochResult> results = chainrule.train(net, config, split.train(), split.test(), new TrainingListener() {
            @Override
            public void onEpoch(EpochResult r) {
                out.printf(
                        "epoch %3d/%d  train loss %.4f  acc %6.2f%%",
                        r.epoch(), epochs, r.trainLoss(), 100 * r.trainAccuracy());
                if (!Double.isNaN(r.testLoss())) {
                    out.printf("  |  test loss %.4f  acc %6.2f%%", r.testLoss(), 100 * r.testAccuracy());
                }
                out.printf("  %.2f s%n", r.seconds());
            }
        });
        EpochResult last = results.getLast();
        if (split.test() != null) {
            long right = Math.round(last.testAccuracy() * split.test().size());
            out.printf(
                    "test accuracy %.2f%% (%d/%d) after %d epochs%n",
                    100 * last.testAccuracy(), right, split.test().size(), epochs);
        } else {
            out.printf("train accuracy %.2f%% after %d epochs (no test set)%n", 100 * last.trainAccuracy(), epochs);
        }
        if (save != null) {
            chainrule.model(net, split.scaling()).save(save);
            out.printf("saved the model to %s%n", save);
        }
        return 0;
    }

    private NetworkSpec networkSpec(int inputs, int classes) {
        List<LayerSpec> layers = new java.util.ArrayList<>();
        PluginSpec bias = PluginSpec.parse(biasInit);
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i) < 1) {
                throw new ConfigException(
                        "--layers: hidden layer " + (i + 1) + " must have at least 1 unit, found " + hidden.get(i));
            }
            layers.add(new LayerSpec(hidden.get(i), PluginSpec.parse(activation), PluginSpec.parse(init), bias));
        }
        layers.add(new LayerSpec(classes, PluginSpec.parse(output), PluginSpec.parse(outputInit), bias));
        return new NetworkSpec(inputs, layers, PluginSpec.parse(loss));
    }

    private PluginSpec optimizerSpec() {
        PluginSpec o = PluginSpec.parse(optimizer);
        if (lr == null) {
            return o;
        }
        Map<String, String> params = new LinkedHashMap<>(o.params());
        params.put("lr", Double.toString(lr));
        return new PluginSpec(o.name(), params);
    }
}
