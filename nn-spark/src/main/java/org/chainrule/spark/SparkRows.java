package org.chainrule.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.chainrule.api.ConfigException;
import org.chainrule.api.DataException;

/**
 * A Spark SQL {@code Dataset<Row>} as training samples for {@link SparkTrainer}: numeric columns
 * named as features, and either numeric target columns (values, 0/1 labels) or one class column
 * made one-hot. The columns are checked on the driver (names, types); a null or non-finite value
 * fails the job with one line naming the column. The partitioning is the Dataset's.
 */
public final class SparkRows {
    private SparkRows() {}

    /**
     * @param features the feature columns, in the network's input order
     * @param targets the target columns, in the network's output order
     * @throws ConfigException if a column is missing or not numeric (naming it and the columns there are)
     */
    public static JavaRDD<Sample> values(Dataset<Row> data, List<String> features, List<String> targets) {
        int[] f = columns(data, features, "feature");
        int[] t = columns(data, targets, "target");
        String[] names = data.columns();
        return data.javaRDD().map(row -> new Sample(floats(row, f, names), floats(row, t, names)));
    }

    /**
     * @param label an integer column of classes 0..classes − 1, made one-hot
     * @throws ConfigException if a column is missing or of another type, or classes is below 2
     */
    public static JavaRDD<Sample> classes(Dataset<Row> data, List<String> features, String label, int classes) {
        if (classes < 2) {
            throw new ConfigException("Spark data: classes: expected at least 2, found " + classes);
        }
        int[] f = columns(data, features, "feature");
        int l = columns(data, List.of(label), "label")[0];
        DataType type = data.schema().fields()[l].dataType();
        if (!(type.equals(DataTypes.IntegerType)
                || type.equals(DataTypes.LongType)
                || type.equals(DataTypes.ShortType)
                || type.equals(DataTypes.ByteType))) {
            throw new ConfigException("Spark data: label column '" + label + "' (" + type.simpleString()
                    + "): expected an integer column of classes");
        }
        String[] names = data.columns();
        return data.javaRDD().map(row -> {
            if (row.isNullAt(l)) {
                throw new DataException("Spark data: label column '" + label + "': expected a class, found null");
            }
            long c = ((Number) row.get(l)).longValue();
            if (c < 0 || c >= classes) {
                throw new DataException("Spark data: label column '" + label + "': expected a class in 0.."
                        + (classes - 1) + ", found " + c);
            }
            float[] y = new float[classes];
            y[(int) c] = 1f;
            return new Sample(floats(row, f, names), y);
        });
    }

    private static int[] columns(Dataset<Row> data, List<String> wanted, String what) {
        if (wanted.isEmpty()) {
            throw new ConfigException("Spark data: expected at least one " + what + " column, found none");
        }
        List<String> names = Arrays.asList(data.columns());
        StructField[] fields = data.schema().fields();
        int[] out = new int[wanted.size()];
        for (int i = 0; i < out.length; i++) {
            int at = names.indexOf(wanted.get(i));
            if (at < 0) {
                throw new ConfigException("Spark data: " + what + " column '" + wanted.get(i) + "': expected one of "
                        + names + ", found none of that name");
            }
            DataType type = fields[at].dataType();
            if (!(type instanceof org.apache.spark.sql.types.NumericType)) {
                throw new ConfigException("Spark data: " + what + " column '" + wanted.get(i) + "' ("
                        + type.simpleString() + "): expected a numeric column");
            }
            out[i] = at;
        }
        return out;
    }

    private static float[] floats(Row row, int[] columns, String[] names) {
        float[] out = new float[columns.length];
        for (int i = 0; i < columns.length; i++) {
            int c = columns[i];
            if (row.isNullAt(c)) {
                throw new DataException("Spark data: column '" + names[c] + "': expected a number, found null");
            }
            float v = ((Number) row.get(c)).floatValue();
            if (!Float.isFinite(v)) {
                throw new DataException("Spark data: column '" + names[c] + "': expected a finite number, found " + v);
            }
            out[i] = v;
        }
        return out;
    }
}
