/**
 * One module for an application that wants all of Chainrule: {@code requires org.chainrule.all;}
 * reads the engine and the data sources, and resolves every built-in plugin module so that the
 * engine's {@code ServiceLoader} finds them. It holds no code.
 */
module org.chainrule.all {
    requires transitive org.chainrule.engine;
    requires transitive org.chainrule.data;
    requires org.chainrule.activations;
    requires org.chainrule.losses;
    requires org.chainrule.init;
    requires org.chainrule.optimizers;
}
