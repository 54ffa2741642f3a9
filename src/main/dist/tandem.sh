#!/bin/sh
# Starts Tandem as 'java -jar tandem.jar' does, with a class-data-sharing archive (AppCDS) kept in the data
# directory, which makes warm starts several seconds faster (README, Startup).
#
# The first start (and the first after the JDK, tandem.jar, tandem.war or payara-micro.jar changed) runs with
# -XX:ArchiveClassesAtExit: when that server stops, the JVM writes the classes it loaded (the JDK's, Payara Micro's and
# the application's) to <data>/cds/ (about 100 MB; the stop takes a few seconds longer). Once the launcher has printed
# its ready line the archive is kept; the next start checks it (-Xshare:on) and from then on every start maps it with
# -XX:SharedArchiveFile. Java 17 has no option that creates a missing archive and uses an existing one in the same run
# (-XX:+AutoCreateSharedArchive came in Java 19), hence this script. It execs java, so the server keeps its process.
#
# Settings: the environment as for java -jar (TANDEM_*), JAVA (the java command), JAVA_OPTS (JVM options, e.g. -Xmx1g;
# a -Dtandem.data.dir given there is honoured), TANDEM_CDS=false (plain java -jar, no archive).
set -eu

home=$(cd "$(dirname "$0")" && pwd -P)
java=${JAVA:-java}
opts=${JAVA_OPTS:-}

if [ "${TANDEM_CDS:-true}" = "false" ]; then
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    exec "$java" $opts -jar "$home/tandem.jar"
fi

data=${TANDEM_DATA_DIR:-./data}
for opt in $opts; do
    case $opt in -Dtandem.data.dir=*) data=${opt#-Dtandem.data.dir=} ;; esac
done
cds="$data/cds"

# What an archive depends on: the JVM (its binary and module image) and the jars it was made from. The JVM itself
# refuses an archive whose class path jars changed; the WAR's classes are matched by content, so a new WAR only
# makes the archive less useful, and it is made again.
jvm=$(command -v "$java")
jvm=$(readlink -f "$jvm" 2>/dev/null || echo "$jvm")
set -- "$jvm" "$(dirname "$jvm")/../lib/modules" "$home/tandem.jar" "$home/payara-micro.jar" "$home/tandem.war"
stamp=$({ stat -L -c '%n %s %Y' "$@" 2>/dev/null || ls -lLd "$@" 2>/dev/null; } | cksum | cut -d' ' -f1)
archive="$cds/tandem-$stamp.jsa"

if [ ! -f "$archive" ] && [ -f "$archive.new" ]; then
    # Written when the previous server stopped: keep it if that server got ready and the JVM accepts the file.
    if [ -f "$archive.new.ready" ] \
        && "$java" -XX:SharedArchiveFile="$archive.new" -Xshare:on -cp "$home/tandem.jar" -version >/dev/null 2>&1; then
        mv "$archive.new" "$archive" || true
    fi
    rm -f "$archive.new" "$archive.new.ready"
fi

if [ -f "$archive" ]; then
    # shellcheck disable=SC2086
    exec "$java" -XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off $opts -jar "$home/tandem.jar"
fi

if ! mkdir -p "$cds" 2>/dev/null; then
    # shellcheck disable=SC2086
    exec "$java" $opts -jar "$home/tandem.jar" # no writable data directory here: the launcher will say so
fi
rm -f "$cds"/tandem-*.jsa "$cds"/tandem-*.jsa.new "$cds"/tandem-*.jsa.new.ready
# shellcheck disable=SC2086
exec "$java" -XX:ArchiveClassesAtExit="$archive.new" -Xlog:cds=off -Xlog:cds+dynamic=off $opts -jar "$home/tandem.jar"
