#!/bin/sh
# Forgets the app's link handler once the package is gone.
set -e
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
fi
exit 0
