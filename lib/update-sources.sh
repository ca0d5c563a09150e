#!/bin/sh
# Regenerates lib/LibSources.java from the files under lib/ (run from the repo root).
set -e
{
echo '// SPDX-License-Identifier: GPL-3.0-or-later
// The manifest of lib/: every shared source and the shared dependencies, listed by name because JBang does not
// expand //SOURCES globs for scripts loaded from a URL. A test fails when a lib file is missing here.
// Regenerate with: sh lib/update-sources.sh'
grep '^//DEPS ' lib/LibSources.java
grep '^//JAVA_OPTIONS ' lib/LibSources.java
(cd lib && find codexsync -name '*.java' | LC_ALL=C sort | sed 's|^|//SOURCES |')
echo 'package codexsync;

/** Holds no code: JBang reads the //SOURCES and //DEPS lines above. */
final class LibSources {
    private LibSources() {
    }
}'
} > lib/LibSources.java.new
mv lib/LibSources.java.new lib/LibSources.java
