package org.chainrule.engine;

import org.chainrule.api.Activation;
import org.chainrule.api.Matrix;

/**
 * One dense layer's parameters and their gradients: W (inputs × units), b (1 × units), and
 * dW, db of the same shapes. The activation is an immutable plugin instance.
 */
final class Dense {
    final int inputs;
    final int units;
    final Activation f;
    final String activationName;
    final Matrix w;
    final Matrix b;
    final Matrix dW;
    final Matrix db;

    Dense(int inputs, int units, Activation f, String activationName) {
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
