// One test at a time: trials train on the shared CPU cores, and deterministic trials share libtorch's process-wide generator gate.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
