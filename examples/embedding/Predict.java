import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.Arrays;
import org.chainrule.engine.Chainrule;
import org.chainrule.engine.Model;

/** Loads a model file and prints the class it predicts for each CSV line of raw features on stdin. */
void main(String[] args) throws Exception {
    Model model = Chainrule.create().load(Path.of(args[0]));
    System.out.println("loaded " + model);
    var in = new BufferedReader(new InputStreamReader(System.in));
    for (String line; (line = in.readLine()) != null; ) {
        String[] cells = line.split(",");
        float[] x = new float[model.inputs()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Float.parseFloat(cells[i].trim());
        }
        String rest = String.join(",", Arrays.copyOfRange(cells, x.length, cells.length));
        System.out.printf("predicted %d%s%n", model.predictClass(x), rest.isEmpty() ? "" : "  (given " + rest + ")");
    }
}
