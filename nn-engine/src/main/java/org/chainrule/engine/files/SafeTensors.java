package org.chainrule.engine.files;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.regex.Pattern;
import org.chainrule.api.ModelFileException;
import org.chainrule.api.ModelFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hugging Face's safetensors container, float32 only: an 8-byte little-endian header length N,
 * N bytes of JSON ({@code name → {dtype, shape, data_offsets}} plus a {@code __metadata__} map of
 * strings), then the tensors' raw little-endian bytes, back to back. Chainrule adds two rules: the
 * metadata key {@value #CHECKSUM} holds the SHA-256 of the data section, and reading requires it;
 * the key {@value #HEADER_CHECKSUM} holds the SHA-256 of the header as written, and reading
 * verifies it where present (every file this version writes has it).
 *
 * <p>Reading validates the whole layout before it allocates anything that depends on the file:
 * the header length is bounded, the JSON is strict (no duplicate keys, no trailing tokens,
 * bounded nesting), every dtype is F32, every shape product is free of overflow and matches its
 * byte range, and the ranges tile the data section exactly. Every failure is a
 * {@link ModelFormatException} naming the file and the place. Nothing read from a file is ever
 * used as a class name.
 */
public final class SafeTensors {
    /** The metadata key of the data section's SHA-256, lower-case hex. */
    public static final String CHECKSUM = "sha256";

    /**
     * The metadata key of the header's SHA-256, lower-case hex: the digest of the header's bytes as
     * written (all N of them, padding included) with this key's 64 digits read as {@code 0}s. The
     * key must appear exactly once as {@code "header_sha256":"<64 digits>"}.
     */
    public static final String HEADER_CHECKSUM = "header_sha256";

    private static final String ZEROS = "0".repeat(64);

    public static final long MAX_HEADER_BYTES = 16L << 20;
    public static final int MAX_TENSORS = 100_000;
    public static final int MAX_RANK = 8;
    private static final String METADATA = "__metadata__";
    private static final int CHUNK = 1 << 16;

    private static final ObjectMapper JSON = strictMapper();

    private SafeTensors() {}

    /** A tensor to write: its shape and row-major values (the product of the shape is the length). */
    public record Tensor(int[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException(
                        "tensor shape " + Arrays.toString(shape) + " holds " + n + " values, found " + data.length);
            }
        }
    }

    /** One tensor's entry in a validated header: byte range [begin, end) within the data section. */
    public record Entry(String name, int[] shape, long begin, long end) {
        public int length() {
            return (int) ((end - begin) / Float.BYTES);
        }
    }

    /** @return a Jackson mapper that rejects duplicate keys, trailing tokens and deep nesting */
    public static ObjectMapper strictMapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxNumberLength(64)
                        .maxStringLength((int) MAX_HEADER_BYTES)
                        .build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        return mapper;
    }

    /** @return {@code json} parsed strictly; @throws ModelFormatException naming {@code where} */
    public static JsonNode parseJson(String json, String where) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new ModelFormatException(
                    where + ": not well-formed JSON (nested deeper than 64 levels, or a number or text too long)", e);
        } catch (JacksonException e) {
            throw new ModelFormatException(
                    where + ": not well-formed JSON (" + firstLine(e.getOriginalMessage()) + ")", e);
        }
    }

    public static String toJson(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes the file atomically: to a temporary file beside it, forced to disk, then renamed over
     * {@code file}. If anything fails the previous file is left as it was and the temporary file
     * is removed. The checksum is added to the metadata.
     *
     * @throws ModelFileException naming the file if it cannot be written
     */
    public static void write(Path file, Map<String, String> metadata, SequencedMap<String, Tensor> tensors) {
        long dataBytes = 0;
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject(METADATA);
        metadata.forEach(meta::put);
        for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
            ObjectNode e = header.putObject(t.getKey());
            e.put("dtype", "F32");
            var shape = e.putArray("shape");
            for (int d : t.getValue().shape()) {
                shape.add(d);
            }
            long end = dataBytes + (long) t.getValue().data().length * Float.BYTES;
            e.putArray("data_offsets").add(dataBytes).add(end);
            dataBytes = end;
        }
        MessageDigest sha = sha256();
        List<ByteBuffer> data = new ArrayList<>(tensors.size());
        for (Tensor t : tensors.values()) {
            ByteBuffer bytes = littleEndian(t.data()); // encoded once: hashed here, written below
            sha.update(bytes);
            data.add(bytes.flip());
        }
        meta.put(CHECKSUM, HexFormat.of().formatHex(sha.digest()));
        meta.put(HEADER_CHECKSUM, ZEROS);
        byte[] json = toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7; // the reference writer pads the header with spaces to 8 bytes
        byte[] text = Arrays.copyOf(json, padded);
        Arrays.fill(text, json.length, padded, (byte) ' ');
        int digits = headerChecksumAt(text).orElseThrow();
        byte[] digest = HexFormat.of().formatHex(sha256().digest(text)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digest, 0, text, digits, digest.length);
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(text).flip();

        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            removeStaleTemporaries(absolute);
            tmp = Files.createTempFile(dir, tempPrefix(absolute), ".tmp");
            sharePermissions(tmp, absolute);
            try (FileChannel out =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(out, head);
                for (ByteBuffer bytes : data) {
                    writeFully(out, bytes);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new ModelFileException("model file " + file + ": cannot write (" + e + ")", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
        }
    }

    private static String tempPrefix(Path target) {
        return "." + target.getFileName();
    }

    /**
     * Removes what an interrupted write to {@code target} left behind (a kill during a write, or a
     * power cut): files named as {@link Files#createTempFile} names ours ({@code .NAME<digits>.tmp})
     * that were last modified before this process started, so never a write still in flight.
     */
    public static void removeStaleTemporaries(Path target) throws IOException {
        var stale = Pattern.compile(Pattern.quote(tempPrefix(target)) + "[0-9]+" + Pattern.quote(".tmp"));
        var before = FileTime.from(PROCESS_START);
        try (var files = Files.newDirectoryStream(
                target.getParent(),
                f -> stale.matcher(f.getFileName().toString()).matches())) {
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(f).compareTo(before) < 0) {
                        Files.delete(f);
                        LOG.info("removed {}, left by an interrupted write of {}", f, target);
                    }
                } catch (NoSuchFileException gone) {
                    // another process cleaned it first
                }
            }
        }
    }

    private static final Instant PROCESS_START =
            ProcessHandle.current().info().startInstant().orElseGet(Instant::now);

    private static final Logger LOG = LoggerFactory.getLogger(SafeTensors.class);

    /** Gives the temporary file the permissions of the file it replaces, or rw-r--r-- for a new one. */
    private static void sharePermissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        var perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (Linux does). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can fsync a directory; the file itself is already on disk
        }
    }

    private static ByteBuffer littleEndian(float[] data) {
        ByteBuffer b = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return b;
    }

    // ---------------------------------------------------------------- reading

    /**
     * An open, validated file: the metadata and the tensor layout are checked and the checksum
     * verified; tensor values are read on request.
     */
    public static final class Reader implements AutoCloseable {
        private final String where;
        private final FileChannel in;
        private final long dataStart;
        private final Map<String, String> metadata;
        private final SequencedMap<String, Entry> entries;

        private Reader(
                String where,
                FileChannel in,
                long dataStart,
                Map<String, String> metadata,
                SequencedMap<String, Entry> entries) {
            this.where = where;
            this.in = in;
            this.dataStart = dataStart;
            this.metadata = metadata;
            this.entries = entries;
        }

        /** @return the header's {@code __metadata__}, string to string */
        public Map<String, String> metadata() {
            return metadata;
        }

        /** @return every tensor's entry in data order */
        public SequencedMap<String, Entry> entries() {
            return entries;
        }

        /** @return the values of a tensor whose entry the caller has checked */
        public float[] floats(Entry e) {
            ByteBuffer b = ByteBuffer.allocate(e.length() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(in, b, dataStart + e.begin(), where);
            b.flip();
            float[] out = new float[e.length()];
            b.asFloatBuffer().get(out);
            return out;
        }

        public String where() {
            return where;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // read-only; nothing to lose
            }
        }
    }

    /**
     * Opens and validates a file.
     *
     * @throws ModelFileException if the file cannot be read
     * @throws ModelFormatException if anything in it is malformed or the checksum is wrong
     */
    public static Reader open(Path file) {
        return open(file, "model file " + file, true);
    }

    /**
     * Opens and validates a safetensors file that another program wrote (PyTorch's
     * {@code save_file}): the same checks, except that a data checksum is verified only where the
     * metadata holds one.
     *
     * @param where how messages name the file
     */
    public static Reader openForeign(Path file, String where) {
        return open(file, where, false);
    }

    private static Reader open(Path file, String where, boolean ours) {
        FileChannel in;
        try {
            in = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(where + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(where + ": cannot open (" + e + ")", e);
        }
        try {
            Reader r = validate(in, where, ours);
            in = null;
            return r;
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // reporting the validation error matters more
                }
            }
        }
    }

    private static Reader validate(FileChannel in, String where, boolean ours) {
        long size;
        try {
            size = in.size();
        } catch (IOException e) {
            throw new ModelFileException(where + ": cannot read (" + e + ")", e);
        }
        if (size < 8) {
            throw new ModelFormatException(
                    where + ": truncated: expected an 8-byte header length, found " + size + " bytes");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in, lengthBytes, 0, where);
        long headerLength = lengthBytes.flip().getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw new ModelFormatException(where + ": header length at byte 0: expected 2.." + MAX_HEADER_BYTES
                    + ", found " + Long.toUnsignedString(headerLength));
        }
        if (headerLength > size - 8) {
            throw new ModelFormatException(where + ": truncated: the header needs bytes 8.." + (8 + headerLength)
                    + " but the file has " + size);
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(in, headerBytes, 8, where);
        String headerText;
        try {
            headerText = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(headerBytes.flip())
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ModelFormatException(where + ": header (bytes 8.." + (8 + headerLength) + ") is not UTF-8", e);
        }
        JsonNode header = parseJson(headerText, where + ": header");
        byte[] headerArray = headerBytes.array();
        if (!header.isObject()) {
            throw new ModelFormatException(where + ": header: expected a JSON object, found " + header.getNodeType());
        }
        long dataStart = 8 + headerLength;
        long dataSize = size - dataStart;
        Map<String, String> metadata = Map.of();
        List<Entry> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals(METADATA)) {
                metadata = metadata(f.getValue(), where);
            } else {
                if (list.size() == MAX_TENSORS) {
                    throw new ModelFormatException(where + ": header: more than " + MAX_TENSORS + " tensors");
                }
                list.add(entry(f.getKey(), f.getValue(), dataSize, where));
            }
        }
        list.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : list) {
            if (e.begin() != expected) {
                throw new ModelFormatException(
                        where + ": tensor " + printable(e.name()) + " data_offsets: expected to begin at "
                                + expected + " (tensors must tile the data section without gaps or overlaps), found "
                                + e.begin());
            }
            expected = e.end();
        }
        if (expected != dataSize) {
            throw new ModelFormatException(where + ": data section: the tensors cover " + expected
                    + " bytes but it holds " + dataSize + (expected > dataSize ? " (truncated)" : " (trailing bytes)"));
        }
        if (metadata.containsKey(HEADER_CHECKSUM)) {
            verifyHeader(headerArray, metadata.get(HEADER_CHECKSUM), where);
        }
        String claimed = metadata.get(CHECKSUM);
        if (claimed == null && ours) {
            throw new ModelFormatException(where + ": __metadata__: expected key '" + CHECKSUM + "', found none");
        }
        String actual = claimed == null ? null : checksum(in, dataStart, dataSize, where);
        if (claimed != null && !actual.equals(claimed)) {
            throw new ModelFormatException(where + ": checksum of the data section (bytes " + dataStart + ".." + size
                    + "): expected " + claimed + ", found " + actual + "; the file is corrupt");
        }
        SequencedMap<String, Entry> entries = new LinkedHashMap<>();
        for (Entry e : list) {
            entries.put(e.name(), e);
        }
        return new Reader(where, in, dataStart, metadata, entries);
    }

    /** @return where the 64 digits of {@code "header_sha256":"…"} begin, if the key appears exactly once */
    private static java.util.OptionalInt headerChecksumAt(byte[] header) {
        byte[] key = ("\"" + HEADER_CHECKSUM + "\":\"").getBytes(StandardCharsets.US_ASCII);
        int found = -1;
        for (int i = 0; i + key.length + 65 <= header.length; i++) {
            if (Arrays.equals(header, i, i + key.length, key, 0, key.length) && header[i + key.length + 64] == '"') {
                if (found >= 0) {
                    return java.util.OptionalInt.empty();
                }
                found = i + key.length;
            }
        }
        return found < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(found);
    }

    /** Checks the header's own digest: any edit to the header as written, spec and metadata included, fails. */
    private static void verifyHeader(byte[] header, String claimed, String where) {
        var at = headerChecksumAt(header);
        if (at.isEmpty()) {
            throw new ModelFormatException(where + ": __metadata__ " + HEADER_CHECKSUM + ": expected exactly one \""
                    + HEADER_CHECKSUM + "\":\"<64 hex digits>\" in the header as written, found another form");
        }
        byte[] zeroed = header.clone();
        Arrays.fill(zeroed, at.getAsInt(), at.getAsInt() + 64, (byte) '0');
        String actual = HexFormat.of().formatHex(sha256().digest(zeroed));
        if (!actual.equals(claimed)) {
            throw new ModelFormatException(where + ": checksum of the header (bytes 8.." + (8 + header.length)
                    + "): expected " + printable(claimed) + ", found \"" + actual
                    + "\"; the header (network spec, settings or metadata) was changed after writing");
        }
    }

    private static Map<String, String> metadata(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ModelFormatException(
                    where + ": __metadata__: expected an object of strings, found " + node.getNodeType());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) {
                throw new ModelFormatException(where + ": __metadata__ key " + printable(f.getKey())
                        + ": expected a string, found " + f.getValue().getNodeType());
            }
            m.put(f.getKey(), f.getValue().textValue());
        }
        return Map.copyOf(m);
    }

    private static Entry entry(String name, JsonNode node, long dataSize, String where) {
        String at = where + ": tensor " + printable(name);
        if (!node.isObject()) {
            throw new ModelFormatException(at + ": expected an object, found " + node.getNodeType());
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String k = keys.next();
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw new ModelFormatException(
                        at + ": unknown key " + printable(k) + "; expected dtype, shape, data_offsets");
            }
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual() || !dtype.textValue().equals("F32")) {
            throw new ModelFormatException(at + " dtype: expected \"F32\", found " + (dtype == null ? "none" : dtype));
        }
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray() || shapeNode.size() > MAX_RANK) {
            throw new ModelFormatException(at + " shape: expected an array of at most " + MAX_RANK
                    + " non-negative integers, found " + abbreviate(shapeNode));
        }
        int[] shape = new int[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                throw new ModelFormatException(at + " shape[" + i + "]: expected an integer in 0.." + Integer.MAX_VALUE
                        + ", found " + abbreviate(d));
            }
            shape[i] = d.intValue();
            elements = multiply(elements, shape[i], at);
        }
        long bytes = multiply(elements, Float.BYTES, at);
        if (elements > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(
                    at + " shape " + Arrays.toString(shape) + ": " + elements + " values is more than one array holds");
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null
                || !offsets.isArray()
                || offsets.size() != 2
                || !isLong(offsets.get(0))
                || !isLong(offsets.get(1))) {
            throw new ModelFormatException(
                    at + " data_offsets: expected [begin, end] as two integers, found " + abbreviate(offsets));
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (begin < 0 || end < begin || end > dataSize) {
            throw new ModelFormatException(at + " data_offsets: expected 0 <= begin <= end <= " + dataSize
                    + " (the data section), found [" + begin + ", " + end + "]");
        }
        if (end - begin != bytes) {
            throw new ModelFormatException(at + ": shape " + Arrays.toString(shape) + " needs " + bytes
                    + " bytes but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        return new Entry(name, shape, begin, end);
    }

    private static boolean isLong(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong();
    }

    private static long multiply(long a, long b, String at) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new ModelFormatException(at + " shape: the product of the dimensions overflows", e);
        }
    }

    private static String checksum(FileChannel in, long start, long length, String where) {
        MessageDigest sha = sha256();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        for (long pos = start; pos < start + length; ) {
            buf.clear();
            buf.limit((int) Math.min(CHUNK, start + length - pos));
            readFully(in, buf, pos, where);
            buf.flip();
            pos += buf.remaining();
            sha.update(buf);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void readFully(FileChannel in, ByteBuffer b, long position, String where) {
        try {
            long pos = position;
            while (b.hasRemaining()) {
                int n = in.read(b, pos);
                if (n < 0) {
                    throw new ModelFormatException(where + ": truncated at byte " + pos);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new ModelFileException(where + ": cannot read at byte " + position + " (" + e + ")", e);
        }
    }

    /** @return a new SHA-256 digest (every Java platform has one) */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** @return {@code s} with every control character (line breaks included) written as {@code \\uXXXX} */
    public static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** @return {@code s} quoted, JSON-escaped (no line breaks) and cut to about 60 characters */
    public static String printable(String s) {
        return abbreviate(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
    }

    /** @return {@code n} as one line of JSON cut to about 60 characters, or "none" */
    public static String abbreviate(JsonNode n) {
        if (n == null) {
            return "none";
        }
        String s = n.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
