// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.core.Json;
import codexsync.plan.ActionKind;
import codexsync.plan.ContentWrite;
import codexsync.plan.PlannedAction;
import codexsync.plan.SyncPlan;
import codexsync.scan.LogicalFiles;
import codexsync.scan.RolloutHeader;
import codexsync.scan.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions a sync brings into this Codex home (issue 14, point 5): Codex's resume picker lists threads from its
 * own SQLite index and hides those recorded under a folder other than the current one, so a session that arrived
 * can look lost. For each rollout a sync copies (or decompresses) to local: date, first prompt (shortened), the
 * recorded working folder - flagged when it does not exist here - and the {@code codex resume <id>} line. Reads
 * only the start of each rollout; writes nothing (never Codex's databases).
 */
final class ArrivedSessions {
    static final int PROMPT_CHARS = 70;
    private static final Logger LOG = LoggerFactory.getLogger(ArrivedSessions.class);

    /** One session that arrives; {@code isNew} is false when this machine had an older copy of it. */
    record Arrived(String path, String id, String started, String firstPrompt, String cwd, boolean cwdExists,
                   boolean isNew) {
    }

    private ArrivedSessions() {
    }

    /**
     * The rollouts {@code plan} writes to local, described from {@code readFrom}: the cloud folder before a sync
     * (plan, dry run) or the local folder after it.
     */
    static List<Arrived> of(SyncPlan plan, Snapshot localBefore, Path readFrom, boolean afterSync) {
        List<Arrived> out = new ArrayList<>();
        for (PlannedAction a : plan.actions()) {
            if (a.kind() == ActionKind.COPY_TO_LOCAL && RolloutHeader.isRollout(a.path())) {
                out.add(describe(a.path(), readFrom.resolve(a.path()), localBefore));
            }
        }
        for (ContentWrite w : plan.contentWrites()) {
            if (w.writeLocal() && RolloutHeader.isRollout(w.path())) {
                String file = afterSync ? w.path() : w.sourcePath();
                out.add(describe(w.path(), readFrom.resolve(file), localBefore));
            }
        }
        return out;
    }

    private static Arrived describe(String rel, Path file, Snapshot localBefore) {
        String plain = LogicalFiles.plainName(rel);
        boolean isNew = !localBefore.files().containsKey(plain)
                && !localBefore.files().containsKey(LogicalFiles.compressedName(plain));
        RolloutHeader h;
        try {
            h = RolloutHeader.read(file, rel);
        } catch (IOException | RuntimeException e) {
            // Only a description: a rollout whose start cannot be read (damaged .zst) must not stop the sync; the
            // id still comes from its file name.
            LOG.warn("cannot read the start of the session {}: {}", file, e.getMessage());
            h = RolloutHeader.fromName(rel);
        }
        return new Arrived(rel, h.id(), h.started(), shorten(h.firstPrompt()), h.cwd(), exists(h.cwd()), isNew);
    }

    private static boolean exists(String folder) {
        if (folder == null) {
            return false;
        }
        try {
            return Files.isDirectory(Path.of(folder));
        } catch (InvalidPathException e) {
            return false; // a Windows path seen on Linux, or the other way round
        }
    }

    static String shorten(String prompt) {
        if (prompt == null) {
            return null;
        }
        String one = prompt.strip().replaceAll("\\s+", " ");
        return one.length() <= PROMPT_CHARS ? one : one.substring(0, PROMPT_CHARS - 3) + "...";
    }

    /** Human lines under {@code title}; empty when nothing arrives. */
    static List<String> humanLines(String title, List<Arrived> sessions) {
        List<String> lines = new ArrayList<>();
        if (sessions.isEmpty()) {
            return lines;
        }
        lines.add(title + " (" + sessions.size() + "):");
        for (Arrived s : sessions) {
            String date = s.started() == null ? "????-??-??" : s.started().replace('T', ' ');
            if (date.length() > 16) {
                date = date.substring(0, 16);
            }
            lines.add("  " + date + "  " + (s.firstPrompt() == null ? "(no prompt recorded)" : "\"" + s.firstPrompt()
                    + "\"") + (s.isNew() ? "" : "  (updated)"));
            if (s.cwd() == null) {
                lines.add("    folder: not recorded");
            } else if (s.cwdExists()) {
                lines.add("    folder: " + s.cwd());
            } else {
                lines.add("    folder: " + s.cwd() + " - not on this machine: Codex's picker hides this session "
                        + "(codex resume --all lists it)");
            }
            lines.add("    " + (s.id() == null ? "(no session id found in " + s.path() + ")" : "codex resume " + s.id()));
        }
        return lines;
    }

    static List<Map<String, Object>> json(List<Arrived> sessions) {
        return sessions.stream().map(s -> Json.object("id", s.id(), "path", s.path(), "started", s.started(),
                "first_prompt", s.firstPrompt(), "cwd", s.cwd(), "cwd_exists", s.cwdExists(), "new", s.isNew(),
                "resume", s.id() == null ? null : "codex resume " + s.id())).toList();
    }
}
