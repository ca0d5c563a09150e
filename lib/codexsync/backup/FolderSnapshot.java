// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import codexsync.fs.FileHasher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A snapshot stored as a folder tree. Links inside it are refused: a snapshot codexsync wrote has none. */
final class FolderSnapshot extends OpenSnapshot {
    private final Path root;

    FolderSnapshot(SnapshotInfo info) {
        super(info);
        this.root = info.path();
    }

    @Override
    protected List<Raw> readAll() throws IOException {
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<BasicFileAttributes> attributes = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String name = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (a.isSymbolicLink() || a.isOther()) {
                    throw unsafe(name, "is a link or special file, which could point anywhere");
                }
                if (a.isRegularFile()) {
                    checkName(name);
                    files.add(p);
                    names.add(name);
                    attributes.add(a);
                }
            }
        }
        // Every file is checked before any is hashed; then all are hashed on every core at once.
        List<String> hashes = FileHasher.sha256All(files);
        List<Raw> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            BasicFileAttributes a = attributes.get(i);
            out.add(new Raw(names.get(i), a.size(), hashes.get(i), nanos(a.lastModifiedTime())));
        }
        return out;
    }

    @Override
    protected String readManifest() throws IOException {
        return Files.readString(root.resolve(SnapshotManifest.FILE_NAME), StandardCharsets.UTF_8);
    }

    @Override
    protected InputStream openEntry(String name) throws IOException {
        Path p = root.resolve(name).normalize();
        if (!p.startsWith(root) || Files.isSymbolicLink(p)) {
            // Names were checked while validating; this is the last line of defence if the folder changed since.
            throw new IOException("snapshot entry " + name + " is no longer a plain file inside " + root);
        }
        return Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}
