package com.example.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.Model;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;
import org.chainrule.spark.Sample;
import org.chainrule.spark.SparkTrainer;

/**
 * Trains a digit classifier on a Spark cluster from a CSV of 64 pixel values (0..16) and a class
 * (0..9) per line, wherever Spark can read it (HDFS, S3, a shared folder), and saves the model on
 * the driver.
 *
 * <pre>
 * spark-submit --class com.example.spark.TrainDigits --master spark://host:7077 \
 *     target/spark-app-1.0-all.jar hdfs:///data/digits.csv digits.safetensors [EPOCHS]
 * </pre>
 */
public final class TrainDigits {
    private TrainDigits() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: TrainDigits CSV MODEL [EPOCHS]");
            System.exit(2);
        }
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        // spark-submit sets the master; run directly (java -cp), it is local[*]
        SparkConf conf = new SparkConf().setAppName("chainrule digits").setIfMissing("spark.master", "local[*]");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            List<EpochResult> history = train(sc, args[0], Path.of(args[1]), epochs);
            EpochResult last = history.getLast();
            System.out.printf("trained %d epochs: loss %.4f, accuracy %.2f %% (training rows)%n",
                    history.size(), last.trainLoss(), 100 * last.trainAccuracy());
        }
    }

    /** Reads the CSV as an RDD, trains 64 → 64 relu → 10 softmax on it and saves the model to {@code out}. */
    static List<EpochResult> train(JavaSparkContext sc, String csv, Path out, int epochs) {
        JavaRDD<Sample> rows = sc.textFile(csv).filter(l -> !l.isBlank()).map(TrainDigits::sample);
        Chainrule chainrule = Chainrule.create();
        Network net = chainrule.network(
                new NetworkSpec(
                        64,
                        List.of(new LayerSpec(64, PluginSpec.of("relu")), new LayerSpec(10, PluginSpec.of("softmax"))),
                        PluginSpec.of("cross_entropy")),
                1);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs).withOptimizer("adam(lr=0.003)");
        List<EpochResult> history =
                new SparkTrainer(sc, chainrule, 8).fit(net, config, rows, null, TrainingListener.NONE);
        Model model = chainrule.model(net);
        model.save(out);
        return history;
    }

    /** One CSV line: 64 pixels scaled to [0, 1], then the class as a one-hot row. */
    static Sample sample(String line) {
        String[] cells = line.split(",");
        if (cells.length != 65) {
            throw new IllegalArgumentException("expected 65 values (64 pixels and a class), found " + cells.length
                    + " in: " + line);
        }
        float[] x = new float[64];
        for (int i = 0; i < 64; i++) {
            x[i] = Float.parseFloat(cells[i].strip()) / 16f;
        }
        float[] y = new float[10];
        y[Integer.parseInt(cells[64].strip())] = 1f;
        return new Sample(x, y);
    }

}
