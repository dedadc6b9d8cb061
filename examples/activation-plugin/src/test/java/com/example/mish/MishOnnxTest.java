package com.example.mish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Model;
import org.chainrule.onnx.OnnxExporter;
import org.junit.jupiter.api.Test;

/** The plugin's ONNX form: a network with mish in it, exported, gives the same outputs in ONNX Runtime. */
class MishOnnxTest {
    @Test
    void mishExportsToOnnxAndOnnxRuntimeComputesWhatTheJavaCodeDoes() throws Exception {
        Chainrule cr = Chainrule.create();
        Model model = cr.model(cr.network(
                new NetworkSpec(
                        3,
                        List.of(
                                new LayerSpec(8, PluginSpec.parse("mish(beta=2)")),
                                new LayerSpec(2, PluginSpec.of("identity"))),
                        PluginSpec.of("square")),
                7));
        Random r = new Random(1);
        Matrix x = new Matrix(16, 3);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (float) (2 * r.nextGaussian());
        }

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][] onnx;
        try (OrtSession s = env.createSession(OnnxExporter.toBytes(model), new OrtSession.SessionOptions());
                OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), new long[] {16, 3});
                OrtSession.Result out = s.run(Map.of("input", in))) {
            onnx = (float[][]) out.get(0).getValue();
        }

        Matrix expected = model.predict(x);
        for (int i = 0; i < 16; i++) { // within 1e-5 of the row's largest output: float32 round-off only
            double scale = Math.max(1e-3, Math.max(Math.abs(expected.get(i, 0)), Math.abs(expected.get(i, 1))));
            for (int j = 0; j < 2; j++) {
                assertEquals(expected.get(i, j), onnx[i][j], 1e-5 * scale, "row " + i + " column " + j);
            }
        }
    }
}
