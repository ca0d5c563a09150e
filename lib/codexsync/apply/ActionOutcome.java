// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.plan.PlannedAction;

/** What happened to one planned action: {@code copied} or {@code deleted}, the bytes written and the new hash. */
public record ActionOutcome(PlannedAction action, String outcome, long bytes, String sha256) {
}
