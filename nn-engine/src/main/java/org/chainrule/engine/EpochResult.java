package org.chainrule.engine;

/**
 * What one epoch achieved.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean loss over the epoch's training samples, each measured in its batch's
 *     forward pass before that batch's update (the usual running figure)
 * @param trainAccuracy fraction of training samples classified right in those same passes
 * @param testLoss mean loss on the test set after the epoch, NaN when there is no test set
 * @param testAccuracy accuracy on the test set after the epoch, NaN when there is no test set
 * @param seconds wall time of the epoch's training steps (not of the test evaluation)
 */
public record EpochResult(
        int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double seconds) {}
