package org.chainrule.engine;

import java.util.List;
import org.chainrule.api.Activation;
import org.chainrule.api.ActivationProvider;
import org.chainrule.api.Matrix;
import org.chainrule.api.ParamSpec;
import org.chainrule.api.Params;

/**
 * A test plugin: the identity, except that its k-th forward (or backward) call, k = the parameter
 * {@code after}, writes {@code value} at one element of its output, as a faulty plugin would.
 */
final class FaultyActivation implements ActivationProvider {
    private final String name;
    private final boolean inBackward;
    private final int index;
    private final float value;

    /**
     * @param inBackward whether backward goes wrong (else forward)
     * @param index the element of A (or dZ) written
     */
    FaultyActivation(String name, boolean inBackward, int index, float value) {
        this.name = name;
        this.inBackward = inBackward;
        this.index = index;
        this.value = value;
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "identity whose k-th " + (inBackward ? "backward" : "forward") + " call writes " + value
                + " (tests only)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.integer("after", 1, 1, 1_000_000, "the call that goes wrong"));
    }

    @Override
    public Activation create(Params p) {
        int after = p.integer("after");
        int[] calls = new int[1];
        return new Activation() {
            @Override
            public void forward(Matrix z, Matrix a) {
                a.copyFrom(z);
                if (!inBackward && ++calls[0] == after) {
                    a.data()[index] = value;
                }
            }

            @Override
            public void backward(Matrix z, Matrix a, Matrix dA, Matrix dZ) {
                dZ.copyFrom(dA);
                if (inBackward && ++calls[0] == after) {
                    dZ.data()[index] = value;
                }
            }
        };
    }
}
