package org.chainrule.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.chainrule.api.OnnxForm.Node;
import org.junit.jupiter.api.Test;

class TestOnnxForm {
    @Test
    void aFormOfOneOperatorReadsXAndWritesY() {
        OnnxForm f = OnnxForm.op("Relu");

        assertEquals(List.of(Node.of("Relu", "y", "x")), f.nodes());
    }

    @Test
    void attributesAreKeptInNameOrderWhateverOrderTheyWereGivenIn() {
        Node n = Node.of("Gemm", "y", "x").with("transB", 1).with("alpha", 2f);

        assertEquals(List.of("alpha", "transB"), List.copyOf(n.attributes().keySet()));
    }

    @Test
    void anInputThatNothingWroteIsRefusedNamingTheNode() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> OnnxForm.of(Node.of("Tanh", "t", "s"), Node.of("Mul", "y", "x", "t")));

        assertEquals(
                "ONNX form node 1 (Tanh): input 's': expected x or an earlier node's output, found none that writes it",
                e.getMessage());
    }

    @Test
    void aFormWhoseLastNodeDoesNotWriteYIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> OnnxForm.of(Node.of("Relu", "r", "x")));

        assertEquals("ONNX form: expected the last node to write 'y', found 'r'", e.getMessage());
    }

    @Test
    void aNameWrittenTwiceIsRefused() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> OnnxForm.of(Node.of("Relu", "r", "x"), Node.of("Tanh", "r", "x")));

        assertEquals("ONNX form node 2 (Tanh): output 'r' is written twice", e.getMessage());
    }

    @Test
    void anAttributeThatIsNeitherAnIntegerNorARealIsRefused() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> Node.of("Elu", "y", "x").with("alpha", (short) 1));

        assertEquals("ONNX form node Elu attribute alpha: expected an integer or a real, found 1", e.getMessage());
    }
}
