#!/usr/bin/env bash
# Registrations alone, then during a flood of GET /api/disponibilites/32, on a
# running server (started with --jeton abcdefghijklmnopqrstu
# --limite-par-minute 0): registration p50/p99 and both rates, by wrk.
# Prints figures; asserts nothing. Usage: scripts/read-flood-probe.sh PORT
set -e
PORT=$1; URL=http://127.0.0.1:$PORT
TOKEN=abcdefghijklmnopqrstu
start=$(date -u -d "+10 days" +%Y-%m-%dT14:00:00)
end=$(date -u -d "+10 days" +%Y-%m-%dT16:00:00)
curl -s -o /dev/null -w "create %{http_code}\n" -X POST $URL/api/organisateur/ateliers -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d "{\"atelier\":{\"id\":\"charge-lecture\",\"territoire\":\"32\",\"titre\":\"Charge\",\"resume\":\"Charge.\",\"themes\":[\"Premiers pas\"],\"publics\":[\"Tout public\"],\"lieu\":{\"type\":\"lieu\",\"lieu_id\":\"fs-192\"},\"debut\":\"$start\",\"fin\":\"$end\",\"capacite\":100000,\"inscription\":{\"mode\":\"dans_l_app\"},\"organisateur\":\"Tests\"}}"
echo "== registrations alone"
SESSION=charge-lecture wrk -t1 -c10 -d8s --latency -s scripts/wrk-inscriptions.lua $URL | grep -E "Requests/sec|  99%|  50%"
echo "== registrations during a flood of GET /api/disponibilites/32"
wrk -t1 -c50 -d10s $URL/api/disponibilites/32 > /tmp/flood.txt &
sleep 1
SESSION=charge-lecture wrk -t1 -c10 -d8s --latency -s scripts/wrk-inscriptions.lua $URL | grep -E "Requests/sec|  99%|  50%"
wait
grep -E "Requests/sec" /tmp/flood.txt
