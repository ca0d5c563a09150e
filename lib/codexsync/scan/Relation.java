// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

/** How the logical contents of a file's two sides relate byte for byte. */
public enum Relation {
    /** Same bytes. */
    EQUAL,
    /** The local content is a strict prefix of the cloud content: the cloud has everything local has, and more. */
    LOCAL_IS_PREFIX,
    /** The cloud content is a strict prefix of the local content. */
    CLOUD_IS_PREFIX,
    /** Neither contains the other: both sides appended something the other lacks (or rewrote a line). */
    DIVERGED
}
