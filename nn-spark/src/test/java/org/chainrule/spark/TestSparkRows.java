package org.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.chainrule.api.ChainruleException;
import org.chainrule.api.ConfigException;
import org.chainrule.api.NetworkSpec;
import org.chainrule.engine.Network;
import org.chainrule.engine.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Spark SQL Dataset<Row> as training data: feature columns, a class column made one-hot. */
class TestSparkRows {
    static SparkSession spark;
    static final List<String> FEATURES = List.of("x0", "x1", "x2", "x3", "x4");

    @BeforeAll
    static void start() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("chainrule-rows-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** One partition of a DataFrame (as floats it holds the same values) trains to local training's weights. */
    @Test
    void aDataFrameWithAClassColumnOnOnePartitionTrainsAsLocalTraining() {
        org.chainrule.engine.Dataset data = TestSparkTrainer.synthetic(90, 11);
        Dataset<Row> frame = frame(data, false).coalesce(1);
        NetworkSpec spec = TestSparkTrainer.spec(5, "8:tanh", "3:softmax");
        Network local = TestSparkTrainer.CR.network(spec, 2);
        TestSparkTrainer.CR.train(local, TestSparkTrainer.CONFIG, data, null, TrainingListener.NONE);
        Network fromRows = TestSparkTrainer.CR.network(spec, 2);

        new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), TestSparkTrainer.CR, 2)
                .fit(
                        fromRows,
                        TestSparkTrainer.CONFIG,
                        SparkRows.classes(frame, FEATURES, "label", 3),
                        null,
                        TrainingListener.NONE);

        assertArrayEquals(local.parameters(), fromRows.parameters());
    }

    @Test
    void aColumnThatIsNotThereIsOneLineListingTheColumns() {
        Dataset<Row> frame = frame(TestSparkTrainer.synthetic(10, 1), false);

        ConfigException e =
                assertThrows(ConfigException.class, () -> SparkRows.classes(frame, List.of("x0", "x9"), "label", 3));

        assertEquals(
                "Spark data: feature column 'x9': expected one of [x0, x1, x2, x3, x4, label], found none of that name",
                e.getMessage());
    }

    @Test
    void aNullFeatureFailsTheJobWithOneLineNamingTheColumn() {
        Dataset<Row> frame = frame(TestSparkTrainer.synthetic(20, 2), true);
        NetworkSpec spec = TestSparkTrainer.spec(5, "4:relu", "3:softmax");

        ChainruleException e = assertThrows(
                ChainruleException.class,
                () -> new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()), TestSparkTrainer.CR, 1)
                        .fit(
                                TestSparkTrainer.CR.network(spec, 1),
                                TestSparkTrainer.CONFIG,
                                SparkRows.classes(frame, FEATURES, "label", 3),
                                null,
                                TrainingListener.NONE));

        assertEquals("Spark data: column 'x3': expected a number, found null", e.getMessage());
    }

    /** Columns x0..x4 (double) and label (int); with {@code hole}, the last row's x3 is null. */
    static Dataset<Row> frame(org.chainrule.engine.Dataset data, boolean hole) {
        StructType schema = new StructType();
        for (String f : FEATURES) {
            schema = schema.add(f, DataTypes.DoubleType);
        }
        schema = schema.add("label", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Object[] v = new Object[6];
            for (int c = 0; c < 5; c++) {
                v[c] = (double) data.x().get(i, c);
            }
            if (hole && i == data.size() - 1) {
                v[3] = null;
            }
            int label = 0;
            for (int c = 1; c < 3; c++) {
                if (data.y().get(i, c) > data.y().get(i, label)) {
                    label = c;
                }
            }
            v[5] = label;
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, schema);
    }
}
