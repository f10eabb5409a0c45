#!/bin/sh
# Removes what install.sh added. The configuration under /etc/flash-station and the results under
# /var/lib/flash-station stay unless --purge is given; --purge also removes the service user.
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
. "$here/layout.sh"

destdir="${DESTDIR:-}"
purge=no
while [ $# -gt 0 ]; do
    case "$1" in
        --purge) purge=yes; shift ;;
        --destdir) destdir="$2"; shift 2 ;;
        -h|--help) echo "usage: uninstall.sh [--purge] [--destdir DIR]"; exit 0 ;;
        *) echo "uninstall.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
if [ -z "$destdir" ] && [ "$(id -u)" != 0 ]; then
    echo "uninstall.sh: run as root (or give --destdir)" >&2
    exit 1
fi
root="$destdir"

if [ -z "$destdir" ] && command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now "$FS_UNIT_NAME" 2>/dev/null || true
fi

rm -f "$root$FS_UNIT" "$root$FS_RULES" "$root$FS_SYSUSERS" "$root$FS_LAUNCHER"
rm -rf "$root$FS_APP_DIR" "$root$FS_DOC_DIR"

if [ "$purge" = yes ]; then
    rm -rf "$root$FS_CONFIG_DIR" "$root$FS_STATE_DIR" "$root$FS_CACHE_DIR"
    if [ -z "$destdir" ] && getent passwd "$FS_USER" >/dev/null; then
        userdel "$FS_USER"
        ! getent group "$FS_USER" >/dev/null || groupdel "$FS_USER"
    fi
fi

if [ -z "$destdir" ]; then
    systemctl daemon-reload 2>/dev/null || true
    ! command -v udevadm >/dev/null 2>&1 || udevadm control --reload
fi
if [ "$purge" = yes ]; then
    echo "uninstall.sh: flash-station removed, with its configuration, results and user"
else
    echo "uninstall.sh: flash-station removed; kept $FS_CONFIG_DIR and $FS_STATE_DIR (--purge removes them)"
fi
