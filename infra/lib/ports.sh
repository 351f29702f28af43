# Sourced by infra/up and bench/run-http: free loopback ports.
#   free_ports N   prints N distinct free loopback ports (held open together so that they differ, then released
#                  for the processes to bind).
free_ports() {
  node -e '
    const net = require("net"), n = Number(process.argv[1]), held = [];
    for (let i = 0; i < n; i++) {
      const server = net.createServer();
      server.listen(0, "127.0.0.1", () => {
        held.push(server);
        if (held.length === n) { console.log(held.map(s => s.address().port).join(" ")); held.forEach(s => s.close()); }
      });
    }' "$1"
}
