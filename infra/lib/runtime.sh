# The .NET runtime settings the silo (infra/up) and the in-process benches run with, where a project file cannot give
# them (docs/operations.md, "The silo's runtime"). Sourced; a value already in the environment wins.
#   DOTNET_GCgen0size: the smallest gen0 budget of each server GC heap, 256 MiB. The runtime reads it from the
#   environment only (it has no runtimeconfig.json name). A silo keeps every active person's records on a heap of
#   gigabytes, and each gen0 collection also scans what the old generations point into the young one, so fewer,
#   larger gen0 collections cost less: 100,000 people in memory, 22% more lines per CPU-second (docs/benchmarks.md).
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x10000000}"
