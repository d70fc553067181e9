namespace Troupe.Training.Learning;

/// <summary>fastai's <c>ModelResetter</c>: resets the model's hidden state before every training and validation pass and after the fit.</summary>
public sealed class ModelResetter : Callback
{
    public override void BeforeTrain() => Learn.Model.Reset();

    public override void BeforeValidate() => Learn.Model.Reset();

    public override void AfterFit() => Learn.Model.Reset();
}
