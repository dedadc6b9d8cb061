/**
 * The built-in optimizers: sgd, momentum, adam, adamw, rmsprop, adagrad.
 *
 * @provides org.chainrule.api.OptimizerProvider
 */
module org.chainrule.optimizers {
    requires org.chainrule.api;

    provides org.chainrule.api.OptimizerProvider with
            org.chainrule.optimizers.Sgd,
            org.chainrule.optimizers.Momentum,
            org.chainrule.optimizers.Adam,
            org.chainrule.optimizers.AdamW,
            org.chainrule.optimizers.RmsProp,
            org.chainrule.optimizers.AdaGrad;
}
