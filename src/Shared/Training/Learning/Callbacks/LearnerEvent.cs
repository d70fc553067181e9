namespace Troupe.Training.Learning;

/// <summary>fastai's callback events, in the order a batch meets them.</summary>
internal enum LearnerEvent
{
    BeforeFit,
    BeforeEpoch,
    BeforeTrain,
    BeforeBatch,
    AfterPred,
    AfterLoss,
    BeforeBackward,
    AfterBackward,
    BeforeStep,
    AfterStep,
    AfterBatch,
    AfterTrain,
    BeforeValidate,
    AfterValidate,
    AfterEpoch,
    AfterFit,
    AfterCancelFit,
    AfterCancelEpoch,
    AfterCancelTrain,
    AfterCancelValidate,
    AfterCancelBatch,
    AfterCancelBackward,
    AfterCancelStep,
}
