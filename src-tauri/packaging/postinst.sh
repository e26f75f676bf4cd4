#!/bin/sh
# Makes the desktop database know at once that dvclink opens vn.gov.dichvucong.dvclink: links,
# which is how the VNeID sign-in comes back to the app.
set -e
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
fi
exit 0
