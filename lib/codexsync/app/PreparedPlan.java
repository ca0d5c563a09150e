// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.config.SyncConfig;
import codexsync.plan.BaseState;
import codexsync.plan.SyncPlan;
import codexsync.scan.CloudClientFiles;
import codexsync.scan.ContentHashes;
import codexsync.scan.Snapshot;
import java.nio.file.Path;

/**
 * Everything a run knows once it has planned: the config, both folders, both scans, this machine's base state
 * ({@code baseStateFile} null when no workspace is configured), the plan, and the cloud-client rules the scans used
 * (they know every machine's host name), and the content hashes the plan computed (reused by the handoff record, so
 * no file is read twice). {@code sync} and {@code status} build on it.
 */
public record PreparedPlan(SyncConfig config, Path local, Path cloud, Path baseStateFile, BaseState base,
                           Snapshot localSnapshot, Snapshot cloudSnapshot, SyncPlan plan,
                           CloudClientFiles cloudClientRules, ContentHashes hashes) {

    /** True when no base state was found for this machine: first-sync rules apply. */
    public boolean firstSync() {
        return base.files().isEmpty();
    }
}
