package org.chainrule.spark;

import java.io.Serializable;
import org.chainrule.api.ShapeException;

/**
 * One training sample as a Spark RDD holds it: raw features and the target row (a one-hot class,
 * 0/1 labels or real values, as the network's outputs expect).
 *
 * @param x the features, the network's inputs in number
 * @param y the targets, the network's outputs in number
 */
public record Sample(float[] x, float[] y) implements Serializable {
    /** @throws ShapeException if either array is missing or empty */
    public Sample {
        if (x == null || x.length == 0 || y == null || y.length == 0) {
            throw new ShapeException("sample: expected features and targets, found " + (x == null ? "no" : x.length)
                    + " features and " + (y == null ? "no" : y.length) + " targets");
        }
    }
}
