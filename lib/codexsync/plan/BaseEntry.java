// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

/**
 * What this machine last agreed with the cloud for one path: the local and the cloud fingerprint at the end of
 * its last successful sync (either may be null: the file did not exist on that side then).
 */
public record BaseEntry(Fingerprint local, Fingerprint cloud) {
}
