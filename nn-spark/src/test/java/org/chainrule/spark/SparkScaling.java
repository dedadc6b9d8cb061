package org.chainrule.spark;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.chainrule.api.Matrix;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;

/**
 * Benchmark, not a test (`bench/spark.sh scaling` runs it): samples per second of a compute-bound
 * network (784 → 512 relu → 256 relu → 10 softmax, batch 64, 2 partitions, k = 16 or as given) on local[1]
 * against local[2], in the same run, and the cost of one averaging round (a 4 → 4 → 2 network,
 * k = 1, where the work is nothing and the round is all).
 */
public final class SparkScaling {
    private SparkScaling() {}

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Chainrule cr = Chainrule.create();
        Dataset big = random(samples, 784, 10, 1);
        double[] rate = new double[3];
        for (int cores : new int[] {1, 2}) {
            try (JavaSparkContext sc = context(cores)) {
                JavaRDD<Sample> rdd = SparkScaling.cache(SparkTrainer.rdd(sc, big, 2));
                TrainingConfig config = TrainingConfig.defaults()
                        .withEpochs(1)
                        .withBatchSize(64)
                        .withOptimizer("sgd(lr=0.01)");
                SparkTrainer trainer = new SparkTrainer(sc, cr, k);
                trainer.fit(net(cr, "784,512:relu,256:relu,10:softmax"), config, rdd, null, TrainingListener.NONE);
                long t0 = System.nanoTime();
                trainer.fit(
                        net(cr, "784,512:relu,256:relu,10:softmax"),
                        config.withEpochs(2),
                        rdd,
                        null,
                        TrainingListener.NONE);
                double seconds = (System.nanoTime() - t0) / 1e9;
                rate[cores] = 2.0 * samples / seconds;
                System.out.printf(
                        "local[%d]: %.0f samples/s (784-512-256-10 relu, batch 64, k = %d, 2 partitions)%n",
                        cores, rate[cores], k);
                if (cores == 2) {
                    Dataset tiny = random(256, 4, 2, 2);
                    JavaRDD<Sample> small = SparkScaling.cache(SparkTrainer.rdd(sc, tiny, 2));
                    TrainingConfig one = TrainingConfig.defaults().withEpochs(1).withBatchSize(8);
                    SparkTrainer perStep = new SparkTrainer(sc, cr, 1);
                    perStep.fit(net(cr, "4,4:relu,2:softmax"), one, small, null, TrainingListener.NONE);
                    long t1 = System.nanoTime();
                    perStep.fit(net(cr, "4,4:relu,2:softmax"), one.withEpochs(3), small, null, TrainingListener.NONE);
                    double perRound = (System.nanoTime() - t1) / 1e9 / (3 * 16);
                    System.out.printf(
                            "one averaging round (broadcast, two tasks, collect, average): %.1f ms%n", perRound * 1e3);
                }
            }
        }
        System.out.printf("local[2] / local[1]: %.2f×%n", rate[2] / rate[1]);
    }

    private static JavaRDD<Sample> cache(JavaRDD<Sample> rdd) {
        rdd.cache().count();
        return rdd;
    }

    private static JavaSparkContext context(int cores) {
        return new JavaSparkContext(new SparkConf()
                .setMaster("local[" + cores + "]")
                .setAppName("chainrule-scaling")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1"));
    }

    private static Network net(Chainrule cr, String layers) {
        String[] items = layers.split(",");
        List<org.chainrule.api.LayerSpec> list = new java.util.ArrayList<>();
        for (int i = 1; i < items.length; i++) {
            String[] u = items[i].split(":");
            list.add(new org.chainrule.api.LayerSpec(Integer.parseInt(u[0]), org.chainrule.api.PluginSpec.parse(u[1])));
        }
        return cr.network(
                new org.chainrule.api.NetworkSpec(
                        Integer.parseInt(items[0]), list, org.chainrule.api.PluginSpec.of("cross_entropy")),
                1);
    }

    private static Dataset random(int n, int features, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix x = new Matrix(n, features);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < features; c++) {
                x.set(i, c, (float) r.nextGaussian());
            }
            labels[i] = r.nextInt(classes);
        }
        return Dataset.classification(x, labels, classes);
    }
}
