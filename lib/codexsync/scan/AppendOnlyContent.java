// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

/**
 * The planner's read-only view into the content of Codex's append-only files (D29), so the planner itself stays pure:
 * it asks, {@link FileContentRelations} streams the files. Paths are relative and may name different physical forms
 * on the two sides ({@code x.jsonl} here, {@code x.jsonl.zst} there): the logical (decompressed) contents are compared.
 */
public interface AppendOnlyContent {
    /** How the logical content of {@code localPath} (local side) relates to that of {@code cloudPath} (cloud side). */
    Relation relate(String localPath, String cloudPath);
}
