// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Files that cloud clients (Syncthing, Dropbox, OneDrive, Google Drive, iCloud) leave in a synced folder (D13b, D28).
 * They are never copied into the Codex home and never taken as deletions. A client's conflict copy means the
 * client forked a file; it is kept out of the sync too, but reported so the user can merge it by hand. An iCloud
 * placeholder {@code .<name>.icloud} stands for a file not downloaded yet: the cloud side is incomplete.
 */
public final class CloudClientFiles {
    /** What one path is, as far as cloud clients are concerned. */
    public enum Kind { NONE, CLIENT_FILE, CONFLICT_COPY, ICLOUD_PLACEHOLDER }

    private static final Set<String> CLIENT_FOLDERS = Set.of(".stversions", ".dropbox.cache", ".tmp.drivedownload",
            ".stfolder");
    private static final Set<String> CLIENT_NAMES = Set.of(".stfolder", ".stignore", ".dropbox", ".dropbox.attr",
            "desktop.ini");
    /** Lower-casing never shortens a name, so a longer one cannot be a client name (and is not lower-cased). */
    private static final int LONGEST_CLIENT_NAME = CLIENT_NAMES.stream().mapToInt(String::length).max().orElse(0);
    private static final Pattern SYNCTHING_TEMP = Pattern.compile("^(\\.syncthing\\..*\\.tmp|~syncthing~.*)$");
    private static final Pattern OFFICE_LOCK = Pattern.compile("^~\\$.*");
    private static final Pattern SYNCTHING_CONFLICT = Pattern.compile(".*\\.sync-conflict-.*");
    private static final Pattern DROPBOX_CONFLICT = Pattern.compile(".* \\(.*conflicted copy.*\\).*");
    /** Google Drive for desktop keeps a second upload of one name as {@code <stem> (1).<ext>}. */
    private static final Pattern DRIVE_DUPLICATE = Pattern.compile(".+ \\(\\d+\\)(\\.[^.]+)?");
    private static final Pattern ICLOUD = Pattern.compile("^\\..+\\.icloud$");

    /** The known host names, each a OneDrive conflict suffix {@code -<host>} (compared ignoring ASCII case). */
    private final List<String> oneDriveHosts;

    /**
     * @param hostName this machine's name: OneDrive names its conflict copies {@code <stem>-<hostname>.<ext>}; null
     *                 or blank disables that rule (the pattern is too broad to guess for other names)
     */
    public CloudClientFiles(String hostName) {
        this(hostName == null ? List.of() : List.of(hostName));
    }

    /**
     * @param hostNames the names of every machine known to sync here (this one and those named in the other
     *                  machines' state files): OneDrive names a conflict copy after the PC that made it, and the copy
     *                  then reaches every other machine; blank names are ignored
     */
    public CloudClientFiles(Collection<String> hostNames) {
        this.oneDriveHosts = hostNames.stream().filter(n -> n != null && !n.isBlank()).distinct().toList();
    }

    /** True for a folder that belongs to a cloud client; the walk records it and does not descend. */
    public boolean isClientFolder(String folderName) {
        return CLIENT_FOLDERS.contains(folderName.toLowerCase(Locale.ROOT));
    }

    /**
     * Every file of a scan comes through here, so each pattern is guarded by a plain string test of text it cannot
     * match without (a prefix or a fragment); the pattern runs only for the rare name that passes.
     */
    public Kind classify(String fileName) {
        if (fileName.length() <= LONGEST_CLIENT_NAME && CLIENT_NAMES.contains(fileName.toLowerCase(Locale.ROOT))
                || ((fileName.startsWith(".syncthing.") || fileName.startsWith("~syncthing~"))
                        && SYNCTHING_TEMP.matcher(fileName).matches())
                || (fileName.startsWith("~$") && OFFICE_LOCK.matcher(fileName).matches())) {
            return Kind.CLIENT_FILE;
        }
        if (fileName.startsWith(".") && fileName.endsWith(".icloud") && ICLOUD.matcher(fileName).matches()) {
            return Kind.ICLOUD_PLACEHOLDER;
        }
        if ((fileName.contains(".sync-conflict-") && SYNCTHING_CONFLICT.matcher(fileName).matches())
                || (fileName.contains("conflicted copy") && DROPBOX_CONFLICT.matcher(fileName).matches())
                || (fileName.contains(" (") && DRIVE_DUPLICATE.matcher(fileName).matches())
                || isOneDriveConflict(fileName)) {
            return Kind.CONFLICT_COPY;
        }
        return Kind.NONE;
    }

    /**
     * {@code <stem>-<host>} or {@code <stem>-<host>.<ext>} (a non-empty stem, an extension without dots) for a known
     * host, ASCII case ignored: OneDrive's conflict copy. Plain string tests, not a regex: every session file name
     * has dashes, and this runs for each file of every scan.
     */
    private boolean isOneDriveConflict(String fileName) {
        if (oneDriveHosts.isEmpty() || fileName.indexOf('-') < 0) {
            return false;
        }
        int dot = fileName.lastIndexOf('.');
        for (String host : oneDriveHosts) {
            if (endsWithDashHost(fileName, fileName.length(), host)
                    || dot > 0 && dot < fileName.length() - 1 && endsWithDashHost(fileName, dot, host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code name[0, end)} is a stem of at least one character without a line break, then {@code -}, then
     * {@code host} (ASCII case ignored).
     */
    private static boolean endsWithDashHost(String name, int end, String host) {
        int dash = end - host.length() - 1;
        if (dash < 1 || name.charAt(dash) != '-') {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            if (!sameIgnoringAsciiCase(name.charAt(dash + 1 + i), host.charAt(i))) {
                return false;
            }
        }
        return !hasLineBreak(name, dash);
    }

    /** As {@link Pattern#CASE_INSENSITIVE} compares without UNICODE_CASE: only A-Z and a-z fold. */
    private static boolean sameIgnoringAsciiCase(char a, char b) {
        if (a == b) {
            return true;
        }
        char la = a >= 'A' && a <= 'Z' ? (char) (a + 32) : a;
        char lb = b >= 'A' && b <= 'Z' ? (char) (b + 32) : b;
        return la == lb;
    }

    /** The stem was a regex's {@code .+}, and {@code .} matches no line terminator: {@code name[0, end)} has one? */
    private static boolean hasLineBreak(String name, int end) {
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** The path of the real file an iCloud placeholder stands for: {@code a/.x.json.icloud} → {@code a/x.json}. */
    public static String placeholderTarget(String relPath) {
        int slash = relPath.lastIndexOf('/');
        String dir = slash < 0 ? "" : relPath.substring(0, slash + 1);
        String name = relPath.substring(slash + 1);
        return dir + name.substring(1, name.length() - ".icloud".length());
    }
}
