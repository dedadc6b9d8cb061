package org.chainrule.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.PartitionTrainer;

/**
 * The engine of each executor JVM, made once from the plugins on its class path. One helper thread:
 * Spark already runs a task per core, and products split over more threads would only contend
 * (results do not depend on the thread count).
 */
final class Executors {
    private Executors() {}

    private static final class Holder {
        static final Chainrule CHAINRULE = Chainrule.builder().threads(1).build();
    }

    static Chainrule chainrule() {
        return Holder.CHAINRULE;
    }

    /** Workers between rounds, by "training id:partition"; only the latest training's are kept. */
    private static final Map<String, PartitionTrainer> WORKERS = new ConcurrentHashMap<>();

    /** @return the worker kept under {@code key}, removed so no other attempt uses it meanwhile; or null */
    static PartitionTrainer take(String key) {
        return WORKERS.remove(key);
    }

    /** Keeps {@code worker} for the next round, dropping the workers of earlier trainings. */
    static void keep(String training, String key, PartitionTrainer worker) {
        WORKERS.keySet().removeIf(k -> !k.startsWith(training + ":"));
        WORKERS.put(key, worker);
    }
}
