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
 * Trains a classifier on a CSV file (features, then the class in the last column), saves it with
 * its input scaling, loads it back and predicts the rows of a second CSV file of raw features:
 *   scripts/java examples/embedding/TrainAndPredict.java train.csv model.safetensors rows.csv
 */
void main(String[] args) throws Exception {
    LabeledData all = LabeledData.csv(Path.of(args[0]), -1, "auto");   // one-line errors name file, line, column
    LabeledData[] parts = all.split(0.2, 42, "test");                  // stratified, seeded
    LabeledData train = parts[0];
    LabeledData test = parts[1];
    InputScaling scaling = InputScaling.standardize(train.x());        // fitted on the training part only
    Dataset trainSet = Dataset.classification(scaling.apply(train.x()), train.labels(), all.classes());
    Dataset testSet = Dataset.classification(scaling.apply(test.x()), test.labels(), all.classes());

    Chainrule chainrule = Chainrule.create();                          // finds the installed plugins
    Network net = chainrule.network(
            NetworkSpec.builder(all.x().cols())
                    .init("he", "zero").dense(16, "relu")
                    .init("xavier", "zero").dense(all.classes(), "softmax")
                    .loss("cross_entropy")
                    .build(),
            42);
    List<EpochResult> history = chainrule.train(
            net, TrainingConfig.defaults().withEpochs(60).withOptimizer("adam(lr=0.01)"), trainSet, testSet,
            TrainingListener.NONE);
    System.out.printf("test accuracy %.2f%%%n", 100 * history.getLast().testAccuracy());

    chainrule.model(net, scaling).save(Path.of(args[1]));             // the scaling travels with the model
    Model model = chainrule.load(Path.of(args[1]));
    for (float[] row : Features.csv(Path.of(args[2]), model.inputs())) { // raw features, as the file has them
        System.out.println("predicted " + model.predictClass(row));
    }
}
