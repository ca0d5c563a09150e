// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

/** A path no policy may resolve; any conflict stops a sync with exit 2 before anything is written (D12). */
public record Conflict(String path, String reason) {
}
