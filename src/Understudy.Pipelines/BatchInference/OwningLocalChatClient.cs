using Microsoft.Extensions.AI;
using Understudy.Engine.Inference;

namespace Understudy.Pipelines.BatchInference;

/// <summary>A <see cref="LocalChatClient"/> that also disposes the model it was built on, for a run that loaded it.</summary>
internal sealed class OwningLocalChatClient(LocalModel model) : DelegatingChatClient(new LocalChatClient(model))
{
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            model.Dispose();
        }
    }
}
