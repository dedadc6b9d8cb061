# Sourced by ./nn and ./test: points JAVA_HOME at a JDK 25 or newer, or stops with one line.
# Looks at $JAVA_HOME first, then every JDK under /usr/lib/jvm (and $CHAINRULE_JVM_DIR).
chainrule_pick_jdk() {
    local d v
    for d in "${JAVA_HOME:-}" "${CHAINRULE_JVM_DIR:-/usr/lib/jvm}"/*; do
        [ -n "$d" ] && [ -x "$d/bin/javac" ] || continue
        v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        if [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
            printf '%s\n' "$d"
            return 0
        fi
    done
    return 1
}

if ! JAVA_HOME="$(chainrule_pick_jdk)"; then
    echo "chainrule: no JDK 25 found (looked at \$JAVA_HOME and ${CHAINRULE_JVM_DIR:-/usr/lib/jvm}/*); install one, e.g. Temurin 25 (apt-get install temurin-25-jdk), or set JAVA_HOME to it." >&2
    exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
