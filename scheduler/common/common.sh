# shellcheck shell=sh disable=SC2034 # its variables are read by the scripts that source it
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared by the macOS (launchd) and Linux (systemd) scheduler scripts and by
# the POSIX runner: checks of the settings, the java the job will see, and
# quoting for the files the installers write. Sourced, never run.
#
# Every check reports a problem with the setting's name, its value and how to
# fix it, and keeps going, so one install attempt lists every problem at once;
# sched_end_checks then exits 4 (the codexsync exit code for bad config/args).

SCHED_PROBLEMS=0
# Where the settings came from, named in every fix hint. Callers overwrite it.
SCHED_SETTINGS_FILE=${SCHED_SETTINGS_FILE:-"the settings file"}

sched_say() {
  printf 'codexsync scheduler: %s\n' "$*" >&2
}

# sched_problem NAME VALUE PROBLEM FIX
sched_problem() {
  SCHED_PROBLEMS=$((SCHED_PROBLEMS + 1))
  printf "codexsync scheduler: %s = '%s' %s\n  fix: %s (in %s)\n" "$1" "$2" "$3" "$4" "$SCHED_SETTINGS_FILE" >&2
}

sched_end_checks() {
  if [ "$SCHED_PROBLEMS" -gt 0 ]; then
    sched_say "$SCHED_PROBLEMS setting(s) need fixing; nothing was installed or run"
    exit 4
  fi
}

# Command-line helpers shared by the installers, uninstallers and the runner.

# sched_need_value ARGC OPTION [--usage]: exits 4 when OPTION (the first of
# ARGC remaining arguments) has no value after it; --usage also prints the
# calling script's usage() to stderr.
sched_need_value() {
  if [ "$1" -lt 2 ]; then
    sched_say "$2 needs a value"
    if [ "${3:-}" = --usage ]; then
      usage >&2
    fi
    exit 4
  fi
}

# An argument the calling script does not know: named, its usage() on
# stderr, exit 4.
sched_unknown_argument() { # ARG
  sched_say "unknown argument: $1"
  usage >&2
  exit 4
}

# Checks the --settings file (a name without a slash is taken from the
# current folder) and sets SCHED_SETTINGS_FILE to it, for the caller to source
# (the caller sources it itself, so shellcheck -x follows the settings file).
sched_settings_file() { # FILE
  SCHED_SETTINGS_FILE=$1
  # '.' looks a name without a slash up on PATH, not in the current folder.
  case $SCHED_SETTINGS_FILE in */*) ;; *) SCHED_SETTINGS_FILE=./$SCHED_SETTINGS_FILE ;; esac
  if [ ! -f "$SCHED_SETTINGS_FILE" ]; then
    sched_say "settings file not found: $SCHED_SETTINGS_FILE"
    exit 4
  fi
}

# The uninstallers' whole command line: [--settings FILE] [-h | --help].
# Checks the settings file as sched_settings_file does.
sched_settings_only_arguments() { # DEFAULT_SETTINGS ARGS...
  _settings=$1
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      --settings)
        sched_need_value $# "$1"
        _settings=$2
        shift 2
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      *) sched_unknown_argument "$1" ;;
    esac
  done
  sched_settings_file "$_settings"
}

# The job settings both installers share (checked in this order): the
# checkout, the catalog, the jbang launcher (its resolved path is left in
# SCHED_JBANG_PATH), the codexsync config and the mode.
sched_check_job_settings() {
  sched_check_codexsync_dir CODEXSYNC_DIR "${CODEXSYNC_DIR:-}"
  sched_check_catalog CATALOG "${CATALOG:-}"
  sched_check_command JBANG "${JBANG:-}"
  SCHED_JBANG_PATH=$SCHED_RESOLVED
  sched_check_config_file CONFIG_FILE "${CONFIG_FILE:-}"
  sched_check_mode MODE "${MODE:-}"
}

sched_is_absolute() {
  case $1 in /*) return 0 ;; *) return 1 ;; esac
}

# The checkout that holds the jbang launcher and scheduler/.
sched_check_codexsync_dir() { # NAME VALUE
  if ! sched_is_absolute "$2"; then
    sched_problem "$1" "$2" "is not an absolute path" "set $1 to the full path of your codexsync checkout"
  elif [ ! -d "$2" ]; then
    sched_problem "$1" "$2" "is not an existing folder" "set $1 to the full path of your codexsync checkout"
  fi
}

# A URL, a folder holding jbang-catalog.json, or the catalog file itself.
sched_check_catalog() { # NAME VALUE
  case $2 in
    https://* | http://*) return 0 ;;
    '') sched_problem "$1" "$2" "is empty" "set $1 to your checkout folder (holding jbang-catalog.json) or a catalog URL" ;;
    *)
      if ! sched_is_absolute "$2"; then
        sched_problem "$1" "$2" "is neither a URL nor an absolute path" \
          "set $1 to the full path of a folder holding jbang-catalog.json, or to an https:// URL"
      elif [ -d "$2" ] && [ ! -f "$2/jbang-catalog.json" ]; then
        sched_problem "$1" "$2" "is a folder without jbang-catalog.json" \
          "set $1 to your codexsync checkout (the folder with jbang-catalog.json)"
      elif [ ! -e "$2" ]; then
        sched_problem "$1" "$2" "does not exist" \
          "set $1 to the full path of a folder holding jbang-catalog.json, or to an https:// URL"
      fi
      ;;
  esac
}

# An executable path, or a command name found on PATH. On success
# SCHED_RESOLVED holds its absolute path: the job's PATH is not the user's.
sched_check_command() { # NAME VALUE
  SCHED_RESOLVED=
  case $2 in
    '') sched_problem "$1" "$2" "is empty" "set $1 to the jbang launcher, e.g. \$CODEXSYNC_DIR/jbang" ;;
    */*)
      if ! sched_is_absolute "$2"; then
        sched_problem "$1" "$2" "is not an absolute path" "set $1 to the full path of the jbang launcher"
      elif [ ! -f "$2" ] || [ ! -x "$2" ]; then
        sched_problem "$1" "$2" "is not an executable file" \
          "set $1 to the jbang launcher of your checkout (\$CODEXSYNC_DIR/jbang) and make it executable (chmod +x)"
      else
        SCHED_RESOLVED=$2
      fi
      ;;
    *)
      SCHED_RESOLVED=$(command -v "$2" 2>/dev/null || true)
      if ! sched_is_absolute "$SCHED_RESOLVED"; then
        SCHED_RESOLVED=
        sched_problem "$1" "$2" "is not a command on PATH" \
          "install JBang, or set $1 to the launcher of your checkout (\$CODEXSYNC_DIR/jbang)"
      fi
      ;;
  esac
}

# The codexsync config (TOML) the job passes with -c.
sched_check_config_file() { # NAME VALUE
  if ! sched_is_absolute "$2"; then
    sched_problem "$1" "$2" "is not an absolute path" "set $1 to the full path of your config.toml"
  elif [ ! -f "$2" ]; then
    sched_problem "$1" "$2" "is not an existing file" \
      "create it with './jbang codexsync.java init-config --output $2' in your checkout, or set $1 to your config.toml"
  elif [ ! -r "$2" ]; then
    sched_problem "$1" "$2" "is not readable" "make it readable by you (chmod u+r), or set $1 to another file"
  fi
}

sched_check_mode() { # NAME VALUE
  case $2 in
    dry-run | apply) ;;
    *) sched_problem "$1" "$2" "must be dry-run or apply" \
      "set $1=dry-run (switch to apply only after a dry run's log looked right)" ;;
  esac
}

sched_check_int_min() { # NAME VALUE MIN
  case $2 in
    '' | *[!0-9]*) sched_problem "$1" "$2" "is not a whole number" "set $1 to a whole number, $3 or more" ;;
    *)
      # Strip leading zeros so the shell does not read the number as octal.
      _n=$(printf '%s' "$2" | sed 's/^0*//')
      if [ -z "$_n" ] || [ "${#_n}" -lt "${#3}" ] || { [ "${#_n}" -eq "${#3}" ] && [ "$_n" -lt "$3" ]; }; then
        sched_problem "$1" "$2" "is less than $3" "set $1 to $3 or more"
      fi
      ;;
  esac
}

sched_check_bool() { # NAME VALUE
  case $2 in
    true | false) ;;
    *) sched_problem "$1" "$2" "must be true or false" "set $1=true or $1=false" ;;
  esac
}

# launchd labels and systemd unit names: letters, digits, . _ - (no spaces,
# no slashes, no systemd template '@'), so they are safe in file names too.
sched_check_name() { # NAME VALUE EXAMPLE
  case $2 in
    '' | [!A-Za-z0-9]* | *[!A-Za-z0-9._-]*)
      sched_problem "$1" "$2" "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'" \
        "set $1=\"$3\""
      ;;
  esac
}

# A log file path: absolute and not a folder. Its folder is created on install.
sched_check_log_file() { # NAME VALUE
  if ! sched_is_absolute "$2"; then
    sched_problem "$1" "$2" "is not an absolute path" "set $1 to the full path of a log file"
  elif [ -d "$2" ]; then
    sched_problem "$1" "$2" "is a folder, not a file" "set $1 to a file path inside that folder"
  fi
}

# A systemd time span such as 15min, 1h 30min, 900, 2h: number+unit groups.
# Prints its length in whole seconds, or nothing when it is not one.
sched_timespan_seconds() { # VALUE
  printf '%s\n' "$1" | awk '
    {
      s = $0; total = 0; n = 0
      while (s != "") {
        if (match(s, /^[ \t]+/)) { s = substr(s, RLENGTH + 1); continue }
        if (!match(s, /^[0-9]+(\.[0-9]+)?/)) exit 1
        num = substr(s, 1, RLENGTH) + 0; s = substr(s, RLENGTH + 1)
        match(s, /^[a-z]*/); unit = substr(s, 1, RLENGTH); s = substr(s, RLENGTH + 1)
        if (unit == "" || unit ~ /^(s|sec|second|seconds)$/) f = 1
        else if (unit ~ /^(ms|msec)$/) f = 0.001
        else if (unit ~ /^(us|usec)$/) f = 0.000001
        else if (unit ~ /^(m|min|minute|minutes)$/) f = 60
        else if (unit ~ /^(h|hr|hour|hours)$/) f = 3600
        else if (unit ~ /^(d|day|days)$/) f = 86400
        else if (unit ~ /^(w|week|weeks)$/) f = 604800
        else exit 1
        total += num * f; n++
      }
      if (n == 0) exit 1
      printf "%d\n", total
    }'
}

sched_check_timespan() { # NAME VALUE MIN_SECONDS EXAMPLE
  _secs=$(sched_timespan_seconds "$2" || true)
  if [ -z "$_secs" ]; then
    sched_problem "$1" "$2" "is not a systemd time span" "set $1 to e.g. \"$4\" (units: s, min, h, d)"
  elif [ "$_secs" -lt "$3" ]; then
    sched_problem "$1" "$2" "is shorter than $3 seconds" "set $1 to $3s or more, e.g. \"$4\""
  fi
}

# The java the job will run with. launchd and systemd start jobs with a bare
# PATH, so the installer records the java it sees now: JAVA_HOME when it holds
# bin/java, else the folder of the java on PATH. Sets SCHED_JAVA_HOME (may be
# empty) and SCHED_TASK_PATH.
sched_find_java() {
  SCHED_JAVA_HOME=
  _java_dir=
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    SCHED_JAVA_HOME=$JAVA_HOME
    _java_dir=$JAVA_HOME/bin
  else
    _java=$(command -v java 2>/dev/null || true)
    if sched_is_absolute "$_java"; then
      _java_dir=$(dirname "$_java")
    fi
  fi
  if [ -z "$_java_dir" ]; then
    sched_problem "JAVA_HOME" "${JAVA_HOME:-}" "holds no bin/java and there is no java on PATH" \
      "install a JDK 17+ and run the installer from a shell where 'java -version' works"
  fi
  SCHED_TASK_PATH=${_java_dir:+$_java_dir:}/usr/local/bin:/opt/homebrew/bin:/usr/bin:/bin:/usr/sbin:/sbin
}

# Escapes & < > " ' for an XML text node.
sched_xml_escape() { # VALUE
  printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' -e "s/'/\&apos;/g"
}

# One argument of a systemd ExecStart= line: double-quoted, with \ and "
# escaped, and % and $ doubled so systemd expands neither specifiers nor
# variables inside our paths.
sched_systemd_quote() { # VALUE
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/%/%%/g' -e 's/\$/$$/g')"
}

# A value of a systemd setting that is not split into words (WorkingDirectory=,
# Environment= inside quotes): only % needs doubling.
sched_systemd_escape_percent() { # VALUE
  printf '%s' "$1" | sed -e 's/%/%%/g'
}

# Environment="NAME=VALUE" for a systemd unit: \ and " escaped inside the
# quotes, % doubled (no specifiers; Environment= expands no $ variables).
sched_systemd_environment() { # NAME VALUE
  printf 'Environment="%s=%s"\n' "$1" "$(printf '%s' "$2" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/%/%%/g')"
}
