package org.chainrule.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.chainrule.api.ConfigException;
import org.chainrule.api.LayerSpec;
import org.chainrule.api.NetworkSpec;
import org.chainrule.api.PluginSpec;
import org.chainrule.api.Task;
import org.chainrule.data.Inputs;

/**
 * Everything a training run needs, as a spec file (JSON or YAML) holds it and as
 * {@code nn train --print-config} prints it. Every field may be left out of a file; flags override
 * the file, and defaults fill the rest ({@link #withDefaults}).
 *
 * <pre>{@code
 * data:     {source: digits, scaling: standardize, validation_split: 0.1, test_split: 0.2}
 * network:  {inputs: 64, layers: [{units: 64, activation: relu, weight_init: he, bias_init: zero},
 *                                 {units: 10, activation: softmax}], loss: cross_entropy}
 * training: {optimizer: "adam(lr=0.001)", epochs: 30, batch: 32, seed: 42}
 * output:   {dir: nn-out, plot: png}
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"data", "network", "training", "output"})
record RunSpec(DataSection data, NetworkSection network, TrainingSection training, OutputSection output) {
    static final RunSpec EMPTY = new RunSpec(null, null, null, null);

    /** The data sources a spec may name. */
    static final List<String> SOURCES =
            List.of("digits", "iris", "breast-cancer", "diabetes", "fashion-mnist", "csv", "idx");

    /** The seed of the splits, the weights and the shuffle when none is given. */
    static final long DEFAULT_SEED = 42;

    /** @return the seed this spec gives, or {@link #DEFAULT_SEED} */
    long seed() {
        return training != null && training.seed != null ? training.seed : DEFAULT_SEED;
    }

    /**
     * Where the samples come from and how they are prepared.
     *
     * @param source {@code digits}, {@code iris}, {@code breast-cancer}, {@code diabetes},
     *     {@code fashion-mnist}, {@code csv} or {@code idx}
     * @param task {@code multiclass}, {@code binary}, {@code multilabel} or {@code regression}; null
     *     to take it from the data set or infer it from the network
     * @param train the training file (CSV, or IDX images)
     * @param trainLabels the IDX labels of the training images
     * @param test the test file, if the test set is not split off the training set
     * @param testLabels the IDX labels of the test images
     * @param labelColumn CSV column of the class, from 1; negative counts from the end (−1: last)
     * @param targets CSV target columns by number or header name (the class column of a class task,
     *     one or more 0/1 or value columns otherwise); null for {@code labelColumn}
     * @param features CSV feature columns in the same form; null for every column not a target
     * @param classes the number of classes K (labels 0..K−1), or null to take the largest label + 1
     * @param header CSV header line: {@code auto} (skipped when not numeric), {@code true}, {@code false}
     * @param scaling {@code standardize}, {@code minmax} or {@code none}, fitted on the training set
     * @param targetScaling regression targets: {@code standardize} (fitted on the training set,
     *     saved in the model and undone at prediction) or {@code none}
     * @param validationSplit fraction of the training set held out for validation and early stopping
     * @param testSplit fraction held out for testing when there is no test file
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "source",
        "task",
        "train",
        "train_labels",
        "test",
        "test_labels",
        "label_column",
        "targets",
        "features",
        "classes",
        "header",
        "scaling",
        "target_scaling",
        "validation_split",
        "test_split"
    })
    record DataSection(
            String source,
            String task,
            String train,
            String trainLabels,
            String test,
            String testLabels,
            Integer labelColumn,
            List<String> targets,
            List<String> features,
            Integer classes,
            String header,
            String scaling,
            String targetScaling,
            Double validationSplit,
            Double testSplit) {
        /** @return this section without test and validation splits: the whole training source */
        DataSection unsplit() {
            return with(task, 0.0, 0.0);
        }

        /** @return this section for a model's task, unless it names its own (an error if they differ) */
        DataSection forTask(Task t) {
            if (task != null && !task.equals(t.id())) {
                throw new ConfigException(
                        "data task: the model does the " + t.id() + " task, found " + Inputs.quote(task));
            }
            return with(t.id(), validationSplit, testSplit);
        }

        /** @return a copy with another task and splits */
        DataSection with(String newTask, Double validation, Double testPart) {
            return new DataSection(
                    source,
                    newTask,
                    train,
                    trainLabels,
                    test,
                    testLabels,
                    labelColumn,
                    targets,
                    features,
                    classes,
                    header,
                    scaling,
                    targetScaling,
                    validation,
                    testPart);
        }

        /** @return the task this section names; @throws ConfigException if it names none of the four */
        Task taskOrNull() {
            return task == null ? null : Task.parse(task, "data task");
        }

        /** @return whether the targets are read as a class column (multiclass, binary) */
        boolean classColumn() {
            Task t = taskOrNull();
            return t == null || t.classifies() && t != Task.MULTILABEL;
        }
    }

    /** The network in the model file's form; plugins as {@code name(key=value, ...)}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"inputs", "layers", "loss"})
    record NetworkSection(Integer inputs, List<LayerSection> layers, String loss) {}

    /** One dense layer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"units", "activation", "weight_init", "bias_init"})
    record LayerSection(Integer units, String activation, String weightInit, String biasInit) {}

    /**
     * @param earlyStop patience in epochs on the validation set; 0 for none
     * @param earlyStopMetric {@code loss} or {@code accuracy}
     * @param checkpointEvery epochs between checkpoints in the output folder; 0 for none
     * @param resume a checkpoint to continue from
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({
        "optimizer",
        "epochs",
        "batch",
        "seed",
        "threads",
        "early_stop",
        "early_stop_metric",
        "checkpoint_every",
        "resume"
    })
    record TrainingSection(
            String optimizer,
            Integer epochs,
            Integer batch,
            Long seed,
            Integer threads,
            Integer earlyStop,
            String earlyStopMetric,
            Integer checkpointEvery,
            String resume) {
        /** @return a copy with another optimizer */
        TrainingSection withOptimizer(String o) {
            return new TrainingSection(
                    o, epochs, batch, seed, threads, earlyStop, earlyStopMetric, checkpointEvery, resume);
        }
    }

    /**
     * @param dir the folder for the model, the metrics and the learning curve
     * @param plot {@code png}, {@code svg} or {@code none}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"dir", "plot"})
    record OutputSection(String dir, String plot) {}

    // ---------------------------------------------------------------- reading and writing

    private static final ObjectMapper JSON = configure(JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build()))
            .build();
    private static final ObjectMapper YAML = configure(JsonMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build()))
            .build();

    private static JsonMapper.Builder configure(JsonMapper.Builder b) {
        return b.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Reads a spec file, JSON or YAML (by the extension {@code .json}; anything else is read as
     * YAML, of which JSON is a subset).
     *
     * @throws ConfigException naming the file, the line and column, and the key
     */
    static RunSpec read(Path file) {
        String text = Inputs.readUtf8(file, m -> new ConfigException("spec file " + m));
        if (text.isBlank()) {
            throw new ConfigException(
                    "spec file " + file + ": empty; expected sections data, network, training, output");
        }
        ObjectMapper mapper = file.toString().endsWith(".json") ? JSON : YAML;
        try {
            RunSpec spec = mapper.readValue(text, RunSpec.class);
            if (spec == null) {
                throw new ConfigException(
                        "spec file " + file + ": empty; expected sections data, network, training, output");
            }
            return spec;
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream()
                    .map(Object::toString)
                    .map(RunSpec::snake)
                    .sorted()
                    .toList();
            String path = pathOf(e);
            int dot = path.lastIndexOf('.');
            throw new ConfigException(
                    at(file, e) + "unknown key " + Inputs.quote(e.getPropertyName())
                            + (dot < 0 ? "" : " in " + place(path.substring(0, dot))) + "; expected one of "
                            + String.join(", ", known),
                    e);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof JacksonException parse && !(parse instanceof JsonMappingException)) {
                throw notWellFormed(file, mapper == JSON ? "JSON" : "YAML", parse);
            }
            if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
                String path = pathOf(e);
                throw new ConfigException(
                        at(file, e) + (path.isEmpty() ? "" : place(path) + ": ") + "expected "
                                + expected(m.getTargetType()) + ", found " + found(m, mapper, text),
                        e);
            }
            throw new ConfigException(at(file, e) + parserMessage(e.getOriginalMessage()) + in(e), e);
        } catch (JacksonException e) {
            throw notWellFormed(file, mapper == JSON ? "JSON" : "YAML", e);
        }
    }

    private static ConfigException notWellFormed(Path file, String format, JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return new ConfigException(
                    at(file, e) + "not a spec: " + format + " nested deeper, or a value longer, than a spec ever is",
                    e);
        }
        return new ConfigException(
                at(file, e) + "not well-formed " + format + ": " + parserMessage(e.getOriginalMessage()), e);
    }

    private static final java.util.regex.Pattern JAVA_TYPE =
            java.util.regex.Pattern.compile("`(?:[a-z_][\\w]*\\.)+([A-Z]\\w*)(?:\\$(\\w+))?(?:<[^`]*>)?`");

    private static final java.util.regex.Pattern UNRECOGNIZED =
            java.util.regex.Pattern.compile("Unrecognized token '(.*)': was expecting (.*)");

    private static final java.util.regex.Pattern YAML_EVENT =
            java.util.regex.Pattern.compile( // to the last ")>": an anchor may hold anything
                    "<org\\.yaml\\.snakeyaml\\.[a-z.]+\\.([A-Za-z]+?)(?:Event|Token)(?:\\(.*\\))?>");

    /**
     * @return a parser's complaint in words: without the source excerpt Jackson appends, and with
     *     SnakeYAML's event objects ({@code <org.yaml.snakeyaml.events.MappingStartEvent(...)>})
     *     named as what they are ("the start of a section")
     */
    static String parserMessage(String message) {
        String first =
                message == null ? "unreadable" : message.lines().findFirst().orElse("");
        java.util.regex.Matcher token = UNRECOGNIZED.matcher(first);
        if (token.matches()) { // the token is the user's text, in full: quote it as such
            first = "Unrecognized token " + Inputs.quote(token.group(1)) + ": was expecting " + token.group(2);
        }
        String s = first.replaceAll("\\s*\\(for [A-Za-z]+ starting at \\[Source:.*$", "")
                .replaceAll("\\s*at \\[Source:.*$", "")
                .replaceAll("\\[Source:[^\\]]*\\]", "");
        java.util.regex.Matcher m = YAML_EVENT.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String what = switch (m.group(1)) {
                case "MappingStart" -> "the start of a section";
                case "MappingEnd" -> "the end of a section";
                case "SequenceStart" -> "the start of a list";
                case "SequenceEnd" -> "the end of a list";
                case "Scalar" -> "a value";
                case "Alias" -> "an alias";
                case "DocumentStart", "DocumentEnd", "StreamStart", "StreamEnd" -> "a document boundary";
                default -> "something else";
            };
            m.appendReplacement(b, what);
        }
        m.appendTail(b);
        java.util.regex.Matcher type = JAVA_TYPE.matcher(b.toString());
        StringBuilder words = new StringBuilder();
        while (type.find()) { // `java.lang.Integer`, `org.chainrule.cli.RunSpec$TrainingSection`: say what they are
            String name = type.group(2) != null ? type.group(2) : type.group(1);
            type.appendReplacement(
                    words, java.util.regex.Matcher.quoteReplacement(snake(name).replace('_', ' ')));
        }
        type.appendTail(words);
        return Main.plain(words.toString()).replace("`", "'");
    }

    private static String at(Path file, JacksonException e) {
        JsonLocation l = e.getLocation();
        return "spec file " + file
                + (l == null || l.getLineNr() < 1 ? "" : " line " + l.getLineNr() + ", column " + l.getColumnNr())
                + ": ";
    }

    private static String in(JsonMappingException e) {
        String path = pathOf(e);
        return path.isEmpty() ? "" : " (at " + place(path) + ")";
    }

    /** @return where in the document the error is, e.g. {@code training.epochs}, {@code network.layers[2]} */
    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + (r.getIndex() + 1) + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /** @return what a spec value of {@code type} looks like, in words */
    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a section of keys (" + snakeComponents(type) + ")";
    }

    private static String snakeComponents(Class<?> type) {
        return type.isRecord()
                ? java.util.Arrays.stream(type.getRecordComponents())
                        .map(c -> snake(c.getName()))
                        .collect(Collectors.joining(", "))
                : "key: value";
    }

    /** @return the value the reader stopped at, e.g. {@code "ten"}, {@code a list} */
    /**
     * @return the value the reader stopped at, e.g. {@code 'ten'}, {@code a list}: read again from
     *     the document at the error's path when it parses as a tree (the exact text, whatever it
     *     holds), else from the reader's message
     */
    private static String found(MismatchedInputException m, ObjectMapper mapper, String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = mapper.readTree(text);
            for (JsonMappingException.Reference r : m.getPath()) {
                node = node == null
                        ? null
                        : r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
            }
            if (node != null) {
                if (node.isTextual()) {
                    return Inputs.quote(node.textValue());
                }
                if (node.isNumber() || node.isBoolean()) {
                    return cut(node.asText());
                }
                if (node.isArray()) {
                    return "a list";
                }
                if (node.isObject()) {
                    return "a section of keys";
                }
                if (node.isNull()) {
                    return "nothing (null)";
                }
            }
        } catch (JacksonException | RuntimeException again) {
            // the message is all there is
        }
        return found(m);
    }

    private static String found(MismatchedInputException m) {
        String msg = String.valueOf(m.getOriginalMessage());
        if (msg.contains("from Array value")) {
            return "a list";
        }
        if (msg.contains("from Object value")) {
            return "a section of keys";
        }
        java.util.regex.Matcher v = java.util.regex.Pattern.compile(
                        "(?:String|Number|Integer|Floating-point|Boolean) value \\((\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^)]*)\\)")
                .matcher(msg);
        if (v.find() && !v.group(1).startsWith("token ")) {
            String value = v.group(1);
            if (value.matches("-?[0-9][0-9.eE+-]*|true|false")) {
                return value; // a number or a truth value, as written
            }
            boolean quoted = value.startsWith("\"") || value.startsWith("'");
            boolean closed = quoted && value.length() >= 2 && value.charAt(value.length() - 1) == value.charAt(0);
            // the user's text, however Jackson delimited it (or cut it): always quoted as user text
            return Inputs.quote(quoted ? value.substring(1, closed ? value.length() - 1 : value.length()) : value);
        }
        for (String[] kind : new String[][] {
            {"VALUE_NUMBER_INT", "a whole number"},
            {"VALUE_NUMBER_FLOAT", "a number"},
            {"VALUE_STRING", "a text value"},
            {"VALUE_TRUE", "true"},
            {"VALUE_FALSE", "false"}
        }) {
            if (msg.contains("JsonToken." + kind[0])) {
                return kind[1];
            }
        }
        if (!(m.getProcessor() instanceof JsonParser p) || p.currentToken() == null) {
            return "another kind of value";
        }
        JsonToken t = p.currentToken();
        try {
            return switch (t) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "a section of keys";
                case VALUE_STRING -> Inputs.quote(p.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> cut(p.getText());
                case VALUE_NULL -> "nothing (null)";
                default -> "another kind of value";
            };
        } catch (java.io.IOException e) {
            return "another kind of value";
        }
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** @return a key path as written when it is made of plain keys, else quoted as the user's text */
    private static String place(String path) {
        return path.matches("[a-z0-9_.\\[\\]]*") ? path : Inputs.quote(path);
    }

    private static String snake(String s) {
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() <= 160 ? line : line.substring(0, 157) + "...";
    }

    /** @return this spec as JSON, which {@link #read} reads back */
    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- merging and defaults

    /** @return this spec with every field {@code over} sets replaced (a layer list as a whole) */
    RunSpec overriddenBy(RunSpec over) {
        return new RunSpec(
                merge(data, over.data, RunSpec::mergeData),
                merge(network, over.network, RunSpec::mergeNetwork),
                merge(training, over.training, RunSpec::mergeTraining),
                merge(output, over.output, (a, b) -> new OutputSection(pick(a.dir, b.dir), pick(a.plot, b.plot))));
    }

    private static <T> T merge(T base, T over, java.util.function.BinaryOperator<T> f) {
        return base == null ? over : over == null ? base : f.apply(base, over);
    }

    private static <T> T pick(T base, T over) {
        return over != null ? over : base;
    }

    private static DataSection mergeData(DataSection a, DataSection b) {
        return new DataSection(
                pick(a.source, b.source),
                pick(a.task, b.task),
                pick(a.train, b.train),
                pick(a.trainLabels, b.trainLabels),
                pick(a.test, b.test),
                pick(a.testLabels, b.testLabels),
                pick(a.labelColumn, b.labelColumn),
                pick(a.targets, b.targets),
                pick(a.features, b.features),
                pick(a.classes, b.classes),
                pick(a.header, b.header),
                pick(a.scaling, b.scaling),
                pick(a.targetScaling, b.targetScaling),
                pick(a.validationSplit, b.validationSplit),
                pick(a.testSplit, b.testSplit));
    }

    private static NetworkSection mergeNetwork(NetworkSection a, NetworkSection b) {
        return new NetworkSection(pick(a.inputs, b.inputs), pick(a.layers, b.layers), pick(a.loss, b.loss));
    }

    private static TrainingSection mergeTraining(TrainingSection a, TrainingSection b) {
        return new TrainingSection(
                pick(a.optimizer, b.optimizer),
                pick(a.epochs, b.epochs),
                pick(a.batch, b.batch),
                pick(a.seed, b.seed),
                pick(a.threads, b.threads),
                pick(a.earlyStop, b.earlyStop),
                pick(a.earlyStopMetric, b.earlyStopMetric),
                pick(a.checkpointEvery, b.checkpointEvery),
                pick(a.resume, b.resume));
    }

    /** @return the data section with every default filled in (the data is not read yet) */
    DataSection dataWithDefaults() {
        DataSection d = data == null
                ? new DataSection(
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                : data;
        String source =
                d.source != null ? d.source : d.train == null ? "digits" : d.trainLabels != null ? "idx" : "csv";
        boolean hasTest = source.equals("fashion-mnist") || d.test != null;
        String task = d.task != null
                ? d.task
                : source.equals("diabetes") ? "regression" : source.equals("breast-cancer") ? "binary" : null;
        DataSection full = new DataSection(
                source,
                task,
                d.train,
                d.trainLabels,
                d.test,
                d.testLabels,
                pick(-1, d.labelColumn),
                d.targets,
                d.features,
                d.classes,
                pick("auto", d.header),
                pick("standardize", d.scaling),
                pick("standardize", d.targetScaling),
                pick(0.0, d.validationSplit),
                hasTest ? pick(0.0, d.testSplit) : pick(0.2, d.testSplit));
        checkData(full);
        return full;
    }

    private static void checkData(DataSection d) {
        if (!SOURCES.contains(d.source)) {
            throw new ConfigException(
                    "data source: expected " + String.join(", ", SOURCES) + ", found " + Inputs.quote(d.source));
        }
        Task task = d.taskOrNull();
        if (!List.of("standardize", "none").contains(d.targetScaling)) {
            throw new ConfigException(
                    "data target_scaling: expected standardize or none, found " + Inputs.quote(d.targetScaling));
        }
        if (d.targets != null && d.targets.isEmpty()) {
            throw new ConfigException("data targets: expected at least one column, found none");
        }
        if (task != null && d.classColumn()) {
            requireOneClassColumn(d, task, "chosen");
        }
        if (task != null && !d.classColumn() && d.targets == null && !d.source.equals("diabetes")) {
            throw new ConfigException("data targets: the " + task.id() + " task reads its targets from named"
                    + " columns; expected --target NAME or --target-columns N (spec data.targets), found none");
        }
        if (d.source.equals("diabetes") && task != Task.REGRESSION
                || d.source.equals("breast-cancer") && task != Task.BINARY && task != Task.MULTICLASS) {
            throw new ConfigException("data task: the " + d.source + " data set is for the "
                    + (d.source.equals("diabetes") ? "regression" : "binary") + " task, found " + task.id());
        }
        if (!List.of("standardize", "minmax", "none").contains(d.scaling)) {
            throw new ConfigException(
                    "data scaling: expected standardize, minmax or none, found " + Inputs.quote(d.scaling));
        }
        if (!List.of("auto", "true", "false").contains(d.header)) {
            throw new ConfigException("data header: expected auto, true or false, found " + Inputs.quote(d.header));
        }
        if (d.classes != null && d.classes < 2) {
            throw new ConfigException("data classes: expected at least 2, found " + d.classes);
        }
        fraction("data validation_split", d.validationSplit);
        fraction("data test_split", d.testSplit);
    }

    /**
     * The task of the run: the data section's (or its data set's: regression for diabetes, binary
     * for breast-cancer), else inferred from the output activation and the loss as far as the
     * network section gives them ({@link Task#infer}), else multiclass.
     *
     * @return the task and where it came from, in words
     */
    Task.Inferred task() {
        DataSection d = dataWithDefaults();
        if (d.task != null) {
            return new Task.Inferred(
                    d.taskOrNull(), data != null && data.task != null ? "chosen" : "the " + d.source + " data set");
        }
        LayerSection out =
                network == null || network.layers == null || network.layers.isEmpty() ? null : network.layers.getLast();
        String activation = out == null ? null : out.activation;
        String loss = network == null ? null : network.loss;
        if (activation == null && loss == null) {
            requireOneClassColumn(d, Task.MULTICLASS, "the default");
            return new Task.Inferred(Task.MULTICLASS, "the default");
        }
        int units = out != null && out.units != null ? out.units : d.targets != null ? d.targets.size() : 2;
        String lossName = loss == null ? null : plugin("network loss", loss).name();
        String activationName = activation == null
                ? null
                : plugin("output activation", activation).name();
        Task.Inferred t = Task.infer(
                activationName != null ? activationName : "nll".equals(lossName) ? "sigmoid" : "softmax",
                lossName != null ? lossName : "identity".equals(activationName) ? "square" : "cross_entropy",
                units);
        if (!t.task().classifies() || t.task() == Task.MULTILABEL) {
            if (d.targets == null) { // a class column: k sigmoids with nll, or an MSE fit of one-hot rows, classify
                return new Task.Inferred(
                        units == 1 ? Task.BINARY : Task.MULTICLASS,
                        "inferred from " + t.reason() + " on a class column");
            }
        } else {
            requireOneClassColumn(d, t.task(), "inferred from " + t.reason());
        }
        return new Task.Inferred(t.task(), "inferred from " + t.reason());
    }

    /** @throws ConfigException if a class task ({@code why}: how it was chosen) is given several target columns */
    private static void requireOneClassColumn(DataSection d, Task task, String why) {
        if (d.targets != null && d.targets.size() != 1) {
            throw new ConfigException("data targets: expected one class column for the " + task.id() + " task ("
                    + why + "), found " + d.targets.size()
                    + "; several 0/1 columns are the multilabel task, several values the regression task (--task)");
        }
    }

    /**
     * @param features the number of input features of the data
     * @param outputs the outputs the data asks for: the number of classes (multiclass), 1 (binary),
     *     the number of target columns (multi-label, regression)
     * @param task the task of the run ({@link #task()})
     * @return the spec with every default filled in: the result of {@code --print-config}
     * @throws ConfigException if the network does not fit the data or the task, or a value is out of range
     */
    RunSpec withDefaults(int features, int outputs, Task task) {
        RunSpec full = filled(features, outputs, task);
        full.check(true);
        return full;
    }

    private RunSpec filled(int features, int outputs, Task task) {
        NetworkSection n = network == null ? new NetworkSection(null, null, null) : network;
        if (n.inputs != null && n.inputs != features) {
            throw new ConfigException(
                    "network inputs: expected " + features + " (the data's features), found " + n.inputs);
        }
        String outputActivation = switch (task) {
            case MULTICLASS -> "softmax";
            case BINARY, MULTILABEL -> "sigmoid";
            case REGRESSION -> "identity";
        };
        String defaultLoss = switch (task) {
            case MULTICLASS -> "cross_entropy";
            case BINARY, MULTILABEL -> "nll";
            case REGRESSION -> "square";
        };
        List<LayerSection> given = n.layers != null && !n.layers.isEmpty()
                ? n.layers
                : List.of(
                        new LayerSection(64, "relu", null, null),
                        new LayerSection(outputs, outputActivation, null, null));
        List<LayerSection> layers = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            LayerSection l = given.get(i);
            boolean output = i == given.size() - 1;
            if (l == null) {
                throw new ConfigException("network layer " + (i + 1) + ": expected a layer, found null");
            }
            Integer units = l.units != null ? l.units : output ? Integer.valueOf(outputs) : null;
            if (units == null) {
                throw new ConfigException("network layer " + (i + 1) + " units: expected a number, found none");
            }
            layers.add(new LayerSection(
                    units,
                    pick(output ? outputActivation : "relu", l.activation),
                    pick(output ? "xavier" : "he", l.weightInit),
                    pick("zero", l.biasInit)));
        }
        int out = layers.getLast().units;
        if (out != outputs) {
            throw new ConfigException("network layer " + layers.size() + " units: expected " + outputs + " ("
                    + switch (task) {
                        case MULTICLASS -> "one per class" + (outputs == 2 ? "; 1 is the binary task" : "");
                        case BINARY -> "the probability of class 1, for the binary task";
                        case MULTILABEL -> "one per label column";
                        case REGRESSION -> "one per target column";
                    }
                    + "), found " + out);
        }
        TrainingSection t =
                training == null ? new TrainingSection(null, null, null, null, null, null, null, null, null) : training;
        TrainingSection tt = new TrainingSection(
                pick(task == Task.REGRESSION ? "adam(lr=0.001)" : "sgd(lr=0.1)", t.optimizer),
                pick(30, t.epochs),
                pick(32, t.batch),
                pick(DEFAULT_SEED, t.seed),
                t.threads,
                pick(0, t.earlyStop),
                pick("loss", t.earlyStopMetric),
                pick(0, t.checkpointEvery),
                t.resume);
        OutputSection o = output == null ? new OutputSection(null, null) : output;
        DataSection d = dataWithDefaults();
        RunSpec full = new RunSpec(
                d.with(task.id(), d.validationSplit, d.testSplit),
                new NetworkSection(features, layers, pick(defaultLoss, n.loss)),
                tt,
                new OutputSection(pick("nn-out", o.dir), pick("png", o.plot)));
        return full;
    }

    /** @param taskCheck whether to refuse a network that cannot do the task (not for a network that stands alone) */
    private void check(boolean taskCheck) {
        DataSection d = data;
        TrainingSection t = training;
        positive("training epochs", t.epochs);
        positive("training batch", t.batch);
        if (t.threads != null) {
            positive("training threads", t.threads);
        }
        if (t.earlyStop < 0) {
            throw new ConfigException(
                    "training early_stop: expected 0 (off) or a patience >= 1 epochs, found " + t.earlyStop);
        }
        if (!List.of("loss", "accuracy").contains(t.earlyStopMetric)) {
            throw new ConfigException(
                    "training early_stop_metric: expected loss or accuracy, found " + Inputs.quote(t.earlyStopMetric));
        }
        if (t.earlyStop > 0 && d.validationSplit == 0) {
            throw new ConfigException(
                    "training early_stop: needs a validation set; set data validation_split (--validation-split) above 0");
        }
        if (t.checkpointEvery < 0) {
            throw new ConfigException(
                    "training checkpoint_every: expected 0 (off) or >= 1 epochs, found " + t.checkpointEvery);
        }
        if (!List.of("png", "svg", "none").contains(output.plot)) {
            throw new ConfigException("output plot: expected png, svg or none, found " + Inputs.quote(output.plot));
        }
        Task task = d.taskOrNull();
        NetworkSpec spec = networkSpec(); // validates names, sizes and plugin syntax
        if (taskCheck) {
            task.check(spec);
        }
        PluginSpec.parse(t.optimizer);
        if (t.earlyStop > 0
                && t.earlyStopMetric.equals("accuracy")
                && (task == Task.MULTILABEL || task == Task.REGRESSION)) {
            throw new ConfigException(
                    "training early_stop_metric: the " + task.id() + " task has no accuracy; expected loss");
        }
    }

    private static void fraction(String what, double v) {
        if (!(v >= 0 && v <= 0.9)) {
            throw new ConfigException(what + ": expected a fraction from 0 to 0.9, found " + v);
        }
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new ConfigException(what + ": expected at least 1, found " + v);
        }
    }

    /**
     * @return the engine's spec of a network section that stands alone (no data to take sizes
     *     from): the inputs and every layer's units must be given; the rest is defaulted
     */
    NetworkSpec standaloneNetwork(String where) {
        if (network == null || network.inputs == null || network.layers == null || network.layers.isEmpty()) {
            throw new ConfigException(where + ": expected a network section with inputs and layers, found "
                    + (network == null ? "none" : network.inputs == null ? "no inputs" : "no layers"));
        }
        int classes = network.layers.getLast() == null || network.layers.getLast().units == null
                ? 0
                : network.layers.getLast().units;
        NetworkSection n = network;
        for (int i = 0; i < n.layers.size(); i++) {
            if (n.layers.get(i) == null || n.layers.get(i).units == null) {
                throw new ConfigException(
                        where + ": network layer " + (i + 1) + " units: expected a number, found none");
            }
        }
        RunSpec alone = new RunSpec(null, n, null, null);
        RunSpec full = alone.filled(n.inputs, classes, alone.task().task());
        full.check(false); // gradcheck and explain take any pairing, a task or not
        return full.networkSpec();
    }

    /** @return the engine's spec of a spec with defaults filled in */
    NetworkSpec networkSpec() {
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < network.layers.size(); i++) {
            LayerSection l = network.layers.get(i);
            String at = "network layer " + (i + 1);
            if (l.units < 1) {
                throw new ConfigException(at + " units: expected at least 1, found " + l.units);
            }
            layers.add(new LayerSpec(
                    l.units,
                    plugin(at + " activation", l.activation),
                    plugin(at + " weight_init", l.weightInit),
                    plugin(at + " bias_init", l.biasInit)));
        }
        return new NetworkSpec(network.inputs, layers, plugin("network loss", network.loss));
    }

    private static PluginSpec plugin(String where, String text) {
        try {
            return PluginSpec.parse(text);
        } catch (ConfigException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }
}
