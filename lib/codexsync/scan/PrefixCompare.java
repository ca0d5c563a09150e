// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import java.io.IOException;
import java.io.InputStream;

/** Streams two contents side by side to tell whether one is a byte prefix of the other; never holds either whole. */
public final class PrefixCompare {
    private static final int BLOCK = 64 * 1024;
    /** Two blocks per thread, reused: a plan compares every changed append-only file, often a thousand of them. */
    private static final ThreadLocal<byte[][]> BLOCKS =
            ThreadLocal.withInitial(() -> new byte[][] {new byte[BLOCK], new byte[BLOCK]});

    private PrefixCompare() {
    }

    /** Compares {@code local} with {@code cloud}; both streams are read to the first difference or the shorter end. */
    public static Relation compare(InputStream local, InputStream cloud) throws IOException {
        byte[] a = BLOCKS.get()[0];
        byte[] b = BLOCKS.get()[1];
        int na = 0;
        int nb = 0;
        int pa = 0;
        int pb = 0;
        while (true) {
            if (pa == na) {
                na = local.readNBytes(a, 0, BLOCK);
                pa = 0;
            }
            if (pb == nb) {
                nb = cloud.readNBytes(b, 0, BLOCK);
                pb = 0;
            }
            boolean localEnded = na == 0;
            boolean cloudEnded = nb == 0;
            if (localEnded || cloudEnded) {
                if (localEnded && cloudEnded) {
                    return Relation.EQUAL;
                }
                return localEnded ? Relation.LOCAL_IS_PREFIX : Relation.CLOUD_IS_PREFIX;
            }
            int n = Math.min(na - pa, nb - pb);
            if (java.util.Arrays.mismatch(a, pa, pa + n, b, pb, pb + n) >= 0) {
                return Relation.DIVERGED;
            }
            pa += n;
            pb += n;
        }
    }
}
