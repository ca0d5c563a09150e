// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

/**
 * A write whose content is produced rather than copied byte for byte (D29): the destination gets new bytes that
 * exist on neither side yet, staged beside it and renamed atomically after a backup, like every copy.
 * <ul>
 *   <li>{@link Kind#MERGE}: {@code path} on both sides (as {@code writeLocal}/{@code writeCloud} allow under
 *       {@code sync.direction}) becomes the line merge of the two sides ({@code scan.LineMerge});</li>
 *   <li>{@link Kind#INFLATE}: the plain {@code path} on the one side being written becomes the decompressed content
 *       of the other side's {@code sourcePath} ({@code x.jsonl.zst}), because a stale plain twin there would win
 *       over a copied {@code .zst} in Codex's eyes.</li>
 * </ul>
 */
public record ContentWrite(Kind kind, String path, String sourcePath, boolean writeLocal, boolean writeCloud,
                           String reason) {
    public enum Kind { MERGE, INFLATE }

    public static ContentWrite merge(String path, String reason) {
        return new ContentWrite(Kind.MERGE, path, path, true, true, reason);
    }

    /** Decompresses {@code zstPath} of the other side into {@code plainPath} on the local ({@code toLocal}) or cloud side. */
    public static ContentWrite inflate(String plainPath, String zstPath, boolean toLocal, String reason) {
        return new ContentWrite(Kind.INFLATE, plainPath, zstPath, toLocal, !toLocal, reason);
    }

    public ContentWrite onlyLocal() {
        return new ContentWrite(kind, path, sourcePath, writeLocal, false, reason);
    }

    public ContentWrite onlyCloud() {
        return new ContentWrite(kind, path, sourcePath, false, writeCloud, reason);
    }

    public boolean writesNothing() {
        return !writeLocal && !writeCloud;
    }
}
