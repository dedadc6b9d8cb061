package org.chainrule.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;
import org.junit.jupiter.api.Test;

/** What an application that embeds the engine does: arrays in, a trained network, predictions out. */
final class TestEmbedding {
    @Test
    void trainsOnPlainArraysAndPredictsTheTargets() {
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {1}}; // OR
        Network net = Fixtures.CHAINRULE.network(
                NetworkSpec.builder(2)
                        .dense(4, "tanh")
                        .dense(1, "sigmoid")
                        .loss("nll")
                        .build(),
                1);

        Fixtures.CHAINRULE.train(
                net,
                TrainingConfig.defaults().withEpochs(300).withBatchSize(4),
                Dataset.of(x, y),
                null,
                TrainingListener.NONE);
        float[][] p = net.predict(Matrix.of(x)).toArray();

        for (int i = 0; i < 4; i++) {
            assertEquals(y[i][0], Math.round(p[i][0]), "sample " + i + " predicted " + p[i][0]);
        }
    }

    @Test
    void predictionsFromEightThreadsEqualThoseFromOne() throws Exception {
        Network net = Fixtures.CHAINRULE.network(
                NetworkSpec.builder(30)
                        .dense(64, "relu")
                        .dense(5, "softmax")
                        .loss("cross_entropy")
                        .build(),
                2);
        List<Matrix> inputs = new ArrayList<>();
        List<Matrix> expected = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            inputs.add(Fixtures.gaussian(1 + i % 7, 30, 1, i));
            expected.add(net.predict(inputs.get(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Matrix>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    List<Matrix> out = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        for (Matrix in : inputs) {
                            out.add(net.predict(in));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<Matrix>> f : results) {
                List<Matrix> out = f.get();
                for (int i = 0; i < out.size(); i++) {
                    assertArrayEquals(
                            expected.get(i % inputs.size()).data(), out.get(i).data());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
