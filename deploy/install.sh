#!/bin/sh
# Installs a built flash-station (station/target/quarkus-app) as a systemd service; see docs/operations.md.
# Running it again installs the same tree (an update replaces the application, never the configuration).
set -eu

usage() {
    cat <<USAGE
usage: install.sh [--app DIR] [--config FILE] [--destdir DIR] [--no-start]
  --app DIR      the built Quarkus application (default: station/target/quarkus-app of this source tree)
  --config FILE  the configuration installed as /etc/flash-station/application.properties when none exists yet
                 (default: config/application.properties of this source tree)
  --destdir DIR  install below DIR (also \$DESTDIR) without touching the running system: no user is created,
                 udev and systemd are not told; the sysusers.d file creates the user when that tree boots
  --no-start     enable the service but do not (re)start it now
USAGE
}

here="$(cd "$(dirname "$0")" && pwd)"
src="$(cd "$here/.." && pwd)"
. "$here/layout.sh"

app="$src/station/target/quarkus-app"
config="$src/config/application.properties"
destdir="${DESTDIR:-}"
start=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --app) app="$2"; shift 2 ;;
        --config) config="$2"; shift 2 ;;
        --destdir) destdir="$2"; shift 2 ;;
        --no-start) start=no; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

fail() { echo "install.sh: $*" >&2; exit 1; }

[ -f "$app/quarkus-run.jar" ] || fail "no built application at $app (run 'mvn -B package -DskipTests' first, or pass --app)"
[ -f "$config" ] || fail "no configuration file at $config (pass --config)"
if [ -z "$destdir" ]; then
    [ "$(id -u)" = 0 ] || fail "run as root (or give --destdir to install into a directory)"
    [ -x /usr/bin/java ] || fail "/usr/bin/java is missing: apt-get install openjdk-17-jre-headless"
    command -v systemctl >/dev/null 2>&1 || fail "systemctl is missing: this installer needs systemd"
else
    mkdir -p "$destdir"
    destdir="$(cd "$destdir" && pwd)"
fi
root="$destdir"

# Files are installed with fixed modes so that two runs, or two machines, give the same tree.
put() { # mode source target
    mkdir -p "$(dirname "$root$3")"
    cp "$2" "$root$3.tmp.$$"
    chmod "$1" "$root$3.tmp.$$"
    mv -f "$root$3.tmp.$$" "$root$3"
}

# The system user first, so that files below can be given its group.
put 0644 "$here/sysusers/flash-station.conf" "$FS_SYSUSERS"
if [ -z "$destdir" ] && ! getent passwd "$FS_USER" >/dev/null; then
    if command -v systemd-sysusers >/dev/null 2>&1; then
        systemd-sysusers "$FS_SYSUSERS"
    else
        useradd --system --user-group --home-dir "$FS_STATE_DIR" --no-create-home \
            --shell /usr/sbin/nologin --comment "flash-station daemon" "$FS_USER"
    fi
fi

# The application: a fresh copy next to the old one, then swapped in, so a failed copy leaves the old one.
staging="$root$FS_APP_DIR.new.$$"
rm -rf "$staging"
mkdir -p "$(dirname "$staging")"
cp -R "$app" "$staging"
find "$staging" -type d -exec chmod 0755 {} +
find "$staging" -type f -exec chmod 0644 {} +
rm -rf "$root$FS_APP_DIR"
mv "$staging" "$root$FS_APP_DIR"
put 0755 "$here/flash-station" "$FS_LAUNCHER"
put 0644 "$src/docs/operations.md" "$FS_DOC_DIR/operations.md"

# The configuration is the operator's once installed: never overwritten.
mkdir -p "$root$FS_CONFIG_DIR"
chmod 0755 "$root$FS_CONFIG_DIR"
if [ -e "$root$FS_CONFIG" ]; then
    echo "install.sh: keeping the existing $FS_CONFIG"
else
    put 0640 "$config" "$FS_CONFIG"
    [ -n "$destdir" ] || chgrp "$FS_USER" "$FS_CONFIG"
fi

put 0644 "$here/systemd/flash-station.service" "$FS_UNIT"
put 0644 "$here/udev/60-flash-station.rules" "$FS_RULES"

if [ -n "$destdir" ]; then
    echo "install.sh: installed into $destdir (user, udev and systemd left alone)"
    exit 0
fi
# systemd creates the state directory at the first start; create it now so that `sudo -u flash-station
# flash-station firmware ...` works before that (same owner and mode as StateDirectory= gives it).
install -d -m 0750 -o "$FS_USER" -g "$FS_USER" "$FS_STATE_DIR"
if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload
    udevadm trigger --action=change --subsystem-match=usb --subsystem-match=hidraw --subsystem-match=tty
fi
systemctl daemon-reload
systemctl enable "$FS_UNIT_NAME"
if [ "$start" = yes ]; then
    systemctl restart "$FS_UNIT_NAME"
    echo "install.sh: flash-station is running; 'journalctl -u flash-station -f' follows its log"
else
    echo "install.sh: flash-station is enabled; 'systemctl start flash-station' starts it"
fi
