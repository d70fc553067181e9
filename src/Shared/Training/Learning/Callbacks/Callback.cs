namespace Troupe.Training.Learning;

/// <summary>
/// fastai's <c>Callback</c>: hooks the Learner calls at every event of a fit, in increasing
/// <see cref="Order"/> (ties keep the order callbacks were added). A callback reads and changes the
/// Learner's state through <see cref="Learn"/> (fastai's <c>self.learn</c>) and may throw a
/// <see cref="CancelException"/> to skip the rest of a stage. The inner-loop events (before_batch ...
/// after_batch) reach a callback during training only if <see cref="RunTrain"/> and during validation
/// only if <see cref="RunValid"/>.
/// </summary>
public abstract class Callback
{
    private Learner? learn;

    /// <summary>Where this callback runs among the others (fastai: TrainEval -10, default 0, Recorder 50, schedulers 60).</summary>
    public virtual int Order => 0;

    public virtual bool RunTrain => true;

    public virtual bool RunValid => true;

    /// <summary>The Learner this callback is attached to.</summary>
    protected Learner Learn => learn ?? throw new InvalidOperationException($"{GetType().Name}: expected to be attached to a Learner, got none");

    internal void Attach(Learner learner)
    {
        if (learn is not null && !ReferenceEquals(learn, learner))
            throw new InvalidOperationException($"{GetType().Name}: expected a callback attached to one Learner, got a second one");
        learn = learner;
    }

    public virtual void BeforeFit() { }

    public virtual void BeforeEpoch() { }

    public virtual void BeforeTrain() { }

    public virtual void BeforeBatch() { }

    public virtual void AfterPred() { }

    public virtual void AfterLoss() { }

    public virtual void BeforeBackward() { }

    public virtual void AfterBackward() { }

    public virtual void BeforeStep() { }

    public virtual void AfterStep() { }

    public virtual void AfterBatch() { }

    public virtual void AfterTrain() { }

    public virtual void BeforeValidate() { }

    public virtual void AfterValidate() { }

    public virtual void AfterEpoch() { }

    public virtual void AfterFit() { }

    public virtual void AfterCancelFit() { }

    public virtual void AfterCancelEpoch() { }

    public virtual void AfterCancelTrain() { }

    public virtual void AfterCancelValidate() { }

    public virtual void AfterCancelBatch() { }

    public virtual void AfterCancelBackward() { }

    public virtual void AfterCancelStep() { }
}
