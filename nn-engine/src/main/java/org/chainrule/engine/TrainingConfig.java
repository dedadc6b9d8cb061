package org.chainrule.engine;

import java.nio.file.Path;
import java.util.Objects;
import org.chainrule.api.ConfigException;
import org.chainrule.api.PluginSpec;

/**
 * How to train: passes over the data, mini-batch size, the seed of the shuffling, the optimizer by
 * name and parameters, and optionally early stopping, checkpoints and a checkpoint to resume from.
 *
 * @param epochs passes over the training set (≥ 1); when resuming, the total including the
 *     epochs the checkpoint already holds
 * @param batchSize samples per step (≥ 1); the last batch of an epoch may be shorter
 * @param seed seed of the shuffle; epoch e's order is drawn from its own generator seeded from
 *     (seed, e), so the generator state at an epoch boundary is the pair itself
 * @param optimizer e.g. {@code sgd(lr=0.1)} or {@code adam(lr=0.001)}
 * @param earlyStopping when to stop on the validation set; {@link EarlyStopping#OFF} for never
 * @param checkpointFile where checkpoints go (replaced atomically each time); {@code null} for none
 * @param checkpointEvery write a checkpoint after every this many epochs (≥ 1 with a file, else 0)
 * @param resumeFrom a checkpoint to continue from, or {@code null} to start afresh
 * @param targets the task and what the targets are, for the figures reported after each epoch
 *     (in the data's units); {@code null}: the task {@linkplain org.chainrule.api.Task#infer inferred}
 *     from the network, the targets taken as they are
 */
public record TrainingConfig(
        int epochs,
        int batchSize,
        long seed,
        PluginSpec optimizer,
        EarlyStopping earlyStopping,
        Path checkpointFile,
        int checkpointEvery,
        Path resumeFrom,
        Targets targets) {
    /** Validates. */
    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer is null");
        Objects.requireNonNull(earlyStopping, "earlyStopping is null");
        if (epochs < 1) {
            throw new ConfigException("epochs: expected ≥ 1, found " + epochs);
        }
        if (batchSize < 1) {
            throw new ConfigException("batch size: expected ≥ 1, found " + batchSize);
        }
        if (checkpointEvery < 0 || (checkpointFile == null) != (checkpointEvery == 0)) {
            throw new ConfigException("checkpoints: expected a file and every ≥ 1 epochs, or neither; found file "
                    + checkpointFile + ", every " + checkpointEvery);
        }
    }

    /** Training for the task inferred from the network. */
    public TrainingConfig(
            int epochs,
            int batchSize,
            long seed,
            PluginSpec optimizer,
            EarlyStopping earlyStopping,
            Path checkpointFile,
            int checkpointEvery,
            Path resumeFrom) {
        this(epochs, batchSize, seed, optimizer, earlyStopping, checkpointFile, checkpointEvery, resumeFrom, null);
    }

    /** Plain training: no early stopping, no checkpoints, no resume. */
    public TrainingConfig(int epochs, int batchSize, long seed, PluginSpec optimizer) {
        this(epochs, batchSize, seed, optimizer, EarlyStopping.OFF, null, 0, null, null);
    }

    /** @return 10 epochs, batch 32, seed 42, {@code sgd(lr=0.1)} */
    public static TrainingConfig defaults() {
        return new TrainingConfig(10, 32, 42, PluginSpec.parse("sgd(lr=0.1)"));
    }

    /** @return a copy with another number of epochs */
    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(
                e, batchSize, seed, optimizer, earlyStopping, checkpointFile, checkpointEvery, resumeFrom, targets);
    }

    /** @return a copy with another batch size */
    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(
                epochs, b, seed, optimizer, earlyStopping, checkpointFile, checkpointEvery, resumeFrom, targets);
    }

    /** @return a copy with another seed */
    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(
                epochs, batchSize, s, optimizer, earlyStopping, checkpointFile, checkpointEvery, resumeFrom, targets);
    }

    /** @return a copy with another optimizer, e.g. {@code "adam(lr=0.001)"} */
    public TrainingConfig withOptimizer(String spec) {
        return new TrainingConfig(
                epochs,
                batchSize,
                seed,
                PluginSpec.parse(spec),
                earlyStopping,
                checkpointFile,
                checkpointEvery,
                resumeFrom,
                targets);
    }

    /** @return a copy with early stopping (or {@link EarlyStopping#OFF}) */
    public TrainingConfig withEarlyStopping(EarlyStopping e) {
        return new TrainingConfig(
                epochs, batchSize, seed, optimizer, e, checkpointFile, checkpointEvery, resumeFrom, targets);
    }

    /**
     * @param file the checkpoint file, replaced atomically each time
     * @param every epochs between checkpoints (≥ 1)
     * @return a copy that writes checkpoints
     */
    public TrainingConfig withCheckpoints(Path file, int every) {
        return new TrainingConfig(epochs, batchSize, seed, optimizer, earlyStopping, file, every, resumeFrom, targets);
    }

    /** @return a copy that resumes from {@code checkpoint} ({@code null}: start afresh) */
    public TrainingConfig withResumeFrom(Path checkpoint) {
        return new TrainingConfig(
                epochs,
                batchSize,
                seed,
                optimizer,
                earlyStopping,
                checkpointFile,
                checkpointEvery,
                checkpoint,
                targets);
    }

    /**
     * @param t the task and what the targets are (see {@link Targets})
     * @return a copy that reports the task's figures in the data's units
     */
    public TrainingConfig withTargets(Targets t) {
        return new TrainingConfig(
                epochs, batchSize, seed, optimizer, earlyStopping, checkpointFile, checkpointEvery, resumeFrom, t);
    }
}
