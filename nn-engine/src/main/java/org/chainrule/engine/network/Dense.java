package org.chainrule.engine.network;

import org.chainrule.api.Activation;
import org.chainrule.api.Matrix;

/**
 * One dense layer's parameters and their gradients: W (inputs × units), b (1 × units), and
 * dW, db of the same shapes. The activation is an immutable plugin instance.
 */
public final class Dense {
    public final int inputs;
    public final int units;
    public final Activation f;
    public final String activationName;
    public final Matrix w;
    public final Matrix b;
    public final Matrix dW;
    public final Matrix db;

    public Dense(int inputs, int units, Activation f, String activationName) {
        this.inputs = inputs;
        this.units = units;
        this.f = f;
        this.activationName = activationName;
        this.w = new Matrix(inputs, units);
        this.b = new Matrix(1, units);
        this.dW = new Matrix(inputs, units);
        this.db = new Matrix(1, units);
    }
}
