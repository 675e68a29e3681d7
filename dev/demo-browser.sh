#!/bin/sh
# A scripted "browser" for the demo organization, for tests and screenshots: picks a person on the
# demo sign-in page, then follows the redirect back to Airlock, as a person would in a real browser.
#   BROWSER=dev/demo-browser.sh ./airlock signin
# AIRLOCK_DEMO_PERSON chooses who signs in: alex.rivera (Engineering, the default) or sam.lee (Sales).
set -eu
address=$1
case "${AIRLOCK_DEMO_PERSON:-alex.rivera}" in
  sam.lee) person=sam.lee; claims='{"name":"Sam Lee","email":"sam.lee@example.com","groups":["sales"]}' ;;
  *) person=alex.rivera; claims='{"name":"Alex Rivera","email":"alex.rivera@example.com","groups":["engineering"]}' ;;
esac
back=$(curl -s -o /dev/null -w '%{redirect_url}' \
  --data-urlencode "username=$person" --data-urlencode "claims=$claims" "$address")
[ -n "$back" ] || { echo "demo-browser: the sign-in page did not send the browser back" >&2; exit 1; }
# Airlock's page answers once sign-in has finished; a browser tab would simply wait
curl -s -o /dev/null "$back" &
