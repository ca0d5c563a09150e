// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

/**
 * The names of Codex's append-only files and their compressed twins (D29): pure string functions, apart from
 * {@link LogicalFiles} (which reads the files) so the planner can use them and stay free of file access (D11).
 */
public final class LogicalNames {
    public static final String PLAIN_SUFFIX = ".jsonl";
    public static final String ZST_SUFFIX = ".jsonl.zst";

    private LogicalNames() {
    }

    /** True for Codex's append-only JSON-lines files, plain or compressed. */
    public static boolean isAppendOnly(String path) {
        return path.endsWith(PLAIN_SUFFIX) || path.endsWith(ZST_SUFFIX);
    }

    public static boolean isCompressed(String path) {
        return path.endsWith(ZST_SUFFIX);
    }

    /** The plain name of a logical file: {@code x.jsonl} for {@code x.jsonl.zst}, else the path itself. */
    public static String plainName(String path) {
        return isCompressed(path) ? path.substring(0, path.length() - ".zst".length()) : path;
    }

    /** The compressed twin's name of a plain {@code x.jsonl}. */
    public static String compressedName(String plainPath) {
        return plainPath + ".zst";
    }
}
