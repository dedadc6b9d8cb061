package org.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression, binary and multi-label runs from the command line: train, eval, predict, and their refusals. */
final class TestTasksEndToEnd {
    @TempDir
    Path dir;

    private static double figure(String out, String name) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\b" + name + " (-?[0-9.]+)").matcher(out);
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last;
    }

    @Test
    void diabetesTrainsARegressionAndEvalRepeatsItsTestFiguresInTheDataUnits() {
        Path out = dir.resolve("diabetes");
        Cli train = Cli.run("train", "--data", "diabetes", "--epochs", "40", "--no-progress", "--out", out.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("10 features, 1 target progression"), train.out());
        assertTrue(train.out().contains("task regression (the diabetes data set)"), train.out());
        double r2 = figure(train.out(), "r2");
        assertTrue(r2 > 0.3, "diabetes test R² " + r2 + "\n" + train.out());
        double rmse = figure(train.out(), "rmse");
        assertTrue(rmse > 30 && rmse < 80, "RMSE in the target's units (25..346): " + rmse);

        Cli eval = Cli.run("eval", "--model", out.resolve("model.safetensors").toString(), "--data", "diabetes");
        assertEquals(0, eval.status(), eval.err());
        assertEquals(r2, figure(eval.out(), "r2"), 1e-4, eval.out());
    }

    @Test
    void aRegressionPredictsValuesInTheDataUnits() throws IOException {
        Path out = dir.resolve("d");
        assertEquals(
                0,
                Cli.run("train", "--data", "diabetes", "--epochs", "30", "-q", "--out", out.toString())
                        .status());
        Path in = dir.resolve("x.csv");
        Files.writeString(in, "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6\n59,2,32.1,101.0,157,93.2,38.0,4.0,4.8598,87\n");
        Cli r = Cli.run("predict", "--model", out.resolve("model.safetensors").toString(), "--input", in.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("progression", lines.get(0));
        double v = Double.parseDouble(lines.get(1));
        assertTrue(v > 25 && v < 346, "a progression, not a standardized value: " + v);
    }

    @Test
    void breastCancerTrainsOneSigmoidWithNllAndReportsAuc() throws IOException {
        Path out = dir.resolve("bc");
        Cli train =
                Cli.run("train", "--data", "breast-cancer", "--epochs", "20", "--no-progress", "--out", out.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("30 → 64 relu → 1 sigmoid, loss nll"), train.out());
        assertTrue(figure(train.out(), "roc_auc") > 0.97, train.out());
        Cli eval = Cli.run(
                "eval", "--model", out.resolve("model.safetensors").toString(), "--data", "breast-cancer", "--json");
        assertEquals(0, eval.status(), eval.err());
        JsonNode json = new ObjectMapper().readTree(eval.out());
        assertEquals("binary", json.get("task").asText());
        assertTrue(json.get("metrics").has("roc_auc"), eval.out());
        assertEquals(2, json.get("confusion").size());
    }

    /** Three 0/1 labels from two features: a = x₁ > 0, b = x₂ > 0, c = x₁ + x₂ > 1. */
    private Path multilabelCsv() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder b = new StringBuilder("x1,x2,a,b,c\n");
        for (int i = 0; i < 400; i++) {
            double x1 = r.nextGaussian();
            double x2 = r.nextGaussian();
            b.append(String.format(
                    java.util.Locale.ROOT,
                    "%.4f,%.4f,%d,%d,%d%n",
                    x1,
                    x2,
                    x1 > 0 ? 1 : 0,
                    x2 > 0 ? 1 : 0,
                    x1 + x2 > 1 ? 1 : 0));
        }
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, b);
        return csv;
    }

    @Test
    void aMultilabelRunNamesItsLabelsAndReportsF1PerLabel() throws IOException {
        Path csv = multilabelCsv();
        Path out = dir.resolve("ml");
        Cli train = Cli.run(
                "train",
                "--data",
                csv.toString(),
                "--task",
                "multilabel",
                "--target",
                "a,b,c",
                "--layers",
                "2,16:tanh,3:sigmoid",
                "--loss",
                "nll",
                "--optimizer",
                "adam(lr=0.01)",
                "--epochs",
                "40",
                "--no-progress",
                "--out",
                out.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("3 targets a, b, c"), train.out());
        assertTrue(figure(train.out(), "micro_f1") > 0.9, train.out());
        Cli eval = Cli.run(
                "eval",
                "--model",
                out.resolve("model.safetensors").toString(),
                "--data",
                csv.toString(),
                "--target",
                "a,b,c");
        assertEquals(0, eval.status(), eval.err());
        assertTrue(eval.out().contains("f1[c]"), eval.out());
        assertTrue(eval.out().contains("hamming_loss"), eval.out());
    }

    @Test
    void theTaskIsInferredFromTheLossAndSaidSo() throws IOException {
        Path csv = multilabelCsv();
        Cli r = Cli.run(
                "train",
                "--data",
                csv.toString(),
                "--target-columns",
                "3,4,5",
                "--layers",
                "2,8:relu,3:sigmoid",
                "--loss",
                "nll",
                "--epochs",
                "1",
                "--no-progress",
                "--plot",
                "none",
                "--out",
                dir.resolve("inf").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("task multilabel (inferred from 3 sigmoid outputs with loss nll)"), r.out());
    }

    @Test
    void everyNewFlagRoundTripsThroughPrintConfig() throws IOException {
        Path csv = multilabelCsv();
        Cli printed = Cli.run(
                "train",
                "--data",
                csv.toString(),
                "--task",
                "regression",
                "--target",
                "a",
                "--feature-columns",
                "x1,x2",
                "--target-scaling",
                "none",
                "--print-config");
        assertEquals(0, printed.status(), printed.err());
        JsonNode data = new ObjectMapper().readTree(printed.out()).get("data");
        assertEquals("regression", data.get("task").asText());
        assertEquals("[\"a\"]", data.get("targets").toString());
        assertEquals("[\"x1\",\"x2\"]", data.get("features").toString());
        assertEquals("none", data.get("target_scaling").asText());
        Path spec = dir.resolve("run.json");
        Files.writeString(spec, printed.out());
        Cli again = Cli.run("train", "--spec", spec.toString(), "--print-config");
        assertEquals(printed.out(), again.out());
    }

    @Test
    void contradictoryChoicesAreRefusedInOneLineBeforeTraining() throws IOException {
        Path csv = multilabelCsv();
        Cli softmaxOne = Cli.run(
                "train",
                "--data",
                "breast-cancer",
                "--layers",
                "30,8:relu,1:softmax",
                "--out",
                dir.resolve("x").toString());
        assertEquals(2, softmaxOne.status());
        assertTrue(softmaxOne.err().contains("softmax with one unit always outputs 1"), softmaxOne.err());
        Cli regressionCe = Cli.run(
                "train",
                "--data",
                "diabetes",
                "--loss",
                "cross_entropy",
                "--out",
                dir.resolve("y").toString());
        assertEquals(2, regressionCe.status());
        assertTrue(
                regressionCe.err().contains("task regression: loss cross_entropy is for classes"), regressionCe.err());
        Cli nllOnValues = Cli.run(
                "train",
                "--data",
                csv.toString(),
                "--task",
                "multilabel",
                "--target",
                "x1",
                "--out",
                dir.resolve("z").toString());
        assertEquals(2, nllOnValues.status());
        assertTrue(nllOnValues.err().contains("line 2, column 1: expected a label 0 or 1, found"), nllOnValues.err());
        for (Cli c : List.of(softmaxOne, regressionCe, nllOnValues)) {
            assertEquals(1, c.err().strip().lines().count(), c.err());
        }
        assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("y")) || Files.exists(dir.resolve("z")));
    }

    @Test
    void anUnknownTargetColumnIsNamedWithTheHeader() throws IOException {
        Path csv = multilabelCsv();
        Cli r = Cli.run(
                "train",
                "--data",
                csv.toString(),
                "--task",
                "regression",
                "--target",
                "price",
                "--out",
                dir.resolve("u").toString());
        assertEquals(2, r.status());
        assertEquals(
                "nn: data target column 'price': expected one of the header's names 'x1, x2, a, b, c' in " + csv,
                r.err().strip());
    }
}
