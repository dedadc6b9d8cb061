package org.chainrule.spark;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Dataset;
import org.chainrule.engine.DistributedTrainer;
import org.chainrule.engine.EpochResult;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingConfig;
import org.chainrule.engine.TrainingListener;

/**
 * {@code nn train --spark MASTER}: a Spark context of its own for the run (UI off), the training
 * set spread over as many partitions as the context's default parallelism, {@link SparkTrainer}.
 */
public final class SparkDistributedTrainer implements DistributedTrainer {
    /** For {@link java.util.ServiceLoader}. */
    public SparkDistributedTrainer() {}

    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public List<EpochResult> fit(
            String master,
            int stepsPerRound,
            Chainrule chainrule,
            Network net,
            TrainingConfig config,
            Dataset train,
            Dataset validation,
            TrainingListener listener) {
        SparkConf conf = new SparkConf()
                .setMaster(master)
                .setAppName("chainrule nn train")
                .set("spark.ui.enabled", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            int partitions = Math.max(1, Math.min(sc.defaultParallelism(), train.size()));
            return new SparkTrainer(sc, chainrule, stepsPerRound)
                    .fit(net, config, SparkTrainer.rdd(sc, train, partitions), validation, listener);
        }
    }
}
