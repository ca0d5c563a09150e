// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names of codexsync's own staging files. They live beside their destination ({@code .<name>.codexsync-<hex>.tmp})
 * so the final move is a same-folder rename; scanners skip them and recovery can find and remove them.
 */
public final class StagingNames {
    private static final Pattern STAGING = Pattern.compile("^\\..+\\.codexsync-[0-9a-f]{12}\\.tmp$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private StagingNames() {
    }

    public static Path stagingFor(Path destination) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        String name = "." + destination.getFileName() + ".codexsync-" + HexFormat.of().formatHex(b) + ".tmp";
        return destination.resolveSibling(name);
    }

    public static boolean isStaging(String fileName) {
        return STAGING.matcher(fileName).matches();
    }
}
