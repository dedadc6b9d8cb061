/**
 * The built-in initializers: zero, constant, gaussian, uniform, xavier, he.
 *
 * @provides org.chainrule.api.InitializerProvider
 */
module org.chainrule.init {
    requires org.chainrule.api;

    provides org.chainrule.api.InitializerProvider with
            org.chainrule.init.Zero,
            org.chainrule.init.Constant,
            org.chainrule.init.Gaussian,
            org.chainrule.init.Uniform,
            org.chainrule.init.Xavier,
            org.chainrule.init.He;
}
