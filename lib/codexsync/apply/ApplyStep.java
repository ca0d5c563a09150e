// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

/** The moments of an apply between which a crash can happen; fault-injection hooks are called at each. */
public enum ApplyStep {
    /** The journal's start record is on disk; nothing else is written yet. */
    JOURNAL_STARTED,
    /** The backup snapshot is complete and durable and the journal says so. */
    BACKED_UP,
    /** The intent for one file is on disk; the file is untouched. */
    INTENT_RECORDED,
    /** The new version is staged (flushed) beside the destination; the destination is still old. */
    STAGED,
    /** The destination was replaced (or deleted); the journal does not yet say "done". */
    MOVED,
    /** The journal says "done" for this file. */
    DONE,
    /** Every action is done; the base state is not saved yet. */
    ACTIONS_DONE,
    /** The base state is saved; the journal is still open. */
    BASE_SAVED
}
