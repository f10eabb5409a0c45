# Where install.sh puts each file and what uninstall.sh removes: one list for both (sourced, not run).
FS_USER=flash-station
FS_APP_DIR=/opt/flash-station
FS_LAUNCHER=/usr/local/bin/flash-station
FS_CONFIG_DIR=/etc/flash-station
FS_CONFIG=$FS_CONFIG_DIR/application.properties
FS_UNIT_NAME=flash-station.service
FS_UNIT=/etc/systemd/system/$FS_UNIT_NAME
FS_RULES=/etc/udev/rules.d/60-flash-station.rules
FS_SYSUSERS=/etc/sysusers.d/flash-station.conf
FS_DOC_DIR=/usr/share/doc/flash-station
FS_STATE_DIR=/var/lib/flash-station
FS_CACHE_DIR=/var/cache/flash-station
