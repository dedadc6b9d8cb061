package org.chainrule.engine.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.chainrule.api.ModelFileException;
import org.chainrule.api.ModelFormatException;

/**
 * NumPy's {@code .npz} archives, as {@code numpy.savez} and {@code savez_compressed} write them: a
 * zip of {@code NAME.npy} arrays. Only float32 and float64 arrays are read (float64 rounded to
 * float32), in C or Fortran order; an array of Python objects — which NumPy stores pickled — is
 * refused, so nothing in the file is ever run. Every fault is one {@link ModelFormatException}
 * naming the file and the array.
 */
public final class Npz {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {}

    /** @return every array in the archive's order, by name without {@code .npy} */
    public static SequencedMap<String, SafeTensors.Tensor> read(Path file, String where) {
        SequencedMap<String, SafeTensors.Tensor> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                if (entries.size() == SafeTensors.MAX_TENSORS) {
                    throw new ModelFormatException(where + ": more than " + SafeTensors.MAX_TENSORS + " arrays");
                }
                entries.add(e.nextElement());
            }
            for (ZipEntry e : entries) {
                String name = e.getName();
                if (!name.endsWith(".npy")) {
                    throw new ModelFormatException(where + ": entry " + SafeTensors.printable(name)
                            + ": expected NAME.npy (an array numpy.savez wrote), found another file");
                }
                String key = name.substring(0, name.length() - 4);
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(key, array(in, where + " array " + SafeTensors.printable(key)));
                }
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException(where + ": no such file", e);
        } catch (ZipException e) {
            throw new ModelFormatException(
                    where + ": expected a zip archive (an .npz file is one), found "
                            + SafeTensors.oneLine(String.valueOf(e.getMessage())),
                    e);
        } catch (IOException e) {
            throw new ModelFileException(where + ": cannot read (" + e + ")", e);
        }
        return out;
    }

    /** Reads one .npy stream: magic, version, header dict, then exactly the data. */
    public static SafeTensors.Tensor array(InputStream in, String at) throws IOException {
        byte[] start = in.readNBytes(8);
        if (start.length < 8 || !java.util.Arrays.equals(start, 0, 6, MAGIC, 0, 6)) {
            throw new ModelFormatException(at + ": expected the .npy magic \\x93NUMPY, found another start");
        }
        int major = start[6];
        if (major < 1 || major > 3) {
            throw new ModelFormatException(at + ": .npy version: expected 1, 2 or 3, found " + major);
        }
        byte[] lengthBytes = in.readNBytes(major == 1 ? 2 : 4);
        ByteBuffer lb = ByteBuffer.wrap(java.util.Arrays.copyOf(lengthBytes, 4)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = Integer.toUnsignedLong(lb.getInt());
        if (lengthBytes.length < (major == 1 ? 2 : 4) || headerLength > MAX_HEADER) {
            throw new ModelFormatException(at + ": header length: expected at most " + MAX_HEADER + ", found "
                    + (lengthBytes.length < 2 ? "a truncated file" : headerLength));
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new ModelFormatException(at + ": truncated header");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, "descr", at);
        boolean fortran = find(ORDER, header, "fortran_order", at).equals("True");
        int[] shape = shape(find(SHAPE, header, "shape", at), at);
        if (descr.contains("O")) {
            throw new ModelFormatException(at + ": dtype " + SafeTensors.printable(descr)
                    + " holds pickled Python objects; refused (loading them would run code from the file)");
        }
        int size = switch (descr) {
            case "<f4", ">f4" -> 4;
            case "<f8", ">f8" -> 8;
            default ->
                throw new ModelFormatException(at + ": dtype: expected float32 or float64 ('<f4', '<f8'), found "
                        + SafeTensors.printable(descr));
        };
        long elements = 1;
        for (int d : shape) {
            elements = Math.min(elements * d, Integer.MAX_VALUE); // d < 2³¹: no overflow before the cap
        }
        if (elements * size > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(
                    at + ": shape " + java.util.Arrays.toString(shape) + ": " + elements + " values is too many");
        }
        byte[] data = in.readNBytes((int) (elements * size));
        if (data.length < elements * size) {
            throw new ModelFormatException(at + ": truncated: shape " + java.util.Arrays.toString(shape) + " needs "
                    + elements * size + " bytes, found " + data.length);
        }
        if (in.read() >= 0) {
            throw new ModelFormatException(at + ": trailing bytes after the " + elements * size + " the shape needs");
        }
        ByteBuffer b =
                ByteBuffer.wrap(data).order(descr.charAt(0) == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        float[] values = new float[(int) elements];
        for (int i = 0; i < values.length; i++) {
            values[i] = size == 4 ? b.getFloat() : (float) b.getDouble();
        }
        return new SafeTensors.Tensor(shape, fortran ? rowMajor(values, shape) : values);
    }

    private static String find(Pattern p, String header, String key, String at) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new ModelFormatException(
                    at + ": header: expected the key '" + key + "', found " + SafeTensors.printable(header.strip()));
        }
        return m.group(1);
    }

    private static int[] shape(String text, String at) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String d = part.strip();
            if (d.isEmpty()) {
                continue;
            }
            try {
                dims.add(Integer.parseInt(d.endsWith("L") ? d.substring(0, d.length() - 1) : d));
            } catch (NumberFormatException e) {
                throw new ModelFormatException(at + ": shape: expected integers, found (" + text + ")", e);
            }
            if (dims.getLast() < 0 || dims.size() > SafeTensors.MAX_RANK) {
                throw new ModelFormatException(at + ": shape: expected at most " + SafeTensors.MAX_RANK
                        + " non-negative integers, found (" + text + ")");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return Fortran-order (first index fastest) values in C order (last index fastest) */
    private static float[] rowMajor(float[] f, int[] shape) {
        float[] c = new float[f.length];
        int[] index = new int[shape.length];
        for (int i = 0; i < c.length; i++) {
            int at = 0;
            for (int d = shape.length - 1; d >= 0; d--) {
                at = at * shape[d] + index[d];
            }
            c[i] = f[at];
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return c;
    }
}
