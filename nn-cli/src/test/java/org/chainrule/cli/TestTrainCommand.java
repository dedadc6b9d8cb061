package org.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestTrainCommand {
    private static final Chainrule CHAINRULE = Chainrule.create();

    @TempDir
    Path dir;

    static double testAccuracy(String out) {
        Matcher m = Pattern.compile("test accuracy ([0-9.]+)% ").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    private Cli train(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = dir.toString();
        all[args.length + 3] = "--no-progress";
        return Cli.run(all);
    }

    private static void assertSameWeights(Path a, Path b) {
        Model x = CHAINRULE.load(a);
        Model y = CHAINRULE.load(b);
        for (int l = 1; l <= x.spec().layers().size(); l++) {
            assertArrayEquals(x.weights(l).data(), y.weights(l).data(), "W(" + l + ")");
            assertArrayEquals(x.biases(l).data(), y.biases(l).data(), "b(" + l + ")");
        }
    }

    @Test
    void defaultTrainingReachesNinetyFivePercentOnDigitsAndWritesItsFiles() throws IOException {
        Cli r = train();

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("data embedded digits.csv.gz: 1797 samples, 64 features, 10 classes"), r.out());
        assertTrue(r.out().contains("epoch  30/30"), r.out());
        assertTrue(testAccuracy(r.out()) >= 95.0, r.out());
        assertEquals(10, CHAINRULE.load(dir.resolve("model.safetensors")).outputs());
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,train_accuracy,heldout_loss,heldout_accuracy,seconds", csv.get(0));
        assertEquals(31, csv.size());
        assertEquals(30, Files.readAllLines(dir.resolve("metrics.jsonl")).size());
        byte[] png = Files.readAllBytes(dir.resolve("learning-curve.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    }

    @Test
    void anSvgLearningCurveIsWrittenOnRequest() throws IOException {
        Cli r = train("--data", "iris", "--epochs", "3", "--plot", "svg");

        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(dir.resolve("learning-curve.svg")).contains("<svg"));
    }

    @Test
    void sameSeedPrintsTheSameRun() {
        String[] args = {"--data", "iris", "--epochs", "5", "--layers", "8:tanh,3:softmax"};

        String first = train(args).out().replaceAll(" +[0-9.]+ s\n", "\n");
        String second = train(args).out().replaceAll(" +[0-9.]+ s\n", "\n");

        assertEquals(first, second);
    }

    @Test
    void flagsChooseEveryPluginByName() {
        Cli r = train(
                "--data", "iris",
                "--layers", "4,10:leaky_relu(alpha=0.05),6:leaky_relu(alpha=0.05),3:sigmoid",
                "--loss", "nll",
                "--init", "xavier(distribution=normal)",
                "--bias-init", "constant(value=0.01)",
                "--optimizer", "adam",
                "--lr", "0.01",
                "--epochs", "60",
                "--batch", "16",
                "--seed", "7");

        assertEquals(0, r.status(), r.err());
        assertTrue(
                r.out()
                        .contains(
                                "network 4 → 10 leaky_relu(alpha=0.05) → 6 leaky_relu(alpha=0.05) → 3 sigmoid, loss nll;"
                                        + " optimizer adam(lr=0.01); batch 16"),
                r.out());
        assertTrue(testAccuracy(r.out()) >= 85.0, r.out());
    }

    @Test
    void printConfigOutputIsAValidSpecThatTrainsTheSameWeights() throws IOException {
        String[] args = {
            "--data",
            "iris",
            "--layers",
            "8:tanh,3:softmax",
            "--optimizer",
            "momentum",
            "--epochs",
            "4",
            "--classes",
            "3"
        };
        Cli config = Cli.run(concat(new String[] {"train", "--print-config"}, args));
        assertEquals(0, config.status(), config.err());
        Path spec = dir.resolve("run.json");
        Files.writeString(spec, config.out());
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");

        Cli fromFlags = Cli.run(concat(new String[] {"train", "--no-progress", "--out", a.toString()}, args));
        Cli fromSpec = Cli.run("train", "--no-progress", "--spec", spec.toString(), "--out", b.toString());

        assertEquals(0, fromFlags.status(), fromFlags.err());
        assertEquals(0, fromSpec.status(), fromSpec.err());
        assertTrue(config.out().contains("\"optimizer\" : \"momentum(lr=0.05, schedule=constant,"), config.out());
        assertTrue(config.out().contains("\"classes\" : 3"), config.out());
        assertSameWeights(a.resolve("model.safetensors"), b.resolve("model.safetensors"));
    }

    @Test
    void aYamlSpecIsReadAndFlagsOverrideIt() throws IOException {
        Path spec = dir.resolve("run.yaml");
        Files.writeString(spec, """
                # a small run on iris
                data:
                  source: iris
                network:
                  layers:
                    - {units: 12, activation: tanh}
                    - {units: 3, activation: softmax}
                training:
                  optimizer: adam(lr=0.02)
                  epochs: 40
                """);

        Cli r = train("--spec", spec.toString(), "--epochs", "3");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("network 4 → 12 tanh → 3 softmax"), r.out());
        assertTrue(r.out().contains("epoch   3/3"), r.out());
    }

    @Test
    void earlyStoppingWatchesTheValidationSplit() {
        Cli r = train(
                "--data",
                "digits",
                "--epochs",
                "200",
                "--validation-split",
                "0.2",
                "--early-stop",
                "3",
                "--optimizer",
                "adam(lr=0.01)");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("validation 287"), r.out());
        assertTrue(r.out().contains("|  val loss"), r.out());
        assertTrue(r.out().matches("(?s).*early stop after epoch \\d+: .*keeping epoch \\d+.*"), r.out());
    }

    @Test
    void aRunResumedFromItsCheckpointEndsWithTheWeightsOfAnUninterruptedOne() {
        Path whole = dir.resolve("whole");
        Path part = dir.resolve("part");
        String[] common = {
            "--data", "iris", "--layers", "8:tanh,3:softmax", "--optimizer", "adam(lr=0.01)", "--no-progress"
        };
        assertEquals(
                0,
                Cli.run(concat(new String[] {"train", "--epochs", "6", "--out", whole.toString()}, common))
                        .status());
        assertEquals(
                0,
                Cli.run(concat(
                                new String[] {
                                    "train", "--epochs", "3", "--checkpoint-every", "3", "--out", part.toString()
                                },
                                common))
                        .status());

        Cli resumed = Cli.run(concat(
                new String[] {
                    "train",
                    "--epochs",
                    "6",
                    "--resume",
                    part.resolve("checkpoint.safetensors").toString(),
                    "--out",
                    part.toString()
                },
                common));

        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("epoch   4/6"), resumed.out());
        assertTrue(!resumed.out().contains("epoch   3/6"), "resumed after epoch 3: " + resumed.out());
        assertSameWeights(whole.resolve("model.safetensors"), part.resolve("model.safetensors"));
    }

    @Test
    void resumingAnIrisCheckpointOnAnotherCsvOfTheSameWidthIsRefusedInOneLine() throws IOException {
        Path out = dir.resolve("iris");
        String[] common = {"--layers", "8:tanh,3:softmax", "--optimizer", "adam(lr=0.01)", "--no-progress"};
        assertEquals(
                0,
                Cli.run(concat(
                                new String[] {
                                    "train",
                                    "--data",
                                    "iris",
                                    "--epochs",
                                    "2",
                                    "--checkpoint-every",
                                    "1",
                                    "--out",
                                    out.toString()
                                },
                                common))
                        .status());
        Path csv = dir.resolve("other.csv");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            s.append(i % 7)
                    .append(',')
                    .append(i % 5)
                    .append(',')
                    .append(i % 3)
                    .append(',')
                    .append(i % 11);
            s.append(',').append(i % 3).append('\n');
        }
        Files.writeString(csv, s);

        Cli resumed = Cli.run(concat(
                new String[] {
                    "train",
                    "--data",
                    "csv",
                    "--train",
                    csv.toString(),
                    "--epochs",
                    "4",
                    "--resume",
                    out.resolve("checkpoint.safetensors").toString(),
                    "--out",
                    dir.resolve("mixed").toString()
                },
                common));

        assertEquals(2, resumed.status(), resumed.err());
        assertEquals(1, resumed.err().strip().lines().count(), resumed.err());
        assertTrue(resumed.err().contains("was trained on a training set of"), resumed.err());
        assertFalse(Files.exists(dir.resolve("mixed")), "a refused run creates no output folder");
        assertEquals("", resumed.out(), "a refused run prints no heading");
    }

    @Test
    void aCsvWithTheLabelFirstAndAHeaderTrains() throws IOException {
        Path csv = dir.resolve("xor.csv");
        StringBuilder s = new StringBuilder("label,a,b\n");
        for (int i = 0; i < 200; i++) {
            int a = i % 2;
            int b = (i / 2) % 2;
            s.append(a ^ b)
                    .append(',')
                    .append(a + 0.01 * (i % 7))
                    .append(',')
                    .append(b - 0.01 * (i % 5))
                    .append('\n');
        }
        Files.writeString(csv, s);

        Cli r = train(
                "--data",
                "csv",
                "--train",
                csv.toString(),
                "--label-column",
                "1",
                "--layers",
                "8:tanh,2:softmax",
                "--optimizer",
                "adam(lr=0.05)",
                "--epochs",
                "40");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("data " + csv + ": 200 samples, 2 features, 2 classes"), r.out());
        assertTrue(testAccuracy(r.out()) >= 95.0, r.out());
    }

    @Test
    void aTinyIdxPairTrainsAndEvaluates() throws IOException {
        Path images = dir.resolve("img.idx3-ubyte");
        Path labels = dir.resolve("lbl.idx1-ubyte");
        Idxs.write(images, labels, 120, 4, 4);

        Cli r = train(
                "--data",
                "idx",
                "--train",
                images.toString(),
                "--train-labels",
                labels.toString(),
                "--epochs",
                "30",
                "--optimizer",
                "adam(lr=0.01)");
        Cli e = Cli.run(
                "eval",
                "--model",
                dir.resolve("model.safetensors").toString(),
                "--data",
                "idx",
                "--train",
                images.toString(),
                "--train-labels",
                labels.toString());

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("data " + images + ": 120 samples, 16 features, 3 classes"), r.out());
        assertEquals(0, e.status(), e.err());
        assertTrue(e.out().contains("accuracy " + String.format("%.2f", testAccuracy(r.out()))), e.out() + r.out());
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
