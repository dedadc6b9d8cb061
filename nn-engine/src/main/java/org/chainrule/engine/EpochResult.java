package org.chainrule.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * What one epoch achieved.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean loss over the epoch's training samples, each measured in its batch's
 *     forward pass before that batch's update (the usual running figure)
 * @param trainAccuracy fraction of training samples classified right in those same passes; NaN
 *     for the multi-label and regression tasks, which have no single class per sample
 * @param testLoss mean loss on the test set after the epoch, NaN when there is no test set
 * @param testAccuracy accuracy on the test set after the epoch, NaN when there is no test set or
 *     the task has no single class per sample
 * @param seconds wall time of the epoch's training steps (not of the test evaluation)
 * @param testMetrics the task's figures on the test set after the epoch, in the data's units
 *     (see {@link Scores}); empty when there is no test set
 */
public record EpochResult(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double testLoss,
        double testAccuracy,
        double seconds,
        SequencedMap<String, Double> testMetrics) {
    private static final SequencedMap<String, Double> NONE =
            Collections.unmodifiableSequencedMap(new LinkedHashMap<>());

    /** Copies the figures. */
    public EpochResult {
        testMetrics = testMetrics == null || testMetrics.isEmpty()
                ? NONE // an epoch without a test set allocates only itself
                : Collections.unmodifiableSequencedMap(new LinkedHashMap<>(testMetrics));
    }

    /** An epoch without the task's figures on the test set. */
    public EpochResult(
            int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double seconds) {
        this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds, null);
    }
}
