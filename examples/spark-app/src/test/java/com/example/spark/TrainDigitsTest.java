package com.example.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.chainrule.api.Matrix;
import org.chainrule.data.LabeledData;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application on a local Spark: the digits as a CSV file read through Spark, a model that classifies them. */
class TrainDigitsTest {
    @TempDir
    Path dir;

    @Test
    void theModelTrainedOnSparkClassifiesTheDigits() throws IOException {
        LabeledData digits = LabeledData.embedded("digits");
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < digits.size(); i++) {
            for (int c = 0; c < 64; c++) {
                csv.append((int) digits.x().get(i, c)).append(',');
            }
            csv.append(digits.labels()[i]).append('\n');
        }
        Path data = Files.writeString(dir.resolve("digits.csv"), csv);
        Path out = dir.resolve("digits.safetensors");

        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf()
                .setMaster("local[2]")
                .setAppName("spark-app test")
                .set("spark.ui.enabled", "false"))) {
            TrainDigits.train(sc, data.toString(), out, 15);
        }

        Model model = Chainrule.create().load(out);
        Matrix x = digits.x().copy();
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] /= 16f;
        }
        int correct = 0;
        int[] predicted = model.predictClasses(x.toArray());
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == digits.labels()[i] ? 1 : 0;
        }
        double accuracy = (double) correct / digits.size();
        System.out.printf("digits trained on Spark, accuracy on the training rows: %.4f%n", accuracy);
        assertTrue(accuracy > 0.95, "accuracy " + accuracy);
    }
}
