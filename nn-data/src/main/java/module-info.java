/**
 * Chainrule's data sources: {@link org.chainrule.data.LabeledData} read from CSV files, IDX
 * image/label pairs, the embedded digits and iris sets and Fashion-MNIST, with stratified splits;
 * {@link org.chainrule.data.Features} for rows to predict. Every problem in a file is one
 * {@link org.chainrule.api.DataException} naming the file, line and column.
 */
module org.chainrule.data {
    requires transitive org.chainrule.api;
    requires org.apache.commons.csv;
    requires org.slf4j;

    exports org.chainrule.data;
}
