# Sourced by infra/up and the bench/run-* scripts: starts the pinned Azurite on free loopback ports (it binds port 0;
# the ports are read from /proc) with its files under a directory, and makes the connection string for it.
#   start_azurite LOCATION LOG   sets azurite_pids, the ports and storage (the connection string); returns 1 if it
#                                did not start.
#   stop_azurite                 stops what start_azurite started (SIGTERM, then waits).
#   azurite_running              true while every Azurite process is alive.
# Azurite runs as three processes, one per service (azurite-blob, azurite-queue, azurite-table), their files in
# LOCATION, LOCATION/queues and LOCATION/tables. A Node process serves every request on one thread and, on disk, writes
# its whole table database out as one JSON document every five seconds while it changes (~2 s at 100,000 people's
# snapshots); in one process for all three, every log append (a blob) and feed message (a queue) waited behind that
# save, as they do not on Azure Storage, whose services stand apart.
# With azurite_in_memory=1 set, Azurite keeps everything in memory (--inMemoryPersistence, LOCATION unused): the
# benches use it to tell what Azurite's own persistence costs from what the engine costs.

azurite_account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
azurite_pids=()

start_azurite() {
  local location="$1" log="$2" blob_port="" queue_port="" table_port=""
  local service persistence
  local -A directory=([blob]="$location" [queue]="$location/queues" [table]="$location/tables")
  if [ "${azurite_in_memory:-0}" != 1 ]; then
    # A location written when one process served all three keeps its queues and tables at its top: move them once.
    mkdir -p "$location/queues" "$location/tables"
    local f
    for f in queues/__azurite_db_queue__.json queues/__azurite_db_queue_extent__.json queues/__queuestorage__ \
      tables/__azurite_db_table__.json; do
      if [ -e "$location/${f#*/}" ] && [ ! -e "$location/$f" ]; then mv "$location/${f#*/}" "$location/$f"; fi
    done
  fi
  : >"$log"
  azurite_pids=()
  for service in blob queue table; do
    persistence=(--location "${directory[$service]}")
    [ "${azurite_in_memory:-0}" = 1 ] && persistence=(--inMemoryPersistence)
    "$root/infra/node_modules/.bin/azurite-$service" --silent --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry \
      "${persistence[@]}" "--${service}Host" 127.0.0.1 "--${service}Port" 0 >>"$log" 2>&1 &
    azurite_pids+=($!)
  done
  for _ in $(seq 1 300); do
    blob_port="$(listening_port "${azurite_pids[0]}")"; queue_port="$(listening_port "${azurite_pids[1]}")"
    table_port="$(listening_port "${azurite_pids[2]}")"
    [ -n "$blob_port" ] && [ -n "$queue_port" ] && [ -n "$table_port" ] && break
    azurite_running || break
    sleep 0.1
  done
  if [ -z "$table_port" ] || [ -z "$queue_port" ] || [ -z "$blob_port" ]; then
    echo "infra: Azurite did not start; its output ($log):" >&2
    tail -n 20 "$log" >&2
    stop_azurite
    return 1
  fi
  azurite_blob_port="$blob_port"; azurite_queue_port="$queue_port"; azurite_table_port="$table_port"
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$azurite_account_key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
}

# The TCP port a process listens on, from /proc: azurite-table binds port 0 but says only "started on 127.0.0.1:0".
# Empty until it listens.
listening_port() {
  local fd inodes="" hex
  for fd in /proc/"$1"/fd/*; do
    fd="$(readlink "$fd" 2>/dev/null)" || continue
    case "$fd" in socket:\[*\]) inodes="$inodes ${fd:8:-1}" ;; esac
  done
  [ -n "$inodes" ] || return 0
  hex="$(awk -v inodes="$inodes " '$4 == "0A" && index(inodes, " " $10 " ") { split($2, a, ":"); print a[2]; exit }' /proc/net/tcp)"
  [ -n "$hex" ] && echo $((16#$hex))
  return 0
}

azurite_running() {
  local pid
  [ "${#azurite_pids[@]}" -gt 0 ] || return 1
  for pid in "${azurite_pids[@]}"; do kill -0 "$pid" 2>/dev/null || return 1; done
}

stop_azurite() {
  local pid
  for pid in "${azurite_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${azurite_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  azurite_pids=()
}
