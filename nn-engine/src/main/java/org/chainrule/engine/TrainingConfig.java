package org.chainrule.engine;

import java.util.Objects;
import org.chainrule.api.ConfigException;
import org.chainrule.api.PluginSpec;

/**
 * How to train: passes over the data, mini-batch size, the seed of the shuffling, and the
 * optimizer by name and parameters.
 *
 * @param epochs passes over the training set (≥ 1)
 * @param batchSize samples per step (≥ 1); the last batch of an epoch may be shorter
 * @param seed seed of the per-epoch shuffle
 * @param optimizer e.g. {@code sgd(lr=0.1)} or {@code adam(lr=0.001)}
 */
public record TrainingConfig(int epochs, int batchSize, long seed, PluginSpec optimizer) {
    /** Validates. */
    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer is null");
        if (epochs < 1) {
            throw new ConfigException("epochs: expected ≥ 1, found " + epochs);
        }
        if (batchSize < 1) {
            throw new ConfigException("batch size: expected ≥ 1, found " + batchSize);
        }
    }

    /** @return 10 epochs, batch 32, seed 42, {@code sgd(lr=0.1)} */
    public static TrainingConfig defaults() {
        return new TrainingConfig(10, 32, 42, PluginSpec.parse("sgd(lr=0.1)"));
    }

    /** @return a copy with another number of epochs */
    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, seed, optimizer);
    }

    /** @return a copy with another batch size */
    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(epochs, b, seed, optimizer);
    }

    /** @return a copy with another seed */
    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, s, optimizer);
    }

    /** @return a copy with another optimizer, e.g. {@code "adam(lr=0.001)"} */
    public TrainingConfig withOptimizer(String spec) {
        return new TrainingConfig(epochs, batchSize, seed, PluginSpec.parse(spec));
    }
}
