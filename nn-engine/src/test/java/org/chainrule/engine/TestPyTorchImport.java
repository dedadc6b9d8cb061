package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.Matrix;
import org.chainrule.api.ModelFormatException;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network trained in PyTorch (src/test/resources/pytorch/make_pytorch_import.py, torch 1.13),
 * saved in safetensors.torch.save_file's layout and with numpy.savez, imports and predicts what
 * PyTorch predicted for the same 64 rows.
 */
class TestPyTorchImport {
    /** Relative to the row's largest output: float32 round-off, not a transposition or an order slip. */
    static final double TOLERANCE = 1e-5;

    static final NetworkSpec SPEC = spec(4, "16:relu", "8:tanh", "3:softmax");

    @TempDir
    Path dir;

    @Test
    void aSafetensorsStateDictPredictsWhatPyTorchPredicted() throws IOException {
        ImportedModel imported = Fixtures.CHAINRULE.importPyTorch(SPEC, resource("sequential.safetensors"));

        assertSameAsPyTorch(imported.model());
    }

    @Test
    void anNpzStateDictPredictsWhatPyTorchPredicted() throws IOException {
        ImportedModel imported = Fixtures.CHAINRULE.importPyTorch(SPEC, resource("sequential.npz"));

        assertSameAsPyTorch(imported.model());
    }

    @Test
    void theMappingSaysWhereEachTensorWentInLayerOrder() throws IOException {
        ImportedModel imported = Fixtures.CHAINRULE.importPyTorch(SPEC, resource("sequential.safetensors"));

        assertEquals(
                List.of(
                        "0.weight [16, 4] → layers.1.weight [4, 16] (transposed)",
                        "0.bias [16] → layers.1.bias [16]",
                        "2.weight [8, 16] → layers.2.weight [16, 8] (transposed)",
                        "2.bias [8] → layers.2.bias [8]",
                        "4.weight [3, 8] → layers.3.weight [8, 3] (transposed)",
                        "4.bias [3] → layers.3.bias [3]"),
                imported.mapping());
    }

    @Test
    void anImportedModelSavesAndLoadsAsAChainruleModel() throws IOException {
        Model model = Fixtures.CHAINRULE
                .importPyTorch(SPEC, resource("sequential.npz"))
                .model();
        Path file = dir.resolve("imported.safetensors");

        model.save(file);

        assertSameAsPyTorch(Fixtures.CHAINRULE.load(file));
    }

    @Test
    void aPickledArrayIsRefusedWithoutRunningIt() throws IOException {
        Path file = resource("pickled.npz");

        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> Fixtures.CHAINRULE.importPyTorch(SPEC, file));

        assertEquals(
                "PyTorch file " + file + " array \"0.weight\": dtype \"|O\" holds pickled Python objects; refused"
                        + " (loading them would run code from the file)",
                e.getMessage());
    }

    @Test
    void aNetworkOfOtherSizesIsRefusedNamingTheTensorAndBothShapes() throws IOException {
        Path file = resource("sequential.safetensors");

        ModelFormatException e = assertThrows(
                ModelFormatException.class,
                () -> Fixtures.CHAINRULE.importPyTorch(spec(4, "16:relu", "9:tanh", "3:softmax"), file));

        assertEquals(
                "PyTorch file " + file
                        + ": tensor \"2.weight\": expected shape [9, 16] ([out, in] for layer 2: 16 → 9),"
                        + " found [8, 16]",
                e.getMessage());
    }

    @Test
    void aNetworkOfAnotherDepthIsRefusedListingTheLayersFound() throws IOException {
        Path file = resource("sequential.npz");

        ModelFormatException e = assertThrows(
                ModelFormatException.class,
                () -> Fixtures.CHAINRULE.importPyTorch(spec(4, "16:relu", "3:softmax"), file));

        assertEquals(
                "PyTorch file " + file + ": expected 2 Linear layers for 4 → 16 → 3, found 3 (0, 2, 4)",
                e.getMessage());
    }

    @Test
    void aFileThatIsNeitherIsOneLineNamingIt() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "not a tensor file at all");

        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> Fixtures.CHAINRULE.importPyTorch(SPEC, file));

        assertTrue(
                e.getMessage().startsWith("PyTorch file " + file + ": header length at byte 0: expected"),
                e.getMessage());
    }

    /** numpy.savez keeps an array's dtype and order: float64 and Fortran order read as the same values. */
    @Test
    void aFortranOrderFloat64WeightAndABigEndianBiasReadAsTheirValues() throws IOException {
        Path file = dir.resolve("fortran.npz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            // PyTorch's [out, in] = [[1, 2], [3, 4], [5, 6]], stored column by column
            zip.putNextEntry(new java.util.zip.ZipEntry("0.weight.npy"));
            zip.write(npy("<f8", true, "(3, 2)", java.nio.ByteOrder.LITTLE_ENDIAN, 1, 3, 5, 2, 4, 6));
            zip.putNextEntry(new java.util.zip.ZipEntry("0.bias.npy"));
            zip.write(npy(">f4", false, "(3,)", java.nio.ByteOrder.BIG_ENDIAN, 0.5, -1, 2));
        }

        Model model =
                Fixtures.CHAINRULE.importPyTorch(spec(2, "3:softmax"), file).model();

        assertEquals(
                "[[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]",
                java.util.Arrays.deepToString(model.weights(1).toArray()));
        assertEquals(
                "[[0.5, -1.0, 2.0]]",
                java.util.Arrays.deepToString(model.biases(1).toArray()));
    }

    /** @return a version-1 .npy file of these values, as doubles for f8 and floats for f4 */
    private static byte[] npy(String dtype, boolean fortran, String shape, java.nio.ByteOrder order, double... v) {
        String header = "{'descr': '" + dtype + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        int size = dtype.endsWith("8") ? 8 : 4;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + v.length * size);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort((short) header.length());
        b.put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).order(order);
        for (double d : v) {
            if (size == 8) {
                b.putDouble(d);
            } else {
                b.putFloat((float) d);
            }
        }
        return b.array();
    }

    @Test
    void layersSortInNaturalOrderSoTenComesAfterTwo() {
        List<String> names = new ArrayList<>(List.of("10", "2", "fc10", "fc2", "0"));

        names.sort(PyTorchImport::natural);

        assertEquals(List.of("0", "2", "10", "fc2", "fc10"), names);
    }

    // ------------------------------------------------------------------ helpers

    private void assertSameAsPyTorch(Model model) throws IOException {
        JsonNode golden;
        try (InputStream in = TestPyTorchImport.class.getResourceAsStream("/pytorch/sequential.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        Matrix x = matrix(golden.get("inputs"));
        Matrix expected = matrix(golden.get("outputs"));
        Matrix actual = model.predict(x);
        double worst = 0;
        for (int r = 0; r < x.rows(); r++) {
            double scale = 1e-3;
            for (int c = 0; c < expected.cols(); c++) {
                scale = Math.max(scale, Math.abs(expected.get(r, c)));
            }
            for (int c = 0; c < expected.cols(); c++) {
                double error = Math.abs(expected.get(r, c) - actual.get(r, c)) / scale;
                worst = Math.max(worst, error);
                assertTrue(
                        error <= TOLERANCE,
                        "row " + r + " column " + c + ": PyTorch " + expected.get(r, c) + ", Chainrule "
                                + actual.get(r, c));
            }
        }
        System.out.printf("PyTorch import: largest relative error %.2e%n", worst);
    }

    private static Matrix matrix(JsonNode rows) {
        Matrix m = new Matrix(rows.size(), rows.get(0).size());
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                m.set(r, c, rows.get(r).get(c).floatValue());
            }
        }
        return m;
    }

    /** Copies a test resource to a file: the importer reads paths. */
    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = TestPyTorchImport.class.getResourceAsStream("/pytorch/" + name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static NetworkSpec spec(int inputs, String... layers) {
        List<LayerSpec> list = new ArrayList<>();
        for (String l : layers) {
            String[] u = l.split(":");
            list.add(new LayerSpec(Integer.parseInt(u[0]), PluginSpec.parse(u[1])));
        }
        return new NetworkSpec(inputs, list, PluginSpec.of("cross_entropy"));
    }
}
