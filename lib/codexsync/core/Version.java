// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

/** The product version shown by -V/--version; kept in step with CHANGELOG.md by a test. */
public final class Version {
    public static final String VALUE = "0.1.0";

    private Version() {
    }
}
