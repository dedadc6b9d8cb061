/**
 * The built-in losses: square, absolute, nll, cross_entropy, huber.
 *
 * @provides org.chainrule.api.LossProvider
 */
module org.chainrule.losses {
    requires org.chainrule.api;

    provides org.chainrule.api.LossProvider with
            org.chainrule.losses.Square,
            org.chainrule.losses.Absolute,
            org.chainrule.losses.Nll,
            org.chainrule.losses.CrossEntropy,
            org.chainrule.losses.Huber;
}
