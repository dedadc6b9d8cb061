package org.chainrule.spark;

import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.ElementwiseActivation;
import org.chainrule.api.Params;

/**
 * A third party's activation, registered in this test module's META-INF/services: on the class path
 * of the Spark application, as {@code --jars} puts a plugin jar, so the executors find it too.
 */
public final class Softsign implements ActivationProvider {
    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return "softsign";
    }

    @Override
    public String description() {
        return "z / (1 + |z|)";
    }

    @Override
    public Activation create(Params params) {
        return new ElementwiseActivation() {
            @Override
            protected float apply(float z) {
                return z / (1 + Math.abs(z));
            }

            @Override
            protected float derivative(float z, float a) {
                float d = 1 + Math.abs(z);
                return 1 / (d * d);
            }
        };
    }
}
