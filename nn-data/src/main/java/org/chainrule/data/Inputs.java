package org.chainrule.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chainrule.api.ChainruleException;
import org.chainrule.api.DataException;

/**
 * Opening the files a user names, with the one-line errors the commands promise: a folder where
 * a file is expected, a missing or unreadable file, bytes that are not UTF-8 (with their line and
 * offset), and the CSV reader's problems, in words and without library class names.
 */
public final class Inputs {
    private static final Pattern CSV_LINE = Pattern.compile("\\(startline (\\d+)\\)\\s*(.*)");

    /** A Java class name with its package, as exception messages from libraries carry them ({@code java.io.IOException: }). */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error): ?");

    private Inputs() {}

    /** @return {@code message} on one line, without the class names of library exceptions */
    public static String plain(String message) {
        String s = CLASS_NAME.matcher(message).replaceAll("");
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** @return a stream of {@code file}; @throws DataException naming it if it is a folder, missing or unreadable */
    public static InputStream open(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": expected a file, found a folder");
        }
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new DataException(file + ": " + reason(e), e);
        }
    }

    /**
     * @return a stream of the file's text, decompressed when its name ends in {@code .gz}
     * @throws DataException naming it if it is a folder, missing or unreadable
     */
    static InputStream openCsv(Path file) throws IOException {
        InputStream raw = open(file);
        try {
            return file.toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(raw) : raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * @return the file's text
     * @throws ChainruleException from {@code error} naming the file, and for bytes that are not
     *     UTF-8 the line and byte offset of the first
     */
    public static String readUtf8(Path file, java.util.function.Function<String, ChainruleException> error) {
        if (Files.isDirectory(file)) {
            throw error.apply(file + ": expected a file, found a folder");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw error.apply(file + ": " + reason(e));
        }
        CharsetDecoder d = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw error.apply(String.format(
                    "%s line %d, column %d (byte offset %d): expected UTF-8 text, found the byte 0x%02x; save the file"
                            + " as UTF-8",
                    file, line, at - lineStart + 1, at, bytes[at] & 0xFF));
        }
        d.flush(out);
        return out.flip().toString();
    }

    /** @return what went wrong, in words: "no such file", "permission denied", … */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return "cannot read (" + f.getReason() + ")";
        }
        String m = e.getMessage();
        return m == null ? "cannot read" : "cannot read (" + plain(m) + ")";
    }

    /**
     * @return the CSV reader's complaint as {@code FILE line N: what}, e.g. a quoted field that is
     *     never closed
     */
    public static DataException csvProblem(String source, UncheckedIOException e) {
        IOException cause = e.getCause();
        String m = plain(
                cause == null || cause.getMessage() == null ? String.valueOf(e.getMessage()) : cause.getMessage());
        Matcher at = CSV_LINE.matcher(m);
        if (at.matches()) {
            String what = at.group(2).startsWith("EOF reached before encapsulated token finished")
                    ? "a quoted field is never closed: expected a closing '\"' before the end of the file"
                    : at.group(2);
            return new DataException(source + " line " + at.group(1) + ": " + what, e);
        }
        return new DataException(source + ": " + m, e);
    }

    /**
     * @return {@code value} as a message shows a user's text: in single quotes, a quote or backslash
     *     in it escaped, control characters as {@code \\uXXXX} (so the message stays one line), cut
     *     to about 60 characters
     */
    public static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < value.length() && b.length() < 60; i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                b.append('\\').append(c);
            } else if (Character.isISOControl(c)
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= 60) {
            b.append("...");
        }
        return b.append('\'').toString();
    }
}
