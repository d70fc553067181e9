namespace Troupe.Training.Learning;

/// <summary>Calls one event on a callback, honouring fastai's inner-loop rule (run_train / run_valid).</summary>
internal static class CallbackDispatch
{
    public static bool IsInnerLoop(LearnerEvent e) => e is LearnerEvent.BeforeBatch or LearnerEvent.AfterPred or LearnerEvent.AfterLoss
        or LearnerEvent.BeforeBackward or LearnerEvent.AfterCancelBackward or LearnerEvent.AfterBackward or LearnerEvent.BeforeStep
        or LearnerEvent.AfterStep or LearnerEvent.AfterCancelBatch or LearnerEvent.AfterBatch;

    public static void Call(Callback cb, LearnerEvent e, bool training)
    {
        if (IsInnerLoop(e) && !(training ? cb.RunTrain : cb.RunValid)) return;
        switch (e)
        {
            case LearnerEvent.BeforeFit: cb.BeforeFit(); break;
            case LearnerEvent.BeforeEpoch: cb.BeforeEpoch(); break;
            case LearnerEvent.BeforeTrain: cb.BeforeTrain(); break;
            case LearnerEvent.BeforeBatch: cb.BeforeBatch(); break;
            case LearnerEvent.AfterPred: cb.AfterPred(); break;
            case LearnerEvent.AfterLoss: cb.AfterLoss(); break;
            case LearnerEvent.BeforeBackward: cb.BeforeBackward(); break;
            case LearnerEvent.AfterBackward: cb.AfterBackward(); break;
            case LearnerEvent.BeforeStep: cb.BeforeStep(); break;
            case LearnerEvent.AfterStep: cb.AfterStep(); break;
            case LearnerEvent.AfterBatch: cb.AfterBatch(); break;
            case LearnerEvent.AfterTrain: cb.AfterTrain(); break;
            case LearnerEvent.BeforeValidate: cb.BeforeValidate(); break;
            case LearnerEvent.AfterValidate: cb.AfterValidate(); break;
            case LearnerEvent.AfterEpoch: cb.AfterEpoch(); break;
            case LearnerEvent.AfterFit: cb.AfterFit(); break;
            case LearnerEvent.AfterCancelFit: cb.AfterCancelFit(); break;
            case LearnerEvent.AfterCancelEpoch: cb.AfterCancelEpoch(); break;
            case LearnerEvent.AfterCancelTrain: cb.AfterCancelTrain(); break;
            case LearnerEvent.AfterCancelValidate: cb.AfterCancelValidate(); break;
            case LearnerEvent.AfterCancelBatch: cb.AfterCancelBatch(); break;
            case LearnerEvent.AfterCancelBackward: cb.AfterCancelBackward(); break;
            case LearnerEvent.AfterCancelStep: cb.AfterCancelStep(); break;
            default: throw new ArgumentOutOfRangeException(nameof(e), $"CallbackDispatch: expected a LearnerEvent, got {(int)e}");
        }
    }
}
