package org.chainrule.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.chainrule.data.LabeledData;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.InputScaling;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;

/**
 * Report, not a test (`bench/spark.sh fashion` runs it): Fashion-MNIST test accuracy of local
 * training against Spark on local[2] with 2 partitions, same network, optimizer, epochs and seeds.
 */
public final class FashionReport {
    private FashionReport() {}

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        LabeledData.Sets sets =
                LabeledData.fashionMnist(Path.of("/usr/share/datasets/fashion-mnist"), "install dataset-fashion-mnist");
        Dataset train = Dataset.classification(sets.train().x(), sets.train().labels(), 10);
        Dataset test = Dataset.classification(sets.test().x(), sets.test().labels(), 10);
        InputScaling scaling = InputScaling.standardize(train.x());
        train = new Dataset(scaling.apply(train.x()), train.y());
        test = new Dataset(scaling.apply(test.x()), test.y());
        NetworkSpec spec = new NetworkSpec(
                784,
                List.of(new LayerSpec(256, PluginSpec.of("relu")), new LayerSpec(10, PluginSpec.of("softmax"))),
                PluginSpec.of("cross_entropy"));
        TrainingConfig config = TrainingConfig.defaults()
                .withEpochs(epochs)
                .withBatchSize(64)
                .withSeed(5)
                .withOptimizer("adam(lr=0.001)");
        Chainrule cr = Chainrule.create();

        long t0 = System.nanoTime();
        Network local = cr.network(spec, 11);
        List<EpochResult> l = cr.train(local, config, train, test, TrainingListener.NONE);
        double localSeconds = (System.nanoTime() - t0) / 1e9;

        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf()
                .setMaster("local[2]")
                .setAppName("chainrule-fashion")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1"))) {
            long t1 = System.nanoTime();
            Network spark = cr.network(spec, 11);
            List<EpochResult> s = new SparkTrainer(sc, cr, k)
                    .fit(spark, config, SparkTrainer.rdd(sc, train, 2), test, TrainingListener.NONE);
            double sparkSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(
                    "Fashion-MNIST, 784-256 relu-10 softmax, adam(lr=0.001), batch 64, %d epochs: local %.2f %% (%.0f s),"
                            + " Spark local[2] 2 partitions k = %d %.2f %% (%.0f s)%n",
                    epochs,
                    100 * l.getLast().testAccuracy(),
                    localSeconds,
                    k,
                    100 * s.getLast().testAccuracy(),
                    sparkSeconds);
        }
    }
}
