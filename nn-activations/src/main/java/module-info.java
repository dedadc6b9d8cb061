/**
 * The built-in activations.
 *
 * @provides org.chainrule.api.ActivationProvider identity, relu, sigmoid, tanh, step, softmax,
 *     leaky_relu, elu, softplus, gelu, swish
 */
module org.chainrule.activations {
    requires org.chainrule.api;
    requires static jdk.incubator.vector; // optional: the transcendental loops use it when present

    provides org.chainrule.api.ActivationProvider with
            org.chainrule.activations.Identity,
            org.chainrule.activations.Relu,
            org.chainrule.activations.Sigmoid,
            org.chainrule.activations.Tanh,
            org.chainrule.activations.Step,
            org.chainrule.activations.Softmax,
            org.chainrule.activations.LeakyRelu,
            org.chainrule.activations.Elu,
            org.chainrule.activations.Softplus,
            org.chainrule.activations.Gelu,
            org.chainrule.activations.Swish;
}
