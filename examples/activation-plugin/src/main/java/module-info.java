/** A mish activation for Chainrule: a modular jar, found through {@code provides}. */
module com.example.mish {
    requires org.chainrule.api;

    provides org.chainrule.api.ActivationProvider with
            com.example.mish.Mish;
}
