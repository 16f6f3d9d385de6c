using Understudy.Engine.Models.Blocks;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Understudy.Engine.Training;

/// <summary>
/// out = layer(x, context), keeping only x: forward runs without autograd; backward restores the random-number
/// state (so dropout draws the same masks), re-runs the layer with autograd on, back-propagates the incoming
/// gradient through it (which accumulates the layer's parameter gradients) and returns x's gradient.
/// Arguments of <c>apply</c>: x [B, T, hidden], the layer, the pass's <see cref="AttentionContext"/>.
/// </summary>
internal sealed class CheckpointedLayerFunction : SingleTensorFunction<CheckpointedLayerFunction>
{
    public override string Name => "CheckpointedDecoderLayer";

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        var layer = (nn.Module<Tensor, AttentionContext, Tensor>)vars[1];
        var context = (AttentionContext)vars[2];

        // Sliding-window masks are built on demand; record the ones this layer asks for so backward can reuse them.
        var windows = new List<int>();
        var masks = new List<Tensor>();
        var recording = With(context, context.Blocked, context.BlockedForWindow is null ? null : window =>
        {
            Tensor? mask = context.BlockedForWindow(window);
            if (mask is not null) { windows.Add(window); masks.Add(mask); }
            return mask;
        });
        using Tensor rng = random.get_rng_state();
        ctx.save_data("rng", rng.data<byte>().ToArray());
        ctx.save_data("layer", layer);
        ctx.save_data("windows", windows);
        ctx.save_data("has_blocked", context.Blocked is not null);
        Tensor output = layer.call(input, recording);
        ctx.save_for_backward([input, context.Cos, context.SinSigned, .. context.Blocked is null ? Array.Empty<Tensor>() : [context.Blocked], .. masks]);
        return output;
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradOutput)
    {
        var layer = (nn.Module<Tensor, AttentionContext, Tensor>)ctx.get_data("layer");
        var windows = (List<int>)ctx.get_data("windows");
        bool hasBlocked = (bool)ctx.get_data("has_blocked");
        List<Tensor> saved = ctx.get_saved_variables();
        try
        {
            int next = 3;
            Tensor? blocked = hasBlocked ? saved[next++] : null;
            var windowMasks = windows.ToDictionary(w => w, _ => saved[next++]);
            var context = new AttentionContext
            {
                Cos = saved[1],
                SinSigned = saved[2],
                Blocked = blocked,
                BlockedForWindow = window => windowMasks.TryGetValue(window, out Tensor? mask) ? mask : null,
            };

            using Tensor current = random.get_rng_state();
            using (Tensor replay = tensor((byte[])ctx.get_data("rng"), dtype: ScalarType.Byte))
                random.set_rng_state(replay);
            try
            {
                using var grad = enable_grad();
                using Tensor input = saved[0].detach().requires_grad_(true);
                using Tensor output = layer.call(input, context);
                autograd.backward([output], [gradOutput]);
                // One gradient per argument of apply: the layer and the context have none.
                return [input.grad!.detach(), null!, null!];
            }
            finally
            {
                random.set_rng_state(current);
            }
        }
        finally
        {
            foreach (Tensor t in saved) t.Dispose();
        }
    }

    private static AttentionContext With(AttentionContext context, Tensor? blocked, Func<int, Tensor?>? forWindow) => new()
    {
        Cos = context.Cos,
        SinSigned = context.SinSigned,
        Blocked = blocked,
        BlockedForWindow = forWindow,
        Cache = context.Cache,
        CacheOffset = context.CacheOffset,
    };
}
