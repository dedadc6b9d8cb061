package org.chainrule.engine;

import java.util.List;
import java.util.ServiceLoader;
import org.chainrule.api.ConfigException;
import org.chainrule.engine.loading.Services;

/**
 * Trains on a cluster instead of this JVM; found with {@link ServiceLoader} by {@link #engine()}
 * name. {@code org.chainrule:nn-spark} provides {@code spark} (on the class path, with Spark);
 * {@code nn train --spark MASTER} uses it.
 */
public interface DistributedTrainer {
    /** @return the cluster engine's name, lower case, such as {@code spark} */
    String engine();

    /**
     * Trains {@code net} in place on the cluster at {@code master}, as {@link Chainrule#train} does
     * locally: the same listener calls (a batch is an averaging round), the same results.
     *
     * @param master where to run, in the engine's own form ({@code local[2]}, {@code spark://host:7077})
     * @param stepsPerRound local steps between two averaging rounds (≥ 1)
     */
    List<EpochResult> fit(
            String master,
            int stepsPerRound,
            Chainrule chainrule,
            Network net,
            TrainingConfig config,
            Dataset train,
            Dataset validation,
            TrainingListener listener);

    /**
     * @return the installed trainer for {@code engine}
     * @throws ConfigException naming the artifact to add, and the engines installed, if none is
     */
    static DistributedTrainer find(String engine) {
        return Services.find(
                DistributedTrainer.class,
                DistributedTrainer::engine,
                engine,
                installed -> new ConfigException(
                        "training on " + engine + ": expected org.chainrule:nn-" + engine + " and " + engine
                                + " itself on the class path, found "
                                + (installed.isEmpty()
                                        ? "no cluster trainers"
                                        : "trainers for " + String.join(", ", installed))));
    }
}
