// Tensor.LiveCount is process-wide: tests asserting it must not overlap with others creating tensors.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
