// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.StateParseCache;
import codexsync.config.InstallationPaths;
import codexsync.core.HostEnvironment;

/** Where this machine keeps parsed state files between runs: its own state folder, never the cloud folder. */
final class KeptParses {
    static final String FOLDER = "state-cache";

    private KeptParses() {
    }

    /** For the span of one command; only a writing run ({@code writingRun}) adds to it. */
    static StateParseCache.Scope open(HostEnvironment host, boolean writingRun) {
        return StateParseCache.use(InstallationPaths.stateHome(host).resolve(FOLDER), writingRun);
    }
}
