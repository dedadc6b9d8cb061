package org.chainrule.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chainrule.api.Matrix;
import org.chainrule.api.NetworkSpec;

/**
 * An application as a user writes one, using the public API only: it loads the plugins of a folder,
 * trains a network that uses two of them ({@code mish} and {@code scaled_a}, which needs a library
 * of its own), saves the model, loads it back and predicts. {@link TestClassPathApplication} runs
 * it in a JVM on the class path and in the test's own JVM on the module path.
 */
public final class ClassPathApplication {
    private ClassPathApplication() {}

    /** @return the problems of loading the folder, then each prediction as hex floats, one line each */
    static List<String> run(Path folder, Path model) {
        Plugins plugins = Plugins.discover(List.of(folder));
        Chainrule chainrule = Chainrule.create(plugins);
        NetworkSpec spec = NetworkSpec.builder(4)
                .dense(8, "mish(beta=1.5)")
                .dense(6, "scaled_a")
                .dense(3, "softmax")
                .loss("cross_entropy")
                .build();
        Network net = chainrule.network(spec, 42);
        SplittableRandom r = new SplittableRandom(7);
        float[][] x = new float[60][4];
        float[][] y = new float[60][3];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            y[i][(x[i][0] > 0 ? 1 : 0) + (x[i][1] > 0.5 ? 1 : 0)] = 1;
        }
        chainrule.train(
                net,
                TrainingConfig.defaults().withEpochs(5).withBatchSize(16),
                Dataset.of(x, y),
                null,
                TrainingListener.NONE);
        chainrule.model(net).save(model);
        Model loaded = chainrule.load(model);
        List<String> out = new ArrayList<>(plugins.problems());
        Matrix p = loaded.predict(Matrix.of(x));
        StringBuilder line = new StringBuilder();
        for (float v : p.data()) {
            line.append(Float.toHexString(v)).append(' ');
        }
        out.add(line.toString().strip());
        return out;
    }

    /**
     * {@code ClassPathApplication FOLDER MODEL} prints what {@link #run} returns; {@code
     * ClassPathApplication FOLDER} only the problems of loading the folder.
     */
    public static void main(String[] args) {
        if (args.length == 1) {
            Plugins.discover(List.of(Path.of(args[0]))).problems().forEach(System.out::println);
            return;
        }
        run(Path.of(args[0]), Path.of(args[1])).forEach(System.out::println);
    }
}
