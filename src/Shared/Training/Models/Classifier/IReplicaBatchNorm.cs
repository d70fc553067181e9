namespace Troupe.Training.Models;

/// <summary>
/// A model whose BatchNorm layers can normalize over every replica's rows instead of this replica's alone (PyTorch's
/// SyncBatchNorm): in training, batch mean and variance are those of the whole batch and the running statistics are
/// updated with them, so replicas keep equal buffers and train as one replica does on the whole batch. In eval mode
/// the running statistics are used, as always. A data-parallel fit sets <see cref="Replicas"/> when it starts.
/// </summary>
internal interface IReplicaBatchNorm
{
    /// <summary>The group's sum; null: every BatchNorm normalizes the rows it is given (one replica).</summary>
    IReplicaSum? Replicas { get; set; }
}
