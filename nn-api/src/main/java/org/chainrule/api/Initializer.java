package org.chainrule.api;

import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * Fills a parameter matrix with starting values. The engine calls it once per weight matrix
 * (m × n, fan-in m, fan-out n) and once per bias (1 × n) with a generator seeded from the
 * network's seed and the layer index, so the same seed gives the same weights, run after run.
 *
 * <p>An implementation draws only from {@code random} (never from its own or a global source)
 * and writes every element of {@code target}.
 */
public interface Initializer {
    /**
     * @param target the matrix to fill (weights m × n, or a 1 × n bias row); every element written
     * @param fanIn number of inputs to the layer, m
     * @param fanOut number of outputs of the layer, n
     * @param random the only source of randomness to use
     */
    void initialize(Matrix target, int fanIn, int fanOut, RandomGenerator random);

    /**
     * @return true if every element gets the same value: hidden units then stay identical forever
     *     (docs/warnings.md#constant-initializer), so the engine warns when such an initializer fills hidden weights
     */
    default boolean isConstant() {
        return false;
    }

    /**
     * @param fanIn number of inputs to the layer, m
     * @param fanOut number of outputs of the layer, n
     * @return the variance of the values drawn for a layer of this shape, if the initializer
     *     promises one (0 for a constant); the conformance kit checks it on a large sample.
     *     Empty by default.
     */
    default OptionalDouble variance(int fanIn, int fanOut) {
        return OptionalDouble.empty();
    }
}
