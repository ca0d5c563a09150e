// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GlobMatcherTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // 0.1.1 defects: "**" was "*" and matching ran from the right
                Arguments.of("**/tmp/**", "tmp/arg0/lock", true),
                Arguments.of("**/tmp/**", "a/b/tmp/c", true),
                Arguments.of("**/*.log", "x.log", true),
                Arguments.of("**/*.log", "a/b/x.log", true),
                // ** is zero or more whole segments
                Arguments.of("a/**/b", "a/b", true),
                Arguments.of("a/**/b", "a/x/y/b", true),
                Arguments.of("a/**/b", "a/xb", false),
                Arguments.of("**", "anything/at/all", true),
                // *, ? and [..] stay inside one segment
                Arguments.of("sessions/*.jsonl", "sessions/a.jsonl", true),
                Arguments.of("sessions/*.jsonl", "sessions/2026/a.jsonl", false),
                Arguments.of("file?.txt", "file1.txt", true),
                Arguments.of("file?.txt", "file10.txt", false),
                Arguments.of("a?b", "a/b", false),
                Arguments.of("[ab].md", "a.md", true),
                Arguments.of("[ab].md", "c.md", false),
                Arguments.of("[!ab].md", "c.md", true),
                Arguments.of("[!ab].md", "a.md", false),
                Arguments.of("[a-c]x", "bx", true),
                // a pattern without "/" matches the file name at any depth
                Arguments.of("*.tmp", "x.tmp", true),
                Arguments.of("*.tmp", "deep/down/x.tmp", true),
                Arguments.of("cache", "a/cache", true),
                // anchored patterns do not match deeper
                Arguments.of("logs/*.log", "logs/x.log", true),
                Arguments.of("logs/*.log", "logs/sub/x.log", false),
                Arguments.of("logs/*.log", "a/logs/x.log", false),
                // backslashes normalised (in the pattern and the path)
                Arguments.of("logs\\*.log", "logs/x.log", true),
                Arguments.of("logs/*.log", "logs\\x.log", true),
                // case-sensitive
                Arguments.of("*.LOG", "x.log", false),
                Arguments.of("Cache/**", "cache/x", false),
                // a rule about a folder's contents does not exclude the folder itself
                Arguments.of("tmp/**", "tmp", false),
                Arguments.of("tmp/**", "tmp/x", true),
                Arguments.of("**/cache/**", "cache", false),
                Arguments.of("**/cache/**", "a/cache", false),
                Arguments.of("**/cache/**", "a/cache/b", true),
                // the default template's entries
                Arguments.of("**/__pycache__/**", "skills/x/__pycache__/m.pyc", true),
                Arguments.of("skills/.system/**", "skills/.system/a/SKILL.md", true),
                Arguments.of("skills/.system/**", "skills/mine/SKILL.md", false));
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("cases")
    void matches(String glob, String path, boolean expected) {
        assertEquals(expected, new GlobMatcher(List.of(glob)).matches(path));
    }

    @Test
    void blankPatternsAreIgnored() {
        GlobMatcher m = new GlobMatcher(List.of("", "   "));
        assertEquals(false, m.matches("a"));
        assertEquals(false, m.matches("a/b/c"));
    }

    static Stream<Arguments> folders() {
        return Stream.of(
                Arguments.of("**/tmp/**", "tmp", true),
                Arguments.of("**/tmp/**", "a/tmp", true),
                Arguments.of("**/tmp/**", "a/tmpx", false),
                Arguments.of("tmp/**", "a/tmp", false),
                Arguments.of("*.log", "logs", false),
                Arguments.of("logs/*.log", "logs", false));
    }

    @ParameterizedTest(name = "{0} skips folder {1}: {2}")
    @MethodSource("folders")
    void folderPruning(String glob, String folder, boolean expected) {
        assertEquals(expected, new GlobMatcher(List.of(glob)).excludesEverythingUnder(folder));
    }
}
