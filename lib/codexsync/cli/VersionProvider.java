// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import codexsync.core.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code -V/--version}: product version and the Java runtime it runs on (what a bug report needs). */
public class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"codexsync " + Version.VALUE,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
