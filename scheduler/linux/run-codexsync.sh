#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The runner the seed names for this folder. macOS and Linux share one runner, so this only hands over to it
# (same arguments, same exit code): scheduler/common/run-codexsync.sh.
here=$(cd "$(dirname "$0")" && pwd) || exit 1
exec "$here/../common/run-codexsync.sh" "$@"
