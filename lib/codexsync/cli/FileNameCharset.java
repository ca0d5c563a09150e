// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import java.util.Locale;

/**
 * Whether this JVM can read and write every file name. On Linux the JVM converts file names with the character
 * set of the locale it started in ({@code sun.jnu.encoding}, fixed at start-up). Under {@code LANG} unset, C or
 * POSIX that is ASCII, and a name like {@code skills/ü.md} becomes {@code skills/??.md}, which names no file: a
 * sync would then miss, mis-copy or "delete" it. Windows (UTF-16 file APIs) and macOS (always UTF-8) are safe.
 * {@code ./jbang} switches such a locale to UTF-8; this check catches every other way of starting codexsync.
 */
final class FileNameCharset {
    private FileNameCharset() {
    }

    /** The character set file names go through when it cannot represent every name, else null. */
    static String lossyCharset(String osName, String jnuEncoding) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.contains("mac") || jnuEncoding == null) {
            return null;
        }
        String cs = jnuEncoding.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        return cs.equals("UTF8") ? null : jnuEncoding;
    }

    static String lossyCharset() {
        return lossyCharset(System.getProperty("os.name", ""), System.getProperty("sun.jnu.encoding"));
    }
}
