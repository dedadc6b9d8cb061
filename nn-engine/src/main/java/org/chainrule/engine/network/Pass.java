package org.chainrule.engine.network;

import org.chainrule.api.Matrix;

/**
 * The buffers of one forward (and backward) pass at a fixed batch size: for each layer l its
 * pre-activations Z(l) and activations A(l), and in training also dA(l) and dZ(l) and buffers the
 * trainer gathers each batch into. The input A(0) = X is the caller's matrix and is never copied.
 */
public final class Pass {
    public final int batch;
    public final Matrix[] z;
    public final Matrix[] a;
    public final Matrix[] dA;
    public final Matrix[] dZ;

    /** In training, the trainer's batch of inputs and targets, gathered here step after step; else null. */
    public final Matrix[] inputsAndTargets;

    public Pass(int batch, Dense[] layers, boolean training) {
        this.batch = batch;
        int depth = layers.length;
        inputsAndTargets = training
                ? new Matrix[] {new Matrix(batch, layers[0].inputs), new Matrix(batch, layers[depth - 1].units)}
                : null;
        z = new Matrix[depth];
        a = new Matrix[depth];
        dA = training ? new Matrix[depth] : null;
        dZ = training ? new Matrix[depth] : null;
        for (int l = 0; l < depth; l++) {
            int units = layers[l].units;
            z[l] = new Matrix(batch, units);
            a[l] = new Matrix(batch, units);
            if (training) {
                dA[l] = new Matrix(batch, units);
                dZ[l] = new Matrix(batch, units);
            }
        }
    }

    public Matrix output() {
        return a[a.length - 1];
    }
}
