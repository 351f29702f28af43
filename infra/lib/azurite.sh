# Sourced by infra/up and bench/run-engine: starts the pinned Azurite on free loopback ports (it binds port 0 and
# says which) with its files under a directory, and makes the connection string for it.
#   start_azurite LOCATION LOG   sets azurite_pid and storage (the connection string); returns 1 if it did not start.
# With azurite_in_memory=1 set, Azurite keeps everything in memory (--inMemoryPersistence, LOCATION unused): the
# benches use it to tell what Azurite's own persistence costs (it writes its whole table database out as one JSON
# document every five seconds on the thread that serves every request) from what the engine costs.

azurite_account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

start_azurite() {
  local location="$1" log="$2" blob_port="" queue_port="" table_port=""
  local persistence=(--location "$location")
  [ "${azurite_in_memory:-0}" = 1 ] && persistence=(--inMemoryPersistence)
  "$root/infra/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry \
    "${persistence[@]}" \
    --blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 --tableHost 127.0.0.1 --tablePort 0 \
    >"$log" 2>&1 &
  azurite_pid=$!
  azurite_port() { sed -n "s|.*Azurite $1 service is successfully listening at http://127.0.0.1:\([0-9]*\).*|\1|p" "$log" | tail -1; }
  for _ in $(seq 1 300); do
    blob_port="$(azurite_port Blob)"; queue_port="$(azurite_port Queue)"; table_port="$(azurite_port Table)"
    [ -n "$blob_port" ] && [ -n "$queue_port" ] && [ -n "$table_port" ] && break
    kill -0 "$azurite_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$table_port" ] || [ -z "$queue_port" ] || [ -z "$blob_port" ]; then
    echo "infra: Azurite did not start; its output ($log):" >&2
    tail -n 20 "$log" >&2
    return 1
  fi
  azurite_blob_port="$blob_port"; azurite_queue_port="$queue_port"; azurite_table_port="$table_port"
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$azurite_account_key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
}
