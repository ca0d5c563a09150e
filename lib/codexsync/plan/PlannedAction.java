// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

/**
 * One step of a plan. {@code overwrites} is true when the destination exists and will be replaced (so it must be
 * backed up first); {@code reason} says why, in words a user understands ("only on local", "local changed since
 * last sync", "conflict resolved by prefer_local"...). {@code expectedSha256} is the source hash when the planner
 * computed one (the copy is then verified against it), else null.
 */
public record PlannedAction(ActionKind kind, String path, String reason, boolean overwrites, String expectedSha256) {
}
