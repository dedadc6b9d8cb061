package org.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestTrainCommand {
    private static double testAccuracy(String out) {
        Matcher m = Pattern.compile("test accuracy ([0-9.]+)% ").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void defaultTrainingReachesNinetyFivePercentOnDigits() {
        Cli r = Cli.run("train");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("data embedded digits.csv.gz: 1797 samples, 64 features, 10 classes"), r.out());
        assertTrue(r.out().contains("epoch  30/30"), r.out());
        assertTrue(testAccuracy(r.out()) >= 95.0, r.out());
    }

    @Test
    void sameSeedPrintsTheSameRun() {
        String[] args = {"train", "--data", "iris", "--epochs", "5", "--layers", "8", "--activation", "tanh"};

        String first = Cli.run(args).out().replaceAll(" +[0-9.]+ s\n", "\n");
        String second = Cli.run(args).out().replaceAll(" +[0-9.]+ s\n", "\n");

        assertEquals(first, second);
    }

    @Test
    void flagsChooseEveryPluginByName() {
        Cli r = Cli.run(
                "train",
                "--data",
                "iris",
                "--layers",
                "10,6",
                "--activation",
                "leaky_relu(alpha=0.05)",
                "--output",
                "sigmoid",
                "--loss",
                "nll",
                "--init",
                "xavier(distribution=normal)",
                "--output-init",
                "gaussian(std=0.1)",
                "--bias-init",
                "constant(value=0.01)",
                "--optimizer",
                "adam",
                "--lr",
                "0.01",
                "--epochs",
                "60",
                "--batch-size",
                "16",
                "--seed",
                "7");

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
    void unknownActivationIsOneLineNamingLayerAndClosestName() {
        Cli r = Cli.run("train", "--activation", "rleu");

        assertEquals(2, r.status());
        assertTrue(
                r.err()
                        .startsWith(
                                "nn: layer 1 activation: unknown activation 'rleu' (did you mean 'relu'?); installed: "),
                r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void badOptimizerParameterFailsBeforeTraining() {
        Cli r = Cli.run("train", "--optimizer", "momentum(momentum=2)");

        assertEquals(2, r.status());
        assertEquals(
                "nn: optimizer 'momentum': parameter 'momentum': expected real ≥ 0, ≤ 0.999999, found 2\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void missingDataFileIsReported() {
        Cli r = Cli.run("train", "--data", "/no/such/file.csv");

        assertEquals(2, r.status());
        assertEquals("nn: /no/such/file.csv: no such file (give a CSV path, or 'digits' or 'iris')\n", r.err());
    }

    @Test
    void malformedCsvNamesLineAndColumn(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "1,2,0\n3,4,1\n5,x,1\n");

        Cli r = Cli.run("train", "--data", csv.toString());

        assertEquals(2, r.status());
        assertEquals("nn: " + csv + " line 3, column 2: expected a number, found 'x'\n", r.err());
    }

    @Test
    void raggedCsvNamesTheLineAndBothWidths(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("ragged.csv");
        Files.writeString(csv, "a,b,class\n1,2,0\n3,4,5,1\n");

        Cli r = Cli.run("train", "--data", csv.toString());

        assertEquals("nn: " + csv + " line 3: expected 3 columns (as line 2), found 4\n", r.err());
    }

    @Test
    void fractionalLabelIsRejected(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "1,2,0\n3,4,1.5\n");

        Cli r = Cli.run("train", "--data", csv.toString());

        assertEquals(
                "nn: " + csv + " line 2, column 3: expected a class label (a whole number ≥ 0), found '1.5'\n",
                r.err());
    }

    @Test
    void zeroUnitHiddenLayerIsRejected() {
        Cli r = Cli.run("train", "--layers", "16,0");

        assertEquals("nn: --layers: hidden layer 2 must have at least 1 unit, found 0\n", r.err());
    }
}
