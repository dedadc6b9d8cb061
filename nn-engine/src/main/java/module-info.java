/**
 * The Chainrule engine: dense layers trained with the layered chain rule on SIMD matrix kernels,
 * a trainer, and the plugin registries that Guice hands out.
 *
 * <p>Embedding: {@code Chainrule.create()} discovers the installed plugins once and returns the
 * entry point; see {@link org.chainrule.engine.Chainrule}.
 *
 * @uses org.chainrule.api.ActivationProvider
 * @uses org.chainrule.api.LossProvider
 * @uses org.chainrule.api.InitializerProvider
 * @uses org.chainrule.api.OptimizerProvider
 * @uses org.chainrule.engine.ModelExporter
 * @uses org.chainrule.engine.DistributedTrainer
 */
module org.chainrule.engine {
    requires transitive org.chainrule.api;
    requires com.google.guice;
    requires jakarta.inject; // explicit module; Guice, being automatic, does not pull it in
    requires com.google.common; // explicit since Guava 33.4; same reason
    requires org.slf4j;
    requires com.fasterxml.jackson.databind; // model-file headers
    requires static jdk.incubator.vector; // optional: scalar kernels when absent
    requires jdk.management; // the JVM's object alignment, to align packed GEMM panels

    exports org.chainrule.engine;
    exports org.chainrule.engine.kernel to
            org.chainrule.bench; // `nn bench` and the JMH benchmarks measure the kernels; not an API
    exports org.chainrule.engine.kernel.select to
            org.chainrule.bench;

    // Guice builds the engine through package-private @Inject constructors.
    opens org.chainrule.engine to
            com.google.guice;

    uses org.chainrule.api.ActivationProvider;
    uses org.chainrule.api.LossProvider;
    uses org.chainrule.api.InitializerProvider;
    uses org.chainrule.api.OptimizerProvider;
    uses org.chainrule.engine.ModelExporter;
    uses org.chainrule.engine.DistributedTrainer;
}
