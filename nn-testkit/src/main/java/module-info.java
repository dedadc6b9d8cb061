/**
 * The plugin conformance kit: {@link org.chainrule.testkit.Conformance} turns a provider into JUnit
 * dynamic tests of every contract the engine relies on. Depends on nn-api and JUnit's API only.
 */
module org.chainrule.testkit {
    requires transitive org.chainrule.api;
    requires transitive org.junit.jupiter.api;

    exports org.chainrule.testkit;
}
