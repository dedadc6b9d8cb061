package org.chainrule.engine;

/** Progress callbacks from the {@link Trainer}, on the training thread. Both default to nothing. */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};

    /**
     * After each step.
     *
     * @param epoch 1-based epoch
     * @param batch 1-based batch within the epoch
     * @param batches batches per epoch
     * @param loss mean loss of this batch
     */
    default void onBatch(int epoch, int batch, int batches, double loss) {}

    /** After each epoch, with its figures. */
    default void onEpoch(EpochResult result) {}

    /**
     * When early stopping ends training, after that epoch's {@link #onEpoch}.
     *
     * @param epoch the last epoch trained
     * @param bestEpoch the epoch whose weights the network keeps
     */
    default void onEarlyStop(int epoch, int bestEpoch) {}
}
