package org.chainrule.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.chainrule.api.Matrix;
import org.chainrule.engine.files.SafeTensors;

/**
 * What a checkpoint records of the data it was trained on, so that resuming on other data is
 * refused: the shape of a data set and the SHA-256 of its inputs then its targets, float32
 * little-endian in row order. The training and validation sets are fingerprinted separately, so
 * a different split of the same file (another seed or validation fraction) differs too.
 *
 * @param rows samples
 * @param inputs features per sample
 * @param targets target columns per sample
 * @param sha256 lower-case hex digest of the values
 */
record DataFingerprint(int rows, int inputs, int targets, String sha256) {
    private static final int CHUNK_FLOATS = 1 << 14;

    /** @return the fingerprint of {@code d}, or {@code null} for no data set */
    static DataFingerprint of(Dataset d) {
        if (d == null) {
            return null;
        }
        MessageDigest sha = SafeTensors.sha256();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Matrix m : new Matrix[] {d.x(), d.y()}) {
            float[] v = m.data();
            for (int at = 0; at < v.length; at += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, v.length - at);
                buf.clear();
                buf.asFloatBuffer().put(v, at, n);
                buf.limit(n * Float.BYTES);
                sha.update(buf);
            }
        }
        return new DataFingerprint(
                d.size(), d.x().cols(), d.y().cols(), HexFormat.of().formatHex(sha.digest()));
    }

    /** @return e.g. {@code 120 rows × 4 inputs → 3 targets (sha256 1a2b3c4d5e6f…)} */
    String describe() {
        return rows + " rows × " + inputs + " inputs → " + targets + " targets (sha256 " + sha256.substring(0, 12)
                + "…)";
    }

    /** @return this fingerprint as one metadata value, e.g. {@code 120,4,3,1a2b…} */
    String encode() {
        return rows + "," + inputs + "," + targets + "," + sha256;
    }

    /** @return the fingerprint {@link #encode} wrote, or null if {@code s} is not one */
    static DataFingerprint decode(String s) {
        String[] p = s.split(",", -1);
        if (p.length != 4 || !p[3].matches("[0-9a-f]{64}")) {
            return null;
        }
        try {
            return new DataFingerprint(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), p[3]);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
