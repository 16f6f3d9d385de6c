using Understudy.Engine.Models.Blocks;

namespace Understudy.Engine.Adapters;

/// <summary>One linear slot of a model: the block that holds it, the slot name and its Hugging Face module path.</summary>
/// <param name="Host">The block (attention or MLP) that owns the slot.</param>
/// <param name="SlotName">The slot, e.g. <c>q_proj</c>.</param>
/// <param name="Path">The module path as in the checkpoint, e.g. <c>model.layers.0.self_attn.q_proj</c>.</param>
public sealed record LoraTarget(IProjectionHost Host, string SlotName, string Path);
