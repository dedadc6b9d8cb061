package org.chainrule.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;
import org.chainrule.api.PluginSpec;
import org.chainrule.api.Task;
import org.chainrule.data.Inputs;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.DistributedTrainer;
import org.chainrule.engine.EarlyStopping;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.InputScaling;
import org.chainrule.engine.Network;
import org.chainrule.engine.PluginRegistry;
import org.chainrule.engine.Plugins;
import org.chainrule.engine.Scores;
import org.chainrule.engine.Targets;
import org.chainrule.engine.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn train}: the run from a spec file and flags (flags win, defaults fill the rest), trained
 * with a progress display, then the model, the metrics history and the learning curve written to
 * the output folder.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "train",
        description = "Train a dense network (a classifier, multi-label or regression); write the model, the"
                + " metrics and a learning curve.",
        sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {
            "  nn train                                      # 64 -> 64 relu -> 10 softmax on the shipped digits",
            "  nn train --data iris --layers 16:tanh,3:softmax --optimizer 'adam(lr=0.01)' --epochs 50",
            "  nn train --data fashion-mnist --layers 784,256:relu,128:relu,10:softmax --batch 128 --epochs 10",
            "  nn train --data my.csv --label-column 1 --validation-split 0.1 --early-stop 5",
            "  nn train --data diabetes --layers 10,32:relu,1:identity --optimizer 'adam(lr=0.01)'   # regression",
            "  nn train --data breast-cancer --layers 30,16:relu,1:sigmoid --loss nll              # binary",
            "  nn train --data y.csv --task multilabel --target a,b,c --layers 8,16:relu,3:sigmoid --loss nll",
            "  nn train --spec run.yaml --epochs 5           # flags override the spec file",
            "  nn train --data iris --print-config > run.json   # the full effective spec, itself a valid --spec"
        })
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "FILE", description = "A spec file, JSON or YAML (see --print-config).")
    Path specFile;

    @Option(
            names = "--print-config",
            description =
                    "Print the full effective spec (every default filled in) as JSON and exit; it is a valid --spec.")
    boolean printConfig;

    @Mixin
    DataOptions data = new DataOptions.WithTarget();

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(
            names = "--optimizer",
            paramLabel = "PLUGIN",
            description = "The optimizer, e.g. 'adam(lr=1e-3)' (default: sgd(lr=0.1); adam(lr=0.001) for regression).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "ETA", description = "Sets the optimizer's learning rate lr.")
    Double lr;

    @Option(
            names = "--schedule",
            paramLabel = "SCHEDULE",
            description = "Learning-rate schedule with its parameters, e.g. 'cosine(period=3000)' or"
                    + " 'step(step_size=500, gamma=0.5)'; sets the optimizer's schedule parameters.")
    String schedule;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default: 30).")
    Integer epochs;

    @Option(
            names = {"--batch", "--batch-size"},
            paramLabel = "N",
            description = "Samples per step (default: 32).")
    Integer batch;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the splits, the weights and the shuffling (default: 42).")
    Long seed;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads for large products (default: all processors).")
    Integer threads;

    @Option(
            names = "--spark",
            paramLabel = "MASTER",
            description = "Train data-parallel on Spark (local[2], spark://host:7077): needs nn-spark and Spark on the"
                    + " class path, which ./nn --spark sets up. Same flags and outputs.")
    String spark;

    @Option(
            names = "--steps-per-round",
            paramLabel = "K",
            defaultValue = "16",
            description = "With --spark: local steps of each worker between two averaging rounds (default: 16).")
    int stepsPerRound;

    @Option(
            names = "--early-stop",
            paramLabel = "PATIENCE",
            description = "Stop after this many epochs without a better validation figure; keep the best weights"
                    + " (needs --validation-split; default: 0, off).")
    Integer earlyStop;

    @Option(
            names = "--early-stop-metric",
            paramLabel = "loss|accuracy",
            description = "What early stopping watches on the validation set (default: loss).")
    String earlyStopMetric;

    @Option(
            names = "--checkpoint-every",
            paramLabel = "N",
            description = "Write OUT/checkpoint.safetensors every N epochs (default: 0, never).")
    Integer checkpointEvery;

    @Option(
            names = "--resume",
            paramLabel = "FILE",
            description = "Continue from a checkpoint of the same spec and settings; ends bitwise where an"
                    + " uninterrupted run would.")
    String resume;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Folder for model.safetensors, metrics.csv, metrics.jsonl and the learning curve (default: nn-out).")
    String out;

    @Option(
            names = "--plot",
            paramLabel = "png|svg|none",
            description = "Learning-curve picture format (default: png).")
    String plot;

    @Option(names = "--no-progress", description = "Plain lines per epoch instead of a progress bar.")
    boolean noProgress;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print only the summary.")
    boolean quiet;

    /** @return the spec the file and the flags give, before defaults */
    RunSpec given() {
        RunSpec file = specFile == null ? RunSpec.EMPTY : RunSpec.read(specFile);
        RunSpec flags = new RunSpec(
                data.section(),
                network.section(),
                new RunSpec.TrainingSection(
                        optimizer, epochs, batch, seed, threads, earlyStop, earlyStopMetric, checkpointEvery, resume),
                new RunSpec.OutputSection(out, plot));
        return file.overriddenBy(flags);
    }

    /** @return {@code spec} with --lr and --schedule folded into its optimizer */
    private RunSpec withOptimizerFlags(RunSpec s) {
        if (lr == null && schedule == null) {
            return s;
        }
        PluginSpec opt = PluginSpec.parse(s.training().optimizer());
        Map<String, String> params = new LinkedHashMap<>(opt.params());
        if (lr != null) {
            params.put("lr", Double.toString(lr));
        }
        if (schedule != null) {
            PluginSpec sched;
            try {
                sched = PluginSpec.parse(schedule);
            } catch (ConfigException e) {
                throw new ConfigException("--schedule: " + e.getMessage(), e);
            }
            requireSchedule(opt.name(), sched.name());
            params.put("schedule", sched.name());
            params.putAll(sched.params());
        }
        RunSpec.TrainingSection t = s.training();
        return new RunSpec(
                s.data(), s.network(), t.withOptimizer(new PluginSpec(opt.name(), params).toString()), s.output());
    }

    /** Refuses an unknown --schedule by its own name, before its parameters are looked at. */
    private static void requireSchedule(String optimizer, String name) {
        var provider = Main.plugins().optimizers().provider(optimizer);
        for (var p : provider.parameters()) {
            if (p.name().equals("schedule")
                    && !p.choices().isEmpty()
                    && !p.choices().contains(name)) {
                throw new ConfigException("--schedule: expected one of " + String.join(", ", p.choices()) + ", found "
                        + Inputs.quote(name));
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        RunSpec given = given();
        Task.Inferred task = given.task();
        RunData d = RunData.load(given.dataWithDefaults(), task.task(), given.seed());
        RunSpec run =
                withOptimizerFlags(network.applyInits(given.withDefaults(d.features(), d.outputs(), task.task())));
        if (printConfig) {
            stdout.println(completePlugins(run, Main.plugins()).toJson());
            return 0;
        }
        RunSpec.TrainingSection t = run.training();
        if (spark != null) {
            if (stepsPerRound < 1) {
                throw new ConfigException("--steps-per-round: expected at least 1, found " + stepsPerRound);
            }
            DistributedTrainer.find("spark"); // before the data are read: says what is missing
        }
        Chainrule chainrule = Main.chainrule(t.threads());
        Network net = chainrule.network(run.networkSpec(), t.seed());
        Path outDir = Path.of(run.output().dir());
        TrainingConfig config = new TrainingConfig(t.epochs(), t.batch(), t.seed(), PluginSpec.parse(t.optimizer()));
        chainrule.plugins().optimizer(config.optimizer()); // a bad optimizer fails before any work
        if (t.earlyStop() > 0) {
            config = config.withEarlyStopping(new EarlyStopping(
                    t.earlyStopMetric().equals("loss")
                            ? EarlyStopping.Metric.VALIDATION_LOSS
                            : EarlyStopping.Metric.VALIDATION_ACCURACY,
                    t.earlyStop(),
                    0));
        }
        if (t.checkpointEvery() > 0) {
            config = config.withCheckpoints(outDir.resolve("checkpoint.safetensors"), t.checkpointEvery());
        }
        if (t.resume() != null) {
            config = config.withResumeFrom(Path.of(t.resume()));
        }

        InputScaling scaling = RunData.fitScaling(d.train().x(), run.data().scaling());
        InputScaling targetScaling = task.task() == Task.REGRESSION
                ? RunData.fitScaling(d.train().y(), run.data().targetScaling())
                : null;
        Targets targets = new Targets(task.task(), d.targetNames(), targetScaling);
        config = config.withTargets(targets);
        Dataset train = RunData.dataset(d.train(), scaling, targetScaling);
        Dataset validation = d.validation() == null ? null : RunData.dataset(d.validation(), scaling, targetScaling);
        Dataset test = d.test() == null ? null : RunData.dataset(d.test(), scaling, targetScaling);
        if (config.earlyStopping().enabled() && validation == null) {
            throw new ConfigException(
                    "--early-stop: the validation split " + run.data().validationSplit() + " of "
                            + d.train().size() + " samples leaves no validation samples");
        }
        Dataset heldOut = validation != null ? validation : test; // per-epoch figures; early stopping needs validation
        String heldOutName = validation != null ? "val" : test != null ? "test" : null;
        PluginSpec optimizerUsed = config.optimizer();
        Runnable heading = () -> {
            createDirectories(outDir);
            stdout.printf(
                    "data %s: %d samples, %d features, %s (train %d, validation %d, test %d)%n",
                    d.description(),
                    d.size(),
                    d.features(),
                    d.classes() > 0
                            ? d.classes() + " classes"
                            : d.outputs()
                                    + (d.outputs() == 1 ? " target " : " targets ")
                                    + String.join(", ", d.targetNames()),
                    d.train().size(),
                    d.validation() == null ? 0 : d.validation().size(),
                    d.test() == null ? 0 : d.test().size());
            if (!task.reason().equals("chosen") && !task.reason().equals("the default")) {
                stdout.printf("task %s (%s)%n", task.task().id(), task.reason());
            }
            stdout.printf(
                    "network %s; optimizer %s; batch %d; kernels %s%n",
                    net, optimizerUsed, t.batch(), chainrule.kernels());
            if (spark != null) {
                stdout.printf("on Spark %s: workers average every %d steps%n", spark, stepsPerRound);
            }
            stdout.flush();
        };
        Progress progress = new Progress(
                stdout, Progress.choose(noProgress, quiet), t.epochs(), t.batch(), heldOutName, task.task(), heading);
        List<EpochResult> history;
        try {
            history = spark == null
                    ? chainrule.train(net, config, train, heldOut, progress)
                    : DistributedTrainer.find("spark")
                            .fit(spark, stepsPerRound, chainrule, net, config, train, heldOut, progress);
        } finally {
            stdout.flush();
        }

        Path model = outDir.resolve("model.safetensors");
        chainrule.model(net, scaling, targets).save(model);
        Reports.writeMetrics(outDir.resolve("metrics.csv"), outDir.resolve("metrics.jsonl"), history, heldOutName);
        String picture = null;
        if (!run.output().plot().equals("none")) {
            picture = "learning-curve." + run.output().plot();
            Reports.writeCurves(
                    outDir.resolve(picture),
                    history,
                    heldOutName,
                    task.task(),
                    run.output().plot());
        }
        if (test != null) {
            Scores e = net.score(test.x(), test.y(), targets);
            if (task.task() == Task.MULTICLASS || task.task() == Task.BINARY) {
                double accuracy = e.metrics().get("accuracy");
                stdout.printf(
                        "test accuracy %.2f%% (%d/%d), loss %.4f after %d epochs%s%n",
                        100 * accuracy,
                        Math.round(accuracy * test.size()),
                        test.size(),
                        e.loss(),
                        history.size(),
                        task.task() == Task.BINARY ? "; " + Reports.figures(e.metrics(), false) : "");
            } else {
                stdout.printf(
                        "test %s, loss %.4f after %d epochs%n",
                        Reports.figures(e.metrics(), false), e.loss(), history.size());
            }
        } else if (!Double.isNaN(history.getLast().trainAccuracy())) {
            stdout.printf(
                    "train accuracy %.2f%% after %d epochs (no test set)%n",
                    100 * history.getLast().trainAccuracy(), history.size());
        } else {
            stdout.printf(
                    "train loss %.4f after %d epochs (no test set)%n",
                    history.getLast().trainLoss(), history.size());
        }
        stdout.printf(
                "wrote %s, metrics.csv, metrics.jsonl%s in %s%n",
                model.getFileName(), picture == null ? "" : ", " + picture, outDir);
        return 0;
    }

    /** @return {@code s} with every plugin's parameters written out, defaults included */
    static RunSpec completePlugins(RunSpec s, Plugins plugins) {
        List<RunSpec.LayerSection> layers = new java.util.ArrayList<>();
        for (int i = 0; i < s.network().layers().size(); i++) {
            RunSpec.LayerSection l = s.network().layers().get(i);
            String at = "network layer " + (i + 1);
            layers.add(new RunSpec.LayerSection(
                    l.units(),
                    complete(plugins.activations(), l.activation(), at + " activation"),
                    complete(plugins.initializers(), l.weightInit(), at + " weight_init"),
                    complete(plugins.initializers(), l.biasInit(), at + " bias_init")));
        }
        RunSpec.TrainingSection t = s.training();
        return new RunSpec(
                s.data(),
                new RunSpec.NetworkSection(
                        s.network().inputs(),
                        layers,
                        complete(plugins.losses(), s.network().loss(), "network loss")),
                t.withOptimizer(complete(plugins.optimizers(), t.optimizer(), "training optimizer")),
                s.output());
    }

    private static String complete(PluginRegistry<?> registry, String spec, String where) {
        try {
            return registry.complete(PluginSpec.parse(spec)).toString();
        } catch (ConfigException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DataException("output folder " + dir + ": cannot create (" + e.getMessage() + ")", e);
        }
    }
}
