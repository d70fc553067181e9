// Torch keeps one global RNG and one live-tensor count: seeded and leak-checking specs must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
