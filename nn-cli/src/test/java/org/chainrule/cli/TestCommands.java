package org.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nn eval}, {@code predict}, {@code explain}, {@code gradcheck}, {@code list}, {@code --version}, end to end. */
final class TestCommands {
    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void trainIris() {
        Cli r = Cli.run("train", "--data", "iris", "--epochs", "40", "--no-progress", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        model = dir.resolve("model.safetensors");
    }

    @Test
    void evalReportsWhatTrainReportedForTheTestSplitWithPerClassScores() {
        Cli train = Cli.run(
                "train",
                "--data",
                "iris",
                "--epochs",
                "40",
                "--no-progress",
                "--out",
                dir.resolve("again").toString());
        Cli r = Cli.run("eval", "--model", model.toString(), "--data", "iris");

        assertEquals(0, r.status(), r.err());
        String accuracy = String.format("%.2f%%", TestTrainCommand.testAccuracy(train.out()));
        assertTrue(r.out().contains("accuracy " + accuracy), r.out());
        assertTrue(r.out().contains("class precision    recall        f1   support"), r.out());
        assertTrue(r.out().contains("confusion matrix (rows: true class, columns: predicted)"), r.out());
    }

    @Test
    void evalJsonHasAConfusionMatrixThatSumsToTheSamples() throws IOException {
        Cli r = Cli.run("eval", "--model", model.toString(), "--data", "iris", "--split", "all", "--json");

        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(150, json.get("samples").asInt());
        int sum = 0;
        for (JsonNode row : json.get("confusion")) {
            for (JsonNode v : row) {
                sum += v.asInt();
            }
        }
        assertEquals(150, sum);
        assertEquals(3, json.get("classes").size());
    }

    @Test
    void predictWritesOneClassPerRowAndTheProbabilities() throws IOException {
        Path in = dir.resolve("x.csv");
        Files.writeString(in, "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n7.7,3.0,6.1,2.3\n");
        Path out = dir.resolve("y.csv");

        Cli r = Cli.run(
                "predict",
                "--model",
                model.toString(),
                "--input",
                in.toString(),
                "--output",
                out.toString(),
                "--proba");

        assertEquals(0, r.status(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("class,p0,p1,p2", lines.get(0));
        assertTrue(lines.get(1).startsWith("0,"), lines.toString());
        assertTrue(lines.get(2).startsWith("2,"), lines.toString());
        double sum = 0;
        for (String p : lines.get(1).split(",", 2)[1].split(",")) {
            sum += Double.parseDouble(p);
        }
        assertEquals(1.0, sum, 1e-5);
    }

    @Test
    void predictPrintsToStandardOutputByDefault() throws IOException {
        Path in = dir.resolve("one.csv");
        Files.writeString(in, "6.7,3.1,4.7,1.5\n");

        Cli r = Cli.run("predict", "--model", model.toString(), "--input", in.toString());

        assertEquals("class\n1\n", r.out().replace("\r\n", "\n"));
    }

    @Test
    void predictIntoAFolderThatDoesNotExistIsOneLineNamingIt() throws IOException {
        Path in = dir.resolve("two.csv");
        Files.writeString(in, "6.7,3.1,4.7,1.5\n");
        Path out = dir.resolve("missing/y.csv");

        Cli r = Cli.run("predict", "--model", model.toString(), "--input", in.toString(), "--output", out.toString());

        assertEquals(2, r.status(), r.err());
        assertEquals(
                "nn: --output " + out + ": the folder " + out.getParent() + " does not exist\n",
                r.err().replace("\r\n", "\n"));
    }

    /** The same recitation in the seeds' own layout: α and β with the bias as column 0, and their gradients. */
    @Test
    void explainPrintsTheRecitationInTheSeedsFoldedBiasLayout() throws IOException {
        Path spec = recitationSpec();
        Path weights = dir.resolve("recitation.json");
        Cli r = Cli.run(
                "explain",
                "--spec",
                spec.toString(),
                "--weights",
                weights.toString(),
                "--input",
                "1,2",
                "--target",
                "3",
                "--layout",
                "folded-bias");

        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(
                List.of(
                        "  α = [[2, 1, 0], [0, 2, 0]]",
                        "  dℓ/dα = [[4, 4, 8], [8, 8, 16]]",
                        "  β = [0, 1, 2]",
                        "  dℓ/dβ = [4, 12, 8]"),
                lines.subList(lines.size() - 4, lines.size()));
    }

    private static Path recitationSpec() throws IOException {
        Path spec = dir.resolve("recitation.yaml");
        Files.writeString(spec, """
                network:
                  inputs: 2
                  layers:
                    - {units: 2, activation: relu}
                    - {units: 1, activation: identity}
                  loss: square(scale=0.5)
                """);
        Files.writeString(dir.resolve("recitation.json"), """
                {"layers": [{"weight": [[1, 2], [0, 0]], "bias": [2, 0]},
                            {"weight": [[1], [2]], "bias": [0]}]}
                """);
        return spec;
    }

    /** Recitation 000 §2 and §4: x = [1, 2], y = 3, α = [[2, 1, 0], [0, 2, 0]], β = [0, 1, 2]. */
    @Test
    void explainPrintsTheRecitationsNumbersExactly() throws IOException {
        Path spec = recitationSpec();
        Path weights = dir.resolve("recitation.json");

        Cli r = Cli.run(
                "explain",
                "--spec",
                spec.toString(),
                "--weights",
                weights.toString(),
                "--input",
                "1,2",
                "--target",
                "3");

        assertEquals(0, r.status(), r.err());
        assertEquals(
                List.of(
                        "network 2 → 2 relu → 1 identity, loss square(scale=0.5)",
                        "the given sample: x = [1, 2], y = [3]",
                        "",
                        "forward: Z(l) = A(l-1)·W(l) + b(l), A(l) = f(Z(l)), A(0) = x",
                        "  layer 1, relu",
                        "    Z(1) = [3, 2]",
                        "    A(1) = [3, 2]",
                        "  layer 2, identity",
                        "    Z(2) = [7]",
                        "    A(2) = [7]",
                        "  loss J = 8",
                        "",
                        "backward, from the output down",
                        "  layer 2",
                        "    dJ/dA(2) = [4]   (from the loss)",
                        "    dJ/dZ(2) = [4]",
                        "    dJ/dW(2) = [[12], [8]]   = A(1)ᵀ·dJ/dZ(2)",
                        "    dJ/db(2) = [4]",
                        "  layer 1",
                        "    dJ/dA(1) = [4, 8]   = dJ/dZ(2)·W(2)ᵀ",
                        "    dJ/dZ(1) = [4, 8]",
                        "    dJ/dW(1) = [[4, 8], [8, 16]]   = A(0)ᵀ·dJ/dZ(1)",
                        "    dJ/db(1) = [4, 8]"),
                r.out().lines().toList());
    }

    @Test
    void explainJsonOfASampleOfTheDataHasEveryQuantityPerLayer() throws IOException {
        Cli r = Cli.run("explain", "--model", model.toString(), "--data", "iris", "--sample", "0", "--json");

        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(2, json.get("layers").size());
        for (String key : List.of("Z", "A", "dA", "dZ", "dW", "db")) {
            assertTrue(json.get("layers").get(0).has(key), key);
        }
        assertTrue(json.get("joint_output_derivative").asBoolean());
        assertEquals("[[5.1,3.5,1.4,0.2]]", json.get("x").toString());
    }

    /** J is the batch's mean loss, so a batch's dJ/dW and dJ/db are the means of its samples' own. */
    @Test
    void explainOfABatchGivesTheMeanOfItsSamplesGradients() throws IOException {
        JsonNode batch = explainJson("--sample", "0..1");
        JsonNode first = explainJson("--sample", "0");
        JsonNode second = explainJson("--sample", "1");

        assertEquals(2, batch.get("x").size());
        assertEquals(
                (first.get("loss").asDouble() + second.get("loss").asDouble()) / 2,
                batch.get("loss").asDouble(),
                1e-6);
        for (int l = 0; l < 2; l++) {
            for (String key : List.of("dW", "db")) {
                JsonNode b = batch.get("layers").get(l).get(key);
                JsonNode f = first.get("layers").get(l).get(key);
                JsonNode s = second.get("layers").get(l).get(key);
                for (int r = 0; r < b.size(); r++) {
                    for (int c = 0; c < b.get(r).size(); c++) {
                        double mean =
                                (f.get(r).get(c).asDouble() + s.get(r).get(c).asDouble()) / 2;
                        assertEquals(mean, b.get(r).get(c).asDouble(), 1e-5, key + " layer " + (l + 1));
                    }
                }
            }
        }
    }

    private static JsonNode explainJson(String... selection) throws IOException {
        List<String> args =
                new java.util.ArrayList<>(List.of("explain", "--model", model.toString(), "--data", "iris", "--json"));
        args.addAll(List.of(selection));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void explainOfTwoGivenRowsPrintsAMatrixPerQuantityAndTheMeanGradient() throws IOException {
        Path spec = recitationSpec();
        Cli r = Cli.run(
                "explain",
                "--spec",
                spec.toString(),
                "--weights",
                dir.resolve("recitation.json").toString(),
                "--input",
                "1,2",
                "--input",
                "1,2",
                "--target",
                "3",
                "--target",
                "7",
                "--layout",
                "folded-bias");

        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("the given 2 samples: x = [[1, 2], [1, 2]], y = [[3], [7]]"), r.out());
        assertTrue(lines.contains("    Z(2) = [[7], [7]]"), r.out());
        // ŷ - y is 4 and 0: the mean of the recitation's gradient and none
        assertEquals("  dJ/dβ = [2, 6, 4]", lines.get(lines.size() - 1));
    }

    @Test
    void explainOfASampleOutsideTheDataNamesTheRange() {
        Cli r = Cli.run("explain", "--model", model.toString(), "--data", "iris", "--sample", "148..150");

        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("nn: --sample: expected 0..149 ("), r.err());
        assertTrue(r.err().endsWith("found 150\n"), r.err());
    }

    @Test
    void exportWritesAnOnnxModelAndSaysWhatItReadsAndWrites() throws IOException {
        Path out = dir.resolve("iris.onnx");

        Cli r = Cli.run("export", "--format", "onnx", "--model", model.toString(), "--out", out.toString());

        assertEquals(0, r.status(), r.err());
        assertTrue(
                r.out()
                        .startsWith("wrote " + out + " (ONNX opset 17, " + Files.size(out) + " bytes): input [batch, 4]"
                                + " → output [batch, 3], 4 → "),
                r.out());
        byte[] onnx = Files.readAllBytes(out);
        assertEquals(0x08, onnx[0], "ModelProto field 1, ir_version, first");
        assertEquals(8, onnx[1], "IR version 8");
    }

    @Test
    void exportToAnUnknownFormatIsOneLineNamingIt() {
        Cli r = Cli.run("export", "--format", "tflite", "--model", model.toString(), "--out", "x.tflite");

        assertEquals(2, r.status());
        assertEquals("nn: --format: expected onnx, found 'tflite'\n", r.err());
    }

    /** The command on the module path has no nn-spark: the message says what to add. */
    @Test
    void trainOnSparkWithoutNnSparkSaysWhatIsMissing() {
        Cli r = Cli.run("train", "--spark", "local[2]", "--data", "iris", "--epochs", "1", "--no-progress");

        assertEquals(2, r.status());
        assertEquals(
                "nn: training on spark: expected org.chainrule:nn-spark and spark itself on the class path, found no"
                        + " cluster trainers\n",
                r.err());
    }

    @Test
    void gradcheckPassesForASmoothNetworkWithATableAndExitZero() {
        Cli r = Cli.run("gradcheck", "--layers", "5,7:tanh,6:softplus,3:softmax");

        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals(9, r.out().lines().count(), r.out()); // title, header, six tensors, verdict
        assertTrue(r.out().endsWith("passed\n"), r.out());
    }

    @Test
    void gradcheckWithoutTheNumberOfInputsSaysHowToGiveIt() {
        Cli r = Cli.run("gradcheck", "--layers", "7:tanh,3:softmax");

        assertEquals(2, r.status());
        assertEquals("nn: gradcheck: expected a network section with inputs and layers, found no inputs\n", r.err());
    }

    @Test
    void listShowsOneKindWithModuleJarAndParameters() {
        Cli r = Cli.run("list", "activations");

        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().matches("(?s).*activation +leaky_relu +z if z > 0 else alpha\\*z\\n.*"), r.out());
        assertTrue(r.out().contains("from org.chainrule.activations ("), r.out());
        assertTrue(r.out().contains("alpha: real ≥ 0, ≤ 1 (default 0.01)"), r.out());
        assertTrue(!r.out().contains("optimizer "), r.out());
    }

    @Test
    void versionNamesChainruleAndJava() {
        Cli r = Cli.run("--version");

        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("Chainrule nn 0."), r.out());
        assertTrue(r.out().contains("Java 25"), r.out());
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : List.of("list", "train", "eval", "predict", "export", "import", "explain", "gradcheck")) {
            Cli r = Cli.run(command, "--help");

            assertEquals(0, r.status(), command);
            assertTrue(r.out().contains("Examples:"), command + ": " + r.out());
        }
        assertTrue(Cli.run("--help").out().contains("Exit status:"));
    }

    @Test
    void aCompletionScriptIsGenerated() {
        Cli r = Cli.run("generate-completion");

        assertEquals(0, r.status(), r.err());
        assertTrue(
                r.out().contains("complete -F"),
                r.out().substring(0, Math.min(200, r.out().length())));
    }
}
