package org.chainrule.engine;

/** Progress callbacks from {@link Chainrule#train}, on the training thread. All default to nothing. */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {};

    /**
     * @param listeners called in this order for every event
     * @return one listener that passes each event on to all of them
     */
    static TrainingListener all(java.util.List<TrainingListener> listeners) {
        TrainingListener[] each = listeners.toArray(TrainingListener[]::new);
        if (each.length == 1) {
            return each[0];
        }
        return new TrainingListener() {
            @Override
            public void onStart(int epochsDone) {
                for (TrainingListener l : each) {
                    l.onStart(epochsDone);
                }
            }

            @Override
            public void onBatch(int epoch, int batch, int batches, double loss) {
                for (TrainingListener l : each) {
                    l.onBatch(epoch, batch, batches, loss);
                }
            }

            @Override
            public void onEpoch(EpochResult result) {
                for (TrainingListener l : each) {
                    l.onEpoch(result);
                }
            }

            @Override
            public void onEarlyStop(int epoch, int bestEpoch) {
                for (TrainingListener l : each) {
                    l.onEarlyStop(epoch, bestEpoch);
                }
            }
        };
    }

    /**
     * Once, when everything has been checked (the data against the network, the optimizer, the
     * checkpoint to resume from and its data) and before the first step. A caller that prints a
     * run's heading or creates its output folder does it here, so a refused run leaves nothing.
     *
     * @param epochsDone the epochs a resumed checkpoint had finished; 0 for a fresh run
     */
    default void onStart(int epochsDone) {}

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
