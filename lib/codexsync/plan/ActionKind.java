// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

/** What a planned action does to one file. Deletions exist only with {@code delete_policy = propagate} (D16). */
public enum ActionKind {
    COPY_TO_CLOUD, COPY_TO_LOCAL, DELETE_LOCAL, DELETE_CLOUD
}
