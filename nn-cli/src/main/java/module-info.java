/**
 * The {@code nn} command. Finds plugins through the engine, which {@code uses} the services; this
 * module never requires a plugin module, so a plugin jar dropped on the module path is picked up.
 */
module org.chainrule.cli {
    requires org.chainrule.engine;
    requires org.chainrule.data; // every data source: CSV, IDX, the embedded sets
    requires org.chainrule.bench; // `nn bench`: what it measures and how
    requires info.picocli;
    requires org.apache.commons.csv;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml; // spec files
    requires me.tongfei.progressbar;
    requires org.jfree.jfreechart; // learning curves (automatic module)
    requires org.jfree.svg;
    requires java.desktop; // java.awt, which the charts draw with, headless
    requires org.slf4j;
    requires ch.qos.logback.classic; // to raise the log level for --verbose

    // picocli reads the commands' annotated fields; Jackson the records the --json options print.
    opens org.chainrule.cli to
            info.picocli,
            com.fasterxml.jackson.databind;
}
