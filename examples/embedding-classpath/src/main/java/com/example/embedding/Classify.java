package com.example.embedding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.chainrule.api.NetworkSpec;
import org.chainrule.data.Features;
import org.chainrule.data.LabeledData;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.InputScaling;
import org.chainrule.engine.Model;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;

/**
 * Trains a classifier on a CSV file (features, then the class in the last column), saves it with its
 * input scaling, loads it back and prints the class of each row of a second CSV file of raw
 * features. On the class path, with nn-all as its only Chainrule dependency:
 *
 * <pre>java --add-modules jdk.incubator.vector -cp 'target/classes:LIBS/*' com.example.embedding.Classify
 *     train.csv model.safetensors rows.csv</pre>
 */
public final class Classify {
    private Classify() {}

    /** What a run did: the last epoch's test accuracy and the classes predicted for the rows. */
    public record Result(double testAccuracy, int[] predicted) {}

    public static void main(String[] args) throws IOException {
        Result r = run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        System.out.printf("test accuracy %.2f%%%n", 100 * r.testAccuracy());
        for (int c : r.predicted()) {
            System.out.println("predicted " + c);
        }
    }

    /**
     * @param trainCsv features and a class column (last)
     * @param modelFile where the model goes
     * @param rowsCsv raw features of the rows to classify
     */
    public static Result run(Path trainCsv, Path modelFile, Path rowsCsv) throws IOException {
        LabeledData all = LabeledData.csv(trainCsv, -1, "auto"); // one-line errors name file, line, column
        LabeledData[] parts = all.split(0.2, 42, "test"); // stratified, seeded
        LabeledData train = parts[0];
        LabeledData test = parts[1];
        InputScaling scaling = InputScaling.standardize(train.x()); // fitted on the training part only
        Dataset trainSet = Dataset.classification(scaling.apply(train.x()), train.labels(), all.classes());
        Dataset testSet = Dataset.classification(scaling.apply(test.x()), test.labels(), all.classes());

        try (Chainrule chainrule = Chainrule.builder().threads(1).build()) { // its own settings, no properties read
            Network net = chainrule.network(
                    NetworkSpec.builder(all.x().cols())
                            .init("he", "zero")
                            .dense(16, "relu")
                            .init("xavier", "zero")
                            .dense(all.classes(), "softmax")
                            .loss("cross_entropy")
                            .build(),
                    42);
            List<EpochResult> history = chainrule.train(
                    net,
                    TrainingConfig.defaults().withEpochs(60).withOptimizer("adam(lr=0.01)"),
                    trainSet,
                    testSet,
                    TrainingListener.NONE);
            chainrule.model(net, scaling).save(modelFile); // the scaling travels with the model

            Model model = chainrule.load(modelFile);
            float[][] rows = Features.csv(rowsCsv, model.inputs()); // raw features, as the file has them
            int[] predicted = new int[rows.length];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = model.predictClass(rows[i]);
            }
            return new Result(history.getLast().testAccuracy(), predicted);
        }
    }
}
