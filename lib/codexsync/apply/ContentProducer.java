// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.fs.AtomicFiles;
import codexsync.fs.StagedWrite;
import codexsync.plan.ContentWrite;
import codexsync.scan.LineMerge;
import codexsync.scan.LogicalFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The content of a produced write (D29) for the {@link WriteEngine}: the line merge of both sides' live files, or
 * the decompressed {@code .zst} of the other side, streamed into a staging file beside the destination
 * ({@link StagedWrite}: flushed, hashed). The engine journals, backs up and renames it like every other write.
 */
final class ContentProducer {
    private final ApplyContext ctx;

    ContentProducer(ApplyContext ctx) {
        this.ctx = ctx;
    }

    /** A merge's first side: both live sides merged into a staging file beside {@code target}. */
    AtomicFiles.Staged merge(ContentWrite w, Path target) throws IOException {
        try (StagedWrite out = StagedWrite.open(target)) {
            LineMerge.merge(LogicalFiles.source(ctx.localRoot().resolve(w.path())),
                    LogicalFiles.source(ctx.cloudRoot().resolve(w.path())), out.stream());
            AtomicFiles.CopyResult result = out.finish();
            // New content on both sides: the run's time, the same on both so the next scan sees them equal.
            out.setMtime(FileTime.from(ctx.runStart()));
            return new AtomicFiles.Staged(out.detach(), target, result);
        }
    }

    /** The decompressed content of {@code source} (the other side's {@code .zst}) staged beside {@code target}. */
    AtomicFiles.Staged inflate(Path source, Path target) throws IOException {
        try (StagedWrite out = StagedWrite.open(target)) {
            try (InputStream in = LogicalFiles.open(source)) {
                out.copyFrom(in);
            }
            AtomicFiles.CopyResult result = out.finish();
            out.setMtime(Files.getLastModifiedTime(source)); // as a copy keeps its source's mtime
            return new AtomicFiles.Staged(out.detach(), target, result);
        }
    }
}
